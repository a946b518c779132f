"""Walking the mentions of one entity across the corpus (no Textual here; the app drives it).

Two parts, because one scales with the corpus and the other does not:
- `mentions_here(corpus, entity, article)`: the entity's mentions in one article, in text order,
  from the corpus's span index (what `e`, `n`/`N` and the status's "mention 2/7 here" need; no walk
  over the corpus, so the reading pane answers these keys at once at any size);
- `EntityNav(corpus, entity, order)`: every mention inside an article, in reading order (articles
  in `order`, the list pane's order; mentions in text order within each). It answers the first
  mention of the next article that mentions the entity / the last of the previous one (`]`/`[`),
  the first mention in reading order, and the totals of the status line "Name · mention 2/7 here
  · 42 in 8 articles". Making it reads the whole order (100k articles: the reading pane makes it in
  a thread worker); once made it is only read, so a worker can hand it over.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from reader.model.ingest.article import Article
from reader.model.outputs.mention_position import MentionPosition

COUNTING = "counting…"  # the status's totals while the walk over the corpus is being made


@dataclass(frozen=True, slots=True)
class Hit:
    """One mention of the entity: the article holding it and its source offsets."""

    article: Article
    start: int
    end: int


def mentions_here(corpus, entity, article: Article) -> list[Hit]:
    """The entity's mentions inside `article`, in text order (the same as `EntityNav.mentions_in`
    for an article in its order, without the walk over the corpus)."""
    return [Hit(article, s, e) for s, e, ent in corpus.mentions_in(article) if ent is entity]


def hit_at_or_after(hits: Sequence[Hit], offset: int) -> Hit | None:
    """The first of one article's `hits` starting at or after `offset`."""
    i = bisect_left([h.start for h in hits], offset)
    return hits[i] if i < len(hits) else None


def hit_after(hits: Sequence[Hit], offset: int) -> Hit | None:
    """The first of one article's `hits` starting after `offset`."""
    i = bisect_right([h.start for h in hits], offset)
    return hits[i] if i < len(hits) else None


def hit_before(hits: Sequence[Hit], offset: int) -> Hit | None:
    """The last of one article's `hits` starting before `offset`."""
    i = bisect_left([h.start for h in hits], offset)
    return hits[i - 1] if i > 0 else None


def status_text(entity, here: Sequence[Hit], start: int | None, nav: EntityNav | None) -> str:
    """'Name · mention 2/7 here · 42 in 8 articles' (`here`: the entity's mentions in the open
    article); without `nav` (still being made) the totals read "counting…"."""
    name = getattr(entity, "name", "?")
    k = next((i for i, h in enumerate(here) if h.start == start), None) if start is not None else None
    if nav is None:
        pos = MentionPosition(0 if k is None else k + 1, len(here), 0, 0)
        return f"{name} · {pos.here_text()} · {COUNTING}"
    pos = MentionPosition(0 if k is None else k + 1, len(here), len(nav.hits), len(nav.articles))
    return f"{name} · {pos.text()}"


class EntityNav:
    def __init__(
        self, corpus, entity, order: Sequence[Article] | None = None, positions: dict[int, int] | None = None
    ) -> None:
        """`positions`: id(article) -> its index in `order`, from an earlier walk over the same
        order (`order_positions`); made here if not given (100k entries at 100k articles)."""
        self.corpus = corpus
        self.entity = entity
        self.order = corpus.articles if order is None else order  # the sequence given: is it still the list's?
        pos = {id(a): i for i, a in enumerate(self.order)} if positions is None else positions
        by_file: dict[int, list[tuple[int, int]]] = {}
        for m in getattr(entity, "mentions", ()):
            by_file.setdefault(m.file, []).append((m.start, m.end))
        found: list[tuple[int, list[Hit]]] = []  # (position in `order`, the article's hits)
        for file, spans in by_file.items():  # only the files the entity is in, not every article
            spans.sort()
            for a in corpus.articles_of_file(file):
                p = pos.get(id(a))
                if p is None:
                    continue
                mine = []
                for s, e in spans[bisect_left(spans, (a.start, -1)) :]:
                    if s >= a.end:
                        break
                    if e <= a.end:
                        mine.append(Hit(a, s, e))
                if mine:
                    found.append((p, mine))
        found.sort(key=lambda f: f[0])
        self._order_pos = pos
        self._keys = [p for p, _ in found]  # positions in `order` of `articles`
        self.articles: list[Article] = [mine[0].article for _, mine in found]  # those mentioning the entity
        self.hits: list[Hit] = []
        self._per_article: dict[int, list[Hit]] = {}  # id(article) -> its hits
        self._first_hit: dict[int, int] = {}  # id(article) -> index of its first hit in `hits`
        for _, mine in found:
            a = mine[0].article
            self._first_hit[id(a)] = len(self.hits)
            self._per_article[id(a)] = mine
            self.hits.extend(mine)

    @property
    def order_positions(self) -> dict[int, int]:
        """id(article) -> its index in `order` (read only: a later walk over the same order shares it)."""
        return self._order_pos

    # -- within one article -----------------------------------------------------------------
    def mentions_in(self, article: Article) -> list[Hit]:
        return self._per_article.get(id(article), [])

    def at_or_after(self, article: Article, offset: int) -> Hit | None:
        """The first mention in `article` starting at or after `offset`."""
        return hit_at_or_after(self.mentions_in(article), offset)

    def next_in_article(self, article: Article, offset: int) -> Hit | None:
        """The first mention in `article` starting after `offset`."""
        return hit_after(self.mentions_in(article), offset)

    def prev_in_article(self, article: Article, offset: int) -> Hit | None:
        """The last mention in `article` starting before `offset`."""
        return hit_before(self.mentions_in(article), offset)

    # -- across articles --------------------------------------------------------------------
    def _article_slot(self, article: Article) -> tuple[int, bool]:
        """(index into `articles` of the first mentioning article at/after `article`, is it it)."""
        pos = self._order_pos.get(id(article), -1)
        i = bisect_left(self._keys, pos)
        return i, i < len(self._keys) and self._keys[i] == pos

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
        here = self.mentions_in(article) if article is not None else []
        return status_text(self.entity, here, start, self)


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
