"""The role written beside a speaker's name and the channel the words came through, as the
JSON gives them (`speaker.role`, `channel`): exact slices of the text, nothing beside."""

from __future__ import annotations

import pytest

from reader.model.analysis.nlp import load_pipeline
from reader.model.analysis.pipeline import analyse_text


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def only_quote(nlp, text: str):
    (q,) = analyse_text(text, nlp).quotes
    return q


@pytest.mark.parametrize(
    "text, name, role",
    [
        # an appositive role that ends the sentence (it had needed a comma after it)
        (
            "“The river is rising,” said Hugo Lind, a hydrologist at the institute.",
            "Hugo Lind",
            "a hydrologist at the institute",
        ),
        (
            "“The data are clear,” said Dr Ruth Agarwal, professor of epidemiology at the University of Leeds.",
            "Ruth Agarwal",
            "professor of epidemiology at the University of Leeds",
        ),
        # past an age
        ("“We are exhausted,” said Mary Quinn, 45, a nurse from Leeds.", "Mary Quinn", "a nurse from Leeds"),
        # a role followed by a relative clause about the person: the role is the noun phrase
        (
            "“We are underpaid,” said Janet Okafor, a ward sister who has worked at the hospital for 19 years.",
            "Janet Okafor",
            "a ward sister",
        ),
        (
            "“It works,” said Lena Brandt, the director of the museum and whose family founded it, on Monday.",
            "Lena Brandt",
            "the director of the museum",
        ),
    ],
)
def test_the_role_beside_the_name(nlp, text, name, role):
    q = only_quote(nlp, text)
    assert q.speaker == name
    assert q.role_start is not None and text[q.role_start : q.role_end] == role


def test_an_age_or_a_second_name_is_no_role(nlp):
    text = "“I never wanted to run,” Dana Kline, 54, said on Tuesday."
    assert only_quote(nlp, text).role_start is None


@pytest.mark.parametrize(
    "text, name, channel",
    [
        (
            "Speaking to the BBC's Today programme, Home Secretary Yvette Cole said: “The law is clear.”",
            "Yvette Cole",
            "Speaking to the BBC's Today programme",
        ),
        (
            "Writing in The Lancet, the epidemiologist Maria Costa said the results were “striking”.",
            "Maria Costa",
            "Writing in The Lancet",
        ),
        (
            "Senator Tom Adler wrote in the Guardian that the bill was “a gift to polluters”.",
            "Tom Adler",
            "wrote in the Guardian",
        ),
        ("“The deal is dead,” Anna Petrova said through her lawyer.", "Anna Petrova", "through her lawyer"),
        ("“I am innocent,” the actor Paul Mertens said via a spokesperson.", "Paul Mertens", "via a spokesperson"),
        ("“No comment,” Mayor Ines Duarte said by telephone on Friday.", "Ines Duarte", "by telephone"),
        # what the video said is not how it came
        (
            "“The city is safe,” Mayor Ines Duarte said in a video posted on social media appealing for calm.",
            "Ines Duarte",
            "in a video posted on social media",
        ),
        # the comma that closes an opening phrase is not part of it
        (
            "In a statement posted on Facebook, the Harbour Rowing Club said it was “deeply saddened”.",
            "Harbour Rowing Club",
            "In a statement posted on Facebook",
        ),
    ],
)
def test_the_channel(nlp, text, name, channel):
    q = only_quote(nlp, text)
    assert q.speaker is not None and name in q.speaker
    assert q.channel_start is not None and text[q.channel_start : q.channel_end] == channel


@pytest.mark.parametrize(
    "text",
    [
        "Governor Rosa Klein said in Boston that the budget was “balanced at last”.",
        "“We will win,” Jonas Berg said during a visit to the front.",
        # "by" names whom words are by, not how they came
        "The plan was called “a disgrace” by Senator Tom Adler.",
    ],
)
def test_where_or_by_whom_is_no_channel(nlp, text):
    assert only_quote(nlp, text).channel_start is None
