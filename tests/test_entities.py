"""Entity recognition: spaCy's NER plus our trimming, kind, consistency and alias-hint rules."""

from __future__ import annotations

import pytest

from reader.model.analysis import entities
from reader.model.analysis.textview import build_view
from reader.model.ingest.paragraphs import split_paragraphs


@pytest.fixture(scope="module")
def nlp():
    from reader.model.analysis.nlp import ModelUnavailable, load_pipeline

    try:
        return load_pipeline()
    except ModelUnavailable:  # pragma: no cover - the model is a declared dependency
        pytest.skip("no spaCy model")


def recognise(nlp, source: str):
    view = build_view(source, [(p.start, p.end) for p in split_paragraphs(source)])
    mentions, hints = entities.recognise(nlp(view.text), view)
    for m in mentions:
        assert m.text == source[m.start : m.end]
    return mentions, hints


def kinds(mentions) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in mentions:
        out.setdefault(m.text, set()).add(m.kind)
    return out


def test_titles_determiners_and_possessives_are_cut(nlp):
    src = (
        "Armenian Prime Minister Nikol Pashinyan met Mr Smith in the United States on Monday. "
        "Pashinyan's office said the talks went well."
    )
    k = kinds(recognise(nlp, src)[0])
    assert k["Nikol Pashinyan"] == {"PERSON"}
    assert k["Pashinyan"] == {"PERSON"}
    assert k["Smith"] == {"PERSON"}
    assert k["United States"] == {"PLACE"}
    assert k["Armenian"] == {"NORP"}
    assert not any(t.startswith(("Prime", "Minister", "the ", "Mr")) or t.endswith("'s") for t in k)


def test_nationality_adjectives_are_norp(nlp):
    src = "Azeri forces shelled the town while Azerbaijani officials denied it and Armenians fled."
    k = kinds(recognise(nlp, src)[0])
    assert k["Azeri"] == {"NORP"}
    assert k["Azerbaijani"] == {"NORP"}
    assert k["Armenians"] == {"NORP"}


def test_a_brand_shaped_word_is_no_person(nlp):
    # the small model takes "SpaceX" for a person; a capital inside a word after small letters
    # is a brand's, but not after a surname's prefix ("MacArthur") or one letter ("McCain")
    src = "The rocket, built by SpaceX, lifted off. Senator McCain and General MacArthur watched."
    k = kinds(recognise(nlp, src)[0])
    assert "PERSON" not in k.get("SpaceX", {"ORG"})
    assert k.get("McCain") == {"PERSON"}
    assert k.get("MacArthur") == {"PERSON"}


def test_all_caps_dateline_is_a_place(nlp):
    src = "RUSSIA -- Russian President Vladimir Putin attends a meeting in Moscow on Wednesday."
    ms, _ = recognise(nlp, src)
    first = min(ms, key=lambda m: m.start)
    assert (first.text, first.kind) == ("RUSSIA", "PLACE")
    assert kinds(ms)["Vladimir Putin"] == {"PERSON"}


def test_hyphenated_modifier_names_are_dropped_and_split(nlp):
    src = "The pro-Beijing camp won seats. Talks on the Armenian-Azerbaijani border stalled, officials in Beijing said."
    k = kinds(recognise(nlp, src)[0])
    assert "pro-Beijing" not in k
    assert k.get("Armenian") == {"NORP"} and k.get("Azerbaijani") == {"NORP"}
    assert "Armenian-Azerbaijani" not in k


def test_a_name_run_into_a_pro_name_modifier_is_kept(nlp):
    from spacy.tokens import Doc

    # the model's span over "Pro-Beijing DAB's" (as it cuts it when no sentence ends inside)
    words = ["Pro", "-", "Beijing", "DAB", "'s", "Starry", "Lee", "won", "."]
    doc = Doc(nlp.vocab, words=words, spaces=[False, False, True, False, True, True, True, False, False])
    dab = doc.text.index("DAB")
    assert entities._clean(doc, 0, 5, "ORG") == [(dab, dab + 3, "ORG")]
    # a modifier that is no name keeps nothing: "pan-democrat Lam" is not a name cut short
    words = ["Pan", "-", "democrat", "Lam", "Cheuk", "won"]
    doc = Doc(nlp.vocab, words=words, spaces=[False, False, True, True, True, False])
    assert entities._clean(doc, 0, 5, "PERSON") == []


def test_place_by_apposition_and_recurrence_is_consistent(nlp):
    src = (
        "Troops advanced to within five kilometres of its second-largest city, Shushi.\n\n"
        "\u201cWho controls Shushi controls the region,\u201d the commander said."
    )
    ms, _ = recognise(nlp, src)
    shushi = [m for m in ms if m.text == "Shushi"]
    assert len(shushi) == 2 and {m.kind for m in shushi} == {"PLACE"}


def test_surname_recurrences_take_the_persons_kind(nlp):
    src = (
        "Kristen Wilkins, an assistant professor of photography, curated the show. "
        "According to Wilkins, the exhibit drew crowds. Wilkins said more shows would follow."
    )
    ms, _ = recognise(nlp, src)
    wil = [m for m in ms if m.text == "Wilkins"]
    assert len(wil) == 2 and all(m.kind == "PERSON" for m in wil)


def test_title_case_headline_keeps_only_known_names(nlp):
    src = (
        "Armenia Calls for Peacekeepers as Azeri Forces Near Key City\n\n"
        "Armenia reported intense fighting on Friday as Azerbaijani forces advanced."
    )
    ms, _ = recognise(nlp, src)
    head = [m for m in ms if m.end <= src.index("\n")]
    assert {(m.text, m.kind) for m in head} == {("Armenia", "PLACE"), ("Azeri", "NORP")}


def test_alias_hints_parenthesis_acronym_aka_and_name_for(nlp):
    src = (
        "Troops moved in the direction of Shushi (Shusha), a strategic town. "
        "Observers from the Organization for Security and Cooperation in Europe (OSCE) arrived. "
        "The group, also known as Minsk Group, met in Paris. "
        "They shelled Artsakh [the Armenian name for Nagorno-Karabakh] overnight."
    )
    ms, hints = recognise(nlp, src)
    pairs = {(src[h.a_start : h.a_end], src[h.b_start : h.b_end], h.rule) for h in hints}
    assert ("Shushi", "Shusha", "parenthesis") in pairs
    assert ("Organization for Security and Cooperation in Europe", "OSCE", "acronym") in pairs
    assert ("Artsakh", "Nagorno-Karabakh", "name-for") in pairs
    k = kinds(ms)
    assert k["Organization for Security and Cooperation in Europe"] == {"ORG"}
    assert k["OSCE"] == {"ORG"}
    assert k["Shusha"] == k["Shushi"]


def test_qualifier_in_parentheses_is_not_an_alias(nlp):
    src = "She grew up in Portland (Maine) and studied in Boston (Massachusetts) before moving."
    _, hints = recognise(nlp, src)
    assert not [h for h in hints if h.rule == "parenthesis"]


def test_hard_wrapped_source_offsets(nlp):
    src = (
        "Russian President Vladimir Putin had separate telephone conversations with Prime\n"
        "Minister Nikol Pashinian and President Ilham\nAliyev on November 1."
    )
    ms, _ = recognise(nlp, src)
    k = kinds(ms)
    assert "Nikol Pashinian" in k
    assert "Ilham\nAliyev" in k  # source text, line break kept
