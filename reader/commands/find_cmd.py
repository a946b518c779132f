"""`reader find QUERY`: the palette's ranked hits, as JSON."""

from __future__ import annotations

import argparse

from reader.commands.common import analysed_corpus, emit_json
from reader.model.outputs.display import terminal_safe

KINDS = ("article", "entity", "quote", "command", "sentence")


def cmd_find(args: argparse.Namespace) -> int:
    from reader.model.search.corpus_items import build_index
    from reader.model.search.engine import parse_scope

    corpus = analysed_corpus(args)
    from reader.actions import command_items

    index = build_index(corpus, command_items())
    scope, query = parse_scope(args.query)
    kinds = (args.kind,) if args.kind else scope
    hits = index.search(query, kinds=kinds, limit=args.limit)
    recs = [
        {
            "kind": h.item.kind,
            "label": h.item.label,
            "score": h.score,
            "target": list(h.item.target),
            "help": h.item.help,
        }
        for h in hits
    ]
    if args.json:
        emit_json(recs)
    else:
        for r in recs:
            print(terminal_safe(f"{r['score']:.2f}  {r['kind']:<8} {r['label']}  ({r['help']})"))
    return 0 if corpus.articles else 1


def register(sub, add) -> None:
    sp = sub.add_parser(
        "find",
        help="the palette's ranked hits for QUERY",
        description="Search articles, entities, quotes, commands and sentences as the palette does.",
    )
    sp.add_argument("query", metavar="QUERY")
    sp.add_argument("paths", nargs="*", metavar="PATH")
    sp.add_argument("--kind", choices=KINDS, help="only hits of this kind")
    sp.add_argument("--limit", type=int, default=20, help="most hits to print (default 20)")
    sp.add_argument("--json", action="store_true", help="print JSON")
    sp.set_defaults(func=cmd_find)
