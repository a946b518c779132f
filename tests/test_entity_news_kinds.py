"""Kinds of entity mistakes on news, each on invented text: national sports teams named by their
country are bodies, not places, and their other names group with them."""

from __future__ import annotations

import pytest
from test_aliases import corpus
from test_entity_rules import kinds, recognise

from reader.model.analysis import entity_additions, sports_teams
from reader.model.analysis.results import FileAnalysis
from reader.model.corpus import aliases


@pytest.fixture(scope="module")
def nlp():
    from reader.model.analysis.nlp import ModelUnavailable, load_pipeline

    try:
        return load_pipeline()
    except ModelUnavailable:  # pragma: no cover
        pytest.skip("no spaCy model")


MATCH = (
    "Portugal beat Ghana 3 \u2013 2 on Thursday in the opening game of Group H.\n\n"
    "Portugal had more of the ball from the start, and Ghana's keeper made four saves before the break. "
    "The Ghanaians levelled twice. The coach of Portugal, who grew up in Ghana, praised the "
    "travelling fans from Portugal."
)


def test_countries_that_play_a_match_are_teams(nlp):
    ms, _ = recognise(nlp, MATCH)
    team = [m for m in ms if m.text in ("Portugal", "Ghana")]
    assert team and {m.kind for m in team[:4]} == {"ORG"}
    # a place where the text places it: "grew up in Ghana", "fans from Portugal"
    for word in ("in Ghana", "from Portugal"):
        k = MATCH.index(word) + len(word.split()[0]) + 1
        assert [m.kind for m in ms if m.start == k] in ([], ["PLACE"])


def test_a_teams_other_names_join_it(nlp):
    ms, hints = recognise(nlp, MATCH)
    ents = aliases.build_entities([("match.txt", MATCH, FileAnalysis(mentions=ms, alias_hints=hints))])
    ghana = [e for e in ents if e.name == "Ghana" and e.kind == "ORG"]
    assert ghana and "Ghanaians" in ghana[0].aliases


def test_a_team_in_one_article_makes_no_team_of_the_country_in_another():
    match = "Ghana 2-1 Togo. Ghana scored late. Ghana held on. Togo lost. Ghana won the group."
    docs = corpus(
        (match, [("Ghana", "ORG")] * 4 + [("Togo", "ORG")] * 2),
        ("Floods hit Ghana on Monday; Togo was spared.", [("Ghana", "PLACE"), ("Togo", "PLACE")]),
        ("Aid reached Ghana and crossed into Togo.", [("Togo", "PLACE")]),
    )
    ents = aliases.build_entities(docs)
    kind_in = {(m.file, m.text): e.kind for e in ents for m in e.mentions}
    assert kind_in[(0, "Ghana")] == kind_in[(0, "Togo")] == "ORG"
    assert kind_in[(1, "Ghana")] == kind_in[(1, "Togo")] == kind_in[(2, "Togo")] == "PLACE"
    assert kind_in.get((2, "Ghana"), "PLACE") == "PLACE"  # an untagged recurrence is no team


@pytest.mark.parametrize(
    "text",
    [
        "Germany defeated France in 1940 and held Paris for four years.",
        "Brazil and Argentina signed the 2-3 year trade pact on Monday.",
        "The court ruled 5-4 that Spain owed Italy the money.",
        "Turnout in Poland rose 3-4 percent over Hungary's.",
        "Poland 2-3 percent, Hungary 4-5 percent: turnout fell.",
    ],
)
def test_no_score_between_two_countries_no_teams(text):
    spans = [(m.start(), m.end(), "PLACE") for m in _countries(text)]
    assert sports_teams.retype(text, spans) == (spans, [])


def test_a_score_between_two_countries_makes_them_sides():
    text = "Group B \u2014 Chile 1-0 Peru\n\nChile pressed high from kick-off."
    spans = [(m.start(), m.end(), "PLACE") for m in _countries(text)]
    out, _ = sports_teams.retype(text, spans)
    assert [k for _, _, k in out] == ["ORG", "ORG", "ORG"]


def _countries(text: str):
    import re

    return re.finditer(r"Germany|France|Brazil|Argentina|Spain|Italy|Poland|Hungary|Chile|Peru", text)


# --- names of things ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "src,thing",
    [
        (
            "The crew spent a month aboard the research vessel, Polar Tern. The Polar Tern later sailed "
            "for Hobart, said captain Ana Ruiz.",
            "Tern",
        ),
        ("It is time for KX4 users to move on, the company said.", "KX4"),
        ("Web developers still test pages in QB5, said Ian Cole of Norvik Labs.", "QB5"),
    ],
)
def test_things_named_after_their_class_noun_or_by_a_model_code(nlp, src, thing):
    ms, _ = recognise(nlp, src)
    assert not [m for m in ms if thing in m.text], [(m.text, m.kind) for m in ms]


