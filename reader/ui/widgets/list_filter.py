"""The list's filter box (`/` in the list): Esc clears it (every article again), Enter or ↓
goes to the list. The main screen makes it on first use, above the list, and applies what is
typed (reader/ui/screens/main.py)."""

from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from reader.ui.widgets.quiet_size import quiet_virtual_size


class ListFilter(Input):
    """The list's filter box: Esc clears it (every article again), Enter or ↓ goes to the list."""

    HELP_TITLE = "List filter box (/ in the list)"

    virtual_size: Reactive[Size] = quiet_virtual_size()  # typing lays nothing out (widgets/quiet_size.py)

    BINDINGS = [
        Binding("escape", "clear_filter", "Clear the filter", show=False),
        Binding("down", "to_list", "To the list", show=False),
    ]

    def action_clear_filter(self) -> None:
        """Esc: every article again (the screen applies the empty filter as it applies any)."""
        self.value = ""
        self.display = False
        self.screen.article_list.focus()

    def action_to_list(self) -> None:
        self.screen.article_list.focus()
