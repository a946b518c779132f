"""What a noun phrase in the parse says of the person it means: a role word ('minister'), a
description someone owns or the text already knows ('my husband', 'the spokesman'), one brought
in as speaking ('a spokesman said'), and the gender a noun gives ('spokeswoman')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model.analysis.speech_words import TITLE_WORDS, is_person_noun, is_speech_verb

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Token


_HONORIFICS = frozenset("mr mrs ms miss mx dr sir madam dame lord lady the a an st".split())


def is_role_word(t: Token) -> bool:
    """'minister', 'Governor', 'spokeswoman', 'professor' (not 'Armenian', not 'Mr')."""
    low = t.lower_.rstrip(".")
    if low in _HONORIFICS or t.ent_type_ == "NORP":
        return False
    if low == "number" and t.i > 0 and t.doc[t.i - 1].lower_ == "opposite":
        return True  # "his opposite number": an idiom for a counterpart
    return low in TITLE_WORDS or t.lower_ in TITLE_WORDS or (t.pos_ in ("NOUN", "PROPN") and is_person_noun(low))


def role_abbreviation(t: Token) -> bool:
    """'another MP', 'one CEO': a short all-caps word after a determiner of one of a kind is a noun
    (a role), not a name, though the tagger calls it a proper noun ('the FBI' may be a name)."""
    return (
        t.text.isupper()
        and t.text.isalpha()
        and len(t.text) <= 4
        and any(c.lower_ in _ONE_OF_A_KIND and c.i < t.i for c in t.children)
    )


_ONE_OF_A_KIND = frozenset("a an another one each every".split())


# ----- what a description says of whom it means ----------------------------------------------

FEMALE_NOUNS = frozenset("wife mother daughter sister girl lady aunt niece widow grandmother girlfriend".split())
MALE_NOUNS = frozenset("husband father son brother boy uncle nephew widower grandfather boyfriend".split())


def noun_gender(word: str) -> str | None:
    """'spokeswoman' f, 'husband' m, 'official' unknown."""
    if word in FEMALE_NOUNS or word.endswith("woman"):
        return "f"
    if word in MALE_NOUNS or word.endswith("man"):
        return "m"
    return None


def owned(tok: Token) -> bool:
    """'my husband', 'our director': a description owned by a pronoun."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children)


def definite(tok: Token) -> bool:
    """'the spokesman', 'this official', "Obama's former strategist": someone already known; 'the
    27-year-old' though the parse hung its "the" on a word after it."""
    if any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
        return True
    return age_description(tok) and tok.left_edge.i > 0 and tok.doc[tok.left_edge.i - 1].lower_ == "the"


def introduced_source(tok: Token) -> bool:
    """'A spokesman said ...', 'another lawmaker said': one person brought in as speaking, whom a
    'he' after means (not 'a developer who wants to ... can', someone in general)."""
    return is_speech_verb(tok.head.lower_) and any(c.lower_ in ("a", "an", "another", "one") for c in tok.children)


def age_description(tok: Token) -> bool:
    """'the 23-year-old said': 'old' with 'year' before it, an age standing for a person."""
    return tok.lower_ == "old" and any(c.lower_ in ("year", "years") and c.i < tok.i for c in tok.children)


# What may stand right before a sentence's "The" besides a sentence start: a closing quote, a dash.
_OPENERS = ('"', "\u201d", "'", "\u2019", "\u2014", "--")


def lone_after_the(tok: Token, dets: tuple[str, ...] = ("the",)) -> bool:
    """'the Dubliner', 'the 19-year-old Glaswegian', 'The Londoner' opening a sentence: one
    capitalised word, not a plural, after "the" (or another of `dets`) and only lower-case words
    or numbers of its own (a capital "The" inside a sentence is a title's own: "told The
    Examiner")."""
    w = tok.text
    if not (w[:1].isupper() and w[1:].islower() and w.isalpha() and len(w) >= 4) or w.endswith("s"):
        return False
    dets_found = [c for c in tok.children if c.dep_ == "det"]
    others = [c for c in tok.children if c.dep_ != "det"]
    if len(dets_found) != 1 or dets_found[0].lower_ not in dets or dets_found[0].i > tok.i:
        return False
    if any(
        c.dep_ not in ("amod", "nummod", "compound", "npadvmod")
        or c.i > tok.i
        or any(t.text[:1].isupper() for t in c.subtree)
        for c in others
    ):
        return False
    the = dets_found[0]
    return the.text in dets or the.is_sent_start or tok.doc[the.i - 1].text in _OPENERS
