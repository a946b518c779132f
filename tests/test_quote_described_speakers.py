"""A speaker given by what they are rather than by name ("the Dubliner", "the 27-year-old", "his
widow, Carol"), in styles the development sets lack. Invented passages, in general form."""

from __future__ import annotations

import pytest

from reader.model.analysis.nlp import load_pipeline
from tests.quote_probe import said


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


_LEAD = "Results\n\nIt was a long weekend of sport. "


@pytest.mark.parametrize("word", ["Dubliner", "Glaswegian", "Londoner", "Muscovite", "Mumbaikar", "Aucklander", "Kiwi"])
def test_someone_from_a_place_is_the_person_the_sentence_before_made_its_subject(nlp, word):
    # the model may tag the word a person, a body or a product: it is never the speaker's name,
    # and a "he" after it goes on with the same person
    text = (
        f"{_LEAD}Sean Cullen won the race in two hours and nine minutes. "
        f'"The crowd carried me home," the {word} said. "I will be back next year," he added.\n'
    )
    got = said(nlp, text)
    assert got["The crowd carried me home"] == "Sean Cullen"
    assert got["I will be back next year"] == "Sean Cullen"


@pytest.mark.parametrize("word", ["Dubliner", "Aucklander", "Glaswegian"])
def test_someone_from_a_place_is_nobody_when_no_one_was_the_subject_before(nlp, word):
    text = f'{_LEAD}The title went to Sean Cullen on Sunday. "The crowd carried me home," the {word} said.\n'
    assert said(nlp, text)["The crowd carried me home"] is None


def test_someone_from_a_place_is_the_person_the_text_calls_so(nlp):
    text = (
        f"{_LEAD}Sean Cullen won the race. Jane Roe, a Londoner, was second. "
        '"I was tired after the first hill," the Londoner said.\n'
    )
    assert said(nlp, text)["I was tired after the first hill"] == "Jane Roe"


@pytest.mark.parametrize("paper", ["Examiner", "Guardian"])
def test_a_newspaper_named_like_a_townsman_still_speaks(nlp, paper):
    text = (
        f"{_LEAD}Sean Cullen won the race. The {paper} reported the result on Monday. "
        f'"The race was the fastest in years," the {paper} said.\n'
    )
    assert said(nlp, text)["The race was the fastest in years"] == paper


@pytest.mark.parametrize(
    "who", ["the 27-year-old", "the veteran", "the two-time champion", "the 19-year-old Dubliner", "the rookie"]
)
@pytest.mark.parametrize("verb", ["told reporters", "told the BBC", "said"])
def test_a_description_after_the_quote_is_the_subject_just_before(nlp, who, verb):
    # ("the 27-year-old told reporters": the parse may make "told" an adjective of "reporters")
    text = f'{_LEAD}Anna Berg reached the final on Friday. "I feel ready for anyone," {who} {verb}.\n'
    assert said(nlp, text)["I feel ready for anyone"] == "Anna Berg"


@pytest.mark.parametrize("who", ["the 27-year-old", "the veteran", "the former champion"])
def test_a_description_is_nobody_when_two_people_led_the_sentence_before(nlp, who):
    text = (
        f'{_LEAD}Anna Berg and Mia Holt reached the final on Friday. "I feel ready for anyone," {who} told reporters.\n'
    )
    got = said(nlp, text)["I feel ready for anyone"]
    assert got is None or got.startswith("the ")  # either of them: unknown, or the description as written
