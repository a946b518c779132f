"""Entity corrections: each operation, undo, stale corrections, persistence, damaged files."""

from __future__ import annotations

import json
import sqlite3

import pytest

from reader.model.corpus.aliases import Entity, EntityMention, Evidence
from reader.model.corpus.corrections import CorrectionError, Corrections, EntityRef, apply_corrections, corrections_path
from reader.model.store import paths
from reader.model.store.user_store import UserStore


def ent(eid: str, kind: str, *forms: tuple[str, int], file: int = 0) -> Entity:
    """An entity whose mentions are written as `forms` (name, count); the first form is its name."""
    e = Entity(eid, forms[0][0], kind, [f for f, _ in forms[1:]])
    pos = 0
    for text, n in forms:
        for _ in range(n):
            e.mentions.append(EntityMention(file, pos, pos + len(text), text))
            pos += 100
    e.evidence = [Evidence("surname", f"{forms[-1][0]!r} is the surname of {forms[0][0]!r}")] if len(forms) > 1 else []
    return e


def world() -> list[Entity]:
    """Fresh entities, as aliases.build_entities would give on every load."""
    return [
        ent("person:anna-berg", "PERSON", ("Anna Berg", 3), ("Berg", 2)),
        ent("person:tomas-berg", "PERSON", ("Tomas Berg", 2), ("Berg", 1), file=1),
        ent("place:norland", "PLACE", ("Norland", 4), ("NORLAND", 1)),
        ent("place:norland-2", "PLACE", ("Norlandia", 1)),
        ent("org:arvik", "ORG", ("Arvik", 2), file=2),
        ent("norp:norlandic", "NORP", ("Norlandic", 2)),
    ]


def by_name(ents: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in ents}


def fresh(tmp_path, key: str = "k") -> Corrections:
    """The corrections of corpus `key` as another process opening the same store sees them."""
    return Corrections(key, UserStore(tmp_path / "s.sqlite3"))


@pytest.fixture
def store(tmp_path) -> Corrections:
    return fresh(tmp_path)


def replay(store) -> list[Entity]:
    return apply_corrections(world(), store)


def test_merge_keeps_the_first_entity_and_says_the_user_did_it(store):
    world_ = world()
    world_[5].related = ["place:norland-2"]
    e = by_name(world_)
    c = store.merge(e["Norland"], e["Norlandia"])
    got = by_name(apply_corrections(world_, store))
    assert "Norlandia" not in got
    norland = got["Norland"]
    assert (norland.id, norland.kind, len(norland.mentions)) == ("place:norland", "PLACE", 6)
    assert sorted(norland.aliases) == ["NORLAND", "Norlandia"]
    assert norland.evidence[-1].rule == "user"
    assert norland.evidence[-1].detail == f"'Norlandia' merged in by you on {c.created[:10]}"
    assert got["Norlandic"].related == ["place:norland"]  # links follow the merge
    assert c.stale is None and c.description == "merge 'Norlandia' (PLACE) into 'Norland' (PLACE)"


def test_split_moves_one_surface_form_out(store):
    e = by_name(world())
    store.split(e["Anna Berg"], "berg")  # case ignored when unambiguous
    got = replay(store)
    anna = by_name(got)["Anna Berg"]
    assert anna.aliases == [] and len(anna.mentions) == 3
    assert [ev.detail for ev in anna.evidence if ev.rule != "user"] == []  # the surname evidence left with it
    berg = [x for x in got if x.name == "Berg"]
    assert len(berg) == 1 and berg[0].kind == "PERSON" and len(berg[0].mentions) == 2
    assert berg[0].id == "person:berg" and berg[0].evidence[0].rule == "user"
    assert "split from 'Anna Berg'" in berg[0].evidence[0].detail
    # Tomas Berg's own "Berg" is another entity's mention: untouched
    assert by_name(got)["Tomas Berg"].aliases == ["Berg"]


def test_split_refuses_a_name_the_entity_does_not_have_or_its_only_name(store):
    e = by_name(world())
    with pytest.raises(CorrectionError, match="not a name of"):
        store.split(e["Anna Berg"], "Tomas")
    with pytest.raises(CorrectionError, match="only name"):
        store.split(e["Arvik"], "Arvik")
    assert len(store) == 0


def test_rename_keeps_the_old_name_as_an_alias(store):
    e = by_name(world())
    store.rename(e["Arvik"], "  Arvik   Group ")
    got = by_name(replay(store))
    assert "Arvik" not in got
    g = got["Arvik Group"]
    assert g.id == "org:arvik" and g.aliases == ["Arvik"] and "renamed from 'Arvik'" in g.evidence[-1].detail


def test_kind_change_drops_nationality_links(store):
    ents = world()
    ents[5].related = ["place:norland"]
    store.set_kind(by_name(ents)["Norland"], "org")
    got = by_name(apply_corrections(ents, store))
    assert got["Norland"].kind == "ORG" and got["Norlandic"].related == []
    with pytest.raises(CorrectionError, match="unknown kind"):
        store.set_kind(got["Norland"], "THING")
    with pytest.raises(CorrectionError, match="already"):
        store.set_kind(got["Norland"], "ORG")


