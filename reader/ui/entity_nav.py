"""Walking the mentions of one entity across the corpus (no Textual here; the app drives it).

`EntityNav(corpus, entity, order)` lists the entity's mentions that fall inside articles, in
reading order: articles in `order` (the list pane's order), mentions in text order within each.
From a position (article, offset) it answers: the next/previous mention in that article, the
first mention of the next article that mentions the entity / the last of the previous one, and
the status text "Name · mention 2/7 here · 42 in 8 articles".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from reader.model.ingest.article import Article
from reader.model.outputs.mention_position import MentionPosition


@dataclass(frozen=True, slots=True)
class Hit:
    """One mention of the entity: the article holding it and its source offsets."""

    article: Article
    start: int
    end: int


class EntityNav:
    def __init__(self, corpus, entity, order: Sequence[Article] | None = None) -> None:
        self.corpus = corpus
        self.entity = entity
        order = list(corpus.articles if order is None else order)
        self._order_pos = {id(a): i for i, a in enumerate(order)}
        by_file: dict[int, list[tuple[int, int]]] = {}
        for m in getattr(entity, "mentions", ()):
            by_file.setdefault(m.file, []).append((m.start, m.end))
        for lst in by_file.values():
            lst.sort()
        self.hits: list[Hit] = []
        self.articles: list[Article] = []  # the articles mentioning the entity, in `order`
        self._per_article: dict[int, list[Hit]] = {}  # id(article) -> its hits
        self._first_hit: dict[int, int] = {}  # id(article) -> index of its first hit in `hits`
        for a in order:
            spans = by_file.get(corpus.file_index(a))
            if not spans:
                continue
            lo = bisect_left(spans, (a.start, -1))
            mine = [Hit(a, s, e) for s, e in spans[lo:] if s < a.end and e <= a.end]
            if mine:
                self._first_hit[id(a)] = len(self.hits)
                self._per_article[id(a)] = mine
                self.articles.append(a)
                self.hits.extend(mine)

    # -- within one article -----------------------------------------------------------------
    def mentions_in(self, article: Article) -> list[Hit]:
        return self._per_article.get(id(article), [])

    def at_or_after(self, article: Article, offset: int) -> Hit | None:
        """The first mention in `article` starting at or after `offset`."""
        hits = self.mentions_in(article)
        i = bisect_left([h.start for h in hits], offset)
        return hits[i] if i < len(hits) else None

    def next_in_article(self, article: Article, offset: int) -> Hit | None:
        """The first mention in `article` starting after `offset`."""
        hits = self.mentions_in(article)
        i = bisect_right([h.start for h in hits], offset)
        return hits[i] if i < len(hits) else None

    def prev_in_article(self, article: Article, offset: int) -> Hit | None:
        """The last mention in `article` starting before `offset`."""
        hits = self.mentions_in(article)
        i = bisect_left([h.start for h in hits], offset)
        return hits[i - 1] if i > 0 else None

    # -- across articles --------------------------------------------------------------------
    def _article_slot(self, article: Article) -> tuple[int, bool]:
        """(index into `articles` of the first mentioning article at/after `article`, is it it)."""
        pos = self._order_pos.get(id(article), -1)
        keys = [self._order_pos[id(a)] for a in self.articles]
        i = bisect_left(keys, pos)
        return i, i < len(keys) and keys[i] == pos

    def next_article(self, article: Article) -> Hit | None:
        """The first mention of the next article (after `article`) that mentions the entity."""
        i, here = self._article_slot(article)
        j = i + 1 if here else i
        return self.mentions_in(self.articles[j])[0] if j < len(self.articles) else None

    def prev_article(self, article: Article) -> Hit | None:
        """The last mention of the previous article (before `article`) that mentions the entity."""
        i, _ = self._article_slot(article)
        return self.mentions_in(self.articles[i - 1])[-1] if i > 0 else None

    # -- position and status ----------------------------------------------------------------
    def index_of(self, article: Article, start: int) -> int | None:
        """0-based index in `hits` of the mention of `article` starting at `start`."""
        first = self._first_hit.get(id(article))
        if first is None:
            return None
        for k, h in enumerate(self.mentions_in(article)):
            if h.start == start:
                return first + k
        return None

    def status(self, article: Article | None = None, start: int | None = None) -> str:
        """'Name · mention 2/7 here · 42 in 8 articles': the mention's place in this article, so
        that the step to the next article is no surprise ('7 mentions here' off a mention)."""
        name = getattr(self.entity, "name", "?")
        here = self.mentions_in(article) if article is not None else []
        k = next((i for i, h in enumerate(here) if h.start == start), None) if start is not None else None
        pos = MentionPosition(0 if k is None else k + 1, len(here), len(self.hits), len(self.articles))
        return f"{name} · {pos.text()}"


def entity_at(corpus, article: Article, offset: int):
    """The entity with a mention in `article` holding `offset` (the innermost one), else None."""
    best = None
    for s, e, ent in corpus.mentions_in(article):
        if s > offset:
            break
        if s <= offset < e and (best is None or e - s <= best[1] - best[0]):
            best = (s, e, ent)
    return best


def entity_from(corpus, article: Article, offset: int):
    """(start, end, entity) of the first mention ending after `offset` (at/after the view top)."""
    for s, e, ent in corpus.mentions_in(article):
        if e > offset:
            return s, e, ent
    return None
