"""The corpus over time: articles per day, week, month or year, and one entity's mentions per article.

Pure data for the timeline view and `reader timeline`. Dates come from `Article.date`: ISO 8601
at day precision ("2020-11-04"), reduced precision ("2020-11", "2020": the text said no more,
e.g. a copyright year), or whatever a sidecar said (read with the same date rules as the text).

Reduced precision is never smeared onto the first day of its period. An article dated "2020"
falls in the 2020 bucket of a timeline by year; on a finer timeline it is counted apart, in a
"2020 (year only)" bucket of `Timeline.coarse`, outside the time axis. Articles with no date, or
with one that cannot be read, are `Timeline.undated`.

The unit is chosen so the axis fits `max_buckets`: the finest of day, week, month, year that
places most of the dated articles on the axis and spans the dates in at most that many buckets.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from reader.model.ingest.article import Article
from reader.model.ingest.dates import find_date

UNITS = ("day", "week", "month", "year")
_PRECISIONS = {"day": 0, "month": 2, "year": 3}  # ranks comparable with UNITS' indexes
MAX_AXIS = 10_000  # more buckets than anyone can read; the caller should choose a coarser unit
BLOCKS = " ▏▎▍▌▋▊▉█"  # eighths of a cell

_REDUCED = re.compile(r"\s*(?P<year>\d{4})(?:-(?P<month>\d{1,2}))?\s*")


class TooManyBuckets(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class When:
    """A readable article date: the first day it can mean and its precision (day, month, year)."""

    day: date
    precision: str

    @property
    def label(self) -> str:
        return period_label(self.day, self.precision)


@lru_cache(maxsize=1 << 16)  # an archive repeats its dates: each is read once, not per article per unit
def parse_date(value: str | None) -> When | None:
    """The date an article's `date` field means, or None when it has none or it cannot be read."""
    if not value:
        return None
    full = find_date(value)
    if full:
        return When(date.fromisoformat(full), "day")
    m = _REDUCED.fullmatch(value)
    if not m:
        return None
    try:
        if m["month"]:
            return When(date(int(m["year"]), int(m["month"]), 1), "month")
        return When(date(int(m["year"]), 1, 1), "year")
    except ValueError:
        return None


def fits(precision: str, unit: str) -> bool:
    """Whether a date this precise belongs to exactly one period of `unit` (a month is in no one week)."""
    if unit == "week":
        return precision == "day"
    return _PRECISIONS[precision] <= UNITS.index(unit)


# -- periods ---------------------------------------------------------------------------------
def period_start(d: date, unit: str) -> date:
    if unit == "day":
        return d
    if unit == "week":  # ISO weeks start on Monday
        return d - timedelta(days=d.weekday())
    if unit == "month":
        return d.replace(day=1)
    return d.replace(month=1, day=1)


def next_period(start: date, unit: str) -> date:
    if unit == "day":
        return start + timedelta(days=1)
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def period_label(start: date, unit: str) -> str:
    if unit == "day":
        return start.isoformat()
    if unit == "week":
        return f"week of {start.isoformat()}"
    if unit == "month":
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d}"


def period_count(first: date, last: date, unit: str) -> int:
    """How many periods of `unit` from the one holding `first` to the one holding `last`."""
    a, b = period_start(first, unit), period_start(last, unit)
    if unit == "day":
        return (b - a).days + 1
    if unit == "week":
        return (b - a).days // 7 + 1
    if unit == "month":
        return (b.year - a.year) * 12 + b.month - a.month + 1
    return b.year - a.year + 1


# -- the timeline ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Bucket:
    """One period and the ids of the articles dated in it (oldest first, then corpus order)."""

    unit: str
    start: date
    article_ids: tuple[str, ...]
    coarse: bool = False  # dated only to this period, which is coarser than the timeline's unit

    @property
    def count(self) -> int:
        return len(self.article_ids)

    @property
    def end(self) -> date:
        """The last day of the period."""
        return next_period(self.start, self.unit) - timedelta(days=1)

    @property
    def label(self) -> str:
        base = period_label(self.start, self.unit)
        return f"{base} ({self.unit} only)" if self.coarse else base


@dataclass(frozen=True, slots=True)
class Timeline:
    unit: str
    buckets: tuple[Bucket, ...]  # the time axis, oldest first, empty periods included
    coarse: tuple[Bucket, ...]  # dates less precise than `unit`, by period then precision
    undated: tuple[str, ...]  # article ids with no readable date, in corpus order

    @property
    def total(self) -> int:
        return sum(b.count for b in self.buckets) + sum(b.count for b in self.coarse) + len(self.undated)

    @property
    def peak(self) -> int:
        """The largest count of any row (axis, coarse or undated), for scaling bars alike."""
        return max([b.count for b in (*self.buckets, *self.coarse)] + [len(self.undated)], default=0)


