"""Per-keystroke latency of the palette search (reader.model.search.engine) against Textual's fuzzy Matcher.

    python benchmarks/palette.py --candidates 100000      # default N; runs in ~10-20 s

Candidates are built from real text: the bench corpus (shared/data/bench-corpus/*.txt beside the checkout) and the
seeds (seeds/*.txt) are split into sentences; capitalised word sequences become entities (with their
last word as an alias), first lines become article titles, quoted passages become quotes (speaker =
a name in the same sentence). Real items come first; the rest up to N are recombinations (first x last
names, 5-16-word windows of sentences as titles, splices of two half sentences), which the output says.
Mix: ~20% entities, 15% articles, 20% quotes, 45% sentences, plus a few commands.

Queries are typed one key at a time; every keystroke is a fresh `SearchIndex.search` call (the
index's per-query cache is cleared before each query, as if the palette were reopened, so only the
narrowing within one typed query helps). Textual's `Matcher` is measured as its palette uses it: a
fresh `Matcher(query)` per keystroke and `match()` over every candidate label. It is far too slow for
100k candidates, so it is timed on a fixed random sample and scaled to N (stated in the output).
The last line is JSON: {"candidates", "p50_ms", "p95_ms", "textual_p50_ms", "textual_p95_ms"}.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shared_data import SHARED  # noqa: E402

from reader.model.search.engine import SearchIndex, SearchItem  # noqa: E402

CORPORA = [SHARED / "data" / "bench-corpus", ROOT / "seeds"]
QUERIES = ["pashinyan", "osce", "putin", "minister", "who controls", "ceasefire", "pashinian", "karabakh"]
PUBLISHERS = ["Reuters", "AP", "BBC", "Wikinews", "RFE/RL", "Bloomberg", "The Guardian", "Al Jazeera"]
COMMANDS = [
    "Quit",
    "Toggle dark mode",
    "Show keys",
    "Copy quote with citation",
    "Next article",
    "Previous article",
    "Jump to entity",
    "Find in corpus",
    "Show quotes",
    "Show entities",
    "Open file",
    "Reload corpus",
    "Export clippings",
    "Toggle entity highlights",
    "Screenshot",
    "Change theme",
    "Bookmark position",
    "Show bookmarks",
    "Help",
    "Show alias groups",
]
STOP = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "This",
    "That",
    "His",
    "Her",
    "Their",
    "Our",
    "As",
    "If",
    "When",
    "What",
    "Who",
    "How",
    "So",
    "There",
    "Yes",
    "No",
    "For",
    "After",
    "Before",
    "Some",
    "Many",
    "One",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Friday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Saturday",
    "Sunday",
    "To",
    "Of",
    "By",
    "With",
    "From",
    "Wikinews",
}
_SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“‘A-Z0-9])")
_NAME = re.compile(r"\b[A-Z][\w’'\-]+(?:\s+(?:of\s+|de\s+|al-)?[A-Z][\w’'\-]+)*")
_QUOTE = re.compile(r"[“\"]([^”\"]{20,300})[”\"]")


def load_corpus() -> tuple[list[str], list[str]]:
    titles, sentences = [], []
    for folder in CORPORA:
        for f in sorted(folder.glob("*.txt")):
            text = f.read_text(encoding="utf-8", errors="replace")
            lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
            if not lines:
                continue
            titles.append(lines[0])
            for para in re.split(r"\n\s*\n", text):
                para = " ".join(para.split())
                sentences += [s for s in _SENT.split(para) if 20 <= len(s) <= 400]
    return titles, list(dict.fromkeys(sentences))


def build_candidates(n: int, seed: int = 7) -> tuple[list[SearchItem], dict[str, int]]:
    rnd = random.Random(seed)
    titles, sentences = load_corpus()
    # Capitalised runs of 1-4 words, not starting with a sentence-initial function word.
    names = Counter(
        m.group(0)
        for s in sentences
        for m in _NAME.finditer(s)
        if m.group(0).split()[0] not in STOP and len(m.group(0).split()) <= 4
    )
    name_list = list(names)
    quotes = []
    for s in sentences:
        for m in _QUOTE.finditer(s):
            near = [x.group(0) for x in _NAME.finditer(s) if x.group(0) in names]
            quotes.append((m.group(1), near[0] if near else None))
    real = {"entity": len(names), "article": len(titles), "quote": len(quotes), "sentence": len(sentences)}
    target = {"entity": n * 20 // 100, "article": n * 15 // 100, "quote": n * 20 // 100}
    target["sentence"] = max(0, n - len(COMMANDS) - sum(target.values()))
    people = [nm.split() for nm in names if len(nm.split()) == 2]
    firsts, lasts = [p[0] for p in people], [p[1] for p in people]
    words = [s.split() for s in sentences]

    def splice() -> str:
        a, b = rnd.choice(words), rnd.choice(words)
        return " ".join(a[: max(3, len(a) // 2)] + b[len(b) // 2 :])

    items = [SearchItem("command", c, [], c, "command", 0.0) for c in COMMANDS]
    seen: set[tuple[str, str]] = set()
    made: Counter[str] = Counter()

    def add(kind: str, label: str, keys: list[str], w: float) -> None:
        if (kind, label) not in seen:
            seen.add((kind, label))
            made[kind] += 1
            items.append(SearchItem(kind, label, keys, None, kind, w))

    for nm, c in names.items():
        add("entity", nm, [nm.split()[-1]] if " " in nm else [], float(c))
    while made["entity"] < target["entity"]:
        f, last = rnd.choice(firsts), rnd.choice(lasts)
        add(
            "entity",
            f"{f} {rnd.choice('ABCDEFGHJKLMNPRSTVW')}. {last}" if rnd.random() < 0.3 else f"{f} {last}",
            [last],
            rnd.random() * 2,
        )  # below most real mention counts
    for t in titles:
        add("article", t, [rnd.choice(PUBLISHERS)], rnd.random())
    while made["article"] < target["article"]:
        w = rnd.choice(words)
        k = rnd.randint(5, 16)
        i = rnd.randint(0, max(0, len(w) - k))
        t = " ".join(w[i : i + k])
        add("article", t.title() if rnd.random() < 0.5 else t, [rnd.choice(PUBLISHERS)], rnd.random())
    for q, who in quotes:
        add("quote", q, [who] if who else [], rnd.random())
    while made["quote"] < target["quote"]:
        add("quote", splice(), [rnd.choice(name_list)], rnd.random())
    for s in sentences:
        add("sentence", s, [], rnd.random())
    while made["sentence"] < target["sentence"]:
        add("sentence", splice(), [], rnd.random())
    return items, real


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--candidates", type=int, default=100_000)
    ap.add_argument("--rounds", type=int, default=3, help="times each query is typed (cache cleared each time)")
    ap.add_argument("--textual-sample", type=int, default=1000, help="candidates Textual's Matcher scores")
    ap.add_argument("--textual-budget", type=float, default=0.3, help="max seconds of Matcher work per key")
    args = ap.parse_args()
    n = args.candidates

    t0 = time.perf_counter()
    items, real = build_candidates(n)
    t1 = time.perf_counter()
    index = SearchIndex(items)
    t2 = time.perf_counter()
    kinds = Counter(it.kind for it in items)
    print(f"candidates: {len(items):,} ({', '.join(f'{k} {v:,}' for k, v in kinds.items())})")
    print(
        f"  real items from {len(CORPORA)} corpora: {real}; the rest are recombinations of real text "
        f"(name x surname, sentence windows as titles, spliced half sentences)"
    )
    print(f"  generated in {t1 - t0:.1f} s; SearchIndex built in {t2 - t1:.2f} s")

    index.search("warm up")  # first-call numpy/regex set-up, not counted
    ours: list[float] = []
    ours_cpu: list[float] = []  # this thread's CPU time: the same keystrokes without other processes' noise
    per_query: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for q in QUERIES:
            index.clear_cache()
            for k in range(1, len(q) + 1):
                c, s = time.thread_time(), time.perf_counter()
                index.search(q[:k])
                ms = (time.perf_counter() - s) * 1000
                ours_cpu.append((time.thread_time() - c) * 1000)
                ours.append(ms)
                per_query.setdefault(q, []).append(ms)
    top = {q: [(h.item.kind, h.item.label[:40]) for h in index.search(q, limit=3)] for q in QUERIES}

    from textual.fuzzy import Matcher

    rnd = random.Random(11)
    sample = rnd.sample([it.label for it in items], min(args.textual_sample, len(items)))
    textual: list[float] = []
    capped, fewest = 0, len(sample)
    for q in QUERIES:
        for k in range(1, len(q) + 1):
            s = time.perf_counter()
            m = Matcher(q[:k])
            done = 0
            for c in sample:
                m.match(c)
                done += 1
                if (done & 63) == 0 and time.perf_counter() - s > args.textual_budget:
                    capped += 1
                    fewest = min(fewest, done)
                    break
            textual.append((time.perf_counter() - s) * 1000 * len(items) / done)

    print(f"\nour search: {len(ours)} keystrokes ({args.rounds} rounds of {len(QUERIES)} queries)")
    for q, xs in per_query.items():
        print(f"  {q!r:16} median {statistics.median(xs):6.2f} ms  max {max(xs):6.2f} ms  top: {top[q]}")
    p50, p95 = statistics.median(ours), pct(ours, 95)
    print(
        f"  p50 {p50:.2f} ms  p95 {p95:.2f} ms  max {max(ours):.2f} ms (wall clock; CPU time of the searching "
        f"thread: p50 {statistics.median(ours_cpu):.2f} ms  p95 {pct(ours_cpu, 95):.2f} ms; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )
    t50, t95 = statistics.median(textual), pct(textual, 95)
    print(
        f"textual.fuzzy.Matcher (fresh per keystroke): {len(textual)} keystrokes, timed on a random sample "
        f"of {len(sample):,} labels and scaled x{len(items) / len(sample):.0f} to {len(items):,}"
        f" ({capped} keystrokes stopped after {args.textual_budget} s and scaled from the labels done,"
        f" as few as {fewest}: combinatorial blow-up on long labels, see notes/perf-anchors.md section 3)"
    )
    print(f"  p50 {t50:.0f} ms  p95 {t95:.0f} ms  (ours is {t50 / p50:.0f}x faster at the median)")
    print(
        json.dumps(
            {
                "candidates": len(items),
                "p50_ms": round(p50, 3),
                "p95_ms": round(p95, 3),
                "textual_p50_ms": round(t50, 1),
                "textual_p95_ms": round(t95, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
