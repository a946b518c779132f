"""Every mention of the current entity in context (`K`): a concordance, keyword in context.

One row per mention across the corpus (reader.model.outputs.concordance): the words before it,
right-aligned so that every name starts in the same column, the name, the words after it, and
under them the article's title and date. Typing filters (words around the name, title,
publisher, date); `ctrl+s` sorts by article order or date; Enter dismisses with the row and the
reading pane jumps to that mention. All article text goes through reader.ui.safe.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets.option_list import Option

from reader.model.outputs.concordance import SORTS, concordance, matches, sort_rows
from reader.model.outputs.display import display_line
from reader.model.outputs.wording import count
from reader.ui.safe import join, safe_line
from reader.ui.screens.filter_list import FilterListScreen

SORT_LABELS = {"article": "article order", "date": "date"}
NAME_MAX = 28  # cells; a longer name is cut so the context keeps its room


class ConcordanceScreen(FilterListScreen):
    """Dismisses with a ConcordanceRow, or None on Esc."""

    HELP_TITLE = "Mentions in context (K)"

    PLACEHOLDER = "filter by the words around the name, title, publisher or date"
    BINDINGS = [Binding("ctrl+s", "toggle_sort", "Sort: article order / date")]

    def __init__(self, corpus, entity) -> None:
        super().__init__()
        self.corpus = corpus
        self.entity = entity
        self.sort_by = SORTS[0]
        self.rows = concordance(corpus, entity, self.sort_by)
        self.shown: list = []
        name = display_line(entity.name)
        self.TITLE_TEXT = f"{name} in context — type to filter, ctrl+s sort, Enter to go, Esc to close"

    def on_resize(self) -> None:
        self.fill(self.needle)

    def _width(self) -> int:
        width = self.options.scrollable_content_region.width
        return max(40, (width or self.app.size.width - 12) - 2)

    def fill(self, needle: str) -> None:
        lst = self.options
        keep = lst.highlighted
        lst.clear_options()
        self.shown = sort_rows([r for r in self.rows if matches(r, needle)], self.sort_by)
        width = self._width()
        names = [safe_line(" ".join(r.text.split())).truncate(NAME_MAX, ellipsis=True) for r in self.shown]
        name_w = max((n.cell_length for n in names), default=0)
        left_w = max(8, (width - name_w) // 2 - 1)
        options = []
        for i, (r, name) in enumerate(zip(self.shown, names)):
            left = safe_line(r.left_cut(left_w))
            right_w = max(0, width - left_w - name.cell_length)
            right = safe_line(r.right_cut(right_w))
            art = r.article
            tail = safe_line(
                "  " + " · ".join(x for x in (art.date, art.publisher, f"{r.index}/{r.count} here") if x), "dim"
            )
            indent = min(left_w, 4)
            title = safe_line(art.title, "dim italic").truncate(
                max(10, width - indent - tail.cell_length), ellipsis=True
            )
            under = join(" " * indent, title, tail).truncate(width, ellipsis=True)
            # the context keeps its own spacing: "Kovalenko’s" has none before the "’s"
            line = join(" " * max(0, left_w - left.cell_length), left, name.stylize("bold reverse"), right)
            options.append(Option(join(line, "\n", under), id=f"row-{i}"))
        if not options:
            why = (
                f"(no mention matches “{needle}”: the words around the name, titles, publishers and dates are searched)"
                if self.rows
                else "(no mentions of this entity inside articles)"
            )
            options.append(Option(safe_line(why), disabled=True))
        lst.add_options(options)
        if self.shown:
            lst.highlighted = min(keep or 0, len(self.shown) - 1) if keep is not None else 0
        arts = len({id(r.article) for r in self.shown})
        self.set_count(
            f"{len(self.shown)} of {count(len(self.rows), 'mention')} · in {count(arts, 'article')} "
            f"· sort: {SORT_LABELS[self.sort_by]}"
        )

    def result(self, index: int) -> object:
        return self.shown[index]

    def action_toggle_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self.options.highlighted = None
        self.fill(self.needle)
