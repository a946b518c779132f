"""Bad state never stops the rest (issue 18, item 5): each bad record set aside with a notice."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STORY = (
    "Council approves the harbour plan\n\n"
    'The council met on Tuesday. "We will begin in the spring," said Anna Berg, the mayor of Lyon.\n'
)


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "news"
    d.mkdir()
    for i in range(3):
        (d / f"s{i}.txt").write_text(STORY.replace("harbour", f"harbour {i}"), encoding="utf-8")
    return d


def test_a_deeply_nested_sidecar_is_a_notice_not_a_recursion_error(folder):
    (folder / "s0.txt.meta.json").write_text("[" * 100_000, encoding="utf-8")
    out = run("articles", str(folder), "--json")
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and "RecursionError" not in out.stderr
    assert "nested too deeply" in out.stderr and "s0.txt" in out.stderr
    assert len(json.loads(out.stdout)) == 3


def test_sidecar_values_of_the_wrong_type_are_refused_with_a_notice(folder):
    (folder / "s1.txt.meta.json").write_text(
        json.dumps(
            {"title": ["a", "list"], "date": "next week", "url": 5, "publisher": "Harbour Gazette", "byline": {}}
        ),
        encoding="utf-8",
    )
    (folder / "s2.meta.json").write_text(
        json.dumps({"date": "2021-02-30", "title": "  Set   by hand "}), encoding="utf-8"
    )
    out = run("articles", str(folder), "--json")
    assert out.returncode == 0, out.stderr
    arts = {Path(a["path"]).name: a for a in json.loads(out.stdout)}
    s1, s2 = arts["s1.txt"], arts["s2.txt"]
    assert s1["publisher"] == "Harbour Gazette" and s1["title"] == "Council approves the harbour 1 plan"
    assert s1["url"] is None and s1["date"] is None and s1["byline"] is None
    assert s2["title"] == "Set by hand" and s2["date"] is None  # 30 February is not a date
    for field in ("title ignored", "date ignored", "url ignored", "byline ignored"):
        assert field in out.stderr
    assert "2021-02-30" in out.stderr


def test_a_clipping_with_a_wrongly_typed_field_is_set_aside_and_the_rest_list(folder, tmp_path):
    from reader.model.store.clippings import clippings_path
    from reader.model.store.reading_state import corpus_key

    good = {
        "kind": "selection",
        "article": "a1",
        "path": str(folder / "s0.txt"),
        "start": 0,
        "end": 7,
        "text": "Council",
        "title": "Council approves",
    }
    bad = [dict(good, start=8, end=10, text="ap", note=5), dict(good, start=10, end=12, text="pr", title=None)]
    path = clippings_path(corpus_key([str(folder)]))  # as versions before the state database kept them
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps({"format": "reader-clippings", "version": 1, "data": {"items": [good, *bad]}}), encoding="utf-8"
    )
    out = run("clip", "list", str(folder), "--json")
    assert out.returncode == 0, out.stderr
    assert [c["text"] for c in json.loads(out.stdout)] == ["Council"]
    assert "2 unreadable clipping(s) set aside" in out.stderr and "Traceback" not in out.stderr
    human = run("clip", "list", str(folder))
    assert human.returncode == 0 and "Council" in human.stdout and "Traceback" not in human.stderr


def test_a_cache_row_of_the_wrong_shape_is_set_aside_and_analysed_again(folder):
    first = run("quotes", str(folder), "--json")
    assert first.returncode == 0, first.stderr
    want = json.loads(first.stdout)
    db = Path(os.environ["XDG_CACHE_HOME"]) / "reader" / "analysis.sqlite3"
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT key FROM analyses WHERE model NOT IN ('corpus', 'open')").fetchall()
        assert len(rows) == 3
        wrong = {"mentions": [[0, 5, "PERSON", 7]], "quotes": [{"start": "a", "end": 3, "text": 5}]}
        conn.execute(
            "UPDATE analyses SET data = ? WHERE key = ?", (zlib.compress(json.dumps(wrong).encode()), rows[0][0])
        )
        conn.execute(
            "UPDATE analyses SET data = ? WHERE key = ?", (zlib.compress(b"[" * 100_000 + b"]" * 100_000), rows[1][0])
        )
    conn.close()
    out = run("quotes", str(folder), "--json")
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and out.stderr.count("cached analysis was damaged") == 2
    assert len(json.loads(out.stdout)) == 1  # the third file's quote; the two damaged ones show none now
    again = run("quotes", str(folder), "--json")  # the damaged rows were dropped: analysed afresh
    assert again.returncode == 0 and "damaged" not in again.stderr
    assert json.loads(again.stdout) == want
