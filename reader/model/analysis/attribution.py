"""Speaker attribution for detected quotes, from spaCy's parse of the article.

For each quoted string the rules below decide two things: whether the text presents someone as
saying or writing the words (a quotation) or merely quotes a term, and who the speaker is.
They are tried in order, all within the quote's "window" (its sentence outside the marks, in its
paragraph, stepping over other quotes); the first that yields a speaker wins:

1. `verb-before` / `verb-after`: a speech verb the quote hangs from in the parse ("X said",
   "said X", "X told reporters", "X called it '...'", "according to X") gives its subject.
   A naming participle ("a print called '...'", "was dubbed '...'") is not speech.
2. `frame`: any other speech verb in the window, nearest first; a name right next to the verb
   when the parse missed the subject ("Said X: ...").
3. `colon`: "X made the following remark:" right before the quote.
4. `before-sentence`: a quote standing alone after a sentence of its paragraph reporting X's
   speech, or ending with a colon (also across a paragraph break).
5. `turn`: a quote standing alone continues the last speaker's turn from the same or the
   previous paragraph, unless someone else has been brought in since; so does a whole clause
   in a speechless sentence of the same paragraph.
6. `subject`: a clause quoted inside a reporter's sentence goes to the sentence's named subject.
7. `headline`: a quote in a headline goes to the name the headline starts with.

A quote with no cue, no colon, no turn, that is no whole clause (a short phrase in a sentence
about something else: a scare quote, a term, a title) is a quoted term, not a quotation.

The subject phrase is then read as a name (`speakers.NameIndex`): a role beside a name gives
the name, a pronoun a recent person of fitting gender, a description the person the article
gives that role, a document its author; phrases that cannot speak give nobody. Each speaker
gets a confidence (`confidence.score`); the caller drops speakers below the bar.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.model.analysis import confidence
from reader.model.analysis.results import Mention
from reader.model.analysis.speakers import NameIndex, Speaker, sents_back
from reader.model.analysis.speech_words import (
    DOCUMENT_NOUNS,
    GROUP_PRONOUNS,
    JUDGING_VERBS,
    MEDIA_WORDS,
    NAMING_VERBS,
    NOUN_CUES,
    PERSONAL_PRONOUNS,
    SPEECH_NOUNS,
    WRITE_VERBS,
    is_speech_verb,
    noun_base,
)
from reader.model.analysis.textview import TextView

_CLOSERS = "\"\u201d\u2019'\u00bb)"
_ABBREV = frozenset(
    """mr mrs ms dr st jr sr rep sen gov gen lt col sgt capt adm rev prof no vs
jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd mt ft""".split()
)

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc, Token


_SUBJ = ("nsubj", "nsubjpass", "csubj")
# Dependency relations through which a verb without a subject borrows its head's subject.
_BORROW = ("conj", "xcomp", "advcl", "ccomp", "acl", "relcl", "pcomp", "prep", "dep", "parataxis")
_CHANNEL_PREPS = ("in", "on", "at", "during", "via", "through", "over")
_TELL = frozenset({"told", "tell", "tells", "telling"})
_FINITE = ("VBD", "VBP", "VBZ", "MD")
# Dependency steps from a quoted complement up to the verb that frames it (`judged_complement`).
_COMPLEMENT_PATH = ("dobj", "attr", "acomp", "oprd", "xcomp", "ccomp", "conj", "appos", "pcomp", "prep", "pobj", "amod")


@dataclass(slots=True)
class Attribution:
    """What the rules found for one quoted string (view coordinates)."""

    speaker: Speaker | None
    said: bool  # the text presents the words as someone's (else: a quoted term)
    channel: tuple[int, int] | None = None  # "told Sky News", "in a statement"


@dataclass(slots=True)
class RawQuote:
    """A quote in view coordinates: text[start:end] is the inside of the marks, trimmed."""

    start: int
    end: int
    open_mark: int  # index of the opening mark
    close_mark: int | None  # index of the closing mark; None when it was missing
    headline: bool = False


class _Article:
    """Per-article state: the parse, quote masks, name index and the last speaker seen."""

    def __init__(
        self, doc: Doc, view: TextView, raw: Sequence[RawQuote], mentions: list[Mention], segs: list[tuple[int, int]]
    ):
        self.doc = doc
        self.view = view
        self.text = view.text
        self.raw = raw
        self.quoted = bytearray(len(doc))  # 1 when the token lies inside any quote (marks too)
        spans = [(q.open_mark, (q.close_mark + 1) if q.close_mark is not None else q.end) for q in raw]
        k = 0
        spans.sort()
        for t in doc:
            while k < len(spans) and spans[k][1] <= t.idx:
                k += 1
            if k < len(spans) and spans[k][0] <= t.idx < spans[k][1]:
                self.quoted[t.i] = 1
        self.qspans = sorted(spans)
        self.qstarts = [a for a, _ in self.qspans]
        self.segs = segs
        self.seg_starts = [a for a, _ in segs]
        self.names = NameIndex(doc, view, mentions, self.quoted)
        self.last: Speaker | None = None
        self.last_pos = -1  # open mark of the last attributed quote
        self.last_end = -1  # and the end of its marks
        self.had_subject = False  # set by speaker_from_verb: the verb had a subject in the window
        self.said_at: dict[int, Attribution] = {}  # open mark -> the quotation found there

    # ----- where quotes are -------------------------------------------------------------

    def quote_tokens(self, q: RawQuote) -> list[Token]:
        span = self.doc.char_span(q.start, q.end, alignment_mode="expand")
        return list(span) if span is not None else []

    def para_of(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.seg_starts, i) - 1
        return self.segs[max(k, 0)] if self.segs else (0, len(self.text))

    def para_start(self, i: int) -> int:
        return self.para_of(i)[0]

    def in_quote(self, i: int) -> tuple[int, int] | None:
        k = bisect_right(self.qstarts, i) - 1
        if k >= 0 and self.qspans[k][0] <= i < self.qspans[k][1]:
            return self.qspans[k]
        return None

    def _stop(self, i: int) -> bool:
        """True when text[i] ends a sentence (not an abbreviation or initial)."""
        t = self.text
        if t[i] not in ".!?":
            return False
        if i + 1 < len(t) and not (t[i + 1].isspace() or t[i + 1] in _CLOSERS):
            return False
        if t[i] == ".":
            j = i
            while j > 0 and t[j - 1].isalpha() or (j > 0 and t[j - 1] == "."):
                j -= 1
            word = t[j:i]
            if len(word.replace(".", "")) <= 1 or word.lower() in _ABBREV or "." in word:
                return False
        return True

    def window(self, q: RawQuote) -> tuple[int, int]:
        """Characters of the reporter's sentence around the quote: back to the previous sentence
        end and on to the next one, within the paragraph, stepping over other quotes."""
        lo, _ = self.para_of(q.open_mark)
        _, hi = self.para_of(q.end)
        a = q.open_mark
        while a > lo:
            span = self.in_quote(a - 1)
            if span is not None:
                if span[0] != q.open_mark and self.text[span[0] + 1 : span[1] - 1].rstrip()[-1:] in (".", "?", "!"):
                    break  # an earlier quote that ended its sentence
                a = span[0]
                continue
            if self._stop(a - 1):
                break
            a -= 1
        end = (q.close_mark + 1) if q.close_mark is not None else q.end
        b = end
        inner = self.text[q.start : q.end].rstrip("'\u2019\u2018 ")
        if inner[-1:] in (".", "?", "!"):
            nxt = self.text[b : b + 3].lstrip()
            if not nxt[:1].islower() and not (inner[-1:] in "?!" and self._attribution_follows(b, hi)):
                return a, end  # the quote ended its sentence
        while b < hi:
            span = self.in_quote(b)
            if span is not None and span[0] >= end:
                b = span[1]
                continue
            if self._stop(b):
                b += 1
                break
            b += 1
        return a, b

    def _attribution_follows(self, b: int, hi: int) -> bool:
        """'"Is it fair?" Jane Roe, an adviser, asked.': after a question or an exclamation the
        sentence may go on with its attribution, a speech verb before the next stop or quote."""
        i = b
        while i < hi and not self._stop(i) and self.in_quote(i) is None:
            i += 1
        return any(is_speech_verb(w.strip(",;:")) for w in self.text[b:i].split()[:16])

    # ----- finding the cue ----------------------------------------------------------------

    def governing_verb(self, q: RawQuote, toks: list[Token], a: int, b: int) -> Token | None:
        """A speech verb (or 'according') in the window that the quote hangs from in the parse."""
        lo, hi = q.open_mark, (q.close_mark + 1) if q.close_mark is not None else q.end
        seen = set()
        for t in toks:
            h = t
            while lo <= h.idx < hi and h.head.i != h.i:
                h = h.head
            if lo <= h.idx < hi or h.i in seen:
                continue
            seen.add(h.i)
            for _ in range(4):
                if not a <= h.idx < b:
                    break
                if self.is_cue(h) or self.speech_noun(h):
                    return h
                if h.head.i == h.i:
                    break
                h = h.head
        return None

    def is_cue(self, t: Token) -> bool:
        if self.quoted[t.i]:
            return False
        if t.lower_ == "according":
            return True
        return (
            t.pos_ in ("VERB", "AUX", "NOUN", "PROPN")
            and is_speech_verb(t.lower_)
            and (t.pos_ in ("VERB", "AUX") or t.dep_ in ("compound", "ROOT", "amod"))
        )

    def speech_noun(self, t: Token) -> bool:
        """'Trump's claim that ...', 'a statement calling it ...': a noun for something said."""
        return t.pos_ == "NOUN" and not self.quoted[t.i] and noun_base(t.lower_) in SPEECH_NOUNS

    def noun_speaker(self, noun: Token, q: RawQuote) -> Speaker | None:
        """Whose claim or statement: its possessor, 'from/by X', else who made or issued it."""
        for c in noun.children:
            if c.dep_ == "poss" and not self.quoted[c.i]:
                return self.speaker_of(c, "noun", None, q)
            if c.dep_ == "prep" and c.lower_ in ("from", "by"):
                p = next((p for p in c.children if p.dep_ == "pobj"), None)
                if p is not None and not self.quoted[p.i]:
                    return self.speaker_of(p, "noun", None, q)
        if noun.dep_ in ("dobj", "attr", "pobj") and noun.head.pos_ in ("VERB", "AUX"):
            subj = self.subject_of(noun.head)
            if subj is not None:
                return self.speaker_of(subj, "noun", noun.head, q)
        return None

    @staticmethod
    def naming(verb: Token) -> bool:
        """'a print called "X"', 'was dubbed "X"', 'known as "X"': the quote names something."""
        if verb.lower_ not in NAMING_VERBS or any(c.dep_ == "prep" and c.lower_ != "as" for c in verb.children):
            return False  # "calling for 'X'" asks for something
        if verb.dep_ in ("acl", "amod") or verb.lower_ == "known":
            return True
        return verb.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in verb.children)

    def window_tokens(self, a: int, b: int) -> list[Token]:
        span = self.doc.char_span(a, b, alignment_mode="expand")
        return [t for t in span if not self.quoted[t.i]] if span is not None else []

    def frame_verbs(self, q: RawQuote, toks: list[Token], a: int, b: int) -> list[Token]:
        """Speech verbs outside quotes in the window, nearest the quote first."""
        cands = [t for t in self.window_tokens(a, b) if self.is_cue(t) and not self.naming(t)]
        return sorted(cands, key=lambda t: min(abs(t.idx - q.open_mark), abs(t.idx - q.end)))

    # ----- from cue to speaker --------------------------------------------------------------

    def _part_in(self, tok: Token, para: tuple[int, int]) -> Token | None:
        """The part of `tok`'s phrase inside paragraph `para`, by its head-most word: the body's
        real subject when the parse hung it under a headline or section heading word."""
        for t in tok.subtree:
            if self.para_of(t.idx) == para and not self.quoted[t.i] and t.pos_ in ("PROPN", "NOUN", "PRON"):
                if self.para_of(t.head.idx) != para:
                    return t
        return None

    def subject_of(self, verb: Token, depth: int = 0) -> Token | None:
        if verb.lower_ == "according":
            for c in verb.children:
                if c.lower_ == "to":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.owner_of_cue_noun(p)
            return None
        if depth > 0 and verb.dep_ == "ccomp" and self.is_cue(verb.head):
            # "X told Y that the news was 'bad' before noting ...": a verb the parse hung on the
            # reported clause speaks for the reporter, not for that clause's subject
            return self.subject_of(verb.head, depth + 1)
        # nearest first: a parse run across a paragraph break may give the verb two subjects
        para = self.para_of(verb.idx)
        for c in sorted(verb.children, key=lambda c: abs(c.i - verb.i)):
            if c.dep_ in _SUBJ and not self.quoted[c.i]:
                if self.para_of(c.idx) != para:  # a headline with no full stop parsed into the body
                    part = self._part_in(c, para)
                    if part is None:
                        continue
                    c = part
                if c.dep_ == "nsubjpass":
                    for a in verb.children:
                        if a.dep_ == "agent":
                            for p in a.children:
                                if p.dep_ == "pobj":
                                    return p
                if c.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    return verb.head
                return c
        if verb.pos_ in ("NOUN", "PROPN"):
            # "The Department of Agriculture notes, '...'" parsed as one noun phrase
            for c in verb.children:
                if c.dep_ in ("nmod", "compound") and c.i < verb.i and not self.quoted[c.i]:
                    return c
        if depth < 3 and verb.dep_ in _BORROW and verb.head.i != verb.i:
            return self.subject_of(verb.head, depth + 1)
        return None

    def owner_of_cue_noun(self, t: Token) -> Token:
        """'a statement from the campaign' -> campaign; 'an interview' stays as it is."""
        if noun_base(t.lower_) in NOUN_CUES:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return p
                if c.dep_ == "poss":
                    return c
        return t

    def recent_turn(self, q: RawQuote) -> bool:
        """The last speaker's quote is in this paragraph or the one before (photo captions between
        them do not count: "... Image: NASA." interrupts no one)."""
        if self.last is None:
            return False
        k = bisect_right(self.seg_starts, q.open_mark) - 2
        while k >= 1 and self.is_caption(self.segs[k][0]):
            k -= 1
        return self.para_start(self.last_pos) >= (self.segs[k][0] if k >= 0 else 0)

    def is_caption(self, i: int) -> bool:
        """The paragraph holding view offset i ends in a photo credit."""
        a, b = self.para_of(i)
        return _CREDIT_LINE.search(self.text[a:b]) is not None

    def speaker_of(self, tok: Token | None, cue: str, verb: Token | None, q: RawQuote) -> Speaker | None:
        if tok is None or self.quoted[tok.i]:
            return None
        low = tok.lower_
        if low in PERSONAL_PRONOUNS:
            return self.names.resolve_pronoun(tok, PERSONAL_PRONOUNS[low], self.last, self.recent_turn(q))
        if low in GROUP_PRONOUNS:
            return self.names.resolve_group(tok, self.last)
        if tok.pos_ == "PRON":
            return None
        spk = self.names.resolve_phrase(tok, cue, verb)
        if spk is not None and spk.how == "as-written" and self.speech_noun(tok):
            owner = self.noun_speaker(tok, q)  # "a comment that described ...": who made it
            if owner is not None and owner.how != "as-written":
                return owner.but(cue=cue, how="owner")
        if spk is not None and spk.kind == "DOC":
            # "the statement said": the author of the statement the article just mentioned; a
            # document nobody is named as writing speaks for nobody
            return self.document_author(tok)
        return spk

    def document_author(self, tok: Token) -> Speaker | None:
        """Who issued the document `tok` names: "X issued a statement ... The statement said"."""
        lemma = noun_base(tok.lower_)
        for sent in sents_back(tok, 4):
            for t in sent:
                if t.i >= tok.i or self.quoted[t.i] or noun_base(t.lower_) != lemma or t.i == tok.i:
                    continue
                head = t.head
                if t.dep_ == "pobj" and head.dep_ == "prep":
                    head = head.head  # "in a statement, X said"
                    if head.pos_ not in ("VERB", "AUX"):
                        head = head.head
                subj = self.subject_of(head) if head.pos_ in ("VERB", "AUX") else None
                owners = [subj] if subj is not None and subj.i != t.i else []
                owners += [c for c in t.children if c.dep_ in ("poss", "compound")]
                for o in owners:
                    if self.quoted[o.i]:
                        continue
                    spk = self.names.resolve_phrase(o, "description")
                    if spk is not None and (spk.how != "as-written" or spk.kind == "ORG"):
                        return spk.but(how="owner")
        return None

    def attribute_one(self, q: RawQuote) -> Attribution:
        toks = self.quote_tokens(q)
        a, b = self.window(q)
        said = False
        verb = self.governing_verb(q, toks, a, b)
        if verb is not None and self.speech_noun(verb):
            said = True
            spk = self.noun_speaker(verb, q)
            if spk is not None:
                return Attribution(spk, True, self.channel(None, a, b))
        if verb is not None and self.is_cue(verb) and not self.naming(verb):
            said = True
            cue = "verb-before" if verb.idx < q.start else "verb-after"
            spk = self.speaker_from_verb(verb, cue, a, b, q)
            if spk is not None or self.had_subject:
                # a subject that names nobody ("31 percent said", "the rest of it said"): unknown
                return Attribution(spk, True, self.channel(verb, a, b))
        clause = self.whole_clause(q, toks)
        for v in self.frame_verbs(q, toks, a, b):
            if verb is not None and v.i == verb.i:
                continue
            if not clause and not self.reports(v, toks):
                continue  # "as far as I can tell, it is 'free as in beer'": not what was told
            said = True
            spk = self.speaker_from_verb(v, "frame", a, b, q)
            if spk is not None:
                return Attribution(spk, True, self.channel(v, a, b))
        words = [t for t in self.window_tokens(a, b) if not t.is_punct and not t.is_space]
        if self.text[: q.open_mark].rstrip().endswith(":") and words:
            said = True
            spk = self.clause_subject(words, "colon", q)
            if spk is not None:
                return Attribution(spk, True, self.channel(None, a, b))
        if not words:
            spk = self.previous_sentence(q)
            if spk is not None:
                return Attribution(spk, True, None)
            return Attribution(self.turn(q), True, None)
        if not said:
            got = self.judged_complement(q, toks, a, b)
            if got is not None:
                return got
        clause = clause and not self.cited_work(q, words) and not self.modifies_noun(q, toks)
        said = said or clause or self.said_of_subject(q, toks)
        if not said:
            return Attribution(None, False, None)
        spk = self.clause_subject(words, "subject", q, named_only=True)
        if spk is not None:
            return Attribution(spk, True, self.channel(None, a, b))
        if self.last is not None and self.para_start(self.last_pos) == self.para_start(q.start):
            # "It's 'closer to violence'" after X's quote in the same paragraph: X's turn goes on
            return Attribution(self.last.but(cue="turn", how="turn"), True, None)
        return Attribution(None, True, None)

    @staticmethod
    def whole_clause(q: RawQuote, toks: list[Token]) -> bool:
        """The marks hold a clause or a long stretch of words, not a term or a short phrase."""
        words = [t for t in toks if not t.is_punct and not t.is_space]
        if len(words) >= 6:
            return True
        if len(words) >= 2 and any(t.tag_ in _FINITE or t.tag_ == "VB" and t.i == words[0].i for t in words):
            return True  # a finite verb, or an imperative ("think again")
        return len(words) >= 3 and toks[-1].text in ("!", "?")

    def reports(self, verb: Token, toks: list[Token]) -> bool:
        """The quote lies in what `verb` reports: reached from the quote by heads, within six
        steps, without passing through a relative clause (a short quoted phrase is then a term of
        the reporter's, not the speaker's words)."""
        if verb.lower_ == "according":
            return True  # "..., according to X" covers its whole sentence
        # "Nobody was hurt, X said, but Y was 'rattled'": a parenthetical cue reports its sentence
        target = {verb.i, verb.head.i} if verb.dep_ == "parataxis" and verb.head.dep_ == "ROOT" else {verb.i}
        for t in toks[:1] + toks[-1:]:
            h = t
            for _ in range(6):
                if h.i in target:
                    return True
                if h.dep_ in ("relcl", "acl") or h.head.i == h.i:
                    break
                h = h.head
        return False

    def modifies_noun(self, q: RawQuote, toks: list[Token]) -> bool:
        """`"rent a desk" offices`, `"work from home" jobs`: the marks hold a modifier of the noun
        right after them, a term of the writer's even when it reads as a clause (the small
        parser often takes the quoted verb for the clause's; the noun then is an argument)."""
        if q.close_mark is None or not toks or self.text[q.start : q.end][-1:] in ".,;:!?":
            return False
        hi = q.close_mark + 1
        top = next((t for t in toks if not q.open_mark <= t.head.idx < hi), None)
        if top is not None and top.dep_ in ("compound", "amod", "nmod") and top.head.pos_ in ("NOUN", "PROPN"):
            return top.head.idx >= hi
        nxt = toks[-1].nbor() if toks[-1].i + 1 < len(self.doc) else None
        while nxt is not None and (nxt.is_punct or nxt.is_space) and nxt.idx < hi and nxt.i + 1 < len(self.doc):
            nxt = nxt.nbor()  # the closing mark
        return (
            nxt is not None
            and nxt.idx == hi + 1
            and nxt.tag_ in ("NN", "NNS")
            and not nxt.ent_type_
            and nxt.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr", "conj", "appos", "compound")
        )

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
        via_prep = False  # "over his 'plan'": only "as" makes a prepositional phrase a label
        for _ in range(6):
            dep, head = h.dep_, h.head
            if head.i == h.i or dep not in _COMPLEMENT_PATH:
                return None
            if dep in ("pobj", "amod") and head.lower_ != "as":
                via_prep = True
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
                not via_prep
                and h.pos_ in ("VERB", "AUX")
                and (h.lower_ in JUDGING_VERBS or self.is_cue(h))
                and not self.naming(h)
            ):
                if self.quoted[h.i]:
                    return None
                cue = "verb-before" if h.idx < q.start else "verb-after"
                spk = self.speaker_from_verb(h, cue, a, b, q)
                if spk is None or spk.kind not in ("PERSON", "ORG"):
                    return None
                return Attribution(spk, True, self.channel(h, a, b))
        return None

    def said_of_subject(self, q: RawQuote, toks: list[Token]) -> bool:
        """'X admires Y as a "strong leader"', 'he is the "change agent"': a short quote that
        completes what a named person (or he, she, they) does or is in the main clause reads as
        that person's words; one inside a noun phrase or an aside is a term."""
        lo, hi = q.open_mark, (q.close_mark + 1) if q.close_mark is not None else q.end
        top = next((t for t in toks if not lo <= t.head.idx < hi), None)
        if top is None:
            return False
        dep, head = top.dep_, top.head
        if dep == "pobj" and head.lower_ == "as":
            dep, head = "as", head.head
        if dep not in ("dobj", "attr", "acomp", "oprd", "as") or head.pos_ not in ("VERB", "AUX"):
            return False
        if not (head.dep_ == "ROOT" or head.dep_ == "conj" and head.head.dep_ == "ROOT"):
            return False
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subj is None and head.dep_ == "conj":
            subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if subj is None or self.quoted[subj.i]:
            return False
        n = self.names.by_token.get(subj.i)
        return (n is not None and n.kind in ("PERSON", "ORG")) or subj.lower_ in ("he", "she", "they")

    def cited_work(self, q: RawQuote, words: list[Token]) -> bool:
        """'"Some Headline" — Publisher, August 15, 2008': a cited title, not speech; the rest of
        the sentence holds no verb, and a date or an organisation follows the quote."""
        after = [t for t in words if t.idx > q.end]
        if not after or any(t.pos_ in ("VERB", "AUX") for t in words):
            return False
        return any(t.ent_type_ in ("DATE", "ORG") or t.like_url for t in after)

    def turn(self, q: RawQuote) -> Speaker | None:
        """A quote standing alone continues the last speaker's turn, from this paragraph or the
        previous one, unless the writer has brought someone else in since."""
        if self.last is None or not self.recent_turn(q):
            return None
        between = self.doc.char_span(self.last_end, q.open_mark, alignment_mode="expand")
        if between is not None:
            for t in between:
                if self.quoted[t.i] or t.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                n = self.names.by_token.get(t.i)
                if n is None or n.subject != 2:
                    continue  # "X said at the dinner, where Y also spoke": still X's turn
                if self.is_caption(t.idx):
                    continue  # a photo caption's subject is not brought in by the writer
                if n.kind == "PERSON" and " ".join(self.names.full(n).words) != self.last.name:
                    return None  # someone else is the subject now: the turn is over
        return self.last.but(cue="turn", how="turn")

    def headline_speaker(self, q: RawQuote) -> Speaker | None:
        """`Russia 'Doing Everything' To End Fighting`: the name heading the headline."""
        lo, _ = self.para_of(q.open_mark)
        before = [n for n in self.names.names if lo <= n.start < q.open_mark]
        if before and not self.text[lo : before[0].start].strip():
            return self.names.speaker(before[0], "headline")  # the headline's subject
        return None

    def previous_sentence(self, q: RawQuote) -> Speaker | None:
        """A quote standing alone after "X said:" or after a sentence reporting X's speech: the
        sentences of its paragraph before it, nearest first, else the last sentence of the
        previous paragraph."""
        j = q.open_mark
        lo, _ = self.para_of(j)
        if self.text[lo:j].strip():
            end = j  # other sentences come first in this paragraph
            floor = lo
        else:
            k = bisect_right(self.seg_starts, j) - 1
            if k < 1:
                return None
            end = self.segs[k - 1][1]
            floor = self.segs[k - 1][0]
        for _ in range(3):
            while end > floor and self.text[end - 1].isspace():
                end -= 1
            span = self.doc.char_span(max(0, end - 1), end, alignment_mode="expand")
            if end <= floor or span is None or len(span) == 0:
                return None
            sent = span[-1].sent
            toks = [t for t in sent if t.idx < end and not self.quoted[t.i]]
            colon = self.text[:end].rstrip().endswith(":")
            if not toks or (not colon and any(self.quoted[t.i] for t in sent if t.idx < end)):
                return None  # a sentence with its own quote: the turn rule decides
            for v in toks:
                if self.is_cue(v) and not self.naming(v):
                    spk = self.speaker_from_verb(v, "before-sentence", toks[0].idx, end, q)
                    if spk is not None:
                        return spk
                elif self.speech_noun(v) and v.dep_ in ("dobj", "pobj"):
                    spk = self.noun_speaker(v, q)  # "X issued a statement on Y." then the quote
                    if spk is not None:
                        return spk.but(cue="before-sentence")
            if colon:
                return self.clause_subject([t for t in toks if not t.is_punct], "colon", q)
            end = sent.start_char
            if end <= floor:
                return None
        return None

    def speaker_from_verb(self, verb: Token, cue: str, a: int, b: int, q: RawQuote) -> Speaker | None:
        self.had_subject = False
        subj = self.subject_of(verb)
        if subj is not None:
            if a <= subj.idx < b:
                self.had_subject = True
                return self.speaker_of(subj, cue, verb, q)
            return None
        if verb.dep_ in ("acl", "relcl") and self.speech_noun(verb.head):
            spk = self.noun_speaker(verb.head, q)  # "X issued a statement calling it '...'"
            if spk is not None:
                return spk.but(cue=cue)
        # a parse that missed the subject ("Said Ellis:"): a name right next to the verb
        for n in self.names.near(verb, a, b):
            return self.names.speaker(n, cue)
        return None

    def clause_subject(self, words: list[Token], cue: str, q: RawQuote, named_only: bool = False) -> Speaker | None:
        if not words:  # only punctuation before the quote (`:"…`)
            return None
        roots = [t for t in words if t.dep_ == "ROOT" or t.head.i == t.i]
        subjects = [self.subject_of(r) for r in roots or [words[0].sent.root]]
        # the parse may root the sentence inside the quote: any subject of the words' own verbs
        subjects += [t for t in words if t.dep_ in ("nsubj", "nsubjpass") and t.head.i in {w.i for w in words}]
        for subj in subjects:
            if subj is None or self.quoted[subj.i]:
                continue
            if named_only and not (subj.ent_type_ or subj.lower_ in PERSONAL_PRONOUNS or subj.pos_ == "PROPN"):
                continue
            return self.speaker_of(subj, cue, None, q)
        return None

    def prev_para_start(self, i: int) -> int:
        k = bisect_right(self.seg_starts, i) - 1
        return self.segs[k - 1][0] if k >= 1 else 0

    # ----- how it was said ----------------------------------------------------------------------

    def channel(self, verb: Token | None, a: int, b: int) -> tuple[int, int] | None:
        """'told Sky News', 'in a statement', 'wrote in a blog post', 'on Twitter' (view span)."""
        if verb is not None and verb.lower_ != "according":
            if verb.lower_ in _TELL:
                obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and not self.quoted[c.i]), None)
                if obj is not None:
                    return verb.idx, obj.right_edge.idx + len(obj.right_edge)
            for c in verb.children:
                if c.dep_ == "prep" and c.lower_ in _CHANNEL_PREPS and self._channel_phrase(c):
                    if verb.lower_ in WRITE_VERBS and c.i > verb.i:
                        return verb.idx, c.right_edge.idx + len(c.right_edge)
                    return c.idx, c.right_edge.idx + len(c.right_edge)
            if verb.lower_ in WRITE_VERBS and verb.lower_ not in ("wrote", "written", "write", "writes", "writing"):
                return verb.idx, verb.idx + len(verb)  # "tweeted", "posted"
        for t in self.window_tokens(a, b):
            if t.dep_ == "prep" and t.lower_ in _CHANNEL_PREPS and self._channel_phrase(t):
                return t.idx, t.right_edge.idx + len(t.right_edge)
        return None

    def _channel_phrase(self, prep: Token) -> bool:
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or self.quoted[obj.i] or any(self.quoted[t.i] for t in prep.subtree):
            return False
        base = noun_base(obj.lower_)
        if base in NOUN_CUES or base in DOCUMENT_NOUNS or obj.lower_ in MEDIA_WORDS:
            return True
        return prep.lower_ == "on" and obj.ent_type_ == "ORG"  # "on Fox News"


