"""`reader timeline`: articles per day/week/month/year, and an entity's mentions per article."""

from __future__ import annotations

import argparse

from reader.commands.common import emit_json, load_corpus, say
from reader.model.outputs.display import terminal_safe
from reader.model.outputs.wording import count

BAR_WIDTH = 40
TITLE_WIDTH = 50


def chart_lines(corpus, timeline, entity=None) -> list[str]:
    """The human-readable chart: one line per bucket (label, bar, count), then the entity's articles."""
    from reader.model.outputs.timeline import bar, entity_series, excerpt

    n_undated = len(timeline.undated)
    head = f"{count(timeline.total, 'article')} by {timeline.unit}"
    lines = [head + (f" · {n_undated} ha{'s' if n_undated == 1 else 've'} no date" if n_undated else "")]
    rows = [(b.label, b.count) for b in (*timeline.buckets, *timeline.coarse)]
    if n_undated:
        rows.append(("no date", n_undated))
    width = max((len(label) for label, _ in rows), default=0)
    peak = timeline.peak
    for label, n in rows:
        # an empty period keeps its line, with no bar
        lines.append(f"{label:<{width}}  {bar(n, peak, BAR_WIDTH)} {n}" if n else label)
    if entity is not None:
        points = entity_series(corpus, entity)
        lines += ["", f"Mentions of {entity.name} ({entity.kind}) per article, oldest first"]
        if not points:
            lines.append("(no mentions inside articles)")
        top = max((p.mentions for p in points), default=0)
        dw = max((len(p.date_label) for p in points), default=0)
        cw = len(str(top))
        for p in points:
            title = excerpt(corpus.article(p.article_id).title, TITLE_WIDTH)
            lines.append(
                f"{p.date_label:<{dw}}  {bar(p.mentions, top, BAR_WIDTH // 2):<{BAR_WIDTH // 2}} "
                f"{p.mentions:>{cw}}  {title}"
            )
    return [terminal_safe(line) for line in lines]


def cmd_timeline(args: argparse.Namespace) -> int:
    from reader.model.outputs.timeline import TooManyBuckets, build_timeline, timeline_record

    entity = None
    if args.entity is not None:
        from reader.commands.common import analysed_corpus
        from reader.model.search.entity_lookup import lookup

        corpus = analysed_corpus(args)
        found = lookup(corpus.entities, args.entity)
        if found is None and corpus.articles:
            say(f"reader: no entity matches {args.entity!r}")
            return 1
        note = found.ambiguity(args.entity) if found else None
        if note:
            say(f"reader: {note}")
        entity = found.entity if found else None
    else:
        corpus = load_corpus(args)
    if not corpus.articles:
        return 1
    try:
        timeline = build_timeline(corpus.articles, args.by)
    except TooManyBuckets as exc:
        say(f"reader: {exc}")
        return 1
    if args.json:
        emit_json(timeline_record(corpus, timeline, entity))
    else:
        print("\n".join(chart_lines(corpus, timeline, entity)))
    return 0


def register(sub, add) -> None:
    sp = add("timeline", cmd_timeline, "articles per day, week, month or year; with --entity, its mentions per article")
    sp.add_argument("--entity", metavar="NAME", help="also the mentions of the entity best matching NAME, per article")
    sp.add_argument(
        "--by", choices=("day", "week", "month", "year"), help="bucket size (default: the finest that fits in 40 rows)"
    )
