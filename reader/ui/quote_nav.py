"""Quotes in the app: walk the quotes of the open article (`.`/`,`) and the "who said what" view.

Mixed into ReaderApp (needs `corpus`, `current`, `article_view`, `open_article`), so app.py only
lists the mixin; the keys come from reader.actions.APP_COMMANDS.
"""

from __future__ import annotations

from textual.widgets import Static

from reader.model.outputs.corpus_citations import quote_speaker as speaker_name
from reader.ui.safe import join, safe_line


def sorted_quotes(corpus, article) -> list:
    return sorted(corpus.quotes_in(article), key=lambda q: (q.start, q.end))


def step_quote(quotes: list, current: tuple[int, int] | None, position: int, step: int) -> int | None:
    """Index of the next (step > 0) or previous quote: from the current quote, else from `position`."""
    if not quotes:
        return None
    if current is not None:
        for i, q in enumerate(quotes):
            if (q.start, q.end) == tuple(current):
                j = i + (1 if step > 0 else -1)
                return j if 0 <= j < len(quotes) else None
        position = current[0] + (1 if step > 0 else 0)
    if step > 0:
        return next((i for i, q in enumerate(quotes) if q.start >= position), None)
    return next((i for i in range(len(quotes) - 1, -1, -1) if quotes[i].start < position), None)


class QuoteNavMixin:
    """`action_quote_step(±1)` and `action_who_said_what`."""

    def _quote_status(self, article, quotes: list, i: int) -> None:
        name = speaker_name(self.corpus, article, quotes[i])
        who = safe_line(name) if name else "speaker unknown"
        self.query_one("#status-article", Static).update(join(f"quote {i + 1}/{len(quotes)} · ", who))

    def go_quote(self, article, quote) -> None:
        """Open `article` (if needed) and make `quote` the current span, with its speaker in the status."""
        if article is not self.current:
            self.open_article(article)
        self.article_view.set_current(quote.start, quote.end)
        quotes = sorted_quotes(self.corpus, article)
        i = next((k for k, q in enumerate(quotes) if (q.start, q.end) == (quote.start, quote.end)), None)
        if i is not None:
            self._quote_status(article, quotes, i)

    def action_quote_step(self, step: int) -> None:
        art = self.current
        if art is None:
            return
        quotes = sorted_quotes(self.corpus, art)
        if not quotes:
            msg = (
                "No quotes found in this article"
                if self.corpus.file_index(art) in self.corpus.analyses
                else "Quotes are not known yet (analysis has not finished)"
            )
            self.notify(msg, markup=False, severity="warning", timeout=3)
            return
        view = self.article_view
        i = step_quote(quotes, getattr(view, "_current", None), view.top_offset, step)
        if i is None:
            self.notify(f"No {'later' if step > 0 else 'earlier'} quote in this article", markup=False, timeout=3)
            return
        view.set_current(quotes[i].start, quotes[i].end)
        self._quote_status(art, quotes, i)

    def action_who_said_what(self) -> None:
        from reader.ui.screens.quotes import QuotesScreen

        if isinstance(self.screen, QuotesScreen):
            return
        if not self.corpus.analyses:
            self.notify(
                "Quotes are not known yet (analysis has not finished)", markup=False, severity="warning", timeout=3
            )
            return

        def chosen(hit) -> None:
            if hit is not None:
                self.go_quote(*hit)
                self.article_view.focus()

        self.push_screen(QuotesScreen(self.corpus), chosen)
