"""Test helper: text with every run of whitespace that holds a line break replaced by one space,
as scraped text, feeds and wire copy arrive (paragraph breaks lost), with the offset map."""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path

_BREAK = re.compile(r"\s*[\r\n]\s*")


def flatten(text: str) -> tuple[str, Callable[[int], int]]:
    """(flattened text, index) where index(i) maps an offset of `text` into the flattened text
    (an offset inside a removed run maps to the single space that replaced it)."""
    out: list[str] = []
    starts: list[int] = []  # old offset where each replaced run starts
    shift_after: list[int] = []  # characters removed up to the end of each run
    pos = removed = 0
    for m in _BREAK.finditer(text):
        out.append(text[pos : m.start()])
        out.append(" ")
        starts.append(m.start())
        removed += len(m.group()) - 1
        shift_after.append(removed)
        pos = m.end()
    out.append(text[pos:])
    ends = [m.end() for m in _BREAK.finditer(text)]

    def index(i: int) -> int:
        k = bisect_right(starts, i) - 1
        if k < 0:
            return i
        if i < ends[k]:  # inside the run: its one space (or its start)
            return starts[k] - (shift_after[k - 1] if k else 0) + (1 if i > starts[k] else 0)
        return i - shift_after[k]

    return "".join(out), index


def flatten_gold_dir(src: Path, dst: Path) -> Path:
    """A copy of a quote gold directory (gold.jsonl + texts) with every text flattened and the
    gold offsets mapped; returns dst."""
    dst.mkdir(parents=True, exist_ok=True)
    rows = []
    for line in (src / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = (src / rec["doc"]).read_text(encoding="utf-8")
        flat, index = flatten(text)
        (dst / rec["doc"]).write_text(flat, encoding="utf-8")
        for q in rec["quotes"]:
            q["start"], q["end"] = index(q["start"]), index(q["end"])
            while q["end"] > q["start"] and flat[q["end"] - 1].isspace():
                q["end"] -= 1
            q["text"] = flat[q["start"] : q["end"]]
            if q.get("speaker_start") is not None:
                q["speaker_start"], q["speaker_end"] = index(q["speaker_start"]), index(q["speaker_end"])
        rows.append(rec)
    (dst / "gold.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return dst
