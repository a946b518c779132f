"""Big corpora open in two steps: the first files before the first paint, the rest in the
analysis worker, with the list growing as they arrive (reader.model.corpus.corpus load_more)."""

from __future__ import annotations

import time

from reader.ui.messages import LoadDone, LoadProgress

LIST_REFRESH_S = 1.0


class LoadingMixin:
    """For ReaderApp: needs corpus, article_list, open_article, restored_article, show_load_notices."""

    _restore_after_load = False
    _pending_restore: str | None = None  # id of the article to reopen once every file is read
    _opened_at_start = None
    _list_refreshed = 0.0

    def load_rest(self, worker) -> None:
        """In the worker thread: read the files not read yet, telling the UI as they arrive."""
        if not self.corpus.loading:
            return
        self.corpus.load_more(
            progress=lambda done, total, _: self.post_message(LoadProgress(done, total)),
            cancelled=lambda: worker.is_cancelled,
        )
        self.post_message(LoadDone())

    def _refresh_list(self) -> None:
        self.article_list.set_articles(self.corpus.articles)
        self.update_titles()

    def on_load_progress(self, event: LoadProgress) -> None:
        # Every UI update here takes the interpreter from the thread doing the reading:
        # a few per second show progress, more only slow the reading down.
        now = time.monotonic()
        if now - self._list_refreshed >= LIST_REFRESH_S:
            self._list_refreshed = now
            self._refresh_list()
            self._set_analysis_note(f"Reading files {event.done:,}/{event.total:,}…")

    def on_load_done(self, _event: LoadDone) -> None:
        self._refresh_list()
        if not self.analyse_on_start:
            self._set_analysis_note("")
        self.show_load_notices()
        if not self.analyse_on_start:  # else the end of analysis rebuilds it, with entities and quotes
            self._warm_palette_index()  # the palette searched the first files until now
        art = self.corpus.article(self._pending_restore) if self._restore_after_load else None
        if art is not None and self.current is self._opened_at_start:  # the reader has not moved on
            self.open_article(art, self.reading.scroll.get(art.id))
        self._restore_after_load = False
