"""Words of the source text, and the key two words are compared by when checking or matching text.

A word is letters/digits with inner apostrophes or hyphens, and a hyphen at a line break joins
the two halves of a word broken across lines ("strate-\\ngic"). The key ignores case,
curly/straight apostrophes and hyphens, so "Cease-fire", "ceasefire" and "cease\u2010fire" are
one word. Quote verification, duplicate detection and quote provenance all compare words so.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:(?:['’\u2010\u2011-]|-[ \t]*\r?\n[ \t]*)[^\W_]+)*")
_KEY_DROP = re.compile(r"['’\u2010\u2011\-\s]")
# inside a word only these occur besides letters and digits (whitespace only in "-\n" hyphenation)
_KEY_TABLE = str.maketrans("", "", "'’\u2010\u2011- \t\r\n")


def word_key(word: str) -> str:
    """How words are compared: case, marks, hyphens and line-end hyphenation ignored."""
    return _KEY_DROP.sub("", word).casefold()


def word_keys(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The keys of the words of text[start:end] (word_key of each, computed a block at a time)."""
    return [w.casefold().translate(_KEY_TABLE) for w in WORD.findall(text, start, len(text) if end is None else end)]
