"""A large archive made from real text, and a warm analysis cache for it without hours of spaCy.

`make_archive(dest, n, distinct)`: `distinct` articles recombined from the 43 real Wikinews
articles of shared/data/bench-corpus and the 5 seeds (the headline of one article, its first
paragraphs, then the last paragraphs of another; every combination different), and `n` files
that cycle through them (file i holds distinct article i % distinct). Each file ends with its own
archive line, "Copyright <year> Wikinews. Archive item <i>.", so no two files have the same
bytes (nor the same cache key) and dates spread over 20 years. reader reads that line as
trailing boilerplate: it is kept out of the analysed text, so files that share a distinct
article hand spaCy the same text at the same offsets.

`fill_cache(folder, db)`: fills the analysis cache for every file as `reader index` would, but
analyses each distinct input once. The files are read by `Corpus.load` and their keys and
analysed regions computed by `runner.plan`, exactly as the local path computes them; files are
grouped by what their analysis reads (the text up to the end of their last analysed region, and
the regions themselves); one file per group is analysed with `pipeline.analyse_jobs` and
`merge` (the local path's code), and its encoded result is written under the key of every file
of the group. That rests on one property: the per-file analysis reads only the analysed regions
of the text. It is checked, not assumed: `verify` files that were *not* analysed are analysed
for real afterwards and their results compared byte for byte with what was written; any
difference stops the benchmark. The corpus-level record is then written by the real
`reader index` (every file is a cache hit, so it only runs the corpus step).

`corpus_step(folder, cache, work)`: that step again, timed, on a copy of the per-file records
alone. One command makes (or reuses) the archive and its cache and prints the step's seconds,
its peak RSS and each part's seconds and peak so far (entity groups, wire copies, the palette's
stores); DIR may be a `startup.py --keep` DIR:

  python3 benchmarks/archive.py corpus-step --size 10k --dir DIR
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _bench_dir() -> Path:
    """shared/data/bench-corpus beside the checkout (CI, the main clone) or further up (a worktree)."""
    for up in ROOT.parents:
        cand = up / "shared" / "data" / "bench-corpus"
        if cand.is_dir():
            return cand
    return ROOT.parent / "shared" / "data" / "bench-corpus"


BENCH = _bench_dir()


def _sources() -> list[tuple[str, list[str]]]:
    out = []
    for p in sorted(BENCH.glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt")):
        title, _, body = p.read_text(encoding="utf-8").partition("\n")
        paras = [b.strip() for b in body.split("\n\n") if b.strip()]
        if paras:
            out.append((title.strip(), paras))
    if len(out) < 40:
        raise SystemExit(f"the 43 bench-corpus articles were not found (looked for {BENCH})")
    return out


def distinct_articles(k: int, seed: int = 19) -> list[str]:
    """`k` different articles recombined from the real ones (title + body, no trailer)."""
    sources = _sources()
    rng = random.Random(seed)
    seen: set[tuple[int, int, int, int]] = set()
    out = []
    while len(out) < k:
        a, b = rng.sample(range(len(sources)), 2)
        (title, pa), (_t, pb) = sources[a], sources[b]
        ca, cb = rng.randint(1, len(pa)), rng.randint(0, len(pb) - 1)
        if (a, b, ca, cb) in seen:
            continue
        seen.add((a, b, ca, cb))
        out.append(title + "\n\n" + "\n\n".join(pa[:ca] + pb[cb:]))
    return out


def make_archive(dest: Path, n: int, distinct: int, seed: int = 19) -> Path:
    if dest.is_dir() and sum(1 for _ in dest.glob("a*.txt")) == n:
        return dest  # made by an earlier run (--keep)
    dest.mkdir(parents=True, exist_ok=True)
    texts = distinct_articles(min(distinct, n), seed)
    for i in range(n):
        trailer = f"Copyright {2004 + i % 20} Wikinews. Archive item {i:06d}."
        (dest / f"a{i:06d}.txt").write_text(f"{texts[i % len(texts)]}\n\n{trailer}\n", encoding="utf-8")
    return dest


# A measured process's own peak resident memory in MB, as source for the code the benchmarks run
# in a child (an older checkout, measured beside this one, has no helper of its own). Not
# `ru_maxrss`: Linux carries the peak of the forking process over fork and exec, and a
# benchmark's own process may hold spaCy and a corpus by then; VmHWM starts afresh at exec.
PEAK_RSS_MB = r"""
def peak_rss_mb():
    try:
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):  # not Linux: the best there is
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

