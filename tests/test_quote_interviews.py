"""Interviews printed as questions and answers: "I" in an answer is the interviewee the opening
names, whether the answers carry labels ("A:", a surname) or none. Invented passages."""

from __future__ import annotations

import pytest

from reader.model.analysis.nlp import load_pipeline
from tests.quote_probe import said


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


INTRO = "Novelist Ruth Adeyemi on her grandmother\n\nRuth Adeyemi's third novel is out this week. We spoke to her before the launch.\n\n"


@pytest.mark.parametrize(
    "ask, answer",
    [
        ("Q: Where did the idea come from?", "A: "),
        ("Q: Where did the idea come from?", "ADEYEMI: "),
        ("Where did the idea come from?", ""),
        ("**Where did the idea come from?**", ""),
    ],
)
def test_i_in_an_answer_is_the_interviewee(nlp, ask, answer):
    text = (
        f'{INTRO}{ask}\n\n{answer}I told my editor, "This book is about my grandmother or nothing." She agreed.\n\n'
        f'{ask.replace("Where did the idea come from", "Was it hard")}\n\n{answer}Very. I kept saying "one more draft".\n'
    )
    got = said(nlp, text)
    assert got["This book is about my grandmother or nothing"] == "Ruth Adeyemi"
    assert got["one more draft"] == "Ruth Adeyemi"


def test_i_in_a_column_with_questions_for_paragraphs_is_nobody(nlp):
    # rhetorical questions, and no sign the piece is an interview: "I" is the writer
    text = (
        "Rethinking the high street\n\nShopkeeper Ann Bell has run a bakery on Mill Street for thirty years.\n\n"
        'So who is to blame?\n\nI said in this column last year, "Rates are killing our towns."\n\n'
        "Can anything be done?\n\nPlenty. I would start with parking.\n"
    )
    assert said(nlp, text)["Rates are killing our towns"] is None


@pytest.mark.parametrize(
    "intro",
    [
        # two people in the opening: either may be the interviewee
        "Health minister Tom Reade was interviewed on Sunday. Opposition leader Ann Bell wants him to go.",
        # the interviewee named again after the questions: a report, the "I" its writer
        "Health minister Tom Reade was interviewed on Sunday about waiting lists.",
    ],
)
def test_i_is_nobody_when_the_opening_does_not_settle_who_answers(nlp, intro):
    text = (
        f"Minister under pressure\n\n{intro}\n\nWhy are the lists growing?\n\nReade blamed the pandemic.\n\n"
        'Will he resign?\n\nNo. I asked him, "Will you resign?" and he laughed.\n'
    )
    assert said(nlp, text)["Will you resign?"] is None
