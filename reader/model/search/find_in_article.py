"""Find in an article: a typed query becomes a pattern, matched over exact source offsets.

No Textual here (the app's find bar and `reader grep` share it). Matches are (start, end) Python
string indices into the source text, like every other span, so `text[start:end]` is the match.
A plain query is literal and case-insensitive by default; whitespace in it matches any run of
whitespace (a phrase is found across the hard line breaks of wrapped text) and a straight quote
matches its curly forms. A regex query is Python `re` syntax, with `^`/`$` at line ends.

No query can hang the caller. Every pattern runs in RE2 (linear time; regex_syntax.py rewrites
Python syntax for it), which works on UTF-8 bytes: offsets are mapped back to code points here.
A search whose worst case (bytes x RE2 program size) is large, and a regex RE2 cannot run
(lookaround, backreferences: Python's backtracking engine), run in a separate process that a
deadline or a cancel kills (search_process.py); the rest runs here, checking `cancelled`
between matches.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from reader.model.search.regex_engine import re2_compile, re2_spans
from reader.model.search.regex_syntax import NeedsBacktracking, literal_pattern, translate

MAX_MATCHES = 10_000  # the app highlights and walks at most this many (and says "10,000+")
TIMEOUT_S = 10.0  # a search that takes longer is stopped (FindTimeout)
# RE2's slowest path costs about (text bytes x program size) steps, ~1e9 a second: up to this
# many, a search runs in the calling process (a few hundred ms at worst); above, in the child.
IN_PROCESS_COST = 300_000_000
QUICK_COST = 20_000_000  # at most this: quick enough to run on a UI thread (tens of ms at worst)
QUICK_CHARS = 200_000  # a phrase is searched on the spot in an article up to this long (a few ms)

_QUOTES = {"'": "'\u2018\u2019\u02bc", '"': '"\u201c\u201d\u201e'}
_QUOTE_CLASS = {c: "[" + re.escape(group) + "]" for group in _QUOTES.values() for c in group}
_NON_ASCII_WORD = re.compile(r"(?![\x00-\x7f])\w")  # fixed width: linear in Python's engine


class FindError(ValueError):
    """The query cannot be searched (an invalid regular expression); `str()` is for the user."""


class FindTimeout(FindError):
    """The search ran past its time limit and was stopped; `str()` says why it was slow."""


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
    cancelled: bool = False  # `cancelled()` turned true: `spans` is what was found until then

    def total_label(self) -> str:
        n = len(self.spans)
        return f"{n:,}+" if self.truncated else f"{n:,}"


@dataclass(frozen=True, slots=True)
class CompiledQuery:
    """A query ready to run: its RE2 form, or why it needs Python's engine."""

    query: FindQuery
    python_source: str  # the pattern in Python syntax
    python_flags: int
    re2_source: str | None  # None: RE2 cannot run it
    why_python: str | None  # what RE2 lacks, for messages
    unicode_boundary: bool  # \b/\B: RE2's are exact only on text without non-ASCII word characters
    program_size: int  # RE2's, for the cost estimate

    def engine_for(self, text: str, start: int, end: int) -> str:
        """ "re2" or "python" for this stretch of text."""
        if self.re2_source is None:
            return "python"
        if self.unicode_boundary and _NON_ASCII_WORD.search(text, start, end):
            return "python"
        return "re2"

    def cost(self, text: str, start: int, end: int) -> int:
        """RE2's worst case for text[start:end], in steps (bytes x program size)."""
        return (end - start) * 3 * self.program_size if not text.isascii() else (end - start) * self.program_size

    def runs_here(self, text: str, start: int, end: int, budget: int = IN_PROCESS_COST) -> bool:
        """True when the search runs in this process within `budget` steps at worst."""
        if not self.query.regex:
            return True  # a phrase: RE2's DFA stays small, linear with a small constant
        return self.engine_for(text, start, end) == "re2" and self.cost(text, start, end) <= budget

    def quick(self, text: str, start: int, end: int) -> bool:
        """Cheap enough to run on the spot, on a UI thread."""
        if not self.query.regex:
            return end - start <= QUICK_CHARS
        return self.runs_here(text, start, end, QUICK_COST)


