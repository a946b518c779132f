"""Speaker attribution for detected quotes, from spaCy's parse of the article.

For each quoted string the rules below decide whether the text presents someone as saying or
writing the words (a quotation) or merely quotes a term, and who the speaker is. They are tried
in order within the quote's "window" (its sentence outside the marks, in its paragraph,
stepping over other quotes); the first that yields a speaker wins:

1. `verb-before` / `verb-after`: a speech verb the quote hangs from ("X said", "said X", "X
   told reporters", "X called it '...'", "according to X") gives its subject; a naming
   participle ("a print called '...'") is not speech.
2. `frame`: any other speech verb in the window, nearest first; a name right next to the verb
   when the parse missed the subject ("Said X: ...").
3. `colon`: "X made the following remark:", "this statement by X:" or a name standing alone
   ("Jane Roe:") right before the quote.
4. `before-sentence`: a quote standing alone after a sentence of its paragraph reporting X's
   speech, ending with a colon, or telling only X's stance ("X was more cautious."); or, for
   words in the first person that no turn claims, telling in the quote's paragraph what X, the
   one person it names, did.
5. `turn` (`turns.SpeakerTurns`): a quote standing alone continues the last speaker's turn
   from the same or the previous paragraph, unless someone else has been brought in since; so
   does a whole clause in a speechless sentence of the same paragraph with no subject of its own.
6. `subject`: a clause quoted inside a reporter's sentence goes to the sentence's named subject.
7. `headline`: a quote in a headline goes to the name the headline starts with.

A quote with no cue, no colon, no turn, that is no whole clause (a scare quote, a term, a
title) is a quoted term, not a quotation.

The subject phrase is then read as a name (`cue_speakers.CueSpeakers`, through `speakers.NameIndex`): a role beside a name gives
the name, a pronoun a recent person of fitting gender, a description the person the article
gives that role, a document its author (`document_sources`; itself as written when nobody is
named); phrases that cannot speak give nobody. Each speaker gets a confidence (`confidence.score`); the caller drops
speakers below the bar.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.model.analysis import confidence, sentence_before
from reader.model.analysis.cue_speakers import CueSpeakers
from reader.model.analysis.name_types import Speaker
from reader.model.analysis.quote_layout import RawQuote, dash_credit
from reader.model.analysis.quote_or_term import (
    cited_headline,
    cited_work,
    imperative_topic,
    launched_thing,
    modifies_noun,
    names_channel,
    naming,
    reports,
    said_of_subject,
    subject_keeps_turn,
    whole_clause,
)
from reader.model.analysis.results import Mention
from reader.model.analysis.speech_words import (
    ANSWERING_VERBS,
    BE_FORMS,
    BELIEF_VERBS,
    CONTENT_PREPOSITIONS,
    JUDGING_VERBS,
    TITLE_WORDS,
)
from reader.model.analysis.textview import TextView

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc, Token


# A sentence's end in running text: a full stop after a word of two lower-case letters or more or
# a closing mark, then a capital ("... final". Graham"; not "Mr. Graham", though "Sen. Roe" is
# told apart by the title words).
_SENTENCE_END = re.compile(r"(?:(\w*[a-z]{2})|[\"\u201d\u2019'])[.!?][\"\u201d\u2019']?\s+[A-Z]")


def _sentence_ends(text: str, lo: int, hi: int) -> list[int]:
    """Where the sentences after a sentence's end in text[lo:hi] start."""
    return [
        m.end() - 1
        for m in _SENTENCE_END.finditer(text, lo, hi)
        if m.group(1) is None or m.group(1).lower() + "." not in TITLE_WORDS
    ]


def _ends_sentence(text: str, lo: int, hi: int) -> bool:
    """A sentence ends somewhere in text[lo:hi]."""
    return bool(_sentence_ends(text, lo, hi))


def _last_sentence(text: str, lo: int, hi: int) -> int:
    """Where the last sentence of text[lo:hi] starts."""
    return max(_sentence_ends(text, lo, hi), default=lo)


# Dependency steps from a quoted complement up to the verb that frames it (`judged_complement`).
_COMPLEMENT_PATH = ("dobj", "attr", "acomp", "oprd", "xcomp", "ccomp", "conj", "appos", "pcomp", "prep", "pobj", "amod")


