#!/usr/bin/env python3
"""Entity recognition and alias grouping quality on the GUM gold splits, plus the rules' cost.

For each gold `.txt` file this does what `reader.model.analysis.pipeline.analyse_text` does for entities
(all paragraphs as one article, spaCy as reader runs it, `entities.recognise`), calls
`reader.model.corpus.aliases.build_entities` over all documents of the split, writes the predictions as
JSONL (`aliases.export_rows`) and scores them with `shared/tools/score_entities.py`: once with
`--types PERSON,PLACE,ORG` (GUM lacks NORP adjectives) and once with all kinds.

Usage:
  python benchmarks/quality_entities.py [--split dev|test|both] [--out DIR] [--cache DIR]
                                        [--errors] [--full] [--scale N]

--cache DIR keeps the parsed spaCy docs between runs (keyed by text and analysis code), so that tuning the
rules does not re-run spaCy. --errors lists false positives / negatives per document (dev only:
tune on dev, report on test). --full runs the whole `analysis.analyse_view` (quotes too) instead
of only `entities.recognise`; the entity results are the same. --scale N times build_entities on
N copies of shared/data/bench-corpus plus the seeds (replicated analyses: names repeat across
copies, so per-name caches are warmer than on a real corpus of that size).
Timing: spaCy (`parse_scope.annotate` over the views, as reader runs it) against our rules (recognise on the parsed docs) and
build_entities, so the rules' overhead relative to spaCy is visible (without --cache).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shared_data import SHARED  # noqa: E402

from reader.model.analysis import entities  # noqa: E402
from reader.model.analysis.fingerprint import rules_fingerprint  # noqa: E402
from reader.model.analysis.nlp import load_pipeline  # noqa: E402
from reader.model.analysis.parse_scope import annotate  # noqa: E402
from reader.model.analysis.results import FileAnalysis  # noqa: E402
from reader.model.analysis.textview import TextView, build_view  # noqa: E402
from reader.model.corpus import aliases  # noqa: E402
from reader.model.ingest.paragraphs import split_paragraphs  # noqa: E402

SPLITS = {"dev": SHARED / "data/entities", "test": SHARED / "data/entities-test"}


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_entities", SHARED / "tools/score_entities.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parse(nlp, views: list[TextView], cache: Path | None):
    """spaCy docs for the views as reader makes them (`parse_scope.annotate`), from the cache
    when present (keyed by text and analysis code); returns (docs, seconds spent in spaCy)."""
    from spacy.tokens import DocBin

    def key(v: TextView) -> str:
        return hashlib.sha1(f"{rules_fingerprint()}\0{v.text}".encode()).hexdigest() + ".spacy"

    docs: list = [None] * len(views)
    todo = []
    for i, v in enumerate(views):
        f = cache / key(v) if cache else None
        if f and f.exists():
            docs[i] = next(iter(DocBin().from_disk(f).get_docs(nlp.vocab)))
        else:
            todo.append(i)
    t0 = time.perf_counter()
    for i, doc in zip(todo, annotate(nlp, [views[i] for i in todo])):
        docs[i] = doc
        if cache:
            cache.mkdir(parents=True, exist_ok=True)
            DocBin(docs=[doc], store_user_data=False).to_disk(cache / key(views[i]))
    return docs, time.perf_counter() - t0


FULL = False  # --full: run all of analysis.analyse_view (quotes too), as `reader` does


def _analysis(doc, view) -> FileAnalysis:
    """The entity part of one analysis (hints as alias_hints: the grouping reads them)."""
    if FULL:
        from reader.model.analysis.pipeline import analyse_view

        return analyse_view(doc, view)
    mentions, hints = entities.recognise(doc, view)
    return FileAnalysis(mentions=mentions, alias_hints=hints)


def analyse_split(gold_dir: Path, nlp, cache: Path | None):
    """[(doc name, source, FileAnalysis)] and timings for one split."""
    names = sorted(p.name for p in gold_dir.glob("*.txt"))
    sources = [(gold_dir / n).read_text(encoding="utf-8") for n in names]
    # the same view as analysis.analyse_text: all paragraphs as one article
    views = [build_view(s, [(p.start, p.end) for p in split_paragraphs(s)]) for s in sources]
    docs, t_spacy = parse(nlp, views, cache)
    t0 = time.perf_counter()
    # the entity part of analysis.analyse_view (quotes are not needed here)
    results = [_analysis(d, v) for d, v in zip(docs, views)]
    t_rules = time.perf_counter() - t0
    t0 = time.perf_counter()
    ents = aliases.build_entities([(n, s, r) for n, s, r in zip(names, sources, results)])
    t_alias = time.perf_counter() - t0
    words = sum(len(s.split()) for s in sources)
    return names, sources, results, ents, {"spacy": t_spacy, "rules": t_rules, "aliases": t_alias, "words": words}


def show_errors(gold: dict, rows: list[dict], types: set[str]) -> None:
    pred = {r["doc"]: r["entities"] for r in rows}
    for doc, g in sorted(gold.items()):
        gs = {(e["start"], e["end"], e["type"]): e["text"] for e in g if e["type"] in types}
        ps = {(e["start"], e["end"], e["type"]): e["text"] for e in pred.get(doc, []) if e["type"] in types}
        fp = sorted(set(ps) - set(gs))
        fn = sorted(set(gs) - set(ps))
        print(f"--- {doc}")
        for k in fp:
            print(f"   FP {k[2]:<6} {ps[k]!r}")
        for k in fn:
            print(f"   FN {k[2]:<6} {gs[k]!r}")


def scale(copies: int, cache: Path | None) -> int:
    nlp = load_pipeline()
    paths = sorted((SHARED / "data/bench-corpus").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    sources = [p.read_text(encoding="utf-8") for p in paths]
    views = [build_view(s, [(p.start, p.end) for p in split_paragraphs(s)]) for s in sources]
    docs, t_spacy = parse(nlp, views, cache)
    t0 = time.perf_counter()
    results = [_analysis(d, v) for d, v in zip(docs, views)]
    t_rules = time.perf_counter() - t0
    base = [(p.name, s, r) for p, s, r in zip(paths, sources, results)]
    corpus = [(f"{i}/{k}", s, r) for i in range(copies) for k, s, r in base]
    t0 = time.perf_counter()
    ents = aliases.build_entities(corpus)
    t = time.perf_counter() - t0
    words = sum(len(s.split()) for _, s, _ in corpus)
    spacy_note = f" vs spaCy {t_spacy:.2f}s" if t_spacy > 0.05 else " (spaCy cached)"
    print(f"{len(base)} articles: rules {t_rules:.3f}s{spacy_note}")
    print(
        f"build_entities on {len(corpus)} articles ({words} words, {copies} copies): {t:.2f}s, "
        f"{len(ents)} entities, {sum(len(e.mentions) for e in ents)} mentions"
    )
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "test", "both"), default="dev")
    ap.add_argument("--out", type=Path, default=Path("/tmp/quality_entities"))
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--error-types", default="PERSON,PLACE,ORG,NORP")
    ap.add_argument("--scale", type=int, default=0, metavar="N")
    ap.add_argument("--full", action="store_true", help="run analysis.analyse_view (with quotes)")
    args = ap.parse_args(argv)
    global FULL
    FULL = args.full
    if args.scale:
        return scale(args.scale, args.cache)
    scorer = load_scorer()
    nlp = load_pipeline()
    args.out.mkdir(parents=True, exist_ok=True)
    for split in ("dev", "test") if args.split == "both" else (args.split,):
        gold_dir = SPLITS[split]
        names, sources, results, ents, t = analyse_split(gold_dir, nlp, args.cache)
        rows = aliases.export_rows([(n, s, r) for n, s, r in zip(names, sources, results)], ents)
        out = args.out / f"{split}.jsonl"
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        gold = scorer.load_jsonl(gold_dir / "gold.jsonl")
        texts = dict(zip(names, sources))
        pred = scorer.load_jsonl(out)
        ppo = scorer.score(gold, pred, texts, {"PERSON", "PLACE", "ORG"})
        allk = scorer.score(gold, pred, texts, None)
        print(f"== {split}: {len(names)} docs, {t['words']} words -> {out}")
        for label, res in (("PERSON,PLACE,ORG", ppo), ("all kinds", allk)):
            ex = res["exact"]
            per = "  ".join(f"{k} {v['f1']:.3f}" for k, v in ex.items() if k != "micro")
            print(
                f"  {label:<17} micro P {ex['micro']['p']:.3f} R {ex['micro']['r']:.3f} "
                f"F1 {ex['micro']['f1']:.3f}  alias B3 {res['alias_b3']['f1']:.3f}   [{per}]"
            )
        if ppo["offset_errors"]:
            print(f"  OFFSET ERRORS: {ppo['offset_error_examples']}")
        if t["spacy"] > 0.05:
            print(
                f"  time: spaCy {t['spacy']:.2f}s ({t['words'] / t['spacy']:.0f} words/s), "
                f"rules {t['rules']:.3f}s ({100 * t['rules'] / t['spacy']:.1f}% of spaCy), "
                f"build_entities {t['aliases']:.3f}s"
            )
        else:
            print(f"  time: spaCy cached, rules {t['rules']:.3f}s, build_entities {t['aliases']:.3f}s")
        if args.errors:
            show_errors(gold, rows, set(args.error_types.split(",")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
