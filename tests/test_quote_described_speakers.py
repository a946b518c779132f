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


_DEATH = "Inquest\n\nThe inquest opened on Tuesday. Peter Hanlon, 54, died in the crash in May. "


@pytest.mark.parametrize("kin, given", [("widow", "Carol"), ("mother", "Siobhan"), ("son", "Mark")])
def test_a_given_name_beside_a_relative_is_a_person_who_speaks_after(nlp, kin, given):
    # (the model may take the bare given name for a product or a place)
    text = (
        f"{_DEATH}Hanlon's {kin}, {given}, said the family could not forgive the driver. "
        f'"He took everything from us," {"he" if kin == "son" else "she"} said.\n\n'
        f'"We just want answers," {given} told the coroner.\n'
    )
    got = said(nlp, text)
    assert got["He took everything from us"] in (given, f"{given} Hanlon")
    assert got["We just want answers"] in (given, f"{given} Hanlon")


def test_a_relative_of_someone_unnamed_is_no_one_named_before(nlp):
    text = (
        "Sentencing\n\nJudge Mary Keane heard the case on Monday. The victim's mother, Siobhan, said she could "
        'not forgive him. "He took everything from us," she said.\n'
    )
    assert said(nlp, text)["He took everything from us"] == "Siobhan"


_COURT = "Court\n\nDaniel Moyes, 31, of Leeds, appeared at the Crown Court on Monday. "


@pytest.mark.parametrize(
    "between",
    [
        "The court heard the thefts took place over two years. The money was spent on gambling. The firm nearly closed.",
        "\n\nThe court heard the thefts took place over two years.\n\nThe money was spent on gambling.\n\n",
    ],
)
def test_a_he_said_far_from_the_only_man_named_is_that_man(nlp, between):
    text = f'{_COURT}{between} "I am deeply ashamed," he said.\n'
    assert said(nlp, text)["I am deeply ashamed"] == "Daniel Moyes"


@pytest.mark.parametrize(
    "since",
    [
        "The judge, Tom Reid, said the thefts were planned.",  # another man named
        "A witness was called.",  # another man, unnamed
        "Moyes and Ben Ortiz had worked together.",
    ],
)
def test_a_he_said_far_from_the_only_man_named_is_nobody_when_another_could_be_he(nlp, since):
    text = (
        f"{_COURT}The court heard the thefts took place over two years. {since} The money was spent on gambling. "
        'The firm nearly closed. "I am deeply ashamed," he said.\n'
    )
    got = said(nlp, text)["I am deeply ashamed"]
    assert got != "Daniel Moyes" and (got is None or got == "Tom Reid" or got.lower().startswith("a "))


_RULING = "Ruling\n\nThe High Court ruled on Friday in the land case. "


@pytest.mark.parametrize(
    "body",
    [
        "A division bench of Justices Arun Mehta and Kavita Rao",
        "A bench comprising Chief Justice Arun Mehta and Justice Kavita Rao",
        "The panel, led by Arun Mehta and Kavita Rao,",
    ],
)
def test_a_body_of_several_named_people_is_none_of_them(nlp, body):
    text = (
        f'{_RULING}{body} observed that the delay was "unexplained and unacceptable".\n\n'
        '"The state cannot sit on its hands," the bench said.\n'
    )
    got = said(nlp, text)
    assert got["unexplained and unacceptable"] not in ("Arun Mehta", "Kavita Rao")
    assert got["The state cannot sit on its hands"] not in ("Arun Mehta", "Kavita Rao")


def test_the_court_is_the_court_not_its_judge(nlp):
    text = f'{_RULING}Justice Kavita Rao heard the case. "The state cannot sit on its hands," the court said.\n'
    assert said(nlp, text)["The state cannot sit on its hands"] == "High Court"


@pytest.mark.parametrize(
    "after",
    [
        '"You betrayed your employer," the judge said.',
        'The judge said the offences were serious. "You betrayed your employer," he said.',
        'Sentencing him, the magistrate said: "You betrayed your employer."',
    ],
)
def test_the_judge_is_never_the_person_judged(nlp, after):
    text = f"Court\n\nDaniel Moyes, 31, of Leeds, admitted fraud at the Crown Court on Monday. {after}\n"
    assert said(nlp, text)["You betrayed your employer"] != "Daniel Moyes"