# `reader index ...` as `python -m reader` runs it, then a line "phases {...}": each step's seconds
# and the peak RSS (MB) when it ended (those of its steps the checkout has), then its own peak RSS
# as the last line of stderr
INDEX_WITH_PEAK = (
    PEAK_RSS_MB
    + """
import json, sys, time
from reader.cli import main
phases = {}
def timed(owner, attr, label):
    real = getattr(owner, attr, None)
    if real is None:
        return
    def run(*a, **k):
        t = time.perf_counter()
        try:
            return real(*a, **k)
        finally:
            phases[label] = [round(time.perf_counter() - t, 1), round(peak_rss_mb())]
    setattr(owner, attr, run)
from reader.commands import cache_cmd, common
from reader.model.analysis import runner
from reader.model.corpus.corpus import Corpus
timed(common, "load_corpus", "load")
timed(runner, "analyse_corpus", "cache_reads")
timed(Corpus, "build_entities", "entities")
timed(cache_cmd, "_group_stories", "stories")
timed(cache_cmd, "_sentence_store", "palette_sentences")
timed(cache_cmd, "_quote_store", "palette_quotes")
status = main(sys.argv[1:])
print("phases " + json.dumps(phases), file=sys.stderr)
print(f"peak_rss_mb {peak_rss_mb():.0f}", file=sys.stderr)
sys.exit(status)
"""
)


def env_for(cache: Path) -> dict:
    return dict(
        os.environ, XDG_CACHE_HOME=str(cache), XDG_STATE_HOME=str(cache / "state"), XDG_DATA_HOME=str(cache / "data")
    )


