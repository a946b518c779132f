"""`reader index` on a Dask cluster: the same cache records, under the same keys, as the local
path; a cluster-built cache opens locally without spaCy; failures, foreign workers and Ctrl-C
end cleanly. One LocalCluster of two worker processes (one thread each) serves most tests."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
pytest.importorskip("spacy")

from reader.model.analysis import cluster  # noqa: E402
from reader.model.analysis import pipeline as analysis  # noqa: E402
from reader.model.corpus.corpus import Corpus  # noqa: E402
from reader.model.store.analysis_cache import AnalysisCache  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BENCH = next(
    (p / "shared" / "data" / "bench-corpus" for p in ROOT.parents if (p / "shared" / "data" / "bench-corpus").is_dir()),
    ROOT.parent / "shared" / "data" / "bench-corpus",
)


def _env(tmp: Path) -> dict:
    env = dict(os.environ)
    for name in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        env[name] = str(tmp / "xdg" / name.lower())
    env.pop("READER_DEBUG", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def _records(db: Path) -> dict[str, tuple[str, str, bytes]]:
    """key -> (digest, model, the JSON it holds), of the records analysis writes (not the open
    index's records of files read, nor the records of a corpus's cache keys and wire copies)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT key, digest, model, data FROM analyses WHERE model != 'open' AND key NOT LIKE 'plan:%' AND key NOT LIKE 'stories:%'"
        ).fetchall()
    finally:
        conn.close()
    return {k: (d, m, zlib.decompress(b)) for k, d, m, b in rows}


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    """The seeds and a few real Wikinews articles (or, without the shared data, the seeds twice)."""
    d = tmp_path_factory.mktemp("news")
    sources = sorted((ROOT / "seeds").glob("*.txt")) + sorted(BENCH.glob("GUM_news_*.txt"))[:5]
    for p in sources:
        (d / p.name).write_bytes(p.read_bytes())
    if not BENCH.is_dir():
        for p in sorted((ROOT / "seeds").glob("*.txt")):
            (d / f"again-{p.name}").write_bytes(p.read_bytes() + b"\nOne more line.\n")
    return d


@pytest.fixture(scope="module")
def local_cache(corpus_dir, tmp_path_factory) -> tuple[Path, Corpus]:
    """The corpus analysed the local way, into a cache of its own."""
    db = tmp_path_factory.mktemp("local") / "analysis.sqlite3"
    corpus = Corpus.load([corpus_dir])
    with AnalysisCache(db) as store:
        stats = corpus.analyse(cache=store, n_process=1)
    assert stats.analysed == len(corpus.files)
    return db, corpus


@pytest.fixture(scope="class")
def dask_cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
    ) as lc:
        yield lc


class TestOnOneCluster:
    """In this process, on one LocalCluster of two workers (shut down before the tests below,
    which start their own)."""

    def test_cluster_writes_the_local_records_and_opens_locally_without_spacy(
        self, dask_cluster, corpus_dir, local_cache, tmp_path
    ):
        local_db, local = local_cache
        db = tmp_path / "cluster.sqlite3"
        corpus = Corpus.load([corpus_dir])
        with cluster.DaskEngine(address=dask_cluster.scheduler_address).start() as engine:
            assert engine.threads() == 2
            with AnalysisCache(db) as store:
                before = analysis.nlp_docs
                stats = corpus.analyse(cache=store, engine=engine)
                assert analysis.nlp_docs == before  # spaCy ran on the workers, not here
        assert (stats.analysed, stats.cached, stats.failed) == (len(corpus.files), 0, 0)
        got, want = _records(db), _records(local_db)
        assert set(got) == set(want)  # the same keys, the corpus-level record included ...
        assert got == want  # ... holding the same bytes
        assert [e.id for e in corpus.entities] == [e.id for e in local.entities]
        assert corpus.entities == local.entities
        assert all(corpus.analyses[i] == local.analyses[i] for i in range(len(local.files)))

        reopened = Corpus.load([corpus_dir])  # on "the laptop": the cluster's cache, no spaCy
        with AnalysisCache(db) as store:
            runs = analysis.nlp_docs
            s2 = reopened.analyse(cache=store)
        assert analysis.nlp_docs == runs
        assert (s2.cached, s2.analysed) == (len(reopened.files), 0)
        assert reopened.entities == local.entities

    def test_a_failing_batch_is_reported_and_the_rest_saved(self, dask_cluster, tmp_path, monkeypatch):
        monkeypatch.setattr(cluster, "TASK_FILES", 2)  # several batches from six small files
        d = tmp_path / "news"
        d.mkdir()
        for p in sorted((ROOT / "seeds").glob("*.txt")):
            (d / p.name).write_bytes(p.read_bytes())
        (d / "poison.txt").write_text("Quarry report\n\nThe Zyxwv quarry reopened on Monday.\n", encoding="utf-8")

        def poison(dask_worker):  # on each worker: analysing the marked article raises
            from reader.model.analysis import pipeline

            real = pipeline.analyse_view

            def analyse_view(doc, view):
                if "Zyxwv" in view.text:
                    raise RuntimeError("injected failure")
                return real(doc, view)

            pipeline._real_analyse_view = real
            pipeline.analyse_view = analyse_view

        def heal(dask_worker):
            from reader.model.analysis import pipeline

            pipeline.analyse_view = pipeline._real_analyse_view

        engine = cluster.DaskEngine(address=dask_cluster.scheduler_address).start()
        engine.client.run(poison)
        corpus = Corpus.load([d])
        try:
            with AnalysisCache(tmp_path / "c.sqlite3") as store:
                stats = corpus.analyse(cache=store, engine=engine)
        finally:
            engine.client.run(heal)
            engine.close()
        # the poisoned file's batch failed after its retries; every other batch was saved
        assert stats.failed == 2 and stats.cancelled and stats.analysed == 4
        assert stats.analysed + stats.failed == len(corpus.files) == 6
        assert "poison.txt" in " ".join(stats.errors) and "injected failure" in " ".join(stats.errors)
        records = _records(tmp_path / "c.sqlite3")
        assert len(records) == stats.analysed  # each file that came back, and no corpus-level record
        assert all(m != "corpus" for _d, m, _j in records.values())
        assert not corpus.entities  # a partial corpus is not grouped

    def test_workers_running_other_code_are_refused(self, dask_cluster, monkeypatch):
        real = cluster.signature()
        monkeypatch.setattr(cluster, "signature", lambda: (real[0], "0" * 16, real[2]))  # this side "edited a rule"
        with pytest.raises(cluster.CodeMismatch, match="other analysis code"):
            cluster.DaskEngine(address=dask_cluster.scheduler_address).start()


