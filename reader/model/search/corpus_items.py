"""Palette candidates from a corpus: articles, entities, quotes and sentences as `SearchItem`s.

Nothing here looks at the corpus item by item where a column will do: at 100k articles the
entities' article counts come from every mention placed at once (mention_table.ArticleSpans),
and quotes are read a file at a time without keeping the file's analysis, their speakers
resolved an article at a time. The palette of a big corpus (disk_index.BIG_CORPUS articles and
more) holds only commands, articles and entities in memory (answering as soon as they are built);
its quotes and sentences are FTS5 tables on disk written by `reader index` (quote_store,
sentence_store), since as items they would take a pass over every analysis and every text before
the first answer, and hundreds of MB each.

Targets are small tuples the UI and the CLI both understand:
("article", article_id), ("entity", entity_id), ("quote", article_id, start, end),
("sentence", article_id, start, end), ("command", action_name).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from reader.model.analysis.limits import analysis_stop
from reader.model.analysis.results import FileAnalysis
from reader.model.corpus.corpus import Corpus
from reader.model.corpus.quote_speakers import speaker_name_of
from reader.model.gcpause import gc_paused
from reader.model.ingest.article import ANALYSED_KINDS, HEADLINE
from reader.model.outputs.corpus_citations import quote_role
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
    entities, spans = corpus.entities, corpus.entity_spans  # together: analysis may replace both
    counts = _articles_per_entity(corpus, entities, spans)
    for e, arts in zip(entities, counts, strict=True):
        n = len(e.mentions)
        yield SearchItem(
            "entity",
            e.name,
            [a for a in e.aliases if a != e.name],
            ("entity", e.id),
            f"entity · {e.kind} · {n} mention{'s' if n != 1 else ''} in {arts} article{'s' if arts != 1 else ''}",
            weight=float(n),
        )


def _articles_per_entity(corpus: Corpus, entities: list, spans) -> list[int]:
    """How many articles each entity is mentioned in (a mention outside every article counts its
    file): every mention placed at once with numpy, kept for the entity view too."""
    from reader.model.corpus.entity_counts import entity_counts  # numpy: when used

    if not entities:
        return []
    return entity_counts(corpus, entities, spans).places


def quote_items(corpus: Corpus, keep: bool = True, label_max: int = LABEL_MAX) -> Iterator[SearchItem]:
    """Every quote and quoted term, speakers resolved an article at a time. `keep`: False reads
    each file's quotes without keeping its decoded analysis (Analyses.quotes_of), for one pass
    over a big corpus; `label_max`: where labels are cut (the on-disk store keeps them whole)."""
    for item, _, _ in quote_entries(corpus, keep, label_max):
        yield item


def quote_entries(
    corpus: Corpus, keep: bool = True, label_max: int = LABEL_MAX
) -> Iterator[tuple[SearchItem, str | None, str | None]]:
    """`quote_items`, each with who said it as who-said-what names them (Corpus.speaker_name;
    "" when nobody is named, None for a quoted term) and the speaker's role as the article writes
    it (or None)."""
    memo: tuple[int, FileAnalysis | None] = (-1, None)  # a file's articles come one after another
    for a in corpus.articles[:]:
        fa = None
        if not keep:
            fi = corpus.file_index(a)
            if fi != memo[0]:
                memo = (fi, corpus.analyses.quotes_of(fi) if fi in corpus.analyses else None)
            if (fa := memo[1]) is None:
                continue
        meta = ", ".join(x for x in (a.publisher, a.date) if x)
        quotes = corpus.quotes_in(a, fa) if fa is not None else corpus.quotes_in(a)
        for q, ent in zip(quotes, corpus.speaker_entities(a, quotes), strict=True):
            speaker = ent.name if ent else (q.speaker or "speaker unknown")
            keys = [speaker] + ([q.speaker] if q.speaker and q.speaker != speaker else [])
            item = SearchItem(
                "quote",
                one_line(q.text, label_max),
                keys,
                ("quote", a.id, q.start, q.end),
                f"quote · {speaker}" + (f" · {meta}" if meta else ""),
                weight=len(q.text) / 1000,
            )
            yield item, speaker_name_of(q, ent) or "", quote_role(a, q)
        terms = corpus.terms_in(a, fa) if fa is not None else corpus.terms_in(a)
        for q in terms:  # titles, scare quotes: findable, though nobody said them
            term = SearchItem(
                "quote",
                one_line(q.text, label_max),
                (),
                ("quote", a.id, q.start, q.end),
                "quoted term" + (f" · {meta}" if meta else ""),
                weight=0.0,
            )
            yield term, None, None


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


def build_index(
    corpus: Corpus, commands: Iterable[SearchItem] = (), sentences: bool = True, quotes: bool = True
) -> SearchIndex:
    """The palette's index over the corpus as it is now (item builders copy the article list:
    files may still be arriving in another thread). A big corpus's palette leaves out quotes
    and sentences: they are searched on disk (quote_store, sentence_store)."""
    with gc_paused():  # hundreds of thousands of items, none of them garbage
        items: list[SearchItem] = list(commands)
        items.extend(article_items(corpus))
        items.extend(entity_items(corpus))
        if quotes:
            items.extend(quote_items(corpus))
        if sentences:
            items.extend(sentence_items(corpus))
        return SearchIndex(items)
