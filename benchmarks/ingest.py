#!/usr/bin/env python3
"""Cold-analysis throughput: reader's whole ingest against bare spaCy on the same texts.

Usage:
  python benchmarks/ingest.py [--words 50000] [--reps 5] [--n-process auto|1|2]

Corpus: the 43 Wikinews articles of shared/data/bench-corpus plus the 5 seeds (~34k
words), copied whole as many times as needed to reach --words (default ~50k), one file per
article in a temp folder. The copies repeat the same text (the output says so); repetition does
not inflate spaCy's speed (shared/notes/perf-anchors.md, section 1).

A = reader: `Corpus.load` + `Corpus.analyse` with an empty analysis cache in a fresh temp file:
    decoding, metadata rules, views, spaCy as reader runs it (`parse_scope.annotate`: sentence
    starts by punctuation and `ner` on every sentence, the shared tok2vec, tagger, parser and
    attribute_ruler only on the sentences around quotations), the entity and quote rules, cache
    writes and the corpus-level `build_entities`.
B = bare `nlp.pipe` over the very texts reader hands spaCy (the analysis views), same model,
    with every component reader uses (tok2vec, tagger, parser, attribute_ruler, ner) on every
    sentence: what reader ran before it parsed selectively, so `ratio` > 1 is the gain of parsing less. Same batch_size and n_process as reader chose.
    Above 200k words reader uses 2 processes (its own fork pool running spaCy and the rules in
    the workers); B then uses spaCy's own `n_process=2`. Try `--words 250000 --reps 2`.
C = spaCy's NER alone on the same texts, same batch_size and n_process: the model with only its
    `ner` component enabled. In en_core_web_sm (and _md) `ner` embeds its own tok2vec
    (`spacy.Tok2Vec.v2`, not a listener of the shared `tok2vec`), so it needs no other
    component; the tagger and parser listen to the shared tok2vec, which is why a full parse
    costs about 2x. C is the ceiling of an NER-based ingest (issue 19: reader >= 0.95x).
    C is loaded as reader loads its pipeline (`nlp.load_pipeline`), so its matrix products go
    through numpy's BLAS as reader's do (`nlp._numpy_matmul`).
D = C as spaCy runs it out of the box (thinc's BLIS products), for scale: what the ops switch
    is worth to anyone running NER alone; not a ratio of the goal.
The models are loaded once before timing (their load is reported, not counted), and each side
runs once on 16 of the texts before timing (one-off setup costs: reader's rule tables, spaCy's). A, B, C and
D rotate (A B C D, B C D A, ...); each rep gives ratios spacy_time / reader_time (=
reader_wps / spacy_wps) and ner_time / reader_time; the figures are medians. A breakdown of
reader's time follows (spaCy's whole-text pass, the parse of the selected sentences, choosing
them and copying the parse back, entity rules, quote rules, the rest) with the share of
sentences and tokens parsed. Words are whitespace-split words of the analysed text. The same
ratio is also taken in CPU seconds (this process and its waited-for workers): on a machine other
jobs share, wall time drifts with their load, CPU time much less. The last line is JSON:
{"words", "reader_wps", "spacy_wps", "ratio", "ner_only_wps", "ratio_to_ner_only",
"ratio_to_ner_only_cpu", "ner_out_of_the_box_wps"}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shared_data import SHARED  # noqa: E402

from reader.model.analysis import entities, parse_scope, quotes  # noqa: E402
from reader.model.analysis import pipeline as analysis  # noqa: E402
from reader.model.analysis.nlp import NER_COMPONENTS, PARSE_COMPONENTS, load_pipeline, model_key  # noqa: E402
from reader.model.analysis.runner import N_PROCESS_WORDS  # noqa: E402
from reader.model.analysis.textview import build_view  # noqa: E402
from reader.model.corpus import aliases  # noqa: E402
from reader.model.corpus.corpus import Corpus  # noqa: E402
from reader.model.store.analysis_cache import AnalysisCache  # noqa: E402

SOURCES = [SHARED / "data" / "bench-corpus", ROOT / "seeds"]
# B: every component reader loads, all on every sentence (reader's old pipeline).
FULL_PARSE = PARSE_COMPONENTS


def build_corpus(folder: Path, words: int) -> tuple[int, int]:
    """Copy the source articles into `folder` until ~`words`; returns (files, distinct files)."""
    originals = [p for src in SOURCES if src.is_dir() for p in sorted(src.glob("*.txt"))]
    if not originals:
        sys.exit("no source texts found")
    total, n, copy = 0, 0, 0
    while total < words:
        for p in originals:
            data = p.read_bytes()
            (folder / f"r{copy:03d}_{p.name}").write_bytes(data)
            total += len(data.decode("utf-8", "replace").split())
            n += 1
            if total >= words:
                break
        copy += 1
    return n, len(originals)


class Timers:
    """Wraps the rule entry points to time them inside reader's run."""

    def __init__(self) -> None:
        self.t: dict[str, float] = {}
        self._orig = []

    def wrap(self, module, name: str, label: str) -> None:
        fn = getattr(module, name)

        def timed(*a, **k):
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                self.t[label] = self.t.get(label, 0.0) + time.perf_counter() - t0

        self._orig.append((module, name, fn))
        setattr(module, name, timed)

    def restore(self) -> None:
        for module, name, fn in reversed(self._orig):
            setattr(module, name, fn)
        self._orig.clear()


