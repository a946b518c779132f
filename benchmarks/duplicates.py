#!/usr/bin/env python3
"""Grouping wire copies and near-duplicates at scale: 10,000 articles, target under 30 s.

Usage:
  python benchmarks/duplicates.py [--articles 10000] [--copies 0.2] [--keep DIR]

The corpus is generated from real text, as benchmarks/startup.py does, but recombined so that
articles are distinct: the sentences of ../shared/data/bench-corpus and the seeds form a pool;
each original article gets a headline and 4-8 paragraphs of 2-5 sentences drawn at random from
the pool (so any two originals share a sentence now and then, as real coverage of one event
does). A share (--copies) of the articles are copies of earlier ones, made as tests/
test_duplicates.py makes them: a new byline, boilerplate lines, the last paragraph trimmed, a few
words changed, or all of these. The files are read with `Corpus.load` (timed apart), then
`corpus.duplicate_groups()` is timed from a fresh process state (the datasketch import included).
Pairwise precision and recall against the planted copies are printed as a check.
The last line is JSON: {"articles", "load_s", "group_s", "group_cpu_s", "groups", "precision", "recall"}
(group_s is wall-clock time, the figure the target is about; CPU time shows how busy the machine was).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

from shared_data import SHARED

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH = SHARED / "data" / "bench-corpus"

BYLINES = ["By Jane Roe", "By JOHN DOE, Staff Writer", "By Ana Velor and Tom Reyes", "By Wire Staff"]
BOILER = [
    "Copyright 2021 Example Wire. All rights reserved.",
    "Sign up for our newsletter to get the day's top stories.",
    "Reporting by Jane Roe; editing by John Doe",
]
SWAPS = ["however", "reportedly", "officials", "residents", "Thursday", "several", "nearly", "new"]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“‘]?[A-Z])")


def sentence_pool() -> list[str]:
    pool = []
    for p in sorted(BENCH.glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt")):
        body = p.read_text(encoding="utf-8").partition("\n")[2]
        for para in body.split("\n\n"):
            para = " ".join(para.split())
            pool += [s for s in _SENTENCE.split(para) if len(s.split()) >= 5]
    return pool


def copy_of(title: str, paras: list[str], rng: random.Random) -> tuple[str, list[str]]:
    kind = rng.choice(["byline", "boilerplate", "trimmed", "words", "all"])
    paras = list(paras)
    if kind in ("words", "all"):
        for _ in range(4 if kind == "words" else 2):
            i = rng.randrange(len(paras))
            words = paras[i].split(" ")
            words[rng.randrange(len(words))] = rng.choice(SWAPS)
            paras[i] = " ".join(words)
    if kind in ("trimmed", "all"):
        paras = paras[:-1]
    if kind in ("byline", "all"):
        paras = [rng.choice(BYLINES), *paras]
    if kind == "boilerplate":
        paras = paras + rng.sample(BOILER, 2)
    return ("UPDATE: " + title if kind == "all" else title), paras


def make_corpus(dest: Path, n: int, copies: float, seed: int = 11) -> dict[str, int]:
    """Write n articles; {file name: family number} (copies share their original's number)."""
    rng = random.Random(seed)
    pool = sentence_pool()
    dest.mkdir(parents=True, exist_ok=True)
    family: dict[str, int] = {}
    made: list[tuple[str, list[str], int]] = []
    for i in range(n):
        if made and rng.random() < copies:
            title, paras, fam = rng.choice(made)
            title, paras = copy_of(title, paras, rng)
        else:
            title = " ".join(rng.choice(pool).split()[:9]).rstrip(".,;:") + f" ({i})"
            paras = [" ".join(rng.sample(pool, rng.randint(2, 5))) for _ in range(rng.randint(4, 8))]
            fam = i
            made.append((title, paras, fam))
        name = f"a{i:05d}.txt"
        (dest / name).write_text("\n\n".join([title, *paras]) + "\n", encoding="utf-8")
        family[name] = fam
    return family


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--copies", type=float, default=0.2, help="share of articles that copy an earlier one")
    ap.add_argument("--keep", type=Path, help="write the corpus here (and keep it) instead of a temp dir")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        dest = (args.keep or Path(scratch)) / f"dupes-{args.articles}"
        family = make_corpus(dest, args.articles, args.copies)
        print(
            f"{args.articles} articles from {len(sentence_pool())} real sentences (bench-corpus + seeds), "
            f"{args.articles - len(set(family.values()))} of them copies",
            file=sys.stderr,
        )
        from reader.model.corpus.corpus import Corpus

        t = time.perf_counter()
        corpus = Corpus.load([str(dest)])
        load_s = time.perf_counter() - t
        t, cpu = time.perf_counter(), time.process_time()
        groups = corpus.duplicate_groups()
        group_s, group_cpu_s = time.perf_counter() - t, time.process_time() - cpu
        fam = {a.id: family[Path(a.path).name] for a in corpus.articles}
        predicted = {frozenset((x.id, y.id)) for g in groups for x, y in combinations(g.members, 2)}
        by_fam: dict[int, list[str]] = {}
        for aid, f in fam.items():
            by_fam.setdefault(f, []).append(aid)
        truth = {frozenset(p) for ids in by_fam.values() for p in combinations(ids, 2)}
        tp = len(predicted & truth)
        precision = tp / len(predicted) if predicted else 1.0
        recall = tp / len(truth) if truth else 1.0
        print(
            f"load {load_s:.2f} s; grouping {group_s:.2f} s ({group_cpu_s:.2f} s CPU); {len(groups)} groups",
            file=sys.stderr,
        )
        print(f"pairwise precision {precision:.4f}, recall {recall:.4f} ({len(truth)} planted pairs)", file=sys.stderr)
        print(
            json.dumps(
                {
                    "articles": len(corpus.articles),
                    "load_s": round(load_s, 2),
                    "group_s": round(group_s, 2),
                    "group_cpu_s": round(group_cpu_s, 2),
                    "groups": len(groups),
                    "precision": round(precision, 4),
                    "recall": round(recall, 4),
                }
            )
        )


if __name__ == "__main__":
    main()
