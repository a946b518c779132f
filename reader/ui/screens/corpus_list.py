"""A filter list over something that grows with the corpus (quotes, entities, mentions): it never
makes the screen wait for the corpus.

- Rows are gathered in a thread worker that posts what it has every so often, so the view shows
  its first rows at once and fills while the reader looks (the count says "gathering…"); closing
  the view stops it.
- Each keystroke filters in a thread worker over one casefolded text per row; a query that grows
  the previous one (typing on) tests only the rows the previous one kept. A long scan shows its
  first page at once and counts the rest once that page is drawn; a scan a newer key replaced stops.
- An answer is drawn with the rows that fill the list (the next page is built after that frame),
  and a letter whose answer starts with the rows on screen keeps their options.
- The list turns only a page of rows into options at a time (reader.ui.widgets.paged_options).
A corpus of at most INLINE_ARTICLES articles with at most INLINE_ROWS rows is listed and filtered
right away instead (well under a frame); a worker's round trip would only add latency there.

`answered` is the query whose rows are on screen (None before the first rows): tests and
benchmarks/views.py wait on it. Subclasses say how rows are gathered (`gather`, a pure function
of the corpus, run in a thread), what a filter searches (`row_text`), in what order they show
(`order`), what else the count needs (`facts_of`), and how a page of rows looks (`page`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from textual import on
from textual.cache import LRUCache
from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.model.gcpause import made_long_lived
from reader.ui.safe import safe_line
from reader.ui.screens.filter_list import FilterListScreen
from reader.ui.widgets.direct_rows import DirectRows
from reader.ui.widgets.drawn_once import DrawnOnce
from reader.ui.widgets.paged_options import PagedOptions

PAGE = 30  # rows turned into options at a time: a screenful of multi-line rows (PagedOptions asks for more)
PARTIAL_FROM = 20_000  # rows to test (~3 ms) before a filter may show its first page ahead of the rest,
PARTIAL_AFTER = 0.0  # ... which it does when the scan takes longer than this (seconds)
DRAWN_WAIT = 0.1  # s the rest of a scan waits at most for its first page to be drawn
PROGRESS_EVERY = 0.25  # seconds between the partial row lists a gathering worker posts
FIRST_AFTER = 0.02  # ... and before its first one, so the view shows rows almost at once
PROMPTS = 4096  # row prompts kept (prompt_of): many screens of rows
CHUNK = 8192  # rows a scan tests between looks at whether it is still wanted (~1 ms at 100k quotes)

Stop = Callable[[], bool] | None


@dataclass
class RowsGathered(Message):
    rows: list
    texts: list[str]
    done: bool


@dataclass
class RowsFiltered(Message):
    needle: str
    rows: list  # the row list this answer is about (a newer list makes it stale)
    hits: list[int]  # indexes into rows, in row order
    shown: list  # the hits' rows, in order
    facts: Any
    complete: bool = True  # False: the first page of hits, the scan goes on
    drawn: threading.Event | None = None  # set once the first page is on screen


class Stopped(Exception):
    pass


class Progress:
    """What `gather` calls with its rows so far (a list it only appends to): now and then it posts
    them, in the view's order, with their texts (each row's text is made once). `at_once`: post
    these now (what is ready before a long step: the view shows them while the rest is counted)."""

    def __init__(self, screen: CorpusListScreen, worker=None) -> None:
        self.screen = screen
        self.worker = worker
        self.text_of: dict[int, tuple[object, str]] = {}  # id(row) -> (row, its text)
        self.next = time.monotonic() + FIRST_AFTER

    def __call__(self, rows: list, at_once: bool = False) -> None:
        if self.worker is not None and self.worker.is_cancelled:
            raise Stopped  # the view was closed
        now = time.monotonic()
        if now >= self.next or at_once:
            self.screen.post_message(self.snapshot(rows, False))
            took = time.monotonic() - now  # a snapshot sorts every row so far: keep it a small share
            self.next = time.monotonic() + max(PROGRESS_EVERY, 4 * took)

    def snapshot(self, rows: list, done: bool) -> RowsGathered:
        row_text, text_of = self.screen.row_text, self.text_of
        ordered = self.screen.order(list(rows))
        texts = []
        for r in ordered:
            got = text_of.get(id(r))
            if got is None or got[0] is not r:  # (a row list posted at once may be another one)
                got = text_of[id(r)] = (r, row_text(r))
            texts.append(got[1])
        return RowsGathered(ordered, texts, done)


class RowList(PagedOptions, DirectRows):
    """A view's rows, a page at a time, drawn straight into strips (wrapped quotes too) and kept
    across keystrokes (reader.ui.widgets.direct_rows)."""

    def _repaint_option(self, index: int | None) -> None:
        pass  # DirectRows repaints the rows a moved highlight changes (and no others)

    def _next_page(self) -> bool:
        with self.changed_rows_only():  # a page added below the rows on screen changes none of them
            return super()._next_page()


class CorpusListScreen(FilterListScreen):
    INLINE_ARTICLES = 300
    INLINE_ROWS = 3000

    def __init__(self, corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.rows: list = []
        self.texts: list[str] = []
        self.shown: list = []
        self.facts: Any = None
        self.gathering = False
        self.answered: str | None = None
        self._fed = 0  # rows of `shown` turned into options
        self._complete = True  # `shown` is every match (not a first page of them)
        self._rows_shown: list | None = None  # the row list `shown` was taken from
        self._kept: tuple[str, list, list[int]] | None = None  # (needle, rows, hits) of the last answer
        self._prompts: LRUCache[tuple, tuple[object, Content]] = LRUCache(PROMPTS)  # (id(row), key) -> (row, prompt)

    def make_list(self) -> RowList:
        return RowList(classes="filter-list-options")

    # -- what subclasses say -----------------------------------------------------------------
    def gather(self, progress: Callable[[list], None]) -> list:
        """Every row (runs in a thread for a big corpus): call `progress(rows so far)` as they grow
        (`progress(rows, True)` to show them at once)."""
        raise NotImplementedError

    def row_text(self, row) -> str:
        """The casefolded text a filter searches in a row."""
        raise NotImplementedError

    def select(
        self, needle: str, rows: list, texts: list[str], candidates: list[int] | None, stop: Stop = None
    ) -> Iterable[int]:
        """Indexes of the rows matching `needle` among `candidates` (None: all), in order; a scan
        ends early once `stop()` is true (a newer keystroke's scan has begun)."""
        idx = range(len(rows)) if candidates is None else candidates
        for at in range(0, len(idx), CHUNK):
            if stop is not None and stop():
                return
            yield from (i for i in idx[at : at + CHUNK] if needle in texts[i])

    NARROWS = True  # a longer query only ever keeps a subset (False for typo-tolerant filters)

    def order(self, rows: list) -> list:
        """The rows in the order they show in (a filter keeps it)."""
        return rows

    def facts_of(self, shown: list) -> Any:
        """What the count line or the page headers need to know about the shown rows."""
        return None

    def page(self, start: int, stop: int) -> list[Option]:
        """Options for shown[start:stop] (ids `row-<i>`, i an index into `shown`)."""
        raise NotImplementedError

    def count_text(self, needle: str) -> str:
        raise NotImplementedError

    def prompt_of(self, row, key: object, build: Callable[[], Content]) -> Content:
        """`row`'s prompt as `build()` makes it, made once per row and `key` (what else it depends
        on: widths, columns). The same prompt for the same row lets the list draw a row that the
        next keystroke keeps only once (reader.ui.widgets.drawn_once)."""
        k = (id(row), key)
        got = self._prompts.get(k)
        if got is None or got[0] is not row:
            got = self._prompts[k] = (row, DrawnOnce(build()))
        return got[1]

    def empty_text(self, needle: str) -> str:
        raise NotImplementedError

    # -- gathering ---------------------------------------------------------------------------
    def first_fill(self) -> None:
        self.gather_rows()

    def fill(self, needle: str) -> None:  # FilterListScreen calls it on each keystroke
        self.refilter()

    def answer_pending(self) -> bool:
        return self.answered != self.needle

    def _small(self) -> bool:
        return len(self.corpus.articles) <= self.INLINE_ARTICLES

    def gather_rows(self) -> None:
        """(Re)gather every row: right away for a small corpus, else in a worker that posts progress."""
        if self._small():
            got = Progress(self).snapshot(self.gather(lambda rows, at_once=False: None), True)
            self._take_rows(got.rows, got.texts, True)
            return
        self.gathering = True
        self.set_count("gathering…")
        self.run_worker(self._gather_worker, thread=True, group="view-rows", exclusive=True, exit_on_error=False)

    def _gather_worker(self) -> None:
        progress = Progress(self, get_current_worker())
        try:
            with made_long_lived():  # kept while the view is open: no collection scans them (gcpause.py)
                self.post_message(progress.snapshot(self.gather(progress), True))
        except Stopped:
            pass

    def resort(self) -> None:
        """The sort changed: the same rows in the new order (in a worker when many), filter kept."""
        rows, texts, done = self.rows, self.texts, not self.gathering

        def sort() -> RowsGathered:
            pos = {id(r): i for i, r in enumerate(rows)}
            ordered = self.order(list(rows))
            return RowsGathered(ordered, [texts[pos[id(r)]] for r in ordered], done)

        if len(rows) <= self.INLINE_ROWS:
            got = sort()
            self._take_rows(got.rows, got.texts, got.done)
        else:
            self.run_worker(
                lambda: self.post_message(sort()), thread=True, group="view-sort", exclusive=True, exit_on_error=False
            )

    @on(RowsGathered)
    def _rows_gathered(self, event: RowsGathered) -> None:
        event.stop()
        self._take_rows(event.rows, event.texts, event.done)

    def _take_rows(self, rows: list, texts: list[str], done: bool) -> None:
        self.rows, self.texts = rows, texts
        self.gathering = not done
        self._kept = None
        self.refilter()

    # -- filtering ---------------------------------------------------------------------------
    def refilter(self) -> None:
        """Show the rows matching the filter box: here when few, else from a worker."""
        needle, rows, texts = self.needle, self.rows, self.texts
        if len(rows) <= self.INLINE_ROWS:
            *_, answer = self._answers(needle, rows, texts)
            self._show(answer)
        else:

            def work() -> None:
                worker = get_current_worker()

                def stop() -> bool:  # a newer keystroke: its answer is coming, this scan must not slow it
                    return worker.is_cancelled

                for answer in self._answers(needle, rows, texts, stop):
                    if stop():
                        return
                    if not answer.complete:
                        answer.drawn = threading.Event()
                    self.post_message(answer)
                    if answer.drawn is not None:  # the scan goes on once the first page is drawn: it
                        answer.drawn.wait(DRAWN_WAIT)  # would hold the GIL from that frame

            self.run_worker(work, thread=True, group="view-filter", exclusive=True, exit_on_error=False)

    def _answers(self, needle: str, rows: list, texts: list[str], stop: Stop = None) -> Iterator[RowsFiltered]:
        """The rows matching `needle`: first, when the scan is long and a page of them is found
        before its end, that page (so the list changes at once), then all of them (nothing more
        once `stop()` is true)."""
        kept = self._kept
        candidates = None
        if needle and kept is not None and self.NARROWS and kept[1] is rows and kept[0] and needle.startswith(kept[0]):
            candidates = kept[2]
        if not needle:
            hits = list(range(len(rows)))
        else:
            found = iter(self.select(needle, rows, texts, candidates, stop))
            hits = list(islice(found, PAGE))
            if len(hits) == PAGE and len(rows if candidates is None else candidates) > PARTIAL_FROM:
                # the first page ahead when the scan is long (a second answer is a second frame): it is
                # drawn before the scan goes on (DRAWN_WAIT), the count follows
                deadline = time.monotonic() + PARTIAL_AFTER
                for i in found:
                    hits.append(i)
                    if time.monotonic() > deadline:
                        shown = [rows[i] for i in hits[:PAGE]]
                        yield RowsFiltered(needle, rows, hits[:PAGE], shown, self.facts_of(shown), complete=False)
                        break
            hits.extend(found)
            if stop is not None and stop():
                return  # the scan ended early: `hits` is not the answer
        self._kept = (needle, rows, hits)
        shown = [rows[i] for i in hits]
        yield RowsFiltered(needle, rows, hits, shown, self.facts_of(shown))

    @on(RowsFiltered)
    def _filtered(self, event: RowsFiltered) -> None:
        event.stop()
        if event.rows is self.rows and event.needle == self.needle:  # else a newer answer is coming
            self._show(event)
        if event.drawn is not None:
            self.call_after_refresh(event.drawn.set)

    def _show(self, answer: RowsFiltered, rebuild: bool = False) -> None:
        lst = self.options
        rest = self.answered == answer.needle and not self._complete and answer.rows is self._rows_shown
        # more rows gathered, the same query: when the rows already made into options come first in
        # the new answer too (rows arrive after them), those options stay (a rebuild is a full frame)
        # so do they when a letter typed on keeps the rows on screen (a long word's last letters)
        fed = self._fed
        kept = (
            not rest
            and not rebuild
            and self.answered is not None
            and 0 < fed <= len(answer.shown)
            and self.same_layout(self.facts, answer.facts)
            and all(a is b for a, b in zip(answer.shown[:fed], self.shown[:fed], strict=False))
        )
        self.shown, self.facts, self._complete = answer.shown, answer.facts, answer.complete
        self._rows_shown = answer.rows
        with lst.changed_rows_only():  # rows showing the line they showed are not drawn again
            if rest or kept:  # the options on screen stay; paging goes on from them
                lst.resume(self._more)
                self.first_page_done()
                if self.answered != answer.needle:
                    self.highlight_first()
            else:
                self._fed = 0
                lst.feed(self._more)
                self.highlight_first()
        busy = " · gathering…" if self.gathering else "" if answer.complete else " · counting…"
        self.set_count(self.count_text(answer.needle) + busy)
        self.answered = answer.needle
        if answer.needle == self.needle:  # the rows for the typed text: it and they are drawn now
            self.frame_hold.release()

    def _more(self) -> list[Option]:
        start = self._fed
        if not self.shown:
            if start == 0:
                self._fed = -1
                why = "(gathering…)" if self.gathering else self.empty_text(self.needle)
                return [Option(safe_line(why), disabled=True)] if why else []
            return []
        if start < 0 or start >= len(self.shown):
            return []
        # a small corpus's list is shown whole (as it always was); a big one's a page at a time, however
        # few its rows: options are measured as they are added (~1 ms each for a wrapped quote)
        whole = len(self.corpus.articles) <= self.INLINE_ARTICLES
        stop = len(self.shown) if whole else min(len(self.shown), start + PAGE)
        if start == 0 and not whole:
            return self._screenful(stop)
        self._fed = stop
        return self.page(start, stop)

    def _screenful(self, stop: int) -> list[Option]:
        """The first rows of an answer, up to `stop` but no more than fill the list: an answer is
        drawn as soon as these are measured (the next page comes after that frame: PagedOptions)."""
        lst = self.options
        room = lst.size.height
        options: list[Option] = []
        lines, i = 0, 0
        while i < stop and (not room or lines < room):
            got = self.page(i, i + 1)
            options.extend(got)
            lines += sum(lst.option_lines(o) or 1 for o in got)
            i += 1
        self._fed = i
        return options

    def same_layout(self, old: Any, new: Any) -> bool:
        """Whether options built with facts `old` look as they would with `new` (else a new answer
        builds them again)."""
        return bool(old == new)

    def first_page_done(self) -> None:
        """The whole answer is known now: options built from what only the first page knew
        (counts in headers) may be brought up to date."""

    def highlight_first(self) -> None:
        lst = self.options
        lst.highlighted = next((i for i, o in enumerate(lst.options) if not o.disabled), None)

    def redraw(self) -> None:
        """Build the options again (the width changed, the sort did): the same rows, the same filter."""
        self._show(RowsFiltered(self.needle, self.rows, [], self.shown, self.facts), rebuild=True)
