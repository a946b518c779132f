"""A one-line question: `PromptScreen("Note for this bookmark")` dismisses with the text, or None on Esc."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.ui.screens.help import VIEW_HELP


class PromptScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel"), VIEW_HELP]

    def __init__(self, title: str, hint: Content | str = "", value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="prompt-body") as body:
            body.border_title = Content(self.title_text)
            yield Input(value=self.value, placeholder=self.placeholder, classes="prompt-input")
            hint = self.hint or "Enter to confirm · Esc to cancel"
            yield Static(hint if isinstance(hint, Content) else Content(hint), classes="prompt-hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
