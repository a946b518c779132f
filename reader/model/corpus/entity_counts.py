"""How many mentions, articles and stories each corpus entity has.

Every mention (millions at 100k articles) is placed in its article at once with numpy
(reader.model.corpus.mention_table), and the answer is kept for the corpus as it is: the palette's
index (built in the background after opening) and the entity view (V) ask the same question, and
the view then opens without placing them again. The corpus replaces its entities and their span
index together when they change (analysis, a correction) and only appends articles, so those
objects and the articles say whether a kept answer still holds.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from reader.model.corpus.mention_table import ArticleSpans, corpus_rows, distinct_sorted, place_of

MARKS = 1 << 26  # (entity, story) marks counted in a table up to this many (64 MB), else sorted
_kept: list[EntityCounts] = []  # the last answer (one corpus is open at a time)
_spans: list[tuple[list, ArticleSpans]] = []  # the last articles and their spans


def article_spans(corpus, arts: list | None = None) -> ArticleSpans:
    """The corpus's articles (or `arts`, a copy of them) as ArticleSpans, kept while the corpus
    lists the same articles: making them reads 100k articles (0.2 s), and the entity view, the
    concordance and the timeline's entity series each need them."""
    arts = corpus.articles[:] if arts is None else arts
    if _spans:
        kept, got = _spans[0]
        if len(kept) == len(arts) and all(a is b for a, b in zip(kept, arts, strict=True)):
            return got
    got = ArticleSpans([(corpus.file_index(a), a.start, a.end) for a in arts])
    _spans[:] = [(arts, got)]
    return got


class EntityCounts:
    """Per entity of `entities`, in their order: `inside` (mentions inside an article),
    `articles` (articles holding any), `places` (the same, a file counted once more for mentions
    outside every article: what the palette says), and `stories(story_key)`."""

    def __init__(self, corpus, entities=None, spans=None) -> None:
        self.entities = corpus.entities if entities is None else entities
        self.spans = corpus.entity_spans if spans is None else spans
        self.arts = corpus.articles[:]  # a copy: files may still be arriving
        places = article_spans(corpus, self.arts)
        n = len(self.entities)
        inside, pairs = places.entity_pairs(corpus_rows(self.entities, self.spans), n)
        ent, where = place_of(pairs)
        self._pairs = ent, where  # keys come sorted by entity, then place
        self.inside: list[int] = inside.tolist()
        self.places: list[int] = np.bincount(ent, minlength=n)[:n].tolist()
        self.articles: list[int] = np.bincount(ent[where >= 0], minlength=n)[:n].tolist()
        self._stories: tuple[Callable, object, list[int]] | None = None

    def holds_for(self, corpus, entities=None, spans=None) -> bool:
        arts = corpus.articles
        return (
            (corpus.entities if entities is None else entities) is self.entities
            and (corpus.entity_spans if spans is None else spans) is self.spans
            and len(arts) == len(self.arts)
            and (not arts or (arts[0] is self.arts[0] and arts[-1] is self.arts[-1]))
        )

    def stories_known(self, story_key: Callable, groups: list | None = None) -> bool:
        """Whether `stories(story_key, groups)` is kept already (else it reads every article)."""
        kept = self._stories
        return kept is not None and groups is not None and kept[0] == story_key and kept[1] is groups

    def stories(self, story_key: Callable, groups: list | None = None) -> list[int]:
        """Per entity, the distinct stories among the articles holding it. `story_key`: article ->
        its story; or `groups`, the corpus's duplicate groups that story_key is made from (each
        article in one group at most: numbered from them, 100k story_key calls took 0.3 s), which
        also keep the answer until they change."""
        kept = self._stories
        if kept is not None and self.stories_known(story_key, groups):
            return kept[2]
        if groups is not None:  # articles alone in their story: -1
            at = {id(a): i for i, a in enumerate(self.arts)}
            story = np.full(len(self.arts), -1, dtype=np.int64)
            for g, group in enumerate(groups):
                story[[at[k] for k in map(id, group.members) if k in at]] = g
            count = len(groups)
        else:
            numbers: dict[object, int] = {}
            story = np.array([numbers.setdefault(story_key(a), len(numbers)) for a in self.arts], dtype=np.int64)
            count = len(numbers)
        ent, where = self._pairs
        inside = where >= 0
        ent, st = ent[inside], story[where[inside]]
        n = len(self.entities)
        alone = st < 0  # each its own story
        got = np.bincount(ent[alone], minlength=n)[:n]
        ent, st = ent[~alone], st[~alone]
        if n * count <= MARKS:  # a mark per (entity, story): no sort of millions of pairs
            marks = np.zeros(n * count, dtype=bool)
            marks[ent * count + st] = True
            got = got + marks.reshape(n, count).sum(axis=1)
        elif len(ent):
            told = distinct_sorted((ent << 32) | st)
            got = got + np.bincount(told >> 32, minlength=n)[:n]
        got = got.tolist()
        self._stories = (story_key, groups, got)
        return got


def entity_counts(corpus, entities=None, spans=None) -> EntityCounts:
    """The counts for the corpus as it is now (or for `entities` and their `spans` read from it
    together), kept from the last call when they still hold."""
    if _kept and _kept[0].holds_for(corpus, entities, spans):
        return _kept[0]
    got = EntityCounts(corpus, entities, spans)
    _kept[:] = [got]
    return got
