"""Find in article (`/`): the search behind the find bar, for one reading pane.

Matching is model code (reader.model.search.find_in_article); this schedules it. An ordinary
article is searched at once on each keystroke; a long one, or a regex whose worst case is costly,
after a short pause in typing, in a thread worker, so the UI never waits: the model runs RE2
(linear time) or, for what RE2 cannot run, a separate process that a deadline or Esc kills.
While such a search runs, Esc stops it (the bar stays open with the query); Esc again closes the
bar. A generation number drops results that a newer query, option or article has made stale.
The ReadingPane owns one `FindSearch` and calls `article_opened()` when it shows another article.

Closing the bar (Esc) keeps the find: its matches stay highlighted, `n`/`N` keep walking them (in
this article and in the next one opened) and the status line says so, until the find is cleared
(Esc in the article, or a new entity picked: the last search wins, as in vim and less).
"""

from __future__ import annotations

from functools import partial

from textual.widget import Widget
from textual.worker import get_current_worker

from reader.model.search.find_in_article import (
    TIMEOUT_S,
    CompiledQuery,
    FindError,
    FindQuery,
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
        self._last: FindQuery | None = None  # the bar reopens with it
        self._kept: FindQuery | None = None  # the query still searched with the bar closed
        self._bar: FindBar | None = None  # the bar this search mounted (maybe removed since)
        self.running = False  # a search is scheduled or running in a worker

    @property
    def active(self) -> bool:
        """A find is in force: the bar is open, or it was closed and the find not cleared."""
        return self.bar() is not None or self._kept is not None

    @property
    def query_text(self) -> str:
        bar = self.bar()
        q = bar.query_value if bar is not None else self._kept
        return q.text if q is not None else ""

    def bar(self) -> FindBar | None:
        """The open bar (not one on its way out of the DOM). Kept, not queried: the pane's bindings
        ask on every key, and a query walks the whole pane."""
        bar = self._bar
        return bar if bar is not None and not bar._pruning and bar.is_attached else None

    def open(self) -> None:
        """Open the bar below the article (or focus it, when open)."""
        bar = self.bar()
        if bar is not None:
            bar.focus_input()
        elif self.pane.article is not None:
            self._bar = FindBar(self._last, id="find-bar")
            self.pane.mount(self._bar)

    def article_opened(self) -> None:
        """Another article is showing: search it for what the bar holds (or held)."""
        if self.active:
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
        query = bar.query_value if bar is not None else self._kept
        if query is None or art is None:
            return
        if query.empty:
            view.set_matches([])
            self._say("")
            self.pane.find_changed()
            return
        try:
            compiled = compile_query(query)
            if compiled.quick(art.text, art.start, art.end):
                self._apply(gen, art, find_matches(art.text, compiled, art.start, art.end))
            else:
                self.running = True
                self._say("searching… (esc stops)")
                self._timer = self.pane.set_timer(DEBOUNCE_S, partial(self._in_thread, gen, art, compiled))
        except FindError as exc:
            self._failed(gen, art, exc)
        self.pane.find_changed()

    def stop(self) -> bool:
        """Esc: stop a running search, keeping the bar and its query; False when none was running."""
        if not self.running:
            return False
        self._reset()
        self.pane.view.set_matches([])
        self._say("search stopped · edit the query, or esc to close", "empty")
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
        if gen != self._gen or art is not self.pane.article or not self.active:
            return
        self.running = False
        self.pane.view.set_matches([])
        self._say(f"stopped after {TIMEOUT_S:g} s: {exc}" if isinstance(exc, FindTimeout) else str(exc), "error")

    def _apply(self, gen: int, art, result: FindResult) -> None:
        if gen != self._gen or art is not self.pane.article or not self.active:
            return
        self.running = False
        view = self.pane.view
        self._result = result
        # the first match from the top of the view: refining a query keeps to what is on screen
        self._index = first_from(result.spans, view.top_offset)
        view.set_matches(result.spans, self._index)
        self._show()

    def _show(self, note: str = "") -> None:
        result = self._result
        text = position_label(self._index, result)
        if result is not None and result.spans:
            self._say(text + (f" · {note}" if note else ""))
        else:
            self._say(text, "empty")

    def _say(self, text: str, kind: str = "") -> None:
        """In the bar when it is open, else in the status line (with the query)."""
        bar = self.bar()
        if bar is not None:
            bar.show_status(text, kind)
        elif self._kept is not None and text:
            self.pane.find_status(self._kept.text, text)

    # -- moving and closing -----------------------------------------------------------------
    def step(self, direction: int) -> None:
        result = self._result
        if not self.active or result is None or not result.spans:
            if self.active:
                self._show()
            return
        self._index, wrapped = step(self._index, len(result.spans), direction)
        self.pane.view.set_current_match(self._index)
        note = ("wrapped to the top" if direction > 0 else "wrapped to the end") if wrapped else ""
        self._show(note)

    def close(self) -> None:
        """Close the bar; the find stays (matches, n/N) and the pane where it is (at the current
        match). An empty query leaves nothing to keep."""
        bar = self.bar()
        view = self.pane.view
        if bar is not None:
            self._last = bar.query_value
            bar.remove()
        if self._last is None or self._last.empty or self._result is None:
            self.clear()
            return
        self._kept = self._last
        view.focus()
        self.pane.find_changed()
        self._show()

    def clear(self) -> None:
        """End the find: no matches shown; n/N walk the current entity again."""
        had = self._kept is not None
        self._kept = None
        self._reset()
        self.pane.workers.cancel_group(self.pane, "find")
        view = self.pane.view
        view.set_matches([])
        bar = self.bar()
        if bar is not None:
            self._last = bar.query_value
            bar.remove()
        view.focus()
        self.pane.find_changed(cleared=had)