def test_index_with_two_local_workers_then_a_local_open_runs_no_spacy(corpus_dir, local_cache, tmp_path):
    local_db, local = local_cache
    env = _env(tmp_path)
    out = subprocess.run(
        [sys.executable, "-m", "reader", "index", str(corpus_dir), "--workers", "2", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr, out.stderr
    summary = json.loads(out.stdout)
    assert (summary["analysed"], summary["worker_threads"]) == (len(local.files), 2)
    db = Path(summary["cache"])
    assert _records(db) == _records(local_db)
    code = (
        "import json, sys\nfrom reader.model.analysis import pipeline\nfrom reader.model.corpus.corpus import Corpus\n"
        f"c = Corpus.load([{str(corpus_dir)!r}]); s = c.analyse()\n"
        "print(json.dumps([s.cached, s.analysed, pipeline.nlp_docs, 'spacy' in sys.modules, 'distributed' in sys.modules,"
        " len(c.entities)]))\n"
    )
    opened = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert opened.returncode == 0, opened.stderr
    assert json.loads(opened.stdout) == [len(local.files), 0, 0, False, False, len(local.entities)]


def test_ctrl_c_stops_workers_quietly_and_keeps_the_cache(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    text = (
        'Foreign Minister Anna Berg met Paul Kim in Geneva on Monday. "We are close to a deal," '
        "Berg said after the meeting. The United Nations welcomed the talks in Lisbon.\n\n"
    )
    for i in range(120):
        (d / f"r{i:03d}.txt").write_text(f"Talks resume, report {i}\n\n" + text * 8, encoding="utf-8")
    env = _env(tmp_path)
    db = tmp_path / "xdg" / "xdg_cache_home" / "reader" / "analysis.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "index", str(d), "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell gives a command
    )

    def entries() -> int:
        try:
            return len(_records(db))
        except sqlite3.Error:
            return 0

    deadline = time.monotonic() + 120
    while entries() == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what the terminal does on Ctrl-C: the whole group
    t0 = time.monotonic()
    out, err = proc.communicate(timeout=120)
    print(f"stopped {time.monotonic() - t0:.1f} s after Ctrl-C")
    assert proc.returncode == 130, err
    assert "reader: interrupted" in err and "Traceback" not in err and "Exception ignored" not in err, err
    assert "KeyboardInterrupt" not in err, err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    saved = entries()
    assert 0 < saved < 120

    def living() -> str:  # processes of the group (workers) still running, "" when none
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return ""
        out = subprocess.run(["ps", "-o", "pid=,stat=", "-g", str(proc.pid)], capture_output=True, text=True).stdout
        return "\n".join(line for line in out.splitlines() if not line.split()[1].startswith("Z"))

    deadline = time.monotonic() + 15  # a loaded machine takes its time to end a worker; none may stay
    while living() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not living(), living()


def test_without_dask_the_cluster_options_say_what_to_install(monkeypatch, capsys):
    from reader.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    assert main(["index", str(ROOT / "seeds"), "--workers", "2"]) == 2
    err = capsys.readouterr().err
    assert "pip install 'reader[cluster]'" in err and "Traceback" not in err


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is Linux's")
def test_a_worker_reports_its_own_peak_memory_not_its_parents(tmp_path):
    """Linux carries a process's `ru_maxrss` over fork and exec: a worker spawned by a client that
    held 300 MB reported 300 MB. The worker's figure must be its own."""
    code = (
        "import subprocess, sys\n"
        "held = bytearray(300 * 2**20)\n"
        "for i in range(0, len(held), 4096): held[i] = 1\n"  # touched: resident
        "child = 'from reader.model.analysis.cluster import _peak_rss; print(_peak_rss() // 2**20)'\n"
        "print(subprocess.run([sys.executable, '-c', child], capture_output=True, text=True, check=True).stdout)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=_env(tmp_path))
    assert 0 < int(out.stdout.strip()) < 200, out.stdout
