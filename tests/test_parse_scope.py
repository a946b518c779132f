"""The selective parse: which sentences get it, that the rest do not, and that a quote's
attribution is what the full parse gives."""

from __future__ import annotations

import pytest

from reader.model.analysis import parse_scope
from reader.model.analysis.fingerprint import analysis_modules
from reader.model.analysis.nlp import load_pipeline
from reader.model.analysis.parse_scope import PARSE_AFTER, PARSE_BEFORE, annotate, parse_ranges
from reader.model.analysis.pipeline import analyse_view
from reader.model.analysis.textview import build_view
from reader.model.ingest.paragraphs import split_paragraphs


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def view_of(text: str):
    return build_view(text, [(p.start, p.end) for p in split_paragraphs(text)])


FILLER = [
    "The river rose slowly through the night.",
    "Farmers moved their cattle to higher ground before dawn.",
    "Schools in the valley stayed closed on Tuesday.",
    "The regional council met in an emergency session.",
    "Power lines were cut in three villages.",
    "Volunteers filled sandbags outside the town hall.",
    "The rain eased by the afternoon.",
    "Roads to the north reopened on Wednesday.",
]


def test_ranges_hold_the_quote_sentence_and_the_window_only():
    # twenty sentences of ten tokens, each its own paragraph; token i is character 10 * i
    starts = list(range(0, 200, 10))
    at = lambda ch: ch // 10  # noqa: E731
    spans = [(10 * 10 * 10, 10 * 10 * 10 + 25)]  # inside sentence 10
    got = parse_ranges(starts, 200, at, spans, starts)
    assert got == [((10 - PARSE_BEFORE) * 10, (11 + PARSE_AFTER) * 10)]
    # a quote at the start cannot reach before the text, two close windows merge
    gap = 1 + PARSE_BEFORE + PARSE_AFTER
    two = [(0, 5), (10 * 10 * gap, 10 * 10 * gap + 5)]
    assert parse_ranges(starts, 200, at, two, starts) == [(0, (gap + 1 + PARSE_AFTER) * 10)]
    assert parse_ranges(starts, 200, at, [], starts) == []
    # paragraphs of five sentences: the window grows to the paragraphs it touches
    paras = list(range(0, 200, 50))
    a, b = parse_ranges(starts, 200, at, spans, paras)[0]
    assert a in paras and (b in paras or b == 200)
    assert a <= (10 - PARSE_BEFORE) * 10 and b >= (11 + PARSE_AFTER) * 10 and b - a <= 100
    # no paragraph breaks: the whole text is one paragraph
    assert parse_ranges(starts, 200, at, spans) == [(0, 200)]


def test_sentences_far_from_any_quote_are_not_parsed(nlp):
    text = "\n\n".join(FILLER) + '\n\n"We will rebuild every bridge," the mayor said.\n\n' + "\n\n".join(FILLER)
    view = view_of(text)
    doc = annotate(nlp, [view])[0]
    quote_at = view.text.index('"We')
    first = next(s for s in doc.sents if s.start_char <= quote_at < s.end_char)
    assert all(t.tag_ and t.pos_ for t in first if not t.is_space)
    assert any(t.dep_ == "nsubj" for t in first)
    # the filler sentences beyond the window either side (sentences as the punctuation cuts them)
    head_end = view.text.index(FILLER[len(FILLER) - PARSE_BEFORE])
    tail_start = view.text.rindex(FILLER[PARSE_AFTER])
    far = [t for t in doc if t.idx < head_end or t.idx >= tail_start]
    assert far and len(far) < len(doc)
    assert all(t.tag_ == "" and t.dep_ == "" and t.head.i == t.i for t in far)
    assert {s.start_char for s in doc.sents} >= {view.text.index(f) for f in FILLER}
    # entities come from NER on the whole text, parsed or not
    assert {e.text for e in doc.ents} == {e.text for e in nlp(view.text).ents}


def test_sentence_starts_before_ner_come_from_punctuation(nlp):
    text = "Mr. Smith met Dr. Jones in the U.S. on Monday. The talks ended late! Both left.\n\nLater that week"
    doc = nlp.make_doc(text)
    parse_scope.set_sentences(doc, text)
    starts = [t.text for t in doc if t.is_sent_start]
    # abbreviations and initials end no sentence; the paragraph break is left to `doc_ranges`
    assert starts == ["Mr.", "The", "Both"]
    assert all(t.is_sent_start is False for t in doc if t.text not in starts)


def test_a_text_without_quotes_is_not_parsed_and_its_tree_is_sound(nlp):
    text = "Acme Corp opened a plant in Ohio. The plant employs 300 people.\n\nJane Doe runs it."
    view = view_of(text)
    doc = annotate(nlp, [view])[0]
    assert not doc.has_annotation("DEP") and not doc.has_annotation("TAG")
    assert [s.text.strip() for s in doc.sents][:2] == [
        "Acme Corp opened a plant in Ohio.",
        "The plant employs 300 people.",
    ]
    # a tokenizer-fresh Doc has edges one past each token: reading children would read beyond it
    assert all(t.left_edge.i == t.i == t.right_edge.i and not list(t.children) for t in doc)
    got = analyse_view(doc, view)
    assert {m.text for m in got.mentions} >= {"Acme Corp", "Ohio"}


PARAS = "\n\n".join(FILLER)

