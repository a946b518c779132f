"""A letter typed in a view's filter box is drawn with its answer, in one frame: the app's repaints
are held from the change of the box's value until the rows for the typed text are in, or
frame_hold.LIMIT at most (reader/ui/frame_hold.py). Forced through the views' thread workers on
the seeds, with each filtering slowed to more than a frame."""

from __future__ import annotations

import time

import pytest
from conftest import wait_for

from reader.ui import frame_hold
from reader.ui.app import ReaderApp
from reader.ui.screens import corpus_list
from reader.ui.screens.entities import EntitiesScreen
from reader.ui.screens.quotes import QuotesScreen
from reader.ui.widgets import article_list
from reader.ui.widgets.list_contents import ListContents


@pytest.fixture
def slow_views(monkeypatch):
    """Every view filters in its worker; each filtering takes `delay[0]` seconds more."""
    monkeypatch.setattr(corpus_list.CorpusListScreen, "INLINE_ARTICLES", 0)
    monkeypatch.setattr(corpus_list.CorpusListScreen, "INLINE_ROWS", 0)
    monkeypatch.setattr(article_list, "INLINE_FILTER", 0)
    delay = [0.03]
    answers = corpus_list.CorpusListScreen._answers

    def slowed(self, needle, rows, texts, stop=None):
        time.sleep(delay[0])
        yield from answers(self, needle, rows, texts, stop)

    monkeypatch.setattr(corpus_list.CorpusListScreen, "_answers", slowed)
    lay_out = ListContents.filtered

    def slowed_list(self, groups, words):
        time.sleep(delay[0])
        return lay_out(self, groups, words)

    monkeypatch.setattr(ListContents, "filtered", slowed_list)
    return delay


def releases_of(hold, state) -> list:
    """What `state()` was each time `hold` let the repaints go (while it held them)."""
    seen: list = []
    release = hold.release

    def spy():
        if hold.holding:
            seen.append((state(), time.monotonic()))
        release()

    hold.release = spy
    return seen


@pytest.mark.parametrize(("key", "screen_type"), [("Q", QuotesScreen), ("V", EntitiesScreen)])
async def test_a_letter_in_a_view_is_drawn_with_its_rows(analysed, slow_views, key, screen_type):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press(key)
        await wait_for(pilot, lambda: isinstance(app.screen, screen_type) and app.screen.answered == "")
        screen = app.screen
        seen = releases_of(screen.frame_hold, lambda: (screen.needle, screen.answered))
        for typed in ("a", "ar"):
            del seen[:]
            await pilot.press(typed[-1])
            await wait_for(pilot, lambda typed=typed: screen.answered == typed and not screen.frame_hold.holding)
            # let go once, by the answer to the typed text (not the time limit, nor before it)
            assert [s for s, _ in seen] == [(typed, typed)]


async def test_a_slow_answer_shows_the_letter_after_the_limit(analysed, slow_views):
    slow_views[0] = 0.5
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("Q")
        await wait_for(pilot, lambda: isinstance(app.screen, QuotesScreen) and app.screen.answered == "", timeout=15)
        screen = app.screen
        seen = releases_of(screen.frame_hold, lambda: screen.answered)
        t0 = time.monotonic()
        await pilot.press("a")
        await wait_for(pilot, lambda: seen)
        (answered, at), *_ = seen
        assert answered == "" and frame_hold.LIMIT <= at - t0 < 0.4  # the letter alone, the rows later
        await wait_for(pilot, lambda: screen.answered == "a")


async def test_closing_a_view_during_a_hold_lets_the_app_draw(analysed, slow_views):
    slow_views[0] = 0.5
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("Q")
        await wait_for(pilot, lambda: isinstance(app.screen, QuotesScreen) and app.screen.answered == "", timeout=15)
        screen = app.screen
        await pilot.press("a", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, QuotesScreen))
        assert not screen.frame_hold.holding
        main = app.main
        before = main.repaints
        main.article_list.focus()
        await pilot.press("down")
        await wait_for(pilot, lambda: main.repaints > before)


async def test_a_letter_in_the_list_filter_is_drawn_with_the_list(analysed, slow_views):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.main
        main.article_list.focus()
        await pilot.press("slash")
        await wait_for(pilot, lambda: main.list_filter.has_focus)
        lst = main.article_list
        seen = releases_of(main.filter_hold, lambda: (main.list_filter.value, lst.answered))
        for typed in ("a", "ar"):
            del seen[:]
            await pilot.press(typed[-1])
            await wait_for(pilot, lambda typed=typed: lst.answered == typed and not main.filter_hold.holding)
            assert [s for s, _ in seen] == [(typed, typed)]
