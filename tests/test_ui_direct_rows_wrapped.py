"""DirectRows draws rows that wrap (a who-said-what quote over two or more lines) as Textual's
OptionList draws them, segment for segment, at any width, through keystrokes and themes; a view's
list repaints only the rows whose line changes (reader.ui.widgets.direct_rows)."""

from __future__ import annotations

from test_ui_direct_rows import ROWS, assert_same_screen, draws, fill, hit, lists, rows_drawn, segments
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.theme import Theme
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.screens.corpus_list import RowList
from reader.ui.widgets.direct_rows import DirectRows
from reader.ui.widgets.drawn_once import DrawnOnce


def quote_row(words: str, role: str | None, title: str) -> Content:
    """A who-said-what-like row: a quote long enough to wrap, a role in italics, a dim title."""
    parts = [Content("  “"), Content(words), Content("”  — ")]
    if role:
        parts += [Content(role).stylize_before("italic"), Content(" · ")]
    return Content("").join([*parts, Content(title).stylize_before("dim")])


WRAPPED = [
    quote_row("We will not go back on this, not now and not ever, whatever the cost to us " * 2, "mayor", "Harbour"),
    quote_row("短い言葉ですが、東京の会議で合意に達したことを大変うれしく思います。" * 2, None, "東京新聞"),  # wide
    quote_row("Supercalifragilisticexpialidocious" * 5, "a word longer than the list", "folded"),
    quote_row("trailing spaces at the break      " * 4, "role", "spaces   "),
    hit("entity " + "y" * 90, (7, 60), "a help line under a label that wraps, and itself long enough to wrap " * 2),
    Content("short, one line"),
    Content(""),  # an empty row
]


class Narrow(App):
    """Lists narrow enough that the rows wrap; `css` adds rules to both."""

    AUTO_FOCUS = None

    def __init__(self, css: str = "", ours: type[DirectRows] = DirectRows) -> None:
        self.CSS = "Horizontal { height: 1fr; } OptionList { width: 1fr; height: 1fr; } " + css
        self.ours = ours
        super().__init__()

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="theirs")
            yield self.ours(id="ours")


async def test_a_wrapped_row_is_drawn_as_option_list_draws_it_at_any_width(monkeypatch):
    count = draws(monkeypatch)
    app = Narrow()
    async with app.run_test(size=(100, 40)) as pilot:
        for width in (100, 62, 34, 14):  # even: both lists as wide
            await pilot.resize_terminal(width, 40)
            fill(app, WRAPPED)
            await pilot.pause()
            _, ours = lists(app)
            count[0] = lines = 0
            for component in ("", "option-list--option-highlighted", "option-list--option-disabled"):
                style = ours.get_visual_style("option-list--option", *([component] if component else []))
                for option in ours.options:
                    ours._option_render_cache.clear()
                    ours._kept_lines.clear()
                    mine = ours._get_option_render(option, style)
                    ours._option_render_cache.clear()
                    theirs = OptionList._get_option_render(ours, option, style)
                    assert segments(mine) == segments(theirs), (width, component, option.prompt.plain)
                    lines += len(mine)
            assert count[0] == lines  # every line of every row drawn directly
            assert lines > 3 * sum(r.plain.count("\n") + 1 for r in WRAPPED)  # and they did wrap
            assert_same_screen(app)


async def test_wrapped_rows_look_the_same_as_option_list_through_keystrokes_and_themes(monkeypatch):
    count = draws(monkeypatch)
    app = Narrow()
    async with app.run_test(size=(90, 30)) as pilot:
        fill(app, WRAPPED)
        await pilot.pause()
        assert_same_screen(app)
        theirs, ours = lists(app)
        for _ in range(4):  # the highlight moves down over rows of several lines, then back up
            theirs.action_cursor_down()
            ours.action_cursor_down()
            await pilot.pause()
            assert_same_screen(app)
        theirs.highlighted = ours.highlighted = 0
        await pilot.pause()
        assert_same_screen(app)
        # the next letter: some rows again, reordered, one new; then the first rows again
        fill(
            app,
            [WRAPPED[3], quote_row("A new quote that wraps over two lines at this width " * 2, "x", "y"), WRAPPED[0]],
        )
        await pilot.pause()
        assert_same_screen(app)
        drawn = count[0]
        fill(app, WRAPPED)
        await pilot.pause()
        assert_same_screen(app)
        assert count[0] == drawn  # every line of these rows was kept from before
        base = app.current_theme
        app.register_theme(Theme("wrapped-a", primary=base.primary, accent="#ff0000", dark=base.dark))
        app.theme = "wrapped-a"
        await pilot.pause()
        fill(app, WRAPPED, 1)
        await pilot.pause()
        assert_same_screen(app)


