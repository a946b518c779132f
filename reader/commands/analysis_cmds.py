"""Subcommands that need analysis: entities, mentions, quotes, cite (export: export_cmd.py)."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import analysed_corpus, article_heading, emit_json, one_line, say
from reader.model.outputs.display import terminal_safe


def cmd_entities(args: argparse.Namespace) -> int:
    from reader.model.outputs.records import entities_records
    from reader.model.outputs.wording import count

    corpus = analysed_corpus(args)
    recs = entities_records(corpus)
    if args.json:
        emit_json(recs)
    else:
        for r in recs:
            arts = len({m["article"] for m in r["mentions"] if m["article"] is not None})
            aliases = ", ".join(a for a in r["aliases"] if a != r["name"])
            print(
                one_line(
                    f"{r['kind']:<7} {r['name']}  ({count(len(r['mentions']), 'mention')} in {count(arts, 'article')})"
                    + (f"  aka {aliases}" if aliases else "")
                    + ("  [the surname of several people: left apart]" if _shared_surname(r) else "")
                )
            )
        if not recs and corpus.articles:
            say("reader: no entities found")
    return 0 if corpus.articles else 1


def _shared_surname(rec: dict) -> bool:
    return any(ev["rule"] == "surname:ambiguous" for ev in rec["evidence"])


def cmd_mentions(args: argparse.Namespace) -> int:
    from reader.model.outputs.records import entity_record
    from reader.model.search.entity_lookup import lookup

    fmt = "json" if args.json else args.format
    corpus = analysed_corpus(args)
    found = lookup(corpus.entities, args.name)
    if found is None:
        say(f"reader: no entity matches {args.name!r}" + ("" if corpus.entities else " (no entities were found)"))
        if fmt == "json":
            emit_json(None)
        return 1
    note = found.ambiguity(args.name)
    if note:
        say(f"reader: {note}")
    ent = found.entity
    if args.context or fmt == "csv":
        return _concordance(corpus, ent, fmt, args.sort)
    if fmt == "json":
        emit_json(entity_record(corpus, ent))
        return 0
    _mentions_text(corpus, ent)
    return 0


def _mentions_text(corpus, ent) -> None:
    """The entity, then each article that mentions it with the mentions there, one per line."""
    from reader.model.outputs.concordance import concordance
    from reader.model.outputs.wording import count

    rows = concordance(corpus, ent)
    print(_entity_heading(ent, rows))
    _flags(ent)
    outside = len(ent.mentions) - len(rows)
    if outside:
        print(f"(and {count(outside, 'mention')} outside any article)")
    for r in _under_articles(rows):
        print(f"  {r.start}-{r.end}  {one_line(r.text)}")


def _under_articles(rows):
    """The rows, each article's heading printed before its first row."""
    last = None
    for r in rows:
        if r.article is not last:
            print()
            print(article_heading(r.article))
            last = r.article
        yield r


def _flags(ent) -> None:
    """Evidence a reader should see before trusting the list: a surname left apart, or kept from a
    full name of the other gender."""
    for ev in ent.evidence:
        if ev.rule in ("surname:ambiguous", "surname:gender"):
            print(one_line(f"note: {ev.detail}"))


def _entity_heading(ent, rows) -> str:
    from reader.model.outputs.wording import count

    arts = len({id(r.article) for r in rows})
    aliases = ", ".join(a for a in ent.aliases if a != ent.name)
    head = f"{ent.name} ({ent.kind}): {count(len(rows), 'mention')} in {count(arts, 'article')}"
    return one_line(head + (f"; also written {aliases}" if aliases else ""))


