"""spaCy's pass over a batch of views, parsing only the sentences our rules read the parse from.

The small model's `ner` embeds its own tok2vec; the tagger and parser listen to the shared
`tok2vec`, and that trio costs about as much again as NER. So NER runs on every text, after
sentence starts set by punctuation (`set_sentences`: the model's `senter` cost 6% of NER's time,
these a fraction of 1%), and `tok2vec`, `tagger`, `parser` and `attribute_ruler` run only on
the sentences `parse_ranges` selects: those holding a quotation (found from the text
alone, before any model runs) and a window of sentences either side, where attribution looks
for cues, speakers and the referents of pronouns, in whole paragraphs. Each run of selected
paragraphs is parsed as a Doc of its own and its tags, POS, heads, labels and sentence starts
are copied back; the other sentences keep the punctuation's boundaries (and a start at each
paragraph) and carry no tags or dependencies. The entity rules read no tags or heads (word shape and
closed word lists instead, `entity_words.name_shaped`), so a name gets the same answer in any
sentence; NER itself can differ where the parser would end a sentence elsewhere than the
punctuation does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from reader.model.analysis import attribute_map, heading_context
from reader.model.analysis.quoted_names import names_something
from reader.model.analysis.quotes import detected, keep_detected
from reader.model.analysis.textview import PARAGRAPH_BREAK, PARAGRAPH_OR_END, TextView
from reader.model.ingest.sentences import sentence_ends

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.language import Language
    from spacy.tokens import Doc

# Components run on every text, and on the selected sentences only.
WHOLE_TEXT = ("ner",)
SELECTED = ("tok2vec", "tagger", "parser", "attribute_ruler")

# Sentences parsed before and after each sentence holding a quotation (then widened to whole
# paragraphs, see `parse_ranges`): attribution reads the cue and speaker around the quote, and
# the subjects of the sentences just before (the referent of "he", the speaker whose turn a
# bare quote continues). Names come from NER, parsed or not. Measured on the shared quote dev
# sets and bench-corpus: 2 before and 1 after leave every quote as the full parse gives it;
# 1 before moves a speaker to an earlier mention of the same name (quotes-wikinews F1 -0.016);
# 0 after changes no scored quote and parses a tenth fewer tokens, but a lede's "he" then
# loses the person made subject in the next paragraph (tests/test_quote_stress.py).
PARSE_BEFORE = 2
PARSE_AFTER = 1


def quote_spans(view: TextView, doc: Doc | None = None) -> list[tuple[int, int]]:
    """Character spans (view coordinates) the quote rules attribute: every quotation with its
    marks, but titles and nicknames (`names_something`), which are never attributed. With
    `doc`, the quotations found are kept in it for the quote rules (`quotes.keep_detected`)."""
    out = []
    for q in keep_detected(doc, view) if doc is not None else detected(view)[1]:
        if names_something(view.text, q):
            continue
        a = min(q.start, q.open_mark)
        b = max(q.end, (q.close_mark + 1) if q.close_mark is not None else q.end)
        out.append((a, b))
    return out


def parse_ranges(
    sent_starts: Sequence[int],
    n_tokens: int,
    token_at,
    spans: Sequence[tuple[int, int]],
    para_starts: Sequence[int] = (),
) -> list[tuple[int, int]]:
    """Token ranges to parse: the sentences overlapping `spans` (character spans) with
    PARSE_BEFORE sentences before and PARSE_AFTER after, widened to whole paragraphs, merged.
    `sent_starts` are the token indices where sentences begin (the first is 0), `para_starts`
    those where paragraphs begin; `token_at(char)` is the token holding a character.

    Whole paragraphs because a range cut where the parser would not end a sentence changes
    the parse of that sentence: the parser ends one at every paragraph break, and the
    punctuation's sentence ends inside a paragraph are not always the parser's."""
    if not spans or not n_tokens:
        return []
    bounds = list(sent_starts) + [n_tokens]
    paras = sorted({0, n_tokens, *para_starts})
    from bisect import bisect_left, bisect_right

    wanted: list[tuple[int, int]] = []
    for a, b in spans:
        first = bisect_right(bounds, token_at(a)) - 1
        last = bisect_right(bounds, token_at(max(a, b - 1))) - 1
        lo = max(0, first - PARSE_BEFORE)
        hi = min(len(bounds) - 1, last + 1 + PARSE_AFTER)
        wanted.append((lo, hi))
    wanted.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in wanted:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    out: list[tuple[int, int]] = []
    for lo, hi in merged:
        a, b = paras[bisect_right(paras, bounds[lo]) - 1], paras[bisect_left(paras, bounds[hi])]
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def doc_ranges(doc: Doc, view: TextView) -> list[tuple[int, int]]:
    """The token ranges of `doc` (after the whole-text components) that get the parse; starts a
    sentence at each paragraph break of the view first (`set_sentences` runs a sentence on over
    one, the parser does not), so that the window counts sentences as the parser would."""
    import numpy

    if not len(doc):
        return []
    cols: Any = doc.to_array(["IDX", SENT_START])
    idx, starts = cols[:, 0], cols[:, 1]
    after = numpy.searchsorted(idx, [m.end() for m in _PARAGRAPH.finditer(view.text)])
    starts[after[after < len(doc)]] = 1
    starts[0] = 1
    doc.from_array([SENT_START], starts.reshape(-1, 1))
    first = numpy.flatnonzero(starts == 1).tolist()
    token_at = lambda ch: int(numpy.searchsorted(idx, ch, "right")) - 1  # noqa: E731
    return parse_ranges(first, len(doc), token_at, quote_spans(view, doc), after.tolist())


_PARAGRAPH = re.compile(PARAGRAPH_BREAK)


def set_sentences(doc: Doc, text: str) -> None:
    """Sentence starts by punctuation (`sentences.sentence_ends`, paragraph by paragraph), set
    before NER, which keeps each entity inside one sentence, as the model's `senter` did at 6% of
    NER's time. No start at the paragraph breaks yet (`doc_ranges` adds them after NER): NER
    reads a one-line heading better run on into the next paragraph."""
    import numpy

    if not len(doc):
        return
    ends: list[int] = []
    pos = 0
    for m in PARAGRAPH_OR_END.finditer(text):
        ends += sentence_ends(text, pos, m.start())[:-1]  # its last is the paragraph's end
        pos = m.end()
    idx = doc.to_array("IDX")
    starts: Any = numpy.full((len(doc), 1), -1, dtype="int64")
    at = numpy.searchsorted(idx, ends)
    starts[at[at < len(doc)]] = 1
    starts[0] = 1
    doc.from_array([SENT_START], starts.view("uint64"))  # spaCy's dtype, -1 wrapped


def _run(nlp: Language, names: Sequence[str], docs: list[Doc]) -> list[Doc]:
    out: Iterator[Doc] | list[Doc] = docs
    for name in names:
        proc: Any = nlp.get_pipe(name)  # every component used here has `pipe`
        if name == "attribute_ruler":
            proc = attribute_map.mapped(proc)  # the same result, a fifth of the time
        out = proc.pipe(out, batch_size=max(1, len(docs)))
    return list(out)


def whole_text(nlp: Language, views: Sequence[TextView]) -> list[Doc]:
    """Tokens, sentence starts and NER for every view: what runs on every sentence."""
    docs = [nlp.make_doc(v.text) for v in views]
    for doc, view in zip(docs, views):
        set_sentences(doc, view.text)
    docs = _run(nlp, WHOLE_TEXT, docs)
    heading_context.rerun(docs, views, lambda subs: _run(nlp, WHOLE_TEXT, subs))
    return docs


def annotate(nlp: Language, views: Sequence[TextView]) -> list[Doc]:
    """One Doc per view: NER and sentences everywhere, the parse where `doc_ranges` says."""
    docs = whole_text(nlp, views)
    where: list[tuple[int, int, int]] = []
    subs: list[Doc] = []
    for k, (doc, view) in enumerate(zip(docs, views)):
        ranges = doc_ranges(doc, view)
        norms = doc.to_array([NORM]) if ranges else None
        for a, b in ranges:
            where.append((k, a, b))
            subs.append(_bare(doc, a, b, norms))
    subs = _run(nlp, SELECTED, subs) if subs else []
    arrays = [doc.to_array(_PARSE_ATTRS) for doc in docs]
    for (k, a, b), sub in zip(where, subs):
        arrays[k][a:b] = sub.to_array(_PARSE_ATTRS)
    for doc, arr in zip(docs, arrays):
        _set_parse(doc, arr)
    return docs


def _bare(doc: Doc, a: int, b: int, norms: Any) -> Doc:
    """Tokens a..b as a new Doc as the tokenizer made them: words, spaces and norms (the
    tokenizer's exceptions set some, and tok2vec reads them), no sentence starts (the parser
    keeps those it finds set) but at paragraph breaks, and no entities."""
    from spacy.tokens import Doc

    toks = doc[a:b]
    sub = Doc(doc.vocab, words=[t.text for t in toks], spaces=[bool(t.whitespace_) for t in toks])
    sub.from_array([NORM], norms[a:b])
    for i in range(2, len(sub)):
        # the parser runs a sentence on over a paragraph break (a pronoun after it then finds the
        # subject of the paragraph before); not where the next starts lower-case (a broken line).
        # (From the third token: a one-word heading, "Interview", is a paragraph of its own too.)
        if PARAGRAPH_BREAK in sub[i - 1].text and not sub[i].is_space and not sub[i].text[:1].islower():
            sub[i].is_sent_start = True
            if i >= 3 and sub[i - 2].is_quote and not sub[i - 3].is_space:
                sub[i - 2].is_sent_start = False  # a closing mark ends its sentence, starts none
    return sub


NORM, DEP, SENT_START = "NORM", "DEP", "SENT_START"
# Everything the parse components set, lemmas and morphology (attribute_ruler's) included, so a
# rule reads the same token near a quote as under the full pipeline.
_PARSE_ATTRS: list[int | str] = ["TAG", "POS", "MORPH", "LEMMA", DEP, "HEAD", SENT_START]
_DEP, _SENT_START = 4, 6  # their columns


def _set_parse(doc: Doc, arr: Any) -> None:
    """Write tags, heads and labels, then sentence starts, into `doc`.

    spaCy links the tree (`set_children_from_heads`) only when some label is set, and a Doc
    fresh from the tokenizer has left/right edges one past each token (`Token.rights` then reads
    beyond the Doc): a Doc with nothing parsed gets one label set and cleared again. Linking
    marks every unparsed token as no sentence start, so the starts (the parser's inside the
    parsed ranges, the punctuation's outside) are written last."""
    if not len(doc):
        return
    unlabelled = not arr[:, _DEP].any()
    if unlabelled:
        arr[0, _DEP] = doc.vocab.strings.add("dep")
    doc.from_array(_PARSE_ATTRS[:_SENT_START], arr[:, :_SENT_START])
    if unlabelled:
        arr[0, _DEP] = 0
        doc.from_array([DEP], arr[:, _DEP : _DEP + 1])
    doc.from_array([SENT_START], arr[:, _SENT_START:])
