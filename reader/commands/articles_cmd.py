"""`reader articles`: the articles with their metadata and exact offsets."""

from __future__ import annotations

import argparse

from reader.commands.common import emit_json, load_corpus


def cmd_articles(args: argparse.Namespace) -> int:
    from reader.model.outputs.display import terminal_safe
    from reader.model.outputs.records import articles_records

    corpus = load_corpus(args)
    if args.json:
        emit_json(articles_records(corpus))
    else:
        for a in corpus.articles:
            meta = " · ".join(x for x in (a.publisher, a.date) if x)
            print(terminal_safe(f"{a.id}  {a.title}" + (f"  ({meta})" if meta else "")))
    return 0 if corpus.articles else 1


def register(sub, add) -> None:
    add("articles", cmd_articles, "list articles with metadata and exact offsets")