def _flags(query: FindQuery) -> int:
    return re.MULTILINE | (0 if query.case_sensitive else re.IGNORECASE)


def compile_query(query: FindQuery) -> CompiledQuery:
    """The query ready to run; raises FindError with a one-line reason for a bad regex."""
    flags = _flags(query)
    source = query.text if query.regex else literal_pattern(query.text, _QUOTE_CLASS)
    why = None
    try:
        tr = translate(source, flags)
        re2_source, boundary = tr.source, tr.unicode_boundary
    except re.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        raise FindError(f"invalid regex: {exc.msg}{where}") from None
    except (OverflowError, RecursionError, ValueError) as exc:  # huge repeat counts, deep nesting
        raise FindError(f"invalid regex: {exc}") from None
    except NeedsBacktracking as exc:
        re2_source, boundary, why = None, False, str(exc)
    size = 0
    if re2_source is not None:
        try:
            size = re2_compile(re2_source).programsize
        except Exception as exc:  # RE2's limits (repeat counts over 1000, size): Python's engine then
            re2_source, why = None, _re2_reason(exc)
    if re2_source is None:
        try:  # checked here so that only valid patterns reach the search process
            re.compile(source, flags)
        except (re.error, OverflowError, RecursionError, ValueError) as exc:
            raise FindError(f"invalid regex: {exc}") from None
    return CompiledQuery(query, source, flags, re2_source, why, boundary, size)


def _re2_reason(exc: Exception) -> str:
    msg = exc.args[0] if exc.args else exc
    msg = msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)
    if "repetition" in msg:
        return "a repeat count over 1000"
    if "too large" in msg or "too big" in msg:
        return "a very large pattern"
    return msg


def find_matches(
    text: str,
    query: FindQuery | CompiledQuery,
    start: int = 0,
    end: int | None = None,
    limit: int | None = MAX_MATCHES,
    cancelled: Callable[[], bool] | None = None,
    timeout: float | None = TIMEOUT_S,
) -> FindResult:
    """Matches of `query` in text[start:end], as source offsets; at most `limit` of them.

    Empty matches (`^`, `\\b`, `x*`) are skipped: there is nothing to show or step to. When
    `cancelled()` turns true the search stops early and the result is partial. A search that
    runs past `timeout` seconds raises FindTimeout (None: no limit).
    """
    q = query.query if isinstance(query, CompiledQuery) else query
    if q.empty:
        return FindResult([])
    compiled = query if isinstance(query, CompiledQuery) else compile_query(q)
    end = len(text) if end is None else end
    start = max(0, min(start, end))
    if compiled.re2_source is not None and compiled.runs_here(text, start, end):
        deadline = None if timeout is None else time.monotonic() + timeout
        spans, truncated, stopped = re2_spans(
            re2_compile(compiled.re2_source), text, start, end, limit, cancelled, deadline
        )
        if stopped == "deadline":
            raise FindTimeout(_slow(compiled))
        return FindResult(spans, truncated, stopped == "cancelled")
    from reader.model.search.search_process import WORKER, SearchCancelled, SearchFailed, SearchTimeout

    engine = compiled.engine_for(text, start, end)
    source, flags = compiled.python_source, compiled.python_flags
    if engine == "re2" and compiled.re2_source is not None:
        source, flags = compiled.re2_source, 0
    try:
        spans, truncated = WORKER.search(text, engine, source, flags, start, end, limit, timeout, cancelled)
    except SearchCancelled:
        return FindResult([], cancelled=True)
    except SearchTimeout:
        raise FindTimeout(_slow(compiled)) from None
    except SearchFailed as exc:
        raise FindError(f"search failed: {exc}") from None
    return FindResult(spans, truncated)


def _slow(compiled: CompiledQuery) -> str:
    why = f" (it uses {compiled.why_python}, which needs a backtracking search)" if compiled.why_python else ""
    return f"this pattern is too slow on this text{why}"


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