# A photo caption's credit at the end of a paragraph ("... on the launchpad. Image: NASA.").
_CREDIT_LINE = re.compile(r"\b(?:Image|Photo|Photograph|Picture|Credit)s?:\s*[^.:\n]{1,60}\.?\s*$")


def attribute(
    doc: Doc, view: TextView, raw: Sequence[RawQuote], mentions: list[Mention], segs: list[tuple[int, int]]
) -> list[Attribution]:
    """An Attribution for each raw quote, in order; `segs` are the view's paragraphs. Speakers
    carry a confidence; those below `confidence.THRESHOLD` are dropped (speaker unknown)."""
    art = _Article(doc, view, raw, mentions, segs)
    out: list[Attribution] = []
    for q in raw:
        if q.headline:
            found = Attribution(art.headline_speaker(q), True)
        else:
            found = art.attribute_one(q)
        if found.said:
            art.said_at[q.open_mark] = found
        spk = found.speaker
        if spk is not None:
            last_conf = art.last.confidence if art.last is not None else 1.0
            spk = spk.but(confidence=confidence.score(spk, art, q, last_conf))
            found.speaker = spk
            art.last, art.last_pos = spk, q.open_mark
            art.last_end = (q.close_mark + 1) if q.close_mark is not None else q.end
            if spk.confidence < confidence.THRESHOLD:
                found.speaker = None
        out.append(found)
    return out
