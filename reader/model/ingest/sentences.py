"""Sentence bounds in source text, by punctuation: for showing a mention in its sentence.

A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it) followed by
whitespace and a word that may start a sentence (a capital, a digit, an opening quote or
bracket). A period after an abbreviation or an initial ("U.S.", "Mr.", "J.") does not end one,
unless a word that opens sentences follows an initial ("on X. The post").
A paragraph ends every sentence in it. Offsets index the source text as given.
"""

from __future__ import annotations

import re

_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")
_INITIALS = re.compile(r"\b(?:[A-Za-z]\.)+$")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Za-z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Jr|Sr|Inc|Co|Corp|Ltd|No|vs|Dept|Prof|"
    r"Rev|Sgt|Capt|Adm|Ave|Blvd|Mt|Ft|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.)$"
)


# Words that open sentences and never follow an initial inside a name.
_OPENERS = frozenset("The An He She It They We His Her Its Their Our This That These Those But And Yet So".split())
_NEXT_WORD = re.compile(r"[\"'\u201d\u2019)\]]*\s+([A-Za-z]+)")


def opener_follows(text: str, dot: int) -> bool:
    """'he wrote on X. The post ...', 'in the U.S. He said': a letter or initials before a full
    stop end the sentence when the next word is one that opens sentences, not a name's next part."""
    m = _NEXT_WORD.match(text, dot + 1, dot + 24)
    return m is not None and m.group(1) in _OPENERS


def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets just after each sentence end inside text[start:end] (the last one is `end`)."""
    out = []
    for m in _END.finditer(text, start, end):
        if text[m.start()] == "." and _ABBREV.search(text, max(start, m.start() - 12), m.start() + 1):
            if not (
                _INITIALS.search(text, max(start, m.start() - 12), m.start() + 1) and opener_follows(text, m.start())
            ):
                continue
        out.append(m.end())
    out.append(end)
    return out


def sentence_span(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """The sentence of text[start:end] (a paragraph) holding offset `pos`, without surrounding
    whitespace."""
    s = start
    for e in sentence_ends(text, start, end):
        if pos < e or e == end:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            return s, e
        s = e
    return start, end
