"""A keystroke in the palette is drawn once, with its hits (ReaderPalette holds the app's repaints
from the change of the typed text until its hit list is set, HOLD at most)."""

from __future__ import annotations

import time

from conftest import wait_for
from textual.command import CommandList

from reader.ui.app import ReaderApp
from reader.ui.frame_hold import LIMIT as HOLD
from reader.ui.palette import ReaderPalette


async def open_palette_over(app, pilot, slow: float = 0.0) -> ReaderPalette:
    """The palette, open with its index built; each search takes `slow` seconds more (in its thread)."""
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, ReaderPalette) and app.search_index.index is not None)
    index = app.search_index.index
    search = index.search

    def slowed(*args, **kwargs):
        time.sleep(slow)
        return search(*args, **kwargs)

    index.search = slowed
    await pilot.pause(0.2)
    return app.screen


async def test_a_keystroke_lays_the_palette_out_once_with_its_hits(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        # a search slower than a frame: unheld, the letter would be laid out and drawn alone first
        palette = await open_palette_over(app, pilot, slow=0.03)
        lst = palette.query_one(CommandList)
        layouts: list[int] = []
        palette.screen_layout_refresh_signal.subscribe(palette, lambda _: layouts.append(lst.option_count))
        for typed in ("p", "pu", "put"):
            del layouts[:]
            await pilot.press(typed[-1])
            await wait_for(
                pilot, lambda typed=typed: palette._drawn and lst.option_count and not palette.frame_hold.holding
            )
            await pilot.pause(0.1)
            assert palette.query_one("CommandInput").value == typed
            assert len(layouts) == 1, layouts  # one layout, and the hits were in it
            assert layouts[0] == lst.option_count > 0


async def test_a_slow_search_shows_the_letter_after_the_hold(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        palette = await open_palette_over(app, pilot, slow=0.5)
        layouts: list[float] = []
        palette.screen_layout_refresh_signal.subscribe(palette, lambda _: layouts.append(time.monotonic()))
        t0 = time.monotonic()
        await pilot.press("p")
        await wait_for(pilot, lambda: layouts)
        assert not palette.frame_hold.holding
        assert HOLD <= layouts[0] - t0 < 0.4  # the letter is drawn while the search goes on


async def test_closing_the_palette_during_a_hold_lets_the_app_draw(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        palette = await open_palette_over(app, pilot, slow=0.5)
        await pilot.press("p", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ReaderPalette))
        assert not palette.frame_hold.holding
        main = app.main
        before = main.repaints
        main.article_list.focus()
        await pilot.press("down")
        await wait_for(pilot, lambda: main.repaints > before)


async def test_a_query_without_hits_is_answered_when_its_search_ends(analysed, monkeypatch):
    # Textual's palette waits for hits in 0.1 s slices, so an empty answer came a slice late;
    # ReaderPalette._search_for waits for the next hit or the end of the searches, not a slice
    import textual.command

    slices: list[float] = []
    wait_for_ = textual.command.wait_for

    def sliced(aw, timeout):
        slices.append(timeout)
        return wait_for_(aw, timeout)

    monkeypatch.setattr(textual.command, "wait_for", sliced)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        palette = await open_palette_over(app, pilot)
        lst = palette.query_one(CommandList)
        await pilot.press(*"qzxjqzxj")
        await wait_for(pilot, lambda: palette._drawn == {} and lst.option_count == 0 and not palette.frame_hold.holding)
        assert palette.query_one("CommandInput").value == "qzxjqzxj" and palette._hit_count == 0
        await pilot.press(*["backspace"] * 8, *"putin")  # hits again after an empty answer
        await wait_for(pilot, lambda: lst.option_count > 0 and palette.query_one("CommandInput").value == "putin")
        assert not slices  # no polling slice was waited for


async def test_a_provider_that_fails_leaves_the_palette_answering(analysed, monkeypatch):
    from reader.ui.palette import CorpusProvider

    async def broken(self, query):
        raise RuntimeError("a broken index")
        yield  # an async generator, as the palette expects

    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        palette = await open_palette_over(app, pilot)
        monkeypatch.setattr(CorpusProvider, "search", broken)
        await pilot.press(*"pu")
        await wait_for(
            pilot, lambda: palette.query_one(CommandList).option_count == 0 and not palette.frame_hold.holding
        )
        assert isinstance(app.screen, ReaderPalette) and palette._hit_count == 0
