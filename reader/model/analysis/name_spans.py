"""Where a name lies in the parse: the span a mention becomes once roles are cut and given names
joined, the proper nouns the parse shows to be names NER missed (or not names: "the Dubliner"),
and the clause and sentences around a name (its subject, the main clause, the sentences before it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.model.analysis.descriptions import is_role_word, lone_after_the
from reader.model.analysis.entity_words import inverted_after_quote, inverted_speech_verb
from reader.model.analysis.nationalities import PLACES, country_names, demonym_shape, local_demonym
from reader.model.analysis.speech_words import FEMALE_NAMES, MALE_NAMES, is_person_noun

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


def without_roles(span: SpacySpan) -> SpacySpan:
    """'Chairperson Donna Brazile', "Media Coordinator Dane Lisser": a person mention NER ran over
    the role before the name starts after the role (two name words must remain; a role word that
    is also a given name stays)."""
    k = max((i for i, t in enumerate(span[:-2]) if is_role_word(t)), default=-1)
    if k < 0 or span[k].lower_ in MALE_NAMES or span[k].lower_ in FEMALE_NAMES:
        return span
    rest = span[k + 1 :]
    if len(rest.text.split()) < 2 or rest[0].is_lower:
        return span  # "Abdulrahman al-Hashimi": a given name ending like a role noun, then the surname
    return rest


def with_given_names(doc: Doc, span: SpacySpan, quoted: bytearray) -> SpacySpan:
    """'Gov. Earl Ray Tomblin' when the mention is 'Ray Tomblin': the parser's own person entity
    runs further left over capitalised name words (a first name that is also a title or a rank
    word gets dropped by a title list); extend over those, never over a title, a role or a quote."""
    i = span.start
    while i > 0 and doc[i].ent_iob_ == "I" and doc[i].ent_type_ == "PERSON":
        t = doc[i - 1]  # the parser's person entity goes on to the left
        if quoted[t.i] or t.pos_ != "PROPN" or not t.text[:1].isupper() or is_role_word(t):
            break
        if inverted_speech_verb(t):
            break  # "Explained Ellis:": a speech verb inverted before the name
        if t.dep_ not in ("compound", "flat") or not span.start <= t.head.i < span.end:
            break
        i -= 1
    return doc[i : span.end] if i < span.start else span


def inverted_object(t: Token) -> bool:
    """The proper noun at `t` ends a name right after a speech verb inverted after a quote, which
    the parse made the verb's object ('"...," stated Gustafon.')."""
    v = t.head
    return (
        v.i < t.i
        and inverted_after_quote(v)
        and all(w.pos_ == "PROPN" for w in t.doc[v.i + 1 : t.i + 1])
        and (t.i + 1 >= len(t.doc) or t.doc[t.i + 1].is_punct)
    )


def aged(t: Token) -> bool:
    """'Derek Hollis, 81,': an age set beside the name."""
    return any(
        c.dep_ == "appos" and c.like_num and c.text.isdigit() and 0 < int(c.text) < 120 and c.i == t.i + 2
        for c in t.children
    )


def common_noun_first(span: SpacySpan) -> bool:
    """'Turnout was low.', 'Trade dominated the talks.': one word, capitalised only because it
    opens its sentence, that English uses as a common noun, and no given name."""
    from reader.model.analysis.nlp import common_nouns

    t = span[0]
    if len(span) != 1 or not t.is_sent_start:
        return False
    w = t.lower_
    return w in common_nouns() and w not in FEMALE_NAMES and w not in MALE_NAMES


def titled_of(t: Token) -> bool:
    """'Governor of Washington [Ann Roe] said': the name ending the of-phrase of a title that is
    the subject (the parse hangs the person on "of"; NER may miss a name it does not know)."""
    of = t.head
    title = of.head
    return (
        t.dep_ == "pobj"
        and of.lower_ in ("of", "for")
        and title.dep_ in ("nsubj", "nsubjpass")
        and title.text[:1].isupper()
        and is_role_word(title)
        and any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in t.children)
    )


def hyphen_before(doc: Doc, i: int) -> bool:
    """A capitalised word joined by a hyphen to doc[i], with no space: "Okafor-[Eze]"."""
    if i < 2 or doc[i - 1].text != "-" or doc[i - 1].whitespace_ or doc[i - 2].whitespace_:
        return False
    w = doc[i - 2]
    return w.is_alpha and w.text[:1].isupper() and doc[i].text[:1].isupper()


def main_clause(verb: Token) -> bool:
    """True for the sentence root or a verb conjoined to it."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT" or verb.head.i == verb.i


def up_to_subject(t: Token) -> Token:
    """The subject a name is part of: itself, or the subject it is set beside or joined to ("Ann
    Bell, the mayor,", "Ann Bell and her colleague Tom Hale led it": Hale is a subject too)."""
    for _ in range(2):
        if t.dep_ in ("appos", "conj") and t.head.i != t.i:
            t = t.head
        else:
            break
    return t


def post_held(t: Token) -> Token:
    """For a person's name the parse hung on the body or place of a post ("the chairman of the
    village, [X],": an appositive of "village"), the post's noun ("chairman"); else `t`."""
    noun = t.head
    if t.dep_ != "appos" or noun.dep_ != "pobj" or noun.head.lower_ != "of" or is_role_word(noun):
        return t
    post = noun.head.head
    return post if is_role_word(post) and post.i < noun.i else t


def sents_back(tok: Token, n: int) -> Iterator[SpacySpan]:
    """tok's sentence and up to n-1 sentences before it, nearest first."""
    sent = tok.sent
    doc = tok.doc
    for _ in range(n):
        yield sent
        if sent.start == 0:
            return
        sent = doc[sent.start - 1].sent


def from_a_place(t: Token) -> bool:
    """'the Dubliner', 'a Glaswegian', 'the Aucklander': a word for someone from a place."""
    w = t.text
    return lone_after_the(t, ("the", "a", "an")) and (demonym_shape(w) or local_demonym(w, PLACES | country_names()))


# Kin who most often share a family name; kin, who are never a body ("his mother, Siobhan,").
KIN = frozenset("wife husband widow widower son daughter father mother brother sister".split())
FAMILY = KIN | frozenset(
    "partner fiance fiancee girlfriend boyfriend grandson granddaughter grandmother grandfather aunt uncle "
    "niece nephew cousin child stepson stepdaughter stepfather stepmother".split()
)


def beside_person_noun(t: Token) -> bool:
    """'his wife, Jan,', 'the victim's mother, Siobhan,': a proper noun set off by commas as the
    appositive of a noun for a person is that person's name."""
    doc = t.doc
    return (
        t.dep_ == "appos"
        and t.pos_ == "PROPN"
        and t.text[-1:].isalpha()
        and not is_role_word(t)  # ("Two of its members, Sens. X and Y,": a title)
        and not any(c.dep_ in ("conj", "cc") for c in t.children)
        and t.head.pos_ == "NOUN"
        and t.head.i < t.i
        and is_person_noun(t.head.lower_)
        and doc[t.left_edge.i - 1].text == ","
        and t.right_edge.i + 1 < len(doc)
        and doc[t.right_edge.i + 1].text in (",", ".", ";")
        and (doc[t.right_edge.i + 1].text != "." or bool(doc[t.right_edge.i + 1].is_sent_end))  # (not "Sens.")
    )
