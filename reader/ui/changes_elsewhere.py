"""Changes made elsewhere: another window, `reader correct` or `reader clip` in a shell.

The user's state database (reader.model.store.user_store) tells, cheaply, when another process
committed (`data_version`). Every POLL_S the app asks; when something changed it re-reads what it
shows and says so in a notice: corrections are replayed and the entities rebuilt (so a correction
made in a shell appears, and the app's next correction keeps it), an open clippings list is
refilled, and bookmarks made in another window join this one's. ReaderApp owns one `ChangesElsewhere`.
"""

from __future__ import annotations

from reader.model.store.user_store import open_store
from reader.ui.safe import notice_text

POLL_S = 2.0


class ChangesElsewhere:
    def __init__(self, app, corpus) -> None:
        self.app = app
        self.corpus = corpus
        self._version: int | None = None

    def start(self) -> None:
        self._version = open_store().data_version()
        self.app.set_interval(POLL_S, self.check)

    def check(self) -> bool:
        """Re-read what changed since the last look; True when something did."""
        store = open_store()
        version = store.data_version()
        if version == self._version:
            return False
        self._version = version
        said = []
        said += self._corrections()
        said += self._clippings()
        said += self._bookmarks()
        if said:
            self.app.notify(
                notice_text("Changed elsewhere (another window or a shell): " + "; ".join(said)),
                title="Updated",
                markup=False,
                timeout=6,
            )
        return True

    def _corrections(self) -> list[str]:
        corrections = self.corpus.corrections
        before = {c.id for c in corrections}
        if not corrections.reload():
            return []
        after = {c.id for c in corrections}
        added, removed = len(after - before), len(before - after)
        if self.corpus.entities:  # replayed over the analysis: highlights, panels and palette follow
            self.app.corrector.rebuild()
        parts = []
        if added:
            parts.append(f"{added} entity correction{'s' if added != 1 else ''} made")
        if removed:
            parts.append(f"{removed} undone")
        return [" and ".join(parts) + (", entities rebuilt" if self.corpus.entities else "")] if parts else []

    def _clippings(self) -> list[str]:
        from reader.ui.screens.clippings import ClippingsScreen

        out = []
        for screen in self.app.screen_stack:
            if isinstance(screen, ClippingsScreen) and screen.store.reload():
                screen.fill()
                out.append(f"clippings now {len(screen.store)}")
        return out

    def _bookmarks(self) -> list[str]:
        before = len(self.app.memory.reading.bookmarks)
        self.app.memory.sync()
        after = len(self.app.memory.reading.bookmarks)
        if after == before:
            return []
        return [f"bookmarks now {after}"]
