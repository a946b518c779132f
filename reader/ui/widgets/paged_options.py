"""An OptionList fed a page at a time: a view over 100k rows turns only what is near the screen into
options (OptionList measures every option it holds), and asks for the next page when the
highlight or the scroll position comes near the end of what it has. End goes to the last option
it has, which asks for the next page: at 100k rows, building every option at once would stall the
screen for seconds.

A keystroke's answer mostly shows rows the last one showed: OptionList forgets every rendered
option when its options are replaced, so a view hands prompts that keep their own drawn lines
(reader.ui.widgets.drawn_once).

Moving the highlight repaints the two options it moves between, not the list: OptionList's
`highlighted` repaints the whole widget on each change (every visible line drawn again, ~10 ms a
key in a full-screen view); here it is declared again without repaint and the watcher refreshes
the lines of the old and the new option (a scroll to the highlight repaints all, as before).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.widgets.quiet_size import quiet_virtual_size

MARGIN = 20  # options left below the highlight (or the bottom of the view) when the next page is asked for


class PagedOptions(OptionList):
    """`feed(more)`: `more()` returns the next options (an empty list once there are no more).
    Its height is fixed by CSS (reader.tcss): a new page needs no layout (widgets/quiet_size.py)."""

    virtual_size: Reactive[Size] = quiet_virtual_size()
    highlighted: Reactive[int | None] = Reactive(None, repaint=False)  # see the module's docstring

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._more: Callable[[], list[Option]] | None = None
        self._near_end_asked = False

    def feed(self, more: Callable[[], list[Option]] | None) -> None:
        """Start over from `more` (the list is cleared; the first page is added now)."""
        # the page is made before clearing, while the list is laid out as it was (its scrollbar
        # still counts in the width rows are cut to); clearing moves the highlight, whose watcher
        # must not ask `more` for a second page meanwhile
        got = more() if more is not None else []
        self._more = None
        if not got:
            self.clear_options()
            return
        # in one step: clearing first would empty the list for a moment, and its scrollbar would
        # go and come back (two layouts of the dialog)
        self.set_options(got)
        self._more = more

    def resume(self, more: Callable[[], list[Option]]) -> None:
        """Go on from `more` after the options there are (the rows behind them grew)."""
        self._more = more
        self._near_end()

    def _next_page(self) -> bool:
        if self._more is None:
            return False
        got = self._more()
        if not got:
            self._more = None
            return False
        self.add_options(got)
        return True

    def option_lines(self, option: Option) -> int | None:
        """The lines `option` takes in the list as laid out now (None before it has a size), measured
        as OptionList measures it when added (Content keeps the height: it is not measured twice)."""
        region = self.scrollable_content_region
        if not region:
            return None
        padding = self.get_component_styles("option-list--option").padding
        width = region.width - self._get_left_gutter_width() - padding.width
        return self._get_visual(option).get_height(self.styles, width) + option._divider

    def _near_end_later(self) -> None:
        """`_near_end` once the frame showing the move is drawn: the first page of an answer fills the
        view and no more (widgets/../screens/corpus_list.py), and the page below it must not delay
        that frame."""
        if not self._near_end_asked:
            self._near_end_asked = True
            self.call_after_refresh(self._near_end_now)

    def _near_end_now(self) -> None:
        self._near_end_asked = False
        self._near_end()

    def _near_end(self) -> None:
        if self._more is None:
            return
        h = self.highlighted if self.highlighted is not None else 0
        bottom = self.scroll_y + self.size.height
        if h >= self.option_count - MARGIN or bottom >= self.virtual_size.height - MARGIN:
            self._next_page()

    def watch_highlighted(self, old: int | None, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        for index in (old, highlighted):
            self._repaint_option(index)
        self._near_end_later()

    def _repaint_option(self, index: int | None) -> None:
        """Refresh the lines option `index` is drawn on (Textual's private line index of the
        list: checked by tests/test_ui_textual_names.py)."""
        if index is None or not self.is_mounted:
            return
        lines = self._index_to_line
        first = lines.get(index)
        if first is None:
            return
        self.refresh_lines(first, lines.get(index + 1, first + self.size.height) - first)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._near_end_later()