def cpu_seconds() -> float:
    """CPU time of this process and its waited-for children (workers of either side)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_reader(folder: Path, tmp: Path, rep: int, n_process: int | None) -> tuple[float, float, dict, object]:
    timers = Timers()
    timers.wrap(entities, "recognise", "entity rules")
    timers.wrap(quotes, "find_and_attribute", "quote rules")
    timers.wrap(aliases, "build_entities", "build_entities (corpus)")
    timers.wrap(analysis, "build_view", "views")
    timers.wrap(AnalysisCache, "put", "cache writes")
    timers.wrap(analysis, "annotate", "spaCy + choosing and copying the parse")
    run = parse_scope._run

    def timed_run(nlp, names, docs):
        label = "spaCy, every sentence" if tuple(names) == parse_scope.WHOLE_TEXT else "spaCy, selected sentences"
        t0 = time.perf_counter()
        try:
            return run(nlp, names, docs)
        finally:
            timers.t[label] = timers.t.get(label, 0.0) + time.perf_counter() - t0

    parse_scope._run = timed_run
    try:
        docs0 = analysis.nlp_docs
        c0, t0 = cpu_seconds(), time.perf_counter()
        corpus = Corpus.load([folder])
        t_load = time.perf_counter() - t0
        with AnalysisCache(tmp / f"cache-{rep}.sqlite3") as store:
            stats = corpus.analyse(cache=store, n_process=n_process)
        wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    finally:
        timers.restore()
        parse_scope._run = run
    docs = analysis.nlp_docs - docs0
    if stats.analysed != len(corpus.files) or docs != len(corpus.articles):
        print(f"warning: reader analysed {stats.analysed}/{len(corpus.files)} files, {docs} docs")
    if corpus.notices:
        print("notices:", *corpus.notices[:5], sep="\n  ")
    parts = {"Corpus.load": t_load, **timers.t}
    # annotate holds both spaCy parts: what is left of it is choosing and copying
    label = "spaCy + choosing and copying the parse"
    spacy_parts = parts.get("spaCy, every sentence", 0.0) + parts.get("spaCy, selected sentences", 0.0)
    parts["choosing the sentences, copying the parse"] = parts.pop(label, 0.0) - spacy_parts
    return wall, cpu, parts, stats


def scope_counts(views) -> dict[str, int]:
    """Sentences and tokens reader parses in these views (run apart, after the timing)."""
    nlp = load_pipeline()
    sc = dict.fromkeys(("sentences", "parsed sentences", "tokens", "parsed tokens"), 0)
    for i in range(0, len(views), 16):
        batch = views[i : i + 16]
        for doc, view in zip(parse_scope.whole_text(nlp, batch), batch):
            got = parse_scope.doc_ranges(doc, view)
            starts = [x.start for x in doc.sents]
            sc["sentences"] += len(starts)
            sc["tokens"] += len(doc)
            sc["parsed tokens"] += sum(b - a for a, b in got)
            sc["parsed sentences"] += sum(any(a <= x < b for a, b in got) for x in starts)
    return sc


def stock_ner():
    """D: the model with only `ner`, spaCy's defaults otherwise (reader's tokenizer fix kept,
    as C has it, so the texts split into the same tokens)."""
    import importlib

    from reader.model.analysis.nlp import _split_glued_marks, find_model_package

    t0 = time.perf_counter()
    nlp = importlib.import_module(find_model_package() or "en_core_web_sm").load()
    nlp.select_pipes(enable=list(NER_COMPONENTS))
    _split_glued_marks(nlp)
    print(
        f"NER-only out of the box: components {nlp.pipe_names}; loaded in {time.perf_counter() - t0:.2f} s (not counted)"
    )
    return nlp


def run_spacy(nlp, texts: list[str], batch_size: int, n_process: int) -> tuple[float, float]:
    """Wall and CPU seconds of one `nlp.pipe` over `texts`."""
    c0, t0 = cpu_seconds(), time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - t0, cpu_seconds() - c0


def print_breakdown(wall: float, parts: dict, parts_all: list) -> None:
    # The parts are disjoint: views are built before `annotate`, the rules run after it.
    rest = wall - sum(parts.values())
    print(f"where reader's time goes (median run, {wall:.2f} s):")
    for k, v in sorted(parts.items(), key=lambda kv: -kv[1]):
        print(f"  {k:26s} {v:7.3f} s  {100 * v / wall:5.1f} %")
    print(f"  {'the rest (glue)':26s} {rest:7.3f} s  {100 * rest / wall:5.1f} %")
    in_run = statistics.median(
        (p.get("spaCy, every sentence", 0.0) + p.get("spaCy, selected sentences", 0.0)) / w for w, p in parts_all
    )
    print(f"in-run ratio, spaCy's share of reader's wall time (immune to machine drift): {in_run:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--words", type=int, default=50_000, help="corpus size in words (default 50000)")
    ap.add_argument("--reps", type=int, default=5, help="A/B pairs (default 5)")
    ap.add_argument(
        "--n-process",
        default="auto",
        choices=("auto", "1", "2"),
        help=f"reader's choice (auto: 2 above {N_PROCESS_WORDS:,} words) or forced",
    )
    args = ap.parse_args()
    forced = None if args.n_process == "auto" else int(args.n_process)

    with tempfile.TemporaryDirectory(prefix="reader-ingest-") as tmpdir:
        tmp = Path(tmpdir)
        folder = tmp / "corpus"
        folder.mkdir()
        files, distinct = build_corpus(folder, args.words)
        probe = Corpus.load([folder])
        views = [build_view(a.text, a.analysed_regions()) for a in probe.articles]
        texts = [v.text for v in views]
        words = sum(len(t.split()) for t in texts)
        print(
            f"corpus: {files} files ({len(probe.articles)} articles), {words:,} analysed words; "
            f"{distinct} real articles (bench-corpus + seeds) copied whole to reach --words {args.words:,}"
        )
        t0 = time.perf_counter()
        nlp = load_pipeline()  # reader's own (cached) pipeline: not loaded again in reader's first run
        assert tuple(nlp.pipe_names) == FULL_PARSE
        print(
            f"model: {model_key()}; B's components {nlp.pipe_names}; loaded in {time.perf_counter() - t0:.2f} s (not counted)"
        )
        t0 = time.perf_counter()
        ner = load_pipeline(NER_COMPONENTS)
        print(f"NER-only: components {ner.pipe_names}; loaded in {time.perf_counter() - t0:.2f} s (not counted)")
        stock = stock_ner()
        run_spacy(nlp, texts[:16], 16, 1)  # warm-up: the first docs pay one-off setup costs
        for _ in analysis.analyse_jobs([(t, [(0, len(t))]) for t in texts[:16]], nlp):  # and reader's
            pass
        run_spacy(ner, texts[:16], 16, 1)
        run_spacy(stock, texts[:16], 16, 1)

        r_times, s_times, n_times, ratios, ner_ratios, parts_all, chosen = [], [], [], [], [], [], None
        cpu: dict[str, list[float]] = {"A": [], "B": [], "C": [], "D": []}
        d_times: list[float] = []
        sides = ("A", "B", "C", "D")
        for rep in range(args.reps):
            order = sides[rep % 4 :] + sides[: rep % 4]
            if chosen is None:  # B and C copy reader's settings: A goes first once
                order = ("A",) + tuple(x for x in order if x != "A")
            for side in order:
                if side == "A":
                    wall, cpu_s, parts, stats = run_reader(folder, tmp, rep, forced)
                    cpu["A"].append(cpu_s)
                    chosen = (8 if stats.n_process > 1 else 16, stats.n_process)
                    r_times.append(wall)
                    parts_all.append((wall, parts))
                elif side == "B":
                    bs, npr = chosen
                    wall, cpu_s = run_spacy(nlp, texts, bs, npr)
                    s_times.append(wall)
                    cpu["B"].append(cpu_s)
                elif side == "C":
                    bs, npr = chosen
                    wall, cpu_s = run_spacy(ner, texts, bs, npr)
                    n_times.append(wall)
                    cpu["C"].append(cpu_s)
                else:
                    bs, npr = chosen
                    wall, cpu_s = run_spacy(stock, texts, bs, npr)
                    d_times.append(wall)
                    cpu["D"].append(cpu_s)
            ratios.append(s_times[-1] / r_times[-1])
            ner_ratios.append(n_times[-1] / r_times[-1])
            print(
                f"rep {rep + 1}: reader {words / r_times[-1]:,.0f} w/s ({r_times[-1]:.2f} s), "
                f"spaCy same components {words / s_times[-1]:,.0f} w/s ({s_times[-1]:.2f} s), "
                f"spaCy NER only {words / n_times[-1]:,.0f} w/s ({n_times[-1]:.2f} s), "
                f"out of the box {words / d_times[-1]:,.0f} w/s ({d_times[-1]:.2f} s); "
                f"ratios {ratios[-1]:.3f} / {ner_ratios[-1]:.3f}; "
                f"in CPU seconds {cpu['A'][-1]:.2f} / {cpu['B'][-1]:.2f} / {cpu['C'][-1]:.2f} / {cpu['D'][-1]:.2f}"
            )

        bs, npr = chosen
        print(f"settings: batch_size {bs}, n_process {npr} (both sides)")
        if npr > 1:
            print(
                "breakdown: not measured with 2 processes (spaCy and the rules run in forked "
                "workers, out of the timers' sight); run with --n-process 1 to see the rules' share"
            )
            parts_all = []
        if parts_all:
            wall, parts = sorted(parts_all, key=lambda x: x[0])[len(parts_all) // 2]
            print_breakdown(wall, parts, parts_all)
        sc = scope_counts(views)
        print(
            f"parsed (window {parse_scope.PARSE_BEFORE} sentences before, {parse_scope.PARSE_AFTER} after "
            f"each quotation): {sc['parsed sentences']:,}/{sc['sentences']:,} sentences "
            f"({sc['parsed sentences'] / max(1, sc['sentences']):.1%}), {sc['parsed tokens']:,}/"
            f"{sc['tokens']:,} tokens ({sc['parsed tokens'] / max(1, sc['tokens']):.1%})"
        )
        ratio = statistics.median(ratios)
        verdict = (
            "meets the goal (>= 0.95)"
            if ratio >= 0.95
            else ("above the bar (>= 0.8)" if ratio >= 0.8 else "BELOW the bar of 0.8")
        )
        print(f"ratio (median of {len(ratios)} paired reps): {ratio:.3f}: {verdict}")
        ner_ratio = statistics.median(ner_ratios)
        print(
            f"ratio to spaCy NER only (median of {len(ner_ratios)} paired reps): {ner_ratio:.3f} "
            f"({'meets' if ner_ratio >= 0.95 else 'below'} issue 19's goal of 0.95)"
        )
        cpu_ratio = statistics.median(c / a for a, c in zip(cpu["A"], cpu["C"]))
        print(f"ratio to spaCy NER only in CPU seconds (steadier on a busy machine): {cpu_ratio:.3f}")
        stock_ratio = statistics.median(d / a for a, d in zip(r_times, d_times))
        stock_cpu = statistics.median(d / a for a, d in zip(cpu["A"], cpu["D"]))
        print(
            f"for scale, to spaCy's NER alone out of the box (BLIS products): {stock_ratio:.3f} "
            f"({stock_cpu:.3f} in CPU seconds)"
        )
        print(
            json.dumps(
                {
                    "words": words,
                    "reader_wps": round(words / statistics.median(r_times)),
                    "spacy_wps": round(words / statistics.median(s_times)),
                    "ratio": round(ratio, 3),
                    "ner_only_wps": round(words / statistics.median(n_times)),
                    "ratio_to_ner_only": round(ner_ratio, 3),
                    "ratio_to_ner_only_cpu": round(cpu_ratio, 3),
                    "ner_out_of_the_box_wps": round(words / statistics.median(d_times)),
                }
            )
        )


if __name__ == "__main__":
    main()
