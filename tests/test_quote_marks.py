"""Where quotes start and end in copy that quotes with single marks (much of the British press),
on invented passages in general form: a quote opening mid-paragraph that runs on over the next
ones, quotes opening with an ellipsis, a bracketed insertion, a figure or a nested quote, an
elided 'n' inside a quote, and closing marks typed with the opener's shape."""

from __future__ import annotations

import pytest

from reader.model.analysis.nlp import load_pipeline
from tests.flatten import flatten
from tests.quote_probe import said


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


# A single-mark quote opened mid-paragraph, re-opened in the next -----------------------------


@pytest.mark.parametrize(
    "lead",
    [
        "Ms Hale read a statement on the steps of the town hall: ",
        "Ms Hale was defiant when she spoke outside the town hall. ",
        "Ms Hale said, ",
    ],
)
@pytest.mark.parametrize("mark", ["\u2018", "'"])
def test_a_single_mark_quote_opened_mid_paragraph_runs_over_the_next(nlp, lead, mark):
    close = "\u2019" if mark == "\u2018" else "'"
    text = (
        "The council has lost its appeal against the housing ruling.\n\n"
        f"{lead}{mark}We accept the court's decision, though we do not agree with it. The homes will be "
        "built.\n\n"
        f"{mark}What matters now is that families get the houses they were promised,{close} she said.\n\n"
        "The scheme will add 400 homes to the estate.\n"
    )
    got = said(nlp, text)
    whole = [k for k in got if k.startswith("We accept the court's decision")]
    assert len(whole) == 1 and whole[0].endswith("the houses they were promised")
    assert got[whole[0]] == "Hale"
    assert "What matters now is that families get the houses they were promised" not in got


def test_a_dangling_elision_before_a_quote_paragraph_starts_no_quote(nlp):
    text = (
        "Fans packed the ground for the derby on Saturday, and the home side gave 'em a lesson.\n\n"
        "'It was the best day of my life,' said supporter Joe Dunn, 19.\n"
    )
    got = said(nlp, text)
    assert got.get("It was the best day of my life") == "Joe Dunn"
    assert len(got) == 1


# Single-mark quotes that open with something other than a letter ------------------------------


@pytest.mark.parametrize(
    "opening",
    [
        "... These failures put patients at risk.",
        "[The trust] failed the families it was meant to serve.",
        "\u201cSafety first\u201d was never more than a slogan here.",
        "2,300 patients waited more than a year for treatment.",
    ],
)
def test_a_single_mark_quote_may_open_with_an_ellipsis_a_bracket_a_nested_quote_or_a_figure(nlp, opening):
    text = (
        "A report into the hospital trust was published on Thursday.\n\n"
        "\u2018The board did not act on the warnings it was given,\u2019 said the report\u2019s author, "
        f"Dr Amir Shah. \u2018{opening}\u2019\n\n"
        "\u2018We will study the findings closely,\u2019 said the trust\u2019s chief executive, Ruth Cole.\n"
    )
    got = said(nlp, text)
    assert got.get(opening.rstrip(".")) == "Amir Shah"


def test_a_decade_elided_after_a_single_mark_opens_no_quote(nlp):
    text = (
        "The band first played the venue in the '90s and came back on Friday.\n\n"
        "'It feels like coming home,' said the singer, Kate Moore.\n"
    )
    got = said(nlp, text)
    assert got == {"It feels like coming home": "Kate Moore"}


# An elided 'n' inside a single-mark quote ------------------------------------------------------


@pytest.mark.parametrize("flat", [False, True])
@pytest.mark.parametrize("marks", ["''''", "\u2018\u2019\u2019\u2019"])
def test_an_elided_n_in_marks_does_not_close_the_quote(nlp, flat, marks):
    o, a, b, c = marks
    text = (
        "The singer turns 70 next month.\n\n"
        f"{o}Rock {a}n{b} roll saved my life,{c} said Vic Dawson. {o}We had nothing else.{c}\n"
    )
    got = said(nlp, flatten(text)[0] if flat else text)
    assert got.get(f"Rock {a}n{b} roll saved my life") == "Vic Dawson"
    assert f"Rock {a}n" not in got


# A closing single mark typed with the opener's shape -------------------------------------------


