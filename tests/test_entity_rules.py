"""General rules for entity mistakes seen on unseen news, each on invented text: datelines join
their place, a body's name inside its parent's longer name joins it, one surface form has one kind,
names of things are not people, a surname shared by several people is left apart and says so,
and dates printed at the head of an article are found."""

from __future__ import annotations

import pytest
from test_aliases import corpus, ids_by_text

from reader.model.analysis import entities
from reader.model.analysis.textview import build_view
from reader.model.corpus import aliases
from reader.model.ingest.dates import leading_date, trailing_date
from reader.model.ingest.files import load_files
from reader.model.ingest.paragraphs import split_paragraphs


@pytest.fixture(scope="module")
def nlp():
    from reader.model.analysis.nlp import ModelUnavailable, load_pipeline

    try:
        return load_pipeline()
    except ModelUnavailable:  # pragma: no cover
        pytest.skip("no spaCy model")


def recognise(nlp, src: str):
    view = build_view(src, [(p.start, p.end) for p in split_paragraphs(src)])
    ms, hints = entities.recognise(nlp(view.text), view)
    for m in ms:
        assert m.text == src[m.start : m.end]
    return ms, hints


def kinds(ms) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in ms:
        out.setdefault(m.text, set()).add(m.kind)
    return out


def entity_with(ents, form):
    found = [e for e in ents if form == e.name or form in e.aliases]
    assert len(found) == 1, [(e.name, e.kind, e.aliases) for e in found]
    return found[0]


# --- datelines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "src",
    [
        "KORVALA (Reuters) - Floods cut off the town of Korvala on Monday, officials said.",
        "KORVALA, Estonia (AP) -- Floods cut off the town of Korvala on Monday, officials said.",
        "KORVALA -- Floods cut off the town of Korvala on Monday, officials said.",
    ],
)
def test_dateline_capitals_are_a_place(nlp, src):
    k = kinds(recognise(nlp, src)[0])
    assert k["KORVALA"] == {"PLACE"}
    assert "Reuters" not in k or k["Reuters"] == {"ORG"}


def test_capitals_join_the_same_name_in_mixed_case():
    docs = corpus(
        ("KORVALA -- Floods hit the town.", [("KORVALA", "PLACE")]),
        ("Korvala flooded again; Korvala is low-lying.", [("Korvala", "PLACE"), ("Korvala", "PLACE")]),
        ("NATO met. Nato said no.", [("NATO", "ORG"), ("Nato", "ORG")]),
        ("OSLO ruled; Oslo Group met.", [("OSLO", "PLACE"), ("Oslo Group", "ORG")]),
    )
    ents = aliases.build_entities(docs)
    ids = ids_by_text(docs, ents)
    assert ids[(0, "KORVALA")] == ids[(1, "Korvala")]
    town = entity_with(ents, "KORVALA")
    assert town.name == "Korvala" and any(ev.rule == "capitals" for ev in town.evidence)
    assert ids[(2, "NATO")] == ids[(2, "Nato")]
    assert ids[(3, "OSLO")] != ids[(3, "Oslo Group")]  # a longer name is another name


# --- a name inside its parent body's longer name -----------------------------------------------------


def test_body_named_after_its_parent_joins_the_longer_name():
    docs = corpus(
        ("Talks within the UNQ Harbour Group stalled.", [("UNQ Harbour Group", "ORG")]),
        ("The Harbour Group met in Vienna.", [("Harbour Group", "ORG"), ("Vienna", "PLACE")]),
        ("The Lantern Trust Grants Board met. The Grants Board agreed.", [("Lantern Trust", "ORG")]),
    )
    ents = aliases.build_entities(docs)
    ids = ids_by_text(docs, ents)
    assert ids[(0, "UNQ Harbour Group")] == ids[(1, "Harbour Group")]
    ent = entity_with(ents, "Harbour Group")
    assert ent.name == "UNQ Harbour Group"
    assert any(ev.rule == "parent body" and "'UNQ'" in ev.detail for ev in ent.evidence)


