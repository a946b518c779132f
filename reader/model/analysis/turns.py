"""Speaker turns: the last speaker an article gave a quote to, and whether a quote standing alone
continues that speaker's turn (same or previous paragraph, nobody else brought in since)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.model.analysis.name_spans import main_clause
from reader.model.analysis.name_types import Name, Speaker
from reader.model.analysis.quote_layout import RawQuote
from reader.model.analysis.results import Mention
from reader.model.analysis.speakers import NameIndex
from reader.model.analysis.speech_cues import SpeechCues
from reader.model.analysis.speech_words import BE_FORMS, is_person_noun, is_speech_verb
from reader.model.analysis.textview import TextView

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc


class SpeakerTurns(SpeechCues):
    """The quote layout and names of one article, with the last speaker seen."""

    def __init__(
        self, doc: Doc, view: TextView, raw: Sequence[RawQuote], mentions: list[Mention], segs: list[tuple[int, int]]
    ):
        super().__init__(doc, view, raw, segs)
        self.names = NameIndex(doc, view, mentions, self.quoted)
        self.last: Speaker | None = None
        self.last_pos = -1  # open mark of the last attributed quote
        self.last_end = -1  # and the end of its marks

    def keep_turn(self, spk: Speaker, q: RawQuote) -> None:
        """`spk` was given quote `q`: the turn is theirs now."""
        self.last, self.last_pos = spk, q.open_mark
        self.last_end = (q.close_mark + 1) if q.close_mark is not None else q.end

    def recent_turn(self, q: RawQuote) -> bool:
        """The last speaker's quote is in this paragraph or the one before (photo captions between
        them do not count: "... Image: NASA." interrupts no one)."""
        if self.last is None:
            return False
        k = bisect_right(self.seg_starts, q.open_mark) - 2
        while k >= 1 and self.is_caption(self.segs[k][0]):
            k -= 1
        return self.para_start(self.last_pos) >= (self.segs[k][0] if k >= 0 else 0)

    def turn(self, q: RawQuote) -> Speaker | None:
        """A quote standing alone continues the last speaker's turn, from this paragraph or the
        previous one, unless the writer has brought someone else in since."""
        if self.last is None or not self.recent_turn(q):
            return None
        between = self.doc.char_span(self.last_end, q.open_mark, alignment_mode="expand")
        if between is not None:
            for t in between:
                if self.quoted[t.i] or t.dep_ not in ("nsubj", "nsubjpass") and not t.is_sent_start:
                    continue
                n = self.names.by_token.get(t.i)
                if n is None and t.dep_ == "nsubj" and t.pos_ == "NOUN":
                    # "The Rovers captain, Neil Garvey, was blunt.": the name beside the role subject
                    n = next(
                        (
                            m
                            for c in t.children
                            if c.dep_ == "appos" and (m := self.names.by_token.get(c.i)) is not None
                        ),
                        None,
                    )
                    if n is not None and n.kind == "PERSON" and " ".join(self.names.full(n).words) != self.last.name:
                        return None
                    if (
                        n is None
                        and main_clause(t.head)
                        and not is_speech_verb(t.head.lower_)  # ('"...," the nominee said.': the turn's own cue)
                        and is_person_noun(t.lower_)
                        and not self.is_caption(t.idx)
                    ):
                        same = self.names.resolve_phrase(t, "turn")
                        if same is None or same.name != self.last.name:
                            return None  # "Her husband is less sure.": someone else has the floor
                        # ("The farmer, 61, has lived here": the speaker, by the role given them)
                    continue
                if n is None or n.subject != 2 and not self.opens_sentence(n):
                    continue  # "X said at the dinner, where Y also spoke": still X's turn
                if self.is_caption(t.idx):
                    continue  # a photo caption's subject is not brought in by the writer
                if n.kind == "PERSON" and " ".join(self.names.full(n).words) != self.last.name:
                    return None  # someone else is the subject now: the turn is over
        return self.last.but(cue="turn", how="turn")

    def opens_sentence(self, n: Name) -> bool:
        """The name is the first words of a sentence outside quotes ("Roe laughs when asked."):
        the sentence is about that person whatever the parse made of it (a one-line article's
        parse takes a name before an unusual verb for a compound)."""
        first = self.doc[n.first_tok]
        return bool(first.is_sent_start) and not self.quoted[first.i]

    def named_next(self, q: RawQuote) -> Speaker | None:
        """'"Nobody farms to get rich." / So says Jane Roe, who ...': a quote standing as a paragraph
        of its own whose next paragraph opens with a speech verb and the speaker's name after it."""
        lo, hi = self.para_of(q.open_mark)
        end = (q.close_mark + 1) if q.close_mark is not None else q.end
        k = bisect_right(self.seg_starts, q.open_mark)
        if self.text[lo : q.open_mark].strip() or self.text[end:hi].strip() or k >= len(self.segs):
            return None
        a, b = self.segs[k]
        words = self.text[a:b].split(maxsplit=3)
        if words[:1] == ["So"]:
            words = words[1:]
        if len(words) < 2 or not is_speech_verb(words[0].lower()):
            return None
        at = self.text.index(words[1], a)
        n = next((n for n in self.names.names if n.start == at and n.kind == "PERSON"), None)
        return self.names.speaker(n, "after") if n is not None else None

    def verdict_after(self, q: RawQuote) -> Speaker | None:
        """'"The market has turned." That was the verdict of Jane Holt, ...': a quote standing alone
        whose next sentence, in its paragraph, says whose words they were ("That was the view of
        X", "That is X's verdict"): a demonstrative subject, a form of "be" and a noun for an
        opinion owned by a named person or body."""
        end = (q.close_mark + 1) if q.close_mark is not None else q.end
        _, hi = self.para_of(max(q.open_mark, end - 1))  # (a quote may run over paragraphs)
        span = self.doc.char_span(end, hi, alignment_mode="expand") if hi > end else None
        if span is None:
            return None
        toks = [t for t in span if not t.is_space]
        if len(toks) < 4 or toks[0].lower_ not in ("that", "this") or toks[0].dep_ != "nsubj":
            return None
        root = toks[0].head
        if root.lower_ not in BE_FORMS:
            return None
        noun = next((c for c in root.children if c.dep_ == "attr" and c.lower_ in _VERDICT_NOUNS), None)
        if noun is None:
            return None
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "from")), None)
            owner = next((p for p in prep.children if p.dep_ == "pobj"), None) if prep is not None else None
        n = self.names.by_token.get(owner.i) if owner is not None else None
        if n is None or n.kind not in ("PERSON", "ORG"):
            return None  # ("That is the view of many analysts": nobody named)
        return self.names.speaker(n, "after")


# Nouns for an opinion or message whose owner a sentence after a quote names: "That was the verdict
# of X", "That is X's view".
_VERDICT_NOUNS = frozenset(
    "verdict view assessment message warning advice reaction response answer conclusion take word words "
    "judgement judgment opinion diagnosis prediction forecast".split()
)
