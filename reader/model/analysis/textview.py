"""An analysis view of source text: chosen regions, whitespace folded, offsets kept.

NLP wants clean text: hard-wrapped lines joined, runs of spaces folded, boilerplate left out.
Users want exact offsets into the file. A `TextView` gives the first and maps back to the second:
`view.text` is what the analysers read, and `view.source_span(a, b)` turns any span of it into
a span of the source.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

PARAGRAPH_BREAK = "\n\n"
# Each paragraph break of a view, then its end: `finditer` gives every paragraph's end.
PARAGRAPH_OR_END = re.compile(PARAGRAPH_BREAK + r"|\Z")


@dataclass(slots=True)
class TextView:
    source: str
    text: str
    # _map[i] = source index of view character i; one extra entry for the end.
    _map: array

    def source_index(self, i: int) -> int:
        return self._map[i]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a view span to the smallest source span holding the same characters."""
        if end <= start:
            s = self._map[start]
            return s, s
        return self._map[start], self._map[end - 1] + 1

    def view_index(self, source_index: int) -> int:
        """The first view index whose source index is >= source_index (bisect)."""
        lo, hi = 0, len(self.text)
        m = self._map
        while lo < hi:
            mid = (lo + hi) // 2
            if m[mid] < source_index:
                lo = mid + 1
            else:
                hi = mid
        return lo


def build_view(source: str, regions: Iterable[tuple[int, int]]) -> TextView:
    """Join `regions` (source spans, e.g. paragraphs) with blank lines; fold whitespace inside each.

    Inside a region every run of whitespace (spaces, tabs, CR, LF) becomes one space, so a name
    wrapped over two lines reads as one. Regions are separated by a paragraph break that maps to
    the end of the previous region.
    """
    out: list[str] = []
    idx = array("q")
    for start, end in regions:
        # trim the region to its non-space content
        while start < end and source[start].isspace():
            start += 1
        while end > start and source[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        if out:
            out.append(PARAGRAPH_BREAK)
            idx.extend((idx[-1] + 1, idx[-1] + 1))
        i = start
        while i < end:
            ch = source[i]
            if ch.isspace():
                j = i + 1
                while j < end and source[j].isspace():
                    j += 1
                out.append(" ")
                idx.append(i)
                i = j
            else:
                out.append(ch)
                idx.append(i)
                i += 1
    text = "".join(out)
    idx.append((idx[-1] + 1) if len(idx) else 0)
    return TextView(source, text, idx)