def fill_cache(
    folder: Path, cache: Path, verify: int = 24, n_process: int = 2, donor: Path | None = None, log=print
) -> dict:
    """The warm cache of `reader index folder` under XDG_CACHE_HOME=`cache` (see the module doc).
    `donor`: another such cache dir; a distinct input whose file has a record there (same key:
    same bytes, regions, code and model) is taken from it instead of analysed again."""
    sys.path.insert(0, str(ROOT))
    from reader.model.analysis import pipeline
    from reader.model.analysis.nlp import load_pipeline
    from reader.model.analysis.runner import plan
    from reader.model.corpus.corpus import Corpus
    from reader.model.store.analysis_cache import AnalysisCache, encode

    t0 = time.perf_counter()
    saved = {k: os.environ.get(k) for k in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME")}
    os.environ.update(
        {k: env_for(cache)[k] for k in saved}
    )  # loading writes open-index records: to `cache`, not the user's
    try:
        corpus = Corpus.load([folder])
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    files = corpus.files
    regions, keys, model = plan(corpus, list(range(len(files))))
    groups: dict[tuple, list[int]] = {}
    for i, f in enumerate(files):
        spans = tuple(tuple(map(tuple, chunk)) for chunk in regions[i])
        end = max((e for chunk in spans for _s, e in chunk), default=0)
        groups.setdefault((hashlib.sha256(f.text[:end].encode()).digest(), spans), []).append(i)
    reps = [members[0] for members in groups.values()]
    log(
        f"{len(files):,} files, {len(reps):,} distinct analysis inputs; analysing those ({time.perf_counter() - t0:.0f} s)"
    )
    db = cache / "reader" / "analysis.sqlite3"
    db.parent.mkdir(parents=True, exist_ok=True)
    known: dict = {}
    donor_db = donor / "reader" / "analysis.sqlite3" if donor is not None else None
    if donor_db is not None and donor_db.exists():
        with AnalysisCache(donor_db) as other:
            known = other.get_many([keys[i] for i in reps], encoded=True)
        log(f"  {len(known):,} of them taken from {donor_db}")
    todo = [i for i in reps if keys[i] not in known]
    nlp = load_pipeline()
    jobs = ((files[i].text, r) for i in todo for r in regions[i])
    results = pipeline.analyse_jobs(jobs, nlp, batch_size=8 if n_process > 1 else 16, n_process=n_process)
    t1 = time.perf_counter()
    with AnalysisCache(db) as store:
        try:
            for g, (rep, members) in enumerate(zip(reps, groups.values())):
                raw = known.get(keys[rep])
                if raw is None:
                    raw = encode(pipeline.merge([next(results) for _ in regions[rep]]).to_json())
                for i in members:
                    store.put_encoded(keys[i], files[i].digest, model, raw)
                if (g + 1) % 200 == 0:
                    log(f"  {g + 1:,}/{len(reps):,} distinct inputs analysed ({time.perf_counter() - t1:.0f} s)")
        finally:
            results.close()
        analysed_s = time.perf_counter() - t1
        # The check: files whose record was copied, analysed for real now, byte for byte.
        rng = random.Random(7)
        copied = [i for members in groups.values() for i in members[1:]]
        sample = rng.sample(copied, min(verify, len(copied)))
        real = pipeline.analyse_jobs(((files[i].text, r) for i in sample for r in regions[i]), nlp)
        stored = store.get_many([keys[i] for i in sample], encoded=True)
        for i in sample:
            got = encode(pipeline.merge([next(real) for _ in regions[i]]).to_json())
            if stored.get(keys[i]) != got:
                raise SystemExit(
                    f"{files[i].name}: its real analysis differs from the record copied from the file "
                    "with the same analysed text; this way of filling the cache is not valid here"
                )
    log(f"checked: {len(sample)} copied records equal a real analysis of their file, byte for byte")
    t2 = time.perf_counter()
    out = subprocess.run(  # the corpus-level step, by the real command (every file is a cache hit)
        [sys.executable, "-c", INDEX_WITH_PEAK, "index", str(folder), "--json"],
        capture_output=True,
        text=True,
        env=env_for(cache),
        cwd=ROOT,
        timeout=7200,
    )
    if out.returncode != 0:
        raise SystemExit(f"reader index failed: {out.stderr[-2000:]}")
    lines = out.stderr.strip().splitlines()
    peak = lines[-1].split()[-1]  # its own (not this process's, spaCy and all)
    steps = next((ln.partition(" ")[2] for ln in lines if ln.startswith("phases ")), "{}")
    log(
        f"reader index (all cached: the corpus step only): {out.stdout.strip()} "
        f"({time.perf_counter() - t2:.0f} s, its peak RSS {peak} MB; per step [s, peak MB so far]: {steps})"
    )
    return {
        "files": len(files),
        "distinct_inputs": len(reps),
        "analysed": len(todo),
        "verified": len(sample),
        "analysis_s": round(analysed_s, 1),
        "corpus_step_s": round(time.perf_counter() - t2, 1),
        "seconds": round(time.perf_counter() - t0, 1),
    }


def corpus_step(folder: Path, cache: Path, work: Path) -> dict:
    """`reader index folder` as the first index after analysis runs it: on a copy (in `work`) of
    `cache` holding its per-file records only (every file a hit; no corpus-level, open-index or
    palette records). Its seconds, peak RSS (its own VmHWM) and per-step [seconds, peak so far]."""
    import shutil
    import sqlite3

    shutil.rmtree(work, ignore_errors=True)
    (work / "reader").mkdir(parents=True)
    src = sqlite3.connect(cache / "reader" / "analysis.sqlite3")
    dst = sqlite3.connect(work / "reader" / "analysis.sqlite3")
    with dst:
        src.backup(dst)
        dst.execute("DELETE FROM analyses WHERE key LIKE '%:%'")  # per-file keys are bare digests
    src.close()
    dst.execute("VACUUM")
    dst.close()
    t = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", INDEX_WITH_PEAK, "index", str(folder), "--json"],
        capture_output=True,
        text=True,
        env=env_for(work),
        cwd=ROOT,
        timeout=7200,
    )
    seconds = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit(f"reader index failed: {out.stderr[-2000:]}")
    lines = out.stderr.strip().splitlines()
    steps = next((ln.partition(" ")[2] for ln in lines if ln.startswith("phases ")), "{}")
    return {"seconds": round(seconds, 1), "peak_rss_mb": int(lines[-1].split()[-1]), "steps": json.loads(steps)}


def main() -> None:
    ap = argparse.ArgumentParser(description="time the corpus step of `reader index` on a generated archive")
    ap.add_argument("what", choices=["corpus-step"])
    ap.add_argument("--size", default="10k", help="files: 10k, 100k, ...")
    ap.add_argument("--dir", type=Path, required=True, help="where the archive and its cache are (kept)")
    ap.add_argument("--distinct", type=int, default=1000)
    args = ap.parse_args()
    n = int(args.size.rstrip("k")) * 1000
    folder = make_archive(args.dir / f"archive-{args.size}", n, args.distinct)
    cache = args.dir / f"cache-{args.size}"
    filled = cache / "filled.json"  # as startup.py --keep marks a whole cache
    if not filled.exists():
        fill_cache(folder, cache, log=lambda m: print(m, file=sys.stderr))
        filled.write_text(json.dumps({"files": n, "distinct": args.distinct}), encoding="utf-8")
    got = corpus_step(folder, cache, args.dir / f"corpus-step-{args.size}")
    print(f"load average {os.getloadavg()[0]:.1f}", file=sys.stderr)
    print(json.dumps(got))


if __name__ == "__main__":
    main()
