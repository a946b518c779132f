"""Who a subject phrase names: a pronoun here (he/she: a recent person of fitting gender; they/it:
a plural subject or a body just before), any other phrase by `subject_phrases.SubjectPhrases`
(a mention, a role, a document or a description).

Everything works in view coordinates on one parsed article; speakers carry source spans.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reader.model.analysis.descriptions import definite, introduced_source, noun_gender, owned, role_abbreviation
from reader.model.analysis.name_spans import main_clause, sents_back
from reader.model.analysis.name_types import SPEAKING_KINDS, Name, Speaker, clean_words, name_key
from reader.model.analysis.speech_words import (
    BODY_NOUNS,
    COLLECTIVE_NOUNS,
    DOCUMENT_NOUNS,
    PERSONAL_PRONOUNS,
    is_person_noun,
    is_speech_verb,
    noun_base,
)
from reader.model.analysis.subject_phrases import SubjectPhrases

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


_ASKED = frozenset(("ask", "asks", "asked", "asking"))
_REPLIED = frozenset(("replied", "replies", "answered", "answers", "responded", "responds"))


class NameIndex(SubjectPhrases):
    """The named things of one article and the rules that read a subject token (a pronoun too) as one of them."""

    # ----- reading a pronoun ------------------------------------------------------------------

    def resolve_pronoun(self, tok: Token, gender: str, last: Speaker | None, last_para: bool) -> Speaker | None:
        """`_resolve_pronoun`; a person of unknown gender it gives has the pronoun's gender from then
        on ("Its director, Jo Blake, said ... '...,' she said. He dismissed it. '...,' he said": not Blake)."""
        spk = self._resolve_pronoun(tok, gender, last, last_para)
        if spk is not None and spk.kind == "PERSON":
            self.gender.setdefault(name_key(clean_words(spk.name)), gender)
        return spk

    def _resolve_pronoun(self, tok: Token, gender: str, last: Speaker | None, last_para: bool) -> Speaker | None:
        """He/she: a person named in this sentence before the pronoun; else, going back sentence
        by sentence, the named main subject (a sentence led by the same pronoun continues the
        chain); else the current speaker when the turn is recent; else a person the last
        sentence names. Only people (not things NER called people), of a gender the text does
        not contradict."""
        sents = [tok.sent] + [
            s for s in list(sents_back(tok, 8))[1:] if not all(self.quoted[t.i] or t.is_punct for t in s)
        ][:3]  # sentences wholly inside quotes name nobody who speaks

        # "'...?' Jo Roe asked. '...,' he replied": who replies is not who just asked
        askers = (
            {
                self.full(n).key
                for sent in sents
                for n in self._names_in(sent.start_char, sent.end_char)
                if self.doc[n.root].dep_ == "nsubj" and self.doc[n.root].head.lower_ in _ASKED
            }
            if tok.head.lower_ in _REPLIED
            else set()
        )

        def fits(n: Name) -> bool:
            return self.is_person(n) and self.gender_of(n) in (None, gender) and self.full(n).key not in askers

        here = [n for n in self._names_in(sents[0].start_char, tok.idx) if fits(n) and not self._owner_of_person(n)]
        if here:
            subj = [n for n in here if n.subject] or here
            known = [n for n in here if self.gender_of(n) == gender]
            if self.gender_of(subj[-1]) is None and known and tok.dep_ in ("nsubj", "nsubjpass"):
                # "Gov. X Y described Ann Roe as a disgrace after she attacked ...": the one the text
                # makes a woman, not a subject whose name says nothing of gender
                return self.speaker(known[-1], "pronoun", "pronoun")
            return self.speaker(subj[-1], "pronoun", "pronoun")
        desc = self._described_subject(sents[0], gender, tok)
        if desc is not None:
            return desc
        last_fits = (
            last is not None
            and last.kind == "PERSON"
            and self.gender.get(name_key(clean_words(last.name)), gender) == gender
            and name_key(clean_words(last.name)) not in askers
        )
        fallback: Name | None = None
        for i, sent in enumerate(sents[1:], 1):
            cands = [n for n in self._names_in(sent.start_char, sent.end_char) if fits(n)]
            main = [n for n in cands if n.subject == 2]
            # "X asked Y what comes next. '...,' she replied": who was just asked answers (the
            # asker only when the asker is the fitting subject and the cue is no reply)
            asked = [n for n in cands if self.doc[n.root].dep_ == "dobj" and self.doc[n.root].head.lower_ in _ASKED]
            if i == 1 and asked and (not main or tok.head.lower_ in _REPLIED):
                return self.speaker(asked[-1], "pronoun", "pronoun")
            if main:
                if len({self.full(n).key for n in main}) > 1:
                    return None  # "Tom Hale and Ben Ortiz argued. '...,' he said": either of them
                return self.speaker(main[-1], "pronoun", "pronoun")
            desc = self._described_subject(sent, gender, tok)
            if desc is not None:
                return desc
            if self._pronoun_leads(sent, gender):
                continue  # "He said ...": the same person as ours, named further back
            if i == 1 and self._kin_named(sent, gender):
                return None  # "From my grandmother, really. She used to say ...": not a person named further back
            if i == 1 and cands and all(self._owner_of_person(n) for n in cands):
                return None  # "X's chief of staff is a woman. '...,' she said": maybe that person, unnamed
            subj = [n for n in cands if n.subject]
            if subj:
                return self.speaker(subj[-1], "pronoun", "pronoun")
            if cands:
                # (not the owner of a person noun: "X's adviser, Y, said ...": Y)
                named = {" ".join(self.full(n).words) for n in cands if not self._owner_of_person(n)}
                if len(named) > 1 and last_fits and last is not None and last.name in named:
                    return last.but(cue="pronoun", how="pronoun")  # of the people named, the one speaking
                if len(named) > 1 and i == 1:
                    return None  # "X said she had spoken with Gov. Y": either, when the parse lost X's role
                fallback = cands[-1] if i == 1 else None
                break
        if last_fits and last is not None and (last_para or fallback is None):
            if fallback is None or " ".join(self.full(fallback).words) == last.name or last_para:
                return last.but(cue="pronoun", how="pronoun")
        if fallback is not None:
            return self.speaker(fallback, "pronoun", "pronoun")
        if last is None and not any(n.kind == "PERSON" or n.subject == 2 for n in self.names if n.start < tok.idx):
            # a lede that names its subject only later ("He vowed ... At one point, he called her
            # 'X.' ... Donald Trump came out swinging"): nobody before, so the first person made
            # the main subject soon after (not when a name NER took for a body was the subject
            # before: "Senior forecaster [X Y] said ... '...,' she said")
            ahead = [n for n in self.names if tok.idx < n.start < tok.idx + 800 and fits(n) and n.subject == 2]
            if ahead:
                return self.speaker(ahead[0], "pronoun", "pronoun")
        only = self._only_one_named(tok, gender, fits)
        return self.speaker(only, "pronoun", "pronoun") if only is not None else None

    def _only_one_named(self, tok: Token, gender: str, fits: Callable[[Name], bool]) -> Name | None:
        """A chain of "he said" reaching past the sentences the pronoun rules read ("Daniel Moyes,
        31, appeared ... The court heard ... '...,' he said"): the one person named before it who
        may be "he" (`fits`: not one who just asked a "he replied"), known to be of that gender
        (NER misses names: one of unknown gender may be the only one the index holds, not the
        only one the text names), when nobody else who may be has come up since, named or not
        ("the judge", "a witness"); two who fit leave the speaker unknown."""
        people = [
            n
            for n in self.names
            if n.start < tok.idx
            and not self.quoted[n.tok]
            and fits(n)
            and self.doc[n.root].dep_ != "poss"  # ("Moyes's lawyer": the owner is not brought in)
        ]
        if len({self.full(n).key for n in people}) != 1 or self.gender_of(people[-1]) != gender:
            return None
        for t in self.doc[people[-1].tok + 1 : tok.i]:
            if (
                t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos")
                and t.tag_ == "NN"
                and not self.quoted[t.i]
                and t.i not in self.by_token
                and is_person_noun(t.lower_)
                and noun_gender(t.lower_) in (None, gender)
                and noun_base(t.lower_) not in COLLECTIVE_NOUNS
            ):
                return None  # someone unnamed since, who may be the one speaking
            if t.pos_ == "PROPN" and t.dep_ == "nsubj" and t.i not in self.by_token and not self.quoted[t.i]:
                return None  # a name NER missed ("Bell said"): someone else named since
        return people[-1]

    def _described_subject(self, sent: SpacySpan, gender: str, tok: Token) -> Speaker | None:
        """'My husband has met them ... and he would say': the first subject of the sentence,
        before the pronoun, is one person described but not named ('my husband', 'the
        spokeswoman', 'a spokesman' brought in speaking) of a gender that fits: the pronoun's referent is who that description
        means (a named person when the article gives the role, else the description)."""
        t = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and not self.quoted[t.i]), None)  # first subject
        if t is not None and t.i < tok.i and t.i not in self.by_token:
            noun = t.tag_ == "NN" and is_person_noun(t.lower_) or role_abbreviation(t)  # "another MP"
            if not noun or noun_gender(t.lower_) not in (None, gender):
                return None
            if noun_base(t.lower_) in COLLECTIVE_NOUNS or not (definite(t) or owned(t) or introduced_source(t)):
                return None
            if self.names_in_phrase(t, None):
                return None  # "the CEO, Jane Roe": the named person leads
            if any(self.by_token.get(c.i) for c in t.children if c.dep_ == "poss"):
                if is_speech_verb(t.head.lower_):
                    # "Price's lawyer said he would appeal. '...,' he said": the lawyer, not Price
                    return self.as_written(t, "pronoun").but(how="pronoun")
                return None  # "X's chief of staff is a woman": the named person leads
            spk = self.resolve_phrase(t, "pronoun")
            if spk is not None and self.gender.get(name_key(clean_words(spk.name)), gender) != gender:
                spk = self.as_written(t, "pronoun")  # the description meant someone else than its guess
            return spk.but(cue="pronoun", how="pronoun") if spk is not None else None
        return None

    def _kin_named(self, sent: SpacySpan, gender: str) -> bool:
        """The sentence mentions, without a name, someone's kin of the pronoun's gender ("my
        grandmother", "her son"): the nearest referent, whom the article never names."""
        return any(
            noun_gender(t.lower_) == gender
            and is_person_noun(t.lower_)
            and t.i not in self.by_token
            and not self.quoted[t.i]
            and any(c.dep_ == "poss" for c in t.children)
            and not any(c.i in self.by_token for c in t.children)
            for t in sent
        )

    def _pronoun_leads(self, sent: SpacySpan, gender: str) -> bool:
        """The sentence's main subject is a pronoun of this gender."""
        for t in sent:
            if t.dep_ == "nsubj" and main_clause(t.head) and not self.quoted[t.i]:
                return PERSONAL_PRONOUNS.get(t.lower_) == gender
        return False

    def _owner_of_person(self, n: Name) -> bool:
        """'sent to X's chief of staff, he wrote': the name owns a noun for another person,
        brought in to say who that person is; not the pronoun's antecedent in its own sentence."""
        t = self.doc[n.root]
        return t.dep_ == "poss" and t.head.pos_ == "NOUN" and is_person_noun(t.head.lower_)

    def resolve_group(
        self, tok: Token, last: Speaker | None, document: Callable[[Token], Speaker | None] | None = None
    ) -> Speaker | None:
        """They/it/we: a plural subject just before ("the two leaders said they..."), else a body;
        "it" after a sentence led by a document ("The audit faults ... it says"): that document,
        read by `document` (its author when the text names one)."""
        if tok.lower_ not in ("it", "they"):
            return None
        if tok.lower_ == "they":
            depth = 2
            for k, sent in enumerate(sents_back(tok, 4)):
                if k >= depth:
                    break
                subj = [
                    t
                    for t in sent
                    if t.i < tok.i
                    and t.dep_ in ("nsubj", "nsubjpass")
                    and not self.quoted[t.i]
                    and (
                        t.tag_ in ("NNS", "NNPS")
                        or any(c.dep_ == "conj" for c in t.children)
                        or self.partitive_group(t) is not None
                    )
                ]
                for t in reversed(subj):
                    part = self.partitive_group(t)
                    if part is not None:
                        return self.as_written(t, "pronoun")  # "a bunch of them called and they said"
                    joint = self.people_named_in(t)
                    if joint is not None:
                        return joint
                    n = self.by_token.get(t.i)
                    if n is not None and n.kind in SPEAKING_KINDS:
                        return self.speaker(n, "pronoun", "pronoun")
                    if n is None and (is_person_noun(t.lower_) or noun_base(t.lower_) in BODY_NOUNS):
                        return self.as_written(t, "pronoun")
                if k == depth - 1 and self._they_leads(sent, tok):
                    depth = min(depth + 1, 4)  # "They sent a letter. ... they wrote": the chain goes on
        people_only = True  # the sentences passed so far speak only of people
        for k, sent in enumerate(sents_back(tok, 10 if tok.lower_ == "it" else 3)):
            if k >= 3 and not people_only:
                break  # (past three sentences "it" reaches back only over sentences about people)
            people_only = people_only and self._people_only(sent, tok)
            # a body; or a one-word name NER took for a person that the text never treats as one
            # (no first name, title or gender: "Politifact did a fact-check ... they announced")
            cands = [
                n
                for n in self._names_in(sent.start_char, min(sent.end_char, tok.idx))
                if n.subject and (n.kind == "ORG" or n.kind == "PERSON" and not self.is_person(n))
            ]
            if not cands and k >= 3 and not any(t.dep_ for t in sent):
                cands = self._leading_body(sent)  # (a sentence out of the parse's reach)
            if cands:
                return self.speaker(cands[-1], "pronoun", "pronoun").but(kind="ORG")
            body = [  # "the ministry said ... 'X,' it said": that body, named if the article names it;
                # "The audit faults ... it says": that document
                t
                for t in sent
                if t.i < tok.i
                and t.dep_ == "nsubj"
                and t.tag_ == "NN"
                and (
                    noun_base(t.lower_) in BODY_NOUNS
                    or tok.lower_ == "it"
                    and document is not None
                    and t.lower_ in DOCUMENT_NOUNS
                )
            ]
            if k == 0 and len(body) > 1:
                # "The audit found that the agency ... had ..., and it called ...": in the pronoun's
                # own sentence, the main clause's subject before one inside the clause it reports
                body.sort(key=lambda t: t.head.dep_ == "ROOT" or t.head.head.i == t.head.i)
            if tok.lower_ == "it" and body and not self.quoted[body[-1].i]:
                if document is not None and noun_base(body[-1].lower_) in DOCUMENT_NOUNS:
                    spk = document(body[-1])
                    return spk.but(cue="pronoun") if spk is not None else None
                if someones_body(body[-1]):
                    return self.as_written(body[-1], "pronoun")  # "Her group vowed to fight what it calls"
                spk = self.resolve_phrase(body[-1], "pronoun")
                return spk.but(cue="pronoun", how="pronoun") if spk is not None else None
        if last is not None and last.kind not in ("PERSON", "DOC" if tok.lower_ == "they" else "PERSON"):
            return last.but(cue="pronoun", how="pronoun")  # (a document is an "it", never a "they")
        return None

    def _leading_body(self, sent: SpacySpan) -> list[Name]:
        """'The Times gave ...', 'During the primaries, the Times gave ...': in a sentence the parse
        did not reach, a body's name that opens it (after "the", or after an opening phrase and its
        comma) and is followed by a lower-case word stands where its subject stands."""
        names = [n for n in self._names_in(sent.start_char, sent.end_char) if n.kind in ("ORG", "PERSON")]
        if not names or names[0].kind != "ORG":
            return []
        n = names[0]
        lead = self.view.text[sent.start_char : n.start].strip()
        if lead.lower() not in ("", "the") and not (lead.endswith((", the", ", The")) or lead.endswith(",")):
            return []
        after = self.view.text[n.end : n.end + 20].split()
        return [n] if after and after[0][:1].islower() else []

    def _people_only(self, sent: SpacySpan, tok: Token) -> bool:
        """Every main-clause subject of the sentence (before `tok`) is a person: a personal pronoun, a person's
        name or a noun for people; nothing an "it" after it could mean ("She knows the policy. The
        former mayor is a planner." and then "it attacked X": not about anything the sentences name)."""
        if not any(t.dep_ for t in sent):
            return False  # (out of the parse's reach: unknown)
        for t in sent:
            if t.i >= tok.i:
                break
            if t.dep_ not in ("nsubj", "nsubjpass") or self.quoted[t.i] or not main_clause(t.head):
                continue  # (a relative clause's "that" is about a noun of the sentence's own)
            if t.lower_ in PERSONAL_PRONOUNS or t.lower_ in ("i", "we", "you"):
                continue
            n = self.by_token.get(t.i)
            if n is not None and n.kind == "PERSON" and self.is_person(n):
                continue
            if n is None and t.pos_ == "NOUN" and is_person_noun(t.lower_) and noun_base(t.lower_) not in BODY_NOUNS:
                continue
            return False
        return True

    def _they_leads(self, sent: SpacySpan, tok: Token) -> bool:
        """The sentence (before `tok`) has "they" as its main subject."""
        return any(
            t.dep_ == "nsubj" and t.lower_ == "they" and t.i != tok.i and main_clause(t.head) and not self.quoted[t.i]
            for t in sent
        )

    def people_named_in(self, t: Token) -> Speaker | None:
        """'Ann Bell and Tom Hart', 'critics like Senators Ann Bell and Tom Hart': a plural subject
        that names two or more people is those people (speaker: the first, named with the rest)."""
        people = [n for n in self.names_in_phrase(t, None) if self.is_person(n)]
        names = list(dict.fromkeys(" ".join(self.full(n).words) for n in people))
        if len(names) < 2:
            return None
        return self.speaker(people[0], "pronoun", "pronoun").but(name=", ".join(names[:-1]) + " and " + names[-1])


def someones_body(tok: Token) -> bool:
    """'her group', 'his campaign': a body or group owned by a person named by pronoun; not the
    person, nor a body named lately under another name."""
    base = noun_base(tok.lower_)
    return (
        tok.pos_ == "NOUN"
        and (base in BODY_NOUNS or base in COLLECTIVE_NOUNS)
        and any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in tok.children)
        and not any(c.dep_ == "appos" for c in tok.children)  # ("Her firm, Lakeshore Capital,": named)
    )
