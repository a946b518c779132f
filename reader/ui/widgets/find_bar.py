"""The find bar under the article in the reading pane.

The bar only collects the query and shows what it is told ("3 of 12", "no matches", a regex
error); the reading pane (reader/ui/widgets/reading_pane.py, with reader/ui/find.py) searches and
moves the article. While the bar is open, `n`/`N` and Escape in the pane act on the matches (the
pane's bindings); when it is closed those keys fall through to the app (n/N walk the current entity).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import Input, Static

from reader.model.search.find_in_article import FindQuery
from reader.ui.safe import safe_line


class FindBar(Horizontal):
    """Query input, match position and the regex / case toggles."""

    HELP_TITLE = "Find bar (/)"

    BINDINGS = [
        # short key lists, so the help screen's key column stays narrow; the rest in the tooltips
        Binding("down,f3", "step(1)", "Next match", tooltip="also enter, ctrl+n"),
        Binding("up,shift+f3", "step(-1)", "Previous match", tooltip="also shift+enter"),
        Binding("ctrl+n", "step(1)", show=False),
        Binding("shift+enter", "step(-1)", show=False),
        Binding("ctrl+r", "toggle_regex", "Regex", tooltip="Python regular expressions, on/off"),
        Binding("ctrl+t", "toggle_case", "Case", tooltip="match case, on/off"),
        Binding("escape", "close", "Close", tooltip="the article stays at the current match"),
    ]

    @dataclass
    class Changed(Message):
        """The query or an option changed."""

        query: FindQuery

    @dataclass
    class Step(Message):
        """Go to the next (1) or previous (-1) match."""

        direction: int

    class Closed(Message):
        """The user closed the bar."""

    def __init__(self, initial: FindQuery | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._initial = initial.text if initial else ""
        self.regex = initial.regex if initial else False
        self.case_sensitive = initial.case_sensitive if initial else False

    def compose(self) -> ComposeResult:
        yield Static(Content("Find"), classes="find-bar--label")
        yield Input(
            self._initial,
            placeholder="in this article · enter next · shift+enter/↑ previous · esc close",
            id="find-input",
            compact=True,
        )
        yield Static(id="find-status")
        yield Static(self._options(), id="find-options")

    def on_mount(self) -> None:
        self.focus_input()  # the last query, selected: typing replaces it (Input announces it)

    @property
    def query_value(self) -> FindQuery:
        return FindQuery(self.query_one("#find-input", Input).value, self.regex, self.case_sensitive)

    def focus_input(self) -> None:
        inp = self.query_one("#find-input", Input)
        inp.focus()
        inp.select_all()

    def show_status(self, text: str, kind: str = "") -> None:
        """Show `text` (our own words, or a regex error) as "", "error" or "empty" status."""
        status = self.query_one("#find-status", Static)
        status.set_class(kind == "error", "-error")
        status.set_class(kind == "empty", "-empty")
        status.update(safe_line(text))  # a regex error can quote the typed pattern

    def _options(self) -> Content:
        parts = []
        for key, name, on in (("^R", "regex", self.regex), ("^T", "case", self.case_sensitive)):
            label = f"{key} {name}{' ✓' if on else ''}"
            parts.append(Content(label, [Span(len(key) + 1, len(label), "bold reverse" if on else "dim")]))
        return Content("  ").join(parts)

    def _changed(self) -> None:
        self.query_one("#find-options", Static).update(self._options())
        self.post_message(self.Changed(self.query_value))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self.query_value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Step(1))

    def action_step(self, direction: int) -> None:
        self.post_message(self.Step(direction))

    def action_toggle_regex(self) -> None:
        self.regex = not self.regex
        self._changed()

    def action_toggle_case(self) -> None:
        self.case_sensitive = not self.case_sensitive
        self._changed()

    def action_close(self) -> None:
        self.post_message(self.Closed())
