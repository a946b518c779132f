"""What importers produce: records (an article's paragraphs and metadata) laid out as one plain text.

Every importer turns its source into records; `build` writes them as a synthetic text (the title
line, a blank line, paragraphs separated by blank lines; records separated by two blank lines) and
notes where each record lies in it. That text is what reader shows, analyses and indexes with
offsets, exactly as a text file's; `reader text` prints it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Fields a record may carry; the same names are used in the extraction cache.
META_FIELDS = ("title", "publisher", "date", "url", "author", "byline", "locator")

_NEWLINES = re.compile(r"\r\n?|[\f\v\x85]")
_BLANK_LINES = re.compile(r"\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+")


class ImportRefused(ValueError):
    """The file is of a format reader imports but holds nothing it can read; the message says why."""


@dataclass(slots=True)
class Record:
    """One article as an importer found it: plain-text paragraphs (no markup) and metadata."""

    paragraphs: list[str]
    title: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO 8601 (see fields.iso_date)
    url: str | None = None
    author: str | None = None
    byline: str | None = None
    locator: str | None = None
    summary_only: bool = False
    # where pages start, for sources with pages: (index into `paragraphs`, page number), or
    # (index, page number, character offset) for a page that starts inside a paragraph
    page_starts: list[tuple[int, ...]] = field(default_factory=list)


@dataclass(slots=True)
class Placed:
    """A record as laid out in the synthetic text: text[start:end], the title line first if `titled`."""

    start: int
    end: int
    titled: bool
    meta: dict[str, str]
    summary_only: bool = False
    pages: list[tuple[int, int]] = field(default_factory=list)  # (offset, page number)


@dataclass(slots=True)
class Extraction:
    text: str
    records: list[Placed]
    notices: list[str] = field(default_factory=list)  # e.g. records skipped for having no text

    def to_json(self) -> dict:
        return {
            "text": self.text,
            "notices": self.notices,
            "records": [
                {
                    "start": r.start,
                    "end": r.end,
                    "titled": r.titled,
                    "meta": r.meta,
                    "summary_only": r.summary_only,
                    "pages": [list(p) for p in r.pages],
                }
                for r in self.records
            ],
        }

    @classmethod
    def from_json(cls, data) -> Extraction:
        """Raises ValueError (or KeyError/TypeError) on anything that is not a sound extraction."""
        text = data["text"]
        if not isinstance(text, str):
            raise ValueError("text")
        records = []
        for r in data["records"]:
            start, end = int(r["start"]), int(r["end"])
            if not 0 <= start < end <= len(text):
                raise ValueError("span")
            meta = {str(k): str(v) for k, v in r["meta"].items() if k in META_FIELDS}
            pages = [(int(a), int(b)) for a, b in r["pages"]]
            records.append(Placed(start, end, bool(r["titled"]), meta, bool(r["summary_only"]), pages))
        return cls(text, records, [str(n) for n in data["notices"]])


def clean_paragraph(s: str) -> list[str]:
    """A paragraph as plain lines: newlines normalised, lines trimmed, blank lines splitting it."""
    s = _NEWLINES.sub("\n", s)
    out = []
    for piece in _BLANK_LINES.split(s):
        lines = [ln.strip() for ln in piece.split("\n")]
        joined = "\n".join(ln for ln in lines if ln)
        if joined:
            out.append(joined)
    return out


def one_line(s: str | None) -> str | None:
    if s is None:
        return None
    s = " ".join(str(s).split())
    return s or None


def build(records: list[Record], notices: list[str] | None = None) -> Extraction:
    """Lay records out as one text; a record with no paragraphs is left out (and counted)."""
    parts: list[str] = []
    pos = 0
    placed: list[Placed] = []
    empty = 0

    def put(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    for rec in records:
        title = one_line(rec.title)
        starts: dict[int, list[tuple[int, int]]] = {}  # paragraph index -> [(offset in it, page)]
        for ps in rec.page_starts:
            starts.setdefault(ps[0], []).append((ps[2] if len(ps) > 2 else 0, ps[1]))
        # (text, [(offset in text, page)])
        paras: list[tuple[str, list[tuple[int, int]]]] = []
        carry: list[tuple[int, int]] = []  # pages whose paragraph was empty start at the next one
        for i, p in enumerate(rec.paragraphs):
            here = starts.get(i, [])
            pieces = clean_paragraph(p or "")
            exact = len(pieces) == 1 and pieces[0] == (p or "").strip()
            for j, piece in enumerate(pieces):
                marks = [(0, pg) for _, pg in carry]
                carry = []
                if j == 0:
                    marks += [(min(off, len(piece) - 1) if exact else 0, pg) for off, pg in here]
                    here = []
                paras.append((piece, marks))
            carry += [(0, pg) for _, pg in here]
        if title and paras and " ".join(paras[0][0].split()) == title:
            # the body repeats the headline (an <h1> in the page, say): its page marks move on
            if len(paras) > 1:
                paras[1] = (paras[1][0], [(0, pg) for _, pg in paras[0][1]] + paras[1][1])
            paras = paras[1:]
        if not paras:
            empty += 1
            continue
        if placed:
            put("\n\n\n")
        start = pos
        if title:
            put(title + "\n\n")
        page_offsets: list[tuple[int, int]] = []
        for k, (piece, marks) in enumerate(paras):
            if k:
                put("\n\n")
            page_offsets.extend((pos + off, pg) for off, pg in marks)
            put(piece)
        page_offsets.sort()
        if page_offsets and any(off == 0 for off, _ in paras[0][1]):
            page_offsets[0] = (start, page_offsets[0][1])  # the title line is on the first page too
        meta = {k: v for k in META_FIELDS if (v := one_line(getattr(rec, k))) is not None}
        if not title:
            meta.pop("title", None)
        placed.append(Placed(start, pos, bool(title), meta, rec.summary_only, page_offsets))
    notes = list(notices or [])
    if empty and placed:
        notes.append(f"{empty} record{'s' * (empty != 1)} without any text left out")
    return Extraction("".join(parts), placed, notes)
