"""The app in a real pseudo-terminal (issue 18, items 1 and 6): a freezing regex, Esc on a running
search, stop signals during one, bytes that are not UTF-8, and a clipboard helper that hangs.

On code that searches with Python's backtracking engine on the UI thread, the app never answers
another key: these tests then fail at their deadline (and the app is killed), never hang.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from terminal import CTRL_R, ESC, ROOT, Terminal

pytestmark = pytest.mark.skipif(not hasattr(os, "forkpty"), reason="needs a pseudo-terminal")

ALT_SCREEN_OFF = b"\x1b[?1049l"


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "news"
    d.mkdir()
    (d / "a.txt").write_text(
        "Harbour plan approved\n\nThe council met on Tuesday. " + "a" * 40 + "b\n\nMembers said it would begin soon.\n",
        encoding="utf-8",
    )
    return d


def start(args: list[str], **env) -> Terminal:
    term = Terminal(args, {**os.environ, **env})
    assert term.wait_for(b"Harbour plan", 60), term.text()[-2000:]
    term.pump(0.5)
    return term


def find(term: Terminal, pattern: str) -> None:
    term.send("\t", 0.3)  # to the article: `/` in the list filters the list
    term.send("/", 0.5)
    term.send(CTRL_R, 0.3)
    assert term.wait_for("regex ✓".encode(), 10), term.text()[-2000:]  # the find bar, in regex mode
    for ch in pattern:  # one key at a time, as typed: each keystroke searches
        term.send(ch, 0.05)
    # every key reached the input before the test goes on: on a loaded machine the app can lag
    # a second behind, and an Esc sent then stops the search of a key typed before it, not the last
    # (the end of the pattern: a narrow input scrolls its start away)
    assert term.wait_for(pattern[-5:].encode(), 15), term.text()[-2000:]  # the input may scroll


def test_a_catastrophic_regex_does_not_freeze_the_app(corpus):
    term = start([str(corpus)])
    try:
        find(term, "(a+)+$")  # exponential in Python's engine on a line of a's
        term.pump(1.0)
        term.send(ESC, 0.3)  # close the bar
        term.send("q")
        assert term.wait_exit(15) == 0, term.text()[-2000:]
        assert ALT_SCREEN_OFF in term.output
    finally:
        term.close()


def test_esc_stops_a_running_search_and_a_second_esc_closes(corpus):
    term = start([str(corpus)])
    try:
        find(term, "(?=a)(a+)+$")  # lookahead: Python's engine, in a process with a deadline
        assert term.wait_for(b"searching", 10), term.text()[-2000:]
        term.pump(1.0)
        term.send(ESC, 0.5)
        assert term.wait_for(b"search stopped", 5), term.text()[-3000:]
        term.send(ESC, 1.0)  # a pause, so the Esc is not read with the next key as alt+q
        term.send("q")
        assert term.wait_exit(15) == 0, term.text()[-2000:]
    finally:
        term.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_stop_signals_work_during_a_running_search(corpus, sig):
    term = start([str(corpus)])
    try:
        find(term, "(?=a)(a+)+$")
        assert term.wait_for(b"searching", 10)
        term.pump(0.5)
        os.kill(term.pid, sig)
        assert term.wait_exit(15) == 128 + sig, term.text()[-2000:]
        assert ALT_SCREEN_OFF in term.output
    finally:
        term.close()


def test_bytes_that_are_not_utf8_on_input_do_not_crash_the_app(corpus):
    term = start([str(corpus)])
    try:
        term.send(b"\xe9\xff\xfe", 0.5)  # a paste from a Latin-1 terminal
        term.send("\t", 0.3)
        term.send("/", 0.3)
        term.send(b"caf\xe9", 0.5)  # into the find bar, too
        term.send(ESC, 0.3)
        term.send("q")
        assert term.wait_exit(15) == 0, term.text()[-3000:]
        assert b"UnicodeDecodeError" not in term.output and b"Traceback" not in term.output
    finally:
        term.close()


def test_a_hanging_clipboard_helper_is_reported_and_quit_is_clean(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "xclip").write_text("#!/bin/sh\nexec sleep 600\n")
    (bin_dir / "xclip").chmod(0o755)
    seeds = ROOT / "seeds"
    warm = subprocess.run(
        [sys.executable, "-m", "reader", "index", str(seeds)],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )
    assert warm.returncode == 0
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "DISPLAY": ":99"}
    term = Terminal([str(seeds)], {**os.environ, **env})
    try:
        assert term.wait_for(b"Analysed", 90), term.text()[-2000:]
        term.send(".", 0.5)  # the first quote
        term.send("c", 0.2)
        assert term.wait_for(b"did not finish", 15), term.text()[-3000:]
        term.send(ESC, 0.3)
        term.send("q")
        assert term.wait_exit(10) == 0, term.text()[-2000:]
        assert ALT_SCREEN_OFF in term.output
    finally:
        term.close()