def choose_unit(whens: Sequence[When], max_buckets: int) -> str:
    """The finest unit that places most dated articles on the axis in at most `max_buckets`."""
    return _choose_unit(Counter(whens).items(), max_buckets)


def _choose_unit(counted: Iterable[tuple[When, int]], max_buckets: int) -> str:
    """choose_unit over (date, how many articles have it) pairs."""
    counted = list(counted)
    total = sum(n for _, n in counted)
    for unit in UNITS:
        placed = [(w.day, n) for w, n in counted if fits(w.precision, unit)]
        if not placed or 2 * sum(n for _, n in placed) < total:
            continue
        if period_count(min(placed)[0], max(placed)[0], unit) <= max_buckets:
            return unit
    return UNITS[-1] if counted else UNITS[0]


class DateIndex:
    """The articles by date, read once: a timeline of any unit is then made from runs of articles
    sharing a date (an archive of 100k articles has a few thousand dates), not from every article
    again for each unit."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.arts = list(articles)
        ids: list[str] = []
        by_value: dict[str | None, list[int]] = {}
        for i, a in enumerate(self.arts):
            ids.append(a.id)
            got = by_value.get(a.date)
            if got is None:
                got = by_value[a.date] = []
            got.append(i)
        by_day: dict[date, list[tuple[When, list[int]]]] = {}
        undated: list[int] = []
        for value, idx in by_value.items():
            w = parse_date(value)
            if w is None:
                undated.extend(idx)
            else:
                by_day.setdefault(w.day, []).append((w, idx))
        # runs of articles with one date, oldest first, then in corpus order (several dates may
        # mean the same day: "2020", "2020-01-01"; their articles interleave by corpus order)
        self.runs: list[tuple[When, list[str]]] = []
        for day in sorted(by_day):
            groups = by_day[day]
            if len(groups) == 1:
                w, idx = groups[0]
                self.runs.append((w, [ids[i] for i in idx]))
                continue
            for i, w in sorted((i, w) for w, idx in groups for i in idx):
                if self.runs and self.runs[-1][0] is w:
                    self.runs[-1][1].append(ids[i])
                else:
                    self.runs.append((w, [ids[i]]))
        self.undated = tuple(ids[i] for i in sorted(undated))
        self._by_value = by_value
        self._ranks: tuple | None = None

    def ranks(self) -> tuple:
        """(each article's date rank, as a numpy array: oldest first, a reduced-precision date
        after a precise one of its first day, undated last; equal dates rank alike), and each
        rank's label length)."""
        if self._ranks is None:
            import numpy as np  # only for the entity series

            whens = {v: parse_date(v) for v in self._by_value}
            keys = {v: _series_key(w) for v, w in whens.items()}
            order = {k: r for r, k in enumerate(sorted(set(keys.values())))}
            rank = np.zeros(len(self.arts), dtype=np.int64)
            widths = [0] * len(order)
            for v, idx in self._by_value.items():
                r = order[keys[v]]
                rank[idx] = r
                w = whens[v]
                widths[r] = len(w.label) if w else len("no date")
            self._ranks = (rank, np.array(widths, dtype=np.int64))
        return self._ranks

    def timeline(self, unit: str | None = None, max_buckets: int = 40) -> Timeline:
        """As build_timeline."""
        if unit is None:
            unit = _choose_unit(((w, len(aids)) for w, aids in self.runs), max_buckets)
        elif unit not in UNITS:
            raise ValueError(f"unit must be one of {', '.join(UNITS)}")
        axis: dict[date, list[str]] = {}
        coarse: dict[tuple[date, int], list[str]] = {}
        for w, aids in self.runs:
            if fits(w.precision, unit):
                axis.setdefault(period_start(w.day, unit), []).extend(aids)
            else:
                coarse.setdefault((w.day, _PRECISIONS[w.precision]), []).extend(aids)
        buckets: list[Bucket] = []
        if axis:
            first, last = min(axis), max(axis)
            if period_count(first, last, unit) > MAX_AXIS:
                raise TooManyBuckets(
                    f"by {unit}, {period_label(first, unit)} to {period_label(last, unit)} needs "
                    f"{period_count(first, last, unit):,} rows; use a coarser unit"
                )
            p = first
            while p <= last:
                buckets.append(Bucket(unit, p, tuple(axis.get(p, ()))))
                p = next_period(p, unit)
        by_rank = {r: u for u, r in _PRECISIONS.items()}
        apart = [Bucket(by_rank[rank], start, tuple(ids), coarse=True) for (start, rank), ids in sorted(coarse.items())]
        return Timeline(unit, tuple(buckets), tuple(apart), self.undated)