def _topic_of(q: RawQuote, toks: list[Token], verb: Token) -> bool:
    """The quote sits in what `verb` is about ("told reporters about the 'shadow' fleet"): its
    words reach the verb through "about", a topic, not what was said."""
    hi = (q.close_mark + 1) if q.close_mark is not None else q.end
    top = next((t for t in toks if not q.open_mark <= t.head.idx < hi), None)
    h = top
    for _ in range(4):
        if h is None or h.head.i == h.i or h.i == verb.i:
            return False
        if h.dep_ == "pobj" and h.head.lower_ == "about" and h.head.head.i == verb.i:
            return True
        h = h.head
    return False


def unowned_words(noun: Token) -> bool:
    """'summed up in three words: the "war on coal"': "words" nobody owns (no "her words", no
    "the words of X") are the writer's way of naming a phrase, not anyone's speech."""
    return noun.lower_ == "words" and not any(
        c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("of", "from", "by") for c in noun.children
    )


# Up to three words of a role before a name signing a quote ("Defence Secretary ", "Procurement chief ").
_ROLE_BEFORE = re.compile(r"(?:[A-Z][\w.-]*\s)(?:[\w.-]+\s){0,2}")


@dataclass(slots=True)
class Attribution:
    """What the rules found for one quoted string (view coordinates)."""

    speaker: Speaker | None
    said: bool  # the text presents the words as someone's (else: a quoted term)
    channel: tuple[int, int] | None = None  # "told Sky News", "in a statement"


