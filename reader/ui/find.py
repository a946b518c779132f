"""Find in article (`/`): the app side of the find bar.

Matching is model code (reader.model.search.find_in_article); this schedules it. An ordinary article is searched
at once on each keystroke; a long one after a short pause in typing, in a thread worker, so the
UI never waits on a 10 MB article. A generation number drops results that a newer query, option
or article has made stale. Mixed into ReaderApp (needs `current`, `article_view`), which calls
`find_article_opened()` from `open_article`.
"""

from __future__ import annotations

from functools import partial

from textual import work
from textual.worker import get_current_worker

from reader.model.search.find_in_article import (
    FindError,
    FindQuery,
    FindResult,
    compile_query,
    find_matches,
    first_from,
    position_label,
    step,
)
from reader.ui.widgets.find_bar import FindBar, ReadingColumn

SYNC_CHARS = 200_000  # articles up to this long are searched on the spot (a few ms)
DEBOUNCE_S = 0.15  # pause in typing before a long article is searched


class FindMixin:
    """`action_find_in_article`, and the handlers of the find bar's messages."""

    _find_gen = 0
    _find_result: FindResult | None = None
    _find_index: int | None = None
    _find_timer = None
    _find_last: FindQuery | None = None  # the bar reopens with it

    def _find_bar(self) -> FindBar | None:
        bars = self.query(FindBar)
        return bars.first() if bars else None

    def action_find_in_article(self) -> None:
        bar = self._find_bar()
        if bar is not None:
            bar.focus_input()
        elif self.current is not None:
            self.query_one("#reading", ReadingColumn).mount(FindBar(self._find_last, id="find-bar"))

    def find_article_opened(self) -> None:
        """Another article is showing: search it for what the bar holds."""
        if self._find_bar() is not None:
            self.find_search()

    def on_find_bar_changed(self, _event: FindBar.Changed) -> None:
        self.find_search()

    def on_find_bar_step(self, event: FindBar.Step) -> None:
        self._find_step(event.direction)

    def on_find_bar_closed(self, _event: FindBar.Closed) -> None:
        self.find_close()

    # -- searching --------------------------------------------------------------------------
    def _find_reset(self) -> int:
        self._find_gen += 1
        if self._find_timer is not None:
            self._find_timer.stop()
            self._find_timer = None
        self._find_result, self._find_index = None, None
        return self._find_gen

    def find_search(self) -> None:
        """Search the open article for the bar's query; results come back through `_find_apply`."""
        gen = self._find_reset()
        bar, art = self._find_bar(), self.current
        if bar is None or art is None:
            return
        query = bar.query_value
        try:
            compile_query(query)
        except FindError as exc:
            self.article_view.set_matches([])
            bar.show_status(str(exc), "error")
            return
        if query.empty:
            self.article_view.set_matches([])
            bar.show_status("")
        elif art.end - art.start <= SYNC_CHARS:
            self._find_apply(gen, art, find_matches(art.text, query, art.start, art.end))
        else:
            bar.show_status("searching…")
            self._find_timer = self.set_timer(DEBOUNCE_S, partial(self._find_in_thread, gen, art, query))

    @work(thread=True, exclusive=True, group="find", exit_on_error=False, description="find in article")
    def _find_in_thread(self, gen: int, art, query: FindQuery) -> None:
        worker = get_current_worker()

        def stale() -> bool:
            return worker.is_cancelled or gen != self._find_gen

        result = find_matches(art.text, query, art.start, art.end, cancelled=stale)
        if not stale():
            self.call_from_thread(self._find_apply, gen, art, result)

    def _find_apply(self, gen: int, art, result: FindResult) -> None:
        bar = self._find_bar()
        if gen != self._find_gen or art is not self.current or bar is None:
            return
        view = self.article_view
        self._find_result = result
        # the first match from the top of the view: refining a query keeps to what is on screen
        self._find_index = first_from(result.spans, view.top_offset)
        view.set_matches(result.spans, self._find_index)
        self._find_show(bar)

    def _find_show(self, bar: FindBar, note: str = "") -> None:
        result = self._find_result
        text = position_label(self._find_index, result)
        if result is not None and result.spans:
            bar.show_status(text + (f" · {note}" if note else ""))
        else:
            bar.show_status(text, "empty")

    # -- moving and closing -----------------------------------------------------------------
    def _find_step(self, direction: int) -> None:
        bar, result = self._find_bar(), self._find_result
        if bar is None or result is None or not result.spans:
            return
        self._find_index, wrapped = step(self._find_index, len(result.spans), direction)
        self.article_view.set_current_match(self._find_index)
        note = ("wrapped to the top" if direction > 0 else "wrapped to the end") if wrapped else ""
        self._find_show(bar, note)

    def find_close(self) -> None:
        """Close the bar; the reading pane stays where it is (at the current match)."""
        self._find_reset()
        self.workers.cancel_group(self, "find")
        view = self.article_view
        view.set_matches([])
        bar = self._find_bar()
        if bar is not None:
            self._find_last = bar.query_value
            bar.remove()
        view.focus()
