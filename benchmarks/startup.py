#!/usr/bin/env python3
"""Start-up: process start to first paint, and to a fully highlighted article, headless.

Usage:
  python benchmarks/startup.py [--quick] [--runs 3] [--keep DIR]

Each figure is the median of --runs fresh processes running the real app headless at 160x48
(`App.run(headless=True)`; the headless driver renders every frame, skipping only the terminal
output). "first paint" = the app's first refresh after mount (list and first article on
screen); "full" = analysis finished (from the cache when warm) and highlights applied; peak RSS
is read after the palette's index over the whole corpus has been built as well.
Corpora: the seeds, and 1,000 (and 10,000 unless --quick) articles generated from the real
text of ../shared/data/bench-corpus and the seeds, each copy given its own first line so every
file is distinct (the output says so). Cold = an empty analysis cache; warm = after
`reader index` has filled it (the 10k cache takes ~15 min to build; --keep DIR keeps corpora
and caches for later runs). The last line is JSON:
{"first_paint_s": {"seeds", "1k_cold", "1k_warm"}, "warm_full_s": {"1k", "10k"},
 "rss_mb": {"1k", "10k"}}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "data" / "bench-corpus"

DRIVER = r"""
import json, os, resource, sys, time
t0 = int(os.environ["START_NS"]) / 1e9
mode = sys.argv[1]
from reader.model.corpus.corpus import Corpus
import reader.ui.app
from pathlib import Path
from reader.ui.app import ReaderApp
marks = {}
class Bench(ReaderApp):
    CSS_PATH = str(Path(reader.ui.app.__file__).with_name("reader.tcss"))
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self._painted)
    def _painted(self):
        marks["first_paint"] = time.time() - t0
        if mode == "first":
            self.exit()
        else:
            self.set_interval(0.01, self._check)
    def _check(self):
        running = [w for w in self.workers if w.group == "analysis" and not w.is_finished]
        if "full" not in marks and self.corpus.analysed and not running:
            marks["full"] = time.time() - t0
        # RSS counts the app at rest: after the palette index over the whole corpus is built too
        if "full" in marks and not [w for w in self.workers if not w.is_finished]:
            self.exit()
from reader.cli import open_corpus  # as `reader PATH` opens it: the first files, then the rest
corpus = open_corpus(sys.argv[2:])
Bench(corpus).run(headless=True, size=(160, 48))
if "first_paint" not in marks:
    sys.exit("the app did not paint")
marks["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(marks))
"""


def make_corpus(dest: Path, n: int) -> Path:
    if dest.is_dir() and sum(1 for _ in dest.glob("a*.txt")) == n:
        return dest  # kept from an earlier run (--keep): the same files
    sources = sorted(BENCH.glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    dest.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = texts[i % len(texts)]
        title, _, rest = text.partition("\n")
        (dest / f"a{i:05d}.txt").write_text(f"{title} (copy {i})\n{rest}", encoding="utf-8")
    return dest


def env_for(cache: Path) -> dict:
    return dict(
        os.environ, XDG_CACHE_HOME=str(cache), XDG_STATE_HOME=str(cache / "state"), XDG_DATA_HOME=str(cache / "data")
    )


def index(paths: list[str], cache: Path) -> str:
    """Fill the cache as a user would ahead of time (`reader index`: two processes on big corpora)."""
    out = subprocess.run(
        [sys.executable, "-m", "reader", "index", *paths],
        capture_output=True,
        text=True,
        env=env_for(cache),
        timeout=7200,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise SystemExit(f"reader index failed: {out.stderr[-2000:]}")
    return out.stdout.strip().splitlines()[0] if out.stdout.strip() else ""


def run(mode: str, paths: list[str], cache: Path) -> dict:
    env = dict(env_for(cache), START_NS=str(time.time_ns()))
    driver = cache.parent / "startup_driver.py"  # a file: Textual resolves CSS paths via the class's file
    if not driver.exists():
        driver.write_text(DRIVER, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(driver), mode, *paths], capture_output=True, text=True, env=env, timeout=7200, cwd=ROOT
    )
    if out.returncode != 0:
        raise SystemExit(f"driver failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def median(mode: str, key: str, paths: list[str], cache: Path, runs: int) -> tuple[float, float]:
    got = [run(mode, paths, cache) for _ in range(runs)]
    return round(statistics.median(g[key] for g in got), 3), round(max(g["rss_mb"] for g in got), 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="skip the 10k-article figures")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument(
        "--keep",
        type=Path,
        help="keep generated corpora and their caches here, and reuse "
        "them on later runs (the 10k cache takes ~15 min to build once)",
    )
    args = ap.parse_args()
    result = {"first_paint_s": {}, "warm_full_s": {}, "rss_mb": {}}
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        seeds_cache = tmp / "cache-seeds"
        result["first_paint_s"]["seeds"], _ = median(
            "first", "first_paint", [str(ROOT / "seeds")], seeds_cache, args.runs
        )
        sizes = [1000] if args.quick else [1000, 10000]
        for n in sizes:
            label = f"{n // 1000}k"
            corpus = [str(make_corpus(tmp / f"corpus-{label}", n))]
            print(
                f"{label}: {n} articles generated from bench-corpus + seeds text (copies with distinct titles)",
                file=sys.stderr,
            )
            cache = tmp / f"cache-{label}"
            if n == 1000:
                cold = Path(scratch) / "cache-cold"  # always empty: first paint needs no cache at all
                result["first_paint_s"]["1k_cold"], _ = median("first", "first_paint", corpus, cold, args.runs)
            t = time.perf_counter()
            print(f"{label}: {index(corpus, cache)} ({time.perf_counter() - t:.0f} s)", file=sys.stderr)
            if n == 1000:
                result["first_paint_s"]["1k_warm"], _ = median("first", "first_paint", corpus, cache, args.runs)
            full, rss = median("full", "full", corpus, cache, args.runs)
            result["warm_full_s"][label], result["rss_mb"][label] = full, rss
            print(f"{label}: warm full {full} s, peak RSS {rss} MB", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