def test_reject_a_whole_entity_or_one_surface_form(store):
    e = by_name(world())
    store.reject(e["Arvik"])
    store.reject(e["Norland"], "NORLAND")
    got = by_name(replay(store))
    assert "Arvik" not in got
    assert got["Norland"].aliases == [] and len(got["Norland"].mentions) == 4
    assert "'NORLAND' marked not a name" in got["Norland"].evidence[-1].detail
    assert [c.description for c in store] == ["'Arvik' (ORG) is not an entity", "'NORLAND' is not a PLACE name"]


def test_entities_are_found_by_their_forms_not_their_ids(store):
    e = by_name(world())
    store.merge(e["Norland"], e["Norlandia"])
    rebuilt = world()
    rebuilt[2].id, rebuilt[3].id = "place:norland-2", "place:norland"  # ids numbered differently
    rebuilt[2].mentions.append(EntityMention(3, 0, 8, "Nordland"))  # and a new spelling joined
    got = by_name(apply_corrections(rebuilt, store))
    assert "Norlandia" not in got
    assert (got["Norland"].id, len(got["Norland"].mentions)) == ("place:norland-2", 7)
    # case matters: "NORLAND" is a surface form of its own; and kinds must agree
    pair = [ent("place:x", "PLACE", ("NORLAND", 1)), ent("place:y", "PLACE", ("Norland", 1))]
    assert EntityRef("PLACE", "NORLAND", ("NORLAND",)).find(pair) is pair[0]
    assert EntityRef("ORG", "NORLAND", ("NORLAND",)).find(pair) is None
    # one shared surname is not the same person
    assert EntityRef("PERSON", "Tomas Berg", ("Berg", "Tomas Berg")).find(world()[:1]) is None


def test_stale_corrections_do_nothing_and_say_why(store):
    e = by_name(world())
    store.merge(e["Anna Berg"], e["Tomas Berg"])
    store.rename(e["Arvik"], "Arvik Group")
    reanalysed = [x for x in world() if x.name != "Tomas Berg"]  # the article naming him is gone
    got = by_name(apply_corrections(reanalysed, store))
    merge, rename = list(store)
    assert merge.stale == "no PERSON entity named 'Tomas Berg' any more"
    assert rename.stale is None and "Arvik Group" in got
    assert len(got["Anna Berg"].mentions) == 5


def test_corrections_apply_in_order(store):
    e = by_name(world())
    store.split(e["Anna Berg"], "Berg")
    got = by_name(replay(store))
    store.set_kind(got["Berg"], "PLACE")  # a correction to the entity the split made
    got = by_name(replay(store))
    assert got["Berg"].kind == "PLACE" and got["Anna Berg"].kind == "PERSON"
    assert all(c.stale is None for c in store)


def test_undo_last_or_given_and_ids_are_not_reused(store, tmp_path):
    e = by_name(world())
    a = store.rename(e["Arvik"], "Arvik Group")
    b = store.reject(e["Norlandia"])
    c = store.set_kind(e["Norland"], "ORG")
    assert [a.id, b.id, c.id] == [1, 2, 3]
    assert store.undo(a.id) is a
    assert store.undo() is c
    got = by_name(replay(store))
    assert "Arvik" in got and got["Norland"].kind == "PLACE" and "Norlandia" not in got
    with pytest.raises(CorrectionError, match="no correction #7"):
        store.undo(7)
    reread = fresh(tmp_path)
    assert [x.id for x in reread] == [2]
    assert reread.rename(e["Arvik"], "A").id == 4
    reread.undo()
    reread.undo()
    with pytest.raises(CorrectionError, match="no corrections"):
        reread.undo()