@pytest.mark.parametrize("flat", [False, True])
def test_a_closing_single_mark_typed_as_an_opener_closes(nlp, flat):
    text = (
        "Residents met the developer on Tuesday.\n\n"
        "\u2018We were never asked,\u2018 said Pat Lowe, who lives opposite the site. "
        "\u2018Nobody knocked on a single door.\u2018\n\n"
        "The developer said it had consulted widely.\n"
    )
    got = said(nlp, flatten(text)[0] if flat else text)
    assert got.get("We were never asked") == "Pat Lowe"
    assert got.get("Nobody knocked on a single door") == "Pat Lowe"


# A one-word title set before the noun for the work it names ------------------------------------


@pytest.mark.parametrize(
    "sentence, title",
    [
        ("The minister told the BBC's \u201cToday\u201d programme that talks would resume on Monday.", "Today"),
        ("Ms Quinn, who wrote the \u201cWolfhall\u201d novels, said she had been asked to write a sequel.", "Wolfhall"),
        ("He said in a \u201cPanorama\u201d documentary that he had warned his bosses.", "Panorama"),
    ],
)
def test_a_one_word_title_before_the_noun_for_its_work_is_no_quote(nlp, sentence, title):
    text = f"Talks on the strike have stalled.\n\n{sentence}\n"
    assert title not in said(nlp, text)


def test_a_one_word_quote_before_a_noun_that_names_no_work_is_still_a_quote(nlp):
    text = (
        "The ministers met again on Monday.\n\n"
        "Asked whether a deal was close, the minister said \u201cNo\u201d twice and left the room.\n"
    )
    assert said(nlp, text).get("No") is not None


# A clause in single marks in copy that quotes with double ones -------------------------------


@pytest.mark.parametrize("flat", [False, True])
def test_a_single_marked_clause_with_its_cue_counts_in_double_mark_copy(nlp, flat):
    text = (
        "The school reopened on Monday after the floods.\n\n"
        'Head teacher Rosa Okafor said she was "overjoyed". \'I never thought we would be back '
        'so soon,\' she said. "The children have been amazing."\n\n'
        "Repairs cost more than \u00a32m.\n"
    )
    got = said(nlp, flatten(text)[0] if flat else text)
    assert got.get("I never thought we would be back so soon") == "Rosa Okafor"
    assert got.get("The children have been amazing") == "Rosa Okafor"


def test_a_single_marked_phrase_in_double_mark_copy_stays_out(nlp):
    text = (
        "The council approved the plan on Monday.\n\n"
        "\"We listened to residents,\" said councillor Ian Bell. The so-called 'garden tax' will "
        "be dropped, he said.\n"
    )
    got = said(nlp, text)
    assert "garden tax" not in got


# A title set beside the noun "title" ---------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The report's title, \u201cFailing Our Children\u201d, says it all.",
        "The exhibition goes under the title \u201cSalt and Iron\u201d.",
        "The campaign's tagline, \u201cEvery Vote Counts\u201d, is on every bus.",
    ],
)
def test_a_quote_set_beside_the_noun_title_is_a_title(nlp, sentence):
    text = f"The museum opened its doors on Friday.\n\n{sentence} Visitors queued for hours.\n"
    assert said(nlp, text) == {}


def test_a_sentence_after_a_title_cue_and_a_colon_is_speech(nlp):
    text = (
        "Moss won the final in straight sets.\n\n"
        "Speaking after she retained her title: \u201cI did it for my mum. She never missed a match.\u201d\n"
    )
    assert "I did it for my mum. She never missed a match" in said(nlp, text)


# A verdict in marks right after a sentence giving a named person's stance ---------------------


@pytest.mark.parametrize(
    "stance, verdict",
    [
        ("Councillor Jean Platt was blunt.", 'The proposal was "dead on arrival."'),
        ("Rovers manager Sam Idowu was scathing on Saturday.", 'The decision was "a disgrace".'),
        ("Senator Ruth Gaines spoke at length on the floor.", 'The bill is "a betrayal of rural voters."'),
    ],
)
def test_a_verdict_in_marks_after_a_stance_sentence_is_the_persons(nlp, stance, verdict):
    text = f"The vote was held on Tuesday.\n\n{stance} {verdict}\n"
    quoted = verdict.split('"')[1].rstrip(".")
    got = said(nlp, text)
    assert quoted in got and got[quoted] is not None and got[quoted].split()[-1] in stance


@pytest.mark.parametrize(
    "sentence",
    [
        'Councillor Jean Platt visited the site on Monday. The road is "a death trap".',
        'Ministers insist that all is well. The economy is "fine".',
    ],
)
def test_a_quoted_complement_after_no_stance_stays_a_term(nlp, sentence):
    text = f"The vote was held on Tuesday.\n\n{sentence}\n"
    assert said(nlp, text) == {}


