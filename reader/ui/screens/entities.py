"""Every entity of the corpus: kind, mention count and article count; `ctrl+s` cycles the sort.

When the corpus tells some stories more than once (wire copies, grouped in the background), a
third count takes each story once (`Corpus.story_key`), and the sort can use it.

Choosing a row dismisses with the entity; the main screen makes it current and the reading pane
jumps to its first mention in reading order. Names go through reader.ui.safe.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.widgets.option_list import Option

from reader.model.outputs.wording import plural
from reader.model.search.entity_lookup import EntityMatcher
from reader.ui.correction_keys import CORRECTION_BINDINGS, CorrectionKeys
from reader.ui.safe import join, safe_line
from reader.ui.screens.corpus_list import CorpusListScreen

SORTS = ("mentions", "articles", "stories")


@dataclass(frozen=True, slots=True)
class EntityRow:
    entity: object
    name: str
    kind: str
    mentions: int
    articles: int
    stories: int  # articles holding them, each story told more than once counted once (-1: not counted yet)


def entity_rows(corpus, story_key=None, progress=None) -> list[EntityRow]:
    """One row per corpus entity: mentions inside articles, and the number of articles holding
    them; with `story_key` (article -> its story), the number of stories too (else = articles).
    The counts are the corpus's (reader.model.corpus.entity_counts, kept between opens);
    `progress(rows, at_once)` is called once they are made, and first (at once) without the
    stories when those are not kept yet: counting them reads every article (~1 s at 100k)."""
    from reader.model.corpus.entity_counts import entity_counts  # numpy: not before the first paint

    counts = entity_counts(corpus)
    if story_key is None:
        told = counts.articles
    else:  # the corpus's own stories are numbered from its groups (and kept with them)
        groups = corpus.duplicate_groups() if story_key == corpus.story_key else None
        if progress is not None and not counts.stories_known(story_key, groups):
            progress(_rows(counts, [-1] * len(counts.entities)), True)
        told = counts.stories(story_key, groups)
    rows = _rows(counts, told)
    if progress is not None:
        progress(rows, False)
    return rows


def _rows(counts, told: list[int]) -> list[EntityRow]:
    return [
        EntityRow(ent, ent.name, getattr(ent, "kind", "") or "", n, held, stories)
        for ent, n, held, stories in zip(counts.entities, counts.inside, counts.articles, told, strict=True)
    ]


def sort_rows(rows: list[EntityRow], by: str) -> list[EntityRow]:
    if by == "stories":
        key = lambda r: (-r.stories, -r.mentions, r.name.casefold())  # noqa: E731
    elif by == "articles":
        key = lambda r: (-r.articles, -r.mentions, r.name.casefold())  # noqa: E731
    else:
        key = lambda r: (-r.mentions, -r.articles, r.name.casefold())  # noqa: E731
    return sorted(rows, key=key)


class EntitiesScreen(CorrectionKeys, CorpusListScreen):
    """Dismisses with the chosen entity, or None on Esc. In the list, the correction keys correct the
    highlighted entity."""

    HELP_TITLE = "All entities (V)"

    TITLE_TEXT = "Entities — type to filter, ctrl+s sort, Enter to go, ↓ then J x r t d u to correct, Esc to close"
    PLACEHOLDER = "filter by name, alias or kind (a close spelling will do)"
    BINDINGS = [
        Binding("ctrl+s", "toggle_sort", "Cycle the sort: mentions, articles (, stories)")
    ] + CORRECTION_BINDINGS
    NARROWS = False  # a close spelling of a longer query may match what a shorter one did not

    def __init__(self, corpus, story_key=None) -> None:
        """`story_key` (Corpus.story_key) once wire copies are grouped and some story is told twice:
        then a per-story count is shown and can be sorted on."""
        super().__init__(corpus)
        self.story_key = story_key
        self.sorts = SORTS if story_key is not None else SORTS[:2]
        self.sort_by = SORTS[0]
        self._matcher: tuple[list, EntityMatcher] | None = None  # (rows, their matcher)
        self._follow = None  # the entity to highlight once the rows are gathered again

    def gather(self, progress) -> list:
        return entity_rows(self.corpus, self.story_key, progress)

    def _take_rows(self, rows: list, texts: list[str], done: bool) -> None:
        # the rows again with their story counts: the highlight stays on its entity
        if self.rows and self._follow is None:
            self._follow = self.correction_target()
        super()._take_rows(rows, texts, done)

    def order(self, rows: list) -> list:
        return sort_rows(rows, self.sort_by)

    def row_text(self, row: EntityRow) -> str:
        return ""  # the filter is EntityMatcher's (names, aliases, kind, close spellings)

    def select(self, needle: str, rows: list, texts: list[str], candidates: list[int] | None, stop=None) -> list[int]:
        """Rows whose entity's name, aliases or kind hold the typed text (reader.model.search.entity_lookup)."""
        got = self._matcher
        if got is None or got[0] is not rows:
            got = self._matcher = (rows, EntityMatcher(r.entity for r in rows))
        return [i for i, ok in enumerate(got[1].matches(needle)) if ok]

    def empty_text(self, needle: str) -> str:
        """Why the list is empty, truthfully."""
        if self.rows:
            return f"(no entity matches “{needle}”: names, aliases and kinds are searched)"
        if self.corpus.entities:
            return "(no other entity)"
        if not self.corpus.analysed:
            return "(no entities yet: analysis has not finished)"
        return "(analysis found no names of people, places, organisations or groups in this corpus)"

    def page(self, start: int, stop: int) -> list[Option]:
        shown = self.shown
        width = self.facts
        per_story = self.story_key is not None
        options = []
        for i in range(start, stop):
            r = shown[i]
            prompt = self.prompt_of(r, (width, per_story), lambda r=r: self._row_prompt(r, width, per_story))
            options.append(Option(prompt, id=f"row-{i}"))
        return options

    def _row_prompt(self, r: EntityRow, width: int, per_story: bool) -> Content:
        counts = (
            f"{r.mentions:>5} {plural(r.mentions, 'mention'):<8}  {r.articles:>4} {plural(r.articles, 'article'):<8}  "
        )
        if per_story and r.stories < 0:  # still being counted
            counts += f"{'…':>4} {'stories':<7}  "
        elif per_story:
            counts += f"{r.stories:>4} {plural(r.stories, 'story'):<7}  "
        aliases = [a for a in getattr(r.entity, "aliases", ()) if a != r.name]
        also = join("  aka ", safe_line(", ".join(aliases[:3]) + (" …" if len(aliases) > 3 else ""), "dim"))
        return join(Content(f"{r.kind:<{width}}  {counts}"), safe_line(r.name, "bold"), also if aliases else "")

    def facts_of(self, shown: list) -> int:
        return max((len(r.kind) for r in shown), default=0)  # the kind column's width

    def count_text(self, needle: str) -> str:
        return f"{len(self.shown)} of {len(self.rows)} entities · sort: {self.sort_by}"

    def result(self, index: int) -> object:
        return self.shown[index].entity

    def correction_target(self):
        i = self.options.highlighted
        return self.shown[i].entity if i is not None and i < len(self.shown) else None

    def corrections_changed(self, follow) -> None:
        """New rows; the highlight stays on the entity it was on (or what that became)."""
        self._follow = follow(self.correction_target())
        self.gather_rows()

    def highlight_first(self) -> None:
        k = next((i for i, r in enumerate(self.shown) if r.entity is self._follow), None) if self._follow else None
        if k is None:
            super().highlight_first()
            return
        if not self.gathering:
            self._follow = None
        lst = self.options
        while lst.option_count <= k and lst._next_page():
            pass
        lst.highlighted = k

    def action_toggle_sort(self) -> None:
        self.sort_by = self.sorts[(self.sorts.index(self.sort_by) + 1) % len(self.sorts)]
        self.resort()
