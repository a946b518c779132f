"""Who a subject phrase names when it is no pronoun: a mention, a role beside a name, a document,
a description the article gives a named person, a part of a group, or the phrase as written.

Everything works in view coordinates on one parsed article; speakers carry source spans.
A phrase that cannot speak ("the rest of it", "the results") names nobody.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model.analysis.descriptions import age_description, definite, is_role_word, lone_after_the
from reader.model.analysis.name_spans import sents_back
from reader.model.analysis.name_types import SPEAKING_KINDS, Name, Speaker
from reader.model.analysis.named_bodies import NamedBodies
from reader.model.analysis.nationalities import PLACES, country_names, demonym_shape, local_demonym
from reader.model.analysis.speech_words import (
    BODY_NOUNS,
    COLLECTIVE_NOUNS,
    DOCUMENT_NOUNS,
    PERSONAL_PRONOUNS,
    is_person_noun,
    noun_base,
)

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Token


class SubjectPhrases(NamedBodies):
    """The named things of one article and the rules that read a noun phrase as one of them."""

    def names_in_phrase(self, tok: Token, verb: Token | None) -> list[Name]:
        """People named inside the subject phrase of `tok` as the one who speaks: "Malaysia's Prime
        Minister, Jane Roe", "the CEO of Y, John Doe", "professor Jane Roe"; not "a spokesman for
        John Doe" nor "John Doe's lawyer"."""
        lo = tok.left_edge.i
        hi = tok.right_edge.i
        if verb is not None and verb.i > hi and verb.i - hi <= 8:
            between = self.doc[hi + 1 : verb.i]
            if all(
                t.pos_ in ("PROPN", "PUNCT", "NOUN", "ADJ", "DET", "ADP", "CCONJ", "PART", "SPACE") for t in between
            ):
                hi = verb.i - 1  # the parse left an appositive name out of the subject
        out: list[Name] = []
        role = is_role_word(tok)
        for n in self.names:
            if not (lo <= n.first_tok and n.tok <= hi) or n.kind not in SPEAKING_KINDS:
                continue
            if n.kind != "PERSON" and not (role and n.first_tok > tok.i and self.doc[n.first_tok - 1].text == ","):
                continue  # "Norway's Prime Minister, Ingrid Dahl" even when NER took her for a body
            lead = self.doc[n.root]
            while lead.dep_ == "conj" and lead.head.i != lead.i:
                lead = lead.head
            first = self.by_token.get(lead.i) if lead.i != n.root else None
            if first is not None and first.kind == "PERSON" and first not in out:
                continue  # "a panel led by X and Y", "a bench comprising X and Y": as X is left out
            nxt = self.doc[n.tok + 1] if n.tok + 1 < len(self.doc) else None
            if nxt is not None and nxt.lower_ in ("'s", "\u2019s", "'", "\u2019"):
                continue  # "John Doe's lawyer"
            # (a lower-case word the parse took for a proper noun is a common noun all the same)
            if (
                (tok.pos_ == "NOUN" or tok.is_lower)
                and n.tok < tok.i
                and self.doc[n.root].dep_ in ("compound", "nmod", "amod")
            ):
                if self.doc[n.root].head.i == tok.i:
                    continue  # "the Obama aide", "the Kilkenny native": a name describing someone else
            prev = self.doc[n.first_tok - 1] if n.first_tok > lo else None
            head = self.doc[n.root]
            if head.dep_ == "appos" and head.head.i != tok.i and is_person_noun(head.head.lower_):
                head = (
                    head.head
                )  # "a spokesman for the owner, John Doe": the owner's name (not "for the firm, John Doe")
            if (
                prev is not None
                and prev.pos_ == "ADP"
                or head.i != tok.i
                and head.dep_ == "pobj"
                and head.head.lower_ in ("for", "to")
            ):
                continue  # "a spokesman for John Doe", "an adviser to Senator John Doe"
            obj = self.doc[n.root]
            if (
                obj.dep_ == "dobj"
                and obj.head.dep_ in ("acl", "relcl")
                and obj.head.pos_ == "VERB"
                and tok.i in {a.i for a in obj.ancestors}
            ):
                continue  # "a group supporting John Doe", "a woman who met John Doe": not the one
            if prev is not None and prev.text == "(" and (out or self.by_token.get(n.first_tok - 2) is not None):
                # "Jane Roe (D-Ohio)": a tag in brackets qualifies the name before it, kept or not
                # ("a spokesman for Sen. Jane Roe (D-Ohio)" is not the tag's)
                continue
            if (
                prev is not None
                and prev.pos_ == "PROPN"
                and self.by_token.get(prev.i) is None
                and not is_role_word(prev)
            ):
                continue
            out.append(n)
        return out

    def resolve_phrase(self, tok: Token, cue: str, verb: Token | None = None) -> Speaker | None:
        if _joined_to_next_word(tok):
            return None  # "Post-match:", "Half-time:" in a live blog: half a word speaks for nobody
        if tok.lower_ in ("former", "latter") and definite(tok):
            # "Okafor met Brandt. The latter said": of the two named just before, the one named
            # last (first for "the former"); with more or fewer than two, nobody
            pair = self.last_two_named(tok)
            if pair is None:
                return None
            return self.speaker(pair[1] if tok.lower_ == "latter" else pair[0], cue, "description")
        n = self.by_token.get(tok.i)
        held = self.abbreviated_role(tok)
        if held is not None:  # "the CM said": the one Chief Minister named, else nobody
            return self.speaker(held[0], "description", "description") if len(held) == 1 else None
        place = self.from_a_place(tok)
        if (n is not None and n.kind == "NORP" or place) and definite(tok) and not _plural_people(tok):
            # "the Russian told reporters", "the Portuguese said": the one person of that nation
            # the text brought in as such, else the one person the sentence before made its
            # subject ("Piet de Wit finished third. '...,' the Dutchman said") unless tied to another
            # nation, else nobody (never the nation; the article's main person is no safe guess);
            # "the Russians said" is a group and speaks as written
            role = self.resolve_role(tok)
            if role is None and (topic := self.topic_before(tok)) is not None:
                role = None if self.of_another_nation(tok, topic) else topic
            return None if role is None else self.speaker(role, "description", "description")
        if n is None and tok.text[:1].isupper() and tok.pos_ in ("NOUN", "PROPN") and not tok.n_lefts + tok.n_rights:
            spelt = self.spelt_otherwise(tok)  # "Zelenskyy added" after "Volodymyr Zelensky"
            if spelt is not None:
                return self.speaker(spelt, cue)
        if n is not None and n.kind in SPEAKING_KINDS:
            if n.kind != "PERSON":
                named = self.names_in_phrase(tok, verb)
                if named:  # "Acme CEO John Doe" parsed with Acme as the head
                    return self.speaker(named[-1], cue, "role-name")
            return self.speaker(n, cue)
        for c in sorted(tok.children, key=lambda c: c.dep_ != "appos"):
            # "the Armenian president, X" names X; "the CNN host" does not name CNN
            cn = self.by_token.get(c.i)
            if (
                cn is not None
                and cn.kind in SPEAKING_KINDS
                and (c.dep_ == "appos" or c.dep_ in ("compound", "flat") and tok.pos_ == "PROPN" and not tok.is_lower)
            ):
                named = self.names_in_phrase(tok, verb)
                if named and self.doc[cn.first_tok - 1].text == "(" and named[-1] is not cn:
                    # "the niece, Sen. Jane "JJ" Roe (D-Ohio)" hung on "Ohio": the tag is no speaker
                    return self.speaker(named[-1], cue, "role-name")
                return self.speaker(cn, cue, "role-name")
        named = self.names_in_phrase(tok, verb)
        if named and not self._names_a_body(tok, named):
            if tok.tag_ == "NN" and len({self.full(n).key for n in named if n.kind == "PERSON"}) > 1:
                return None  # "A bench of Justices X and Y observed": several people as one, none of them
            return self.speaker(named[-1], cue, "role-name")
        if any(c.lower_ == "whose" for c in tok.children):
            return None  # "X, whose office called it ...": "whose office" as written names nobody
        lemma = noun_base(tok.lower_)
        if lemma == "paper" and definite(tok) and self._newspaper_before(tok):
            lemma = "newspaper"  # "the same newspaper ... the paper argued": the newspaper, no study
        if lemma in DOCUMENT_NOUNS:
            return self.resolve_document(tok, cue)
        if tok.pos_ == "PROPN" and tok.text[:1].isupper() and not is_role_word(tok):
            return self.as_written(tok, cue)  # a name NER missed
        if tok.pos_ not in ("NOUN", "PROPN") and not (
            definite(tok) and (tok.dep_ in ("nsubj", "nsubjpass") or age_description(tok))
        ):
            return None  # (a subject with a determiner is a noun whatever its tag: "the daily wrote")
        # "a spokesman", "two aides", "31 percent": someone the article does not name
        specific = self.specific(tok)
        if lemma in BODY_NOUNS:
            if specific:
                body = self.named_body(tok, lemma)
                intro = self.brought_in_unnamed(tok)
                if body is not None and intro is not None and body.start < intro.idx:
                    body = None  # a body named before the noun brought in another, unnamed
                if body is not None and not self._owned_by_other(tok, body):
                    return self.speaker(body, "description", "description").but(kind="ORG")
            return self.as_written(tok, cue)
        if lemma in ("percent", "%") and any(c.like_num for c in tok.children):
            # "while 31 percent call them '...'": a share of the people asked, as written
            return self.as_written(tok, cue)
        agent = not is_person_noun(tok.lower_) and not age_description(tok) and _agent_noun(tok)
        if not is_person_noun(tok.lower_) and not age_description(tok) and not agent:
            return None  # "the rest of it", "the results": nothing that speaks
        if lemma in COLLECTIVE_NOUNS:
            return self.as_written(tok, cue)  # "the football team": several people, none by name
        if specific:
            earlier = self.owned_earlier(tok) if definite(tok) else None
            if earlier is not None:  # "the lawyer" after "Tom Hale's lawyer": not Hale
                return self.as_written(earlier, cue)
            who = self.described_person(tok, verb)
            if who is not None:
                return who
            if len(self.role_holders(tok)) > 1:
                return None  # two people named with the role: "the president" is one of them, unknown
        if agent:
            return None  # "the pacer": maybe a person; nobody, unless the text says who
        return self.as_written(tok, cue)

    def from_a_place(self, tok: Token) -> str | None:
        """'the Dubliner said', 'said the Glaswegian': one capitalised word after "the" for someone
        from a place ("place": the place is known, from the article or the lists), or of that
        shape only ("shape": "the Aucklander", unless NER took it for a body or place); a description of
        a person, never a name. None for anything else, and for a word the article also uses as a
        title ("told the Examiner", "The Oregonian's", "the Guardian newspaper")."""
        w = tok.text
        if not lone_after_the(tok):
            return None
        if any(self._as_title(t) for t in self.doc if t.text == w and t.i != tok.i and not self.quoted[t.i]):
            return None
        places = {self.full(n).words[-1] for n in self.names if n.kind == "PLACE"} | PLACES | country_names()
        if local_demonym(w, places):
            return "place"
        # of the shape only: a body's or a place's name when NER says so ("the Examiner", "the Vatican")
        return "shape" if demonym_shape(w) and tok.ent_type_ in ("", "PERSON", "NORP", "PRODUCT") else None

    def _as_title(self, t: Token) -> bool:
        """The word as a name: spoken to or about ("told the Examiner", "in the Examiner"), owning
        ("the Examiner's"), with a capital "The" inside a sentence, or naming a thing after it."""
        nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
        prev = self.doc[t.i - 1] if t.i > 0 else None
        return (
            t.dep_ in ("pobj", "dobj", "dative", "poss", "compound")
            or nxt is not None
            and (nxt.lower_ in ("'s", "\u2019s") or nxt.pos_ in ("NOUN", "PROPN"))
            or prev is not None
            and prev.text == "The"
            and not prev.is_sent_start
        )

    def spelt_otherwise(self, tok: Token) -> Name | None:
        """A lone capitalised word NER left untagged that is, but for one letter, the surname of
        exactly one person named before it ("Zelenskyy" for "Zelensky"; six letters or more, as
        news misspells them, never a plural)."""
        from rapidfuzz.distance import Levenshtein

        word = tok.lower_
        if len(word) < 6:
            return None
        found: dict[tuple[str, ...], Name] = {}
        for n in self.names:
            if n.start >= tok.idx or not self.is_person(n):
                continue
            f = self.full(n)
            last = f.key[-1]
            if len(f.key) > 1 and word != last + "s" and Levenshtein.distance(word, last, score_cutoff=1) <= 1:
                found.setdefault(f.key, f)
        return next(iter(found.values())) if len(found) == 1 else None

    def last_two_named(self, tok: Token) -> tuple[Name, Name] | None:
        """The two people or bodies named, outside quotes, in the nearest sentence before `tok`
        that names anyone (its own sentence first, up to `tok`), in the order named; None
        unless that sentence names exactly two."""
        for sent in sents_back(tok, 4):
            seen: dict[tuple[str, ...], Name] = {}
            for n in self.names:
                if sent.start_char <= n.start < min(sent.end_char, tok.idx) and not self.quoted[n.tok]:
                    if n.kind in ("PERSON", "ORG"):
                        seen.setdefault(self.full(n).key, n)
            if seen:
                if len(seen) != 2:
                    return None
                first, second = seen.values()
                return first, second
        return None

    def specific(self, tok: Token) -> bool:
        det = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod")}
        return not (det - {"the", "this", "that"}) and tok.tag_ not in ("NNS", "NNPS")

    def resolve_document(self, tok: Token, cue: str) -> Speaker | None:
        """'X's statement', 'a letter from X', 'the report by X' -> X; else the document as written."""
        verb = tok.head
        # "The report, by X, found ...": the parse hangs the by-phrase set off by commas on the verb
        aside = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by" and tok.i < c.i < verb.i]
        for c in [*tok.children, *(aside if tok.dep_ == "nsubj" else [])]:
            owner = None
            if c.dep_ == "poss" or c.dep_ == "compound" and self.by_token.get(c.i) is not None:
                owner = c  # "X's statement", "a GAO report"
            elif c.dep_ == "compound" and noun_base(c.lower_) in BODY_NOUNS and not self.quoted[c.i]:
                # "a ministry statement", "a police report": the body named lately by that noun
                # ("the Interior Ministry"), else the noun; never another body named lately ("a
                # party platform" after "the Hale campaign" is not the campaign's)
                lemma = noun_base(c.lower_)
                body = next(
                    (
                        n
                        for n in reversed(self.names)
                        if n.kind == "ORG" and n.start < c.idx and lemma in {noun_base(w) for w in n.key}
                    ),
                    None,
                )
                if body is not None and not self._owned_by_other(c, body):
                    return self.speaker(body, cue).but(kind="ORG")
                return self.as_written(c, cue).but(kind="ORG")
            elif c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                owner = next((p for p in c.children if p.dep_ == "pobj"), None)
            if owner is not None and not self.quoted[owner.i]:
                if owner.lower_ in PERSONAL_PRONOUNS or owner.lower_ in ("its", "their"):
                    return None  # the pronoun's antecedent is the rule above us to find
                spk = self.resolve_phrase(owner, cue)
                if spk is not None and spk.how == "as-written" and c.dep_ == "prep":
                    break  # "a statement from the two agencies": nobody named, the document speaks
                if spk is not None and spk.how == "name" and c.dep_ == "prep":
                    # "a statement from X said": as plain as "X said" (where a name modifies the
                    # noun, "a Homeland Security memo", news keeps the document as the source)
                    return spk
                if spk is not None:
                    return spk.but(how="owner")
        spk = self.as_written(tok, cue)
        return spk.but(kind="DOC")

    def earlier_mention(self, tok: Token) -> Token | None:
        """'a joint statement from ...' for a later 'the joint statement': the nearest earlier mention
        of the same noun, if it has every modifier of `tok` (else it is another document)."""
        if not definite(tok) or any(c.dep_ == "poss" for c in tok.children):
            return None
        lemma = noun_base(tok.lower_)
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
        for t in reversed(self.doc[: tok.left_edge.i]):
            if noun_base(t.lower_) != lemma or self.quoted[t.i] or t.dep_ and t.pos_ != "NOUN":
                continue
            if not t.dep_:
                return None  # in a sentence left unparsed (far from any quote): not to be read
            return t if mods <= {c.lower_ for c in t.children if c.dep_ in ("amod", "compound")} else None
        return None

    def partitive_group(self, tok: Token) -> Token | None:
        """'some of the residents', 'one of our ads', 'all of them', 'forty percent of voters',
        'a bunch of them': a quantity of a plural group that can speak (people or bodies).
        Returns the group's word; None when `tok` is no such quantity or the group names
        things that cannot speak ("the rest of it", "the results of the survey")."""
        lemma = noun_base(tok.lower_)
        if tok.pos_ in ("PROPN", "VERB", "AUX") or is_person_noun(tok.lower_) or lemma in BODY_NOUNS:
            return None  # a head that speaks itself: the other rules read it
        if lemma in DOCUMENT_NOUNS or lemma in COLLECTIVE_NOUNS:
            return None
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if group is None or self.quoted[group.i]:
            return None
        if group.lower_ in ("them", "us", "those", "these"):
            return group
        n = self.by_token.get(group.i)
        if n is not None:
            return group if n.kind in ("ORG", "NORP") else None  # "half of Americans"
        plural = group.tag_ in ("NNS", "NNPS")
        base = noun_base(group.lower_)
        if plural and (is_person_noun(group.lower_) or base in BODY_NOUNS):
            return group  # (a part of some documents stands for nobody, as a document does)
        return None

    def as_written(self, tok: Token, cue: str, right: Token | None = None) -> Speaker:
        """The subject phrase itself: 'the foreign ministry', 'a Dow spokeswoman' (to `right`)."""
        left = tok.left_edge
        right = right or tok
        for c in tok.rights:
            if (
                c.dep_ == "prep"
                and c.lower_ in ("of", "from", "at", "for", "with", "in")
                and c.right_edge.i - tok.i <= 6
            ):
                right = c.right_edge
        while left.i < tok.i and "\n\n" in self.doc[left.i : tok.i].text:  # never over a paragraph break
            left = self.doc[left.i + 1]
        words = self.doc[left.i : right.i + 1]
        a, b = words.start_char, words.end_char
        s, e = self.view.source_span(a, b)
        lemma = noun_base(tok.lower_)
        kind = "ORG" if lemma in BODY_NOUNS else "DESC"
        return Speaker(self.view.source[s:e], s, e, cue, kind, "as-written")


