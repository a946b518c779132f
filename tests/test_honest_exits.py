"""Honest exits (issue 18, item 7): a crash exits non-zero, a killed index leaves no worker
tracebacks, a read-only cache is still read, a full disk is one notice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.model.analysis.results import FileAnalysis
from reader.model.store.analysis_cache import AnalysisCache

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def test_an_app_crash_exits_non_zero(monkeypatch, capsys):
    from textual.app import App

    from reader import cli
    from reader.ui import app as app_mod

    real_run = App.run
    monkeypatch.setattr(app_mod.ReaderApp, "run", lambda self, **kw: real_run(self, headless=True, **kw))

    def boom(self) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(app_mod.ReaderApp, "on_ready", boom)
    assert cli.main([str(SEEDS)]) == 1
    assert "stopped after an error" in capsys.readouterr().err


def test_a_read_only_cache_is_still_read(tmp_path, monkeypatch):
    """New results cannot be saved, but what is cached is read, before and after a failed save."""
    from faults import make_read_only, restore_writable
    from test_faults import fake_nlp, story

    from reader.model.analysis import runner as runner_mod
    from reader.model.corpus.corpus import Corpus
    from reader.model.store import paths

    monkeypatch.setattr(runner_mod, "_run_nlp", fake_nlp)
    tmp_path = tmp_path / "news"
    tmp_path.mkdir()
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(story(i), encoding="utf-8")
    Corpus.load([tmp_path]).analyse()
    for i in range(3, 5):
        (tmp_path / f"a{i}.txt").write_text(story(i), encoding="utf-8")
    cache = paths.cache_dir()
    try:
        make_read_only(cache, monkeypatch)
        store = AnalysisCache()
        corpus = Corpus.load([tmp_path])
        stats = corpus.analyse(cache=store)
        assert (stats.cached, stats.analysed) == (3, 2)
        keys = [corpus.file_keys[i] for i in range(5)]
        assert len(store.get_many(keys)) == 3  # still read after the saves failed
        notes = [n.message for n in corpus.notices]
        assert len(notes) == 1 and "not saved" in notes[0] and "without a cache" not in notes[0]
        store.close()
    finally:
        restore_writable(cache)


def test_a_full_cache_disk_is_one_notice_and_reading_goes_on(tmp_path):
    p = tmp_path / "c.sqlite3"
    with AnalysisCache(p) as store:
        store.put("old", "d", "m", FileAnalysis())
    store = AnalysisCache(p)
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL on growth
    big = FileAnalysis(quotes=[])
    for i in range(50):
        store.put_payload(f"k{i}", "d", "m", {"blob": "x" * 20_000, "i": i})
    assert len(store.notices) == 1 and "not saved" in store.notices[0]
    assert set(store.get_many(["old"])) == {"old"}  # still read
    store.put("another", "d", "m", big)
    assert len(store.notices) == 1
    store.close()


def _big_corpus(folder: Path) -> None:
    """Over N_PROCESS_WORDS of news text, so `reader index` forks worker processes."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    words, i = 0, 0
    while words < 260_000:
        t = texts[i % len(texts)]
        (folder / f"a{i:03d}.txt").write_text(t.replace("\n\n", f"\n\nCopy {i}. ", 1), encoding="utf-8")
        words += len(t.split())
        i += 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="process groups and /proc")
def test_a_killed_index_leaves_no_worker_tracebacks(tmp_path):
    folder = tmp_path / "big"
    folder.mkdir()
    _big_corpus(folder)
    err_path = tmp_path / "err.txt"
    with open(err_path, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "reader", "index", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            start_new_session=True,
        )
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and "analysed 1" not in err_path.read_text(errors="replace"):
        time.sleep(0.5)
    assert "analysed" in err_path.read_text(errors="replace"), "index never started analysing"
    proc.send_signal(signal.SIGKILL)  # the parent alone, as an OOM killer or `kill -9` would
    proc.wait(timeout=30)
    time.sleep(10)  # long enough for a worker to finish its batch and meet the broken pipe
    err = err_path.read_text(errors="replace")
    assert "Traceback" not in err and "BrokenPipeError" not in err, err[-2000:]
    left = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True).stdout.split()
    assert not left  # no orphaned worker still burning CPU
