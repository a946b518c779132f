"""Search-key preprocessing for the palette index: ASCII folding, word tokens, label spans.

Keys are folded once at build time (casefold + anyascii, so "Erdoğan" is "erdogan") and reduced to
lower-case ASCII words; a query goes through the same steps, so matching never sees case, accents,
punctuation, markup or control characters. Matches are mapped back to the original label only for the
few hits that are shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from anyascii import anyascii
from rapidfuzz import fuzz

_PART = re.compile(r"[a-z0-9]+")
# Words joined by hyphens, dots or apostrophes are also indexed whole: "cease-fire" -> "ceasefire",
# "U.S." -> "us", "Co-operation" -> "cooperation", because people type them both ways.
_TOKEN = re.compile(r"[a-z0-9]+(?:['.\-][a-z0-9]+)*")
# Capitalised words of a label, for initials ("Organization for Security and Co-operation in Europe" -> "osce").
_CAP_WORD = re.compile(r"(?<![^\W\d_])[A-Z][^\W_]*")


def fold(text: str) -> str:
    """Lower-case ASCII form of `text` (anyascii maps code point by code point)."""
    if text.isascii():
        return text.lower()
    return anyascii(text).lower()


def key_words(folded: str) -> tuple[str, list[str]]:
    """(key text, index words) of a folded key.

    The key text is the key's words joined by single spaces: exact, prefix and phrase matches are
    string operations on it. Index words add the joined forms of compounds.
    """
    parts: list[str] = []
    words: list[str] = []
    for tok in _TOKEN.findall(folded):
        if tok.isalnum():
            parts.append(tok)
        else:
            sub = _PART.findall(tok)
            parts += sub
            words.append("".join(sub))
    return " ".join(parts), parts + words if words else parts


def query_words(query: str) -> list[str]:
    """The words of a query, folded like keys; empty for a query of punctuation or control characters."""
    return _PART.findall(fold(query))


def initials(label: str) -> str | None:
    """Initials of the capitalised words of a name, when there are at least two (an acronym key)."""
    caps = _CAP_WORD.findall(label)
    if len(caps) < 2:
        return None
    return fold("".join(w[0] for w in caps))


class _FoldTable(dict):
    """str.translate table folding any code point, filled on first sight; remembers which ones change length."""

    irregular: set[str] = set()

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        f = ch.lower() if ch.isascii() else anyascii(ch).lower()
        if len(f) != 1:
            self.irregular.add(ch)
        self[cp] = f
        return f


_FOLD = _FoldTable()


def fold_map(text: str) -> tuple[str, Callable[[int], int] | None]:
    """`fold(text)` and, when lengths differ, a function from a folded index to the index of the
    source character it comes from. It walks the text only up to that index: a long quote folded
    whole to place a match near its start cost most of an on-disk search (disk_index)."""
    if text.isascii():
        return text.lower(), None
    folded = text.translate(_FOLD)
    if _FOLD.irregular.isdisjoint(text):
        return folded, None  # curly quotes, accents: one for one

    def owner(k: int) -> int:
        n = 0
        for i, ch in enumerate(text):
            n += len(_FOLD[ord(ch)])
            if n > k:
                return i
        return len(text)

    return folded, owner


def highlighter(words: list[str]):
    """A function label -> span of `label` to emphasise for query `words` (label coordinates), or None.

    Tried in order: the phrase at a word start, the phrase anywhere, the longest query word at a word
    start, that word typed without a compound's hyphens ("ceasefire" in "cease-fire"), then the best
    fuzzy window (rapidfuzz partial_ratio_alignment), so a typo still lights up. Patterns are compiled
    once per query, not per label.
    """
    phrase = r"[^a-z0-9]+".join(map(re.escape, words))
    longest = max(words, key=len) if words else ""
    patterns = [
        re.compile(p)
        for p in (
            r"(?<![a-z0-9])" + phrase,
            phrase,
            r"(?<![a-z0-9])" + re.escape(longest),
            r"(?<![a-z0-9])" + r"[-'.]?".join(map(re.escape, longest)),
        )
    ]
    query = " ".join(words)

    def span(label: str) -> tuple[int, int] | None:
        if not words or not label:
            return None
        folded, owner = fold_map(label)
        found = None
        for pattern in patterns:
            m = pattern.search(folded)
            if m:
                found = m.span()
                break
        if found is None:
            al = fuzz.partial_ratio_alignment(query, folded, score_cutoff=75)
            if al is None or al.dest_end <= al.dest_start:
                return None
            found = (al.dest_start, al.dest_end)
        a, b = found
        if owner is None:
            return a, b
        return owner(a), owner(b - 1) + 1

    return span


def label_span(label: str, words: list[str]) -> tuple[int, int] | None:
    """The span of `label` to emphasise for query `words` (see `highlighter`)."""
    return highlighter(words)(label)
