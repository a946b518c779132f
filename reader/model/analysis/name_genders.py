"""The gender the text gives each named person (for pronouns): honorifics, role nouns beside
the name, the pronouns of sentences that name only that person, and common given names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from reader.model.analysis.descriptions import FEMALE_NOUNS, MALE_NOUNS
from reader.model.analysis.name_types import Name
from reader.model.analysis.speech_words import FEMALE_NAMES, MALE_NAMES, PERSONAL_PRONOUNS

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc, Token


class ArticleNames(Protocol):
    """What gender learning reads of `article_names.ArticleNames`."""

    doc: Doc
    quoted: bytearray
    names: list[Name]

    def full(self, n: Name) -> Name: ...

    def honorific_of(self, n: Name) -> str | None: ...

    def _names_in(self, a: int, b: int) -> list[Name]: ...


def learn_gender(names: ArticleNames) -> dict[tuple[str, ...], str]:
    """Each person's full-name key and "m" or "f", where the votes of the text lean one way."""
    gender: dict[tuple[str, ...], str] = {}
    votes: dict[tuple[str, ...], list[int]] = {}
    doc = names.doc
    for n in names.names:
        if n.kind != "PERSON":
            continue
        key = names.full(n).key
        g = names.honorific_of(n)
        if g:
            votes.setdefault(key, [0, 0])[0 if g == "m" else 1] += 6
        t = doc[n.root]  # "His wife, Linda,", "Linda, his wife,": the role noun beside the name
        i = n.first_tok  # "Spokeswoman Tara Quinn", "Congresswoman Ann Bell": the title before it
        while i > 0 and n.first_tok - i < 2 and doc[i - 1].pos_ in ("NOUN", "PROPN") and not names.quoted[i - 1]:
            i -= 1
        titles = [w for w in doc[i : n.first_tok + 1] if w.i < n.tok and w.text[:1].isupper()]
        for c in titles + ([t.head] if t.dep_ == "appos" else []) + [c for c in t.children if c.dep_ == "appos"]:
            w = c.lower_  # ("a freshman", "the chairman": said of women too)
            g = "f" if w in FEMALE_NOUNS or w.endswith("woman") else "m" if w in MALE_NOUNS else None
            if g is not None:
                votes.setdefault(key, [0, 0])[0 if g == "m" else 1] += 6
    for sent in doc.sents:
        named = [n for n in names._names_in(sent.start_char, sent.end_char) if n.kind == "PERSON"]
        people = {names.full(n).key for n in named}
        if len(people) != 1:
            continue
        key = next(iter(people))
        v = votes.setdefault(key, [0, 0])
        other = _owner_of_role(names, named[0])  # "Her coach, Tom Hale, ... her serve": hers, not his
        for t in sent:
            g = PERSONAL_PRONOUNS.get(t.lower_)
            if g and not names.quoted[t.i] and t.i > named[0].tok and g != other:  # "His wife, Linda": not hers
                v[0 if g == "m" else 1] += 0 if _object_of_own_verb(t, named[0].root) else 1
    for n in names.names:
        if n.kind == "PERSON" and len(n.key) > 1:
            first = n.key[0]
            v = votes.setdefault(names.full(n).key, [0, 0])
            if first in MALE_NAMES:
                v[0] += 6
            elif first in FEMALE_NAMES:
                v[1] += 6
    for key, (m, f) in votes.items():
        if m != f:
            gender[key] = "m" if m > f else "f"
    return gender


def _owner_of_role(names: ArticleNames, n: Name) -> str | None:
    """The gender of a pronoun owning the role set beside the name ("Her coach, Tom Hale",
    "Tom Hale, his lawyer"): someone else of that gender, whom the sentence's later pronouns
    of it likely mean too."""
    t = names.doc[n.root]
    roles = ([t.head] if t.dep_ == "appos" else []) + [c for c in t.children if c.dep_ == "appos"]
    for r in roles:
        for c in r.children:
            if c.dep_ == "poss" and c.lower_ in PERSONAL_PRONOUNS:
                return PERSONAL_PRONOUNS[c.lower_]
    return None


def _object_of_own_verb(t: Token, subj: int) -> bool:
    """'Judge Ann Roe told him', 'X thanked her': an object pronoun of the verb the name is the
    subject of is someone else (the name itself would be "herself"), no sign of its gender."""
    verb = t.head.head if t.dep_ == "pobj" else t.head
    return t.dep_ in ("dobj", "dative", "pobj") and any(c.i == subj and c.dep_ == "nsubj" for c in verb.children)
