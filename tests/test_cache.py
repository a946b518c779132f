"""The analysis cache: reuse, invalidation, damaged files, degraded modes, concurrent writers."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.model.analysis import pipeline as analysis
from reader.model.analysis.fingerprint import file_key
from reader.model.analysis.results import FileAnalysis, Mention, QuoteSpan
from reader.model.corpus.corpus import Corpus
from reader.model.store.analysis_cache import AnalysisCache

ROOT = Path(__file__).resolve().parent.parent

TEXTS = {
    "a.txt": "Talks resume in Geneva\n\nForeign Minister Anna Berg met Paul Kim in Geneva on Monday. "
    '"We are close to a deal," Berg said after the meeting.\n\nThe United Nations welcomed the talks.\n',
    "b.txt": "Storm reaches coast\n\nThe storm reached Lisbon late on Tuesday, officials in Portugal said. "
    "Mayor Carlos Moedas asked residents to stay indoors.\n",
    "c.txt": "Markets steady\n\nShares in Tokyo closed higher as Toyota reported profits. "
    '"It was a good quarter," said Akio Toyoda.\n',
}


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    for var in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    return tmp_path


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    d = tmp_path / "news"
    d.mkdir()
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "xdg_cache_home" / "reader" / "analysis.sqlite3"


def results(c: Corpus):
    return [(c.analyses[i].mentions, c.analyses[i].quotes) for i in range(len(c.files))]


def test_second_open_runs_no_ner(corpus_dir):
    first = Corpus.load([corpus_dir])
    before = analysis.nlp_docs
    s1 = first.analyse()
    assert s1.analysed == 3 and analysis.nlp_docs > before
    assert not first.notices

    runs = analysis.nlp_docs
    second = Corpus.load([corpus_dir])
    s2 = second.analyse()
    assert analysis.nlp_docs == runs  # not one document through spaCy
    assert (s2.cached, s2.analysed) == (3, 0)
    assert results(second) == results(first)
    assert [e.id for e in second.entities] == [e.id for e in first.entities]


def test_cached_results_are_decoded_when_first_used(corpus_dir):
    first = Corpus.load([corpus_dir])
    first.analyse()
    second = Corpus.load([corpus_dir])
    second.analyse()
    assert not any(isinstance(v, FileAnalysis) for v in second.analyses._d.values())  # nothing read yet
    art = second.articles[0]
    quotes = second.quotes_in(art)  # the file on screen is read and decoded ...
    assert quotes == first.quotes_in(first.articles[0])
    assert isinstance(second.analyses._d[second.file_index(art)], FileAnalysis)
    assert sum(not isinstance(v, FileAnalysis) for v in second.analyses._d.values()) == len(second.files) - 1  # alone
    assert results(second) == results(first)


def test_grouping_from_cached_results_keeps_none_of_them_decoded(corpus_dir, tmp_path):
    """The corpus step reads each file's result once and drops it: 100,000 kept took gigabytes."""
    first = Corpus.load([corpus_dir])
    first.analyse()
    with sqlite3.connect(cache_path(tmp_path)) as db:  # the corpus-level record gone: grouped again
        assert db.execute("DELETE FROM analyses WHERE key LIKE 'corpus:%'").rowcount == 1
    second = Corpus.load([corpus_dir])
    assert second.analyse().cached == 3
    assert second.entities and second.entities == first.entities
    assert not any(isinstance(v, FileAnalysis) for v in second.analyses._d.values())
    assert results(second) == results(first)  # each still decoded when used


def test_entities_reopen_from_the_corpus_cache_unchanged(corpus_dir, monkeypatch):
    from reader.model.corpus import aliases

    first = Corpus.load([corpus_dir])
    first.analyse()
    calls = []
    real = aliases.build_entities
    monkeypatch.setattr(aliases, "build_entities", lambda docs: calls.append(1) or real(docs))
    second = Corpus.load([corpus_dir])
    second.analyse()
    assert calls == []  # the groups came from the cache ...
    assert second.entities and second.entities == first.entities  # ... identical, evidence and all
    (corpus_dir / "b.txt").write_text(TEXTS["b.txt"] + "Paul Kim flew to Lisbon.\n", encoding="utf-8")
    third = Corpus.load([corpus_dir])
    third.analyse()
    assert calls == [1]  # one file changed: rebuilt
    kim = next(e for e in third.entities if e.name == "Paul Kim")
    assert {third.files[m.file].name for m in kim.mentions} == {"a.txt", "b.txt"}


