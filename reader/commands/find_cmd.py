"""`reader find QUERY`: the palette's ranked hits, as JSON."""

from __future__ import annotations

import argparse

from reader.cli import emit_json
from reader.commands.analysis_cmds import analysed_corpus
from reader.model.display import terminal_safe

KINDS = ("article", "entity", "quote", "command", "sentence")


def command_items():
    from reader.actions import APP_COMMANDS, key_label
    from reader.model.search import SearchItem

    for c in APP_COMMANDS:
        k = key_label(c.key)
        yield SearchItem("command", c.title, [c.action.split("(")[0].replace("_", " ")], ("command", c.action),
                         f"command · {k}" if k else "command", weight=0.0)


def cmd_find(args: argparse.Namespace) -> int:
    from reader.model.search import parse_scope
    from reader.model.search_corpus import build_index

    corpus = analysed_corpus(args)
    index = build_index(corpus, command_items())
    scope, query = parse_scope(args.query)
    kinds = (args.kind,) if args.kind else scope
    hits = index.search(query, kinds=kinds, limit=args.limit)
    recs = [{"kind": h.item.kind, "label": h.item.label, "score": h.score, "target": list(h.item.target),
             "help": h.item.help} for h in hits]
    if args.json:
        emit_json(recs)
    else:
        for r in recs:
            print(terminal_safe(f"{r['score']:.2f}  {r['kind']:<8} {r['label']}  ({r['help']})"))
    return 0 if corpus.articles else 1


def register(sub, add) -> None:
    sp = sub.add_parser("find", help="the palette's ranked hits for QUERY",
                        description="Search articles, entities, quotes, commands and sentences as the palette does.")
    sp.add_argument("query", metavar="QUERY")
    sp.add_argument("paths", nargs="*", metavar="PATH")
    sp.add_argument("--kind", choices=KINDS, help="only hits of this kind")
    sp.add_argument("--limit", type=int, default=20, help="most hits to print (default 20)")
    sp.add_argument("--json", action="store_true", help="print JSON")
    sp.set_defaults(func=cmd_find)
