"""A concordance (keyword in context) of one entity: every mention across the corpus, one row each,
with the words before and after it, its sentence, and its article's title and date.

Rows are for the concordance view and `reader mentions NAME --context`. Offsets are exact: a row's
`start`/`end` index its source file and `text == file_text[start:end]`; so do the sentence's.
`left`/`right` are display context (whole words, up to CONTEXT_CHARS) with whitespace runs folded to one space (a hard-wrapped
source's line breaks would break the alignment on the name); `sentence_line` is the sentence the
same way.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.model.ingest.article import BODY, BOILERPLATE, BYLINE, CAPTION, DATELINE, HEADLINE, Article
from reader.model.ingest.sentences import sentence_span

SORTS = ("article", "date")
CONTEXT_CHARS = 60  # characters of context kept each side (views cut them further)
CSV_COLUMNS = (
    "article",
    "path",
    "title",
    "publisher",
    "date",
    "index",
    "count",
    "start",
    "end",
    "text",
    "left",
    "right",
    "sentence_start",
    "sentence_end",
    "sentence",
)
_SPACE = re.compile(r"\s+")
_ALL_KINDS = frozenset({HEADLINE, DATELINE, BYLINE, CAPTION, BODY, BOILERPLATE})


def one_line(s: str) -> str:
    return _SPACE.sub(" ", s)


@dataclass(frozen=True, slots=True)
class ConcordanceRow:
    article: Article
    order: int  # the article's position in the corpus (its list order)
    start: int  # source offsets of the mention
    end: int
    text: str  # source[start:end], exact
    left: str  # folded context before the mention, at most CONTEXT_CHARS, nearest words kept
    right: str  # folded context after it
    sentence_start: int
    sentence_end: int
    index: int  # 1-based position among the entity's mentions in this article
    count: int  # the entity's mentions in this article

    @property
    def sentence(self) -> str:
        return self.article.text[self.sentence_start : self.sentence_end]

    @property
    def sentence_line(self) -> str:
        return one_line(self.sentence)

    def left_cut(self, width: int) -> str:
        """The context before, cut to `width` characters at a word boundary ('…' where cut)."""
        return cut_left(self.left, width)

    def right_cut(self, width: int) -> str:
        return cut_right(self.right, width)


def cut_left(s: str, width: int) -> str:
    if len(s) <= width:
        return s
    if width <= 1:
        return "…"[:width]
    tail = s[len(s) - (width - 1) :]
    sp = tail.find(" ")
    if 0 <= sp < len(tail) // 2:  # drop the broken word when that costs little
        tail = tail[sp:]
    return "…" + tail


def cut_right(s: str, width: int) -> str:
    if len(s) <= width:
        return s
    if width <= 1:
        return "…"[:width]
    head = s[: width - 1]
    sp = head.rfind(" ")
    if sp > len(head) // 2:
        head = head[:sp]
    return head + "…"


def _block_bounds(article: Article, bounds: list[tuple[int, int]], start: int) -> tuple[int, int]:
    """The paragraph (block) of the article holding `start`, else the article. `bounds`: the
    article's blocks as (start, end), made once per article (indexing a packed block list
    unpacks all of it: a bisect per mention took 14 s of 18 for a top entity at 10k articles)."""
    k = bisect.bisect_right(bounds, start, key=lambda b: b[0]) - 1
    if 0 <= k < len(bounds) and bounds[k][0] <= start < bounds[k][1]:
        return bounds[k]
    return article.start, article.end


def _context(text: str, lo: int, hi: int, start: int, end: int) -> tuple[str, str]:
    left = one_line(text[max(lo, start - 2 * CONTEXT_CHARS) : start])
    right = one_line(text[end : min(hi, end + 2 * CONTEXT_CHARS)])
    if len(left) > CONTEXT_CHARS:  # whole words only
        left = left[-CONTEXT_CHARS:]
        sp = left.find(" ")
        left = left[sp + 1 :] if sp >= 0 else left
    if len(right) > CONTEXT_CHARS:
        right = right[: CONTEXT_CHARS + 1]
        sp = right.rfind(" ")
        right = right[:sp] if sp > 0 else right[:CONTEXT_CHARS]
    return left, right


def concordance(corpus, entity, sort: str = "article", progress=None) -> list[ConcordanceRow]:
    """One row per mention of `entity` inside an article, sorted by article order or date
    (undated articles last), then by position. `progress(rows so far)` is called after each
    article's rows (unsorted, only appended to)."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    from reader.model.corpus.entity_counts import article_spans  # numpy: imported when used

    arts = corpus.articles[:]  # a copy: files may still be arriving
    # every mention placed in its article at once (one lookup each took seconds at 100k articles),
    # so that rows come article by article from the start
    places = article_spans(corpus, arts)
    rows: list[ConcordanceRow] = []
    for key, spans in places.grouped(entity.mentions):
        a = arts[key]
        text = a.text
        blocks = a.blocks  # packed (ingest/indexed.py) when opened from the index: no Block objects then
        bounds = blocks.regions(_ALL_KINDS) if hasattr(blocks, "regions") else [(b.start, b.end) for b in blocks]
        for i, (s, e) in enumerate(spans, 1):
            lo, hi = _block_bounds(a, bounds, s)
            ss, se = sentence_span(text, lo, hi, s)
            left, right = _context(text, a.start, a.end, s, e)
            rows.append(ConcordanceRow(a, key, s, e, text[s:e], left, right, ss, se, i, len(spans)))
        if progress is not None:
            progress(rows)
    return sort_rows(rows, sort)


