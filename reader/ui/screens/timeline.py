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

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model.outputs.timeline import UNITS, TooManyBuckets, bar, build_timeline, entity_series, excerpt, parse_date
from reader.ui.safe import join, notice_text, safe_line
from reader.ui.screens.help import VIEW_HELP_KEYS

UNIT_CYCLE = (None, *UNITS)  # None: chosen to fit
BAR = ".timeline-list--bar"
HEADING = ".timeline-list--heading"
MUTED = ".timeline-list--muted"


class TimelineList(OptionList):
    """The chart's rows; bar and heading styles are component classes (reader.tcss)."""

    COMPONENT_CLASSES = {"timeline-list--bar", "timeline-list--heading", "timeline-list--muted"}


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

    def __init__(self, corpus, entity=None, analysing: bool = False, max_buckets: int = 40) -> None:
        super().__init__()
        self.corpus = corpus
        self.entity = entity
        self.analysing = analysing
        self.max_buckets = max_buckets
        self.unit_choice: str | None = None
        self.timeline = build_timeline(corpus.articles, None, max_buckets)
        self.expanded: set[str] = set()
        self.rows: list[Row | None] = []  # per option; None for headings and notes

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-body") as body:
            body.border_title = Content("Timeline — Enter to open or unfold, u to change the unit, Esc to close")
            yield Static(id="timeline-head")
            yield TimelineList(id="timeline-rows")

    @property
    def options(self) -> TimelineList:
        return self.query_one("#timeline-rows", TimelineList)

    def on_mount(self) -> None:
        self.fill()
        self.options.focus()

    def on_resize(self) -> None:
        self.fill()

    def analysis_finished(self) -> None:
        """The app finished (or gave up) analysing: the entity section can say so."""
        self.analysing = False
        self.fill()

    # -- rows ---------------------------------------------------------------------------------
    def _inner_width(self) -> int:
        """Cells a row may use: the list's own width once laid out (less its option padding and
        a cell of slack), else an estimate from the body's 90% (reader.tcss)."""
        lst = self.query("#timeline-rows")
        width = lst.first().scrollable_content_region.width if lst else 0
        if width <= 0:
            width = int(self.app.size.width * 0.9) - 10
        return max(24, width - 2)

    def fill(self) -> None:
        lst = self.options
        keep = self._highlighted_key()
        self.rows = []
        options: list[Option] = []

        width = self._inner_width()

        def add(prompt: Content, row: Row | None = None) -> None:  # one line each: a bar never wraps its count
            options.append(
                Option(prompt.truncate(width, ellipsis=True), id=f"r-{len(self.rows)}", disabled=row is None)
            )
            self.rows.append(row)

        self._fill_head()
        self._add_buckets(add)
        add(Content(""))
        self._add_entity(add)
        lst.clear_options()
        lst.add_options(options)
        keys = [r.key if r else None for r in self.rows]
        if keep is not None and keep in keys:
            lst.highlighted = keys.index(keep)
        else:
            lst.highlighted = next((i for i, r in enumerate(self.rows) if r is not None), None)

    def _highlighted_key(self) -> str | None:
        lst = self.query("#timeline-rows")
        if not lst or lst.first().highlighted is None or not self.rows:
            return None
        row = self.rows[lst.first().highlighted]
        return row.key if row else None

    def _fill_head(self) -> None:
        t = self.timeline
        n = len(t.undated)
        undated = {0: "every article has a date", 1: "1 article has no date"}.get(n, f"{n} articles have no date")
        how = f"by {t.unit}" + (" (chosen to fit)" if self.unit_choice is None else "")
        self.query_one("#timeline-head", Static).update(Content(f"{t.total} articles {how} · {undated}"))

    def _add_buckets(self, add) -> None:
        t = self.timeline
        groups = [(b.label, b.article_ids) for b in (*t.buckets, *t.coarse)]
        if t.undated:
            groups.append(("no date", t.undated))
        label_w = max((len(label) for label, _ in groups), default=0)
        count_w = len(str(t.peak))
        bar_w = max(4, min(60, self._inner_width() - label_w - count_w - 5))  # marker, gaps, count
        add(styled(f"Articles per {t.unit}", HEADING))
        for i, (label, ids) in enumerate(groups):
            if i == len(t.buckets) and t.coarse:
                add(styled(f"Dated less precisely than a {t.unit}:", MUTED))
            if not ids:  # an empty period keeps its place on the axis; nothing to open
                add(join("  ", safe_line(label, MUTED)))
                continue
            key = f"group:{label}"
            open_ = key in self.expanded
            marker = ("▾ " if open_ else "▸ ") if len(ids) > 1 else "  "
            add(
                join(
                    marker,
                    safe_line(f"{label:<{label_w}}  "),
                    bar_cell(len(ids), t.peak, bar_w),
                    f" {len(ids):>{count_w}}",
                ),
                Row(key, ids, group=True),
            )
            if open_:
                for aid in ids:
                    self._add_article(add, aid, f"{key}:{aid}")

    def _add_article(self, add, aid: str, key: str) -> None:
        art = self.corpus.article(aid)
        when = parse_date(art.date)
        date = when.label if when else "no date"
        room = max(20, self._inner_width() - len(date) - 8)
        title = safe_line(excerpt(art.title or art.source.name, room))
        add(join("      ", safe_line(f"{date}  "), title), Row(key, (aid,)))

    def _add_entity(self, add) -> None:
        ent = self.entity
        if ent is None:
            if self.analysing:
                add(styled("Entity mentions: analysis is running; they can be shown when it finishes.", MUTED))
            elif not self.corpus.entities:
                add(styled("Entity mentions: no entities are known (analysis did not run or failed).", MUTED))
            else:
                add(styled("No current entity: press e on a name (or choose one with V), then T.", MUTED))
            return
        points = entity_series(self.corpus, ent)
        add(
            join(
                styled("Mentions of ", HEADING),
                safe_line(ent.name, HEADING),
                styled(" per article, oldest first", HEADING),
            )
        )
        if not points:
            add(styled("  (no mentions inside articles)", MUTED))
            return
        top = max(p.mentions for p in points)
        date_w = max(len(p.date_label) for p in points)
        count_w = len(str(top))
        bar_w = max(4, min(20, self._inner_width() - date_w - count_w - 24))  # leaves a title some room
        room = max(10, self._inner_width() - date_w - bar_w - count_w - 7)
        for p in points:
            art = self.corpus.article(p.article_id)
            line = join(
                "  ",
                safe_line(f"{p.date_label:<{date_w}}  "),
                bar_cell(p.mentions, top, bar_w),
                f" {p.mentions:>{count_w}}  ",
                safe_line(excerpt(art.title or art.source.name, room)),
            )
            add(line, Row(f"mention:{p.article_id}", (p.article_id,), p.first))

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
        i = UNIT_CYCLE.index(self.unit_choice)
        for step in range(1, len(UNIT_CYCLE) + 1):
            choice = UNIT_CYCLE[(i + step) % len(UNIT_CYCLE)]
            try:
                self.timeline = build_timeline(self.corpus.articles, choice, self.max_buckets)
            except TooManyBuckets as exc:
                self.notify(notice_text(str(exc)), markup=False, severity="warning", timeout=3)
                continue
            self.unit_choice = choice
            self.expanded.clear()
            self.fill()
            return

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
