"""Lists whose items leave their subject out: after an introduction ending with a colon
('Consider the record:'), paragraphs that open with a verb ('Calls reporters "clowns."',
'\u2022 Promised to ...') are about the person named last before the colon, whose words their
quotes are."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from reader.model.analysis.document_sources import DocumentSources

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Token

    from reader.model.analysis.name_types import Speaker
    from reader.model.analysis.quote_layout import RawQuote

# Words that open a sentence with a subject or a linking word, not a list item with its subject
# elided (`ElidedLists.elided_item`).
_NOT_ITEM_WORDS = frozenset(
    """
the a an he she it they we i you this that these those there here but and or so if when while as in
on at for with by from to of after before his her their its our my your one some many most all no
not what who why how where then yet still also even now today
""".split()
)


class ElidedLists(DocumentSources):
    """A quote in an item of such a list: the list's subject (`list_subject`)."""

    _BULLETS = frozenset("\u2022 \u00b7 * - \u2013 \u2014".split())

    def elided_item(self, k: int, parsed: bool = True) -> Token | None:
        """The verb opening paragraph `k` with no subject of its own ('Calls people "losers."',
        '\u2022 Promised to ...'): an item of a list whose subject the list's introduction gives.
        With `parsed` False, for the items before the quote's (the parse may not reach them): a
        short paragraph opening with a capitalised word that is no function word nor name."""
        lo, hi = self.segs[k]
        span = self.doc.char_span(lo, hi, alignment_mode="expand")
        if span is None:
            return None
        words = [t for t in span if not t.is_space and t.text not in self._BULLETS]
        if not words or self.quoted[words[0].i] or not words[0].text[:1].isupper():
            return None
        w = words[0]
        if not parsed and not w.dep_:
            if hi - lo > 400 or w.lower_ in _NOT_ITEM_WORDS or w.i in self.names.by_token:
                return None
            return w if not self.text[lo:hi].rstrip().endswith(":") else None
        # (the tagger takes a capitalised "Calls" or "Refers" for a plural noun now and then)
        verbal = w.tag_ in ("VBZ", "VBD") or w.tag_ in ("NNS", "NNPS") and w.dep_ not in ("nsubj", "nsubjpass")
        if not (verbal and w.lower_.endswith(("s", "ed")) or w.tag_ in ("VBD", "VBN")):
            return None
        if any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < w.i and c.text not in self._BULLETS for c in w.children
        ):
            return None
        return w

    def list_subject(self, q: RawQuote) -> Speaker | None:
        """A quote in the first sentence of a list item with its subject elided, in a run of such
        items after an introduction ending with a colon ('Consider the record:', 'Imagine that
        she:'): the person the list is about, the last one named before the colon (in the
        introduction or the paragraph before it)."""
        k = bisect_right(self.seg_starts, q.open_mark) - 1
        if k < 1:
            return None
        w = self.elided_item(k)
        if w is None or not w.sent.start_char <= q.open_mark < w.sent.end_char:
            return None
        j = k - 1
        while j >= 0 and k - j <= 15 and self.elided_item(j, False) is not None:
            j -= 1
        if j < 0:
            return None
        lo, hi = self.segs[j]
        if not self.text[lo:hi].rstrip().endswith(":"):
            return None
        floor = self.segs[j - 1][0] if j >= 1 else lo
        people = [
            n for n in self.names.names if floor <= n.start < hi and n.kind == "PERSON" and self.names.is_person(n)
        ]
        people = [n for n in people if not self.quoted[n.tok]]
        return self.names.speaker(people[-1], "list", "name") if people else None