def test_cached_open_never_imports_spacy(corpus_dir):
    Corpus.load([corpus_dir]).analyse()
    code = (
        "import sys\nfrom reader.model.corpus.corpus import Corpus\n"
        f"c = Corpus.load([{str(corpus_dir)!r}]); s = c.analyse()\n"
        "print(s.cached, s.analysed, 'spacy' in sys.modules, len(c.notices))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, env=dict(os.environ)
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["3", "0", "False", "0"]


def test_changed_file_is_reanalysed(corpus_dir):
    Corpus.load([corpus_dir]).analyse()
    (corpus_dir / "b.txt").write_text(TEXTS["b.txt"].replace("Lisbon", "Porto"), encoding="utf-8")
    c = Corpus.load([corpus_dir])
    s = c.analyse()
    assert (s.cached, s.analysed) == (2, 1)
    b = next(i for i, f in enumerate(c.files) if f.name == "b.txt")
    text = c.files[b].text
    assert all(text[m.start : m.end] == m.text for m in c.analyses[b].mentions)
    assert "Lisbon" not in {m.text for m in c.analyses[b].mentions}


def test_key_depends_on_bytes_regions_and_model():
    k = file_key("d" * 64, [[(0, 10)]], "m1")
    assert k == file_key("d" * 64, [[(0, 10)]], "m1")
    assert (
        len(
            {
                k,
                file_key("e" * 64, [[(0, 10)]], "m1"),
                file_key("d" * 64, [[(0, 11)]], "m1"),
                file_key("d" * 64, [[(0, 10)]], "m2"),
                file_key("d" * 64, [[(0, 5)], [(5, 10)]], "m1"),
            }
        )
        == 5
    )


def test_fingerprint_covers_what_the_analysis_imports_only():
    from reader.model.analysis.fingerprint import analysis_modules

    names = {p.name for p in analysis_modules()}
    # rules a file's result depends on, reached through imports from analysis.py / nlp.py
    assert {"pipeline.py", "nlp.py", "quotes.py", "entities.py", "attribution.py"} <= names
    # corpus-level, storage and UI-facing modules may change without invalidating the cache
    assert not names & {
        "analysis_cache.py",
        "reading_state.py",
        "aliases.py",
        "engine.py",
        "corpus.py",
        "jsonfile.py",
        "runner.py",
    }


def fake(n: int) -> FileAnalysis:
    return FileAnalysis(
        mentions=[Mention(i, i + 3, "PERSON", "Ann") for i in range(0, 40 * n, 40)],
        quotes=[QuoteSpan(1, 9, "x" * 8, "Ann", 0, 3, "said-after")],
    )


def fill(path: Path, n: int = 300) -> None:
    with AnalysisCache(path) as store:
        for i in range(n):
            store.put(f"k{i}", "d", "m", fake(1 + i % 50))
        assert store.saved == n


def test_round_trip_and_info(tmp_path):
    p = tmp_path / "c.sqlite3"
    fill(p, 20)
    with AnalysisCache(p) as store:
        got = store.get_many([f"k{i}" for i in range(25)])
        assert len(got) == 20 and got["k3"] == fake(4)
        info = store.info()
        assert (info.entries, info.models, info.enabled) == (20, {"m": 20}, True)
        assert store.clear() == 20 and store.info().entries == 0
        assert not store.notices


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "empty-header", "other-layout"])
def test_damaged_cache_is_set_aside_with_one_notice(corpus_dir, tmp_path, damage):
    p = cache_path(tmp_path)
    fill(p)
    if damage == "garbage":
        p.write_bytes(os.urandom(50_000))
    elif damage == "truncated":
        with open(p, "r+b") as f:
            f.truncate(p.stat().st_size // 3)
    elif damage == "foreign":
        p.unlink()
        with sqlite3.connect(p) as db:
            db.execute("CREATE TABLE analyses (key TEXT, something TEXT)")
            db.execute("INSERT INTO analyses VALUES ('a', 'b')")
        db.close()
    elif damage == "other-layout":  # our header, someone else's table
        with sqlite3.connect(p) as db:
            db.execute("DROP TABLE analyses")
            db.execute("CREATE TABLE analyses (key TEXT, something TEXT)")
        db.close()
    else:
        p.write_bytes(b"SQLite format 3\0" + b"\xff" * 84)
    c = Corpus.load([corpus_dir])
    s = c.analyse()
    assert s.analysed == 3 and c.entities
    notes = [str(n) for n in c.notices]
    assert len(notes) == 1 and "moved it aside" in notes[0], notes
    assert list(p.parent.glob("analysis.sqlite3.corrupt-*"))
    again = Corpus.load([corpus_dir])
    assert again.analyse().cached == 3 and not again.notices


def test_unreadable_entry_counts_as_missing(tmp_path):
    p = tmp_path / "c.sqlite3"
    fill(p, 3)
    with sqlite3.connect(p) as db:
        db.execute("UPDATE analyses SET data = x'00ff' WHERE key = 'k1'")
    db.close()
    with AnalysisCache(p) as store:
        assert set(store.get_many(["k0", "k1", "k2"])) == {"k0", "k2"}
        assert not store.notices


def test_unwritable_cache_dir_degrades_with_a_notice(corpus_dir, tmp_path, monkeypatch):
    blocker = tmp_path / "xdg_cache_home"
    blocker.write_text("a file where the cache folder should be")
    c = Corpus.load([corpus_dir])
    assert c.analyse().analysed == 3 and c.entities
    notes = [str(n) for n in c.notices]
    assert len(notes) == 1 and "analysing without a cache" in notes[0]


class FullDisk:
    """A connection whose writes fail as on a full disk."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql, *args):
        if sql.startswith("INSERT"):
            raise sqlite3.OperationalError("database or disk is full")
        return self.conn.execute(sql, *args)

    def close(self):
        self.conn.close()


def test_full_disk_degrades_with_one_notice(tmp_path):
    """Nothing more is saved (one notice), but what the cache holds is still read."""
    store = AnalysisCache(tmp_path / "c.sqlite3")
    store.put("old", "d", "m", fake(1))
    store._conn = FullDisk(store._conn)
    for i in range(5):
        store.put(f"k{i}", "d", "m", fake(1))
    assert store.saved == 1
    assert len(store.notices) == 1 and "not saved" in store.notices[0]
    assert set(store.get_many(["old", "k0"])) == {"old"}


WRITER = """
import sys
from reader.model.store.analysis_cache import AnalysisCache
from reader.model.analysis.results import FileAnalysis, Mention
store = AnalysisCache(sys.argv[1])
fa = FileAnalysis(mentions=[Mention(0, 3, "PERSON", "Ann")] * 50)
for i in range(300):
    store.put(f"{sys.argv[2]}{i}", "d", "m", fa)
    if i % 50 == 0:
        store.get_many([f"{sys.argv[2]}{j}" for j in range(i)])
print(store.saved, len(store.notices))
"""


def test_two_processes_writing_at_once(tmp_path):
    p = tmp_path / "shared.sqlite3"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(p), tag],
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for tag in ("a", "b")
    ]
    outs = [proc.communicate(timeout=120) for proc in procs]
    for proc, (out, err) in zip(procs, outs):
        assert proc.returncode == 0, err
        assert out.split() == ["300", "0"]
    with sqlite3.connect(p) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM analyses WHERE model != 'open'").fetchone()[0] == 600
    db.close()


@pytest.mark.parametrize("store", ["cache", "state"])
def test_a_database_another_process_creates_mid_check_is_not_set_aside(tmp_path, monkeypatch, store):
    """Two first runs at once: the other process creates the database between our reads of its
    id and its tables. Read one by one, that showed a table without our id (foreign: set aside)."""
    # (the injected writer fails at once when our read holds the file: it would wait its turn)
    from reader.model.store import analysis_cache, user_store

    module = analysis_cache if store == "cache" else user_store
    path = tmp_path / "db.sqlite3"
    if store == "cache":
        create, make = "CREATE TABLE analyses (key TEXT)", lambda: AnalysisCache(path)
    else:
        create, make = "CREATE TABLE meta (key TEXT)", lambda: user_store.UserStore(path)

    class Racing(sqlite3.Connection):
        raced = False

        def execute(self, sql, *args):
            if "sqlite_master" in sql and not Racing.raced:  # the other process's creation, now
                Racing.raced = True
                other = sqlite3.connect(path, timeout=0, isolation_level=None)
                try:
                    other.execute("BEGIN IMMEDIATE")
                    other.execute(create)
                    other.execute(f"PRAGMA application_id={module.APPLICATION_ID}")
                    other.execute(f"PRAGMA user_version={module.SCHEMA_VERSION}")
                    other.execute("COMMIT")
                except sqlite3.OperationalError:  # locked out by our read: it would wait its turn
                    pass
                finally:
                    other.close()
            return super().execute(sql, *args)

    connect = sqlite3.connect
    monkeypatch.setattr(module.sqlite3, "connect", lambda *a, **kw: connect(*a, **{**kw, "factory": Racing}))
    db = make()
    assert Racing.raced
    assert not [n for n in db.notices if "moved" in n or "aside" in n], db.notices
    assert not list(tmp_path.glob("db.sqlite3.*")), list(tmp_path.iterdir())


def test_cancel_keeps_finished_files(corpus_dir):
    c = Corpus.load([corpus_dir])
    s = c.analyse(cancelled=lambda: len(c.analyses) >= 1)
    assert s.cancelled and s.analysed == 1
    s2 = Corpus.load([corpus_dir]).analyse()
    assert (s2.cached, s2.analysed) == (1, 2)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env=dict(os.environ),
    )


def test_cli_index_and_cache_commands(corpus_dir):
    Corpus.load([corpus_dir]).analyse()  # in-process, so the CLI run below needs no spaCy
    out = run_cli("index", str(corpus_dir), "--json")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert (summary["files"], summary["cached"], summary["analysed"]) == (3, 3, 0)
    info = run_cli("cache", "info", "--json")
    assert info.returncode == 0 and json.loads(info.stdout)["entries"] == 3
    cleared = run_cli("cache", "clear")
    assert cleared.returncode == 0 and "removed 3" in cleared.stdout
    assert json.loads(run_cli("cache", "--json").stdout)["entries"] == 0


def test_two_processes_give_the_same_results(corpus_dir):
    one = Corpus.load([corpus_dir])
    one.analyse(cache=False, n_process=1)
    two = Corpus.load([corpus_dir])
    assert two.analyse(cache=False, n_process=2).n_process == 2
    assert results(two) == results(one)


CANCEL_TWO_PROCESSES = """
import sys, time
from reader.model.corpus.corpus import Corpus
c = Corpus.load([sys.argv[1]])
t = time.perf_counter()
s = c.analyse(n_process=2, cancelled=lambda: len(c.analyses) >= 1)
print(s.cancelled, s.analysed, s.n_process, round(time.perf_counter() - t, 1), file=sys.stderr)
"""


def test_cancelling_two_processes_does_not_hang(tmp_path):
    # Big enough that a worker's finished batch overflows a pipe buffer: spaCy's own cleanup
    # would then wait forever on a worker blocked writing it.
    d = tmp_path / "many"
    d.mkdir()
    body = "\n\n".join(TEXTS["a.txt"].split("\n\n")[1:] * 12)
    for i in range(24):
        (d / f"{i:02d}.txt").write_text(f"Report number {i}\n\n{body}", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", CANCEL_TWO_PROCESSES, str(d)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        env=dict(os.environ),
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr.split()[:3] == ["True", "1", "2"], out.stderr


def test_gc_pause_nests_across_threads_and_restores():
    import gc
    import threading

    from reader.model.gcpause import gc_paused

    assert gc.isenabled()
    inner_started, outer_done = threading.Event(), threading.Event()

    def other():
        with gc_paused():
            inner_started.set()
            outer_done.wait(5)
            assert not gc.isenabled()  # the first pause ended, this one still holds

    with gc_paused():
        t = threading.Thread(target=other)
        t.start()
        inner_started.wait(5)
    outer_done.set()
    t.join(5)
    assert gc.isenabled()


def test_made_long_lived_freezes_what_was_made_even_when_stopped():
    """A view's rows made in a worker are frozen before the collector runs again, so no young or
    full collection scans them (on the UI thread, the next one to allocate); a stopped worker's too."""
    import gc

    from reader.model.gcpause import made_long_lived

    class Row:
        pass

    before = gc.get_freeze_count()
    with made_long_lived():
        assert not gc.isenabled()
        rows = [Row() for _ in range(5000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(rows)
    try:
        with made_long_lived():
            more = [Row() for _ in range(5000)]
            raise RuntimeError("stopped")
    except RuntimeError:
        pass
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(rows) + len(more)
    gc.unfreeze()  # the test process's objects: collected as usual again


def test_a_rule_that_raises_on_one_file_costs_only_that_file(corpus_dir, monkeypatch):
    # a bug of the quote rules on one odd text must not cost the corpus its analysis: that file
    # keeps its entities, says what failed, and is not cached (the next open tries again)
    from reader.model.analysis import quotes

    real = quotes.find_and_attribute

    def flaky(doc, view, mentions):
        if "Toyota" in view.text:
            raise IndexError("a rule's bug")
        return real(doc, view, mentions)

    monkeypatch.setattr(quotes, "find_and_attribute", flaky)
    c = Corpus.load([corpus_dir])
    stats = c.analyse()
    assert stats.analysed == 3
    by_name = {f.name: i for i, f in enumerate(c.files)}
    bad, good = c.analyses[by_name["c.txt"]], c.analyses[by_name["a.txt"]]
    assert bad.mentions and not bad.quotes and "quote rules failed" in bad.failed
    assert good.quotes and not good.failed
    notes = [str(n) for n in c.notices]
    assert any("c.txt" in n and "quote rules failed (IndexError" in n for n in notes)
    # the good files were cached, the failed one was not
    monkeypatch.setattr(quotes, "find_and_attribute", real)
    again = Corpus.load([corpus_dir])
    before = analysis.nlp_docs
    assert again.analyse().analysed == 1 and analysis.nlp_docs == before + 1
    assert again.analyses[by_name["c.txt"]].quotes and not again.analyses[by_name["c.txt"]].failed


def test_a_failure_note_round_trips_and_other_records_keep_their_shape():
    fa = FileAnalysis(mentions=[Mention(0, 4, "PERSON", "Anna")], failed="quote rules failed (IndexError: x)")
    assert FileAnalysis.from_json(json.loads(json.dumps(fa.to_json()))).failed == fa.failed
    assert "failed" not in FileAnalysis(mentions=fa.mentions).to_json()
    with pytest.raises(ValueError):
        FileAnalysis.from_json({**FileAnalysis().to_json(), "failed": 3})


def test_reading_every_stored_result_in_batches_gives_each_and_keeps_none(tmp_path):
    """Analyses.each: what each file's own read gives, in order, a few queries for many files; a
    record gone from the cache is an empty result, said once."""
    from reader.model.corpus.lazy_results import Analyses

    path = tmp_path / "c.sqlite3"
    got = Analyses()
    with AnalysisCache(path) as store:
        for i in range(7):
            fa = FileAnalysis(mentions=[Mention(i, i + 4, "PERSON", f"N{i:03d}")])
            store.put(f"k{i}", "d", "m", fa)
            got.set_stored(i, path, f"k{i}")
        store.delete("k4")
    damaged = []
    got.on_damaged = lambda i, why: damaged.append(i)
    seen = list(got.each(7, batch=3))
    assert [fa.mentions for fa in seen] == [
        [Mention(i, i + 4, "PERSON", f"N{i:03d}")] if i != 4 else [] for i in range(7)
    ]
    assert damaged == [4]
    assert [i for i, v in got._d.items() if isinstance(v, FileAnalysis)] == [4]  # only the gone one, set aside


def test_quotes_read_ahead_follow_the_record_each_file_has_now(tmp_path):
    """quotes_of reads the next files' records with the one asked for; a file given another record
    since (analysed again) gives that one's quotes, not the one read ahead."""
    from reader.model.corpus.lazy_results import Analyses

    path = tmp_path / "c.sqlite3"
    got = Analyses()

    def stored(i: int, text: str) -> None:
        with AnalysisCache(path) as store:
            store.put(f"k{i}-{text}", "d", "m", FileAnalysis(quotes=[QuoteSpan(0, len(text), text)]))
        got.set_stored(i, path, f"k{i}-{text}")

    for i in range(5):
        stored(i, f"old {i}")
    assert [q.text for q in got.quotes_of(0).quotes] == ["old 0"]  # 1..4 read ahead
    stored(3, "new 3")
    assert [got.quotes_of(i).quotes[0].text for i in range(1, 5)] == ["old 1", "old 2", "new 3", "old 4"]
    assert not any(isinstance(v, FileAnalysis) for v in got._d.values())