def build_timeline(articles: Iterable[Article], unit: str | None = None, max_buckets: int = 40) -> Timeline:
    """Bucket `articles` by date; `unit` forces day/week/month/year, else it is chosen to fit.

    Raises TooManyBuckets when a forced unit would need more than MAX_AXIS buckets.
    """
    if unit is not None and unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}")
    return DateIndex(articles).timeline(unit, max_buckets)


# -- one entity over time --------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EntityPoint:
    """An article mentioning the entity: how often, and its first mention's source span."""

    article_id: str
    when: When | None
    mentions: int
    first: tuple[int, int]

    @property
    def date_label(self) -> str:
        return self.when.label if self.when else "no date"


def _series_key(w: When | None) -> tuple:
    return (w is None, w.day if w else date.min, _PRECISIONS[w.precision] if w else 0)


class EntitySeries(Sequence[EntityPoint]):
    """An entity's points in date order, each made when read (an entity named in every article of
    100k has 100k; the timeline shows them a page at a time). `widths`: the largest mention count
    and the widest date label among them."""

    def __init__(self, arts: list, idx: list[int], counts: list[int], firsts: list[tuple[int, int]], widths) -> None:
        self._arts, self._idx, self._counts, self._firsts = arts, idx, counts, firsts
        self.widths: tuple[int, int] = widths

    def __len__(self) -> int:
        return len(self._idx)

    def _point(self, i: int) -> EntityPoint:
        a = self._arts[self._idx[i]]
        return EntityPoint(a.id, parse_date(a.date), self._counts[i], self._firsts[i])

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self._point(k) for k in range(len(self))[i]]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._point(i)

    def __iter__(self) -> Iterator[EntityPoint]:
        return (self._point(i) for i in range(len(self)))


def entity_series(corpus, entity, dates: DateIndex | None = None) -> EntitySeries:
    """The articles mentioning `entity`, each with its mention count, in date order.

    A reduced-precision date sorts by the first day it can mean ("2020" before "2020-11-04"; its
    label still says only "2020"), after any more precise date of that same day; undated last;
    corpus order among equal dates. `dates`: the corpus's articles' DateIndex when the caller has
    it (used when it is of the same articles).
    """
    import numpy as np  # the series is sorted with numpy: 100k points at 100k articles

    got = corpus.entity_place_columns(entity)
    if got is None:
        return EntitySeries([], [], [], [], (0, 0))
    arts, w, n, s, e = got
    if dates is None or len(dates.arts) != len(arts) or any(a is not b for a, b in zip(dates.arts, arts, strict=True)):
        dates = DateIndex(arts)
    rank, label_w = dates.ranks()
    r = rank[w]
    order = np.lexsort((w, r))
    w, n, s, e = w[order], n[order], s[order], e[order]
    widths = (int(n.max()) if len(n) else 0, int(label_w[np.unique(r)].max()) if len(r) else 0)
    return EntitySeries(arts, w.tolist(), n.tolist(), list(zip(s.tolist(), e.tolist(), strict=True)), widths)


# -- text ------------------------------------------------------------------------------------
def bar(value: int, peak: int, width: int) -> str:
    """A horizontal bar of block characters, `width` cells for `peak`; never empty for value > 0."""
    if value <= 0 or peak <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / peak * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (BLOCKS[part] if part else "")


def excerpt(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut at a word with an ellipsis when too long."""
    s = " ".join(text.split())
    if len(s) <= limit:
        return s
    cut = s[: limit - 1].rsplit(" ", 1)[0] if " " in s[: limit - 1] else s[: limit - 1]
    return cut.rstrip(" ,;:") + "…"


def timeline_record(corpus, timeline: Timeline, entity=None) -> dict:
    """JSON for `reader timeline --json`."""

    def bucket(b: Bucket) -> dict:
        return {
            "label": b.label,
            "unit": b.unit,
            "start": b.start.isoformat(),
            "end": b.end.isoformat(),
            "count": b.count,
            "articles": list(b.article_ids),
        }

    rec = {
        "unit": timeline.unit,
        "articles": timeline.total,
        "buckets": [bucket(b) for b in timeline.buckets],
        "coarse": [bucket(b) for b in timeline.coarse],
        "undated": {"count": len(timeline.undated), "articles": list(timeline.undated)},
        "entity": None,
    }
    if entity is not None:
        points = []
        for p in entity_series(corpus, entity):
            a = corpus.article(p.article_id)
            points.append(
                {
                    "article": p.article_id,
                    "date": a.date,
                    "title": a.title,
                    "mentions": p.mentions,
                    "first": {"start": p.first[0], "end": p.first[1]},
                }
            )
        rec["entity"] = {"id": entity.id, "name": entity.name, "kind": entity.kind, "articles": points}
    return rec
