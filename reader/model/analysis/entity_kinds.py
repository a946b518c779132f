"""Entity kinds: what kind a trimmed name is, from its words and where it stands ("the city of X",
"its capital, X", a country name NER took for a person or a body)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model.analysis.entity_words import (
    FACILITY_HEADS,
    KNOWN_ORGS,
    ORG_HEADS,
    PLACE_HEADS,
    PLACE_NOUNS,
    appositive_noun,
    brand_shaped,
    heads_phrase,
    name_shaped,
)
from reader.model.analysis.nationalities import is_group_word, is_place_name

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan


# Country names that are also common given names: a PERSON tag on them is believed.
PERSONAL_COUNTRY_NAMES = frozenset({"Jordan", "Chad", "Georgia", "Israel", "Kenya", "America"})

Span = tuple[int, int, str]  # view start, view end, kind


def fix_kind(doc: Doc, span: SpacySpan, kind: str) -> str:
    text = span.text
    plain = text.title() if text.isupper() and len(text) > 3 else text
    if is_group_word(plain):
        return "NORP"
    if text in KNOWN_ORGS:
        return "ORG"
    if kind == "PERSON" and len(span) == 1 and brand_shaped(text):
        return "ORG"  # "SpaceX", "YouTube": no personal name is written so
    if is_place_name(plain) and not (kind == "PERSON" and plain in PERSONAL_COUNTRY_NAMES):
        return "PLACE"
    if kind in ("PERSON", "PLACE") and len(span) > 2 and span[0].text in ORG_HEADS and span[1].lower_ == "of":
        return "ORG"  # "Municipality of X", "University of X"
    last = span[-1].text
    if kind in ("PERSON", "PLACE") and last in ORG_HEADS and len(span) > 1:
        return "ORG"
    if kind in ("PERSON", "ORG") and last in FACILITY_HEADS and len(span) > 1:
        return "PLACE"
    if kind == "PERSON" and last in PLACE_HEADS and len(span) > 1:
        return "PLACE"
    if kind in ("PERSON", "ORG") and _place_context(doc, span):
        return "PLACE"
    return kind


def _place_context(doc: Doc, span: SpacySpan) -> bool:
    """'its capital, X', 'the city of X', 'the X region', 'X, a strategic town': a place by
    the words around it (word shape only: see `entity_words.name_shaped`)."""
    i, j = span.start, span.end
    place_noun = lambda k: 0 <= k < len(doc) and doc[k].lower_ in PLACE_NOUNS and doc[k].is_lower  # noqa: E731
    ends = j >= len(doc) or doc[j].is_punct or doc[j].is_space
    if i >= 2 and doc[i - 1].text == "," and place_noun(i - 2) and ends and not _named_noun(doc, i - 2):
        return True  # "its capital, X." (not "the president of the Y region, X,")
    if i >= 2 and doc[i - 1].lower_ == "of" and place_noun(i - 2):
        return True  # "the city of X"
    if place_noun(j) and heads_phrase(doc, j):
        return True  # "the X region"
    return appositive_noun(doc, j, PLACE_NOUNS)


def _named_noun(doc: Doc, k: int) -> bool:
    """'the Y region': the noun at `k` follows a name (a nationality, "the Armenian capital", is
    no name), so the phrase may be part of a longer one ("the president of the Y region")."""
    return k >= 1 and name_shaped(doc[k - 1]) and not is_group_word(doc[k - 1].text)
