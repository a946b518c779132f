"""Clippings in the app: `y` clips what is current in the reading pane; copying clips too when
paste may fail. The collection itself is reader.model.store.clippings, shared with `reader clip`;
it is read afresh for each use, so clips added from the command line meanwhile are kept.
ReaderApp owns one `Clipper`; the view (`Y`) is reader/ui/screens/clippings.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.safe import notice_text

if TYPE_CHECKING:
    from reader.model.store.clippings import Clippings

NOTHING = (
    "Nothing to clip: select text with the mouse, or make a quote current (. or ,) "
    "or an entity mention (e, n, or click a name)"
)


class Clipper:
    def __init__(self, app, corpus) -> None:
        self.app = app
        self.corpus = corpus

    def open(self) -> Clippings:
        from reader.model.store.clippings import Clippings  # with citations: not before the first paint

        store = Clippings.of(self.corpus)
        self._notices(store)
        return store

    def _notices(self, store: Clippings) -> None:
        for n in store.notices:
            self.app.notify(notice_text(n), title="Clippings", severity="warning", markup=False, timeout=8)
        store.notices.clear()

    def add(self, article, start: int, end: int) -> tuple[bool, int] | None:
        """Clip article source [start, end): (added, how many are in the collection now); None if it cannot be."""
        from reader.model.store.clippings import clip_span

        try:
            item = clip_span(self.corpus, article, start, end)
        except ValueError as exc:  # a span outside the article's text
            self.app.notify(notice_text(f"Cannot clip: {exc}"), markup=False, severity="warning")
            return None
        store = self.open()
        added = store.add(item)
        self._notices(store)  # a failed save
        return added, len(store)

    def clip(self, pane) -> None:
        """`y`: the reading pane's mouse selection, else its current quote or mention."""
        art = pane.article
        if art is None:
            return
        span = pane.clip_target()
        if span is None:
            pending = not pane.analysed()
            self.app.notify(
                NOTHING + (" (quotes and entities appear when analysis finishes)" if pending else ""),
                markup=False,
                severity="warning",
                timeout=5,
            )
            return
        result = self.add(art, *span)
        if result is None:
            return
        added, n = result
        self.app.notify(
            f"Clipped ({n} in collection)" if added else f"Already in clippings ({n} in collection)",
            markup=False,
            timeout=3,
        )
