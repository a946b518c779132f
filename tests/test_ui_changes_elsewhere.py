"""The app and other writers at once (issue 18, item 3): nothing lost, and the app shows what changed.

Other processes here are real ones (`reader clip add`, `reader correct`), or in-process writers
with their own database connection, which is what a second process is to SQLite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS, analyse_seeds, messages_shown, wait_for

from reader.model.corpus.corrections import Corrections
from reader.model.store.clippings import Clippings
from reader.model.store.reading_state import StateStore
from reader.model.store.user_store import UserStore, open_store
from reader.ui.app import ReaderApp
from reader.ui.screens.prompt import PromptScreen

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def toasts(app) -> list[str]:
    return messages_shown(app)


async def test_a_shell_correction_appears_and_survives_the_apps_next_one():
    corpus = analyse_seeds()
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        people = [e for e in corpus.entities if e.kind == "PERSON"]
        first, second = people[0], people[1]
        shell = Corrections(corpus.key, UserStore(open_store().path))  # another process's connection
        shell.rename(first, "Renamed In A Shell")
        await wait_for(pilot, lambda: any(e.name == "Renamed In A Shell" for e in corpus.entities), timeout=15)
        assert any("Changed elsewhere" in t and "1 entity correction made" in t for t in toasts(app)), toasts(app)
        app.corrector._correct(lambda store: store.rename(second, "Renamed In The App"), second, None)
        await pilot.pause()
        names = {e.name for e in corpus.entities}
        assert {"Renamed In A Shell", "Renamed In The App"} <= names
        await pilot.press("q")
    again = Corrections(corpus.key, UserStore(open_store().path))
    assert [c.value for c in again] == ["Renamed In A Shell", "Renamed In The App"]


@pytest.mark.usefixtures("warm_seeds_cache")  # the CLI processes read the analysed seeds
async def test_the_app_and_parallel_cli_writers_lose_nothing():
    corpus = analyse_seeds()
    quotes = [(a, q) for a in corpus.articles for q in corpus.quotes_in(a)]
    recs = json.loads(
        subprocess.run(
            [sys.executable, "-m", "reader", "quotes", str(SEEDS), "--json"],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=300,
        ).stdout
    )
    cli_quotes, app_quotes = recs[:4], quotes[-3:]
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        procs = [cli("clip", "add", "--quote", r["id"], str(SEEDS)) for r in cli_quotes]
        other_window = StateStore()
        other_window.store = UserStore(open_store().path)
        st = other_window.load(corpus.key)
        for art, q in app_quotes:  # the app clips and bookmarks meanwhile
            app.clipper.add(art, q.start, q.end)
            app.memory.add_bookmark(art, q.start, "from the app")
            st.add_bookmark(art.id, q.end, "from another window")
            other_window.save(corpus.key, st)
            await pilot.pause(0.2)
        for p in procs:
            _out, err = p.communicate(timeout=300)
            assert p.returncode == 0, err
        await pilot.press("m")  # one more through the keys
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(app.memory.reading.bookmarks) >= 7, timeout=15)
        await pilot.press("q")
    clips = Clippings(corpus.key, store=UserStore(open_store().path))
    assert sorted((c.start, c.end) for c in clips) == sorted(
        [(r["start"], r["end"]) for r in cli_quotes] + [(q.start, q.end) for _a, q in app_quotes]
    )
    marks = StateStore().load(corpus.key).bookmarks
    assert sum(b.note == "from the app" for b in marks) == 3
    assert sum(b.note == "from another window" for b in marks) == 3
    assert len(marks) == 7
