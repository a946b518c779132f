"""What the reading pane highlights, in source offsets (no Textual here).

Three layers, kept apart so that one changes without the others: the analysis's spans (entity
mentions by kind, quotes: `analysis_spans` makes them for an article), the current span (a
quote, a mention, a clicked highlight: reversed, with a mark in the margin) and the matches of a
find in the article, one of them current. The ArticleView owns one `HighlightLayers` and asks it
what falls on each row it draws (widgets/article_row.py).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate

from reader.model.ingest.article import Article

KIND_CLASS = {
    "PERSON": "article-view--person",
    "PLACE": "article-view--place",
    "ORG": "article-view--org",
    "NORP": "article-view--norp",
}


def analysis_spans(corpus, art: Article) -> list[tuple[int, int, str]]:
    """Entity and quote spans of an analysed article, with their component classes."""
    spans: list[tuple[int, int, str]] = []
    for q in corpus.quotes_in(art):
        spans.append((q.start, q.end, "article-view--quote"))
    for s, e, ent in corpus.mentions_in(art):
        cls = KIND_CLASS.get(getattr(ent, "kind", ""))
        if cls:
            spans.append((s, e, cls))
    if not corpus.entities:  # analysis still running: this file's raw mentions, by kind
        fa = corpus.analyses.get(corpus.file_index(art))
        spans += [
            (m.start, m.end, KIND_CLASS[m.kind])
            for m in getattr(fa, "mentions", ())
            if getattr(m, "kind", "") in KIND_CLASS and art.start <= m.start and m.end <= art.end
        ]
    return spans


class HighlightLayers:
    """The spans (start, end, component class), the current span and the find's matches."""

    __slots__ = ("spans", "_span_starts", "_span_maxend", "current", "matches", "_match_ends", "match_current")

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        """Nothing highlighted (another article)."""
        self.spans: list[tuple[int, int, str]] = []
        self._span_starts: list[int] = []
        self._span_maxend: list[int] = []
        self.current: tuple[int, int] | None = None
        # find-in-article matches: a layer of their own, so entity and quote highlights stay
        self.matches: list[tuple[int, int]] = []
        self._match_ends: list[int] = []
        self.match_current: int | None = None

    def set_spans(self, spans: Iterable[tuple[int, int, str]]) -> None:
        self.spans = sorted((s, e, c) for s, e, c in spans if e > s)
        self._span_starts = [s for s, _, _ in self.spans]
        self._span_maxend = list(accumulate((e for _, e, _ in self.spans), max))

    def spans_in(self, start: int, end: int) -> Iterator[tuple[int, int, str]]:
        """The spans overlapping [start, end), in order: a bisect on the running maximum end."""
        i = bisect_right(self._span_maxend, start)
        spans = self.spans
        while i < len(spans) and spans[i][0] < end:
            if spans[i][1] > start:
                yield spans[i]
            i += 1

    def spans_at(self, offset: int) -> list[tuple[int, int, str]]:
        """The spans holding source `offset`."""
        return [t for t in self.spans_in(offset, offset + 1) if t[0] <= offset < t[1]]

    def set_matches(self, spans: list[tuple[int, int]]) -> None:
        """Find matches: sorted, non-overlapping (start, end) source spans; none current yet."""
        self.matches = spans
        self._match_ends = [e for _, e in spans]
        self.match_current = None

    def match_span(self, index: int | None) -> tuple[int, int] | None:
        return self.matches[index] if index is not None and 0 <= index < len(self.matches) else None

    def matches_in(self, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
        """(start, end, is it the current one) of the matches overlapping [start, end)."""
        matches = self.matches
        i = bisect_right(self._match_ends, start)
        while i < len(matches) and matches[i][0] < end:
            s, e = matches[i]
            yield s, e, i == self.match_current
            i += 1
