"""PagedOptions: moving the highlight repaints the two options it moves between, not the list."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets.option_list import Option

from reader.ui.widgets.paged_options import PagedOptions


class Drawn(PagedOptions):
    """Records the lines drawn (virtual y)."""

    def __init__(self) -> None:
        super().__init__()
        self.drawn: list[int] = []

    def render_line(self, y: int):
        self.drawn.append(y + self.scroll_offset.y)
        return super().render_line(y)


class OneList(App):
    CSS = "Drawn { height: 20; }"

    def compose(self) -> ComposeResult:
        yield Drawn()


def rows(n: int, tall: int = 1) -> list[Option]:
    return [Option("\n".join(f"option {i} line {k}" for k in range(tall))) for i in range(n)]


async def moves(tall: int) -> tuple[list[int], Drawn]:
    app = OneList()
    async with app.run_test(size=(60, 24)) as pilot:
        lst = app.query_one(Drawn)
        lst.feed(iter([rows(60, tall), []]).__next__)
        lst.focus()
        lst.highlighted = 2
        await pilot.pause()
        lst.drawn.clear()
        await pilot.press("down")
        await pilot.pause()
        return sorted(set(lst.drawn)), lst


async def test_a_move_repaints_the_old_and_the_new_option_only():
    drawn, lst = await moves(1)
    assert lst.highlighted == 3
    assert drawn == [2, 3], drawn  # not the 20 lines on screen


async def test_options_of_several_lines_are_repainted_whole():
    drawn, lst = await moves(2)
    assert lst.highlighted == 3
    assert drawn == [4, 5, 6, 7], drawn  # options 2 and 3, two lines each


async def test_a_move_past_the_bottom_scrolls_and_repaints_the_view():
    app = OneList()
    async with app.run_test(size=(60, 24)) as pilot:
        lst = app.query_one(Drawn)
        lst.feed(iter([rows(60), []]).__next__)
        lst.focus()
        lst.highlighted = 19
        await pilot.pause()
        top = lst.scroll_offset.y
        lst.drawn.clear()
        await pilot.press("down")
        await pilot.pause()
        assert lst.highlighted == 20 and lst.scroll_offset.y > top
        assert len(set(lst.drawn)) >= lst.scrollable_content_region.height  # the scrolled view, all again