class _Article(CueSpeakers):
    """Per-article state: the quote layout, name index, the last speaker seen and the quotations found."""

    def __init__(
        self, doc: Doc, view: TextView, raw: Sequence[RawQuote], mentions: list[Mention], segs: list[tuple[int, int]]
    ):
        super().__init__(doc, view, raw, mentions, segs)
        self.said_at: dict[int, Attribution] = {}  # open mark -> the quotation found there
        self.verdicts: set[int] = set()  # open marks of verdicts read after a stance (`predicate_after_stance`)

    # ----- from cue to speaker --------------------------------------------------------------

    def attribute_one(self, q: RawQuote) -> Attribution:
        toks = self.quote_tokens(q)
        a, b = self.window(q)
        said = False
        if cited_headline(q, self.window_tokens(a, b)):
            return Attribution(None, False, None)
        signed = dash_credit(self.text, q)
        name = next((n for n in self.names.names if n.start == signed and n.kind == "PERSON"), None)
        if name is None and signed is not None:
            # "— Defence Secretary Lynn Ashe": a role of a few capitalised words before the name
            name = next(
                (
                    n
                    for n in self.names.names
                    if n.kind == "PERSON" and signed < n.start and _ROLE_BEFORE.fullmatch(self.text, signed, n.start)
                ),
                None,
            )
        if name is not None:
            return Attribution(self.names.speaker(name, "dash"), True, None)
        message = self.titled_message(q, a)
        if message is not None:
            # its sender: the subject of the verb the message hangs on ("X sent an email titled",
            # "In one email, titled '...', X told"), else its owner ("X's memo, titled")
            head = message.head.head if message.dep_ == "pobj" else message.head
            subj = self.subject_of(head) if head.pos_ in ("VERB", "AUX") and a <= head.idx else None
            spk = self.speaker_of(subj, "verb-before", head, q) if subj is not None else self.noun_speaker(message, q)
            if spk is not None:
                return Attribution(spk, True, None)
        verb = self.governing_verb(q, toks, a, b)
        listed = self.list_subject(q)
        if listed is not None and not (verb is not None and self.named_subject(verb)):
            return Attribution(listed, True, None)
        if verb is not None and imperative_topic(q, toks, verb):
            return Attribution(None, False, None)  # "Ask any teacher about 'learning loss'": the reader's
        if verb is not None and names_channel(q, toks, verb):
            return Attribution(None, False, None)  # "said on 'Meet the Press'": a title
        if verb is not None and launched_thing(q, toks, verb):
            return Attribution(None, False, None)  # "announced a new 'efficiency programme'": a name
        if verb is not None and self.aside_noun(verb) and not unowned_words(verb):
            said = True
            spk = self.noun_speaker(verb, q)
            if spk is not None:
                return Attribution(spk, True, self.channel(None, a, b))
            if verb.dep_ == "dobj" and verb.head.lower_ in ANSWERING_VERBS and not self.put_as(toks, verb):
                # "X denied accusations of 'cronyism'": the accusers' word, and they go unnamed
                return Attribution(None, True, None)
        if verb is not None and self.is_cue(verb) and modifies_noun(self, q, toks) and _topic_of(q, toks, verb):
            return Attribution(None, False, None)  # "tells Wikinews about 'self-medicating' ants": a term
        if verb is not None and self.is_cue(verb) and not naming(verb):
            said = True
            cue = "verb-before" if verb.idx < q.start else "verb-after"
            spk = self.speaker_from_verb(verb, cue, a, b, q)
            if spk is not None or self.had_subject:
                # a subject that names nobody ("31 percent said", "the rest of it said"): unknown
                return Attribution(spk, True, self.channel(verb, a, b))
        clause = whole_clause(q, toks)
        for v in self.frame_verbs(q, toks, a, b):
            if verb is not None and v.i == verb.i:
                continue
            if (
                v.idx < q.open_mark
                and self.text[: q.open_mark].rstrip().endswith(":")
                and _ends_sentence(self.text, v.idx, q.open_mark)
            ):
                continue  # 'A source said it was "fair". Graham hit back: "..."': the colon's clause speaks
            if not clause and not reports(v, toks) and not self.trailing_attribution(q, v):
                continue  # "as far as I can tell, it is 'free as in beer'": not what was told
            said = True
            spk = self.speaker_from_verb(v, "frame", a, b, q)
            if spk is not None:
                return Attribution(spk, True, self.channel(v, a, b))
        words = [t for t in self.window_tokens(a, b) if not t.is_punct and not t.is_space]
        if self.text[: q.open_mark].rstrip().endswith(":") and words:
            said = True
            lead = _last_sentence(self.text, a, q.open_mark)  # (the parse may run two sentences together)
            own = [t for t in words if t.idx >= lead] or words
            spk = (
                sentence_before.owned_speech(self, own, q) or self.clause_subject(own, "colon", q) or self.label(own, q)
            )
            if spk is not None:
                return Attribution(spk, True, self.channel(None, a, b))
        if not words:
            spk = sentence_before.previous_sentence(self, q)
            if spk is not None:
                return Attribution(spk, True, None)
            return Attribution(self.named_next(q) or self.verdict_after(q) or self.turn(q), True, None)
        if not said:
            got = self.judged_complement(q, toks, a, b)
            if got is not None:
                return got
        clause = clause and not cited_work(q, words) and not modifies_noun(self, q, toks)
        judge = said_of_subject(self, self.names, q, toks)
        said = said or clause or judge is not None
        if not said:
            spk = sentence_before.predicate_after_stance(self, q, toks)
            if spk is not None:
                self.verdicts.add(q.open_mark)
            spk = spk or self.verdict_goes_on(q, toks)
            return Attribution(spk, spk is not None, None)
        if judge is not None and judge.head.lower_ in BE_FORMS:
            other = self.account_goes_on(q, judge)
            if other is not None:
                return Attribution(other, True, None)
        # the subject of the quote's own sentence(s), not of one after it ("... 'Y.' Z denied it.")
        own = [t for t in words if t.sent.start_char <= q.end and t.sent.end_char > q.open_mark]
        spk = self.clause_subject(own, "subject", q, named_only=True)
        if spk is None and judge is not None and judge.pos_ == "NOUN":
            spk = self.speaker_of(judge, "subject", judge.head, q)  # "the governor", "the governor, X,"
        if spk is not None:
            return Attribution(spk, True, self.channel(None, a, b))
        if (
            self.last is not None
            and self.para_start(self.last_pos) == self.para_start(q.start)
            and subject_keeps_turn(self, own, q, self.last.kind)
        ):
            # "It's 'closer to violence'" after X's quote in the same paragraph: X's turn goes on
            return Attribution(self.last.but(cue="turn", how="turn"), True, None)
        return Attribution(self.verdict_goes_on(q, toks), True, None)

    def account_goes_on(self, q: RawQuote, subj: Token) -> Speaker | None:
        """'X told the court her client had made "a mistake." Ryan Ford was "deeply ashamed."': a
        named person described in marks with "be", right after another person's words or stance in
        the paragraph, is described in that person's account, not quoting themselves."""
        spk = self.speaker_of(subj, "subject", subj.head, q)
        if spk is None or spk.kind != "PERSON":
            return None
        other: Speaker | None
        if self.last is not None and self.para_start(self.last_pos) == self.para_start(q.open_mark):
            other = self.last.but(cue="turn", how="turn")
        else:
            other = sentence_before.stance_before(self, q, subj)
        return other if other is not None and other.name != spk.name else None

    def verdict_goes_on(self, q: RawQuote, toks: list[Token]) -> Speaker | None:
        """'The defending was "shambolic" and the finishing "not good enough."' after a sentence
        giving X's verdict: a later quote in the sentence of a verdict taken as X's (no speech
        cue of its own, nobody else named between) goes on with it."""
        if not toks:
            return None
        sent = toks[0].sent
        prev = max((m for m in self.said_at if sent.start_char <= m < q.open_mark), default=-1)
        got = self.said_at[prev].speaker if prev in self.verdicts else None
        if got is None:
            return None
        if any(n.kind == "PERSON" and prev < n.start < q.open_mark for n in self.names.names):
            return None
        self.verdicts.add(q.open_mark)  # (a third goes on in turn)
        return got

    def named_subject(self, verb: Token) -> bool:
        """The speech verb has a subject of its own that is a name ('... as Ann Roe put it')."""
        subj = self.subject_of(verb)
        return subj is not None and subj.i in self.names.by_token and subj.i > verb.sent.start

    @staticmethod
    def put_as(toks: list[Token], top: Token) -> bool:
        """The quote reaches `top` through "as" ('dismissed the criticism as "..."'): what the
        subject calls the thing, not the thing's own words."""
        for t in toks:
            h = t
            for _ in range(8):
                if h.i == top.i or h.head.i == h.i:
                    break
                if h.lower_ == "as":
                    return True
                h = h.head
        return False

    def trailing_attribution(self, q: RawQuote, verb: Token) -> bool:
        """'"How many?" Mr. X asked.', '"About time," Sen. Jo Roe told reporters.': a quote standing
        at the start of its sentence, its words closed by a comma, question or exclamation mark,
        then at once the attribution: a short subject and the speech verb, or the verb and its
        subject. However short, the words are the speaker's (the parse may make them a sentence
        of their own, or hang them nowhere)."""
        if q.close_mark is None or verb.idx <= q.close_mark:
            return False
        if self.text[q.start : q.end].rstrip("'\u2019 ")[-1:] not in (",", "?", "!"):
            return False
        lo, _ = self.para_of(q.open_mark)
        before = self.text[lo : q.open_mark].rstrip()
        if before and before[-1] not in '.?!:"\u201d':
            return False  # inside the writer's sentence ("dubbed 'Fly Green,' the company said")
        stretch = self.doc.char_span(q.close_mark + 1, verb.idx, alignment_mode="expand")
        if stretch is None or len(stretch) > 8:
            return False
        return not any(t.pos_ in ("VERB", "AUX") or self.quoted[t.i] for t in stretch if t.i != verb.i)

    def judged_complement(self, q: RawQuote, toks: list[Token], a: int, b: int) -> Attribution | None:
        """A short quote that completes what a named person or body says, calls, rates, praises
        or denounces: 'rated the claim as "false"', 'lauded her for helping develop "new ideas"',
        'ruled that the statement is "true"', 'named him its "honorary chairman"'; or that is
        joined to such a quotation ('as "faulty" and reliant on "flawed data"': the same words').
        The quote is reached from the verb through its object, complement, an "as" phrase, a
        clause it reports or a conjunct, never through a subject, a relative clause or a noun the
        quote modifies (`"X" businesses`, a term). The verb must have a subject that names
        someone: a quoted string with no speaking agent stays a term."""
        lo, hi = q.open_mark, (q.close_mark + 1) if q.close_mark is not None else q.end
        h = next((t for t in toks if not lo <= t.head.idx < hi), None)
        if h is None or h.dep_ in ("compound", "nmod", "poss") or h.dep_ == "amod" and h.head.pos_ != "ADP":
            return None  # the quote modifies a noun: a name or a term
        preps: list[Token] = []  # "over his 'plan'": only "as" makes a prepositional phrase a label
        for _ in range(6):
            dep, head = h.dep_, h.head
            if head.i == h.i or dep not in _COMPLEMENT_PATH:
                return None
            if dep in ("pobj", "amod") and head.lower_ != "as":
                preps.append(head)
            h = head
            span = self.in_quote(h.idx)
            if span is not None and span[0] != q.open_mark:
                prev = self.said_at.get(span[0])
                if prev is not None and dep == "conj":
                    spk = prev.speaker
                    return Attribution(spk.but(cue="subject") if spk is not None else None, True, prev.channel)
                if prev is None:
                    continue  # through a quoted term joined to this one ('"false" or "pants on fire"')
                return None
            if not a <= h.idx < b:
                return None
            if (
                all(self.content_preposition(p, h) for p in preps)
                and h.pos_ in ("VERB", "AUX")
                and (h.lower_ in JUDGING_VERBS or h.lower_ in BELIEF_VERBS or self.is_cue(h))
                and not naming(h)
            ):
                if self.quoted[h.i]:
                    return None
                if h.lower_ in BELIEF_VERBS and not (h.lower_ in JUDGING_VERBS or self.is_cue(h)):
                    holder = self.subject_of(h)
                    if holder is None or holder.lower_ in ("it", "this", "that", "there", "one", "you"):
                        return None  # "it is hard to see the 'reform' as ...": nobody's belief
                cue = "verb-before" if h.idx < q.start else "verb-after"
                spk = self.speaker_from_verb(h, cue, a, b, q)
                if spk is None or spk.kind not in ("PERSON", "ORG"):
                    return None
                return Attribution(spk, True, self.channel(h, a, b))
        return None

    @staticmethod
    def content_preposition(prep: Token, verb: Token) -> bool:
        """'blamed the crash on "driver fatigue"', 'blamed police shootings on "bias"' (the parse
        may hang the preposition on the object): a preposition by which `verb` takes its words."""
        if prep.lower_ not in CONTENT_PREPOSITIONS.get(verb.lower_, ()):
            return False
        return prep.head.i == verb.i or prep.head.dep_ == "dobj" and prep.head.head.i == verb.i

    def headline_speaker(self, q: RawQuote) -> Speaker | None:
        """`Russia 'Doing Everything' To End Fighting`: the name heading the headline."""
        lo, _ = self.para_of(q.open_mark)
        before = [n for n in self.names.names if lo <= n.start < q.open_mark]
        if before and not self.text[lo : before[0].start].strip():
            return self.names.speaker(before[0], "headline")  # the headline's subject
        return None

    def label(self, words: list[Token], q: RawQuote) -> Speaker | None:
        """'Jane Roe: "..."', 'Prime Minister Jane Roe: "..."': a person or body's name standing
        alone before the colon (a role before it at most) labels the words as theirs."""
        words = [t for t in words if t.idx < q.open_mark]
        if not words:
            return None
        last = self.names.by_token.get(words[-1].i)
        if last is None or last.kind not in ("PERSON", "ORG") or words[-1].i != last.tok:
            return None
        if all(
            not self.quoted[t.i] and (t.i >= last.first_tok or t.pos_ in ("PROPN", "NOUN", "ADJ", "DET")) for t in words
        ):
            return self.names.speaker(last, "colon")
        return None


def attribute(
    doc: Doc, view: TextView, raw: Sequence[RawQuote], mentions: list[Mention], segs: list[tuple[int, int]]
) -> list[Attribution]:
    """An Attribution for each raw quote, in order; `segs` are the view's paragraphs. Speakers
    carry a confidence; those below `confidence.THRESHOLD` are dropped (speaker unknown)."""
    art = _Article(doc, view, raw, mentions, segs)
    out: list[Attribution] = []
    for q in raw:
        art.had_subject = False
        if q.headline:
            found = Attribution(art.headline_speaker(q), True)
        else:
            found = art.attribute_one(q)
        if found.said:
            art.said_at[q.open_mark] = found
        spk = found.speaker
        if spk is None and found.said and art.had_subject:
            # '"...," he said' with "he" unsettled: someone spoke whom the text does not settle,
            # and a quote standing alone after it is theirs, not the earlier speaker's
            art.last = None
        if spk is not None:
            last_conf = art.last.confidence if art.last is not None else 1.0
            spk = spk.but(confidence=confidence.score(spk, art, q, last_conf))
            found.speaker = spk
            art.keep_turn(spk, q)
            if spk.confidence < confidence.THRESHOLD:
                found.speaker = None
        out.append(found)
    return out
