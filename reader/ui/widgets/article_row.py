"""One row of the reading pane as it is drawn: the margin (a mark on the rows of the current
span), the text with the styles of its kind and of the highlights over it (the analysis's spans,
the find's matches, the current span), the mouse selection, padded to the width. The segments
are made by widgets/row_strips.py; what a drawing pass shares is a `Frame`.

The ArticleView draws its rows through `draw_row` and keeps the strips.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rich.cells import cell_len
from rich.style import Style as RichStyle
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget

from reader.ui.rows import KINDS, Rows, RowText
from reader.ui.widgets.highlight_layers import HighlightLayers
from reader.ui.widgets.row_strips import Combined, draw

GUTTER = 2  # cells left of the text on every row: the margin mark of the current span
MARK_FIRST = "▶"  # the row where the current mention or quote starts
MARK_MORE = "┃"  # the rows it goes on over

# kinds of rows that carry a style of their own (component class article-view--<kind>)
STYLED_KINDS = {"headline", "title", "meta", "byline", "dateline", "caption", "boilerplate"}


class Frame:
    """What the rows of one drawing pass share (the ArticleView makes one per pass)."""

    __slots__ = ("scroll_x", "scroll_y", "width", "pad", "visual", "selection", "sel_style")

    def __init__(
        self,
        scroll_x: int,
        scroll_y: int,
        width: int,
        pad: RichStyle,
        visual: VisualStyle,
        selection: Selection | None,
        sel_style: VisualStyle | None,
    ) -> None:
        self.scroll_x = scroll_x
        self.scroll_y = scroll_y
        self.width = width
        self.pad = pad  # the pane's own style: the blank past the text
        self.visual = visual  # ... as the style under the text
        self.selection = selection
        self.sel_style = sel_style

    @classmethod
    def of(cls, view: Widget) -> Frame:
        """The pass's scroll position, width, styles and selection, as `view` has them now."""
        scroll_x, scroll_y = view.scroll_offset
        selection = view.text_selection
        sel_style = None
        if selection is not None:
            screen = view.screen
            sel_style = screen.get_visual_style("screen--selection", partial=True)
            sel_style = replace(sel_style, background=screen.get_visual_style("screen--selection").background)
        return cls(
            scroll_x,
            scroll_y,
            view.scrollable_content_region.width,
            view.rich_style,
            view.visual_style,
            selection,
            sel_style,
        )


Style = Callable[[str], VisualStyle]  # a component class's style (ArticleView._style)


def draw_row(
    rows: Rows,
    row: int,
    row_text: Callable[[int], RowText],
    layers: HighlightLayers,
    style: Style,
    frame: Frame,
    combined: Combined,
) -> Strip:
    """Row `row` as it is shown: the margin, the text with its highlights, padded to the
    width, each segment with its offset (widgets/row_strips.py draws it)."""
    kind = KINDS[rows.kinds[row]]
    spans: list[tuple[int, int, VisualStyle]] = []  # in the row's columns, the margin included
    mark = ""
    if row in rows.synthetic:
        text = rows.synthetic[row]
    elif kind == "blank":
        text = ""
    else:
        rt = row_text(row)
        text = rt.text
        for s, e, cls in layers.spans_in(rt.start, rt.end):
            a, b = rt.src_to_col(max(s, rt.start)), rt.src_to_col(min(e, rt.end), is_end=True)
            if b > a:
                spans.append((GUTTER + a, GUTTER + b, style(cls)))
        spans += match_spans(rt, layers, style)
        if layers.current is not None:
            s, e = layers.current
            if s < rt.end and e > rt.start:
                a, b = rt.src_to_col(max(s, rt.start)), rt.src_to_col(min(e, rt.end), is_end=True)
                if b > a:
                    spans.append((GUTTER + a, GUTTER + b, style("article-view--current")))
                    mark = MARK_FIRST if rt.start <= s else MARK_MORE
    if kind in STYLED_KINDS and text:
        spans.insert(0, (GUTTER, GUTTER + len(text), style(f"article-view--{kind}")))
    if mark and (mark_style := style("article-view--mark")):
        spans.insert(0, (0, 1, mark_style))  # the margin's span comes first, as in gutter + body
    line = mark.ljust(GUTTER) + text
    length = len(line)
    sel_style = frame.sel_style
    if sel_style and text and (sel := frame.selection.get_span(row)) is not None:
        a, b = sel
        b = length if b == -1 else min(b, length)
        a = max(a, GUTTER)
        if b > a:
            spans.append((a, b, sel_style))
    return draw(line, cell_len(line), spans, frame.visual, frame.pad, combined, frame.width, frame.scroll_x, row)


def match_spans(rt: RowText, layers: HighlightLayers, style: Style) -> list[tuple[int, int, VisualStyle]]:
    """Spans of the find matches on one row: a bisect, then only the row's own matches."""
    spans: list[tuple[int, int, VisualStyle]] = []
    for s, e, current in layers.matches_in(rt.start, rt.end):
        a, b = rt.src_to_col(max(s, rt.start)), rt.src_to_col(min(e, rt.end), is_end=True)
        if b > a:
            spans.append(
                (GUTTER + a, GUTTER + b, style("article-view--match-current" if current else "article-view--match"))
            )
    return spans
