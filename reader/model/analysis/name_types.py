"""What a name and a speaker are: the records the speaker rules pass around, and a name read
word by word (titles, ranks and possessives off; its case-folded key; a fuller form of it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.model.analysis.speech_words import RANK_ABBREVIATIONS, RANK_TAILS_LOWER, TITLE_WORDS

_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
SPEAKING_KINDS = ("PERSON", "ORG", "NORP", "PLACE")  # what may speak: people and bodies (a country's government)


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    start: int | None  # source span of the mention the name was read from
    end: int | None
    cue: str  # the rule that linked the quote to a speaker phrase ("verb-after", "turn", ...)
    kind: str = "PERSON"  # PERSON, ORG, NORP, PLACE, DESC (an unnamed source as written) or DOC (a document)
    how: str = "name"  # how the phrase became a name: name, role-name, pronoun, description, owner, as-written
    role_start: int | None = None  # source span of the role written near the name
    role_end: int | None = None
    confidence: float = 1.0

    def but(self, **changes: Any) -> Speaker:
        from dataclasses import replace

        return replace(self, **changes)


# Modifiers that do not narrow a role down ("the former president", "the top diplomat").
VAGUE = frozenset("top senior former new current then longtime veteran chief main leading acting retired".split())


@dataclass(slots=True)
class Name:
    start: int  # view span
    end: int
    kind: str
    words: tuple[str, ...]  # name words, titles and possessive stripped, as written
    key: tuple[str, ...]  # the same, case-folded, periods dropped
    tok: int  # index of its last token
    first_tok: int  # index of its first token
    subject: int  # 2 subject of a main clause, 1 of another clause, 0 not a subject
    titled: bool = False  # an honorific or title stands before it ("Mr.", "Professor")
    root: int = -1  # index of its syntactic head: the last token but in a name the parse split
    # at a hyphen ("Nkosi" heads "Nkosi-Mthembu", its "Mthembu" an appositive)


def clean_words(text: str) -> list[str]:
    """'Rep. G.K. Butterfield's' -> ['G.K.', 'Butterfield']."""
    words = text.split()
    ranked = False
    while len(words) > 1 and (
        words[0].lower().strip(",") in TITLE_WORDS
        or words[0] in RANK_ABBREVIATIONS
        or ranked
        and words[0].lower() in RANK_TAILS_LOWER
    ):
        words.pop(0)
        ranked = True
    if words:
        for tail in _POSSESSIVE:
            if words[-1].endswith(tail) and len(words[-1]) > len(tail) + 1:
                words[-1] = words[-1][: -len(tail)]
                break
    while len(words) > 1 and words[-1].lower().strip(".,") in ("jr", "sr", "ii", "iii"):
        words.pop()
    return [w.strip(",") for w in words if w.strip(",")]


def tail_of(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """('abu', 'zaid') ends ('youssef', 'abu', 'zaid'): a surname of two or more words alone."""
    return 1 < len(short) < len(long) and long[len(long) - len(short) :] == short


def name_key(words: list[str]) -> tuple[str, ...]:
    return tuple(w.casefold().replace(".", "") for w in words)


def fuller_name(name: str, others: list[str | None]) -> str:
    """The longest of `others` that is `name` with given names before it ("Earl Ray Tomblin" for
    "Ray Tomblin"): an entity's canonical name may have lost a first name the speaker's mention
    kept. Titles, lower-case words and other surnames never count; nor is a one-word name made
    full: grouping kept it from every full name it might be ("Mr. X" from "Jane X")."""
    key = name_key(clean_words(name))
    best, best_len = name, len(key)
    if len(key) < 2:
        return name
    for o in others:
        words = clean_words(o or "")
        k = name_key(words)
        extra = len(k) - len(key)
        if not key or not 0 < extra <= 2 or k[extra:] != key or len(k) <= best_len:
            continue
        if all(w[:1].isupper() and w.lower().rstrip(".") not in TITLE_WORDS for w in words[:extra]):
            best, best_len = " ".join(words), len(k)
    return best
