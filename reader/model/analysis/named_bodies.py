"""Which named body a body noun means: 'the ministry' after 'the Defence Ministry', 'the company'
for the one company named lately; not a body owned by another ('Russia's foreign ministry') or
one the article only addressed ('told Reuters').

Everything works in view coordinates on one parsed article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model.analysis.described_people import DescribedPeople
from reader.model.analysis.descriptions import definite
from reader.model.analysis.name_spans import sents_back
from reader.model.analysis.name_types import Name
from reader.model.analysis.speech_words import (
    BODY_NOUNS,
    BUSINESS_NOUNS,
    COLLECTIVE_NOUNS,
    NON_BUSINESS_HEADS,
    noun_base,
)

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Token


class NamedBodies(DescribedPeople):
    """The named body a body noun in a subject phrase means."""

    def _newspaper_before(self, tok: Token) -> bool:
        """The article has called something a newspaper before `tok` (outside quotes)."""
        return any(
            t.lower_ in ("newspaper", "newspapers", "daily", "tabloid", "broadsheet") and not self.quoted[t.i]
            for t in self.doc[: tok.i]
        )

    def _names_a_body(self, tok: Token, named: list[Name]) -> bool:
        """'the Kallen campaign', 'the Ostrander administration', 'the Merle family': a body or
        group noun whose only names are its modifiers is that body, not the person it is named
        after (who is someone else than the campaign speaking for them)."""
        lemma = noun_base(tok.lower_)
        if tok.pos_ != "NOUN" or (lemma not in BODY_NOUNS and lemma not in COLLECTIVE_NOUNS):
            return False
        return all(self.doc[n.root].head.i == tok.i and self.doc[n.root].dep_ in ("compound", "nmod") for n in named)

    def brought_in_unnamed(self, tok: Token) -> Token | None:
        """'one media watchdog found ... The watchdog's study called it': the definite noun's
        nearest earlier mention, when it brought the body in with "a", "an" or "one" and no name
        beside it; the noun means that body, not one named before it (a name after it may be
        its own: "sued a company ... Coldline denied it")."""
        if not definite(tok):
            return None
        lemma = noun_base(tok.lower_)
        for t in reversed(self.doc[: tok.left_edge.i]):
            if noun_base(t.lower_) != lemma or self.quoted[t.i] or t.pos_ != "NOUN":
                continue
            if any(c.dep_ in ("appos", "compound") and c.i in self.by_token for c in t.children):
                return None  # "a watchdog, Media Matters," / "the Acme company": named there
            if t.dep_ in ("appos", "attr") and (t.head.i in self.by_token or t.head.pos_ in ("AUX", "VERB")):
                return None  # "Acme Systems, a freezer company," / "Acme is a company": a name's
            if any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one") for c in t.children):
                return t
            return None
        return None

    def named_body(self, tok: Token, lemma: str) -> Name | None:
        """'the ministry' after 'the Defence Ministry'; 'the company' for the one company named lately."""
        orgs = [n for n in self.names if n.kind == "ORG" and n.start < tok.idx]
        named = [n for n in orgs if lemma in {noun_base(w) for w in n.key}]
        if named:
            return named[-1]
        if lemma in _STATE_BODIES:
            return None  # "Amnesty called it X. The government rejected ...": not Amnesty
        # nor a name the description's own sentence owns or acts on ("X's comments were '...,'
        # according to the union": the union judges X's comments)
        sent = tok.sent
        orgs = [
            n
            for n in orgs
            if not (sent.start_char <= n.start < sent.end_char)
            or self.doc[n.root].dep_ not in ("poss", "dobj", "pobj", "dative")
        ]
        if lemma in BUSINESS_NOUNS:  # "the company" is no union, ministry or club the text named
            orgs = [n for n in orgs if noun_base(n.key[-1]) not in NON_BUSINESS_HEADS]
        recent = [n for n in orgs if n.subject and tok.idx - n.start < 1500]
        # not one named before another name made the subject of this sentence or the last; that
        # name is the body when a place, called "it" after ("Hartley Rovers said its stadium ...",
        # though NER took it for a person) or given a plural verb ("Kirkby Town have sacked ...")
        lo = min(s.start_char for s in sents_back(tok, 2))
        since = [
            n
            for n in self.names
            if n.subject == 2 and max(lo, recent[-1].start + 1 if recent else 0) <= n.start < tok.idx
        ]
        if since:
            n = since[-1]
            head = self.doc[n.root].head
            it = any(t.lower_ in ("it", "its") and t.i > n.tok and not self.quoted[t.i] for t in head.sent)
            plural = any(v.tag_ == "VBP" for v in [head, *head.children] if v.i > n.tok and v.dep_ in ("ROOT", "aux"))
            if n.kind == "PLACE" or it or plural:
                return n
            if recent:
                return None
        if recent:
            return recent[-1]
        # no body made a subject lately: the only one the article has named before, if it was
        # named as a body acting or owning ("goals for Harbour Rovers"), not as one spoken to
        # ("told Reuters") or a source ("according to Reuters")
        keys = {self.full(n).key for n in orgs}
        # ("Rovers" is "Harbour Rovers" shortened)
        bodies = [k for k in keys if not any(len(o) > len(k) and (o[-len(k) :] == k or o[: len(k)] == k) for o in keys)]
        if len(bodies) == 1 and not any(self._addressed(n) for n in orgs):
            return max(orgs, key=lambda n: (len(n.key), n.start))
        return None

    def _owned_by_other(self, tok: Token, body: Name) -> bool:
        """'Russia's foreign ministry', 'Apple's board', 'the Kallen campaign': the body noun is
        owned by a named place, people, body or (named before it) person; that is not the body (the United Nations named before is not Russia's
        ministry, nor is Russia), and the phrase speaks as written. (Not a nationality before the
        noun: "the US daily" is described, not owned.)"""
        for c in tok.children:
            if c.dep_ == "compound" and not self.quoted[c.i]:
                n = self.by_token.get(c.i)
                if n is not None and n.kind == "PERSON":
                    return True  # "the Kallen campaign": that person's, not the body named before
            if c.dep_ != "poss" or self.quoted[c.i]:
                continue
            n = self.by_token.get(c.i)
            if n is not None and n.kind in ("PLACE", "ORG", "NORP", "PERSON") or c.ent_type_:
                return True
            if c.pos_ == "NOUN":
                return True  # "the lobbyist's firm": someone's the text does not name, not the one named
        return False

    def _addressed(self, n: Name) -> bool:
        """'told Reuters', 'said in an interview with the BBC', 'according to Reuters'."""
        t = self.doc[n.root]
        if t.dep_ in ("dobj", "dative") and t.head.pos_ == "VERB":
            return True
        return t.dep_ == "pobj" and t.head.lower_ in ("to", "with")


# A state's own bodies, and bodies defined by their place in a dispute: a body named lately
# ("Amnesty International", "Reuters") is not one of them unless its name says so ("the Defence
# Ministry" for "the ministry" is; the army is not; "the opposition" is not the party just named).
_STATE_BODIES = frozenset(
    "government administration army military police opposition cabinet palace prosecution junta presidency".split()
)
