"""The timeline over a big corpus makes every unit's chart ahead, in the worker that made the
first: `u` answers from them at once, or waits for that worker, and starts no other."""

from __future__ import annotations

import threading

import pytest
from conftest import wait_for

import reader.ui.screens.timeline as timeline_mod
from reader.model.outputs.timeline import UNITS, DateIndex, TooManyBuckets
from reader.ui.app import ReaderApp
from reader.ui.screens.timeline import TimelineScreen


@pytest.fixture
def workers(monkeypatch) -> list[str]:
    """Every corpus counts as big (charted in a worker); the timeline workers started."""
    monkeypatch.setattr(timeline_mod, "INLINE_ARTICLES", 0)
    started: list[str] = []
    run = TimelineScreen.run_worker

    def counted(self, *args, **kwargs):
        started.append(kwargs.get("group", ""))
        return run(self, *args, **kwargs)

    monkeypatch.setattr(TimelineScreen, "run_worker", counted)
    return started


async def charted(pilot) -> TimelineScreen:
    """The timeline (T) once its first chart is shown."""
    app = pilot.app
    await pilot.press("T")
    await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen) and app.screen.timeline is not None)
    return app.screen


def expected(corpus, choice):
    try:
        return DateIndex(corpus.articles).timeline(choice)
    except TooManyBuckets:
        return None


async def test_u_answers_from_the_units_made_ahead(analysed, workers):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await charted(pilot)
        await wait_for(pilot, lambda: screen._preparing is None)
        assert workers == ["timeline"]
        for _ in range(len(UNITS) + 1):  # round to automatic again
            await pilot.press("u")
            assert not screen.computing  # answered in the key's own handling
            want = expected(analysed, screen.unit_choice)
            assert want is not None and screen.timeline.unit == want.unit
            assert [(b.label, b.article_ids) for b in screen.timeline.buckets] == [
                (b.label, b.article_ids) for b in want.buckets
            ]
        assert screen.unit_choice is None and workers == ["timeline"]


async def test_u_before_the_units_are_made_waits_for_them(analysed, workers, monkeypatch):
    chart = DateIndex.timeline
    gate, calls = threading.Event(), [0]

    def held(self, *args, **kwargs):  # the first chart at once, the other units once let go
        calls[0] += 1
        if calls[0] > 1:
            assert gate.wait(10), "the test never let the other units be made"
        return chart(self, *args, **kwargs)

    monkeypatch.setattr(DateIndex, "timeline", held)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await charted(pilot)
        assert screen._preparing is not None  # still making the other units
        await pilot.press("u")
        gate.set()
        await wait_for(pilot, lambda: not screen.computing)
        want = expected(analysed, "day")
        assert screen.unit_choice == "day" and want is not None and screen.timeline.unit == want.unit
        assert workers == ["timeline"]  # the first worker's charts answered it
