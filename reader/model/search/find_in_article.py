"""Find in an article: a typed query becomes a pattern, matched over exact source offsets.

No Textual here (the app's find bar and `reader grep` share it). Matches are (start, end) Python
string indices into the source text, like every other span, so `text[start:end]` is the match.
A plain query is literal and case-insensitive by default; whitespace in it matches any run of
whitespace (a phrase is found across the hard line breaks of wrapped text) and a straight quote
matches its curly forms. A regex query is Python `re` syntax, with `^`/`$` at line ends.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

MAX_MATCHES = 10_000  # the app highlights and walks at most this many (and says "10,000+")

_QUOTES = {"'": "'\u2018\u2019\u02bc", '"': '"\u201c\u201d\u201e'}
_QUOTE_CLASS = {c: "[" + re.escape(group) + "]" for group in _QUOTES.values() for c in group}
_CANCEL_EVERY = 2048  # matches between two checks of `cancelled`


class FindError(ValueError):
    """The query cannot be searched (an invalid regular expression); `str()` is for the user."""


@dataclass(frozen=True, slots=True)
class FindQuery:
    text: str
    regex: bool = False
    case_sensitive: bool = False

    @property
    def empty(self) -> bool:
        return not self.text if self.regex else not self.text.strip()


@dataclass(frozen=True, slots=True)
class FindResult:
    spans: list[tuple[int, int]]  # sorted, non-overlapping, non-empty
    truncated: bool = False  # there were more than the limit; `spans` holds the first ones

    def total_label(self) -> str:
        n = len(self.spans)
        return f"{n:,}+" if self.truncated else f"{n:,}"


def _literal_pattern(text: str) -> str:
    out = []
    for piece in re.split(r"(\s+)", text):
        if not piece:
            continue
        if piece.isspace():
            out.append(r"\s+")
        else:
            out.append("".join(_QUOTE_CLASS.get(c) or re.escape(c) for c in piece))
    return "".join(out)


def compile_query(query: FindQuery) -> re.Pattern[str]:
    """The pattern for `query`; raises FindError with a one-line reason for a bad regex."""
    flags = re.MULTILINE | (0 if query.case_sensitive else re.IGNORECASE)
    if not query.regex:
        return re.compile(_literal_pattern(query.text), flags)
    try:
        return re.compile(query.text, flags)
    except re.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        raise FindError(f"invalid regex: {exc.msg}{where}") from None
    except (OverflowError, RecursionError, ValueError) as exc:  # huge repeat counts, deep nesting
        raise FindError(f"invalid regex: {exc}") from None


def find_matches(
    text: str,
    query: FindQuery,
    start: int = 0,
    end: int | None = None,
    limit: int | None = MAX_MATCHES,
    cancelled: Callable[[], bool] | None = None,
) -> FindResult:
    """Matches of `query` in text[start:end], as source offsets; at most `limit` of them.

    Empty matches (`^`, `\\b`, `x*`) are skipped: there is nothing to show or step to. When
    `cancelled()` turns true the search stops early and the result is partial.
    """
    if query.empty:
        return FindResult([])
    pattern = compile_query(query)
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for i, m in enumerate(pattern.finditer(text, start, end)):
        if cancelled is not None and i % _CANCEL_EVERY == 0 and i and cancelled():
            break
        s, e = m.span()
        if e == s:
            continue
        if limit is not None and len(spans) >= limit:
            return FindResult(spans, truncated=True)
        spans.append((s, e))
    return FindResult(spans)


def first_from(spans: list[tuple[int, int]], offset: int) -> int | None:
    """Index of the first match starting at or after `offset`, else the first match (wrapping)."""
    if not spans:
        return None
    i = bisect_left(spans, (offset, -1))
    return i if i < len(spans) else 0


def step(index: int | None, count: int, direction: int) -> tuple[int | None, bool]:
    """The match after (direction > 0) or before `index`, wrapping; and whether it wrapped."""
    if count <= 0:
        return None, False
    if index is None:
        return (0, False) if direction > 0 else (count - 1, False)
    j = index + (1 if direction > 0 else -1)
    return j % count, not 0 <= j < count


def position_label(index: int | None, result: FindResult | None) -> str:
    """What the find bar says: "3 of 12", "3 of 10,000+", "no matches"."""
    if result is None:
        return ""
    if not result.spans:
        return "no matches"
    if index is None:
        return f"{result.total_label()} matches"
    return f"{index + 1:,} of {result.total_label()}"