def test_persisted_and_read_back(store, tmp_path):
    e = by_name(world())
    store.merge(e["Norland"], e["Norlandia"])
    store.split(e["Anna Berg"], "Berg")
    with sqlite3.connect(tmp_path / "s.sqlite3") as db:
        rows = db.execute("SELECT id, data FROM corrections WHERE corpus = 'k'").fetchall()
    db.close()
    assert [(i, json.loads(d)["op"]) for i, d in rows] == [(1, "merge"), (2, "split")]
    again = fresh(tmp_path)
    assert [c.to_json() for c in again] == [c.to_json() for c in store]
    assert [(x.name, len(x.mentions)) for x in apply_corrections(world(), again)] == [
        (x.name, len(x.mentions)) for x in replay(store)
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xffgarbage{{{",
        b'{"format": "reader-corrections", "da',
        b"[1, 2]",
        b'{"format": "reader-state", "data": {}}',
    ],
)
def test_damaged_legacy_file_is_set_aside_with_a_notice_and_work_goes_on(tmp_path, content):
    path = tmp_path / "corrections" / "k.json"  # what versions before the state database wrote
    path.parent.mkdir()
    path.write_bytes(content)
    store = fresh(tmp_path)
    assert len(store) == 0 and len(store.notices) == 1 and "unreadable" in store.notices[0]
    assert any(p.name.startswith("k.json.corrupt-") for p in path.parent.iterdir())
    e = by_name(world())
    store.reject(e["Arvik"])
    assert "Arvik" not in by_name(apply_corrections(world(), fresh(tmp_path)))


def test_legacy_file_is_read_once_and_bad_entries_set_aside_the_rest_kept(tmp_path):
    path = tmp_path / "corrections" / "k.json"
    path.parent.mkdir()
    good = {
        "id": 3,
        "op": "kind",
        "entity": {"kind": "ORG", "name": "Arvik", "forms": ["Arvik"]},
        "other": None,
        "value": "PLACE",
        "created": "2026-01-02T10:00:00+00:00",
        "description": "d",
    }
    bad = [
        {"id": 4, "op": "explode"},
        {"id": "5", "op": "kind"},
        dict(good, id=6, value="MOON"),
        dict(good, id=7, op="merge"),
        "junk",
    ]
    path.write_text(
        json.dumps({"format": "reader-corrections", "version": 1, "data": {"next_id": 9, "corrections": [good, *bad]}}),
        encoding="utf-8",
    )
    store = fresh(tmp_path)
    assert [c.id for c in store] == [3]
    counts = [int(n.split()[0]) for n in store.notices]
    assert sum(counts) == 5 and all("unreadable entity correction(s)" in n for n in store.notices)
    assert by_name(apply_corrections(world(), store))["Arvik"].kind == "PLACE"
    assert store.rename(by_name(world())["Norland"], "N").id == 9
    with sqlite3.connect(tmp_path / "s.sqlite3") as db:  # kept, out of the way
        assert db.execute("SELECT count(*) FROM set_aside WHERE what = 'correction'").fetchone()[0] == 5
    db.close()
    path.write_text("{}")  # read once: the database is what counts now
    again = fresh(tmp_path)
    assert [c.id for c in again] == [3, 9] and not again.notices


def test_unwritable_state_dir_keeps_the_correction_for_the_session(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = Corrections("k", UserStore(blocker / "s.sqlite3"))  # its folder is a file: cannot be created
    store.reject(by_name(world())["Arvik"])
    assert len(store) == 1 and not store.persistent
    assert len(store.notices) == 1 and "kept for this session only" in store.notices[0]


# --- on a real corpus: applied on every load, surviving re-analysis -------------------------------


@pytest.fixture(scope="module")
def seed_analyses():
    from conftest import analyse_seeds

    return analyse_seeds().analyses


def load(seeds_dir, analyses):
    """A corpus as a new process would load it, with the analyses from the cache."""
    from reader.model.corpus.corpus import Corpus

    c = Corpus.load([str(seeds_dir)])
    c.analyses = dict(analyses)
    c.build_entities()
    return c


def biggest(corpus, kind: str, n: int = 0):
    return [e for e in corpus.entities if e.kind == kind][n]


def test_corpus_applies_its_corrections_on_every_load(seeds_dir, seed_analyses):
    c = load(seeds_dir, seed_analyses)
    assert c.corrections.path == paths.user_store_path()
    place, other = biggest(c, "PLACE"), biggest(c, "PLACE", 1)
    person = biggest(c, "PERSON")
    c.corrections.merge(place, other)
    c.corrections.rename(person, "Somebody Else")
    fresh = load(seeds_dir, seed_analyses)
    names = {e.name for e in fresh.entities}
    assert other.name not in names and "Somebody Else" in names and person.name not in names
    merged = fresh.entity(place.id)
    assert len(merged.mentions) == len(place.mentions) + len(other.mentions)
    # the reading spans (highlights, export) are the corrected entities
    spans = [t for lst in fresh.entity_spans.values() for t in lst if t[2] is merged]
    assert len(spans) == len(merged.mentions)
    assert any(ev.rule == "user" and "by you on" in ev.detail for ev in merged.evidence)


def test_corrections_survive_reanalysis_without_cache(seeds_dir, seed_analyses):
    from reader.model.corpus.corpus import Corpus

    c = load(seeds_dir, seed_analyses)
    norp = biggest(c, "NORP")
    c.corrections.reject(norp)
    again = Corpus.load([str(seeds_dir)])
    again.analyse(cache=False)
    assert norp.name not in {e.name for e in again.entities if e.kind == "NORP"}
    assert [x.stale for x in again.corrections] == [None]


def test_garbage_corrections_file_gives_a_corpus_notice(seeds_dir, seed_analyses):
    from reader.model.corpus.corpus import Corpus

    key = Corpus.load([str(seeds_dir)]).key
    path = corrections_path(key)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x1b[31mnot json")
    c = load(seeds_dir, seed_analyses)
    assert c.entities and len(c.corrections) == 0
    notes = [n for n in c.notices if "unreadable" in n.message]
    assert len(notes) == 1 and str(path) in notes[0].message
