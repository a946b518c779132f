"""Textual's footer, not rebuilt while a dialog covers its screen (the main screen's footer)."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class BehindFooter(Footer):
    """Textual's footer, not rebuilt while a dialog covers its screen: the dimmed picture behind
    the dialog shows the same keys, and each rebuild repaints the whole screen behind the dialog
    (three times as one opens). Rebuilt once when its screen is in front again."""

    behind = False  # a rebuild was skipped

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and screen.app.screen is not screen:
            self.behind = True
            return
        super().bindings_changed(screen)

    def in_front(self) -> None:
        if self.behind:
            self.behind = False
            self.refresh(recompose=True)
