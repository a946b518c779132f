"""Documents standing for their authors: who issued a statement, a letter or a report the article
mentions ("X issued a statement ... The statement said" is X's; "X's statement added", "a complaint
filed by X", "a study led by X", "the complaint" after "X sued Y" too), and
parts of documents nobody is named as writing ("one of our ads said"), which speak as written;
and messages whose title or subject line is their sender's words ("sent an email titled '...'")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model.analysis.descriptions import definite
from reader.model.analysis.name_spans import sents_back
from reader.model.analysis.name_types import Speaker
from reader.model.analysis.speech_words import (
    DOCUMENT_NOUNS,
    ISSUING_VERBS,
    JUDGING_VERBS,
    MESSAGE_NOUNS,
    PERSONAL_PRONOUNS,
    TITLING_WORDS,
    WRITE_VERBS,
    noun_base,
)
from reader.model.analysis.turns import SpeakerTurns

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Token

    from reader.model.analysis.quote_layout import RawQuote

# participles whose agent made a document, besides issuing it ("a study led by X"); word forms,
# as no lemmatizer runs
_MAKING = frozenset("prepared authored compiled produced led written conducted commissioned drafted".split())
_FILINGS = frozenset("complaint lawsuit suit petition filing claim writ".split())  # a party's court papers
_FILING_VERBS = frozenset("sue sues sued suing filed lodged brought launched".split())
# what one writes ("X wrote to colleagues ... The letter says"), by the word for it
_WRITTEN = frozenset("letter note memo memorandum email e-mail message post tweet column op-ed essay blog".split())


def _agent(verb: Token) -> Token | None:
    """X of a passive 'by X' ('a study led by X', 'was sued by X')."""
    by = next((a for a in verb.children if a.dep_ == "agent"), None)
    return next((p for p in by.children if p.dep_ == "pobj"), None) if by is not None else None


def part_of_documents(tok: Token) -> Token | None:
    """'one of our ads', 'some of the letters': a part of documents, which speaks as written as a
    document nobody is named as writing does (the owner, 'our', is the writer's circle, no name).
    Returns the documents' word."""
    if tok.pos_ not in ("NUM", "PRON", "NOUN", "DET", "ADJ") or noun_base(tok.lower_) in DOCUMENT_NOUNS:
        return None
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if group is None or group.tag_ != "NNS":
        return None
    base = noun_base(group.lower_)
    if base in DOCUMENT_NOUNS or base.endswith("s") and base[:-1] in DOCUMENT_NOUNS:  # (short plurals: "ads")
        return group
    return None


class DocumentSources(SpeakerTurns):
    """The article's quote layout, names and turns, and who wrote the documents it mentions."""

    def document_author(self, tok: Token, before: bool = False) -> Speaker | None:
        """Who issued the document `tok` names: "X issued a statement ... The statement said"
        (`before`: only as an earlier mention tells, not "a GAO report" itself)."""
        lemma = noun_base(tok.lower_)
        for sent in sents_back(tok, 4):
            for t in sent:
                if t.i > tok.i - before or self.quoted[t.i] or noun_base(t.lower_) != lemma:
                    continue
                spk = self.issuer(t, t.i == tok.i)
                if spk is not None:
                    return spk
        return self.filer(tok)

    def filer(self, tok: Token) -> Speaker | None:
        """'the complaint' after 'X sued Y' (or 'Y was sued by X', 'X filed for bankruptcy'): the
        named party of the nearest filing, whose papers they are; None when it names no one."""
        if noun_base(tok.lower_) not in _FILINGS or not definite(tok):
            return None
        for sent in sents_back(tok, 3):
            for t in reversed(sent):
                if t.i >= tok.i or t.pos_ != "VERB" or t.lower_ not in _FILING_VERBS:
                    continue
                passive = any(c.dep_ == "nsubjpass" for c in t.children)
                who = _agent(t) if passive else next((c for c in t.children if c.dep_ == "nsubj"), None)
                if who is None or self.quoted[who.i] or self.names.by_token.get(who.i) is None:
                    return None  # no guess further back
                spk = self.names.resolve_phrase(who, "description")
                return spk.but(how="owner") if spk is not None else None
        return None

    def issuer(self, t: Token, unnamed: bool = False) -> Speaker | None:
        """Who issued the document mention `t`: the subject of its verb ("X issued a statement",
        "in a statement, X said") or its owner ("X's statement"); a named one, or a body, or
        (`unnamed`) anyone: "the mayor issued a statement that ..." is the mayor's."""
        head = t.head
        via_prep = t.dep_ == "pobj" and head.dep_ == "prep"
        if via_prep:
            head = head.head  # "in a statement, X said"
            if head.pos_ not in ("VERB", "AUX"):
                head = head.head
        if via_prep and not (self.is_cue(head) or head.lower_ in ISSUING_VERBS):
            head = t  # "X leads Y in the poll": X issued nothing
        if not via_prep and (t.dep_ not in ("dobj", "nsubj", "nsubjpass") or head.lower_ in JUDGING_VERBS):
            # "X issued a statement", "X runs the blog": the subject made or owns it; not "X called
            # the audit 'a hit job'" (X judges it) nor a heading word hung on a sentence about X
            head = t
        subj = self.subject_of(head) if head.pos_ in ("VERB", "AUX") else None
        owners = [subj] if subj is not None and subj.i != t.i else []
        owners += [
            c
            for c in t.children
            if c.dep_ == "poss" or c.dep_ == "compound" and (c.pos_ == "PROPN" or c.i in self.names.by_token)
        ]  # ("the party platform": a common noun before the document names no author)
        # "a complaint filed by X", "a report released by X": the agent of its participle, when
        # that tells who made it ("an email seen by this newspaper" is not the paper's)
        made = [c for c in t.children if c.dep_ == "acl" and (c.lower_ in ISSUING_VERBS or c.lower_ in _MAKING)]
        owners += [p for p in map(_agent, made) if p is not None]
        for o in owners:
            if self.quoted[o.i]:
                continue
            pron = PERSONAL_PRONOUNS.get(o.lower_)  # "she runs the blog": whom she is
            spk = (
                self.names.resolve_pronoun(o, pron, None, False)
                if pron
                else self.names.resolve_phrase(o, "description")
            )
            if spk is not None and (spk.how != "as-written" or spk.kind == "ORG" or unnamed):
                return spk.but(how="owner")
        return None

    def document_writer(self, tok: Token) -> Speaker | None:
        """'X wrote to colleagues on Friday. The letter says ...', 'The singer posted a message
        ... the post said': a definite letter, post or email whose author no earlier mention of
        it gives (the caller asks those first) is what the named subject of the nearest writing
        verb in the two sentences before it wrote (nobody, if that subject names no one)."""
        if noun_base(tok.lower_) not in _WRITTEN or not definite(tok) or any(c.dep_ == "poss" for c in tok.children):
            return None
        for sent in list(sents_back(tok, 3))[1:]:
            for t in reversed(sent):
                if t.pos_ != "VERB" or t.lower_ not in WRITE_VERBS or self.quoted[t.i]:
                    continue
                subj = self.subject_of(t)
                if subj is None or self.quoted[subj.i]:
                    return None
                spk = self.names.resolve_phrase(subj, "description")
                return spk.but(how="owner") if spk is not None and spk.how != "as-written" else None
        return None

    def earlier_document(self, tok: Token, cue: str) -> Speaker | None:
        """'the joint statement said' after 'a joint statement from the two agencies' (or 'X issued
        a statement' further back than `document_author` looks): the nearest earlier mention of the
        same document, read as its issuer, its author or as written when that is fuller."""
        t = self.names.earlier_mention(tok)
        if t is None:
            return None
        spk = self.issuer(t) or self.names.resolve_document(t, "description")
        if (
            spk is None
            or spk.kind == "DOC"
            and len(spk.name.split()) <= len(self.names.as_written(tok, cue).name.split())
        ):
            return None  # (no fuller than the mention itself)
        return spk.but(cue=cue) if spk.kind == "DOC" else spk

    def titled_message(self, q: RawQuote, a: int) -> Token | None:
        """'sent an email titled "..."', 'In one email, titled "...",', 'an email with the subject
        line "..."': the message whose title the quote gives (its words are its sender's)."""
        span = self.doc.char_span(a, q.open_mark, alignment_mode="expand")
        if span is None:
            return None
        words = [t for t in span if not t.is_punct and not t.is_space and t.idx < q.open_mark]
        if len(words) < 2:
            return None
        if words[-1].lower_ in TITLING_WORDS:
            noun = words[-2]
        elif [t.lower_ for t in words[-2:]] == ["subject", "line"] and len(words) >= 5:
            # "an email with the subject line": the noun before "with the"
            noun = words[-5] if words[-3].lower_ == "the" and words[-4].lower_ == "with" else words[-2]
        else:
            return None
        return noun if noun.lower_ in MESSAGE_NOUNS and not self.quoted[noun.i] else None
