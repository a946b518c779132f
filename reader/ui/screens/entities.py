"""Every entity of the corpus: kind, mention count and article count; `s` toggles the sort.

Choosing a row dismisses with the entity; the main screen makes it current and the reading pane
jumps to its first mention in reading order. Names go through reader.ui.safe.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.widgets.option_list import Option

from reader.ui.correction_keys import CORRECTION_BINDINGS, CorrectionKeys
from reader.ui.safe import join, safe_line
from reader.ui.screens.filter_list import FilterListScreen

SORTS = ("mentions", "articles")


@dataclass(frozen=True, slots=True)
class EntityRow:
    entity: object
    name: str
    kind: str
    mentions: int
    articles: int


def entity_rows(corpus) -> list[EntityRow]:
    """One row per corpus entity: mentions inside articles, and the number of articles holding them."""
    starts: dict[int, tuple[list[int], list]] = {}
    for i in range(len(corpus.files)):
        arts = sorted(corpus.articles_of_file(i), key=lambda a: a.start)
        starts[i] = ([a.start for a in arts], arts)
    rows = []
    for ent in corpus.entities:
        n, seen = 0, set()
        for m in getattr(ent, "mentions", ()):
            keys, arts = starts.get(m.file, ([], []))
            k = bisect_right(keys, m.start) - 1
            if k < 0:
                continue
            a = arts[k]
            if m.start < a.end and m.end <= a.end:
                n += 1
                seen.add(id(a))
        rows.append(EntityRow(ent, ent.name, getattr(ent, "kind", "") or "", n, len(seen)))
    return rows


def sort_rows(rows: list[EntityRow], by: str) -> list[EntityRow]:
    if by == "articles":
        key = lambda r: (-r.articles, -r.mentions, r.name.casefold())  # noqa: E731
    else:
        key = lambda r: (-r.mentions, -r.articles, r.name.casefold())  # noqa: E731
    return sorted(rows, key=key)


class EntitiesScreen(CorrectionKeys, FilterListScreen):
    """Dismisses with the chosen entity, or None on Esc. In the list, the correction keys correct the
    highlighted entity."""

    TITLE_TEXT = "Entities — type to filter, ctrl+s sort, Enter to go, ↓ then J x r t d u to correct, Esc to close"
    PLACEHOLDER = "filter by name or kind"
    BINDINGS = [Binding("ctrl+s", "toggle_sort", "Sort: mentions / articles")] + CORRECTION_BINDINGS

    def __init__(self, corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.rows = entity_rows(corpus)
        self.sort_by = SORTS[0]
        self.shown: list[EntityRow] = []

    def fill(self, needle: str) -> None:
        lst = self.options
        lst.clear_options()
        rows = [r for r in self.rows if not needle or needle in r.name.casefold() or needle in r.kind.casefold()]
        self.shown = sort_rows(rows, self.sort_by)
        width = max((len(r.kind) for r in self.shown), default=0)
        options = [
            Option(
                join(
                    Content(f"{r.kind:<{width}}  {r.mentions:>5} mention(s)  {r.articles:>4} article(s)  "),
                    safe_line(r.name, "bold"),
                ),
                id=f"row-{i}",
            )
            for i, r in enumerate(self.shown)
        ]
        if not options:
            options.append(Option(Content("(no entities: analysis may still be running)"), disabled=True))
        lst.add_options(options)
        if self.shown:
            lst.highlighted = 0
        self.set_count(f"{len(self.shown)} of {len(self.rows)} entities · sort: {self.sort_by}")

    def result(self, index: int) -> object:
        return self.shown[index].entity

    def correction_target(self):
        i = self.options.highlighted
        return self.shown[i].entity if i is not None and i < len(self.shown) else None

    def corrections_changed(self, follow) -> None:
        """New rows; the highlight stays on the entity it was on (or what that became)."""
        now = follow(self.correction_target())
        self.rows = entity_rows(self.corpus)
        self.fill(self.needle)
        k = next((i for i, r in enumerate(self.shown) if r.entity is now), None)
        if k is not None:
            self.options.highlighted = k

    def action_toggle_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self.fill(self.needle)
