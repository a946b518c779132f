"""Remembered reading: last article, position per article, current entity, bookmarks, articles
read, the list's filter.

The state lives in the user's state database (reader.model.store.reading_state): a save writes
what changed here and takes in what another window saved meanwhile.
Positions are source offsets, so they survive resizes and re-wrapping. ReaderApp owns one
`ReadingMemory`: it saves a moment after a change and on exit; a damaged state file is set aside
by the store and reported once as a notice.
"""

from __future__ import annotations

from reader.model.store.reading_state import ReadingState, StateStore
from reader.ui.safe import notice_text

SAVE_DELAY_S = 1.0  # coalesce bursts of scrolling into one write
POLL_S = 1.0  # how often the reading position is sampled for saving


class ReadingMemory:
    """`reading` (the ReadingState) plus when to save it; timers and notices go through `app`."""

    reading: ReadingState

    def __init__(self, app, corpus) -> None:
        self.app = app
        self.corpus = corpus
        self._store: StateStore | None = None
        self._save_timer = None
        self._dirty = False

    # -- load / restore ---------------------------------------------------------------------
    def load(self) -> None:
        """Read the saved state (never raises); report a set-aside or unreadable file once."""
        self._store = StateStore()
        self.reading = self._store.load(self.corpus.key)
        self._notices()

    def restored_article(self):
        """The article to open first: the last one read, if it is still in the corpus."""
        art = self.corpus.article(self.reading.last_article) if self.reading.last_article else None
        return art, (self.reading.scroll.get(art.id) if art is not None else None)

    def position(self, article) -> int | None:
        """Where the reader left `article`, if anywhere."""
        return self.reading.scroll.get(article.id)

    def remembered_entity(self):
        """The entity that was current, if it is still in the corpus (after analysis)."""
        return self.corpus.entity(self.reading.entity) if self.reading.entity else None

    # -- changes ----------------------------------------------------------------------------
    def remember_article(self, previous, previous_offset: int, article) -> None:
        """The reading pane switched from `previous` (left at `previous_offset`) to `article`."""
        if previous is not None and previous is not article:
            self.remember_position(previous, previous_offset)
        if self.reading.last_article != article.id:
            self.reading.last_article = article.id
            self.changed()

    def remember_entity(self, entity) -> None:
        eid = getattr(entity, "id", None)
        if eid != self.reading.entity:
            self.reading.entity = eid
            self.changed()

    def remember_position(self, article, offset: int) -> None:
        if self.reading.scroll.get(article.id) != offset:
            self.reading.scroll[article.id] = offset
            self.changed()

    def is_read(self, article) -> bool:
        return article.id in self.reading.read

    def set_read(self, article, read: bool) -> None:
        if (article.id in self.reading.read) != read:
            if read:
                self.reading.read.add(article.id)
            else:
                self.reading.read.discard(article.id)
            self.changed()

    def remember_filter(self, text: str) -> None:
        if self.reading.list_filter != text:
            self.reading.list_filter = text
            self.changed()

    def add_bookmark(self, article, offset: int, note: str) -> int:
        """Bookmark `offset` in `article`; how many bookmarks the article has now."""
        self.reading.add_bookmark(article.id, offset, note)
        self.changed()
        return len(self.reading.bookmarks_of(article.id))

    def changed(self) -> None:
        """Something worth keeping changed: save shortly (one write per burst)."""
        self._dirty = True
        if self._save_timer is None:
            self._save_timer = self.app.set_timer(SAVE_DELAY_S, self.save)

    # -- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        self._save_timer = None
        if not self._dirty or self._store is None:
            return
        self._dirty = False
        self._store.save(self.corpus.key, self.reading)
        self._notices()

    def sync(self) -> None:
        """Write what changed here, and take in what others saved meanwhile (their bookmarks)."""
        if self._store is None:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self._dirty = False
        self._store.save(self.corpus.key, self.reading)
        self._notices()

    def final_save(self) -> None:
        """On quit: write now if anything changed (the caller sampled the position first)."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self._dirty and self._store is not None:
            self._dirty = False
            self._store.save(self.corpus.key, self.reading)

    def _notices(self) -> None:
        store = self._store
        while store is not None and store.notices:
            self.app.notify(
                notice_text(store.notices.pop(0)), title="Reading state", severity="warning", markup=False, timeout=8
            )

    def unsaid_notices(self) -> list[str]:
        """Notices the app had no chance to show (saving on exit failed): for stderr."""
        store = self._store
        return list(store.notices) if store is not None else []