def test_a_relative_clause_with_its_judge_parsed_as_a_participle_gives_a_quote(nlp):
    text = (
        "The series opens on Friday.\n\n"
        "It is the thriller of the summer, with a performance from Lena Kovac that critics have "
        "called \u201ccareer-best\u201d.\n"
    )
    assert said(nlp, text).get("career-best") == "critics"


@pytest.mark.parametrize("work", ["chapter", "poem", "essay", "track"])
def test_a_title_set_beside_a_part_of_a_work_is_a_title(nlp, work):
    text = (
        "Maya Ross has written a tender, unhurried debut.\n\n"
        f"Ross writes with a poet's ear, and the book's best {work}, \u201cSalt\u201d, is a small masterpiece.\n"
    )
    assert "Salt" not in said(nlp, text)


@pytest.mark.parametrize("verb", ["kept saying", "said:", "wrote,"])
def test_a_lone_single_mark_quote_after_a_speech_verb_is_a_quote(nlp, verb):
    text = (
        "The band recorded the album in a week.\n\n"
        f"QUIST: That's right. Tom, our producer, {verb} 'stop fixing it, it's fine'. He was right.\n"
    )
    assert "stop fixing it, it's fine" in said(nlp, text)


@pytest.mark.parametrize("verb", ["quipped", "enthused", "confided", "raged", "hissed", "moaned"])
def test_a_short_quote_before_a_tabloid_speech_verb_is_the_speakers(nlp, verb):
    text = (
        "The match ended in a draw.\n\n"
        f"\u201cNever again,\u201d {verb} Gary Lind, the home manager, after the final whistle.\n"
    )
    assert said(nlp, text).get("Never again") == "Gary Lind"


@pytest.mark.parametrize(
    "sentence, quoted",
    [
        (
            'What would a question like "the greatest woman in the world" reveal to you?',
            "the greatest woman in the world",
        ),
        (
            'Nobody should answer a question like "where do you see yourself in five years".',
            "where do you see yourself in five years",
        ),
    ],
)
def test_words_given_as_an_example_of_words_are_no_quote(nlp, sentence, quoted):
    text = f"We spoke to the author about her new book.\n\n{sentence}\n"
    assert quoted not in said(nlp, text)


def test_names_someone_called_people_like_this_are_still_quotes(nlp):
    text = (
        "The candidate's record is long.\n\n"
        'Jane Roe has called opponents derogatory names, like "clowns," and mocked a reporter.\n'
    )
    assert said(nlp, text).get("clowns") == "Jane Roe"


@pytest.mark.parametrize(
    "sentence, quoted, is_quote",
    [
        (
            "There is a phrase that has spread through offices like damp: \u201cgoing forward\u201d.",
            "going forward",
            False,
        ),
        ("The word of the year, chosen by lexicographers: \u201cpermacrisis\u201d.", "permacrisis", False),
        ("His favourite phrase, he said: \u201cwe go again\u201d.", "we go again", True),
    ],
)
def test_a_phrase_a_colon_brings_in_after_a_sentence_about_words_is_no_quote(nlp, sentence, quoted, is_quote):
    text = f"The office has a language of its own, says manager Joan Lee.\n\n{sentence}\n"
    assert (quoted in said(nlp, text)) == is_quote


@pytest.mark.parametrize("role", ["Procurement chief", "Defence Secretary", "Former ambassador"])
def test_a_quote_signed_after_a_dash_by_a_role_and_a_name_is_the_names(nlp, role):
    text = (
        "Key quotes from the hearing:\n\n"
        f'\u2022 "The contracts were awarded properly." \u2014 {role} Tom Abel\n\n'
        "The committee will report in June.\n"
    )
    assert said(nlp, text).get("The contracts were awarded properly") == "Tom Abel"


def test_a_quote_opening_its_line_signed_after_a_comma_and_a_dash_is_the_signers(nlp):
    text = (
        "Key quotes from the hearing:\n\n"
        '\u2022 "I have never met the man," \u2014 Defence Secretary Lynn Ashe\n\n'
        'Critics called the deal "a scandal," \u2014 Tom Hale, a backbencher, disagreed.\n'
    )
    got = said(nlp, text)
    assert got.get("I have never met the man") == "Lynn Ashe"
    assert got.get("a scandal") != "Tom Hale"
