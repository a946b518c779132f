"""Names of things, not people: spacecraft, storms, germs and diseases, drugs and chemicals,
devices and products, and events ("Lantern Festival", "World Cup": by their head noun).

The small model reads "Typhoon Haiyan", "the nerve agent Novichok" and "the Polaroid camera" as
persons (or organisations, or places). News English classes such a name where it introduces it:
- a class title opening the name: "Hurricane Katrina", "Tropical Storm Erika";
- a class noun with its determiner just before it: "the spacecraft Juno", "the drug Remdesivir",
  "the nerve agent Novichok"; so too for works: "the 1969 film Easy Rider", "her novel X";
- a class noun it modifies, for a name the model took for a person: "the Juno spacecraft",
  "the Polaroid camera" ("the NASA spacecraft" keeps NASA: organisations make things);
- an appositive: "Juno, a NASA spacecraft, ...", or one ending the sentence after the class noun:
  "aboard the cruise ship, Freewinds.".
A name classed so anywhere in the article is no entity anywhere in it (its later bare mentions,
"Haiyan destroyed ...", are the same thing), unless it is a known place or nationality.
Spans are (view start, view end, kind).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.model.analysis.entity_words import (
    EVENT_HEADS,
    NOT_MODIFIERS,
    STORM_TITLES,
    THING_NOUNS,
    WORK_NOUNS,
    appositive_noun,
)
from reader.model.analysis.nationalities import country_name, is_group_word, is_place_name

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc, Token


Span = tuple[int, int, str]
_DETERMINERS = frozenset("the a an its their his her this that".split())
_YEAR = re.compile(r"1[89]\d\d|20\d\d")


def thing_names(doc: Doc, spans: list[Span]) -> set[str]:
    """The names (span texts, and a storm's name without its title) classed as things."""
    text = doc.text
    out: set[str] = set()
    for a, b, kind in spans:
        toks = doc.char_span(a, b, alignment_mode="expand")
        if toks is None or len(toks) == 0:
            continue
        name = text[a:b]
        words = name.split()
        if words[0] in STORM_TITLES and len(words) > 1 or (words[0] == "Tropical" and words[1:2] == ["Storm"]):
            out.add(name)
            out.add(" ".join(w for w in words if w not in STORM_TITLES and w != "Tropical"))
            continue
        if _classed(doc, toks.start, toks.end, kind) or _event_name(words):
            out.add(name)
    return {n for n in out if n and not is_place_name(n) and not is_group_word(n)}


def _classed(doc: Doc, i: int, j: int, kind: str) -> bool:
    before = doc[i - 1] if i >= 1 else None
    if before is not None and before.text in STORM_TITLES:  # "Hurricane" left outside the span
        return True
    nxt = doc[j] if j < len(doc) else None
    work = before is not None and before.lower_ in WORK_NOUNS and (nxt is None or nxt.is_punct or nxt.is_stop)
    if (
        before is not None
        and (before.lower_ in THING_NOUNS or work)
        and before.is_lower
        and i >= 2
        and (doc[i - 2].lower_ in _DETERMINERS or _modifier(doc[i - 2]) or _YEAR.fullmatch(doc[i - 2].text))
    ):
        return True  # "the spacecraft Juno", "the experimental drug X", "the 1969 film X,"
    if before is not None and before.lower_ == "agent" and i >= 2 and doc[i - 2].lower_ in ("nerve", "chemical"):
        return True
    if (
        before is not None
        and before.text == ","
        and i >= 3
        and doc[i - 2].lower_ in THING_NOUNS
        and doc[i - 2].is_lower
        and (doc[i - 3].lower_ in _DETERMINERS or _modifier(doc[i - 3]))
        and (nxt is None or nxt.text in (".", ";") or nxt.is_space)
    ):
        return True  # "aboard the cruise ship, Freewinds." (not "a bad drug, Jones said")
    if kind == "PERSON" and nxt is not None and nxt.lower_ in THING_NOUNS and nxt.is_lower:
        return True  # "the Juno spacecraft", "the Polaroid camera"
    return appositive_noun(doc, j, THING_NOUNS)


def _event_name(words: list[str]) -> bool:
    """'Northern Arena Esports Championship', 'Fan Expo Canada 2016': an event's head noun ends
    the name, before a year or the country it is held in."""
    n = len(words)
    while len(words) > 1 and (words[-1].isdigit() or country_name(words[-1])):
        words = words[:-1]
    return words[-1] in EVENT_HEADS and (len(words) >= 2 or len(words) < n)  # not "Cup" alone


def _modifier(t: Token) -> bool:
    """A lower-case word that may modify the noun after it ("experimental" drug), by shape."""
    return t.is_lower and t.is_alpha and t.lower_ not in NOT_MODIFIERS


def drop_things(text: str, spans: list[Span], names: set[str]) -> tuple[list[Span], list[tuple[int, int]]]:
    """Spans without the things' names, and every occurrence of those names (to keep the
    consistency rules from tagging them again)."""
    if not names:
        return spans, []
    kept = [s for s in spans if text[s[0] : s[1]] not in names and not _holds(text[s[0] : s[1]], names)]
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)"
    )
    return kept, [m.span() for m in pattern.finditer(text)]


def _holds(name: str, things: set[str]) -> bool:
    """'Typhoon Haiyan' holds 'Haiyan': the storm's full name goes with it."""
    words = name.split()
    return len(words) > 1 and words[0] in STORM_TITLES
