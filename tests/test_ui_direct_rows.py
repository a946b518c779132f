"""DirectRows draws the rows Textual's OptionList draws, segment for segment (text, style and meta),
through highlight moves, new options, a new width and a new theme; only faster
(reader.ui.widgets.direct_rows)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.content import Content, Span
from textual.geometry import Region
from textual.style import Style
from textual.theme import Theme
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.widgets import direct_rows
from reader.ui.widgets.direct_rows import DirectRows
from reader.ui.widgets.drawn_once import DrawnOnce

HELP = Style(dim=True, italic=True)


def hit(label: str, match: tuple[int, int] | None, help_text: str | None) -> Content:
    """A palette-like row: a tagged label with a match emphasised, and a help line under it."""
    spans = [Span(0, 6, "dim")]
    if match is not None:
        spans.append(Span(match[0], match[1], "bold underline $accent"))
    row = Content(label, spans)
    if help_text is None:
        return row
    return Content("\n").join([row, Content(help_text).stylize_before(HELP)])


ROWS = [
    hit("entity Ruth Baker", (7, 11), "person · 12 mentions"),
    hit("quote  “We will not go back,” she said", (14, 18), "Ruth Baker · The Harbour Gazette"),
    hit("title  東京の会議で合意", (7, 9), "article · 2024-03-01"),  # wide characters
    hit("entity Ｆｕｌｌ ｗｉｄｔｈ", None, ""),  # an empty help line
    hit("command Quit", (8, 12), None),  # one line
    Content("zero\u200bwidth and trailing spaces   "),
    hit("entity " + "x" * 120, (7, 20), "too wide: wrapped the way Textual wraps"),
]


class Rows(App):
    AUTO_FOCUS = None  # neither list focused: their borders alike
    CSS = "Horizontal { height: 1fr; } OptionList { width: 1fr; height: 1fr; }"

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="theirs")
            yield DirectRows(id="ours")


def segments(strips) -> list[list[tuple]]:
    return [[(s.text, s.style, s.control) for s in strip] for strip in strips]


def lists(app) -> tuple[OptionList, DirectRows]:
    return app.query_one("#theirs", OptionList), app.query_one("#ours", DirectRows)


def fill(app, rows: list[Content], highlighted: int = 0) -> None:
    """New options, as a keystroke sets them (ours repaints only the rows that change)."""
    theirs, ours = lists(app)
    theirs.set_options([Option(DrawnOnce(r), id=f"o{i}") for i, r in enumerate(rows)])
    theirs.highlighted = highlighted
    with ours.changed_rows_only():
        ours.set_options([Option(DrawnOnce(r), id=f"o{i}") for i, r in enumerate(rows)])
        ours.highlighted = highlighted


def assert_same_screen(app) -> None:
    theirs, ours = lists(app)
    assert ours.size == theirs.size and ours.virtual_size == theirs.virtual_size
    region = Region(0, 0, *theirs.size)
    assert segments(ours.render_lines(region)) == segments(theirs.render_lines(region))


def draws(monkeypatch) -> list[int]:
    count = [0]
    draw = direct_rows.draw_line

    def counted(*args):
        count[0] += 1
        return draw(*args)

    monkeypatch.setattr(direct_rows, "draw_line", counted)
    return count


async def test_each_row_is_drawn_as_option_list_draws_it(monkeypatch):
    count = draws(monkeypatch)
    app = Rows()
    async with app.run_test(size=(120, 30)) as pilot:
        fill(app, ROWS)
        await pilot.pause()
        _, ours = lists(app)
        count[0] = lines = 0  # lines drawn for the screen so far
        components = [
            "",
            "option-list--option-highlighted",
            "option-list--option-hover",
            "option-list--option-disabled",
        ]
        for component in components:
            style = ours.get_visual_style("option-list--option", *([component] if component else []))
            for option in ours.options:
                ours._option_render_cache.clear()
                ours._kept_lines.clear()
                mine = ours._get_option_render(option, style)
                ours._option_render_cache.clear()
                theirs = OptionList._get_option_render(ours, option, style)
                assert segments(mine) == segments(theirs), (component, option.prompt.plain)
                assert all(strip.cell_length == ours.scrollable_content_region.width for strip in mine)
                lines += len(mine)
        # every row was drawn directly, a line at a time, the one too wide for the list as wrapped
        assert count[0] == lines > 4 * sum(r.plain.count("\n") + 1 for r in ROWS)


async def test_the_list_looks_the_same_as_option_list_through_keystrokes():
    app = Rows()
    async with app.run_test(size=(120, 30)) as pilot:
        fill(app, ROWS)
        await pilot.pause()
        assert_same_screen(app)
        theirs, ours = lists(app)
        for _ in range(3):  # the highlight moves down, then back up
            theirs.action_cursor_down()
            ours.action_cursor_down()
            await pilot.pause()
            assert_same_screen(app)
        theirs.highlighted = ours.highlighted = 0
        await pilot.pause()
        assert_same_screen(app)
        # new options for the next letter: the same rows reordered, one gone, one new
        fill(app, [ROWS[2], hit("entity Ruth Bakery", (7, 12), "place · 3 mentions"), ROWS[0], ROWS[4]], 1)
        await pilot.pause()
        assert_same_screen(app)
        # the mouse over a row
        theirs._mouse_hovering_over = ours._mouse_hovering_over = 2
        await pilot.pause()
        assert_same_screen(app)


async def test_a_row_kept_from_the_last_options_is_not_drawn_again_but_knows_its_place(monkeypatch):
    count = draws(monkeypatch)
    app = Rows()
    async with app.run_test(size=(120, 30)) as pilot:
        fill(app, ROWS[:3], highlighted=0)
        await pilot.pause()
        drawn = count[0]
        assert drawn == 6  # three rows, two lines each
        fill(app, [ROWS[1], ROWS[0], ROWS[2]], highlighted=0)  # new options, the same rows moved
        await pilot.pause()
        assert_same_screen(app)
        # ROWS[1] is highlighted now and ROWS[0] is not: their lines in those styles are new; the
        # third row is where it was, in the same style
        assert count[0] - drawn == 4
        _, ours = lists(app)
        metas = [ours.render_line(y)._segments[0].style.meta["option"] for y in range(6)]
        assert metas == [0, 0, 1, 1, 2, 2]  # clicks go to the option now there


async def test_a_new_width_or_theme_draws_the_rows_again():
    app = Rows()
    async with app.run_test(size=(120, 30)) as pilot:
        fill(app, ROWS)
        await pilot.pause()
        assert_same_screen(app)
        _, ours = lists(app)
        width = ours.size.width
        await pilot.resize_terminal(90, 30)
        await pilot.pause()
        assert ours.size.width == width - 15
        assert_same_screen(app)
        # a theme that differs only in $accent, which the match style names: the rows' own style
        # is the same, their match is drawn anew when the next keystroke sets the same rows again
        # (OptionList keeps what it drew for an option until then)
        base = app.current_theme
        for name, accent in (("rows-a", "#ff0000"), ("rows-b", "#00ff00")):
            app.register_theme(Theme(name, primary=base.primary, accent=accent, dark=base.dark))
        app.theme = "rows-a"
        await pilot.pause()
        fill(app, ROWS)
        await pilot.pause()
        assert_same_screen(app)
        before = segments(ours.render_lines(Region(0, 0, *ours.size)))
        app.theme = "rows-b"
        await pilot.pause()
        fill(app, ROWS)
        await pilot.pause()
        assert_same_screen(app)
        after = segments(ours.render_lines(Region(0, 0, *ours.size)))
        assert after != before
        assert [[(text, style.bgcolor) for text, style, _ in line] for line in after] == [
            [(text, style.bgcolor) for text, style, _ in line] for line in before
        ]  # the same text on the same background: only the accent changed


def test_a_row_that_fits_is_as_high_as_wrapping_measures_it():
    # DrawnOnce counts the lines of a row that fits instead of wrapping it: the same height
    pieces = ["a", "bb ", "  ", "東京", "é", "\n", "word" * 3, "\u200b", "😀", "\t", "x" * 30]
    rules_list = [{}, {"text_wrap": "nowrap"}, {"text_overflow": "ellipsis"}, {"line_pad": 1}]
    texts = [""] + ["".join(pieces[(i * 7 + k * 3) % len(pieces)] for k in range(i % 9)) for i in range(300)]
    for text in texts:
        for rules in rules_list:
            for width in (1, 2, 5, 12, 40):
                if width <= 2 * rules.get("line_pad", 0):
                    continue  # no room at all (Textual's own measure fails there)
                assert DrawnOnce(Content(text)).get_height(rules, width) == Content(text).get_height(rules, width), (
                    text,
                    rules,
                    width,
                )


def rows_drawn(monkeypatch) -> list[int]:
    """The rows DirectRows draws in frames from now on."""
    drawn: list[int] = []
    render_line = DirectRows.render_line

    def spy(self, y):
        if self._frame is not None:
            drawn.append(y)
        return render_line(self, y)

    monkeypatch.setattr(DirectRows, "render_line", spy)
    return drawn


async def test_new_options_repaint_only_the_rows_that_change(monkeypatch):
    drawn = rows_drawn(monkeypatch)
    app = Rows()
    async with app.run_test(size=(120, 30)) as pilot:
        rows = ROWS[:5]
        fill(app, rows)
        await pilot.pause()
        assert_same_screen(app)
        drawn.clear()
        # the next keystroke: the same rows but the third, whose match moved (its label line)
        # and whose help changed
        fill(app, [*rows[:2], hit("title  東京の会議で合意", (9, 11), "article · 2024-03-02"), *rows[3:]])
        await pilot.pause()
        assert sorted(set(drawn)) == [4, 5]
        assert_same_screen(app)
        drawn.clear()
        # the highlight moves with new options: its old and new rows only
        fill(app, [*rows[:2], hit("title  東京の会議で合意", (9, 11), "article · 2024-03-02"), *rows[3:]], 1)
        await pilot.pause()
        assert sorted(set(drawn)) == [0, 1, 2, 3]
        assert_same_screen(app)
        drawn.clear()
        # nothing changes: nothing is drawn
        fill(app, [*rows[:2], hit("title  東京の会議で合意", (9, 11), "article · 2024-03-02"), *rows[3:]], 1)
        await pilot.pause()
        assert drawn == []
        assert_same_screen(app)


async def test_options_that_change_the_lists_size_repaint_it_all(monkeypatch):
    drawn = rows_drawn(monkeypatch)
    app = Rows()
    async with app.run_test(size=(120, 30)) as pilot:
        fill(app, ROWS[:5])
        await pilot.pause()
        drawn.clear()
        fill(app, ROWS[:4])  # one row fewer: the list is shorter (and a whole repaint is safe)
        await pilot.pause()
        _, ours = lists(app)
        assert set(range(ours.scrollable_content_region.height)) <= set(drawn)
        assert_same_screen(app)
        drawn.clear()
        fill(app, ROWS * 4)  # more than it shows: a scrollbar comes, the rows narrow
        await pilot.pause()
        assert set(range(ours.scrollable_content_region.height)) <= set(drawn)
        assert_same_screen(app)
        drawn.clear()
        ours.scroll_to(y=3, animate=False, immediate=True)
        OptionList.scroll_to(lists(app)[0], y=3, animate=False, immediate=True)
        await pilot.pause()
        assert_same_screen(app)
        fill(app, list(reversed(ROWS * 4)))  # set_options scrolls back to the top: all drawn
        await pilot.pause()
        assert set(range(ours.scrollable_content_region.height)) <= set(drawn)
        assert_same_screen(app)


async def test_a_moving_highlight_repaints_the_rows_of_its_two_options(monkeypatch):
    drawn = rows_drawn(monkeypatch)
    app = Rows()
    async with app.run_test(size=(120, 14)) as pilot:
        theirs, ours = lists(app)
        fill(app, ROWS[:4] * 3)  # more rows than the list shows
        await pilot.pause()
        assert_same_screen(app)
        drawn.clear()
        for lst in (theirs, ours):
            lst.action_cursor_down()
        await pilot.pause()
        assert sorted(set(drawn)) == [0, 1, 2, 3]  # the first option's two rows and the second's
        assert_same_screen(app)
        for _ in range(6):  # down past the bottom: the list scrolls, and is drawn whole
            drawn.clear()
            for lst in (theirs, ours):
                lst.action_cursor_down()
            await pilot.pause()
            assert_same_screen(app)
        assert ours.scroll_offset.y > 0
        assert set(range(ours.scrollable_content_region.height)) <= set(drawn)
