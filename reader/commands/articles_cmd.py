"""`reader articles`: the articles with their metadata and exact offsets."""

from __future__ import annotations

import argparse

from reader.commands.common import article_heading, emit_json, load_corpus


def cmd_articles(args: argparse.Namespace) -> int:
    from reader.model.outputs.records import articles_records

    corpus = load_corpus(args)  # says "no articles" when there are none
    if args.json:
        emit_json(articles_records(corpus))
    else:
        for a in corpus.articles:  # one line each: title (publisher · date · file · id)
            print(article_heading(a, with_id=True))
    return 0 if corpus.articles else 1


def register(sub, add) -> None:
    add("articles", cmd_articles, "list articles with metadata and exact offsets")