def test_a_body_after_two_parents_or_after_a_country_stays_apart():
    docs = corpus(
        ("The UNQ Harbour Group met.", [("UNQ Harbour Group", "ORG")]),
        ("The EUX Harbour Group met.", [("EUX Harbour Group", "ORG")]),
        ("The Harbour Group met.", [("Harbour Group", "ORG")]),
        ("The US Supreme Court ruled.", [("US Supreme Court", "ORG")]),
        ("The Supreme Court ruled.", [("Supreme Court", "ORG")]),
    )
    ids = ids_by_text(docs, aliases.build_entities(docs))
    assert ids[(2, "Harbour Group")] not in (ids[(0, "UNQ Harbour Group")], ids[(1, "EUX Harbour Group")])
    assert ids[(4, "Supreme Court")] != ids[(3, "US Supreme Court")]  # every country has one


# --- one surface form, one kind ------------------------------------------------------------------------


def test_one_surface_form_has_one_kind_in_the_corpus():
    docs = corpus(
        ("Shelling hit Valdora overnight.", [("Valdora", "PLACE")]),
        ("Valdora said the talks failed.", [("Valdora", "ORG")]),  # a tie: neither article outvotes
        ("Valdora smiled as George Valdora spoke.", [("Valdora", "PERSON"), ("George Valdora", "PERSON")]),
        ("Brenner Holdings grew. Brenner hired.", [("Brenner", "ORG"), ("Brenner", "ORG")]),
        ("Brenner resigned.", [("Brenner", "PERSON")]),
    )
    ents = aliases.build_entities(docs)
    ids = ids_by_text(docs, ents)
    assert ids[(0, "Valdora")] == ids[(1, "Valdora")]
    assert {e.kind for e in ents if e.name == "Valdora"} == {"PLACE"}
    assert entity_with(ents, "George Valdora").kind == "PERSON"  # a surname in its own article stays his
    assert ids[(2, "Valdora")] == ids[(2, "George Valdora")]
    assert ids[(3, "Brenner")] == ids[(4, "Brenner")]  # the majority kind
    assert {e.kind for e in ents if e.name == "Brenner"} == {"ORG"}


def test_names_listed_with_places_are_places(nlp):
    src = "Fighting continued in the Tartar, Borvik, Velmar, Zangilan and Qubadli directions."
    k = kinds(recognise(nlp, src)[0])
    assert k.get("Borvik") == {"PLACE"}  # the model read it as an organisation
    assert all(ks == {"PLACE"} for ks in k.values())
    people = "Smith, Jones and Brown said the plan, which Apple, Google and Microsoft back, would fail."
    assert "PLACE" not in {kind for ks in kinds(recognise(nlp, people)[0]).values() for kind in ks}


def test_list_rule_retypes_and_adds_members():
    from reader.model.analysis.document_consistency import _listed_places

    text = "Shelling hit Aster, Borvik, Kelm (Ostra), Velmar and Dunmore overnight."
    at = lambda w, k: (text.index(w), text.index(w) + len(w), k)  # noqa: E731
    spans = [at("Aster", "PERSON"), at("Borvik", "ORG"), at("Velmar", "PLACE"), at("Dunmore", "PLACE")]
    names, added = _listed_places(text, spans, {}, set(), [])
    assert names == {"Aster", "Borvik"}
    assert {text[a:b] for a, b, _ in added} == {"Kelm", "Ostra"} and {k for *_, k in added} == {"PLACE"}
    # a surname of the article, or mostly people: left alone
    assert _listed_places(text, spans, {}, {"Aster"}, [])[0] == {"Borvik"}
    people = [at("Aster", "PERSON"), at("Borvik", "PERSON"), at("Velmar", "PERSON"), at("Dunmore", "PLACE")]
    assert _listed_places(text, people, {}, set(), []) == (set(), [])