def _concordance(corpus, ent, fmt: str, sort: str) -> int:
    """Keyword in context: one row per mention, the name aligned, grouped under its article."""
    import shutil

    from reader.model.outputs.concordance import concordance, concordance_csv, concordance_record

    rows = concordance(corpus, ent, sort)
    if fmt == "json":
        emit_json(concordance_record(ent, rows, sort))
        return 0
    if fmt == "csv":
        text = concordance_csv(rows)
        sys.stdout.write(terminal_safe(text) if sys.stdout.isatty() else text)
        return 0
    width = max(60, shutil.get_terminal_size((100, 24)).columns - 1)
    print(_entity_heading(ent, rows) + f" · by {'date' if sort == 'date' else 'article order'}")
    _flags(ent)
    left_w = (width - 2) // 2 - 8
    mark = sys.stdout.isatty()
    for r in _under_articles(rows):
        name = one_line(r.text)
        right_w = max(0, width - left_w - len(name) - 2)
        left = terminal_safe(r.left_cut(left_w))
        right = terminal_safe(r.right_cut(right_w))
        shown = f"\x1b[1;4m{name}\x1b[0m" if mark else name  # bold underline on a terminal, as grep does
        print(f"  {left:>{left_w}}{shown}{right}".rstrip())  # the context keeps its own spacing
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from reader.model.outputs.records import quotes_records

    corpus = analysed_corpus(args)
    recs = quotes_records(corpus, terms=args.terms)
    if args.json:
        emit_json(recs)
    else:
        last = None
        for r in recs:
            if r["article"] != last:  # under each article's title, one quote per line
                if last is not None:
                    print()
                print(article_heading(corpus.article(r["article"])))
                last = r["article"]
            if r["kind"] == "term":
                print(one_line(f"  (quoted term): “{r['text']}”  [{r['id']}]"))
                continue
            sp = r["speaker"]
            who = (sp["name"] + (f", {sp['role']}" if sp["role"] else "")) if sp else "speaker unknown"
            how = f" ({r['channel']})" if r["channel"] else ""
            print(one_line(f"  {who}{how}: “{r['text']}”  [{r['id']}]"))
        if not recs and corpus.articles:
            say("reader: no quotations found")
    return 0 if corpus.articles else 1


def cmd_cite(args: argparse.Namespace) -> int:
    from reader.model.outputs.corpus_citations import quote_citation

    corpus = analysed_corpus(args)
    found = corpus.find_quote(args.quote_id)
    if found is None:
        say(f"reader: no quote with id {args.quote_id!r} (ids come from `reader quotes --json`)")
        return 1
    text = quote_citation(corpus, *found, args.style)
    if sys.stdout.isatty():  # JSON keeps parsing to the exact text: controls as \u escapes
        from reader.model.outputs.display import json_safe

        text = json_safe(text) if args.style == "csl-json" else terminal_safe(text)
    print(text)
    return 0


def register(sub, add) -> None:
    add("entities", cmd_entities, "list entities (alias groups) with their mentions and evidence")
    sp = sub.add_parser(
        "mentions",
        help="mentions of the entity best matching NAME",
        description="Mentions of the entity best matching NAME: its canonical name first, then an alias "
        "(case ignored when nothing matches as typed), then the closest spelling. When several entities "
        "match, the most mentioned is shown and the others are named on stderr.",
    )
    sp.add_argument("name", metavar="NAME")
    sp.add_argument("paths", nargs="*", metavar="PATH")
    sp.add_argument("--json", action="store_true", help="print JSON (same as --format json)")
    sp.add_argument(
        "--context",
        action="store_true",
        help="a concordance: every mention with the words around it and its sentence",
    )
    sp.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="text (default), json, or csv (one row per mention with its sentence; implies --context)",
    )
    sp.add_argument(
        "--sort", choices=("article", "date"), default="article", help="concordance order (default: article)"
    )
    sp.set_defaults(func=cmd_mentions)
    sp = add("quotes", cmd_quotes, "list quotations with their speakers and exact offsets")
    sp.add_argument("--terms", action="store_true", help="also list quoted terms (titles, scare quotes)")
    sp = sub.add_parser(
        "cite",
        help="print a quote with its citation, as the app copies it",
        description="Print a quote with its citation, as the app copies it.",
    )
    sp.add_argument("quote_id", metavar="QUOTE_ID")
    sp.add_argument("paths", nargs="*", metavar="PATH")
    from reader.model.outputs.citation_styles import STYLES

    sp.add_argument(
        "--style",
        default="plain",
        choices=STYLES,
        help="citation style (default: plain; journalism: “…,” Name, role, told X on DATE.); "
        "csl-json, ris and biblatex are for reference managers",
    )
    sp.set_defaults(func=cmd_cite)
