"""The timeline (T): articles per period as a bar chart, and the current entity's mentions per article.

One list, one row per bucket (label, bar, count), so it reads top to bottom and scrolls through
any number of periods. Enter on a bucket with one article opens it; with several it unfolds the
bucket's articles under it (Enter again folds it). Reduced-precision and undated articles have
rows of their own after the axis (see reader/model/outputs/timeline.py). When there is a current entity,
a second section has one bar per article mentioning it, oldest first; Enter jumps to the entity's
first mention there. `u` cycles the unit: automatic, day, week, month, year.

The screen dismisses with (article, (start, end) | None); the main screen opens it and moves
the reading pane there. Article text goes through reader.ui.safe.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, get_current_worker

from reader.model.gcpause import made_long_lived
from reader.model.outputs.timeline import (
    UNITS,
    DateIndex,
    EntityPoint,
    Timeline,
    TooManyBuckets,
    bar,
    entity_series,
    excerpt,
    parse_date,
)
from reader.ui.safe import join, notice_text, safe_line
from reader.ui.screens.dimmed import dimmed
from reader.ui.screens.help import VIEW_HELP_KEYS
from reader.ui.widgets.direct_rows import DirectRows
from reader.ui.widgets.paged_options import PagedOptions

UNIT_CYCLE = (None, *UNITS)  # None: chosen to fit
INLINE_ARTICLES = 300  # a corpus this small is charted at once; a bigger one in a thread worker
PAGE = 40  # rows turned into options at a time (a screenful; more as the highlight nears the end)
BAR = ".timeline-list--bar"
HEADING = ".timeline-list--heading"
MUTED = ".timeline-list--muted"


class TimelineList(PagedOptions, DirectRows):
    """The chart's rows, one line each, drawn straight into strips and kept across fills
    (reader.ui.widgets.direct_rows); bar and heading styles are component classes (reader.tcss)."""

    COMPONENT_CLASSES = {"timeline-list--bar", "timeline-list--heading", "timeline-list--muted"}


@dataclass
class Computed(Message):
    """A worker's answer: (unit choice, timeline) if one fit, the entity's series if asked for, and
    why the units tried before it did not fit."""

    timeline: tuple[str | None, Timeline] | None
    series: Sequence[EntityPoint] | None
    problems: list[str]
    ticket: int = 0  # which request a chart answers (an older one's answer is dropped)
    widths: tuple[int, int] = (0, 0)  # with a series: its largest mention count and widest date label


@dataclass
class Prepared(Message):
    """A unit's chart (or why it does not fit), made ahead in the worker so `u` answers at once."""

    choice: str | None
    timeline: Timeline | None
    problem: str | None
    articles: int  # the corpus's articles when it was made (more arrived since: made again)


@dataclass(frozen=True, slots=True)
class Row:
    """What Enter on a row does: a group of articles unfolds (or opens its only one), an article
    opens, a mention row jumps to `span` in its article."""

    key: str
    article_ids: tuple[str, ...]
    span: tuple[int, int] | None = None
    group: bool = False


def styled(text: str, style: str) -> Content:
    return Content(text, [Span(0, len(text), style)] if text else None)


def bar_cell(count: int, peak: int, width: int) -> Content:
    """The bar padded to `width` cells, so counts line up after it."""
    return styled(f"{bar(count, peak, width):<{width}}", BAR)


