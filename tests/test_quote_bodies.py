"""Bodies as speakers, and the documents that speak for them: a statement "from X", "a police
statement", the bodies a dispute or a state defines ("the opposition", "the palace"), and groups
of people named by what they do ("the rebels"). Invented passages in general form."""

from __future__ import annotations

import pytest

from reader.model.analysis.nlp import load_pipeline
from tests.quote_probe import said


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize("body", ["the Interior Ministry", "Norland Rail", "the Harbour Authority"])
def test_a_statement_from_a_named_body_is_the_bodys(nlp, body):
    text = f'Delays\n\n"Services will resume on Monday," a statement from {body} said.\n'
    got = said(nlp, text)["Services will resume on Monday"]
    assert got is not None and got in body


@pytest.mark.parametrize("noun", ["police", "ministry", "army", "company"])
def test_a_document_a_body_noun_modifies_is_that_bodys(nlp, noun):
    # "a police statement": the police, not the paper they wrote
    text = f'Inquiry\n\n"The suspect was known to us," a {noun} statement said.\n'
    assert said(nlp, text)["The suspect was known to us"] == noun


@pytest.mark.parametrize("named", ["the Ministry of Health", "the Interior Ministry"])
def test_a_body_noun_on_a_document_means_the_body_named_with_that_noun(nlp, named):
    text = (
        f"Cases\n\n{named[0].upper()}{named[1:]} said cases had fallen for a third week.\n\n"
        '"There is no cause for alarm," a ministry statement said.\n'
    )
    got = said(nlp, text)["There is no cause for alarm"]
    assert got is not None and got.split()[-1] != "statement" and got in named


@pytest.mark.parametrize(
    "body", ["the opposition", "the cabinet", "the palace", "the prosecution", "the junta", "the presidency"]
)
def test_a_body_a_state_or_a_dispute_defines_speaks_as_written(nlp, body):
    text = f'Vote\n\n"The result cannot stand," {body} said in a statement.\n'
    assert said(nlp, text)["The result cannot stand"] == body


@pytest.mark.parametrize("body", ["the opposition", "the palace", "the prosecution"])
def test_such_a_body_is_not_the_body_named_just_before(nlp, body):
    # the body named lately is someone else: the opposition is not the ruling party
    text = (
        "Vote\n\nThe Unity Party won 61 percent of the vote, the Northland Electoral Board said on "
        f'Sunday.\n\n"The result cannot stand," {body} said.\n'
    )
    got = said(nlp, text)["The result cannot stand"]
    assert got == body


@pytest.mark.parametrize("group", ["rebels", "militants", "fighters", "troops"])
def test_armed_groups_are_people_who_speak(nlp, group):
    text = f'Talks\n\n"No deal is possible while the shelling goes on," the {group} said.\n'
    assert said(nlp, text)["No deal is possible while the shelling goes on"] == f"the {group}"


def test_plural_nouns_ending_in_es_are_people_too(nlp):
    text = 'Trial\n\n"He was there that night," two witnesses told the court.\n'
    assert said(nlp, text)["He was there that night"] == "two witnesses"


def test_a_report_by_a_body_set_off_by_commas_is_the_bodys(nlp):
    text = 'Cuts\n\nThe report, by the Institute for Fiscal Studies, found the cuts were "regressive".\n'
    assert said(nlp, text)["regressive"] == "Institute for Fiscal Studies"


@pytest.mark.parametrize(
    "before, document",
    [
        ("Health Secretary Wes Streeting wrote to colleagues on Friday.", "The letter says"),
        ("Singer Dua Okoro posted a long message on Instagram late on Sunday.", "The post said"),
    ],
)
def test_a_letter_or_post_is_what_the_named_writer_just_wrote(nlp, before, document):
    text = f'Break\n\n{before} {document} the plan is "unaffordable".\n'
    got = said(nlp, text)["unaffordable"]
    assert got in ("Wes Streeting", "Dua Okoro")


def test_a_letter_after_someone_else_wrote_is_nobodys_but_the_letter(nlp):
    # the writer of the sentence before is no named person: the document speaks as written
    text = 'Break\n\nWes Streeting spoke on Friday. A reporter wrote about it. The letter says the plan is "unaffordable".\n'
    assert said(nlp, text)["unaffordable"] == "The letter"
