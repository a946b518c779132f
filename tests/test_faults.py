"""Faults outside reader's control: files that vanish or lock while being read, a folder of
10,000 files with a few bad ones, symlink loops, FIFOs, read-only folders, a locked or foreign
cache database, and SIGINT/SIGTERM during analysis. Each ends in a notice or one clear line on
stderr, never a traceback, and leaves the cache valid."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from faults import make_read_only, make_unreadable, restore_writable

from reader.cli import main
from reader.model.analysis import runner as runner_mod
from reader.model.analysis.results import FileAnalysis
from reader.model.corpus.corpus import Corpus
from reader.model.ingest.discovery import discover
from reader.model.ingest.files import load_files, read_source
from reader.model.ingest.notice_summary import summarise
from reader.model.store import analysis_cache as cache_mod
from reader.model.store import paths
from reader.model.store.analysis_cache import AnalysisCache
from reader.model.store.reading_state import ReadingState, StateStore

ROOT = Path(__file__).resolve().parent.parent
BODY = "The council met on Tuesday to discuss the budget. Members said the plan would change.\n"


def story(i: int) -> str:
    return f"Story number {i}\n\n{BODY}"


def write_stories(d: Path, n: int, per_folder: int = 1000) -> None:
    for i in range(n):
        sub = d / f"part{i // per_folder}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"s{i:05d}.txt").write_text(story(i), encoding="utf-8")


# -- files that change under us -----------------------------------------------------------------


def test_files_vanishing_or_locked_between_listing_and_reading(tmp_path, monkeypatch):
    for name in ("a", "gone", "locked", "z"):
        (tmp_path / f"{name}.txt").write_text(story(0).replace("0", name), encoding="utf-8")
    found, notices = discover([tmp_path])
    assert len(found) == 4 and not notices
    (tmp_path / "gone.txt").unlink()
    make_unreadable(tmp_path / "locked.txt", monkeypatch)
    results = {p.name: (src, notes) for p, src, _arts, notes in load_files(found)}
    assert results["a.txt"][0] is not None and results["z.txt"][0] is not None
    gone, locked = results["gone.txt"], results["locked.txt"]
    assert gone[0] is None and [n.message for n in gone[1]] == ["cannot read (No such file or directory)"]
    assert locked[0] is None and [n.message for n in locked[1]] == ["cannot read (Permission denied)"]


def test_a_fifo_or_device_named_txt_is_never_read(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait forever for a writer
    (tmp_path / "zero.txt").symlink_to("/dev/zero")  # and this would never end
    (tmp_path / "ok.txt").write_text(story(1), encoding="utf-8")
    corpus = Corpus.load([tmp_path])
    assert [a.title for a in corpus.articles] == ["Story number 1"]
    assert sorted((Path(n.path).name, n.message) for n in corpus.notices) == [
        ("pipe.txt", "skipped (not a regular file)"),
        ("zero.txt", "skipped (not a regular file)"),
    ]
    with pytest.raises(ValueError, match="not a regular file"):  # a FIFO swapped in after listing
        read_source(tmp_path / "pipe.txt")


# -- a big folder with a few bad files ------------------------------------------------------------


def test_ten_thousand_files_with_a_few_bad_ones(tmp_path, monkeypatch):
    d = tmp_path / "big"
    write_stories(d, 10_000)
    bad = d / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (bad / "undecodable.txt").write_bytes(b"\xef\xbb\xbfA title\n\nthen \xff\xfe bytes that are not UTF-8")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "locked.txt").write_text(story(99_999), encoding="utf-8")
    make_unreadable(bad / "locked.txt", monkeypatch)
    (bad / "dangling.txt").symlink_to(bad / "nowhere.txt")
    t0 = time.perf_counter()
    corpus = Corpus.load([d])
    seconds = time.perf_counter() - t0
    print(f"Corpus.load of 10,005 files: {seconds:.2f} s")  # reported, not asserted
    assert len(corpus.articles) == 10_000
    by_file = {Path(n.path).name: n.message for n in corpus.notices}
    assert len(corpus.notices) == len(by_file) == 5  # one notice per bad file
    assert by_file == {
        "binary.txt": "refused: binary file (not text)",
        "undecodable.txt": "refused: invalid utf-8 after its byte-order mark (invalid start byte)",
        "empty.txt": "refused: empty file",
        "locked.txt": "cannot read (Permission denied)",
        "dangling.txt": "skipped (a broken symlink)",
    }
    title, body = summarise(corpus.notices, [str(f.path) for f in corpus.files])
    assert title == "5 files skipped"
    lines = body.split("\n")
    assert len(lines) == 5 and lines[-1].startswith("… and 1 more")
    assert all(": " in line for line in lines[:4])


def test_summary_tells_skipped_files_from_other_notices(tmp_path):
    (tmp_path / "a.txt").write_text(story(1), encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    corpus = Corpus.load([tmp_path])
    title, body = summarise(corpus.notices, [str(f.path) for f in corpus.files])
    assert title == "1 file skipped · 1 other notice"
    assert "sidecar ignored" in body and "empty file" in body


# -- symlinks ------------------------------------------------------------------------------------


def test_symlink_loops_and_links_outside_are_read_once(tmp_path):
    news, outside = tmp_path / "news", tmp_path / "outside"
    (news / "inner").mkdir(parents=True)
    outside.mkdir()
    (news / "a.txt").write_text(story(1), encoding="utf-8")
    (news / "inner" / "b.txt").write_text(story(2), encoding="utf-8")
    (outside / "o.txt").write_text(story(3), encoding="utf-8")
    (news / "inner" / "loop").symlink_to(news, target_is_directory=True)  # into itself
    (news / "self").symlink_to(".", target_is_directory=True)
    (news / "out").symlink_to(outside, target_is_directory=True)  # a folder outside the tree
    (news / "out-again").symlink_to(outside, target_is_directory=True)
    (news / "alias.txt").symlink_to(news / "a.txt")  # a second name for a file
    found, notices = discover([news, outside / "o.txt", news / "a.txt"])
    assert sorted(p.name for p in found) == ["a.txt", "b.txt", "o.txt"]
    assert len({p.resolve() for p in found}) == len(found)
    skipped = sorted(Path(n.path).name for n in notices)
    assert skipped == ["loop", "out-again", "self"]
    assert all(n.message == "skipped (a link to a folder already read)" for n in notices)


# -- read-only state, cache and data folders ------------------------------------------------------


@pytest.fixture
def read_only_user_dirs(monkeypatch):
    dirs = [paths.state_dir(), paths.cache_dir(), paths.data_dir()]
    simulated = [make_read_only(d, monkeypatch) for d in dirs]
    yield all(simulated)
    for d in dirs:
        restore_writable(d)


def test_read_only_state_and_cache_dirs_give_one_notice_each(tmp_path, read_only_user_dirs, monkeypatch):
    store = StateStore()
    assert store.load("k") == ReadingState()
    assert store.save("k", ReadingState(last_article="x")) is False
    assert store.save("k", ReadingState(last_article="y")) is False
    assert len(store.notices) == 1 and "session only" in store.notices[0]  # one notice, not one per save
    assert store.load("k").last_article == "y"  # really kept for the session
    (tmp_path / "a.txt").write_text(story(1), encoding="utf-8")
    monkeypatch.setattr(runner_mod, "_run_nlp", fake_nlp)
    corpus = Corpus.load([tmp_path])
    stats = corpus.analyse()
    assert stats.files == 1 and corpus.analysed
    assert [n.message for n in corpus.notices] == [
        "analysis cache unavailable (unable to open database file); analysing without a cache"
    ]


def test_cli_works_with_read_only_dirs(tmp_path, read_only_user_dirs, monkeypatch, capsys):
    (tmp_path / "a.txt").write_text(story(1), encoding="utf-8")
    monkeypatch.setattr(runner_mod, "_run_nlp", fake_nlp)
    assert main(["articles", str(tmp_path), "--json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)[0]["title"] == "Story number 1" and not out.err
    assert main(["index", str(tmp_path), "--json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["cache"] is None
    assert out.err.count("analysis cache unavailable") == 1 and "Traceback" not in out.err
    assert main(["cache", "info"]) == 0
    assert "(unavailable)" in capsys.readouterr().out


def fake_nlp(corpus, rest, by_file, regions, keys, model, store, stats, *rest_args) -> None:
    """Stands in for spaCy: an empty analysis per file, saved like the real one."""
    for i in rest:
        corpus.set_analysis(i, FileAnalysis())
        if store is not None:
            store.put(keys[i], corpus.files[i].digest, model, FileAnalysis())
        stats.analysed += 1


# -- cache databases held by others ----------------------------------------------------------------


def test_foreign_database_with_other_tables_is_set_aside(tmp_path):
    p = tmp_path / "c.sqlite3"
    with sqlite3.connect(p) as db:
        db.execute("CREATE TABLE users (name TEXT)")
        db.execute("INSERT INTO users VALUES ('someone')")
    db.close()
    with AnalysisCache(p) as store:
        store.put("k", "d", "m", FileAnalysis())
        assert store.saved == 1 and len(store.notices) == 1 and "moved it aside" in store.notices[0]
    kept = list(tmp_path.glob("c.sqlite3.corrupt-*"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as db:  # their data, untouched
        assert db.execute("SELECT name FROM users").fetchall() == [("someone",)]
    db.close()


@pytest.mark.parametrize("lock", ["write", "exclusive"])
def test_locked_cache_is_one_notice_and_one_wait(tmp_path, monkeypatch, lock):
    """Another program holds the database: no set-aside (it is not damaged), one notice, and the
    busy wait is paid once, not once per file."""
    monkeypatch.setattr(cache_mod, "BUSY_TIMEOUT_S", 0.3)
    p = tmp_path / "c.sqlite3"
    with AnalysisCache(p) as store:
        store.put("old", "d", "m", FileAnalysis())
    holder = sqlite3.connect(p, isolation_level=None)
    if lock == "exclusive":
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO analyses VALUES ('x', 'd', 'm', x'00', 0)")
    try:
        t0 = time.perf_counter()
        store = AnalysisCache(p)
        for i in range(20):
            store.put(f"k{i}", "d", "m", FileAnalysis())
        elapsed = time.perf_counter() - t0
        assert store.saved == 0 and len(store.notices) == 1, store.notices
        assert "locked" in store.notices[0]
        assert elapsed < 20 * 0.3  # not a full wait per file
        store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert not list(tmp_path.glob("*.corrupt-*"))
    with AnalysisCache(p) as store:  # free again: the old entry is still there
        assert set(store.get_many(["old"])) == {"old"} and not store.notices


# -- signals during analysis ------------------------------------------------------------------------


def _env(tmp_path: Path) -> dict:
    env = dict(os.environ)
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        env[name] = str(tmp_path / "xdg" / name.lower())
    env.pop("READER_DEBUG", None)
    return env


def _entries(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM analyses WHERE model NOT IN ('open', 'corpus')").fetchone()[
            0
        ]  # per-file records only
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


@pytest.mark.parametrize(
    "command,sig", [("index", signal.SIGTERM), ("entities", signal.SIGINT)], ids=["index-SIGTERM", "entities-SIGINT"]
)
def test_signal_during_analysis_exits_cleanly_and_keeps_the_cache(tmp_path, monkeypatch, command, sig):
    pytest.importorskip("spacy")
    d = tmp_path / "news"
    d.mkdir()
    text = (
        'Foreign Minister Anna Berg met Paul Kim in Geneva on Monday. "We are close to a deal," '
        "Berg said after the meeting. The United Nations welcomed the talks in Lisbon.\n\n"
    )
    for i in range(48):  # three batches: the signal lands after the first is saved
        (d / f"r{i:02d}.txt").write_text(f"Talks resume, report {i}\n\n" + text * 3, encoding="utf-8")
    env = _env(tmp_path)
    db = tmp_path / "xdg" / "xdg_cache_home" / "reader" / "analysis.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", command, str(d)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while _entries(db) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    name = "interrupted" if sig == signal.SIGINT else "stopped by SIGTERM"
    assert proc.returncode == (130 if sig == signal.SIGINT else 128 + sig), err
    assert f"reader: {name}" in err and "Traceback" not in err and "Exception ignored" not in err, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = conn.execute("SELECT count(*) FROM analyses WHERE model NOT IN ('open', 'corpus')").fetchone()[
            0
        ]  # per-file records only
    conn.close()
    assert 0 < saved < 48
    # a second run re-uses what was saved (cancelled before spaCy: only the cache is read)
    monkeypatch.setenv("XDG_CACHE_HOME", env["XDG_CACHE_HOME"])
    stats = Corpus.load([d]).analyse(cancelled=lambda: True)
    assert stats.cached == saved
