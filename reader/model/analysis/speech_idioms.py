"""Idioms that report speech with no speech verb: a verbal attack ("lashed out at", "took aim
at") and what a court or inquiry was told ("the court heard that ...")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model.analysis.speech_words import noun_base

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Token

# Idioms of verbal attack: "lashed out at", "hit out at", "took aim at", "took a swipe at",
# "poured scorn on". What they aim at, in marks, is in the attacker's words.
_OUT_AT = frozenset("lash lashes lashed lashing hit hits hitting".split())
_TAKE = frozenset("take takes took taken taking".split())
_SWIPES = frozenset("aim swipe swipes shot shots jab jabs dig digs potshot potshots".split())
_POUR = frozenset("pour pours poured pouring heap heaps heaped heaping".split())


def verbal_attack(t: Token) -> bool:
    """'lashed out at', 'took a swipe at', 'poured scorn on': an idiom of criticism, its target
    the object of the preposition (on the verb, or on the noun "aim"/"swipe")."""
    if t.pos_ != "VERB":
        return False
    low = t.lower_
    if low in _OUT_AT:
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in t.children) and _prep(t, ("at", "against"))
    objs = [c for c in t.children if c.dep_ == "dobj"]
    if low in _TAKE:
        return any(o.lower_ in _SWIPES and (_prep(t, ("at",)) or _prep(o, ("at",))) for o in objs)
    if low in _POUR:
        return any(o.lower_ == "scorn" for o in objs) and _prep(t, ("on", "upon"))
    return False


def _prep(t: Token, words: tuple[str, ...]) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in words for c in t.children)


# Bodies that sit to hear evidence: "the court heard that ...", "the inquest was told".
_HEARINGS = frozenset("court jury inquest inquiry tribunal hearing committee panel commission trial".split())


def hearing(t: Token) -> bool:
    """'The court heard that ...', 'the inquest heard how ...': a body that hears evidence is
    told the words; whoever said them is someone else (named by "from X", or not at all)."""
    if t.pos_ != "VERB" or t.lower_ not in ("heard", "hears", "hear", "hearing"):
        return False
    if not any(c.dep_ == "ccomp" for c in t.children):
        return False  # ("will hear evidence on the 'bedroom tax'": what it is about, a term)
    return any(c.dep_ == "nsubj" and noun_base(c.lower_) in _HEARINGS for c in t.children)


def heard_from(t: Token) -> Token | None:
    """'The court heard from Dr Ann Lee that ...': the one heard from."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "from":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None
