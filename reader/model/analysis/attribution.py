"""Speaker attribution for detected quotes, from spaCy's parse of the article.

The rules, in the order tried for each quote (the first that yields a speaker wins), all within
the quote's "window" (its sentence outside the marks, in its paragraph, stepping over other quotes):

1. `verb-before` / `verb-after`: a speech verb the quote hangs from in the parse ("X said",
   "said X", "X told reporters", "X called it '...'", "according to X") gives its subject.
2. `frame`: any other speech verb in the window, nearest first; a name right next to the verb
   when the parse missed the subject ("Said X: ...").
3. `colon`: "X made the following remark:" right before the quote.
4. `before-sentence`: a quote standing alone after a sentence reporting X's speech or ending
   with a colon (also across a paragraph break).
5. `continuation`: a quote standing alone continues the last speaker's turn from the same or
   the previous paragraph; so does one in a speechless sentence of the same paragraph.
6. `subject`: a partial quote in a reporter's sentence goes to the sentence's named subject.
7. `headline`: a quote in a headline goes to the name the headline starts with.

A subject is then read as a name: a pronoun is resolved to a recently named, gender-compatible
person (`pronoun`); a description ("the Kremlin spokesman") to the person the article gives
that role to (`description`); an organisation stays an organisation. The speaker string is the
most complete name of that person in the article.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from reader.model.analysis.results import Mention
from reader.model.analysis.speakers import NameIndex, Speaker
from reader.model.analysis.speech_words import (
    GROUP_PRONOUNS,
    NOUN_CUES,
    PERSONAL_PRONOUNS,
    is_speech_verb,
    noun_base,
)
from reader.model.analysis.textview import TextView

_CLOSERS = "\"\u201d\u2019'\u00bb)"
_ABBREV = frozenset(
    """mr mrs ms dr st jr sr rep sen gov gen lt col sgt capt adm rev prof no vs
jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd mt ft""".split()
)
_SUBJ = ("nsubj", "nsubjpass", "csubj")
# Dependency relations through which a verb without a subject borrows its head's subject.
_BORROW = ("conj", "xcomp", "advcl", "ccomp", "acl", "relcl", "pcomp", "prep", "dep", "parataxis")


class _Article:
    """Per-article state: the parse, quote masks, name index and the last speaker seen."""

    def __init__(
        self, doc: Any, view: TextView, raw: Sequence[Any], mentions: list[Mention], segs: list[tuple[int, int]]
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
        self.last_pos = -1

    # ----- where quotes are -------------------------------------------------------------

    def quote_tokens(self, q: Any) -> list[Any]:
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

    def window(self, q: Any) -> tuple[int, int]:
        """Characters of the reporter's sentence around the quote: back to the previous sentence
        end and on to the next one, within the paragraph, stepping over other quotes."""
        lo, _ = self.para_of(q.open_mark)
        _, hi = self.para_of(q.end)
        a = q.open_mark
        while a > lo:
            span = self.in_quote(a - 1)
            if span is not None:
                if span[0] != q.open_mark and self.text[span[0] + 1 : span[1] - 1].rstrip()[-1:] == ".":
                    break  # an earlier quote that ended its sentence
                a = span[0]
                continue
            if self._stop(a - 1):
                break
            a -= 1
        end = (q.close_mark + 1) if q.close_mark is not None else q.end
        b = end
        inner = self.text[q.start : q.end].rstrip("'\u2019\u2018 ")
        if inner[-1:] == ".":
            nxt = self.text[b : b + 3].lstrip()
            if not nxt[:1].islower():
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

    # ----- finding the cue ----------------------------------------------------------------

    def governing_verb(self, q: Any, toks: list[Any], a: int, b: int) -> Any | None:
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
                if self.is_cue(h):
                    return h
                if h.head.i == h.i:
                    break
                h = h.head
        return None

    def is_cue(self, t: Any) -> bool:
        if self.quoted[t.i]:
            return False
        if t.lower_ == "according":
            return True
        return (
            t.pos_ in ("VERB", "AUX", "NOUN", "PROPN")
            and is_speech_verb(t.lower_)
            and (t.pos_ in ("VERB", "AUX") or t.dep_ in ("compound", "ROOT", "amod"))
        )

    def window_tokens(self, a: int, b: int) -> list[Any]:
        span = self.doc.char_span(a, b, alignment_mode="expand")
        return [t for t in span if not self.quoted[t.i]] if span is not None else []

    def frame_verbs(self, q: Any, toks: list[Any], a: int, b: int) -> list[Any]:
        """Speech verbs outside quotes in the window, nearest the quote first."""
        cands = [t for t in self.window_tokens(a, b) if self.is_cue(t)]
        return sorted(cands, key=lambda t: min(abs(t.idx - q.open_mark), abs(t.idx - q.end)))

    # ----- from cue to speaker --------------------------------------------------------------

    def subject_of(self, verb: Any, depth: int = 0) -> Any | None:
        if verb.lower_ == "according":
            for c in verb.children:
                if c.lower_ == "to":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.owner_of_cue_noun(p)
            return None
        for c in verb.children:
            if c.dep_ in _SUBJ and not self.quoted[c.i]:
                if c.dep_ == "nsubjpass":
                    for a in verb.children:
                        if a.dep_ == "agent":
                            for p in a.children:
                                if p.dep_ == "pobj":
                                    return p
                if c.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    return verb.head
                return c
        if depth < 3 and verb.dep_ in _BORROW and verb.head.i != verb.i:
            return self.subject_of(verb.head, depth + 1)
        return None

    def owner_of_cue_noun(self, t: Any) -> Any:
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

    def speaker_of(self, tok: Any | None, cue: str, before: int) -> Speaker | None:
        if tok is None or self.quoted[tok.i]:
            return None
        low = tok.lower_
        if low in PERSONAL_PRONOUNS:
            return self.names.resolve_pronoun(tok, PERSONAL_PRONOUNS[low], self.last)
        if low in GROUP_PRONOUNS:
            return self.names.resolve_group(tok, self.last)
        if tok.pos_ == "PRON":
            return None
        return self.names.resolve_phrase(tok, cue)

    def attribute_one(self, q: Any) -> Speaker | None:
        toks = self.quote_tokens(q)
        a, b = self.window(q)
        verb = self.governing_verb(q, toks, a, b)
        if verb is not None:
            cue = "verb-before" if verb.idx < q.start else "verb-after"
            spk = self.speaker_from_verb(verb, cue, a, b)
            if spk is not None:
                return spk
        for v in self.frame_verbs(q, toks, a, b):
            if verb is not None and v.i == verb.i:
                continue
            spk = self.speaker_from_verb(v, "frame", a, b)
            if spk is not None:
                return spk
        words = [t for t in self.window_tokens(a, b) if not t.is_punct and not t.is_space]
        if self.text[: q.open_mark].rstrip().endswith(":") and words:
            spk = self.clause_subject(words, "colon")
            if spk is not None:
                return spk
        if not words:
            spk = self.previous_sentence(q)
            if spk is not None:
                return spk
        if not words and self.last is not None:
            if self.para_start(self.last_pos) >= self.prev_para_start(q.start):
                return Speaker(self.last.name, self.last.start, self.last.end, "continuation", self.last.kind)
        if words:
            spk = self.clause_subject(words, "subject", named_only=True)
            if spk is not None:
                return spk
        if self.last is not None and self.para_start(self.last_pos) == self.para_start(q.start):
            # "It's 'closer to violence'" after X's quote in the same paragraph: X's turn goes on
            return Speaker(self.last.name, self.last.start, self.last.end, "continuation", self.last.kind)
        return None

    def headline_speaker(self, q: Any) -> Speaker | None:
        """`Russia 'Doing Everything' To End Fighting`: the name heading the headline."""
        lo, _ = self.para_of(q.open_mark)
        before = [n for n in self.names.names if lo <= n.start < q.open_mark]
        if before and not self.text[lo : before[0].start].strip():
            return self.names.speaker(before[0], "headline")  # the headline's subject
        return None

    def previous_sentence(self, q: Any) -> Speaker | None:
        """A quote standing alone after "X said:" or after a sentence reporting X's speech."""
        j = q.open_mark
        lo, _ = self.para_of(j)
        if self.text[lo:j].strip():
            end = j  # other quotes come first in this paragraph
        else:
            k = bisect_right(self.seg_starts, j) - 1
            if k < 1:
                return None
            end = self.segs[k - 1][1]
        span = self.doc.char_span(max(0, end - 1), end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        sent = span[-1].sent
        toks = [t for t in sent if t.idx < end and not self.quoted[t.i]]
        colon = self.text[:end].rstrip().endswith(":")
        if not toks or (not colon and any(self.quoted[t.i] for t in sent if t.idx < end)):
            return None  # a sentence with its own quote: the turn rule decides
        for v in toks:
            if self.is_cue(v):
                spk = self.speaker_from_verb(v, "before-sentence", toks[0].idx, end)
                if spk is not None:
                    return spk
        if colon:
            return self.clause_subject([t for t in toks if not t.is_punct], "colon")
        return None

    def speaker_from_verb(self, verb: Any, cue: str, a: int, b: int) -> Speaker | None:
        subj = self.subject_of(verb)
        if subj is not None and a <= subj.idx < b:
            spk = self.speaker_of(subj, cue, verb.idx)
            if spk is not None:
                return spk
        # a parse that missed the subject ("Said Ellis:"): a name right next to the verb
        for n in self.names.near(verb, a, b):
            return self.names.speaker(n, cue)
        return None

    def clause_subject(self, words: list[Any], cue: str, named_only: bool = False) -> Speaker | None:
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
            return self.speaker_of(subj, cue, subj.idx)
        return None

    def prev_para_start(self, i: int) -> int:
        k = bisect_right(self.seg_starts, i) - 1
        return self.segs[k - 1][0] if k >= 1 else 0


def attribute(
    doc: Any, view: TextView, raw: Sequence[Any], mentions: list[Mention], segs: list[tuple[int, int]]
) -> list[Speaker | None]:
    """A speaker (or None) for each raw quote, in order; `segs` are the view's paragraphs."""
    art = _Article(doc, view, raw, mentions, segs)
    out: list[Speaker | None] = []
    for q in raw:
        spk = art.headline_speaker(q) if q.headline else art.attribute_one(q)
        if spk is not None:
            art.last, art.last_pos = spk, q.start
        out.append(spk)
    return out
