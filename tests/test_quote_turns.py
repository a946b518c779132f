"""Turns of speakers in text whose paragraph breaks are lost (feeds, wire copy on one line): a
quote standing alone continues the turn of the quote before it, never one from further back.
Found by flattening the development sets (benchmarks/quote_perturb.py --flatten); the passages
here are invented, in general form."""

from __future__ import annotations

import pytest

from reader.model.analysis.nlp import load_pipeline
from tests.quote_probe import said


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize(
    "newcomer",
    [
        "Retired driver Owen Pask, 79, takes the bus into town twice a day.",
        "Owen Pask, who is 79, takes the bus into town twice a day.",
        "Two neighbours, Owen Pask and Ian Vale, take the bus into town twice a day.",
        "Many pensioners take the bus into town twice a day.",
    ],
)
def test_a_quote_after_one_whose_speaker_is_unsettled_does_not_go_back_to_an_earlier_speaker(nlp, newcomer):
    text = (
        "Bus cuts Residents reacted angrily to plans to cut the route. Councillor Ruth Adler, who leads the "
        'transport board, said: "Nobody wants to cut buses, but we have to balance the books." '
        f'{newcomer} "It is the only way some of us get anywhere," he said. "What are we supposed to do now?" '
        "A petition has been launched.\n"
    )
    got = said(nlp, text)
    assert got["Nobody wants to cut buses, but we have to balance the books"] == "Ruth Adler"
    assert got["What are we supposed to do now?"] == got["It is the only way some of us get anywhere"]
    assert got["What are we supposed to do now?"] != "Ruth Adler"


@pytest.mark.parametrize("word, speaker", [("latter", "Tom Brandt"), ("former", "Anna Okafor")])
def test_the_former_and_the_latter_are_the_two_just_named(nlp, word, speaker):
    text = (
        "Talks\n\nMs. Anna Okafor met Mr. Tom Brandt in Berlin on Monday. "
        f'The {word} said the talks had been "constructive".\n'
    )
    assert said(nlp, text)["constructive"] == speaker


def test_the_latter_after_three_names_is_nobody(nlp):
    text = (
        "Talks\n\nMs. Anna Okafor met Mr. Tom Brandt and Ms. Eva Ruiz in Berlin on Monday. "
        'The latter said the talks had been "constructive".\n'
    )
    assert said(nlp, text)["constructive"] is None


def test_the_former_is_not_the_last_speaker_by_default(nlp):
    # the latter spoke first; "the former" then is the other one, not the turn going on
    text = (
        "Talks\n\nMs. Anna Okafor met Mr. Tom Brandt in Berlin. The latter said the talks were "
        '"constructive". The former was less upbeat: "We are far apart."\n'
    )
    got = said(nlp, text)
    assert got["constructive"] == "Tom Brandt"
    assert got["We are far apart"] == "Anna Okafor"


@pytest.mark.parametrize("joined", ["and her colleague Dr. Paul Stein", "and Dr. Paul Stein"])
def test_a_person_joined_to_the_subject_is_a_subject_for_a_pronoun(nlp, joined):
    text = (
        f"Study\n\nDr. Ines Moreau {joined} led the study. "
        '"The results surprised us," she said. "We expected the opposite," he added.\n'
    )
    got = said(nlp, text)
    assert got["The results surprised us"] == "Ines Moreau"
    assert got["We expected the opposite"] == "Paul Stein"


@pytest.mark.parametrize("label", ["Rosa Ibanez", "ROSA IBANEZ"])
def test_i_in_a_transcript_is_the_person_its_label_names(nlp, label):
    text = (
        "Interview\n\nRosa Ibanez founded the co-operative in 2015.\n\n"
        "Reporter: How did it start?\n\n"
        f'{label}: A friend asked me to help. I told her, "Give me a year." She laughed.\n'
    )
    got = said(nlp, text)
    assert got["Give me a year"] is not None and got["Give me a year"].casefold() == "rosa ibanez"


@pytest.mark.parametrize("lead", ["Reporter: ", "", "In short: "])
def test_i_without_a_label_naming_a_person_is_nobody(nlp, lead):
    text = (
        "Interview\n\nRosa Ibanez founded the co-operative in 2015.\n\n"
        f'{lead}A friend asked me to help. I told her, "Give me a year." She laughed.\n'
    )
    assert said(nlp, text)["Give me a year"] is None


def test_he_after_two_men_made_subjects_together_is_nobody(nlp):
    text = 'Talks\n\nTom Hale and Ben Ortiz argued for an hour on Monday. "It\'s over," he said.\n'
    assert said(nlp, text)["It's over"] is None


def test_she_after_a_man_and_a_woman_made_subjects_together_is_the_woman(nlp):
    # NER may miss the second name; the parse joins it to the subject
    text = 'Talks\n\nTom Hale and Ana Ruiz argued for an hour on Monday. "It\'s over," she said.\n'
    assert said(nlp, text)["It's over"] == "Ana Ruiz"


def test_they_after_two_people_made_subjects_together_is_both(nlp):
    text = 'Talks\n\nTom Hale and Ana Ruiz argued for an hour on Monday. "It\'s over," they said.\n'
    assert said(nlp, text)["It's over"] == "Tom Hale and Ana Ruiz"


@pytest.mark.parametrize("denial", ["was not.", "was not, however."])
def test_a_stance_denied_by_ellipsis_brings_in_the_quote_after_it(nlp, denial):
    # "X was not." answers the stance of the sentence before: the quote after it is X's
    text = (
        'Match\n\nCoach Eddie Howe was upbeat. "We were brilliant."\n\n'
        f'Mikel Arteta {denial} "We gave them the game."\n'
    )
    got = said(nlp, text)
    assert got["We were brilliant"] == "Eddie Howe"
    assert got["We gave them the game"] == "Mikel Arteta"
