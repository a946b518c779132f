"""Find in article (`/`): the search behind the find bar, for one reading pane.

Matching is model code (reader.model.search.find_in_article); this schedules it. An ordinary
article is searched at once on each keystroke; a long one, or a regex whose worst case is costly,
after a short pause in typing, in a thread worker, so the UI never waits: the model runs RE2
(linear time) or, for what RE2 cannot run, a separate process that a deadline or Esc kills.
While such a search runs, Esc stops it (the bar stays open with the query); Esc again closes the
bar. A generation number drops results that a newer query, option or article has made stale.
The ReadingPane owns one `FindSearch` and calls `article_opened()` when it shows another article.
"""

from __future__ import annotations

from functools import partial

from textual.widget import Widget
from textual.worker import get_current_worker

from reader.model.search.find_in_article import (
    TIMEOUT_S,
    CompiledQuery,
    FindError,
    FindResult,
    FindTimeout,
    compile_query,
    find_matches,
    first_from,
    position_label,
    step,
)
from reader.ui.widgets.find_bar import FindBar

DEBOUNCE_S = 0.15  # pause in typing before a long article (or a costly regex) is searched


class FindSearch:
    """The open find bar's query, its matches in the pane's article and the current match."""

    def __init__(self, pane: Widget) -> None:  # the ReadingPane: its `article`, `view`, the bar inside it
        self.pane = pane
        self._gen = 0
        self._result: FindResult | None = None
        self._index: int | None = None
        self._timer = None
        self._last = None  # the FindQuery the bar reopens with
        self.running = False  # a search is scheduled or running in a worker

    def bar(self) -> FindBar | None:
        bars = self.pane.query(FindBar)
        return bars.first() if bars else None

    def open(self) -> None:
        """Open the bar below the article (or focus it, when open)."""
        bar = self.bar()
        if bar is not None:
            bar.focus_input()
        elif self.pane.article is not None:
            self.pane.mount(FindBar(self._last, id="find-bar"))

    def article_opened(self) -> None:
        """Another article is showing: search it for what the bar holds."""
        if self.bar() is not None:
            self.search()

    # -- searching --------------------------------------------------------------------------
    def _reset(self) -> int:
        self._gen += 1
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._result, self._index = None, None
        if self.running:
            self.pane.workers.cancel_group(self.pane, "find")  # kills a search process, if any
            self.running = False
        return self._gen

    def search(self) -> None:
        """Search the open article for the bar's query; results come back through `_apply`."""
        gen = self._reset()
        bar, art, view = self.bar(), self.pane.article, self.pane.view
        if bar is None or art is None:
            return
        query = bar.query_value
        if query.empty:
            view.set_matches([])
            bar.show_status("")
            return
        try:
            compiled = compile_query(query)
            if compiled.quick(art.text, art.start, art.end):
                self._apply(gen, art, find_matches(art.text, compiled, art.start, art.end))
                return
        except FindError as exc:
            self._failed(gen, art, exc)
            return
        self.running = True
        bar.show_status("searching… (esc stops)")
        self._timer = self.pane.set_timer(DEBOUNCE_S, partial(self._in_thread, gen, art, compiled))

    def stop(self) -> bool:
        """Esc: stop a running search, keeping the bar and its query; False when none was running."""
        if not self.running:
            return False
        self._reset()
        bar = self.bar()
        if bar is not None:
            self.pane.view.set_matches([])
            bar.show_status("search stopped · edit the query, or esc to close", "empty")
        return True

    def _in_thread(self, gen: int, art, query: CompiledQuery) -> None:
        self.pane.run_worker(
            partial(self._search_in_thread, gen, art, query),
            thread=True,
            exclusive=True,
            group="find",
            exit_on_error=False,
            description="find in article",
        )

    def _search_in_thread(self, gen: int, art, query: CompiledQuery) -> None:
        worker = get_current_worker()

        def stale() -> bool:
            return worker.is_cancelled or gen != self._gen

        try:
            result = find_matches(art.text, query, art.start, art.end, cancelled=stale, timeout=TIMEOUT_S)
        except FindError as exc:  # stopped at the deadline, or the search process failed
            if not stale():
                self.pane.app.call_from_thread(self._failed, gen, art, exc)
            return
        if not stale():
            self.pane.app.call_from_thread(self._apply, gen, art, result)

    def _failed(self, gen: int, art, exc: FindError) -> None:
        bar = self.bar()
        if gen != self._gen or art is not self.pane.article or bar is None:
            return
        self.running = False
        self.pane.view.set_matches([])
        text = f"stopped after {TIMEOUT_S:g} s: {exc}" if isinstance(exc, FindTimeout) else str(exc)
        bar.show_status(text, "error")

    def _apply(self, gen: int, art, result: FindResult) -> None:
        bar = self.bar()
        if gen != self._gen or art is not self.pane.article or bar is None:
            return
        self.running = False
        view = self.pane.view
        self._result = result
        # the first match from the top of the view: refining a query keeps to what is on screen
        self._index = first_from(result.spans, view.top_offset)
        view.set_matches(result.spans, self._index)
        self._show(bar)

    def _show(self, bar: FindBar, note: str = "") -> None:
        result = self._result
        text = position_label(self._index, result)
        if result is not None and result.spans:
            bar.show_status(text + (f" · {note}" if note else ""))
        else:
            bar.show_status(text, "empty")

    # -- moving and closing -----------------------------------------------------------------
    def step(self, direction: int) -> None:
        bar, result = self.bar(), self._result
        if bar is None or result is None or not result.spans:
            return
        self._index, wrapped = step(self._index, len(result.spans), direction)
        self.pane.view.set_current_match(self._index)
        note = ("wrapped to the top" if direction > 0 else "wrapped to the end") if wrapped else ""
        self._show(bar, note)

    def close(self) -> None:
        """Close the bar; the reading pane stays where it is (at the current match)."""
        self._reset()
        self.pane.workers.cancel_group(self.pane, "find")
        view = self.pane.view
        view.set_matches([])
        bar = self.bar()
        if bar is not None:
            self._last = bar.query_value
            bar.remove()
        view.focus()
