"""A keystroke in the palette is drawn once, with its hits (ReaderPalette holds the app's repaints
from the change of the typed text until its hit list is set, HOLD at most)."""

from __future__ import annotations

import time
from pathlib import Path

from conftest import wait_for
from textual.command import CommandList

import reader.ui.app
from reader.ui.app import ReaderApp
from reader.ui.frame_hold import LIMIT as HOLD
from reader.ui.palette import ReaderPalette
from reader.ui.widgets.palette_parts import PaletteList


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


class FrameSpy(ReaderApp):
    """Records, for each frame drawn, the palette's typed text and the text its hits were found for."""

    CSS_PATH = str(Path(reader.ui.app.__file__).with_name("reader.tcss"))  # relative to the class's file
    frames: list[tuple[str, str | None, float]]
    filled_for: str | None = None

    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is not None and isinstance(screen, ReaderPalette):
            self.frames.append((screen.query_one("CommandInput").value, self.filled_for, time.monotonic()))


async def test_a_keystroke_is_drawn_once_with_its_hits(analysed):
    app = FrameSpy(analysed, analyse=False)
    app.frames = []
    async with app.run_test(size=(120, 40)) as pilot:
        # a search slower than a frame: unheld, the letter would be drawn alone first
        palette = await open_palette_over(app, pilot, slow=0.03)
        fill = palette._refresh_command_list

        def filled(command_list, commands, clear_current):
            fill(command_list, commands, clear_current)
            app.filled_for = palette.query_one("CommandInput").value

        palette._refresh_command_list = filled
        lst = palette.query_one(CommandList)
        for typed in ("p", "pu", "put"):
            await pilot.press(typed[-1])
            await wait_for(pilot, lambda typed=typed: app.filled_for == typed and not palette.frame_hold.holding)
            await pilot.pause(0.1)
            assert lst.option_count > 0
            shown = [f for f in app.frames if f[0] == typed]
            assert shown and all(hits == typed for _, hits, _ in shown), app.frames  # never the letter alone


async def test_typing_over_a_full_list_lays_nothing_out(analysed):
    # hits that fill the list keep its height: the list and the input are drawn again, the
    # screen is not laid out (widgets/palette_parts.py)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        palette = await open_palette_over(app, pilot)
        lst = palette.query_one(PaletteList)
        layouts: list[int] = []
        palette.screen_layout_refresh_signal.subscribe(palette, lambda _: layouts.append(lst.option_count))
        heights = []
        for typed in ("t", "th", "the"):
            await pilot.press(typed[-1])
            await wait_for(
                pilot, lambda typed=typed: palette.query_one("CommandInput").value == typed and lst.option_count
            )
            await wait_for(pilot, lambda: not palette.frame_hold.holding)
            await pilot.pause(0.1)
            assert 2 * lst.option_count >= lst.capacity()  # the hits fill it
            heights.append(lst.outer_size.height)
        assert layouts == []
        assert heights == [lst.capacity() + lst.styles.gutter.height] * 3
        assert lst.virtual_size.height == sum(lst._heights.values())  # its rows are all there to scroll


async def test_a_slow_search_shows_the_letter_after_the_hold(analysed):
    app = FrameSpy(analysed, analyse=False)
    app.frames = []
    async with app.run_test(size=(120, 40)) as pilot:
        palette = await open_palette_over(app, pilot, slow=0.5)
        t0 = time.monotonic()
        await pilot.press("p")
        await wait_for(pilot, lambda: any(typed == "p" for typed, _, _ in app.frames))
        assert not palette.frame_hold.holding
        first = next(t for typed, _, t in app.frames if typed == "p")
        assert HOLD <= first - t0 < 0.4  # the letter is drawn while the search goes on


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
