"""Every entity of the corpus: kind, mention count and article count; `s` toggles the sort.

Choosing a row dismisses with the entity; the app (EntitiesMixin, mixed into ReaderApp) makes it
current and jumps to its first mention in reading order. Names go through reader.ui.safe.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.ui.entity_nav import EntityNav
from reader.ui.safe import join, safe_line

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


class EntitiesScreen(ModalScreen):
    """Dismisses with the chosen entity, or None on Esc."""

    DEFAULT_CSS = """
    EntitiesScreen { align: center middle; }
    #entities-body {
        width: 90%; height: 90%; border: round $accent; padding: 0 1; background: $surface;
    }
    #entities-list { height: 1fr; }
    #entities-count { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "dismiss_none", "Close"),
        Binding("ctrl+s", "toggle_sort", "Sort: mentions / articles"),
        Binding("down", "to_list", "Go to the list", show=False),
    ]

    def __init__(self, corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.rows = entity_rows(corpus)
        self.sort_by = SORTS[0]
        self.shown: list[EntityRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="entities-body") as body:
            body.border_title = Content("Entities — type to filter, ctrl+s sort, Enter to go, Esc to close")
            yield Input(placeholder="filter by name or kind", id="entities-filter")
            yield Static(id="entities-count")
            yield OptionList(id="entities-list")

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#entities-filter", Input).focus()

    def _fill(self) -> None:
        needle = self.query_one("#entities-filter", Input).value.strip().casefold()
        lst = self.query_one("#entities-list", OptionList)
        lst.clear_options()
        rows = [r for r in self.rows if not needle or needle in r.name.casefold() or needle in r.kind.casefold()]
        self.shown = sort_rows(rows, self.sort_by)
        width = max((len(r.kind) for r in self.shown), default=0)
        options = [
            Option(join(Content(f"{r.kind:<{width}}  {r.mentions:>5} mention(s)  {r.articles:>4} article(s)  "),
                        safe_line(r.name, "bold")), id=f"row-{i}")
            for i, r in enumerate(self.shown)
        ]
        if not options:
            options.append(Option(Content("(no entities: analysis may still be running)"), disabled=True))
        lst.add_options(options)
        if self.shown:
            lst.highlighted = 0
        self.query_one("#entities-count", Static).update(
            Content(f"{len(self.shown)} of {len(self.rows)} entities · sort: {self.sort_by}"))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        lst = self.query_one("#entities-list", OptionList)
        if lst.highlighted is not None:
            self._choose(lst.get_option_at_index(lst.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if not option_id or not option_id.startswith("row-"):
            return
        self.dismiss(self.shown[int(option_id[4:])].entity)

    def action_toggle_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self._fill()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_to_list(self) -> None:
        self.query_one("#entities-list", OptionList).focus()


class EntitiesMixin:
    """`action_entity_view` for ReaderApp (needs corpus, article_list, set_entity, push_screen)."""

    def action_entity_view(self) -> None:
        if isinstance(self.screen, EntitiesScreen):
            return
        self.push_screen(EntitiesScreen(self.corpus), self._entity_chosen)

    def _entity_chosen(self, entity) -> None:
        if entity is None:
            return
        nav = EntityNav(self.corpus, entity, self.article_list.articles_in_order)
        if nav.hits:
            hit = nav.hits[0]
            self.set_entity(entity, hit.article, hit.start, hit.end)
        else:
            self.set_entity(entity)
