"""Python regular-expression syntax, run by RE2: a find query's pattern rewritten for a linear-time engine.

Find (`/`, `reader grep`) takes Python `re` syntax, but Python's backtracking engine can take
exponential time (`(a+)+$` on a line of a's), and one call cannot be interrupted. RE2 runs in
time linear in the text. Python's own parser reads the pattern (so errors read as Python's and
verbose mode works); the tree is written out in RE2 syntax with Python's Unicode meanings made
explicit: RE2's `\\d`, `\\w`, `\\s` are ASCII-only, Python's are not.

What RE2 cannot run raises `NeedsBacktracking` naming the construct (lookaround, backreferences,
atomic groups, possessive repeats, conditionals, and a `\\W`/`\\S` mixed into a class with other
items); the search then runs in a separate process with a deadline (search_process.py).
`\\b`/`\\B` are RE2's ASCII word boundaries: exact on text without non-ASCII letters or digits,
so `Translation.unicode_boundary` tells the caller to check the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

try:  # Python's parser: private, but the stdlib's own and stable across 3.11-3.13
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older layout
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# Python's Unicode classes, in RE2 class syntax (inside [...])
_DIGIT = r"\p{Nd}"
_WORD = r"\p{L}\p{N}_"
_SPACE = r"\t-\r\x{1c}-\x{1f}\x{85}\p{Z}"  # str.isspace(): C0 separators, NEL, and Unicode Z*
_ASCII_CLASSES = {  # under (?a): RE2's POSIX classes have Python's ASCII meanings (\s includes \v)
    C.CATEGORY_DIGIT: "[:digit:]",
    C.CATEGORY_NOT_DIGIT: "[:^digit:]",
    C.CATEGORY_WORD: "[:word:]",
    C.CATEGORY_NOT_WORD: "[:^word:]",
    C.CATEGORY_SPACE: "[:space:]",
    C.CATEGORY_NOT_SPACE: "[:^space:]",
}
_UNICODE_CLASSES = {
    C.CATEGORY_DIGIT: _DIGIT,
    C.CATEGORY_NOT_DIGIT: r"\P{Nd}",
    C.CATEGORY_WORD: _WORD,
    C.CATEGORY_SPACE: _SPACE,
}
_UNICODE_NEGATED = {C.CATEGORY_NOT_WORD: _WORD, C.CATEGORY_NOT_SPACE: _SPACE}  # [^...] of these
_UNSUPPORTED = {
    C.ASSERT: "lookahead or lookbehind",
    C.ASSERT_NOT: "negative lookahead or lookbehind",
    C.GROUPREF: "a backreference",
    C.GROUPREF_EXISTS: "a conditional group",
    C.ATOMIC_GROUP: "an atomic group",
    C.POSSESSIVE_REPEAT: "a possessive repeat",
}
_FLAG_LETTERS = ((C.SRE_FLAG_IGNORECASE, "i"), (C.SRE_FLAG_MULTILINE, "m"), (C.SRE_FLAG_DOTALL, "s"))


class NeedsBacktracking(Exception):
    """The pattern uses something RE2 does not have; `str()` names it for the user."""


@dataclass(frozen=True, slots=True)
class Translation:
    source: str  # RE2 syntax
    unicode_boundary: bool  # has \b or \B in Unicode mode: RE2's are ASCII-only


def translate(pattern: str, flags: int) -> Translation:
    """`pattern` (Python syntax, compiled with `flags`) in RE2 syntax.

    Raises re.error for an invalid pattern (as re.compile would), NeedsBacktracking for one RE2
    cannot run, RecursionError/OverflowError for absurd nesting or counts."""
    tree = sre_parse.parse(pattern, flags)
    w = _Writer()
    top = tree.state.flags
    body = w.seq(tree, bool(top & C.SRE_FLAG_ASCII))
    letters = "".join(ch for bit, ch in _FLAG_LETTERS if top & bit)
    return Translation((f"(?{letters})" if letters else "") + body, w.boundary)


def _char(code: int) -> str:
    c = chr(code)
    return c if c.isalnum() else f"\\x{{{code:x}}}"


class _Writer:
    def __init__(self) -> None:
        self.boundary = False

    def seq(self, items, ascii_: bool) -> str:
        return "".join(self.item(op, av, ascii_) for op, av in items)

    def item(self, op, av, ascii_: bool) -> str:
        if op in _UNSUPPORTED:
            raise NeedsBacktracking(_UNSUPPORTED[op])
        if op is C.LITERAL:
            return _char(av)
        if op is C.NOT_LITERAL:
            return f"[^{_char(av)}]"
        if op is C.ANY:
            return "."  # the s flag is in scope as in Python
        if op is C.IN:
            return self.klass(av, ascii_)
        if op is C.BRANCH:
            return "(?:" + "|".join(self.seq(alt, ascii_) for alt in av[1]) + ")"
        if op is C.SUBPATTERN:
            _group, add, remove, sub = av
            on = "".join(ch for bit, ch in _FLAG_LETTERS if add & bit)
            off = "".join(ch for bit, ch in _FLAG_LETTERS if remove & bit)
            scoped_ascii = ascii_ or bool(add & C.SRE_FLAG_ASCII)
            flags = on + (f"-{off}" if off else "")
            return f"(?{flags}:" + self.seq(sub, scoped_ascii) + ")"
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av
            return "(?:" + self.seq(sub, ascii_) + ")" + _repeat(lo, hi) + ("?" if op is C.MIN_REPEAT else "")
        if op is C.AT:
            return self.at(av, ascii_)
        raise NeedsBacktracking(f"the construct {op}")  # pragma: no cover - every opcode the parser makes is above

    def at(self, av, ascii_: bool) -> str:
        if av is C.AT_BEGINNING:
            return "^"
        if av is C.AT_END:
            return "$"
        if av is C.AT_BEGINNING_STRING:
            return r"\A"
        if av is C.AT_END_STRING:
            return r"\z"
        if av in (C.AT_BOUNDARY, C.AT_NON_BOUNDARY):
            self.boundary = self.boundary or not ascii_
            return r"\b" if av is C.AT_BOUNDARY else r"\B"
        raise NeedsBacktracking(f"the anchor {av}")  # pragma: no cover

    def klass(self, items, ascii_: bool) -> str:
        negate = bool(items) and items[0][0] is C.NEGATE
        items = items[1:] if negate else items
        if not ascii_ and len(items) == 1 and items[0][0] is C.CATEGORY and items[0][1] in _UNICODE_NEGATED:
            # \W alone is [^\w]; [^\W] is [\w]
            return ("[" if negate else "[^") + _UNICODE_NEGATED[items[0][1]] + "]"
        parts = []
        for op, av in items:
            if op is C.LITERAL:
                parts.append(_char(av))
            elif op is C.RANGE:
                parts.append(f"{_char(av[0])}-{_char(av[1])}")
            elif op is C.CATEGORY:
                table = _ASCII_CLASSES if ascii_ else _UNICODE_CLASSES
                if av not in table:
                    raise NeedsBacktracking(r"\W or \S inside a [...] class with other items")
                parts.append(table[av])
            else:  # pragma: no cover - NEGATE only comes first
                raise NeedsBacktracking(f"the class item {op}")
        return ("[^" if negate else "[") + "".join(parts) + "]"


def _repeat(lo: int, hi) -> str:
    if hi is C.MAXREPEAT:
        return {0: "*", 1: "+"}.get(lo, f"{{{lo},}}")
    if (lo, hi) == (0, 1):
        return "?"
    return f"{{{lo}}}" if lo == hi else f"{{{lo},{hi}}}"


def literal_pattern(text: str, quote_classes: dict[str, str]) -> str:
    """A typed phrase as a Python pattern: whitespace runs match any whitespace, quotes their curly forms."""
    out = []
    for piece in re.split(r"(\s+)", text):
        if not piece:
            continue
        if piece.isspace():
            out.append(r"\s+")
        else:
            out.append("".join(quote_classes.get(c) or re.escape(c) for c in piece))
    return "".join(out)