class TimelineScreen(ModalScreen):
    HELP_TITLE = "Timeline (T)"
    BINDINGS = [
        Binding("escape,T", "dismiss_none", "Close"),
        Binding("u", "cycle_unit", "Unit: auto, day, week, month, year"),
        VIEW_HELP_KEYS,
    ]

    def render(self):
        return dimmed(super().render())  # the main screen behind, drawn once (screens/dimmed.py)

    def __init__(self, corpus, entity=None, analysing: bool = False, max_buckets: int = 40) -> None:
        super().__init__()
        self.corpus = corpus
        self.entity = entity
        self.analysing = analysing
        self.max_buckets = max_buckets
        self.unit_choice: str | None = None
        self.timeline: Timeline | None = None
        self.points: Sequence[EntityPoint] = []  # the entity section's articles, oldest first
        self._widths = (0, 0)  # the points' largest mention count and widest date label
        self.expanded: set[str] = set()
        self.rows: list[Row | None] = []  # per option; None for headings and notes
        self.computing = False  # a worker is building the timeline (for a unit asked for)
        self.counting = False  # ... or the entity's series, after it
        self._asked = 0  # charts asked for
        self._mention_rows: tuple[tuple, dict] = ((), {})  # (widths, points) -> article id -> (line, row)
        self._lines: Iterator[tuple[Content, Row | None]] = iter(())
        # unit choice -> (its chart, or why it does not fit; the articles it was made over)
        self._charts: dict[str | None, tuple[Timeline | None, str | None, int]] = {}
        self._preparing: Worker | None = None  # the worker making them
        self._wish: tuple[str | None, ...] = ()  # (`u`'s first unit to try,) waiting for that worker

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-body") as body:
            body.border_title = Content("Timeline — Enter to open or unfold, u to change the unit, Esc to close")
            yield Static(id="timeline-head")
            yield TimelineList(id="timeline-rows")

    @property
    def options(self) -> TimelineList:
        return self.query_one("#timeline-rows", TimelineList)

    def on_mount(self) -> None:
        self.options.focus()
        self._compute(None, with_series=True)

    def on_resize(self) -> None:
        self.fill()

    def analysis_finished(self) -> None:
        """The app finished (or gave up) analysing: the entity section can say so."""
        self.analysing = False
        self._compute(self.unit_choice, with_series=True)

    # -- building (in a worker over a big corpus) ----------------------------------------------
    def _compute(self, start: str | None, with_series: bool = False, step: int = 0) -> None:
        """The timeline by the first unit from `start` on (cycling by `step`; 0: `start` only) that
        fits, and with `with_series` the entity's articles: here for a small corpus, else in a
        thread worker whose answer `_computed` shows."""
        corpus, entity, max_buckets = self.corpus, self.entity, self.max_buckets
        self._asked += 1
        ticket = self._asked

        i = UNIT_CYCLE.index(start)
        tried = [UNIT_CYCLE[(i + k * step) % len(UNIT_CYCLE)] for k in range(len(UNIT_CYCLE) if step else 1)]

        def chart_of(dates: DateIndex, choice: str | None) -> Prepared:
            try:
                return Prepared(choice, dates.timeline(choice, max_buckets), None, len(dates.arts))
            except TooManyBuckets as exc:
                return Prepared(choice, None, str(exc), len(dates.arts))

        made_here: list[str | None] = []  # the units charted in this call

        def chart() -> Computed:
            dates = self._dates(corpus.articles[:])
            problems: list[str] = []
            found = None
            for choice in tried:
                made = chart_of(dates, choice)
                made_here.append(choice)
                self.post_message(made)
                if made.timeline is not None:
                    found = (choice, made.timeline)
                    break
                problems.append(made.problem or "")
            return Computed(found, None, problems, ticket)

        def series() -> Computed:
            # made with numpy, its points when shown: an entity in every article has 100k
            points = entity_series(corpus, entity, self._dates(corpus.articles[:]))
            return Computed(None, points, [], widths=points.widths)

        with_series = with_series and entity is not None
        if len(self.corpus.articles) <= INLINE_ARTICLES:
            if with_series:
                self._computed(series())
            self._computed(chart())
            return
        self.computing = True
        self.counting = self.counting or with_series

        def work() -> None:  # the chart first: an entity's series walks every mention
            with made_long_lived():  # the dates and runs of 100k articles: no collection scans them (gcpause.py)
                self.post_message(chart())
                # then the other units, in the order `u` goes through them, so that `u` answers
                # from them at once (a chart of 100k articles takes a worker tens of ms): those
                # the next `u` tries before the entity's series, the others after it
                dates = self._dates(corpus.articles[:])
                j = UNIT_CYCLE.index(made_here[-1])
                ahead = [UNIT_CYCLE[(j + k) % len(UNIT_CYCLE)] for k in range(1, len(UNIT_CYCLE))]
                ahead = [c for c in ahead if c not in made_here]
                worker = get_current_worker()  # cancelled when the screen closes
                for until_fit in (True, False):
                    while ahead and not worker.is_cancelled:
                        made = chart_of(dates, ahead.pop(0))
                        self.post_message(made)
                        if until_fit and made.timeline is not None:
                            break
                    if until_fit and with_series:
                        self.post_message(series())

        self._preparing = self.run_worker(work, thread=True, group="timeline", exit_on_error=False)

    _kept_dates: tuple[list, DateIndex] | None = None  # the last articles and their dates, for the next T

    @classmethod
    def _dates(cls, arts: list) -> DateIndex:
        """The articles' dates, read once per list of articles (each unit, and the next T, reuse
        them: reading 100k articles' dates took most of a chart's second)."""
        kept = cls._kept_dates
        if kept is None or len(kept[0]) != len(arts) or any(a is not b for a, b in zip(kept[0], arts, strict=True)):
            kept = cls._kept_dates = (arts, DateIndex(arts))
        return kept[1]

    @on(Prepared)
    def _prepared(self, event: Prepared) -> None:
        self._charts[event.choice] = (event.timeline, event.problem, event.articles)
        if self._wish and (known := self._known_chart(self._wish[0])) is not None:
            self._wish = ()
            self._computed(known)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is self._preparing and event.worker.is_finished:
            self._preparing = None
            if self._wish:  # the worker stopped before it made what `u` waits for
                wish, self._wish = self._wish[0], ()
                self._compute(wish, step=1)

    def _known_chart(self, start: str | None) -> Computed | None:
        """What `_compute(start, step=1)` would answer, from the charts made ahead, if they hold
        every unit it tries and the corpus has not grown since."""
        i = UNIT_CYCLE.index(start)
        problems: list[str] = []
        for k in range(len(UNIT_CYCLE)):
            choice = UNIT_CYCLE[(i + k) % len(UNIT_CYCLE)]
            got = self._charts.get(choice)
            if got is None or got[2] != len(self.corpus.articles):
                return None
            timeline, problem, _ = got
            if timeline is not None:
                self._asked += 1
                return Computed((choice, timeline), None, problems, self._asked)
            problems.append(problem or "")
        return None

    @on(Computed)
    def _computed(self, event: Computed) -> None:
        if event.series is None and event.ticket != self._asked:
            return  # a newer unit was asked for meanwhile
        for problem in event.problems:
            self.notify(notice_text(problem), markup=False, severity="warning", timeout=3)
        if event.series is not None:
            self.points = event.series
            self._widths = event.widths  # once per series, not per refill (u, Enter)
            self.counting = False
        regrouped = False  # the periods are of another unit: no period row is kept
        if event.series is None:
            if event.timeline is not None:
                changed = self.timeline is not None and event.timeline[0] != self.unit_choice
                regrouped = self.timeline is not None and event.timeline[1].unit != self.timeline.unit
                self.unit_choice, self.timeline = event.timeline
                if changed:
                    self.expanded.clear()
            self.computing = False
        self.fill(regrouped)

    # -- rows ---------------------------------------------------------------------------------
    def _inner_width(self) -> int:
        """Cells a row may use: the list's own width once laid out (less its option padding and
        a cell of slack), else an estimate from the body's 90% (reader.tcss)."""
        lst = self.query("#timeline-rows")
        width = lst.first().scrollable_content_region.width if lst else 0
        if width <= 0:
            width = int(self.app.size.width * 0.9) - 10
        return max(24, width - 2)

    def fill(self, regrouped: bool = False) -> None:
        """The rows again: a page of options at a time (an entity in every article has 100k)."""
        if self.timeline is None:
            return
        lst = self.options
        keep = self._highlighted_key()
        if regrouped and keep is not None and keep.startswith("group:"):
            keep = None  # a period of the last unit is in no row: no pages built looking for it
        built = max(lst.option_count, PAGE)  # the highlight was among these rows: look no further for it
        self.rows = []
        self._fill_head()
        width = self._inner_width()
        self._lines = chain(self._buckets(), [(Content(""), None)], self._entity_lines())

        def more() -> list[Option]:
            options = []
            for prompt, row in islice(self._lines, PAGE):  # one line each: a bar never wraps its count
                options.append(
                    Option(prompt.truncate(width, ellipsis=True), id=f"r-{len(self.rows)}", disabled=row is None)
                )
                self.rows.append(row)
            return options

        with lst.changed_rows_only():  # rows showing the line they showed are not drawn again
            lst.feed(more)
            k = None
            if keep is not None:
                # the highlighted row was among the options built (a fill moves rows by little), and a
                # period of another unit is in no row: paging to the end would build every row (30k at 10k)
                while (k := next((i for i, r in enumerate(self.rows) if r and r.key == keep), None)) is None:
                    if lst.option_count >= built + PAGE or not lst._next_page():
                        break
            lst.highlighted = k if k is not None else next((i for i, r in enumerate(self.rows) if r is not None), None)

    def _highlighted_key(self) -> str | None:
        lst = self.query("#timeline-rows")
        if not lst or lst.first().highlighted is None or not self.rows:
            return None
        row = self.rows[lst.first().highlighted]
        return row.key if row else None

    def _fill_head(self) -> None:
        t = self.timeline
        assert t is not None
        n = len(t.undated)
        undated = {0: "every article has a date", 1: "1 article has no date"}.get(n, f"{n} articles have no date")
        how = f"by {t.unit}" + (" (chosen to fit)" if self.unit_choice is None else "")
        head = Content(f"{t.total} articles {how} · {undated}")
        self.query_one("#timeline-head", Static).update(head, layout=False)  # one line (reader.tcss)

    def _buckets(self) -> Iterator[tuple[Content, Row | None]]:
        t = self.timeline
        assert t is not None
        groups = [(b.label, b.article_ids) for b in (*t.buckets, *t.coarse)]
        if t.undated:
            groups.append(("no date", t.undated))
        label_w = max((len(label) for label, _ in groups), default=0)
        peak = t.peak  # a property over every bucket: once, not per row
        count_w = len(str(peak))
        bar_w = max(4, min(60, self._inner_width() - label_w - count_w - 5))  # marker, gaps, count
        yield styled(f"Articles per {t.unit}", HEADING), None
        for i, (label, ids) in enumerate(groups):
            if i == len(t.buckets) and t.coarse:
                yield styled(f"Dated less precisely than a {t.unit}:", MUTED), None
            if not ids:  # an empty period keeps its place on the axis; nothing to open
                yield join("  ", safe_line(label, MUTED)), None
                continue
            key = f"group:{label}"
            open_ = key in self.expanded
            marker = ("▾ " if open_ else "▸ ") if len(ids) > 1 else "  "
            yield (
                join(
                    marker,
                    safe_line(f"{label:<{label_w}}  "),
                    bar_cell(len(ids), peak, bar_w),
                    f" {len(ids):>{count_w}}",
                ),
                Row(key, ids, group=True),
            )
            if open_:
                for aid in ids:
                    yield self._article_line(aid, f"{key}:{aid}")

    def _article_line(self, aid: str, key: str) -> tuple[Content, Row]:
        art = self.corpus.article(aid)
        when = parse_date(art.date)
        date = when.label if when else "no date"
        room = max(20, self._inner_width() - len(date) - 8)
        title = safe_line(excerpt(art.title or art.source.name, room))
        return join("      ", safe_line(f"{date}  "), title), Row(key, (aid,))

    def _entity_lines(self) -> Iterator[tuple[Content, Row | None]]:
        ent = self.entity
        if ent is None:
            if self.analysing:
                yield styled("Entity mentions: analysis is running; they can be shown when it finishes.", MUTED), None
            elif not self.corpus.entities:
                yield styled("Entity mentions: no entities are known (analysis did not run or failed).", MUTED), None
            else:
                yield styled("No current entity: press e on a name (or choose one with V), then T.", MUTED), None
            return
        points = self.points
        yield (
            join(
                styled("Mentions of ", HEADING),
                safe_line(ent.name, HEADING),
                styled(" per article, oldest first", HEADING),
            ),
            None,
        )
        if self.counting:
            yield styled("  (counting its mentions…)", MUTED), None
            return
        if not points:
            yield styled("  (no mentions inside articles)", MUTED), None
            return
        top, date_w = self._widths
        count_w = len(str(top))
        bar_w = max(4, min(20, self._inner_width() - date_w - count_w - 24))  # leaves a title some room
        room = max(10, self._inner_width() - date_w - bar_w - count_w - 7)
        shape = (id(points), top, date_w, bar_w, room)
        if self._mention_rows[0] != shape:  # the rows of the last fill serve until these change (u, Enter)
            self._mention_rows = (shape, {})
        made = self._mention_rows[1]
        for p in points:
            got = made.get(p.article_id)
            if got is None:
                art = self.corpus.article(p.article_id)
                line = join(
                    "  ",
                    safe_line(f"{p.date_label:<{date_w}}  "),
                    bar_cell(p.mentions, top, bar_w),
                    f" {p.mentions:>{count_w}}  ",
                    safe_line(excerpt(art.title or art.source.name, room)),
                )
                got = made[p.article_id] = (line, Row(f"mention:{p.article_id}", (p.article_id,), p.first))
            yield got

    # -- actions ------------------------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.rows[event.option_index]
        if row is None:
            return
        if row.group and len(row.article_ids) > 1:
            self.expanded ^= {row.key}
            self.fill()
            return
        article = self.corpus.article(row.article_ids[0])
        if article is not None:
            self.dismiss((article, row.span))

    def action_cycle_unit(self) -> None:
        """The next unit that fits (one too fine for the archive's span is said and skipped)."""
        i = UNIT_CYCLE.index(self.unit_choice)
        start = UNIT_CYCLE[(i + 1) % len(UNIT_CYCLE)]
        known = self._known_chart(start)
        if known is not None:
            self._wish = ()
            self._computed(known)
        elif self._preparing is not None:  # the worker making the units ahead answers it
            self._wish = (start,)
            self.computing = True
        else:
            self._compute(start, step=1)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