def test_a_person_after_a_class_noun_and_a_comma_who_speaks_stays(nlp):
    ms, _ = recognise(nlp, "They boarded the ferry, Maria Lopez said on Friday.")
    assert kinds(ms).get("Maria Lopez") == {"PERSON"}


# --- a person's name cut short ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "src,name",
    [
        ("The graphic novel came out with illustrator Johnnie Christmas. Sales were strong.", "Johnnie Christmas"),
        ("Early chances fell to Ann Roe, Tim Bell, and Junius Mertens making runs down the wing.", "Junius Mertens"),
    ],
)
def test_a_person_cut_from_the_rest_of_the_name_gets_it_back(nlp, src, name):
    ms, _ = recognise(nlp, src)
    assert kinds(ms).get(name) == {"PERSON"}, [(m.text, m.kind) for m in ms]


def test_a_surname_before_a_capitalised_noun_is_not_lengthened(nlp):
    text = "Andy Warhol took them. The Warhol Polaroid show opened."
    doc = nlp(text)
    a = text.index("Warhol", 20)
    spans = [(0, 11, "PERSON"), (a, a + 6, "PERSON")]
    assert entity_additions.complete_person_names(doc, text, spans, []) == spans


# --- a body's acronym after a person -------------------------------------------------------------


def test_the_acronym_a_person_is_of_is_a_body(nlp):
    # acronyms that are also words for things (a chemical, a drug): the model tags neither
    ms, _ = recognise(nlp, "Ines Duarte of BPA and Rui Sousa of LSD were re-elected, as well as two newcomers.")
    k = kinds(ms)
    assert k.get("BPA") == {"ORG"} and k.get("LSD") == {"ORG"}, k


def test_a_place_code_after_a_person_is_no_body():
    text = "Tom Hart of UK and Ann Roe of ACLU spoke."
    spans = [(0, 8, "PERSON"), (text.index("Ann"), text.index("Ann") + 7, "PERSON")]
    k = text.index("ACLU")
    assert entity_additions.acronyms_of_people(text, spans) == [(k, k + 4, "ORG")]


def test_a_function_word_opening_the_sentence_joins_no_name(nlp):
    text = "Tom Haverly mixed it. My Haverly was sweet, she said."
    doc = nlp(text)
    a = text.index("Haverly", 5)
    spans = [(a, a + 7, "PERSON")]
    assert entity_additions.complete_person_names(doc, text, spans, []) == spans


@pytest.mark.parametrize(
    "text,word",
    [
        ("Unlike Keswick, the new missile flies low. Engineers praised it.", "Keswick"),
        ("Let Hillary speak, he said. The crowd cheered.", "Hillary"),
        ("Congress passed the Crime Bill in May. It was long.", "Bill"),
    ],
)
def test_a_word_capitalised_only_by_its_place_or_before_a_given_name_joins_no_name(nlp, text, word):
    doc = nlp(text)
    a = text.index(word)
    spans = [(a, a + len(word), "PERSON")]
    assert entity_additions.complete_person_names(doc, text, spans, []) == spans


def test_a_given_name_opening_a_sentence_and_used_inside_one_joins_its_surname(nlp):
    text = "Chances fell to Ann Roe and Dries Mertens early on. Dries Mertens scored at last."
    doc = nlp(text)
    a = text.rindex("Mertens")
    out = entity_additions.complete_person_names(doc, text, [(a, a + 7, "PERSON")], [])
    assert out == [(text.rindex("Dries"), a + 7, "PERSON")]


# --- religions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "src,name",
    [
        ("Her father lost his savings to Scientology, she told reporters.", "Scientology"),
        ("Scholars of Taoism and Shinto met in Kyoto.", "Shinto"),
    ],
)
def test_a_religion_is_a_group_not_a_body_or_a_person(nlp, src, name):
    ms, _ = recognise(nlp, src)
    assert kinds(ms).get(name) == {"NORP"}, [(m.text, m.kind) for m in ms]


# --- events ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "src,event",
    [
        ("The Northern Plains Esports Championship ran all weekend in Leeds.", "Championship"),
        ("The 12th Comic Expo Ireland opened in Dublin on Friday.", "Expo"),
    ],
)
def test_an_event_is_no_body_or_place(nlp, src, event):
    ms, _ = recognise(nlp, src)
    assert not [m for m in ms if event in m.text], [(m.text, m.kind) for m in ms]
    assert kinds(ms).get("Leeds", kinds(ms).get("Dublin")) == {"PLACE"}