def test_the_judge_is_the_judge_the_report_names(nlp):
    text = (
        "Court\n\nDaniel Moyes, 31, admitted fraud at the Crown Court on Monday before Judge Mary Keane. "
        '"You betrayed your employer," the judge said.\n'
    )
    assert said(nlp, text)["You betrayed your employer"] == "Mary Keane"


@pytest.mark.parametrize(
    "lead, abbr, who",
    [
        (
            "Maharashtra Chief Minister Anil Deshpande on Tuesday said the project would go ahead.",
            "CM",
            "Anil Deshpande",
        ),
        ("Superintendent of Police Ravi Kant said the accused had fled.", "SP", "Ravi Kant"),
        ("Kate Rowe, the Prime Minister, met union leaders on Tuesday.", "PM", "Kate Rowe"),
    ],
)
def test_a_role_by_its_initials_is_the_person_given_that_role(nlp, lead, abbr, who):
    text = f'Report\n\nThe state government came under fire. {lead} "We will not be cowed down," the {abbr} said.\n'
    assert said(nlp, text)["We will not be cowed down"] == who


def test_a_role_by_its_initials_is_nobody_when_two_hold_it(nlp):
    text = (
        "Report\n\nChief Minister Anil Deshpande met former Chief Minister Ravi Kant on Tuesday. "
        '"We will not be cowed down," the CM said.\n'
    )
    assert said(nlp, text)["We will not be cowed down"] in (None, "Anil Deshpande")


@pytest.mark.parametrize("body", ["FBI", "BBC", "US"])
def test_initials_that_spell_no_role_are_a_body(nlp, body):
    text = f'Report\n\nUS Secretary Tom Lane testified on Tuesday. "We acted lawfully," the {body} said.\n'
    assert said(nlp, text)["We acted lawfully"] != "Tom Lane"


_MATCH = "Hurling\n\nIt was a dramatic afternoon at the stadium. Shane Dooley hit 1-9 as Offaly beat Kilkenny. "


@pytest.mark.parametrize("who", ["the Kilkenny native", "the Obama aide", "the Rovers fan"])
def test_a_name_describing_the_speaker_is_not_the_speaker(nlp, who):
    text = f'{_MATCH}"We had to dig deep," {who} said.\n'
    assert said(nlp, text)["We had to dig deep"] not in ("Kilkenny", "Obama", "Rovers")


@pytest.mark.parametrize("who", ["the Galway manager", "the Tipp skipper"])
def test_a_team_the_scene_never_ties_to_the_subject_means_someone_else(nlp, who):
    text = f'{_MATCH}"We had to dig deep," {who} said.\n'
    assert said(nlp, text)["We had to dig deep"] != "Shane Dooley"


def test_a_team_the_scene_ties_to_the_subject_is_the_subject(nlp):
    text = f'{_MATCH}"We had to dig deep," the Offaly man said.\n'
    assert said(nlp, text)["We had to dig deep"] == "Shane Dooley"


@pytest.mark.parametrize("body", ["Vatican", "Taliban", "Kremlin"])
def test_a_body_named_like_a_townsman_is_that_body(nlp, body):
    text = (
        f'News\n\nIt was a busy day in the capital. Jane Roe resigned on Monday. "This was overdue," the {body} said.\n'
    )
    assert said(nlp, text)["This was overdue"] == body


def test_he_replied_after_a_woman_asked_is_not_her_though_her_gender_is_unknown(nlp):
    # (the model may miss the witness's name: the one name it holds is no safe "he")
    text = (
        "Trial\n\nA guard testified on Wednesday. Marcus Bell, 34, told jurors he saw a man with a can. "
        '"I shouted at him to stop," Bell said. Under cross-examination by defence lawyer Priya Raman, Bell '
        'admitted the lighting was poor. "Could you see his face?" Raman asked. "Not clearly," he replied.\n'
    )
    assert said(nlp, text)["Not clearly"] != "Priya Raman"
