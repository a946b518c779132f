"""The timeline model (buckets, reduced precision, undated, an entity per article) and `reader timeline`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from reader.commands.timeline_cmd import chart_lines
from reader.model.ingest.article import Article, SourceFile
from reader.model.outputs.timeline import (
    TooManyBuckets,
    bar,
    build_timeline,
    choose_unit,
    entity_series,
    parse_date,
    timeline_record,
)

ROOT = Path(__file__).resolve().parent.parent


def arts(*dates: str | None, titles: dict[int, str] | None = None) -> list[Article]:
    src = SourceFile(Path("x.txt"), "x" * 100, "utf-8", "0" * 64, 100)
    titles = titles or {}
    return [Article(f"a{i}", src, i, i + 1, titles.get(i, f"Title {i}"), None, date=d) for i, d in enumerate(dates)]


def counts(buckets) -> list[tuple[str, int]]:
    return [(b.label, b.count) for b in buckets]


# -- dates ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, day, precision",
    [
        ("2020-11-04", date(2020, 11, 4), "day"),
        ("2020-11-04T10:30:00Z", date(2020, 11, 4), "day"),
        ("November 4, 2020", date(2020, 11, 4), "day"),
        ("2020-11", date(2020, 11, 1), "month"),
        ("2020", date(2020, 1, 1), "year"),
        (" 2021 ", date(2021, 1, 1), "year"),
    ],
)
def test_parse_date(value, day, precision):
    w = parse_date(value)
    assert (w.day, w.precision) == (day, precision)


@pytest.mark.parametrize("value", [None, "", "last Tuesday", "2020-13", "20201104", "2020-02-30"])
def test_unreadable_dates_are_none(value):
    assert parse_date(value) is None


# -- buckets ----------------------------------------------------------------------------------
def test_by_day_fills_gaps_and_keeps_ids():
    t = build_timeline(arts("2020-11-04", "2020-11-06", "2020-11-04"), "day")
    assert counts(t.buckets) == [("2020-11-04", 2), ("2020-11-05", 0), ("2020-11-06", 1)]
    assert t.buckets[0].article_ids == ("a0", "a2")
    assert t.buckets[1].start == t.buckets[1].end == date(2020, 11, 5)


def test_by_week_starts_on_monday():
    # 2020-11-01 is a Sunday, 2020-11-02 a Monday
    t = build_timeline(arts("2020-11-01", "2020-11-02", "2020-11-08", "2020-11-09"), "week")
    assert counts(t.buckets) == [("week of 2020-10-26", 1), ("week of 2020-11-02", 2), ("week of 2020-11-09", 1)]
    assert t.buckets[1].end == date(2020, 11, 8)


def test_by_month_across_a_year_end():
    t = build_timeline(arts("2020-11-30", "2021-01-01", "2020-11-01"), "month")
    assert counts(t.buckets) == [("2020-11", 2), ("2020-12", 0), ("2021-01", 1)]
    assert t.buckets[0].end == date(2020, 11, 30) and t.buckets[1].end == date(2020, 12, 31)
    assert t.buckets[0].article_ids == ("a2", "a0")  # oldest first within a bucket


def test_auto_unit_fits_max_buckets():
    assert build_timeline(arts("2020-01-01", "2020-01-20")).unit == "day"
    assert build_timeline(arts("2020-01-01", "2020-04-10")).unit == "week"
    assert build_timeline(arts("2020-01-01", "2021-06-30")).unit == "month"
    assert build_timeline(arts("2000-01-01", "2020-06-30")).unit == "year"
    assert build_timeline(arts("2020-01-01", "2020-01-20"), max_buckets=10).unit == "week"


def test_auto_unit_wants_most_articles_on_the_axis():
    # one precise date and three known only to the month: by month puts all four on the axis
    t = build_timeline(arts("2020-03-04", "2020-03", "2020-04", "2020-05"))
    assert t.unit == "month"
    assert counts(t.buckets) == [("2020-03", 2), ("2020-04", 1), ("2020-05", 1)] and not t.coarse
    assert choose_unit([], 40) == "day"


def test_reduced_precision_counted_apart_not_on_jan_1():
    t = build_timeline(arts("2020-01-01", "2020", "2020-11", "2021", None), "day")
    assert counts(t.buckets) == [("2020-01-01", 1)]  # the year-only article is not smeared onto Jan 1
    assert counts(t.coarse) == [("2020 (year only)", 1), ("2020-11 (month only)", 1), ("2021 (year only)", 1)]
    assert t.coarse[0].article_ids == ("a1",) and t.coarse[0].end == date(2020, 12, 31)
    assert t.undated == ("a4",) and t.total == 5
    by_month = build_timeline(arts("2020-01-01", "2020", "2020-11", "2021", None), "month")
    assert [b.count for b in by_month.buckets if b.count] == [1, 1]
    assert counts(by_month.coarse)[0] == ("2020 (year only)", 1)
    by_week = build_timeline(arts("2020-01-01", "2020-11"), "week")  # a month lies in no one week
    assert counts(by_week.coarse) == [("2020-11 (month only)", 1)]
    by_year = build_timeline(arts("2020-01-01", "2020", "2020-11", "2021", None), "year")
    assert counts(by_year.buckets) == [("2020", 3), ("2021", 1)] and not by_year.coarse


def test_undated_and_unreadable_apart():
    t = build_timeline(arts(None, "soon", "2020-11-04", ""))
    assert t.undated == ("a0", "a1", "a3")
    assert counts(t.buckets) == [("2020-11-04", 1)]
    assert t.peak == 3


def test_nothing_dated():
    t = build_timeline(arts(None, None))
    assert t.buckets == () and t.coarse == () and t.undated == ("a0", "a1")


def test_forced_unit_with_too_many_rows_is_refused():
    with pytest.raises(TooManyBuckets):
        build_timeline(arts("1900-01-01", "2020-01-01"), "day")
    with pytest.raises(ValueError):
        build_timeline(arts("2020-01-01"), "fortnight")


def test_bar():
    assert bar(0, 4, 10) == "" and bar(4, 4, 10) == "█" * 10
    assert bar(1, 1000, 10) == "▏"  # never empty for a non-zero count
    assert len(bar(3, 4, 10)) == 8 and bar(3, 4, 10).startswith("█" * 7)


# -- an entity over time ----------------------------------------------------------------------
class FakeCorpus:
    def __init__(self, articles, mentions):
        self.articles = articles
        self._mentions = mentions  # article id -> [(start, end, entity)]

    def mentions_in(self, a):
        return self._mentions.get(a.id, [])

    def entity_places(self, entity):  # as Corpus.entity_places, from the per-article lists
        out = []
        for a in self.articles:
            mine = sorted((s, e) for s, e, ent in self.mentions_in(a) if ent.id == entity.id)
            if mine:
                out.append((a, len(mine), mine[0]))
        return out

    def entity_place_columns(self, entity):
        import numpy as np

        places = self.entity_places(entity)
        at = {id(a): i for i, a in enumerate(self.articles)}
        cols = [[at[id(a)] for a, _, _ in places], [n for _, n, _ in places]]
        cols += [[f[0] for _, _, f in places], [f[1] for _, _, f in places]]
        return (list(self.articles), *(np.array(c, dtype=np.int64) for c in cols))

    def article(self, aid):
        return next((a for a in self.articles if a.id == aid), None)


def entity(eid: str, name: str = "Somebody"):
    return SimpleNamespace(id=eid, name=name, kind="PERSON")


def test_entity_mentions_per_article_in_date_order():
    ent, other = entity("p:x", "Ann Example"), entity("p:y")
    a = arts(None, "2020-11-04", "2020", "2019-05-01", "2020-11-04")
    corpus = FakeCorpus(
        a,
        {
            "a0": [(5, 8, ent)],
            "a1": [(1, 3, other), (10, 14, ent), (20, 24, ent)],
            "a2": [(30, 33, ent)],
            "a3": [(2, 4, other)],  # mentions someone else only
            "a4": [(7, 9, ent)],
        },
    )
    points = entity_series(corpus, ent)
    assert [p.article_id for p in points] == ["a2", "a1", "a4", "a0"]
    assert [p.mentions for p in points] == [1, 2, 1, 1]
    assert points[1].first == (10, 14)
    assert [p.date_label for p in points] == ["2020", "2020-11-04", "2020-11-04", "no date"]
    rec = timeline_record(corpus, build_timeline(a), ent)
    assert rec["entity"]["name"] == "Ann Example"
    assert rec["entity"]["articles"][1] == {
        "article": "a1",
        "date": "2020-11-04",
        "title": "Title 1",
        "mentions": 2,
        "first": {"start": 10, "end": 14},
    }
    assert rec["undated"] == {"count": 1, "articles": ["a0"]}


def test_chart_lines_are_terminal_safe():
    ent = entity("p:x", "Name \x1b[31m")
    a = arts("2020-11-04", None, titles={0: "Title \x1b]0;PWNED\x07 [bold]x[/]"})
    corpus = FakeCorpus(a, {"a0": [(0, 1, ent)]})
    lines = chart_lines(corpus, build_timeline(a), ent)
    text = "\n".join(lines)
    assert "\x1b" not in text and "\x07" not in text and "[bold]x[/]" in text
    assert lines[0] == "2 articles by day · 1 has no date"


# -- the CLI ----------------------------------------------------------------------------------
def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def test_cli_timeline_json_on_seeds():
    out = run("timeline", "seeds", "--json")
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    listed = json.loads(run("articles", "seeds", "--json").stdout)
    assert rec["articles"] == len(listed)
    undated = [a["id"] for a in listed if not a["date"]]
    assert rec["undated"] == {"count": len(undated), "articles": undated}
    placed = [i for b in rec["buckets"] + rec["coarse"] for i in b["articles"]]
    assert sorted(placed + undated) == sorted(a["id"] for a in listed)
    by_id = {a["id"]: a["date"] for a in listed}
    for b in rec["buckets"]:
        assert all(b["start"] <= by_id[i][:10] <= b["end"] for i in b["articles"])
    assert rec["entity"] is None


def test_cli_timeline_human_and_forced_unit(tmp_path):
    for i, d in enumerate(["2020-11-02", "2020-11-05", "2020-11-20", "2020"]):
        (tmp_path / f"s{i}.txt").write_text(f"Story number {i} is here\n\nBody text of the story {i}.\n")
        (tmp_path / f"s{i}.txt.meta.json").write_text(json.dumps({"date": d}))
    out = run("timeline", str(tmp_path), "--by", "week")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == "4 articles by week"
    assert lines[1].startswith("week of 2020-11-02") and lines[1].endswith(" 2") and "█" in lines[1]
    assert lines[2].strip() == "week of 2020-11-09"  # an empty week keeps its place, with no bar
    assert lines[-1].startswith("2020 (year only)") and lines[-1].endswith(" 1")
    bad = run("timeline", str(tmp_path), "--by", "fortnight")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr


@pytest.mark.usefixtures("warm_seeds_cache")  # the CLI runs read the analysed seeds
def test_cli_timeline_entity():
    pytest.importorskip("spacy")
    out = run("timeline", "seeds", "--entity", "Putin", "--json")
    assert out.returncode == 0, out.stderr
    ent = json.loads(out.stdout)["entity"]
    assert ent["name"].endswith("Putin") and ent["articles"]
    mentions = json.loads(run("mentions", "Putin", "seeds", "--json").stdout)
    per_article: dict[str, int] = {}
    for m in mentions["mentions"]:
        per_article[m["article"]] = per_article.get(m["article"], 0) + 1
    assert {p["article"]: p["mentions"] for p in ent["articles"]} == per_article
    missing = run("timeline", "seeds", "--entity", "qqqzzzxxy")
    assert missing.returncode == 1 and missing.stderr.strip().endswith("no entity matches 'qqqzzzxxy'")


# -- the dates read once, every unit from them ----------------------------------------------
def reference_timeline(articles, unit):
    """Each article bucketed on its own, oldest first then corpus order: what DateIndex must give."""
    from reader.model.outputs.timeline import _PRECISIONS, fits, period_start

    dated = sorted(
        ((parse_date(a.date), i, a.id) for i, a in enumerate(articles) if parse_date(a.date)),
        key=lambda t: (t[0].day, t[1]),
    )
    axis, coarse = {}, {}
    for w, _, aid in dated:
        if fits(w.precision, unit):
            axis.setdefault(period_start(w.day, unit), []).append(aid)
        else:
            coarse.setdefault((w.day, _PRECISIONS[w.precision]), []).append(aid)
    undated = [a.id for a in articles if parse_date(a.date) is None]
    return axis, [ids for _, ids in sorted(coarse.items())], undated


@pytest.mark.parametrize("unit", ["day", "week", "month", "year"])
def test_date_index_buckets_as_each_article_alone(unit):
    import random

    from reader.model.outputs.timeline import DateIndex

    rng = random.Random(7)
    values = ["2020-11-04", "November 4, 2020", "2020-11", "2020", "2020-01-01", "2021-02-28", None, "soon", ""]
    a = arts(*(rng.choice(values) for _ in range(300)))
    t = DateIndex(a).timeline(unit)
    axis, coarse, undated = reference_timeline(a, unit)
    assert {b.start: list(b.article_ids) for b in t.buckets if b.article_ids} == axis
    assert [list(b.article_ids) for b in t.coarse] == coarse
    assert list(t.undated) == undated
    assert t.total == len(a)


def test_entity_series_ties_keep_corpus_order_and_points_are_made_when_read():
    ent = entity("p:x")
    # two spellings of one day tie: corpus order decides; the year-only date sorts first
    a = arts("November 4, 2020", "2020-11-04", "2020", None, "2020-11-04")
    corpus = FakeCorpus(a, {f"a{i}": [(i, i + 1, ent)] * (i + 1) for i in range(5)})
    points = entity_series(corpus, ent)
    assert [p.article_id for p in points] == ["a2", "a0", "a1", "a4", "a3"]
    assert points.widths == (5, len("2020-11-04"))
    assert points[-1].article_id == "a3" and [p.article_id for p in points[1:3]] == ["a0", "a1"]
    with pytest.raises(IndexError):
        points[5]
