"""The list pane's entries: articles grouped by digest file, story headers ("also in N outlets"),
sort keys and the text a list filter searches. No widget code: `ArticleList` lays these out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reader.model.ingest.article import Article


def filter_words(text: str) -> list[str]:
    return text.casefold().split()


def filter_text(article: Article) -> str:
    """What a list filter searches: the article's title, publisher, date and file, casefolded."""
    return " ".join(x for x in (article.title, article.publisher, article.date, article.source.name) if x).casefold()


@dataclass(slots=True)
class Entry:
    """A list entry: an article, or the header of a digest file's group."""

    article: Article | None
    label: str  # header text (file name) for group headers
    indent: int = 0
    also: str = ""  # on a story told more than once: "also in N outlets"
    unfolded: bool = False  # ... and its copies are shown below it
    copy: bool = False  # a copy of the story above it

    @property
    def height(self) -> int:
        return 2 if self.article is not None else 1


def group_articles(articles: Sequence[Article]) -> list[list[Article]]:
    """Articles in groups: digest stories from one file together, everything else alone."""
    groups: list[list[Article]] = []
    by_source: dict[int, list[Article]] = {}
    for a in articles:
        if a.story_index is None:
            groups.append([a])
            continue
        grp = by_source.get(id(a.source))
        if grp is None:
            grp = by_source[id(a.source)] = []
            groups.append(grp)
        grp.append(a)
    for g in groups:
        g.sort(key=lambda a: a.story_index or 0)
    return groups


def also_in(copies: Sequence[Article]) -> str:
    """ "also in N outlets": the distinct publishers among a story's copies (a copy whose
    publisher is unknown counts as one); "also N copies" when no publisher is known."""
    known = {a.publisher.casefold() for a in copies if a.publisher}
    if not known:
        return f"also {len(copies)} {'copy' if len(copies) == 1 else 'copies'}"
    n = len(known) + sum(1 for a in copies if not a.publisher)
    return f"also in {n} {'outlet' if n == 1 else 'outlets'}"


def sort_key(mode: str, group: list[Article]):
    first = group[0]
    if mode == "date":
        dates = [a.date for a in group if a.date]
        return (not dates, min(dates) if dates else "")
    if mode == "title":
        return (first.title.casefold(),)
    if mode == "publisher":
        pub = first.publisher or ""
        return (not pub, pub.casefold(), first.date or "")
    return ()


class Places:
    """Where each article is in a sequence that the list replaces but never changes (its order, its
    choosable entries): made on the first look-up per sequence (`is`), so opening an article at
    100k looks its place up instead of scanning for it."""

    def __init__(self) -> None:
        self._of: tuple[Sequence, dict[int, int]] | None = None

    def of(self, seq: Sequence, article: Article, article_at: Callable[[object], Article] | None = None) -> int | None:
        """The place in `seq` of `article` (`article_at(item)`: the article of an item; default the item)."""
        got = self._of
        if got is None or got[0] is not seq:
            at = article_at or (lambda x: x)
            got = self._of = (seq, {id(at(x)): n for n, x in enumerate(seq)})
        return got[1].get(id(article))
