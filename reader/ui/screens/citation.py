"""A copied citation, shown when no system clipboard was found, ready to select with the mouse.

The text sits in a read-only TextArea, all selected: ctrl+c copies it again (OSC 52), and the
terminal's own selection (Shift-drag, Option-drag in iTerm) copies it when OSC 52 is ignored.
TextArea is literal (no markup) but would pass ESC through, so control characters are shown as
glyphs first (`display_text`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from reader.model.outputs.display import display_text
from reader.ui.screens.help import VIEW_HELP_KEYS


class CitationScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close"), VIEW_HELP_KEYS]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="citation-body") as body:
            body.border_title = Content("Citation — saved to clippings; Esc to close")
            yield TextArea(
                display_text(self.text), read_only=True, soft_wrap=True, show_line_numbers=False, id="citation-text"
            )
            yield Static(
                Content("Select it with your terminal (Shift-drag) or press ctrl+c to copy again."), id="citation-hint"
            )

    def on_mount(self) -> None:
        area = self.query_one("#citation-text", TextArea)
        area.focus()
        area.select_all()