def sort_rows(rows: Sequence[ConcordanceRow], sort: str) -> list[ConcordanceRow]:
    if sort == "date":
        return sorted(rows, key=lambda r: (r.article.date is None, r.article.date or "", r.order, r.start))
    return sorted(rows, key=lambda r: (r.order, r.start))


def row_text(row: ConcordanceRow) -> str:
    """What a filter searches in a row, casefolded: context, name, title, publisher, date, sentence
    (one per line, so that a needle never matches across two of them)."""
    a = row.article
    parts = (row.left, one_line(row.text), row.right, a.title, a.publisher, a.date, row.sentence_line)
    return "\n".join((x or "").casefold() for x in parts)


def matches(row: ConcordanceRow, needle: str) -> bool:
    """Whether a row's context, name, title, publisher or date holds `needle` (case ignored)."""
    return not needle or needle.casefold() in row_text(row)


def row_record(row: ConcordanceRow) -> dict:
    a = row.article
    return {
        "article": a.id,
        "path": a.path,
        "title": a.title,
        "publisher": a.publisher,
        "date": a.date,
        "index": row.index,
        "count": row.count,
        "start": row.start,
        "end": row.end,
        "text": row.text,
        "left": row.left,
        "right": row.right,
        "sentence": {"start": row.sentence_start, "end": row.sentence_end, "text": row.sentence},
    }


def concordance_record(entity, rows: Sequence[ConcordanceRow], sort: str) -> dict:
    return {
        "entity": {"id": entity.id, "name": entity.name, "kind": entity.kind, "aliases": list(entity.aliases)},
        "sort": sort,
        "mentions": len(rows),
        "articles": len({id(r.article) for r in rows}),
        "rows": [row_record(r) for r in rows],
    }


def concordance_csv(rows: Sequence[ConcordanceRow]) -> str:
    """One row per mention: `text` exact, context and sentence on one line each (offsets exact)."""
    from reader.model.outputs.tables_export import csv_text

    return csv_text(
        CSV_COLUMNS,
        (
            (
                r.article.id,
                r.article.path,
                r.article.title,
                r.article.publisher or "",
                r.article.date or "",
                r.index,
                r.count,
                r.start,
                r.end,
                r.text,
                r.left,
                r.right,
                r.sentence_start,
                r.sentence_end,
                r.sentence_line,
            )
            for r in rows
        ),
    )
