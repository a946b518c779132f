"""NER again, alone, on the first sentence after a heading: a heading's words are no context.

The small model's NER reads a few tokens either side of each word (its embedded tok2vec is a
window CNN), across a paragraph break too. After a paragraph ending in a full stop that does no
harm, but after a heading ("Barclays Analyst Warns On Growth", a one-word section label such as
"Politics", a dateline) the model often misses the name that opens the next paragraph: on
invented ledes of the form "Priya Raman, an analyst at Barclays, said ..." it missed the
opening name after 6 of 15 title-case headlines and 17 of 40 one-word labels, and after none of
them with the paragraph alone. So where a paragraph without sentence-ending punctuation is
followed by one whose first words hold a capitalised word NER left outside every entity, that
paragraph's first sentence is run through NER again as a Doc of its own, and its entities
replace the whole text's there. Only those sentences: about one per article, not the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from reader.model.analysis.textview import PARAGRAPH_BREAK, PARAGRAPH_OR_END, TextView
from reader.model.ingest.sentences import sentence_ends

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc

# A paragraph ending so is a sentence (or a list item, a caption with its own stop): not a heading.
_ENDS_SENTENCE = re.compile(r"[.!?:;,\u2026\"'\u201d\u2019)\]]\s*$")
# How far into the paragraph the heading's words reach NER's reading of a word (the window CNN's
# receptive field in en_core_web_sm is four tokens each side).
REACH = 4


def sentences_after_headings(doc: Doc, view: TextView) -> list[tuple[int, int]]:
    """Token ranges (first sentences of paragraphs that follow a heading) worth NER alone."""
    text = view.text
    out: list[tuple[int, int]] = []
    if not len(doc):
        return out
    import numpy

    idx: Any = None
    pos = 0
    for m in PARAGRAPH_OR_END.finditer(text):
        if m.start() == len(text):
            break
        para, nxt = text[pos : m.start()], m.end()
        pos = nxt
        if not para.strip() or _ENDS_SENTENCE.search(para):
            continue
        if idx is None:
            idx = doc.to_array("IDX")
        end = text.find(PARAGRAPH_BREAK, nxt)
        a = int(numpy.searchsorted(idx, nxt))
        b = int(numpy.searchsorted(idx, sentence_ends(text, nxt, len(text) if end < 0 else end)[0]))
        if b > a and _heading_read_in(doc, a, min(b, a + REACH)):
            out.append((a, b))
    return out


def _heading_read_in(doc: Doc, a: int, b: int) -> bool:
    """A capitalised word among tokens a..b outside every entity ('The' opening the sentence is
    no such word; 'Priya' is), or an entity run over the break before token a."""
    if doc[a].ent_iob_ == "I" or a and doc[a - 1].is_space and doc[a - 1].ent_iob_ != "O":
        return True
    for t in doc[a:b]:
        if t.ent_iob_ == "O" and t.text[:1].isupper() and not (t.i == a and t.is_stop):
            return True
    return False


def rerun(docs: Sequence[Doc], views: Sequence[TextView], run: Callable[[list[Doc]], list[Doc]]) -> None:
    """Re-run NER (`run`, over a batch of Docs) on each view's sentences after headings and put
    what it finds there into the view's Doc, unless an entity of the whole text crosses the
    sentence's end (then the whole text's reading stands). One that runs into the sentence from
    the heading ("Council Approves New Budget\n\nKwame Mensah" as one ORG) keeps only its part
    before the break."""
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Span

    where: list[tuple[int, int, int]] = []
    subs: list[Doc] = []
    for k, (doc, view) in enumerate(zip(docs, views)):
        ranges = sentences_after_headings(doc, view)
        norms: Any = doc.to_array(["NORM"]).reshape(-1, 1) if ranges else None
        for a, b in ranges:
            toks = doc[a:b]
            starts: list[bool | int | None] = [True]
            starts += [False] * (len(toks) - 1)
            sub = SpacyDoc(
                doc.vocab,
                words=[t.text for t in toks],
                spaces=[bool(t.whitespace_) for t in toks],
                sent_starts=starts,
            )
            sub.from_array(["NORM"], norms[a:b])  # the tokenizer's exceptions set some; tok2vec reads them
            where.append((k, a, b))
            subs.append(sub)
    if not subs:
        return
    for (k, a, b), sub in zip(where, run(subs)):
        doc = docs[k]
        ents = list(doc.ents)
        if any(e.start < b < e.end for e in ents):
            continue
        kept = [_before(doc, e, a) if e.start < a <= e.end else e for e in ents if not a <= e.start < b]
        found = [Span(doc, a + e.start, a + e.end, label=e.label) for e in sub.ents]
        doc.ents = sorted([e for e in kept if e is not None] + found, key=lambda s: s.start)


def _before(doc: Doc, e: Any, a: int) -> Any:
    """Entity `e` cut short before token `a` and the whitespace before it; None if nothing is left."""
    from spacy.tokens import Span

    end = a
    while end > e.start and doc[end - 1].is_space:
        end -= 1
    return Span(doc, e.start, end, label=e.label) if end > e.start else None