def test_a_name_in_parentheses_after_a_place_is_a_place(nlp):
    ms, hints = recognise(nlp, "She was born in Springfield (Ohio) and later moved to Tallinn (Estonia).")
    k = kinds(ms)
    assert k["Ohio"] == {"PLACE"} and k["Estonia"] == {"PLACE"}
    assert not [h for h in hints if h.rule == "parenthesis"]  # a qualifier, not another name
    ms, hints = recognise(nlp, "Pilgrims gathered at the Masjid Al-Noor (Grand Mosque) in the old city.")
    assert kinds(ms).get("Grand Mosque") == {"PLACE"}
    assert [h.rule for h in hints] == ["parenthesis"]  # a building is no region: the same place
    ms, _ = recognise(nlp, "KORVALA (Reuters) - Floods cut off the town on Monday.")
    assert kinds(ms).get("Reuters", {"ORG"}) == {"ORG"}  # a wire service after a dateline


# --- things are not people ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "src,thing",
    [
        ("Typhoon Marsel hit the coast on Sunday. Officials said Marsel destroyed thousands of homes.", "Marsel"),
        ("Police said the nerve agent Pelotin was used against a former officer in the city.", "Pelotin"),
        ("Arvida, a NASA spacecraft, entered orbit around Jupiter on Monday.", "Arvida"),
        ("Doctors treated patients with the drug Zelmarin, said Anna Berg.", "Zelmarin"),
        ("The Kestrel camera changed photography, said curator Jane Holt.", "Kestrel"),
    ],
)
def test_named_things_are_not_entities(nlp, src, thing):
    ms, _ = recognise(nlp, src)
    assert not [m for m in ms if thing in m.text], [(m.text, m.kind) for m in ms]
    assert any(m.kind == "PERSON" for m in ms) or "PERSON" not in src  # people named beside them stay


def test_people_before_other_nouns_stay_people(nlp):
    k = kinds(recognise(nlp, "The Andy Warhol exhibit opened as the NASA spacecraft reached Mars.")[0])
    assert k.get("Andy Warhol") == {"PERSON"} and k.get("NASA") == {"ORG"}


# --- a surname shared by several people ----------------------------------------------------------------


def test_shared_surname_is_left_apart_and_says_so():
    docs = corpus(
        ("Ann Lindqvist won the vote.", [("Ann Lindqvist", "PERSON")]),
        ("Tom Lindqvist lost the race.", [("Tom Lindqvist", "PERSON")]),
        ("Lindqvist was not available for comment.", [("Lindqvist", "PERSON")]),
        (
            "Eva Moreau and Paul Moreau spoke. Moreau said more.",
            [("Eva Moreau", "PERSON"), ("Paul Moreau", "PERSON"), ("Moreau", "PERSON")],
        ),
    )
    ents = aliases.build_entities(docs)
    ids = ids_by_text(docs, ents)
    assert ids[(2, "Lindqvist")] not in (ids[(0, "Ann Lindqvist")], ids[(1, "Tom Lindqvist")])
    alone = next(e for e in ents if e.id == ids[(2, "Lindqvist")])
    (ev,) = [ev for ev in alone.evidence if ev.rule == "surname:ambiguous"]
    assert "'Ann Lindqvist'" in ev.detail and "'Tom Lindqvist'" in ev.detail and "merge" in ev.detail
    moreau = next(e for e in ents if e.id == ids[(3, "Moreau")])
    assert moreau.name == "Moreau" and any(ev.rule == "surname:ambiguous" for ev in moreau.evidence)


# --- dates at the head of an article ---------------------------------------------------------------------


def test_leading_and_trailing_dates():
    assert leading_date("Tuesday, September 1, 2015 Officials said the port reopened.") == "2015-09-01"
    assert leading_date("12 March 2019: the council met.") == "2019-03-12"
    assert leading_date("On Tuesday, September 1, 2015 officials met.") is None
    assert trailing_date("Harbour reopens after storm Tuesday, September 1, 2015") == "2015-09-01"
    assert trailing_date("Harbour reopens after the storm of September 1, 2015 and more") is None


def article_date(tmp_path, text: str) -> str | None:
    f = tmp_path / "a.txt"
    f.write_text(text, encoding="utf-8")
    ((_, _, arts, _),) = list(load_files([f]))
    return arts[0].date


def test_date_at_the_end_of_a_heading_line_is_found(tmp_path):
    text = (
        "Harbour reopens after the storm\n\n"
        "Harbour reopens after the storm Tuesday, September 1, 2015\n\n"
        "The harbour reopened on Monday after repairs, the port authority said. Ships queued outside.\n"
    )
    assert article_date(tmp_path, text) == "2015-09-01"


