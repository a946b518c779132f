"""Remembered reading: last article, position per article, current entity, bookmarks.

The state lives in the user state dir (reader.model.store.reading_state, one atomic JSON file). Positions are
source offsets, so they survive resizes and re-wrapping. The app saves a moment after a change
and on exit; a damaged state file is set aside by the store and reported once as a notice.
"""

from __future__ import annotations

from textual.css.query import NoMatches

from reader.model.store.reading_state import ReadingState, StateStore
from reader.ui.safe import join, notice_text, safe_line
from reader.ui.screens.bookmarks import BookmarksScreen, excerpt
from reader.ui.screens.prompt import PromptScreen

SAVE_DELAY_S = 1.0  # coalesce bursts of scrolling into one write
POLL_S = 1.0  # how often the reading position is sampled for saving


class ReadingStateMixin:
    """For ReaderApp: needs corpus, current, article_view, open_article, set_entity."""

    reading: ReadingState
    _state_store: StateStore | None = None
    _save_timer = None
    _state_dirty = False

    # -- load / restore ---------------------------------------------------------------------
    def load_reading_state(self) -> None:
        """Read the saved state (never raises); report a set-aside or unreadable file once."""
        self._state_store = StateStore()
        self.reading = self._state_store.load(self.corpus.key)
        self._state_notices()

    def restored_article(self):
        """The article to open first: the last one read, if it is still in the corpus."""
        art = self.corpus.article(self.reading.last_article) if self.reading.last_article else None
        return art, (self.reading.scroll.get(art.id) if art is not None else None)

    def restore_entity(self) -> None:
        """After analysis: make the remembered entity current again (without moving the view)."""
        if self.entity is None and self.reading.entity:
            ent = self.corpus.entity(self.reading.entity)
            if ent is not None:
                self.set_entity(ent)

    def start_state_polling(self) -> None:
        self.set_interval(POLL_S, self._sample_position)

    # -- changes ----------------------------------------------------------------------------
    def remember_article(self, previous, article) -> None:
        """Called when the reading pane switches articles."""
        if previous is not None and previous is not article:
            self._remember_position(previous, self.article_view.top_offset)
        if self.reading.last_article != article.id:
            self.reading.last_article = article.id
            self.reading_changed()

    def remember_entity(self, entity) -> None:
        eid = getattr(entity, "id", None)
        if eid != self.reading.entity:
            self.reading.entity = eid
            self.reading_changed()

    def _remember_position(self, article, offset: int) -> None:
        if self.reading.scroll.get(article.id) != offset:
            self.reading.scroll[article.id] = offset
            self.reading_changed()

    def _sample_position(self) -> None:
        try:
            view = self.article_view
        except NoMatches:  # the timer can fire while the app is shutting down
            return
        if self.current is not None and view.article is self.current:
            self._remember_position(self.current, view.top_offset)

    def reading_changed(self) -> None:
        """Something worth keeping changed: save shortly (one write per burst)."""
        self._state_dirty = True
        if self._save_timer is None:
            self._save_timer = self.set_timer(SAVE_DELAY_S, self.save_reading_state)

    def save_reading_state(self) -> None:
        self._save_timer = None
        if not self._state_dirty or self._state_store is None:
            return
        self._state_dirty = False
        self._state_store.save(self.corpus.key, self.reading)
        self._state_notices()

    def _state_notices(self) -> None:
        store = self._state_store
        while store is not None and store.notices:
            self.notify(
                notice_text(store.notices.pop(0)), title="Reading state", severity="warning", markup=False, timeout=8
            )

    def final_save(self) -> None:
        """On quit: keep the exact position of the open article, then write if anything changed."""
        try:
            self._sample_position()
        except Exception:  # widgets may be gone when the app is shutting down
            pass
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        if self._state_dirty and self._state_store is not None:
            self._state_dirty = False
            self._state_store.save(self.corpus.key, self.reading)

    def unsaid_state_notices(self) -> list[str]:
        """Notices the app had no chance to show (saving on exit failed): for stderr."""
        store = self._state_store
        return list(store.notices) if store is not None else []

    async def action_quit(self) -> None:
        self.final_save()
        self.exit()

    def on_unmount(self) -> None:  # any other way out (SIGTERM, ctrl+q): save what we have
        self.final_save()

    # -- bookmarks --------------------------------------------------------------------------
    def action_bookmark(self) -> None:
        art = self.current
        if art is None:
            return
        offset = self.article_view.top_offset
        where = excerpt(art.text, offset, 40)

        def done(note: str | None) -> None:
            if note is None:
                return
            self.reading.add_bookmark(art.id, offset, note.strip())
            self.reading_changed()
            n = len(self.reading.bookmarks_of(art.id))
            self.notify(
                notice_text(f"Bookmarked “{where}…” ({n} in this article) · M lists bookmarks"), markup=False, timeout=3
            )

        hint = join("At “", safe_line(where), "…” · a note is optional · Enter to save · Esc to cancel")
        self.push_screen(PromptScreen("Bookmark this position", hint, placeholder="note (optional)"), done)

    def action_bookmarks(self) -> None:
        if isinstance(self.screen, BookmarksScreen):
            return
        self.push_screen(BookmarksScreen(self.corpus, self.reading), self._bookmark_chosen)

    def _bookmark_chosen(self, bookmark) -> None:
        if bookmark is None:
            return
        art = self.corpus.article(bookmark.article_id)
        if art is None:
            return
        self.open_article(art, bookmark.offset)
        self.article_view.focus()
