"""The status line below the panes: what the reading pane says (the article, the current
quote or mention, a find's position), the note of what n/N walk, and the analysis's progress.
The main screen hands it each of them (reader/ui/screens/main.py)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from reader.ui.safe import safe_line
from reader.ui.widgets.reading_pane import FOLLOWS_CELLS


class StatusLine(Horizontal):
    """Three fields in one line (reader.tcss): the pane's status, what n/N walk, the analysis."""

    def compose(self) -> ComposeResult:
        yield Static(id="status-article")
        yield Static(id="status-follows")  # what n/N walk: the find, or the current entity
        yield Static(id="status-analysis")

    def show_status(self, status: Content) -> None:
        # one line of the width the others leave (reader.tcss): no layout (every n/N, e, ]/[ sets it)
        self.query_one("#status-article", Static).update(status, layout=False)

    def show_follows(self, follows: Content, screen_width: int) -> None:
        # one width whenever there is a note (cut or padded to a fifth of the screen, at most the
        # widest note), so that e, ctrl+e and a new find lay nothing out (a layout redraws the whole
        # screen, ~10 ms at 100k): only the note's coming and going and a resize do
        field = self.query_one("#status-follows", Static)
        if follows.cell_length:
            cells = min(FOLLOWS_CELLS, max(12, screen_width // 5))
            follows = follows.truncate(cells, ellipsis=True, pad=True)
        old = field.content
        wider = not isinstance(old, Content) or old.cell_length != follows.cell_length
        field.update(follows, layout=wider)

    def set_analysis_note(self, note: str) -> None:
        self.query_one("#status-analysis", Static).update(safe_line(note))
