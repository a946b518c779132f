"""Where a quotation may run: the view's paragraphs for pairing marks, split further at source
line breaks meant as separate lines (an unclosed quote then ends with its line) and at bullets run
together when a feed lost its line breaks."""

from __future__ import annotations

import re

from reader.model.analysis.textview import PARAGRAPH_BREAK, TextView
from reader.model.ingest.paragraphs import is_hard_wrapped, line_spans


def segments(view: TextView) -> list[tuple[int, int]]:
    """Paragraph spans of view.text for quote pairing.

    Blank-line paragraphs, further split at source line breaks when a paragraph's lines are
    meant as separate lines (not hard-wrapped): single-newline articles then still have
    paragraphs, and an unclosed quote ends with its line.
    """
    text = view.text
    out: list[tuple[int, int]] = []
    pos = 0
    while pos <= len(text):
        nxt = text.find(PARAGRAPH_BREAK, pos)
        end = len(text) if nxt == -1 else nxt
        if end > pos:
            out.extend(b for a in _split_lines(view, pos, end) for b in _split_bullets(text, *a))
        if nxt == -1:
            break
        pos = nxt + len(PARAGRAPH_BREAK)
    return out


_INLINE_BULLET = re.compile(r"(?<=\s)\u2022\s")


def _split_bullets(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A paragraph holding list items run together ('the record: \u2022 Mocked ... \u2022 Calls ...',
    line breaks lost in a feed): each bullet starts a paragraph of its own, as it would on a line."""
    cuts = [m.start() for m in _INLINE_BULLET.finditer(text, a, b)]
    if not cuts:
        return [(a, b)]
    out = []
    for lo, hi in zip([a, *cuts], [*cuts, b]):
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            out.append((lo, hi))
    return out


def _split_lines(view: TextView, a: int, b: int) -> list[tuple[int, int]]:
    src = view.source
    s, e = view.source_span(a, b)
    if src.find("\n", s, e) == -1:
        return [(a, b)]
    lines = line_spans(src, s, e)
    if len(lines) < 2 or is_hard_wrapped(src, lines):
        return [(a, b)]
    out = []
    for ls, le in lines:
        va, vb = view.view_index(ls), view.view_index(le)
        if vb > va:
            out.append((max(a, va), min(b, vb)))
    return out or [(a, b)]
