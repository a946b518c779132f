"""Paragraphs and lines of a source text, with exact offsets; hard-wrap detection for reflow."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A paragraph break: a newline, then one or more lines holding only spaces/tabs/CR, then a newline.
_BREAK = re.compile(r"\n(?:[ \t\r\f\v]*\n)+")
_LINE = re.compile(r"[^\n]*")


@dataclass(frozen=True, slots=True)
class Para:
    start: int  # first non-space character
    end: int  # one past the last non-space character
    gap_before: int  # blank lines between this paragraph and the previous one (0 for the first)


def split_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Para]:
    """Blank-line separated paragraphs of text[start:end], trimmed of surrounding whitespace."""
    end = len(text) if end is None else end
    out: list[Para] = []
    pos = start
    gap = 0
    for m in _BREAK.finditer(text, start, end):
        _add(text, pos, m.start(), gap, out)
        gap = m.group().count("\n") - 1
        pos = m.end()
    _add(text, pos, end, gap, out)
    return out


def _add(text: str, a: int, b: int, gap: int, out: list[Para]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if a < b:
        out.append(Para(a, b, gap if out else 0))


def line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of text[start:end] as (start, end) spans, each trimmed of surrounding whitespace."""
    spans = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        a, b = pos, stop
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
        if nl == -1:
            break
        pos = nl + 1
    return spans


def is_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when a paragraph's lines were broken at a fixed width rather than by meaning.

    Hard-wrapped lines are long and nearly equal in length (all but the last), and a line
    break usually falls mid-sentence (the line does not end with sentence punctuation).
    """
    if len(lines) < 2:
        return False
    widths = [b - a for a, b in lines[:-1]]
    longest = max(b - a for a, b in lines)
    if longest < 30:
        return False
    near = sum(1 for w in widths if w >= 0.6 * longest)
    open_ends = sum(1 for a, b in lines[:-1] if text[b - 1] not in '.!?:"”')
    return near >= 0.75 * len(widths) and open_ends >= 0.5 * len(widths)
