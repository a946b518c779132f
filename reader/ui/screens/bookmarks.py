"""Bookmarks of this corpus: type to filter, Enter to jump, Delete to remove, Esc to close.

Each row shows the article's title, the text at the bookmarked offset and the note. Choosing a
row dismisses with the Bookmark; removal happens here, and `changed` is called so the state is saved.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets.option_list import Option

from reader.ui.safe import join, safe_line
from reader.ui.screens.filter_list import FilterListScreen

EXCERPT = 60


def excerpt(text: str, offset: int, n: int = EXCERPT) -> str:
    """The words from `offset` on, on one line."""
    return " ".join(text[offset : offset + n * 2].split())[:n]


class BookmarksScreen(FilterListScreen):
    """Dismisses with the chosen Bookmark, or None."""

    HELP_TITLE = "Bookmarks (M)"

    TITLE_TEXT = "Bookmarks — type to filter, Enter to go, Delete to remove, Esc to close"
    PLACEHOLDER = "filter by title, text or note"
    BINDINGS = FilterListScreen.BINDINGS + [Binding("delete,ctrl+d", "remove", "Remove bookmark")]

    def __init__(self, corpus, reading, changed) -> None:
        super().__init__()
        self.corpus = corpus
        self.reading = reading  # ReadingState: removal edits it in place
        self._changed = changed  # called after a removal, so the state is saved
        self.shown: list = []

    def _rows(self):
        order = {a.id: i for i, a in enumerate(self.corpus.articles)}
        marks = [b for b in self.reading.bookmarks if b.article_id in order]
        return sorted(marks, key=lambda b: (order[b.article_id], b.offset))

    def fill(self, needle: str) -> None:
        lst = self.options
        keep = lst.highlighted
        lst.clear_options()
        self.shown = []
        options = []
        for b in self._rows():
            art = self.corpus.article(b.article_id)
            title = art.title or art.source.name
            text = excerpt(art.text, b.offset)
            if needle and not any(needle in s.casefold() for s in (title, text, b.note)):
                continue
            label = join(safe_line(title, "bold"), "\n  “", safe_line(text), "…”")
            if b.note:
                label = join(label, "\n  ", safe_line(b.note, "italic"))
            options.append(Option(label, id=f"row-{len(self.shown)}"))
            self.shown.append(b)
        lst.add_options(options)
        if options:
            lst.highlighted = min(keep or 0, len(options) - 1)
        total = len(self.reading.bookmarks)
        self.set_count(
            f"{len(self.shown)} of {total} bookmark(s)"
            if total
            else "No bookmarks yet: press m in the reading pane to add one"
        )

    def result(self, index: int) -> object:
        return self.shown[index]

    def action_remove(self) -> None:
        i = self.options.highlighted
        if i is None or not self.shown:
            return
        b = self.shown[i]
        self.reading.remove_bookmark(b.article_id, b.offset)
        self._changed()
        self.fill(self.needle)
