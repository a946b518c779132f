#!/usr/bin/env python3
"""Quote detection and attribution quality on a gold directory (e.g. shared/data/quotes).

For every article named in DIR/gold.jsonl: `analyse_text(text, load_pipeline())`, write the
quotes as JSONL in the gold schema, then run the shared scorer on them.

    python3 benchmarks/quality_quotes.py ../shared/data/quotes [--out pred.jsonl] [--per-doc] [--flatten]

--flatten scores a copy of DIR in which every run of whitespace holding a line break is one
space (paragraph breaks lost, as in feeds and wire copy), gold offsets mapped
(`tests/flatten.py`). The figures of record go through the corpus (canonical speaker names):
`reader export quotes DIR > pred.jsonl && python3 score_quotes.py DIR pred.jsonl`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shared_data import SHARED  # noqa: E402

from reader.model.analysis.nlp import load_pipeline  # noqa: E402
from reader.model.analysis.pipeline import analyse_text  # noqa: E402
from reader.model.analysis.quotes import export_rows  # noqa: E402

SCORER = SHARED / "tools" / "score_quotes.py"


def docs_of(gold_dir: Path) -> list[str]:
    gold = gold_dir / "gold.jsonl"
    if gold.exists():
        return [json.loads(line)["doc"] for line in gold.read_text().splitlines() if line.strip()]
    return sorted(p.name for p in gold_dir.glob("*.txt"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--out", type=Path, default=Path("/tmp/quotes-pred.jsonl"))
    ap.add_argument("--scorer", type=Path, default=SCORER)
    ap.add_argument("--per-doc", action="store_true")
    ap.add_argument("--flatten", action="store_true", help="score DIR with its line breaks flattened")
    a = ap.parse_args(argv)
    if a.flatten:
        import tempfile

        from tests.flatten import flatten_gold_dir

        a.gold_dir = flatten_gold_dir(a.gold_dir, Path(tempfile.mkdtemp(prefix="flat-")))
    nlp = load_pipeline()
    t0 = time.perf_counter()
    with a.out.open("w", encoding="utf-8") as f:
        for name in docs_of(a.gold_dir):
            text = (a.gold_dir / name).read_text(encoding="utf-8")
            result = analyse_text(text, nlp)
            f.write(json.dumps({"doc": name, "quotes": export_rows(result.quotes)}, ensure_ascii=False) + "\n")
    print(f"analysed in {time.perf_counter() - t0:.1f} s -> {a.out}", file=sys.stderr)
    if not (a.gold_dir / "gold.jsonl").exists() or not a.scorer.exists():
        return 0
    cmd = [sys.executable, str(a.scorer), str(a.gold_dir), str(a.out)] + (["--per-doc"] if a.per_doc else [])
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
