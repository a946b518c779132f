"""Every mention of the current entity in context (`K`): a concordance, keyword in context.

One row per mention across the corpus (reader.model.outputs.concordance): the words before it,
right-aligned so that every name starts in the same column, the name, the words after it, and
under them the article's title and date. Typing filters (words around the name, title,
publisher, date); `ctrl+s` sorts by article order or date; Enter dismisses with the row and the
reading pane jumps to that mention. All article text goes through reader.ui.safe.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets.option_list import Option

from reader.model.outputs.concordance import SORTS, concordance, row_text, sort_rows
from reader.model.outputs.display import display_line
from reader.model.outputs.wording import count
from reader.ui.safe import join, safe_line
from reader.ui.screens.corpus_list import CorpusListScreen

SORT_LABELS = {"article": "article order", "date": "date"}
NAME_MAX = 28  # cells; a longer name is cut so the context keeps its room


class ConcordanceScreen(CorpusListScreen):
    """Dismisses with a ConcordanceRow, or None on Esc."""

    HELP_TITLE = "Mentions in context (K)"

    PLACEHOLDER = "filter by the words around the name, title, publisher or date"
    BINDINGS = [Binding("ctrl+s", "toggle_sort", "Sort: article order / date")]

    def __init__(self, corpus, entity) -> None:
        super().__init__(corpus)
        self.entity = entity
        self.sort_by = SORTS[0]
        name = display_line(entity.name)
        self.TITLE_TEXT = f"{name} in context — type to filter, ctrl+s sort, Enter to go, Esc to close"
        self._keep: int | None = None  # the highlight to keep when the rows are shown again

    def _small(self) -> bool:
        return super()._small() or len(self.entity.mentions) <= self.INLINE_ROWS // 4

    def gather(self, progress) -> list:
        return concordance(self.corpus, self.entity, self.sort_by, progress)

    def order(self, rows: list) -> list:
        return sort_rows(rows, self.sort_by)

    def row_text(self, row) -> str:
        return row_text(row)

    def fill(self, needle: str) -> None:
        self._keep = self.options.highlighted  # typing keeps the highlight's place
        super().fill(needle)

    def on_resize(self) -> None:
        if self.answered is not None:
            self._keep = self.options.highlighted
            self.redraw()

    def _width(self) -> int:
        width = self.options.scrollable_content_region.width
        return max(40, (width or self.app.size.width - 12) - 2)

    def facts_of(self, shown: list) -> tuple[int, int]:
        """(cells of the longest name shown, articles shown in)"""
        texts = {r.text for r in shown}  # a few spellings of the name, however many mentions
        names = max((safe_line(" ".join(t.split())).truncate(NAME_MAX).cell_length for t in texts), default=0)
        return names, len({id(r.article) for r in shown})

    def same_layout(self, old, new) -> bool:
        return old is not None and new is not None and old[0] == new[0]  # the article count is the count line's

    def page(self, start: int, stop: int) -> list[Option]:
        width = self._width()
        name_w = self.facts[0]
        left_w = max(8, (width - name_w) // 2 - 1)
        options = []
        for i in range(start, stop):
            r = self.shown[i]
            prompt = self.prompt_of(r, (width, left_w), lambda r=r: self._row_prompt(r, width, left_w))
            options.append(Option(prompt, id=f"row-{i}"))
        return options

    def _row_prompt(self, r, width: int, left_w: int) -> Content:
        """Context right-aligned to the name, the name, context; under them the article."""
        name = safe_line(" ".join(r.text.split())).truncate(NAME_MAX, ellipsis=True)
        left = safe_line(r.left_cut(left_w))
        right_w = max(0, width - left_w - name.cell_length)
        right = safe_line(r.right_cut(right_w))
        art = r.article
        tail = safe_line(
            "  " + " · ".join(x for x in (art.date, art.publisher, f"{r.index}/{r.count} here") if x), "dim"
        )
        indent = min(left_w, 4)
        title = safe_line(art.title, "dim italic").truncate(max(10, width - indent - tail.cell_length), ellipsis=True)
        under = join(" " * indent, title, tail).truncate(width, ellipsis=True)
        # the context keeps its own spacing: "Kovalenko’s" has none before the "’s"
        line = join(" " * max(0, left_w - left.cell_length), left, name.stylize("bold reverse"), right)
        return join(line, "\n", under)

    def empty_text(self, needle: str) -> str:
        if self.rows:
            return (
                f"(no mention matches “{needle}”: the words around the name, titles, publishers and dates are searched)"
            )
        return "(no mentions of this entity inside articles)"

    def highlight_first(self) -> None:
        keep, self._keep = self._keep, None
        if keep is None or not self.shown:
            super().highlight_first()
            return
        lst = self.options
        k = min(keep, len(self.shown) - 1)
        while lst.option_count <= k and lst._next_page():
            pass
        lst.highlighted = k

    def count_text(self, needle: str) -> str:
        return (
            f"{len(self.shown)} of {count(len(self.rows), 'mention')} · in {count(self.facts[1], 'article')} "
            f"· sort: {SORT_LABELS[self.sort_by]}"
        )

    def result(self, index: int) -> object:
        return self.shown[index]

    def action_toggle_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self.resort()
