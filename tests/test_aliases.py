"""Corpus-level entities: consistency across articles and alias grouping, on the seeds and on
small hand-made corpora (no spaCy needed for those)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.model.analysis import entities
from reader.model.analysis.results import AliasHint, FileAnalysis, Mention
from reader.model.analysis.textview import build_view
from reader.model.corpus import aliases
from reader.model.ingest.paragraphs import split_paragraphs

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


# --- the seed corpus, through the real pipeline ------------------------------------------------


@pytest.fixture(scope="module")
def seed_entities():
    from reader.model.analysis.nlp import ModelUnavailable, load_pipeline

    try:
        nlp = load_pipeline()
    except ModelUnavailable:  # pragma: no cover
        pytest.skip("no spaCy model")
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        src = path.read_text(encoding="utf-8")
        view = build_view(src, [(p.start, p.end) for p in split_paragraphs(src)])
        mentions, hints = entities.recognise(nlp(view.text), view)
        docs.append((path.name, src, FileAnalysis(mentions=mentions, alias_hints=hints)))
    return docs, aliases.build_entities(docs)


def entity_of(ents, form: str, kind: str | None = None):
    found = [e for e in ents if (e.name == form or form in e.aliases) and (kind is None or e.kind == kind)]
    assert found, f"no entity has the form {form!r}"
    assert len(found) == 1, f"{form!r} is in several entities: {[e.id for e in found]}"
    return found[0]


@pytest.mark.parametrize(
    "a,b",
    [
        ("Nikol Pashinyan", "Pashinyan"),
        ("Nikol Pashinyan", "Nikol Pashinian"),
        ("Shushi", "Shusha"),
        ("OSCE", "Organization for Security and Cooperation in Europe"),
        ("Mevlut Cavusoglu", "Cavutoglu"),
        ("Ilham Aliyev", "Aliyev"),
        ("Azeri", "Azerbaijani"),
    ],
)
def test_seed_aliases_are_one_entity(seed_entities, a, b):
    _, ents = seed_entities
    ea, eb = entity_of(ents, a), entity_of(ents, b)
    assert ea.id == eb.id
    assert ea.evidence, "every merge keeps its evidence"


def test_seed_different_people_stay_apart(seed_entities):
    _, ents = seed_entities
    assert entity_of(ents, "Armen Sarkissian").id != entity_of(ents, "Arayik Harutyunyan").id


def test_seed_canonical_names_kinds_and_related(seed_entities):
    _, ents = seed_entities
    pash = entity_of(ents, "Pashinyan")
    assert pash.kind == "PERSON" and pash.name in ("Nikol Pashinyan", "Nikol Pashinian")
    osce = entity_of(ents, "OSCE")
    assert osce.kind == "ORG" and osce.name == "Organization for Security and Cooperation in Europe"
    assert entity_of(ents, "Shushi").kind == "PLACE"
    armenian = entity_of(ents, "Armenian", "NORP")
    assert entity_of(ents, "Armenia", "PLACE").id in armenian.related
    assert entity_of(ents, "Armenia", "PLACE").id != armenian.id


def test_seed_mentions_match_source_and_do_not_overlap(seed_entities):
    docs, ents = seed_entities
    rows = aliases.export_rows(docs, ents)
    assert [r["doc"] for r in rows] == [d[0] for d in docs]
    for (_, src, _), row in zip(docs, rows):
        last_end = -1
        for e in row["entities"]:
            assert src[e["start"] : e["end"]] == e["text"]
            assert e["start"] >= last_end
            assert e["type"] in ("PERSON", "PLACE", "ORG", "NORP") and e["id"]
            last_end = e["end"]


def test_seed_ids_are_stable(seed_entities):
    docs, ents = seed_entities
    again = aliases.build_entities(docs)
    assert sorted(e.id for e in again) == sorted(e.id for e in ents)
    assert len({e.id for e in ents}) == len(ents)


# --- hand-made corpora ----------------------------------------------------------------------------


def corpus(*texts_with_mentions):
    """[(text, [(surface, kind), ...], hints)] -> docs for build_entities; each listed surface is
    tagged at its first untagged occurrence."""
    docs = []
    for i, (text, tagged, *rest) in enumerate(texts_with_mentions):
        ms, used = [], set()
        for surface, kind in tagged:
            pos = 0
            while True:
                pos = text.index(surface, pos)
                if pos not in used:
                    break
                pos += 1
            used.add(pos)
            ms.append(Mention(pos, pos + len(surface), kind, surface))
        hints = []
        for a, b, rule in rest[0] if rest else []:  # indices into `tagged`
            hints.append(AliasHint(ms[a].start, ms[a].end, ms[b].start, ms[b].end, rule))
        docs.append((f"doc{i}", text, FileAnalysis(mentions=sorted(ms, key=lambda m: m.start), alias_hints=hints)))
    return docs


def ids_by_text(docs, ents):
    out: dict[tuple[int, str], str] = {}
    for e in ents:
        for m in e.mentions:
            out[(m.file, m.text)] = e.id
    return out


def test_shared_surname_prefers_the_full_name_in_the_same_article():
    docs = corpus(
        ("John Smith won the vote. Smith thanked voters.", [("John Smith", "PERSON"), ("Smith", "PERSON")]),
        ("Jane Smith lost the race. Smith conceded.", [("Jane Smith", "PERSON"), ("Smith", "PERSON")]),
        ("Smith was not available for comment.", [("Smith", "PERSON")]),
    )
    ents = aliases.build_entities(docs)
    ids = ids_by_text(docs, ents)
    assert ids[(0, "Smith")] == ids[(0, "John Smith")]
    assert ids[(1, "Smith")] == ids[(1, "Jane Smith")]
    assert ids[(0, "John Smith")] != ids[(1, "Jane Smith")]
    # ambiguous across the corpus: the lone surname joins neither person
    assert ids[(2, "Smith")] not in (ids[(0, "John Smith")], ids[(1, "Jane Smith")])


def test_unique_surname_joins_the_corpus_full_name():
    docs = corpus(
        ("Heiko Maas spoke in Berlin.", [("Heiko Maas", "PERSON"), ("Berlin", "PLACE")]),
        ("Maas warned both sides.", [("Maas", "PERSON")]),
    )
    ids = ids_by_text(docs, aliases.build_entities(docs))
    assert ids[(1, "Maas")] == ids[(0, "Heiko Maas")]


def test_a_surname_of_several_words_stays_a_person_where_its_full_name_is_written():
    # elsewhere in the corpus the model took the surname alone for a body; in the article that
    # names the person in full it is her surname, and her entity is a person
    import re

    def doc(i, text, kinds):
        ms = [
            Mention(m.start(), m.end(), kinds.get(m.group(), "ORG"), m.group())
            for m in re.finditer(r"(?:Fatima )?El Amrani", text)
        ]
        return (f"doc{i}", text, FileAnalysis(mentions=ms))

    docs = [
        doc(
            0,
            "Sen. Fatima El Amrani has had a charmed career. El Amrani calls the Senate a club.",
            {"Fatima El Amrani": "PERSON", "El Amrani": "PERSON"},
        ),
        doc(1, "El Amrani himself was less careful. El Amrani praised the plan.", {}),
        doc(2, "El Amrani was not at the rally.", {}),
    ]
    ents = aliases.build_entities(docs)
    ent = next(e for e in ents for m in e.mentions if m.file == 0 and m.text == "El Amrani")
    assert ent.kind == "PERSON"
    assert ent.name == "Fatima El Amrani"


# --- honorifics and gender: "Mr. X" is not "Jane X" ------------------------------------------------


def people_corpus(*articles):
    """[(text, [person names])] -> docs for build_entities: every whole-word occurrence of each
    name tagged PERSON, longer names first, never inside one already tagged."""
    import re

    docs = []
    for i, (text, names) in enumerate(articles):
        ms: list[Mention] = []
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                if not any(o.start < m.end() and m.start() < o.end for o in ms):
                    ms.append(Mention(m.start(), m.end(), "PERSON", name))
        docs.append((f"doc{i}", text, FileAnalysis(mentions=sorted(ms, key=lambda m: m.start))))
    return docs


def entity_at(ents, file, text, after):
    """The entity of the mention in `file` that starts right after the text `after`."""
    for e in ents:
        for m in e.mentions:
            if m.file == file and text[: m.start].endswith(after):
                return e
    raise AssertionError(f"no mention after {after!r}")


@pytest.mark.parametrize(
    "text",
    [
        "Susan Vellor opened the hearing. Mr. Vellor said the plan would pass. Mr. Vellor left early.",
        "Mr. Vellor said the plan would pass. Susan Vellor opened the hearing. Mr. Vellor left early.",
    ],
)
def test_an_honorific_of_the_other_gender_keeps_a_surname_from_the_full_name(text):
    docs = people_corpus((text, ["Susan Vellor", "Vellor"]))
    ents = aliases.build_entities(docs)
    susan = entity_of(ents, "Susan Vellor")
    said, left = entity_at(ents, 0, text, "Mr. "), entity_at(ents, 0, text, "hearing. Mr. ")
    assert said is not susan and said.id == left.id and said.name == "Vellor"
    assert len(susan.mentions) == 1 and len(said.mentions) == 2
    assert any(ev.rule == "surname:gender" and "Susan Vellor" in ev.detail for ev in said.evidence)


@pytest.mark.parametrize("first", ["Susan Vellor and Mark Vellor arrived. ", ""])
def test_each_honorific_joins_the_full_name_of_its_gender(first):
    # the shape of "Mr. Clinton" / "Mrs. Clinton" beside both full names, in either order
    text = first + "Mrs. Vellor spoke first. Mr. Vellor spoke next. The Vellor family left."
    if not first:
        text += " Susan Vellor and Mark Vellor were thanked."
    docs = people_corpus((text, ["Susan Vellor", "Mark Vellor", "Vellor"]))
    ents = aliases.build_entities(docs)
    susan, mark = entity_of(ents, "Susan Vellor"), entity_of(ents, "Mark Vellor")
    assert susan.id != mark.id
    assert entity_at(ents, 0, text, "Mrs. ") is susan
    assert entity_at(ents, 0, text, "Mr. ") is mark
    bare = entity_at(ents, 0, text, "The ")  # two people of that name and no honorific: neither
    assert bare not in (susan, mark)


def test_an_honorific_picks_the_full_name_with_a_middle_initial_of_its_gender():
    # the shape of "Mr. Trump" beside "Donald J. Trump" and "Ivanka Trump"
    text = "Emily Marlowe introduced Kevin Q. Marlowe. Mr. Marlowe thanked Ms. Marlowe."
    docs = people_corpus((text, ["Emily Marlowe", "Kevin Q. Marlowe", "Marlowe"]))
    ents = aliases.build_entities(docs)
    assert entity_at(ents, 0, text, "Mr. ") is entity_of(ents, "Kevin Q. Marlowe")
    assert entity_at(ents, 0, text, "Ms. ") is entity_of(ents, "Emily Marlowe")


def test_a_surname_with_an_honorific_joins_a_full_name_across_files():
    docs = people_corpus(
        ("Brian Tolliver spoke in Berlin.", ["Brian Tolliver"]),
        ("Mr. Tolliver said no. Tolliver left.", ["Tolliver"]),
        ("Tolliver said yes.", ["Tolliver"]),
    )
    ents = aliases.build_entities(docs)
    brian = entity_of(ents, "Brian Tolliver")
    assert len(brian.mentions) == 4


def test_a_surname_with_an_honorific_joins_the_corpus_full_name_of_its_gender():
    docs = people_corpus(
        ("Brian Tolliver spoke in Berlin.", ["Brian Tolliver"]),
        ("Karen Tolliver spoke in Paris.", ["Karen Tolliver"]),
        ("Mr. Tolliver said no.", ["Tolliver"]),
        ("Ms. Tolliver said yes.", ["Tolliver"]),
        ("Tolliver said maybe.", ["Tolliver"]),
    )
    ents = aliases.build_entities(docs)
    ids = ids_by_text(docs, ents)
    assert ids[(2, "Tolliver")] == ids[(0, "Brian Tolliver")]
    assert ids[(3, "Tolliver")] == ids[(1, "Karen Tolliver")]
    assert ids[(4, "Tolliver")] not in (ids[(0, "Brian Tolliver")], ids[(1, "Karen Tolliver")])


def test_a_surname_with_an_honorific_stays_apart_when_the_corpus_has_only_the_other_gender():
    docs = people_corpus(
        ("Karen Tolliver spoke in Paris.", ["Karen Tolliver"]), ("Mr. Tolliver said no.", ["Tolliver"])
    )
    ents = aliases.build_entities(docs)
    mr = entity_at(ents, 1, docs[1][1], "Mr. ")
    assert mr is not entity_of(ents, "Karen Tolliver") and mr.name == "Tolliver"
    assert any(ev.rule == "surname:gender" for ev in mr.evidence)


def test_a_surname_without_honorific_keeps_the_plain_rule_unless_an_honorific_makes_two_people():
    plain = "Susan Vellor opened the hearing. Vellor said the plan would pass."
    docs = people_corpus((plain, ["Susan Vellor", "Vellor"]))
    ents = aliases.build_entities(docs)
    assert len(entity_of(ents, "Susan Vellor").mentions) == 2
    two = "Susan Vellor opened the hearing. Mr. Vellor objected. Vellor said the plan would pass."
    docs = people_corpus((two, ["Susan Vellor", "Vellor"]))
    ents = aliases.build_entities(docs)
    bare = entity_at(ents, 0, two, "objected. ")
    assert bare is not entity_of(ents, "Susan Vellor") and bare is not entity_at(ents, 0, two, "Mr. ")
    assert any(ev.rule == "surname:ambiguous" for ev in bare.evidence)
    # the same honorific throughout and no full name: one person
    one = "Mr. Vellor objected. Vellor said the plan would fail."
    docs = people_corpus((one, ["Vellor"]))
    assert len(aliases.build_entities(docs)) == 1


def test_both_honorifics_with_a_full_name_of_unknown_gender_settle_neither():
    # the shape of "Mr. Kim" and "Ms. Kim" beside "Kim Jong-un": who the full name is, is unknown
    text = "Pak Sun-ho arrived. Mr. Pak spoke first. Ms. Pak replied."
    docs = people_corpus((text, ["Pak Sun-ho", "Pak"]))
    ents = aliases.build_entities(docs)
    full, mr, ms = entity_of(ents, "Pak Sun-ho"), entity_at(ents, 0, text, "Mr. "), entity_at(ents, 0, text, "Ms. ")
    assert len({full.id, mr.id, ms.id}) == 3
    # one honorific and a full name of unknown gender: joined, as before
    text = "Odo Brandl arrived. Mr. Brandl spoke first."
    ents = aliases.build_entities(people_corpus((text, ["Odo Brandl", "Brandl"])))
    assert len(entity_of(ents, "Odo Brandl").mentions) == 2


def test_a_full_name_takes_the_gender_the_corpus_writes_with_its_surname():
    # the shape of "Ms. Kim" beside "Kim Jong-un" in one article, where others write "Mr. Kim"
    him = ("Pak Sun-ho arrived. Mr. Pak spoke first.", ["Pak Sun-ho", "Pak"])
    her = ("Pak Sun-ho arrived. Ms. Pak spoke first.", ["Pak Sun-ho", "Pak"])
    docs = people_corpus(him, him, her)
    ents = aliases.build_entities(docs)
    full = entity_of(ents, "Pak Sun-ho")
    assert entity_at(ents, 0, him[0], "Mr. ") is full and entity_at(ents, 1, him[0], "Mr. ") is full
    assert entity_at(ents, 2, her[0], "Ms. ") is not full
    # one article of each: the corpus says nothing clear, the honorific alone joins as before
    docs = people_corpus(him, her)
    ents = aliases.build_entities(docs)
    assert len(entity_of(ents, "Pak Sun-ho").mentions) == 4


def test_a_full_name_takes_the_gender_of_its_own_honorific():
    text = "Mrs. Dana Quill chaired the board. Mr. Quill objected."
    ents = aliases.build_entities(people_corpus((text, ["Dana Quill", "Quill"])))
    assert entity_at(ents, 0, text, "Mr. ") is not entity_of(ents, "Dana Quill")


@pytest.mark.parametrize("full", ["Alexis Varakis", "Ms. Ryan Varakis"])
def test_a_given_name_of_either_gender_or_a_full_name_s_own_honorific_does_not_split(full):
    # "Alexis" is a man's name in some languages; "Ms." before "Ryan X" overrules the name list
    honorific = "Mr." if full.startswith("Alexis") else "Ms."
    text = f"{full} met the press. {honorific} Varakis said the budget would pass."
    name = full.removeprefix("Ms. ")
    ents = aliases.build_entities(people_corpus((text, [name, "Varakis"])))
    assert len(entity_of(ents, name).mentions) == 2


def test_a_speaker_known_by_a_surname_alone_is_not_given_a_full_name_grouping_kept_apart():
    from reader.model.analysis.name_types import fuller_name

    assert fuller_name("Vellor", ["Susan Vellor", "Vellor"]) == "Vellor"
    assert fuller_name("Dean Vellor", ["Earl Dean Vellor"]) == "Earl Dean Vellor"


def test_the_exported_speaker_follows_the_honorific(tmp_path):
    pytest.importorskip("spacy")
    from reader.model.corpus.corpus import Corpus
    from reader.model.outputs.records import export_quotes_rows

    (tmp_path / "a.txt").write_text(
        "Campaign trail\n\nSusan Vellor joined the rally in Dayton on Saturday.\n\n"
        "“Our work is on the ballot,” Mr. Vellor said on Sunday.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text("Factory visit\n\nMark Vellor toured the plant in Toledo.\n", encoding="utf-8")
    corpus = Corpus.load([tmp_path])
    corpus.analyse(cache=False)
    rows = {r["doc"]: r for r in export_quotes_rows(corpus)}
    assert [q["speaker"] for q in rows["a.txt"]["quotes"]] == ["Mark Vellor"]
    (tmp_path / "b.txt").unlink()
    corpus = Corpus.load([tmp_path])
    corpus.analyse(cache=False)
    (row,) = export_quotes_rows(corpus)
    assert [q["speaker"] for q in row["quotes"]] == ["Vellor"]


def test_transliteration_variants_merge_but_not_when_side_by_side():
    docs = corpus(
        ("Dmitry Kozlov arrived.", [("Dmitry Kozlov", "PERSON")]),
        ("Dmitri Kozlov left.", [("Dmitri Kozlov", "PERSON")]),
        ("Mark Jansen and Mark Janssen are brothers.", [("Mark Jansen", "PERSON"), ("Mark Janssen", "PERSON")]),
    )
    ents = aliases.build_entities(docs)
    ids = ids_by_text(docs, ents)
    assert ids[(0, "Dmitry Kozlov")] == ids[(1, "Dmitri Kozlov")]
    assert ids[(2, "Mark Jansen")] != ids[(2, "Mark Janssen")]
    ent = next(e for e in ents if e.id == ids[(0, "Dmitry Kozlov")])
    assert any(ev.rule == "transliteration" for ev in ent.evidence)


@pytest.mark.parametrize(
    "full,short,same",
    [
        ("Ivo Mortensch", "Mortens", False),  # a name plus a tail is another name
        ("Tomas Bergmanns", "Bergmann", False),
        ("Lena Mortans", "Mortens", True),  # a letter off inside: a spelling of one name
        ("Olek Varenskyy", "Varensky", True),  # '-y'/'-yy' is a transliteration
    ],
)
def test_a_surname_with_letters_added_at_its_end_is_another_surname(full, short, same):
    docs = corpus((f"{full} spoke.", [(full, "PERSON")]), (f"{short} replied.", [(short, "PERSON")]))
    ids = ids_by_text(docs, aliases.build_entities(docs))
    assert (ids[(1, short)] == ids[(0, full)]) is same


def test_a_surname_one_letter_short_in_its_own_article_is_a_slip():
    docs = corpus(
        (
            "Tomas Bergmanns opened the show. Bergmann said it was late.",
            [("Tomas Bergmanns", "PERSON"), ("Bergmann", "PERSON")],
        ),
        ("Ivo Mortensch spoke. Morten replied.", [("Ivo Mortensch", "PERSON"), ("Morten", "PERSON")]),
    )
    ids = ids_by_text(docs, aliases.build_entities(docs))
    assert ids[(0, "Bergmann")] == ids[(0, "Tomas Bergmanns")]
    assert ids[(1, "Morten")] != ids[(1, "Ivo Mortensch")]  # two letters short: another name


def test_first_word_slip_in_one_article_is_one_person():
    docs = corpus(
        (
            "Kristen Wilkins curated the show. Kristin Wilkins said it was popular. Wilkins smiled.",
            [("Kristen Wilkins", "PERSON"), ("Kristin Wilkins", "PERSON"), ("Wilkins", "PERSON")],
        ),
    )
    ids = ids_by_text(docs, aliases.build_entities(docs))
    assert ids[(0, "Kristen Wilkins")] == ids[(0, "Kristin Wilkins")] == ids[(0, "Wilkins")]


def test_short_forms_of_organisations_in_the_same_articles():
    docs = corpus(
        (
            "The US State Department said the State Department would reply.",
            [("US State Department", "ORG"), ("State Department", "ORG")],
        ),
        (
            "The Comic Corps of Canada booth; the Comic Corps cosplayers.",
            [("Comic Corps of Canada", "ORG"), ("Comic Corps", "ORG")],
        ),
        ("The Supreme Court ruled.", [("Supreme Court", "ORG")]),
        ("The Italian Supreme Court ruled.", [("Italian Supreme Court", "ORG")]),
    )
    ids = ids_by_text(docs, aliases.build_entities(docs))
    assert ids[(0, "US State Department")] == ids[(0, "State Department")]
    assert ids[(1, "Comic Corps of Canada")] == ids[(1, "Comic Corps")]
    # "Supreme Court" also stands alone in another article: it may be another country's
    assert ids[(2, "Supreme Court")] != ids[(3, "Italian Supreme Court")]


def test_name_after_its_parent_body_joins_the_longer_name_when_one_body_is_meant():
    docs = corpus(
        (
            "The Trade Board and the Arctic Forum met. The U.F. Trade Board agreed.",
            [("Trade Board", "ORG"), ("Arctic Forum", "ORG"), ("U.F. Trade Board", "ORG")],
        ),
        (
            "The Trade Board would act, the United Federation Trade Board said.",
            [("Trade Board", "ORG"), ("United Federation Trade Board", "ORG")],
        ),
        (
            "The United Federation (U.F.) grew.",
            [("United Federation", "ORG"), ("U.F.", "ORG")],
            [(0, 1, "parenthesis")],
        ),
        (
            "The Wage Board met. The Polar Union Wage Board and the Arctic Forum Wage Board differ.",
            [("Wage Board", "ORG"), ("Polar Union Wage Board", "ORG"), ("Arctic Forum Wage Board", "ORG")],
        ),
        ("The Polar Union voted.", [("Polar Union", "ORG")]),
    )
    ents = aliases.build_entities(docs)
    ids = ids_by_text(docs, ents)
    # one parent under two names (U.F. = United Federation): all three are one board
    assert ids[(0, "U.F. Trade Board")] == ids[(1, "United Federation Trade Board")] == ids[(0, "Trade Board")]
    assert ids[(1, "Trade Board")] == ids[(0, "Trade Board")]
    e = next(e for e in ents if e.id == ids[(0, "Trade Board")])
    assert e.name == "United Federation Trade Board"
    assert ids[(2, "United Federation")] != ids[(0, "Trade Board")]
    # two different parents end in "Wage Board": the short name joins neither
    assert ids[(3, "Wage Board")] not in (ids[(3, "Polar Union Wage Board")], ids[(3, "Arctic Forum Wage Board")])
    assert ids[(3, "Polar Union Wage Board")] != ids[(3, "Arctic Forum Wage Board")]


def test_two_families_with_near_surnames_stay_apart():
    # "Hollet"/"Hollit" are one letter apart, but each is written in full with another given name
    docs = corpus(
        ("Maren Hollet runs the bakery. Hollet said sales rose.", [("Maren Hollet", "PERSON"), ("Hollet", "PERSON")]),
        ("Senator Judd Hollit spoke. Hollit voted no.", [("Judd Hollit", "PERSON"), ("Hollit", "PERSON")]),
        ("Dmitry Kozlovsky arrived. Kozlovsky waved.", [("Dmitry Kozlovsky", "PERSON"), ("Kozlovsky", "PERSON")]),
        ("Kozlovskiy left early.", [("Kozlovskiy", "PERSON")]),
    )
    ids = ids_by_text(docs, aliases.build_entities(docs))
    assert ids[(0, "Hollet")] == ids[(0, "Maren Hollet")]
    assert ids[(1, "Hollit")] == ids[(1, "Judd Hollit")]
    assert ids[(0, "Maren Hollet")] != ids[(1, "Judd Hollit")]
    # a spelling of a surname whose other form has no full name of its own still joins it
    assert ids[(3, "Kozlovskiy")] == ids[(2, "Dmitry Kozlovsky")]


def test_a_person_s_initials_are_no_expansion_of_an_organisation_acronym():
    docs = corpus(
        ("BRUSSELS (TP) - The talks resumed.", [("TP", "ORG")]),
        ("Tilda Pemberton said the talks had stalled.", [("Tilda Pemberton", "PERSON")]),
    )
    ids = ids_by_text(docs, aliases.build_entities(docs))
    assert ids[(0, "TP")] != ids[(1, "Tilda Pemberton")]


def test_acronym_expansion_in_another_article():
    docs = corpus(
        (
            "The North Atlantic Treaty Organization met in Brussels.",
            [("North Atlantic Treaty Organization", "ORG"), ("Brussels", "PLACE")],
        ),
        ("NATO ministers disagreed.", [("NATO", "ORG")]),
    )
    ents = aliases.build_entities(docs)
    ids = ids_by_text(docs, ents)
    assert ids[(1, "NATO")] == ids[(0, "North Atlantic Treaty Organization")]
    e = next(e for e in ents if e.id == ids[(1, "NATO")])
    assert e.name == "North Atlantic Treaty Organization" and e.kind == "ORG"


def test_explicit_hint_merges_and_records_evidence():
    docs = corpus(
        (
            "Fighting reached Tskhinvali (Tskhinval) on Monday.",
            [("Tskhinvali", "PLACE"), ("Tskhinval", "PLACE")],
            [(0, 1, "parenthesis")],
        ),
    )
    ents = aliases.build_entities(docs)
    e = next(e for e in ents if e.name in ("Tskhinvali", "Tskhinval"))
    assert {e.name, *e.aliases} == {"Tskhinvali", "Tskhinval"}
    assert any(ev.rule == "hint:parenthesis" for ev in e.evidence)


def test_countries_and_nationalities():
    docs = corpus(
        (
            "The United States and the U.S. Army; American troops and Americans.",
            [("United States", "PLACE"), ("U.S.", "PLACE"), ("American", "NORP"), ("Americans", "NORP")],
        ),
    )
    ents = aliases.build_entities(docs)
    ids = ids_by_text(docs, ents)
    assert ids[(0, "United States")] == ids[(0, "U.S.")]
    assert ids[(0, "American")] == ids[(0, "Americans")]
    norp = next(e for e in ents if e.id == ids[(0, "American")])
    assert norp.related == [ids[(0, "United States")]]


def test_corpus_consistency_majority_kind_and_spreading():
    docs = corpus(
        ("Herat was shelled. Officials in Herat said so.", [("Herat", "PLACE"), ("Herat", "PLACE")]),
        ("Refugees reached Herat overnight.", [("Herat", "PLACE")]),
        ("Herat officials met. The governor of Herat spoke.", [("Herat", "ORG")]),
    )
    ents = aliases.build_entities(docs)
    herat = [e for e in ents if e.name == "Herat"]
    assert len(herat) == 1 and herat[0].kind == "PLACE"
    # the untagged second occurrence in doc 2 is found by scanning
    assert len([m for m in herat[0].mentions if m.file == 2]) == 2


def test_one_off_tag_contradicted_by_the_corpus_is_dropped():
    untagged = "Key findings were published. Key results followed. Key data came later."
    docs = corpus(
        ("Mr Key resigned.", [("Key", "PERSON")]),
        (untagged, []),
        (untagged, []),
    )
    ents = aliases.build_entities(docs)
    assert not [e for e in ents if e.name == "Key"]


def test_build_entities_is_fast():
    # 2,000 small articles with overlapping names: well under a few seconds
    people = [f"Person{i} Surname{i % 300}" for i in range(600)]
    docs = []
    for i in range(2000):
        p, q = people[i % 600], people[(i * 7) % 600]
        text = f"{p} met {q} in Geneva. {p.split()[1]} said the talks in Geneva went well. " * 3
        ms = [Mention(text.index(p), text.index(p) + len(p), "PERSON", p)]
        docs.append((f"d{i}", text, FileAnalysis(mentions=ms)))
    t0 = time.perf_counter()
    ents = aliases.build_entities(docs)
    assert time.perf_counter() - t0 < 5
    assert ents


def test_mentions_put_in_text_order_a_file_at_a_time_as_one_stable_sort_would():
    import random

    from reader.model.corpus.corpus_consistency import CorpusMention, _in_text_order

    rng = random.Random(3)

    def run(n: int) -> list[CorpusMention]:
        ms = [CorpusMention(rng.randrange(6), rng.randrange(30), 0, "PERSON", str(k), "x") for k in range(n)]
        return sorted(ms, key=lambda c: c.file)  # in file order, starts in any order (ties too)

    def text_order(ms: list[CorpusMention]) -> list[int]:
        return [id(c) for c in sorted(ms, key=lambda c: (c.file, c.start))]

    for _ in range(50):
        a, b = run(rng.randrange(40)), run(rng.randrange(40))
        assert [id(c) for c in _in_text_order(a, b)] == text_order(a + b)
        rng.shuffle(b)  # not in file order: sorted whole
        assert [id(c) for c in _in_text_order(a, b)] == text_order(a + b)
