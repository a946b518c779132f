"""What the list pane lists: the articles in their groups and sort order, a story told more
than once folded at its first member (unfolded on asking), the filter's answer laid out as
entries with their first lines, and where each article is in all that. No widget code: the
`ArticleList` owns one `ListContents`, keeps the cursor and draws the entries.

`filtered` and `lay_out` are safe in a thread (the list filters a long list in a worker): they
read what `regroup` and `set_stories` made and change nothing; `apply` takes their answer.
"""

from __future__ import annotations

import operator
from bisect import bisect_right
from collections.abc import Sequence

from reader.model.ingest.article import Article
from reader.ui.widgets.list_entries import Entry, Places, also_in, filter_text, group_articles, sort_key


class ListContents:
    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = list(articles)
        self.entries: list[Entry] = []
        self.tops: list[int] = []  # first line of each entry
        self.choosable: list[int] = []  # entry indexes of articles, in display order
        self.order: list[Article] = []  # every article in the sort order, filtered or not
        self.stories: dict[int, list[Article]] = {}  # id(first member) -> the story's members, first first
        self.head_of: dict[int, Article] = {}  # id(copy) -> its story's first member
        self._also: dict[int, str] = {}  # id(first member) -> "also in N outlets"
        self.unfolded: set[int] = set()  # id(first member) of stories shown with their copies
        self._hay: dict[int, str] = {}  # id(article) -> filter_text(article), made when first filtered
        self._present: set[int] = set()
        self.groups: list[list[Article]] = []  # every group in sort order, unfiltered
        self.kept: tuple[str, list[list[Article]]] = ("", [])  # a filter text and the groups it kept
        self._where, self._order_at = Places(), Places()  # of the articles in choosable, in order
        self._stories_count: int | None = None  # set_articles and set_stories change it

    def set_articles(self, articles: Sequence[Article]) -> None:
        """Replace the articles (more files were read); `regroup` lists them."""
        self.articles = list(articles)
        self._stories_count = None
        self._hay = {}  # ids of articles no longer listed may be reused

    def set_stories(self, groups: Sequence) -> None:
        """Stories told more than once (DuplicateGroup: `members`, earliest first): each is listed
        once, folded, at its first member; `regroup` lists them."""
        self.stories = {id(g.members[0]): list(g.members) for g in groups if len(g.members) > 1}
        self.head_of = {id(c): m[0] for m in self.stories.values() for c in m[1:]}
        self._also = {k: also_in(m[1:]) for k, m in self.stories.items()}
        self._stories_count = None
        self.unfolded &= self.stories.keys()

    @property
    def stories_count(self) -> int:
        """How many stories the listed articles tell (copies counted once)."""
        if self._stories_count is None:
            present = {id(a) for a in self.articles}
            copies = sum(1 for c, head in self.head_of.items() if c in present and id(head) in present)
            self._stories_count = len(self.articles) - copies
        return self._stories_count

    # -- building -------------------------------------------------------------------------
    def regroup(self, sort_mode: str, reverse: bool) -> None:
        """The groups in sort order, and every listed article in that order (a filter or not)."""
        present = {id(a) for a in self.articles}
        hidden = {c for c, head in self.head_of.items() if id(head) in present}  # shown under their story
        groups = group_articles([a for a in self.articles if id(a) not in hidden])
        if sort_mode != "file":
            groups.sort(key=lambda g: sort_key(sort_mode, g))
        if reverse:
            groups.reverse()
        # every listed article in order, a filter or not; an unfolded story's copies follow it
        order: list[Article] = []
        for g in groups:
            for a in g:
                order.append(a)
                if id(a) in self.unfolded:
                    order.extend(c for c in self.stories[id(a)][1:] if id(c) in present)
        old = self.order
        if len(order) != len(old) or not all(map(operator.is_, order, old)):
            self.order = order  # else the same one is kept (walks over it still hold)
        self._present = present
        self.groups = groups
        self.kept = ("", groups)

    def filtered(self, groups: list[list[Article]], words: list[str]) -> list[list[Article]]:
        """The groups with only their articles that pass the filter (safe in a thread: the filter
        texts are made once per article and kept)."""
        if not words:
            return groups
        hay = self._hay
        out = []
        for g in groups:
            kept = []
            for a in g:
                h = hay.get(id(a))
                if h is None:
                    h = hay[id(a)] = filter_text(a)
                if all(w in h for w in words):
                    kept.append(a)
            if kept:
                out.append(kept)
        return out

    def lay_out(self, groups: list[list[Article]]) -> tuple:
        """Entries, their first lines, the choosable ones and the height, for these groups."""
        present, stories, unfolded, also = self._present, self.stories, self.unfolded, self._also
        entries: list[Entry] = []

        def add(a: Article, indent: int) -> None:
            members = stories.get(id(a))
            if members is None:
                entries.append(Entry(a, "", indent))
                return
            is_open = id(a) in unfolded
            entries.append(Entry(a, "", indent, also=also[id(a)], unfolded=is_open))
            if is_open:
                entries.extend(Entry(c, "", indent + 2, copy=True) for c in members[1:] if id(c) in present)

        for g in groups:
            if g[0].story_index is not None:
                entries.append(Entry(None, f"{len(g)} stories · {g[0].source.name}"))
                for a in g:
                    add(a, 2)
            else:
                add(g[0], 0)
        tops, line = [], 0
        for e in entries:
            tops.append(line)
            line += e.height
        return groups, entries, tops, [i for i, e in enumerate(entries) if e.article is not None], line

    def apply(self, layout: tuple, filter_text: str) -> int:
        """List what `lay_out` laid out for `filter_text`; returns its height in lines."""
        groups, self.entries, self.tops, self.choosable, line = layout
        self.kept = (filter_text, groups)
        return line

    # -- folding --------------------------------------------------------------------------
    def unfold_for(self, article: Article) -> bool:
        """Unfold the story `article` is a folded copy in, so that it is listed; True if it was folded."""
        head = self.head_of.get(id(article))
        if head is None or id(head) in self.unfolded:
            return False
        self.unfolded.add(id(head))
        return True

    def toggle_story(self, article: Article) -> Article | None:
        """Unfold or fold the story of `article` (its first member or a copy): its first member,
        or None when the story is told once."""
        head = self.head_of.get(id(article), article)
        if id(head) not in self.stories:
            return None
        self.unfolded ^= {id(head)}
        return head

    def toggle_all_stories(self, keep: Article | None) -> Article | None:
        """Unfold every story told more than once, or fold them all when all are unfolded; the
        article to keep the cursor on (`keep`, or its story when it was folded away)."""
        everything = set(self.stories)
        self.unfolded = set() if self.unfolded >= everything else everything
        if keep is not None and id(keep) in self.head_of and not self.unfolded:
            keep = self.head_of[id(keep)]  # its copy is folded away: stay on the story
        return keep

    # -- where things are -----------------------------------------------------------------
    def position(self, article: Article) -> int | None:
        """The place of `article` among the choosable entries (None: not listed)."""
        entries = self.entries
        return self._where.of(self.choosable, article, lambda i: entries[i].article)

    def order_position(self, article: Article) -> int | None:
        """The place of `article` in `order` (None: not listed, e.g. a copy folded away)."""
        return self._order_at.of(self.order, article)

    def entry_of(self, article: Article | None) -> int | None:
        n = self.position(article) if article is not None else None
        return self.choosable[n] if n is not None else None

    def entry_at(self, line: int) -> int:
        """The entry showing `line` (-1 above the first)."""
        return bisect_right(self.tops, line) - 1
