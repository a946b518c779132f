"""Pick one of a few labelled values (an alias to split out, a kind, what to reject): a filter list.

`ChoiceScreen(title, [(label Content, value), ...])` dismisses with the chosen value, or None on
Esc; values are never None. Labels are Content built by reader.ui.safe (they hold names from the text).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

from reader.model.outputs.display import display_line
from reader.ui.screens.filter_list import FilterListScreen


class ChoiceScreen(FilterListScreen):
    PLACEHOLDER = "type to filter"

    def __init__(self, title: str, choices: list[tuple[Content, object]], current: int = 0) -> None:
        super().__init__()
        self.TITLE_TEXT = display_line(title) + " — Enter to choose, Esc to cancel"
        self.choices = choices
        self.current = current
        self.shown: list[object] = []

    def fill(self, needle: str) -> None:
        lst = self.options
        lst.clear_options()
        rows = [(label, value) for label, value in self.choices if not needle or needle in label.plain.casefold()]
        self.shown = [value for _, value in rows]
        lst.add_options([Option(label, id=f"row-{i}") for i, (label, _) in enumerate(rows)])
        if rows:
            lst.highlighted = min(self.current, len(rows) - 1) if not needle else 0
        self.set_count(f"{len(rows)} of {len(self.choices)}")

    def result(self, index: int) -> object:
        return self.shown[index]
