"""A heading's words are no context for NER on the paragraph after it (`heading_context`)."""

from __future__ import annotations

import pytest

from reader.model.analysis.fingerprint import analysis_modules
from reader.model.analysis.heading_context import sentences_after_headings
from reader.model.analysis.nlp import load_pipeline
from reader.model.analysis.parse_scope import whole_text
from reader.model.analysis.pipeline import analyse_text
from reader.model.analysis.textview import build_view
from reader.model.ingest.paragraphs import split_paragraphs


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def view_of(text: str):
    return build_view(text, [(p.start, p.end) for p in split_paragraphs(text)])


HEADINGS = [
    "Politics",
    "Exclusive",
    "Harbour Board Approves New Budget",
    "Airline Shares Slide On Fuel Costs",
    "STRIKE ENTERS THIRD DAY",
]
LEDES = [
    'Priya Raman, an analyst at Barclays, said: "The numbers look weak."',
    'Elon Voss tweeted: "This is the future."',
    "Maria Gonzalez, the mayor, said the city would rebuild.",
    "Tom Becker scored twice as Leeds beat Hull 3-1 on Saturday.",
]
REST = "\n\nThe board meets again on Friday.\n"


def found(nlp, text: str, start: int) -> set[tuple[int, int, str]]:
    """The entities analysis finds at or after `start`, with offsets from `start`."""
    return {(m.start - start, m.end - start, m.kind) for m in analyse_text(text, nlp).mentions if m.start >= start}


def test_the_paragraph_after_a_heading_gets_the_entities_it_has_alone(nlp):
    # Before, the model read the heading's words into the context of the names that open the
    # next paragraph: it missed "Priya Raman" after "Politics", and ran "Exclusive" and "Elon
    # Voss" into one ORG over the break.
    differ = []
    for lede in LEDES:
        alone = found(nlp, lede + REST, 0)
        assert any(kind == "PERSON" for _, _, kind in alone)
        for heading in HEADINGS:
            text = f"{heading}\n\n{lede}{REST}"
            if found(nlp, text, len(heading) + 2) != alone:
                differ.append((heading, lede[:20]))
    assert differ == []


def test_no_entity_runs_over_the_break_after_a_heading(nlp):
    for heading in HEADINGS:
        for lede in LEDES:
            doc = whole_text(nlp, [view_of(f"{heading}\n\n{lede}\n")])[0]
            assert not any("\n\n" in e.text for e in doc.ents), (heading, [e.text for e in doc.ents])


def test_only_sentences_after_headings_are_run_again(nlp):
    text = (
        "Harbour Board Approves New Budget\n\n"
        "Ines Valdivia, an analyst, said the plan was sound. She expects more.\n\n"
        "Tomasz Wrobel disagreed.\n"
    )
    view = view_of(text)
    doc = nlp.make_doc(view.text)
    doc = nlp.get_pipe("ner")(doc)
    ranges = sentences_after_headings(doc, view)
    assert [doc[a:b].text for a, b in ranges] == ["Ines Valdivia, an analyst, said the plan was sound."]
    # a paragraph that ends a sentence is no heading: nothing after it is run again
    plain = view_of("The board met on Monday.\n\nTomasz Wrobel disagreed.\n")
    assert sentences_after_headings(nlp.make_doc(plain.text), plain) == []


def test_heading_context_is_part_of_the_analysis_fingerprint():
    assert any(p.name == "heading_context.py" for p in analysis_modules())
