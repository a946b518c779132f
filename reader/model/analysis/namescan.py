"""Find the occurrences of many known names in a text, fast and respecting word boundaries.

One big regex alternation over thousands of names is slow in Python's backtracking engine, so
names are bucketed by the leading letters of their first word and only the bucket of each
capitalised word start is tried, longest name first. Used for document consistency (tag every
recurrence of a tagged name) and for corpus consistency (names tagged in other articles).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_START = re.compile(r"(?<![\w'\u2019\-.&])[A-Z0-9]\w*")  # a capitalised word and its letters
_LEAD = re.compile(r"\w+")
_SMALL = frozenset("a an and as at but by for from in into is nor of on or over the to under up with via vs".split())


class NameScanner:
    def __init__(self, names: Iterable[str]):
        buckets: dict[str, list[str]] = {}
        for n in set(names):
            m = _LEAD.match(n)
            if m and (n[:1].isupper() or n[:1].isdigit()):
                buckets.setdefault(m.group(), []).append(n)
        for b in buckets.values():
            b.sort(key=len, reverse=True)
        self.buckets = buckets

    def __bool__(self) -> bool:
        return bool(self.buckets)

    def scan(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, name) for each whole-word occurrence, leftmost-longest, not overlapping."""
        pos = 0
        buckets = self.buckets
        for m in _START.finditer(text):
            bucket = buckets.get(m.group())
            if not bucket:
                continue
            a = m.start()
            if a < pos:
                continue
            for n in bucket:
                b = a + len(n)
                if text.startswith(n, a) and _boundary_after(text, b):
                    yield a, b, n
                    pos = b
                    break


def _boundary_after(text: str, b: int) -> bool:
    if b >= len(text):
        return True
    c = text[b]
    if c.isalnum() or c == "_":
        return False
    if c in "-." and b + 1 < len(text) and text[b + 1].isalnum() and (c == "." or text[b + 1].isupper()):
        return False  # "Bosnia-Herzegovina", "Scientology.org"
    return True


def inside_longer_name(text: str, a: int, b: int, skip_before: frozenset[str], adjective: bool) -> bool:
    """True when a capitalised word joins the match on either side ('Warhol Factory', 'Kristen X').

    Words in `skip_before` (titles: "President X") do not count before the match, and nothing
    counts after an adjective ("Kurdish Forces")."""
    after = re.match(r" ([A-Z][\w]*)", text[b : b + 40])
    if after and after.group(1).lower() not in _SMALL and not adjective:
        return True
    before = re.search(r"([\w.]+) $", text[max(0, a - 40) : a])
    if before and not sentence_start(text, a):
        w = before.group(1)
        if (
            w[:1].isupper()
            and w.lower() not in _SMALL
            and w not in skip_before
            and not sentence_start(text, a - len(w) - 1)
        ):
            return True
    return False


def sentence_start(text: str, i: int) -> bool:
    """Whether position i starts a sentence or paragraph."""
    j = i
    while j > 0 and text[j - 1] == " ":
        j -= 1
    return j <= 0 or text[j - 1] in '.!?\n"\u201c\u201d:\u2014'


def covered(starts: list[int], ends: list[int], a: int, b: int) -> list[int] | None:
    """Indices of the sorted, non-overlapping spans (starts/ends) lying inside [a, b), when
    every span touching [a, b) lies inside it and they leave some of it uncovered; else None.
    A longer known name then replaces its parts ("Organization for ... Cooperation" + "Europe")."""
    from bisect import bisect_left, bisect_right

    i = bisect_right(ends, a)  # first span ending after a
    j = bisect_left(starts, b)  # spans before j start before b
    if i >= j:
        return None
    inside = list(range(i, j))
    if starts[i] < a or ends[j - 1] > b:
        return None
    return inside
