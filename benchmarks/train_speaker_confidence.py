#!/usr/bin/env python3
"""Fit the speaker-confidence model (reader/model/analysis/speaker_confidence.json).

Runs the analysis over development gold sets with every speaker kept (no bar), labels each
attributed quote that matches a gold quote as right or wrong with the shared scorer's rules, and
fits an L2-regularised logistic regression (scikit-learn, a training-time dependency only:
`pip install '.[train]'`) over `confidence.features`. Writes the weights as JSON; the analysis
reads them with no scikit-learn.

    python3 benchmarks/train_speaker_confidence.py [GOLD_DIR ...] [--out FILE] [--c 1.0]

Defaults to the two shared development sets (shared/data/quotes and quotes-wikinews); never
train on a test split.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shared_data import SHARED  # noqa: E402

from reader.model.analysis import confidence  # noqa: E402
from reader.model.corpus.corpus import Corpus  # noqa: E402
from reader.model.outputs.records import export_quotes_rows  # noqa: E402

DEV_SETS = [SHARED / "data/quotes", SHARED / "data/quotes-wikinews"]
SCORER = SHARED / "tools/score_quotes.py"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def examples(gold_dir: Path, scorer) -> list[tuple[dict[str, float], int]]:
    """(features, 1 if the speaker is right) for every attributed quote matching a gold quote."""
    gold = scorer.load_jsonl(gold_dir / "gold.jsonl")
    out = []
    for doc, gq in sorted(gold.items()):
        confidence.RECORD = []
        corpus = Corpus.load([gold_dir / doc])
        corpus.analyse(cache=False)
        feats = {(s, e): f for s, e, f in confidence.RECORD}
        confidence.RECORD = None
        rows = export_quotes_rows(corpus)
        pq = [q for r in rows for q in r["quotes"] if (q["start"], q["end"]) in feats and q["speaker"]]
        for gi, pi in scorer.match(gq, pq, 0.8):
            right = scorer.same_person(pq[pi]["speaker"] or "", gq[gi].get("speaker") or "")
            out.append((feats[(pq[pi]["start"], pq[pi]["end"])], int(right)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold_dirs", nargs="*", type=Path, default=DEV_SETS)
    ap.add_argument("--out", type=Path, default=confidence.WEIGHTS)
    ap.add_argument("--scorer", type=Path, default=SCORER)
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    a = ap.parse_args(argv)
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    scorer = load_scorer(a.scorer)
    confidence.THRESHOLD = 0.0  # keep every speaker while collecting
    data = []
    for d in a.gold_dirs:
        got = examples(d, scorer)
        print(f"{d}: {len(got)} attributed quotes, {sum(y for _, y in got)} right", file=sys.stderr)
        data.extend(got)
    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform([f for f, _ in data])
    y = [lab for _, lab in data]
    # the bias feature is a column of ones: let the model's own intercept stand in for it
    model = LogisticRegression(C=a.c, max_iter=2000, fit_intercept=False)
    model.fit(x, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.feature_names_, model.coef_[0])}
    p = model.predict_proba(x)[:, 1]
    kept = [(pi, yi) for pi, yi in zip(p, y) if pi >= confidence.THRESHOLD or True]
    for bar in (0.3, 0.4, 0.5, 0.6, 0.7):
        named = [(pi, yi) for pi, yi in kept if pi >= bar]
        right = sum(yi for _, yi in named)
        print(
            f"bar {bar:.1f}: keeps {len(named)}/{len(y)} speakers, precision {right / max(len(named), 1):.3f}, "
            f"right kept {right}/{sum(y)}",
            file=sys.stderr,
        )
    a.out.write_text(
        json.dumps(
            {
                "about": "logistic weights over reader.model.analysis.confidence.features; "
                "fitted by benchmarks/train_speaker_confidence.py on the shared development sets",
                "examples": len(y),
                "weights": dict(sorted(weights.items())),
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
