"""Subcommands that need analysis: entities, mentions, quotes, cite (export: export_cmd.py)."""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import analysed_corpus, emit_json, say
from reader.model.outputs.display import terminal_safe


def cmd_entities(args: argparse.Namespace) -> int:
    from reader.model.outputs.records import entities_records

    corpus = analysed_corpus(args)
    recs = entities_records(corpus)
    if args.json:
        emit_json(recs)
    else:
        for r in recs:
            arts = len({m["article"] for m in r["mentions"]})
            aliases = ", ".join(a for a in r["aliases"] if a != r["name"])
            print(
                terminal_safe(
                    f"{r['kind']:<7} {r['name']}  ({len(r['mentions'])} mentions in {arts} articles)"
                    + (f"  aka {aliases}" if aliases else "")
                )
            )
    return 0 if corpus.articles else 1


def cmd_mentions(args: argparse.Namespace) -> int:
    from reader.model.outputs.records import entity_record
    from reader.model.search.entity_lookup import best_entity

    corpus = analysed_corpus(args)
    ent = best_entity(corpus.entities, args.name)
    if ent is None:
        say(f"reader: no entity matches {args.name!r}")
        if args.json:
            emit_json(None)
        return 1
    rec = entity_record(corpus, ent)
    if args.json:
        emit_json(rec)
    else:
        print(terminal_safe(f"{rec['name']} ({rec['kind']}): {len(rec['mentions'])} mentions"))
        for m in rec["mentions"]:
            print(terminal_safe(f"  {m['path']}:{m['start']}-{m['end']}  {m['text']}"))
    return 0


def cmd_quotes(args: argparse.Namespace) -> int:
    from reader.model.outputs.records import quotes_records

    corpus = analysed_corpus(args)
    recs = quotes_records(corpus, terms=args.terms)
    if args.json:
        emit_json(recs)
    else:
        for r in recs:
            if r["kind"] == "term":
                print(terminal_safe(f"{r['id']}  (quoted term): “{r['text']}”"))
                continue
            sp = r["speaker"]
            who = (sp["name"] + (f", {sp['role']}" if sp["role"] else "")) if sp else "speaker unknown"
            how = f" ({r['channel']})" if r["channel"] else ""
            print(terminal_safe(f"{r['id']}  {who}{how}: “{r['text']}”"))
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
        description="Mentions of the entity best matching NAME (alias- and typo-aware).",
    )
    sp.add_argument("name", metavar="NAME")
    sp.add_argument("paths", nargs="*", metavar="PATH")
    sp.add_argument("--json", action="store_true", help="print JSON")
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
