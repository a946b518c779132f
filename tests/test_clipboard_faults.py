"""Clipboard helpers that hang or fail (issue 18, item 6): time-boxed, reported, never doubled.

A fake `xclip` on PATH (with DISPLAY set, pyperclip picks it) sleeps, fails or records what it
was given. pyperclip's own call would wait forever and ignore the exit status.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from conftest import messages_shown

from reader.ui import clipboard
from reader.ui.clipboard import system_copy


def fake_xclip(tmp_path: Path, monkeypatch, body: str) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    exe = bin_dir / "xclip"
    exe.write_text("#!/bin/sh\n" + body + "\n")
    exe.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return tmp_path


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]


def test_a_hanging_helper_is_time_boxed_reported_and_killed(tmp_path, monkeypatch):
    d = fake_xclip(tmp_path, monkeypatch, f'echo $$ > "{tmp_path}/pid"; exec sleep 600')
    t = time.monotonic()
    result = system_copy("a quote", timeout=1.0)
    assert time.monotonic() - t < 4
    assert result.route == "xclip" and not result.ok and "did not finish" in result.problem
    pid = int((d / "pid").read_text())
    assert not alive(pid)  # killed, not left hanging


def test_a_failing_helper_is_failed_not_copied(tmp_path, monkeypatch):
    fake_xclip(tmp_path, monkeypatch, "cat > /dev/null; exit 3")
    result = system_copy("a quote")
    assert not result.ok and "exit status 3" in result.problem


def test_a_working_helper_gets_the_text(tmp_path, monkeypatch):
    d = fake_xclip(tmp_path, monkeypatch, f'cat > "{tmp_path}/got"')
    result = system_copy("“We will” — Anna \udce9")  # a stray file-name byte becomes U+FFFD
    assert result.ok and result.route == "xclip"
    assert (d / "got").read_text(encoding="utf-8") == "“We will” — Anna \ufffd"


def test_no_second_helper_while_one_runs(tmp_path, monkeypatch):
    d = fake_xclip(tmp_path, monkeypatch, f'echo started >> "{tmp_path}/runs"; exec sleep 600')
    first: list = []
    th = threading.Thread(target=lambda: first.append(system_copy("one", timeout=1.5)))
    th.start()
    time.sleep(0.5)
    second = system_copy("two", timeout=1.5)
    th.join()
    assert not second.ok and "busy" in second.problem
    assert not first[0].ok
    assert (d / "runs").read_text().count("started") == 1


def test_no_clipboard_at_all(monkeypatch, tmp_path):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert system_copy("x").route is None


async def test_c_with_a_hanging_helper_says_failed_and_quit_is_prompt(tmp_path, monkeypatch, analysed):
    from reader.ui.app import ReaderApp
    from reader.ui.screens.citation import CitationScreen

    fake_xclip(tmp_path, monkeypatch, "exec sleep 600")
    monkeypatch.setattr(clipboard, "HELPER_TIMEOUT_S", 1.0)
    monkeypatch.setattr(clipboard.system_copy, "__defaults__", (1.0,))
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(".")  # the first quote
        await pilot.press("c")
        texts: list[str] = []
        for _ in range(60):
            await pilot.pause(0.1)
            texts = messages_shown(app)
            if isinstance(app.screen, CitationScreen) and any("xclip" in t for t in texts):
                break
        assert isinstance(app.screen, CitationScreen)
        assert any("xclip" in t and "did not finish" in t for t in texts), texts
        assert not any(t.startswith("Quote with") and "via terminal (OSC 52) + xclip" in t for t in texts)
        t = time.monotonic()
        await pilot.press("escape", "q")
    assert time.monotonic() - t < 5


@pytest.fixture
def analysed():
    from conftest import analyse_seeds

    return analyse_seeds()