def _joined_to_next_word(tok: Token) -> bool:
    """'Post' in 'Post-match', 'Half' in 'Half-time': the first part of a hyphenated word."""
    doc = tok.doc
    return (
        not tok.whitespace_
        and tok.i + 2 < len(doc)
        and doc[tok.i + 1].text == "-"
        and not doc[tok.i + 1].whitespace_
        and doc[tok.i + 2].is_alpha
        and doc[tok.i + 2].is_lower
    )


def _agent_noun(tok: Token) -> bool:
    """'the pacer', 'the opener', 'the youngster', 'the skipper' as a speaker: a noun of someone who
    does something, the elegant variation of sports and feature writing (no word list holds them
    all), not one of the things such words also name."""
    w = tok.lower_
    return tok.tag_ == "NN" and w.isalpha() and len(w) >= 5 and w.endswith(("er", "ster")) and w not in _ER_THINGS


_ER_THINGS = frozenset(
    """
paper letter newsletter poster flyer banner number order border water weather power matter center
computer printer container answer chapter cover corner quarter register filter barrier cluster
meter timer tower river liner lever fiber fibre trailer sticker folder ledger charter marker
counter monitor sensor
""".split()
)


def _plural_people(tok: Token) -> bool:
    """'the Russians', not 'the Portuguese' or 'the Swiss' (one or many: read as one)."""
    w = tok.lower_
    return tok.tag_ in ("NNS", "NNPS") and w.endswith("s") and not w.endswith("ss")
