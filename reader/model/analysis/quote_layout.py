"""Where the quotes of one article lie: the quoted-token mask, paragraphs, and each quote's
window (the reporter's sentence around it, stepping over other quotes), in view coordinates.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.model.analysis.speech_words import TITLE_WORDS, is_speech_verb
from reader.model.analysis.textview import TextView
from reader.model.ingest.sentences import opener_follows

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc, Token

_CLOSERS = "\"\u201d\u2019'\u00bb)"
_ABBREV = frozenset(
    """mr mrs ms dr st jr sr rep sen gov gen lt col sgt capt adm rev prof no vs
jan feb mar apr jun jul aug sep sept oct nov dec inc corp co ltd mt ft sens reps messrs hon supt""".split()
) | {w[:-1] for w in TITLE_WORDS if w.endswith(".")}  # every title written with a dot ("state Del. Jane Roe")
# The verbs of a bare attribution ("Officials agreed." reacts to the quote, it does not report it).
_REPORTING = frozenset("said says told tells added adds wrote writes asked replied explained".split())
# What may follow the verb of a bare attribution sentence ("Jane Roe said on Monday.").
_WHEN_WORDS = frozenset("on in at during after before later today yesterday then again afterwards last".split())
# A photo caption's credit at the end of a paragraph ("... on the launchpad. Image: NASA.").
_CREDIT_LINE = re.compile(r"\b(?:Image|Photo|Photograph|Picture|Credit)s?:\s*[^.:\n]{1,60}\.?\s*$")


# A quotation signed after a dash ("..." — Jane Roe, Leeds): a reader's letter, an epigraph.
_DASH_CREDIT = re.compile(r"[ \t]*[\u2014\u2013\u2015-]{1,2}[ \t]*(?=[A-Z])")


def dash_credit(text: str, q: RawQuote) -> int | None:
    """Where the name signing quote `q` after a dash starts; the quote must end its sentence (a
    dash after '"a disaster" — ' goes on with the writer's sentence)."""
    if q.close_mark is None:
        return None
    last = text[q.start : q.end].rstrip()[-1:]
    line = text[text.rfind("\n", 0, q.open_mark) + 1 : q.open_mark]
    if last not in (".", "!", "?") and not (last == "," and not line.strip(" \t\u2022*-")):
        return None  # (a comma only when the quote opens its line: '• "I never met him," — Jo Roe')
    m = _DASH_CREDIT.match(text, q.close_mark + 1)
    return m.end() if m else None


def credit_at_end(text: str, a: int = 0, b: int | None = None) -> int | None:
    """Where text[a:b] ends in a photo caption's credit ("... on the launchpad. Image: NASA.")."""
    m = _CREDIT_LINE.search(text[a:b] if b is not None else text[a:])
    return a + m.start() if m else None


@dataclass(slots=True)
class RawQuote:
    """A quote in view coordinates: text[start:end] is the inside of the marks, trimmed."""

    start: int
    end: int
    open_mark: int  # index of the opening mark
    close_mark: int | None  # index of the closing mark; None when it was missing
    headline: bool = False


class QuoteLayout:
    """The parse of one article with its quotes marked and its paragraphs known."""

    def __init__(self, doc: Doc, view: TextView, raw: Sequence[RawQuote], segs: list[tuple[int, int]]):
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
        if t[i] == "." and t[i + 1 : i + 2] == ")":
            k = t.rfind("(", max(0, i - 12), i)
            if k >= 0 and not any(c.isspace() for c in t[k:i]):
                return False  # a bracketed tag, "Sen. Jane Roe (D-Ore.) told ...", is no sentence
        if t[i] == ".":
            j = i
            while j > 0 and t[j - 1].isalpha() or (j > 0 and t[j - 1] == "."):
                j -= 1
            word = t[j:i]
            if not word and t[i - 1 : i].isdigit():
                k = i - 1
                while k > 0 and t[k - 1].isdigit():
                    k -= 1
                # "... for the first time since 2011. Post-match:": a number ends the sentence (not a
                # list item's "1." at a line's start)
                return bool(t[:k].strip()) and t[k - 1 : k] not in ("\n", "") and i - k >= 2 or opener_follows(t, i)
            if len(word.replace(".", "")) <= 1 or "." in word:
                return opener_follows(t, i)  # an initial, unless the sentence ends there
            if word.lower() in _ABBREV:
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
        if inner[-1:] in (".", "?", "!", "\u2026"):
            nxt = self.text[b : b + 3].lstrip()
            trails = inner[-1:] in "?!\u2026" or inner.endswith("..")  # a question, or trailing off
            if not nxt[:1].islower() and not self._attribution_follows(b, hi, not trails):
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

    def _attribution_follows(self, b: int, hi: int, bare: bool = False) -> bool:
        """'"Is it fair?" Jane Roe, an adviser, asked.': after a question, an exclamation or an
        ellipsis the sentence may go on with its attribution, a speech verb before the next stop
        or quote. After a full stop (`bare`) only a sentence that is nothing but an attribution
        ('"We won." Jane Roe said on Monday.', a comma typed as a stop): a short subject, the
        verb, at most three words of when or where (or whom it was told); "Jane Roe said the
        vote was close." and "The ministry dismissed the claim." say something else."""
        i = b
        while i < hi and not self._stop(i) and self.in_quote(i) is None:
            i += 1
        words = [w.strip(",;:") for w in self.text[b:i].split()]
        if not bare:
            return any(is_speech_verb(w) for w in words[:16])
        if i >= hi or not self._stop(i):
            return False
        v = next((k for k, w in enumerate(words[:4]) if w in _REPORTING), None)
        if v is None or v == 0 or len(words) - v - 1 > 3 or not words[0][:1].isupper():
            return False
        if "," in self.text[b:i].split(words[v], 1)[0]:
            return False  # "People like him, she said.": a paraphrase with its own attribution
        after = words[v + 1 : v + 2]
        return not after or after[0] in _WHEN_WORDS or words[v] in ("told", "tells") and after[0][:1].isalpha()

    def window_tokens(self, a: int, b: int) -> list[Token]:
        span = self.doc.char_span(a, b, alignment_mode="expand")
        return [t for t in span if not self.quoted[t.i]] if span is not None else []

    def is_caption(self, i: int) -> bool:
        """The paragraph holding view offset i ends in a photo credit."""
        a, b = self.para_of(i)
        return credit_at_end(self.text, a, b) is not None

    def prev_para_start(self, i: int) -> int:
        k = bisect_right(self.seg_starts, i) - 1
        return self.segs[k - 1][0] if k >= 1 else 0
