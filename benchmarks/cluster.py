#!/usr/bin/env python3
"""Cold-analysis throughput on a Dask cluster: 1 and 2 workers on the same text, beside the
local path.

Usage:
  python benchmarks/cluster.py [--words 60000] [--workers 1,2] [--no-local]

Corpus: as benchmarks/ingest.py builds it: the 43 Wikinews articles of shared/data/bench-corpus
plus the 5 seeds, copied whole to reach --words (the output says how many are distinct), one
file per article in a temp folder.

For each worker count N: a `LocalCluster` of N worker processes of one thread each (what
`reader index --workers N` starts), the language model loaded on each worker (start-up, timed
apart), then `Corpus.analyse` with an empty cache and the cluster engine: batches out, encoded
results back, records written here, and the corpus-level step once at the end (counted). With
--no-local skipped: the local path on the same files (`reader index` without a cluster: one
process, and reader's own two-process fork pool). Every run must write the same records (keys
and bytes); the benchmark checks that. Words are whitespace-split words of the analysed text
(as in ingest.py). Peak RSS of each worker is read in the worker (its own VmHWM; `ru_maxrss`
would include this process's peak, which Linux carries over to the spawned workers) before the
cluster closes. The last line is JSON:
{"words", "files", "wps": {"1w", "2w", "local_1p", "local_2p"}, "startup_s": {"1w", "2w"},
 "worker_peak_rss_mb": {"1w", "2w"}, "speedup_2w": 2w / 1w}.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def records(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        return {k: zlib.decompress(b) for k, b in conn.execute("SELECT key, data FROM analyses")}
    finally:
        conn.close()


def run(folder: Path, db: Path, workers: int | None, n_process: int | None = None) -> dict:
    from reader.model.analysis.cluster import DaskEngine
    from reader.model.corpus.corpus import Corpus
    from reader.model.store.analysis_cache import AnalysisCache

    corpus = Corpus.load([folder])
    out: dict = {}
    engine = None
    if workers is not None:
        t0 = time.perf_counter()
        engine = DaskEngine(workers=workers).start()
        out["startup_s"] = time.perf_counter() - t0
    try:
        t0 = time.perf_counter()
        with AnalysisCache(db) as store:
            stats = corpus.analyse(cache=store, engine=engine, n_process=n_process)
        out["seconds"] = time.perf_counter() - t0
    finally:
        if engine is not None:
            engine.close()  # reads each worker's peak RSS first
            out["worker_peak_rss_mb"] = max(engine.worker_peak_rss.values(), default=0) / 2**20
    if stats.analysed != len(corpus.files) or stats.failed:
        raise SystemExit(f"analysed {stats.analysed}/{len(corpus.files)} files, {stats.failed} failed")
    out["n_process"] = stats.n_process
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=60_000, help="corpus size in words (default 60000)")
    ap.add_argument("--workers", default="1,2", help="worker counts to run (default 1,2)")
    ap.add_argument("--no-local", action="store_true", help="skip the local path's runs")
    args = ap.parse_args()
    counts = [int(x) for x in args.workers.split(",") if x.strip()]

    from ingest import build_corpus

    from reader.model.analysis.textview import build_view
    from reader.model.corpus.corpus import Corpus

    result: dict = {"wps": {}, "startup_s": {}, "worker_peak_rss_mb": {}}
    with tempfile.TemporaryDirectory(prefix="reader-cluster-") as tmpdir:
        tmp = Path(tmpdir)
        folder = tmp / "corpus"
        folder.mkdir()
        files, distinct = build_corpus(folder, args.words)
        probe = Corpus.load([folder])
        words = sum(len(build_view(a.text, a.analysed_regions()).text.split()) for a in probe.articles)
        result.update(words=words, files=files)
        print(
            f"corpus: {files} files ({len(probe.articles)} articles), {words:,} analysed words; "
            f"{distinct} real articles (bench-corpus + seeds) copied whole to reach --words {args.words:,}"
        )
        reference = None
        runs = [(f"{n}w", n, None) for n in counts]
        if not args.no_local:
            runs += [("local_1p", None, 1), ("local_2p", None, 2)]
        for label, n, n_process in runs:
            db = tmp / f"{label}.sqlite3"
            got = run(folder, db, n, n_process)
            wps = words / got["seconds"]
            result["wps"][label] = round(wps)
            line = f"{label:9s} {wps:8,.0f} words/s  ({got['seconds']:.1f} s for the analysis and the corpus step"
            if n is not None:
                result["startup_s"][label] = round(got["startup_s"], 1)
                result["worker_peak_rss_mb"][label] = round(got["worker_peak_rss_mb"])
                line += (
                    f"; cluster start + model load {got['startup_s']:.1f} s, "
                    f"peak RSS per worker {got['worker_peak_rss_mb']:.0f} MB"
                )
            print(line + ")", flush=True)
            recs = records(db)
            if reference is None:
                reference = recs
            elif recs != reference:
                raise SystemExit(f"{label}: the cache records differ from the first run's")
        print(f"every run wrote the same {len(reference or {})} records (keys and bytes)")
        if "1w" in result["wps"] and "2w" in result["wps"]:
            result["speedup_2w"] = round(result["wps"]["2w"] / result["wps"]["1w"], 2)
            print(f"2 workers / 1 worker: {result['speedup_2w']:.2f}x")
    print(json.dumps(result))


if __name__ == "__main__":  # LocalCluster workers are spawned: they re-import this file
    main()
