"""The entity corrections of this corpus (R): oldest first, stale ones marked; Delete undoes one,
Enter goes to the entity it concerns, Esc closes. Undoing posts `CorrectionRequested` to the app,
which rebuilds the entities and calls `corrections_changed` here."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets.option_list import Option

from reader.ui.messages import CorrectionRequested
from reader.ui.safe import join, safe_line
from reader.ui.screens.filter_list import FilterListScreen


class CorrectionsScreen(FilterListScreen):
    """Dismisses with the chosen Correction, or None."""

    HELP_TITLE = "Your entity corrections (R)"

    TITLE_TEXT = "Entity corrections — Delete or u undoes one, Enter goes to its entity, tab to filter, Esc to close"
    PLACEHOLDER = "filter by description"
    BINDINGS = [Binding("delete,u", "undo", "Undo this correction")]

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.shown: list = []

    def on_mount(self) -> None:
        # after FilterListScreen.on_mount (Textual runs both) has focused the filter: the list
        # first, so Delete and u act on it
        self.call_after_refresh(self.options.focus)

    def fill(self, needle: str) -> None:
        lst = self.options
        keep = lst.highlighted
        lst.clear_options()
        items = [c for c in self.store if not needle or needle in c.description.casefold()]
        self.shown = items
        options = []
        for i, c in enumerate(items):
            label = join(Content(f"#{c.id:<3} {c.created[:16].replace('T', ' ')}  "), safe_line(c.description))
            if c.stale:
                label = join(label, "\n      ", safe_line(f"stale: {c.stale}", "italic $text-warning"))
            options.append(Option(label, id=f"row-{i}"))
        lst.add_options(options)
        if options:
            lst.highlighted = len(options) - 1 if keep is None else min(keep, len(options) - 1)
        total = len(self.store)
        stale = sum(1 for c in self.store if c.stale)
        self.set_count(
            f"{len(items)} of {total} correction(s)" + (f" · {stale} stale (nothing matches now)" if stale else "")
            if total
            else "No corrections yet: J, x, r, t, d in the entity panel (E), view (V) or details (a)"
        )

    def result(self, index: int) -> object:
        return self.shown[index]

    def action_undo(self) -> None:
        i = self.options.highlighted
        if i is not None and self.shown:
            self.post_message(CorrectionRequested("undo", cid=self.shown[i].id))

    def corrections_changed(self, _follow) -> None:
        self.fill(self.needle)
