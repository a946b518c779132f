"""Clippings in the app: `y` clips what is current, `Y` opens the collection (reorder, remove, export).

Mixed into ReaderApp (needs `corpus`, `current`, `article_view`, `open_article`, `set_entity`,
`go_quote`). The collection itself is reader.model.store.clippings, shared with `reader clip`; it is
read afresh for each use, so clips added from the command line meanwhile are kept.
"""

from __future__ import annotations

from reader.model.store.clippings import Clippings, clip_span
from reader.ui.safe import notice_text

NOTHING = (
    "Nothing to clip: select text with the mouse, or make a quote current (. or ,) "
    "or an entity mention (e, n, or click a name)"
)


class ClippingsMixin:
    """`action_clip` (y), `action_clippings_view` (Y) and `add_clipping` (used by copying, too)."""

    def open_clippings(self) -> Clippings:
        store = Clippings.of(self.corpus)
        self._clippings_notices(store)
        return store

    def _clippings_notices(self, store: Clippings) -> None:
        for n in store.notices:
            self.notify(notice_text(n), title="Clippings", severity="warning", markup=False, timeout=8)
        store.notices.clear()

    def add_clipping(self, article, start: int, end: int) -> tuple[bool, int] | None:
        """Clip article source [start, end): (added, how many are in the collection now); None if it cannot be."""
        try:
            item = clip_span(self.corpus, article, start, end)
        except ValueError as exc:  # a span outside the article's text
            self.notify(notice_text(f"Cannot clip: {exc}"), markup=False, severity="warning")
            return None
        store = self.open_clippings()
        added = store.add(item)
        self._clippings_notices(store)  # a failed save
        return added, len(store)

    def clip_target(self) -> tuple[int, int] | None:
        """What `y` clips in the open article: the mouse selection, else the current quote or mention."""
        view = self.article_view
        sel = getattr(view, "selected_span", None)
        if sel is not None and sel[1] > sel[0]:
            return sel
        current = getattr(view, "_current", None)  # set by . and , (quotes), e/n/N and clicks (mentions)
        return tuple(current) if current is not None else None

    def action_clip(self) -> None:
        art = self.current
        if art is None:
            return
        span = self.clip_target()
        if span is None:
            pending = self.corpus.file_index(art) not in self.corpus.analyses
            self.notify(
                NOTHING + (" (quotes and entities appear when analysis finishes)" if pending else ""),
                markup=False,
                severity="warning",
                timeout=5,
            )
            return
        result = self.add_clipping(art, *span)
        if result is None:
            return
        added, n = result
        self.notify(
            f"Clipped ({n} in collection)" if added else f"Already in clippings ({n} in collection)",
            markup=False,
            timeout=3,
        )

    def action_clippings_view(self) -> None:
        from reader.ui.screens.clippings import ClippingsScreen

        if isinstance(self.screen, ClippingsScreen):
            return
        self.push_screen(ClippingsScreen(self.open_clippings(), self.corpus), self.go_clipping)

    def go_clipping(self, item) -> None:
        """Open a clipping's article with its span current (a quote or mention as such)."""
        if item is None:
            return
        art = self.corpus.article(item.article)
        problem = item.problem(self.corpus)
        if art is None:
            self.notify(notice_text(f"Cannot open this clipping: {problem}"), markup=False, severity="warning")
            return
        quote = next((q for q in self.corpus.quotes_in(art) if (q.start, q.end) == (item.start, item.end)), None)
        mention = next((m for m in self.corpus.mentions_in(art) if (m[0], m[1]) == (item.start, item.end)), None)
        if quote is not None:
            self.go_quote(art, quote)
        elif mention is not None:
            self.set_entity(mention[2], art, item.start, item.end)
        else:
            if art is not self.current:
                self.open_article(art)
            self.article_view.set_current(item.start, item.end)
        self.article_view.focus()
        if problem:
            self.notify(notice_text(problem), markup=False, severity="warning")
