"""Pilot: correcting entity groups in the app (merge, split, rename, kind, undo), then checking that a
fresh `reader entities --json` process sees the same corrected entities."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import messages_shown
from textual.widgets import Input

from reader.model.corpus.corrections import entity_forms
from reader.ui.app import ReaderApp
from reader.ui.screens.choice import ChoiceScreen
from reader.ui.screens.corrections import CorrectionsScreen
from reader.ui.screens.entities import EntitiesScreen
from reader.ui.screens.merge_pick import MergePickScreen
from reader.ui.screens.prompt import PromptScreen
from reader.ui.widgets.entity_panel import EntityInfoScreen, EntityPanel

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def analysed(seeds_corpus):
    """Analysed through the (test-local) user cache, so the CLI process below starts warm."""
    from reader.model.analysis.nlp import ModelUnavailable

    try:
        seeds_corpus.analyse()
    except ModelUnavailable:  # pragma: no cover - the model is a declared dependency
        pytest.skip("no spaCy model")
    return seeds_corpus


def named(corpus, name: str, kind: str | None = None):
    return next(e for e in corpus.entities if e.name == name and (kind is None or e.kind == kind))


def cli_entities() -> list[dict]:
    out = subprocess.run(
        [sys.executable, "-m", "reader", "entities", "seeds", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )  # inherits the test's XDG dirs
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.mark.usefixtures("warm_seeds_cache")  # the CLI runs read the analysed seeds
async def test_merge_split_rename_and_undo_reach_a_fresh_cli(analysed):
    corpus = analysed
    south, short = named(corpus, "South Caucasus"), named(corpus, "Caucasus")
    n_south = len(south.mentions) + len(short.mentions)
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        # merge, from the entity view (V): filter, go to the list, J, pick the other entity
        await pilot.press("V")
        await pilot.pause()
        await pilot.press(*"south caucasus", "down")
        assert isinstance(app.screen, EntitiesScreen) and app.screen.correction_target() is south
        await pilot.press("J")
        await pilot.pause()
        assert isinstance(app.screen, MergePickScreen)
        assert south not in [r.entity for r in app.screen.rows]
        await pilot.press(*"caucasus", "enter")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, EntitiesScreen) and [r.name for r in view.shown] == ["South Caucasus"]
        assert view.shown[0].mentions == n_south  # the view was refreshed
        merged = named(corpus, "South Caucasus")
        assert merged is not south and "Caucasus" in merged.aliases
        assert not any(e.name == "Caucasus" for e in corpus.entities)
        await pilot.press("escape")

        # split, from the entity panel (E) of an article that names him
        pash = next(e for e in corpus.entities if e.kind == "PERSON" and "Nikol Pashinian" in e.aliases)
        m = pash.mentions[0]
        app.main.pane.open(corpus.article_at(m.file, m.start))
        await pilot.press("E")
        await pilot.pause()
        panel = app.query_one(EntityPanel)
        panel.highlighted = panel.get_option_index(pash.id)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press(*"pashinian", "enter")
        await pilot.pause()
        after = corpus.entity(pash.id)
        assert after is not pash and "Nikol Pashinian" not in after.aliases
        split = named(corpus, "Nikol Pashinian", "PERSON")
        assert any(ev.rule == "user" and "split from" in ev.detail for ev in split.evidence)
        assert panel.correction_target() is after  # the panel keeps its place on the entity

        # rename, from the entity details (a) of the current entity
        kremlin = named(corpus, "Kremlin", "ORG")
        app.main.pane.set_entity(kremlin)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EntityInfoScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        app.screen.query_one(Input).value = "The Kremlin"
        await pilot.press("enter")
        await pilot.pause()
        info = app.screen
        assert isinstance(info, EntityInfoScreen)
        text = str(info.query_one("#entity-info-text").render())
        assert "The Kremlin" in text and "user: renamed from 'Kremlin' by you on 20" in text
        assert (
            app.main.pane.current_entity.name == "The Kremlin" and app.main.pane.current_entity.id == kremlin.id
        )  # the current entity followed

        # change its kind, then undo that from the corrections list (R)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"place", "enter")
        await pilot.pause()
        assert app.main.pane.current_entity.kind == "PLACE"
        await pilot.press("escape")
        await pilot.press("R")
        await pilot.pause()
        lst = app.screen
        assert isinstance(lst, CorrectionsScreen) and len(lst.shown) == 4
        assert lst.options.highlighted == 3 and lst.shown[3].op == "kind"
        await pilot.press("delete")
        await pilot.pause()
        assert [c.op for c in lst.shown] == ["merge", "split", "rename"]
        assert app.main.pane.current_entity.kind == "ORG" and app.main.pane.current_entity.name == "The Kremlin"

        # the palette's index is rebuilt from the corrected entities
        index = await app.search_index.get()
        labels = [h.item.label for h in index.search("kremlin", ("entity",), 5)]
        assert labels[0] == "The Kremlin" and "Kremlin" not in labels
        await app.workers.wait_for_complete()

    ents = cli_entities()
    by_name = {e["name"]: e for e in ents}
    assert "Caucasus" not in by_name and "Caucasus" in by_name["South Caucasus"]["aliases"]
    assert len(by_name["South Caucasus"]["mentions"]) == n_south
    assert any(
        ev["rule"] == "user" and ev["detail"].startswith("'Caucasus' merged in by you on ")
        for ev in by_name["South Caucasus"]["evidence"]
    )
    assert by_name["Nikol Pashinian"]["kind"] == "PERSON"
    assert "Nikol Pashinian" not in by_name[after.name]["aliases"]
    assert by_name["The Kremlin"]["kind"] == "ORG" and "Kremlin" not in by_name


async def test_corrections_wait_for_analysis_and_undo_says_when_there_is_nothing(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)  # never analysed: no entities
    async with app.run_test(size=(100, 30)) as pilot:
        app.corrector.start("rename", None)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, CorrectionsScreen) and app.screen.shown == []
        await pilot.press("delete")
        await pilot.pause()
        texts = messages_shown(app)
        assert any("analysis to finish" in t for t in texts)


async def test_not_an_entity_then_undo_with_u(analysed):
    corpus = analysed
    target = next(e for e in corpus.entities if e.kind == "PLACE" and len(e.aliases) >= 1)
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.pane.set_entity(target)
        await pilot.press("a", "d")
        await pilot.pause()
        choice = app.screen
        assert isinstance(choice, ChoiceScreen) and len(choice.shown) == 1 + len(entity_forms(target))
        await pilot.press("enter")  # the first choice: the whole entity
        await pilot.pause()
        assert target.id not in {e.id for e in corpus.entities}
        assert app.main.pane.current_entity is None and not isinstance(
            app.screen, EntityInfoScreen
        )  # its details closed
        await pilot.press("E")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        back = corpus.entity(target.id)
        assert back is not None and back.name == target.name and len(corpus.corrections) == 0
