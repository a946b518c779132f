"""The CLI as users' scripts see it: JSON on stdout, one clear line per problem on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import write_bad_folder

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_articles_on_seeds():
    out = run("articles", "seeds", "--json")
    assert out.returncode == 0, out.stderr
    arts = json.loads(out.stdout)
    files = {Path(a["path"]).name for a in arts}
    assert len(files) == 5 and len(arts) == 8
    for a in arts:
        text = Path(a["path"]).read_text(encoding="utf-8")
        s, e = a["title_span"]
        assert text[s:e] == a["title"]
        assert a["start"] <= s and e <= a["end"]
        assert all(a["start"] <= p["start"] < p["end"] <= a["end"] for p in a["paragraphs"])
        assert set(a) >= {"id", "path", "title", "publisher", "date", "byline", "start", "end", "paragraphs", "words"}


def test_default_paths_are_the_bundled_seeds(tmp_path):
    out = run("articles", "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert len({a["path"] for a in json.loads(out.stdout)}) == 5


def test_bad_folder_lists_text_and_names_refused(tmp_path):
    expect = write_bad_folder(tmp_path / "bad")
    out = run("articles", str(tmp_path / "bad"), "--json")
    assert out.returncode == 0
    assert "Traceback" not in out.stderr
    titles = {Path(a["path"]).name: a["title"] for a in json.loads(out.stdout)}
    for name, title in expect.items():
        if title is None:
            lines = [line for line in out.stderr.splitlines() if name in line]
            assert len(lines) == 1, (name, out.stderr)
        else:
            assert titles[name] == title


def test_human_output_escapes_controls(tmp_path):
    write_bad_folder(tmp_path / "bad")
    out = run("articles", str(tmp_path / "bad"))
    assert "\x1b" not in out.stdout and "\x07" not in out.stdout
    assert "␛[31mred" in out.stdout


@pytest.mark.parametrize("args", [("--help",), ("--version",), ("articles", "--help")])
def test_help_and_version(args):
    out = run(*args)
    assert out.returncode == 0 and out.stdout


def test_nothing_readable_exits_nonzero(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    out = run("articles", str(tmp_path), "--json")
    assert out.returncode == 1 and "e.txt" in out.stderr and "Traceback" not in out.stderr
