"""Palette candidates from a corpus: articles, entities, quotes and sentences as `SearchItem`s.

Targets are small tuples the UI and the CLI both understand:
("article", article_id), ("entity", entity_id), ("quote", article_id, start, end),
("sentence", article_id, start, end), ("command", action_name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from reader.model.analysis.limits import analysis_stop
from reader.model.corpus.corpus import Corpus
from reader.model.gcpause import gc_paused
from reader.model.ingest.article import ANALYSED_KINDS, HEADLINE
from reader.model.search.engine import SearchIndex, SearchItem

_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+[\"”’')\]]*|$)")
LABEL_MAX = 140


def one_line(s: str, limit: int = LABEL_MAX) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[: limit - 1].rstrip() + "…"


def article_items(corpus: Corpus) -> Iterator[SearchItem]:
    for a in corpus.articles[:]:
        meta = ", ".join(x for x in (a.publisher, a.date) if x)
        keys = [k for k in (a.publisher, a.byline, a.date) if k]
        yield SearchItem(
            "article",
            one_line(a.title),
            keys,
            ("article", a.id),
            "article" + (f" · {meta}" if meta else ""),
            weight=_recency(a.date),
        )


def _recency(iso: str | None) -> float:
    """Newer articles win ties; undated ones come last."""
    return float(iso.replace("-", "")) if iso and iso[:4].isdigit() else 0.0


def entity_items(corpus: Corpus) -> Iterator[SearchItem]:
    for e in corpus.entities:
        arts = len({getattr(corpus.article_at(m.file, m.start), "id", m.file) for m in e.mentions})
        n = len(e.mentions)
        yield SearchItem(
            "entity",
            e.name,
            [a for a in e.aliases if a != e.name],
            ("entity", e.id),
            f"entity · {e.kind} · {n} mention{'s' if n != 1 else ''} in {arts} article{'s' if arts != 1 else ''}",
            weight=float(n),
        )


def quote_items(corpus: Corpus) -> Iterator[SearchItem]:
    for a in corpus.articles[:]:
        meta = ", ".join(x for x in (a.publisher, a.date) if x)
        quotes = corpus.quotes_in(a)
        mentions = corpus.mentions_in(a) if quotes else []  # once per article, not per quote
        for q in quotes:
            ent = corpus.speaker_entity(a, q, mentions)
            speaker = ent.name if ent else (q.speaker or "speaker unknown")
            keys = [speaker] + ([q.speaker] if q.speaker and q.speaker != speaker else [])
            yield SearchItem(
                "quote",
                one_line(q.text),
                keys,
                ("quote", a.id, q.start, q.end),
                f"quote · {speaker}" + (f" · {meta}" if meta else ""),
                weight=len(q.text) / 1000,
            )
        for q in corpus.terms_in(a):  # titles, scare quotes: findable, though nobody said them
            yield SearchItem(
                "quote",
                one_line(q.text),
                (),
                ("quote", a.id, q.start, q.end),
                "quoted term" + (f" · {meta}" if meta else ""),
                weight=0.0,
            )


def sentence_spans(a) -> Iterator[tuple[int, int]]:
    """Source spans of an article's sentences worth finding (analysed body blocks, 12+ characters)."""
    text = a.text
    stop = analysis_stop(a)  # a huge article: only the part analysis covers (reader.model.analysis.limits)
    for b in a.blocks:
        if b.kind not in ANALYSED_KINDS or b.kind == HEADLINE:
            continue
        if stop is not None and b.start >= stop:
            break
        for m in _SENTENCE.finditer(text, b.start, b.end if stop is None else min(b.end, stop)):
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            if e - s >= 12:
                yield s, e


def sentence_items(corpus: Corpus) -> Iterator[SearchItem]:
    for a in corpus.articles[:]:
        text = a.text
        where = f"in · {one_line(a.title, 60)}"  # one string per article, not per sentence
        for s, e in sentence_spans(a):
            yield SearchItem("sentence", one_line(text[s:e]), (), ("sentence", a.id, s, e), where)


def build_sentence_index(corpus: Corpus) -> SearchIndex:
    """The corpus's sentences alone: most of a big corpus's items, so the palette builds them last
    (reader/ui/palette.py) and searches them beside the rest (engine.CombinedIndex)."""
    with gc_paused():
        return SearchIndex(sentence_items(corpus))


def build_index(corpus: Corpus, commands: Iterable[SearchItem] = (), sentences: bool = True) -> SearchIndex:
    """The palette's index over the corpus as it is now (item builders copy the article list:
    files may still be arriving in another thread)."""
    with gc_paused():  # hundreds of thousands of items, none of them garbage
        items: list[SearchItem] = list(commands)
        items.extend(article_items(corpus))
        items.extend(entity_items(corpus))
        items.extend(quote_items(corpus))
        if sentences:
            items.extend(sentence_items(corpus))
        return SearchIndex(items)