async def test_a_text_rule_other_than_the_default_wraps_the_way_textual_does():
    for css in ("OptionList { text-wrap: nowrap; }", "OptionList { text-overflow: ellipsis; }"):
        app = Narrow(css)
        async with app.run_test(size=(70, 30)) as pilot:
            fill(app, WRAPPED)
            await pilot.pause()
            assert_same_screen(app)
            theirs, ours = lists(app)
            theirs.action_cursor_down()
            ours.action_cursor_down()
            await pilot.pause()
            assert_same_screen(app)


def test_a_kept_wrap_measures_a_row_as_wrapping_measures_it():
    # DrawnOnce measures a row too long for the width by the wrap it keeps for drawing
    texts = [r.plain for r in WRAPPED] + ["word " * 40, " lead and trail  " * 9, "x" * 200 + "\n" + "y y " * 30]
    for text in texts:
        for width in (1, 2, 3, 7, 20, 33, 80):
            row = DrawnOnce(Content(text))
            assert row.get_height({}, width) == Content(text).get_height({}, width), (text, width)
            assert len(row.wrapped(width)) == row.get_height({}, width)


async def test_under_a_scrollbar_always_there_more_lines_repaint_only_the_rows_that_change(monkeypatch):
    # a view's list (its virtual size repaints it, not the screen's layout: widgets/quiet_size.py)
    drawn = rows_drawn(monkeypatch)
    app = Narrow("OptionList { overflow-y: scroll; }", RowList)
    async with app.run_test(size=(120, 30)) as pilot:
        fill(app, ROWS[:4])
        await pilot.pause()
        assert_same_screen(app)
        drawn.clear()
        fill(app, ROWS[:5])  # one row more below the others (two lines each): only its line is drawn
        await pilot.pause()
        assert_same_screen(app)
        assert sorted(set(drawn)) == [8]
        drawn.clear()
        fill(app, ROWS[:3])  # two rows fewer: their lines are blank now, the rest stay
        await pilot.pause()
        assert_same_screen(app)
        assert sorted(set(drawn)) == [6, 7, 8]
        drawn.clear()
        theirs, ours = lists(app)
        for lst in (theirs, ours):  # the highlight moves: the rows of its two options only
            lst.action_cursor_down()
        await pilot.pause()
        assert_same_screen(app)
        assert sorted(set(drawn)) == [0, 1, 2, 3]


async def test_a_page_added_below_the_screen_repaints_no_row(monkeypatch):
    drawn = rows_drawn(monkeypatch)
    app = Narrow("OptionList { overflow-y: scroll; }", RowList)
    async with app.run_test(size=(120, 16)) as pilot:
        first = ROWS[:5] * 2  # more lines than the list shows
        pages = iter([[Option(DrawnOnce(r)) for r in first], [Option(DrawnOnce(r)) for r in ROWS]])
        theirs, ours = lists(app)
        assert isinstance(ours, RowList)
        ours.feed(lambda: next(pages, []))
        theirs.set_options([Option(DrawnOnce(r)) for r in first])
        await pilot.pause()
        assert_same_screen(app)
        drawn.clear()
        assert ours._next_page()
        theirs.add_options([Option(DrawnOnce(r)) for r in ROWS])
        await pilot.pause()
        assert drawn == []  # nothing on screen changed (the scrollbar is a widget of its own)
        assert_same_screen(app)