def test_date_opening_the_first_paragraph_is_found_but_not_one_in_the_body(tmp_path):
    text = (
        "Harbour reopens after the storm\n\n"
        "Thursday, March 15, 2012 The harbour reopened on Monday after repairs, the port authority said.\n\n"
        "It had been closed since the storm.\n"
    )
    assert article_date(tmp_path, text) == "2012-03-15"
    body = (
        "Harbour reopens after the storm\n\n"
        "The harbour reopened on Monday after repairs, the port authority said.\n\n"
        "Thursday, March 15, 2012 was the day the storm hit, officials recalled.\n"
    )
    assert article_date(tmp_path, body) is None  # an event in the body is not the article's date


# --- spans never cross a paragraph; a role after an acronym is cut --------------------------------


def test_a_name_never_runs_across_a_paragraph_break(nlp):
    src = "Harbour Strike\n\nLindqvist was not available for comment on the strike, the union said."
    ms, _ = recognise(nlp, src)
    assert ms and not [m for m in ms if "\n" in m.text]
    assert "Lindqvist" in kinds(ms)


def test_a_role_after_an_organisation_acronym_is_cut(nlp):
    src = (
        "The agency was led by Jane Holt, NASA Administrator\n\nFile image of the launch pad.\n\nThe launch went ahead."
    )
    k = kinds(recognise(nlp, src)[0])
    assert k.get("NASA") == {"ORG"} and "File" not in k and not any("Administrator" in n for n in k)


def test_cli_notes_a_surname_left_apart(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    for name, text in {
        "a.txt": "Port Deal Signed Today\n\nAnn Lindqvist signed the port deal on Monday, officials said.\n",
        "b.txt": "Mayoral Election Result Announced\n\nTom Lindqvist lost the mayoral race on Sunday, officials said.\n",
        "c.txt": "Harbour Strike Enters Third Week\n\nThe union said Lindqvist was not available for comment.\n",
    }.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    root = Path(__file__).resolve().parent.parent

    def run(*args):
        return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=root)

    listing = run("entities", str(tmp_path)).stdout
    assert any(line.startswith("PERSON  Lindqvist ") and "left apart" in line for line in listing.splitlines())
    shown = run("mentions", "person:lindqvist", str(tmp_path)).stdout.splitlines()
    assert shown[1].startswith("note: 'Lindqvist' alone is left apart") and "'Tom Lindqvist'" in shown[1]


@pytest.mark.parametrize(
    ("headline", "name"),
    [("Teenager Novak stuns top seed in Doha", "Novak"), ("Widow Harris sues council over care", "Harris")],
)
def test_a_role_noun_capitalised_before_a_surname_is_no_part_of_it(nlp, headline, name):
    # a headline (or a sentence's start) capitalises the role: "Teenager Novak" is Novak, so the
    # alias group is not named after the role ("Teenager Novak" for Petra Novak)
    ms, _ = recognise(nlp, f"{headline}\n\nThe match ended late on Tuesday in front of a small crowd.\n")
    persons = {m.text for m in ms if m.kind == "PERSON"}
    assert name in persons and not any(p.endswith(" " + name) for p in persons)


@pytest.mark.parametrize("opening", ["Turnout was low.", "Trade dominated the talks.", "Inflation rose again."])
def test_a_common_noun_opening_its_sentence_is_no_person(nlp, opening):
    src = f"Mark Carney flew to Mexico City on Monday. {opening} The talks ran late.\n"
    ms, _ = recognise(nlp, src)
    assert opening.split()[0] not in [m.text for m in ms]
    assert "Mark Carney" in [m.text for m in ms if m.kind == "PERSON"]


def test_a_surname_that_is_a_common_noun_stays_a_person_where_the_text_names_it_again(nlp):
    src = "Ann Price runs the firm. Price said the deal was dead. Price left at noon.\n"
    ms, _ = recognise(nlp, src)
    assert "Price" in [m.text for m in ms if m.kind == "PERSON"]