TEXTS = [
    # a pronoun speaker whose referent is in the paragraph before
    "Maria Lopez has led the union since 2019. She negotiated the last contract.\n\n"
    + PARAS
    + "\n\nMaria Lopez spoke after the vote.\n\n"
    + '"This is a fair deal for every nurse," she said.\n\n'
    + PARAS,
    # a turn that continues in the next paragraph, and a cue after the quote
    PARAS
    + '\n\n"We are not going anywhere," said Tom Baker, a spokesman for the airline.'
    + '\n\n"The routes will stay open through the winter."\n\n'
    + PARAS
    + '\n\nThe minister, Ana Silva, disagreed. "The airline has not paid its fees," Silva told reporters.',
    # a quote in the first sentence and one in the last
    '"Nobody saw this coming," the coach said.\n\n' + PARAS + '\n\nLater he added: "We will be back."',
]


@pytest.mark.parametrize("text", TEXTS)
def test_attribution_is_the_full_parses(nlp, text):
    view = view_of(text)
    selective = analyse_view(annotate(nlp, [view])[0], view)
    full = analyse_view(nlp(view.text), view)  # every component on every sentence
    assert selective.quotes, "the text must hold quotes"
    assert selective.quotes == full.quotes
    assert selective.mentions == full.mentions
    doc = annotate(nlp, [view])[0]
    assert sum(bool(t.dep_) for t in doc) < len(doc)  # and part of it was left unparsed


def test_the_scope_is_part_of_the_analysis_fingerprint():
    assert parse_scope.__file__ in {str(p) for p in analysis_modules()}


# Sentences where the entity rules correct NER by the words around a name: a thing's name, a
# person after an honorific, a place after "the town of".
CUES = [
    "The hospital tested the drug Zorvexin on patients.",  # NER: a PERSON
    "He thanked Mr. President for the invitation.",  # NER: nothing
    "Floods reached the town of Bellcaster on Monday.",  # NER: a PERSON
]


def _kinds(doc, view, sentence):
    """(text, kind) of the mentions in the first occurrence of `sentence` (offsets relative)."""
    at = view.text.index(sentence)
    got = analyse_view(doc, view)
    return sorted((m.text, m.kind) for m in got.mentions if at <= m.start < at + len(sentence))


@pytest.mark.parametrize("sentence", CUES)
def test_an_entity_rule_answers_alike_near_a_quote_and_far_from_any(nlp, sentence):
    quote = '"We will rebuild every bridge," the mayor said.'
    near = view_of(PARAS + "\n\n" + sentence + " " + quote + "\n\n" + PARAS)
    far = view_of(sentence + "\n\n" + PARAS + "\n\n" + quote + "\n\n" + PARAS)
    near_doc, far_doc = annotate(nlp, [near, far])
    at = far.text.index(sentence)
    assert not any(t.tag_ for t in far_doc if at <= t.idx < at + len(sentence))  # not parsed
    assert all(t.tag_ for t in near_doc if t.idx == near.text.index(sentence))  # parsed
    kinds = _kinds(far_doc, far, sentence)
    assert kinds == _kinds(near_doc, near, sentence)
    assert kinds == _kinds(nlp(far.text), far, sentence)  # and the full parse agrees


def test_the_models_multiply_through_numpy_not_blis(nlp):
    # every layer of every model reader loads: thinc's BLIS products were 3x slower here
    from thinc.api import NumpyOps

    layers = [node for _, proc in nlp.pipeline if hasattr(proc, "model") for node in proc.model.walk()]
    assert layers
    assert all(isinstance(n.ops, NumpyOps) and not n.ops.use_blis for n in layers)
    doc = nlp("Anna Berg said the plan would work.")  # and they still run
    assert [e.text for e in doc.ents] == ["Anna Berg"]


def test_quotes_found_for_the_parse_scope_are_the_quote_rules_own(nlp):
    # the parse scope finds the quotations before the parse and keeps them in the Doc for
    # the quote rules; a Doc carrying another view's quotations gets its own found again
    from reader.model.analysis import quotes

    text = '"We will rebuild the bridge," said Anna Berg.\n\nThe council met on Monday.'
    view = view_of(text)
    doc = annotate(nlp, [view])[0]
    kept = doc.user_data.get("reader.quotes.detected")
    assert kept is not None and kept[0] is view.text and len(kept[2]) == 1
    got = analyse_view(doc, view)
    assert "reader.quotes.detected" not in doc.user_data  # taken out by the quote rules
    assert [q.speaker for q in got.quotes] == ["Anna Berg"]
    other = view_of('"No comment," Tom Hale said.')
    doc.user_data["reader.quotes.detected"] = kept
    segs, raw = quotes.detected(other, doc)
    assert [other.text[q.start : q.end] for q in raw] == ["No comment,"]


@pytest.mark.parametrize("heading", ["Interview", "Study"])
def test_a_one_word_heading_is_a_sentence_of_its_own_in_the_parse(nlp, heading):
    # the paragraph break after a first paragraph of one word starts a sentence, as any other
    text = f'{heading}\n\nDr. Ines Moreau led the study. "The results surprised us," she said.\n'
    doc = annotate(nlp, [view_of(text)])[0]
    name = next(t for t in doc if t.text == "Moreau")
    assert name.dep_ == "nsubj" and name.head.text == "led"
    assert doc[2].is_sent_start
