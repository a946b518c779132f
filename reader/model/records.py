"""The JSON face of the corpus: plain dicts for the CLI, tests and users' scripts."""

from __future__ import annotations

from reader.model.article import Article
from reader.model.corpus import Corpus


def article_record(a: Article) -> dict:
    return {
        "id": a.id,
        "path": a.path,
        "title": a.title,
        "publisher": a.publisher,
        "date": a.date,
        "byline": a.byline,
        "url": a.url,
        "start": a.start,
        "end": a.end,
        "title_span": list(a.title_span) if a.title_span else None,
        "paragraphs": [{"start": b.start, "end": b.end, "kind": b.kind} for b in a.blocks],
        "words": a.words,
    }


def articles_records(corpus: Corpus) -> list[dict]:
    return [article_record(a) for a in corpus.articles]
