"""The reading pane's quotes: which one is current (what `c` copies), `.`/`,` to the next or
previous one in the article, a quote opened from elsewhere (who-said-what, the palette), each
with its speaker in the status line. The walking itself is reader/ui/quote_nav.py.

The ReadingPane owns one `QuoteSteps` (`pane.quotes`); the current span is the pane's view's.
"""

from __future__ import annotations

from reader.model.ingest.article import Article
from reader.ui.quote_nav import quote_at, sorted_quotes, step_quote
from reader.ui.safe import join, safe_line


class QuoteSteps:
    def __init__(self, pane) -> None:  # the ReadingPane: its corpus, `article`, `view`, `status`
        self.pane = pane

    @property
    def current(self):
        """The quote holding the current span, else the first ending below the top of the view."""
        pane = self.pane
        art = pane.article
        if art is None:
            return None
        return quote_at(pane.corpus, art, pane.view.current_span, pane.view.top_offset)

    def no_quotes_reason(self) -> str:
        if self.pane.analysed():
            return "No quotes found in this article"
        return "Quotes are not known yet (analysis has not finished)"

    def _status(self, article: Article, quotes: list, i: int) -> None:
        from reader.model.outputs.corpus_citations import quote_speaker  # citations: not for the first paint

        name = quote_speaker(self.pane.corpus, article, quotes[i])
        who = safe_line(name) if name else "speaker unknown"
        self.pane.status = join(f"quote {i + 1}/{len(quotes)} · ", who)

    def go(self, article: Article, quote) -> None:
        """Open `article` (if needed) and make `quote` the current span, with its speaker in the status."""
        pane = self.pane
        if article is not pane.article:
            pane.open(article)
        pane.view.set_current(quote.start, quote.end)
        quotes = sorted_quotes(pane.corpus, article)
        i = next((k for k, q in enumerate(quotes) if (q.start, q.end) == (quote.start, quote.end)), None)
        if i is not None:
            self._status(article, quotes, i)

    def step(self, step: int) -> None:
        """`.`/`,`: the next or previous quote of this article becomes current."""
        pane = self.pane
        art = pane.article
        if art is None:
            return
        quotes = sorted_quotes(pane.corpus, art)
        if not quotes:
            pane.notify(self.no_quotes_reason(), markup=False, severity="warning", timeout=3)
            return
        view = pane.view
        i = step_quote(quotes, view.current_span, view.top_offset, step)
        if i is None:
            pane.notify(f"No {'later' if step > 0 else 'earlier'} quote in this article", markup=False, timeout=3)
            return
        view.set_current(quotes[i].start, quotes[i].end)
        self._status(art, quotes, i)
