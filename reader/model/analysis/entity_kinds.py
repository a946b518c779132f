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
    holds_acronym,
    name_shaped,
)
from reader.model.analysis.nationalities import is_group_word, is_place_name
from reader.model.analysis.speech_words import TITLE_WORDS, is_person_noun

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
    if kind != "PERSON" and _post_holder(doc, span):
        return "PERSON"
    if kind == "PERSON" and _seat_in_parens(doc, span):
        return "ORG"
    return kind


def _seat_in_parens(doc: Doc, span: SpacySpan) -> bool:
    """'Farah Ismail (Nee Soon GRC)', 'Dana Cole (R-TX)': a name in parentheses right after a
    capitalised word, holding a word in capitals, is a seat or a party; nobody's name holds an
    acronym (the alias rules read it the same way)."""
    i, j = span.start, span.end
    if i < 2 or j >= len(doc) or doc[i - 1].text != "(" or doc[j].text != ")":
        return False
    return name_shaped(doc[i - 2]) and holds_acronym(span.text)


def _post_holder(doc: Doc, span: SpacySpan) -> bool:
    """'the chairman of the village, Olusegun Fashola,': a name set off by commas after a post
    in some body or place is the post's holder; the model, reading "village, X", calls it a
    place or building now and then (word shape: a person noun before "of" a few words back)."""
    i, j = span.start, span.end
    if not (2 <= j - i <= 3 and i >= 4 and j < len(doc) and doc[j].text in (",", ".", ";")):
        return False
    if doc[i - 1].text != "," or not (doc[i - 2].is_lower and doc[i - 2].is_alpha):
        return False
    if any(not name_shaped(t) or t.text in ORG_HEADS or t.text in PLACE_HEADS for t in span):
        return False
    return not is_place_name(span.text) and _post_before(doc, i - 2)


def _post_before(doc: Doc, k: int) -> bool:
    """The noun at `k` is where a post is held: a person noun before "of" a few words back
    ("the chairman of the [village]", "the leader of the farming [community]")."""
    for m in range(k - 1, max(0, k - 5), -1):  # back over "the", "Ekiti-Oke", "farming" to "of"
        w = doc[m]
        if w.lower_ == "of":
            return is_person_noun(doc[m - 1].lower_) or doc[m - 1].lower_ in TITLE_WORDS
        if w.is_punct and w.text != "-":
            return False
    return False


def _place_context(doc: Doc, span: SpacySpan) -> bool:
    """'its capital, X', 'the city of X', 'the X region', 'X, a strategic town': a place by
    the words around it (word shape only: see `entity_words.name_shaped`)."""
    i, j = span.start, span.end
    place_noun = lambda k: 0 <= k < len(doc) and doc[k].lower_ in PLACE_NOUNS and doc[k].is_lower  # noqa: E731
    ends = j >= len(doc) or doc[j].is_punct or doc[j].is_space
    if (
        i >= 2
        and doc[i - 1].text == ","
        and place_noun(i - 2)
        and ends
        and not _named_noun(doc, i - 2)
        and not _post_before(doc, i - 2)
    ):
        return True  # "its capital, X." (not "the president of the Y region, X,", "the mayor of the town, X,")
    if i >= 2 and doc[i - 1].lower_ == "of" and place_noun(i - 2):
        return True  # "the city of X"
    if place_noun(j) and heads_phrase(doc, j):
        return True  # "the X region"
    return appositive_noun(doc, j, PLACE_NOUNS)


def _named_noun(doc: Doc, k: int) -> bool:
    """'the Y region': the noun at `k` follows a name (a nationality, "the Armenian capital", is
    no name), so the phrase may be part of a longer one ("the president of the Y region")."""
    return k >= 1 and name_shaped(doc[k - 1]) and not is_group_word(doc[k - 1].text)