def test_a_time_zone_after_a_clock_time_is_no_body(nlp):
    ms, _ = recognise(nlp, "The launch is set for 14:00 UTC from Kourou.")
    assert "UTC" not in kinds(ms), [(m.text, m.kind) for m in ms]


@pytest.mark.parametrize(
    "src,work,person",
    [
        ("She starred in the 1974 film Silver Harbour, said critic Ann Roe.", "Silver Harbour", "Ann Roe"),
        ("He signed copies of his graphic novel Owl Maiden, with artist Tom Hart.", "Owl Maiden", "Tom Hart"),
    ],
)
def test_a_work_named_after_its_class_noun_is_no_entity(nlp, src, work, person):
    ms, _ = recognise(nlp, src)
    assert work not in kinds(ms) and kinds(ms).get(person) == {"PERSON"}, [(m.text, m.kind) for m in ms]


def test_a_person_after_a_work_noun_and_before_a_verb_stays(nlp):
    ms, _ = recognise(nlp, "Critics loved the memoir Ann Roe wrote in prison.")
    assert kinds(ms).get("Ann Roe") == {"PERSON"}, [(m.text, m.kind) for m in ms]


@pytest.mark.parametrize(
    "src,site",
    [
        ("Other sites such as Kestrelnews.com said they would keep the video up.", "Kestrelnews.com"),
        ("As of Friday the Harbourwatch.org site was not loading, wrote Tom Hart.", "Harbourwatch.org"),
    ],
)
def test_a_websites_address_is_no_body(nlp, src, site):
    ms, _ = recognise(nlp, src)
    assert site not in kinds(ms), [(m.text, m.kind) for m in ms]


# --- buildings and stations ----------------------------------------------------------------------


def test_an_untagged_building_name_is_a_place(nlp):
    src = "A fire broke out when the Al-Marwa Hotel near the old market caught fire."
    ms, _ = recognise(nlp, src)
    assert kinds(ms).get("Al-Marwa Hotel") == {"PLACE"}, [(m.text, m.kind) for m in ms]


def test_a_description_with_a_facility_word_is_no_name(nlp):
    text = "They took him to the Police Station, then to the Town Hall. Central Station was shut."
    assert entity_additions.facility_names(nlp(text), text, []) == []


# --- a person named after a place ----------------------------------------------------------------


def test_a_given_name_and_a_place_tagged_as_two_places_are_one_person():
    text = "Valda Paris, a former nurse, says she was held. Paris was born in Chile."
    spans = [(0, 5, "PLACE"), (6, 11, "PLACE"), (text.index("Chile"), len(text) - 1, "PLACE")]
    out = entity_additions.join_split_names(text, spans)
    assert out[0] == (0, 11, "PERSON") and out[1][2] == "PLACE"


def test_two_known_places_side_by_side_stay_places():
    text = "Talks in Moscow Paris and Berlin failed."
    a, b = text.index("Moscow"), text.index("Paris")
    spans = [(a, a + 6, "PLACE"), (b, b + 5, "PLACE")]
    assert entity_additions.join_split_names(text, spans) == spans


def test_a_person_named_after_a_place_makes_no_person_of_the_place_elsewhere():
    docs = corpus(
        (
            "Paris said so. Paris wept. Valda Paris left.",
            [("Paris", "PERSON"), ("Paris", "PERSON"), ("Valda Paris", "PERSON")],
        ),
        ("The talks were held in Paris on Monday.", [("Paris", "PLACE")]),
    )
    ents = aliases.build_entities(docs)
    kind_in = {(m.file, m.text): e.kind for e in ents for m in e.mentions}
    assert kind_in[(1, "Paris")] == "PLACE" and kind_in[(0, "Paris")] == "PERSON"


def test_a_modifier_opening_the_sentence_is_no_part_of_a_name(nlp):
    text = (
        "The race drew a nonpartisan field and a man named bin Omar Das Roy. "
        "Nonpartisan Paul Tse won easily. Rosa Maria Lopez lost. Bin Omar Das Roy came third."
    )
    doc = nlp(text)
    a, b = text.index("Nonpartisan"), text.index(" won")
    c = text.index("Rosa")
    d = text.index("Bin")
    spans = [(a, b, "PERSON"), (c, c + len("Rosa Maria Lopez"), "PERSON"), (d, d + 16, "PERSON")]
    out = entity_additions.without_opening_modifiers(doc, text, spans)
    assert out == [(text.index("Paul"), b, "PERSON"), spans[1], spans[2]]
