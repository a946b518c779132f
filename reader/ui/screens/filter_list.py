"""A modal list with a filter box: type to narrow, Enter or a click to choose, Esc to close.

Subclasses fill the list (`fill(needle)`, options with ids `row-<i>`) and say what a row
dismisses with (`result(i)`); the entity view and the who-said-what view are both this.
"""

from __future__ import annotations

from functools import cached_property

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static

from reader.ui.frame_hold import FrameHold
from reader.ui.screens.dimmed import dimmed
from reader.ui.screens.help import VIEW_HELP
from reader.ui.widgets.quiet_size import quiet_virtual_size


class FilterInput(Input):
    """The filter box: typing lays nothing out (reader.ui.widgets.quiet_size)."""

    virtual_size: Reactive[Size] = quiet_virtual_size()


class FilterListScreen(ModalScreen):
    TITLE_TEXT = ""
    PLACEHOLDER = ""

    BINDINGS = [
        Binding("escape", "dismiss_none", "Close"),
        Binding("down", "to_list", "Go to the list", show=False),
        VIEW_HELP,
    ]

    def render(self):
        return dimmed(super().render())  # the main screen behind, drawn once (screens/dimmed.py)

    def compose(self) -> ComposeResult:
        with Vertical(classes="filter-list-body") as body:
            body.border_title = Content(self.TITLE_TEXT)
            yield FilterInput(placeholder=self.PLACEHOLDER, classes="filter-list-input")
            yield Static(classes="filter-list-count")
            yield self.make_list()

    def make_list(self) -> OptionList:
        return OptionList(classes="filter-list-options")

    @property
    def options(self) -> OptionList:
        return self.query_one(".filter-list-options", OptionList)

    @property
    def needle(self) -> str:
        return self.query_one(".filter-list-input", Input).value.strip().casefold()

    def set_count(self, text: str) -> None:
        # one line in any case (reader.tcss): no layout, which would draw the main screen behind again
        self.query_one(".filter-list-count", Static).update(Content(text), layout=False)

    @cached_property
    def frame_hold(self) -> FrameHold:
        """Holds the repaints from a typed letter to its rows: both are drawn in one frame."""
        return FrameHold(self)

    def on_mount(self) -> None:
        self.first_fill()
        box = self.query_one(".filter-list-input", Input)
        self.watch(box, "value", self.frame_hold.hold, init=False)
        box.focus()

    def on_unmount(self) -> None:
        self.frame_hold.release()

    def first_fill(self) -> None:
        self.fill(self.needle)

    def fill(self, needle: str) -> None:
        raise NotImplementedError

    def result(self, index: int) -> object:
        raise NotImplementedError

    def answer_pending(self) -> bool:
        """Whether the rows for the filter box's text are still to come (from a worker)."""
        return False

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(self.needle)
        if not self.answer_pending():
            self.frame_hold.release()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        lst = self.options
        if lst.highlighted is not None:
            self._choose(lst.get_option_at_index(lst.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if option_id and option_id.startswith("row-"):
            self.dismiss(self.result(int(option_id[4:])))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_to_list(self) -> None:
        self.options.focus()
