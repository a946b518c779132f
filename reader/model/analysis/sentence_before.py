"""A quote standing alone, read against the sentences before it: "X said:" or a sentence
reporting X's speech, X's stance ("X was blunt."), what X alone did before words in the first
person, and a verdict in marks right after a stance ("The proposal was "dead on arrival."")."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from reader.model.analysis.quote_or_term import naming, stance_subject
from reader.model.analysis.speech_words import BE_FORMS

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Token

    from reader.model.analysis.cue_speakers import CueSpeakers
    from reader.model.analysis.name_types import Speaker
    from reader.model.analysis.quote_layout import RawQuote

_FIRST_PERSON = frozenset(("i", "me", "my", "we", "us", "our"))


def predicate_after_stance(art: CueSpeakers, q: RawQuote, toks: list[Token]) -> Speaker | None:
    """'Ms. Lane was blunt. The proposal was "dead on arrival."': a quote that is the whole
    complement of "be" in a sentence about a thing, right after a sentence of its paragraph
    that tells a named person's stance or speech (`stance_subject`), is that person's verdict.
    ('The economy is "fine".' with no such sentence before stays a scare quote.)"""
    hi = (q.close_mark + 1) if q.close_mark is not None else q.end
    top = next((t for t in toks if not q.open_mark <= t.head.idx < hi or t.head.i == t.i), None)
    if top is None:
        return None
    if _passive_predicate(top):
        verb = top  # 'The system was "rigged."': the parse's passive, a verdict all the same
    elif top.dep_ in ("attr", "acomp") and top.head.lower_ in BE_FORMS:
        verb = top.head
    else:
        return None
    if verb.dep_ != "ROOT" or any(
        t.i < top.i and t.lower_ in ("not", "n't") and not art.quoted[t.i] for t in verb.children
    ):
        return None
    # (the nearest: "His answer: the decision was ..." may give the verb two)
    subj = max(
        (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < top.i), default=None, key=lambda c: c.i
    )
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") or art.quoted[subj.i]:
        return None
    name = art.names.by_token.get(subj.i)
    if name is not None and name.kind == "PERSON":
        return None  # ('Trump was "furious"': said of a person, perhaps in their own words)
    return stance_before(art, q, subj)


def stance_before(art: CueSpeakers, q: RawQuote, subj: Token) -> Speaker | None:
    """The named person whose stance or speech the sentence right before the quote's tells, in
    its paragraph (`stance_subject`), when the quote's sentence opens on its subject `subj`."""
    sent = subj.sent
    lo, _ = art.para_of(q.open_mark)
    start = subj.left_edge.i
    root = None
    if start > sent.start and art.doc[start - 1].text == ":":
        # 'Senator X was unequivocal: the bill was "dead."': the clause before the colon
        words = [t for t in art.doc[sent.start : start - 1] if t.idx >= lo]
        if words and not any(t.pos_ in ("VERB", "AUX") for t in words):
            return owned_speech(art, words, q)  # "His answer: the decision was 'a joke.'"
        root = next((t for t in words if not words[0].i <= t.head.i <= words[-1].i), None)
        if root is None:
            return None
    elif sent.start == 0 or sent.start_char <= lo or start != sent.start:
        return None  # (a sentence opening on its own frame, "In other words, ...", is the writer's)
    else:
        words = [t for t in art.doc[sent.start - 1].sent if t.idx >= lo]
    if not words or any(art.quoted[t.i] for t in words):
        return None
    who = stance_subject(art, art.names, words, root=root)
    return art.speaker_of(who, "before-sentence", who.head, q) if who is not None else None


def _passive_predicate(top: Token) -> bool:
    """'was "rigged"', 'were "broken"', 'was "not happening"': a participle in the marks that the
    parse made the root of a passive or progressive with "be" and no agent or object; as a
    verdict it reads like 'was "shambolic"'."""
    return (
        top.tag_ in ("VBN", "VBG")
        and top.dep_ == "ROOT"
        and any(c.dep_ in ("auxpass", "aux") and c.lower_ in BE_FORMS for c in top.children)
        and not any(c.dep_ in ("agent", "dobj", "ccomp", "xcomp") and c.i > top.i for c in top.children)
    )


def previous_sentence(art: CueSpeakers, q: RawQuote) -> Speaker | None:
    """A quote standing alone after "X said:" or after a sentence reporting X's speech: the
    sentences of its paragraph before it, nearest first, else the last sentence of the
    previous paragraph."""
    j = q.open_mark
    lo, _ = art.para_of(j)
    if art.text[lo:j].strip():
        end = j  # other sentences come first in this paragraph
        floor = lo
    else:
        k = bisect_right(art.seg_starts, j) - 1
        if k < 1:
            return None
        end = art.segs[k - 1][1]
        floor = art.segs[k - 1][0]
    first = True
    for _ in range(3):
        while end > floor and art.text[end - 1].isspace():
            end -= 1
        span = art.doc.char_span(max(0, end - 1), end, alignment_mode="expand")
        if end <= floor or span is None or len(span) == 0:
            return None
        sent = span[-1].sent
        # (a sentence the parse ran over a paragraph break starts at it)
        toks = [t for t in sent if floor <= t.idx < end and not art.quoted[t.i]]
        colon = art.text[:end].rstrip().endswith(":")
        if not toks or (not colon and any(art.quoted[t.i] for t in sent if floor <= t.idx < end)):
            return None  # a sentence with its own quote: the turn rule decides
        for v in toks:
            if art.is_cue(v) and not naming(v):
                spk = art.speaker_from_verb(v, "before-sentence", toks[0].idx, end, q)
                if spk is not None:
                    return spk
            elif art.speech_noun(v) and v.dep_ in ("dobj", "pobj"):
                spk = art.noun_speaker(v, q)  # "X issued a statement on Y." then the quote
                if spk is not None:
                    return spk.but(cue="before-sentence")
        if colon:
            return owned_speech(art, toks, q) or art.clause_subject([t for t in toks if not t.is_punct], "colon", q)
        if first:
            subj = stance_subject(art, art.names, toks)  # only the sentence right before the quote
            if subj is None and floor == lo and own_words(art, q) and art.turn(q) is None:
                # 'Mayor X toured the damage. "We have never seen ..."': words in the first person
                # after a sentence of one person's doing, in its paragraph, are theirs (a paragraph
                # of their own may be anyone's)
                subj = stance_subject(art, art.names, toks, acts=True)
            if subj is not None:
                return art.speaker_of(subj, "before-sentence", subj.head, q)
        first = False
        end = sent.start_char
        if end <= floor:
            return None
    return None


def own_words(art: CueSpeakers, q: RawQuote) -> bool:
    """The quote speaks in the first person ("I", "we", "our"): someone's own words."""
    toks = art.quote_tokens(q)
    return any(t.lower_ in _FIRST_PERSON for t in toks)


def owned_speech(art: CueSpeakers, words: list[Token], q: RawQuote) -> Speaker | None:
    """'... how the site rated this statement by X:' or 'X's reply was short:' before the
    quote: the words are whoever's statement the colon introduces."""
    for v in words:
        if art.speech_noun(v) and v.dep_ in ("dobj", "pobj", "nsubj", "attr"):
            spk = art.noun_speaker(v, q)
            if spk is not None:
                return spk.but(cue="colon")
    return None
