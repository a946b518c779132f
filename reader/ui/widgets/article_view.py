"""The reading pane: an article wrapped into rows that map back to exact source offsets.

A Line-API ScrollView (only visible rows are rendered, strips are cached), so a 10 MB article
mounts and scrolls like a short one. Rows are wrapped lazily: enough for the screen at once,
the rest in small timed steps. The reading position is a source offset (`top_offset`), so it
survives re-wrapping on resize.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip

from reader.model.ingest.article import Article
from reader.ui.rows import BLANK, Rows, RowText, row_text
from reader.ui.widgets.article_row import GUTTER, STYLED_KINDS, Frame, draw_row
from reader.ui.widgets.highlight_layers import HighlightLayers
from reader.ui.widgets.quiet_size import quiet_virtual_size
from reader.ui.widgets.row_strips import Combined

MAX_WIDTH = 84  # a readable measure; wider panes get a wider margin, not longer lines
WRAP_STEP_S = 0.012  # time slice of one background wrapping step
SYNC_ROWS = 400  # rows wrapped at once when an article is shown
MIN_LEFT_PAD = 0  # matches the left padding in reader.tcss; the gutter (article_row.GUTTER) is the margin
COMFORT_ROWS = 3  # a current span this close to the top or bottom edge is scrolled to a third down


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; highlights are (start, end, component-class) spans in source offsets."""

    HELP_TITLE = "Reading pane"

    # its box is 1fr (reader.tcss): another article, or more rows wrapped, lays nothing out
    # (]/[ and the first paint of each article did; widgets/quiet_size.py)
    virtual_size: Reactive[Size] = quiet_virtual_size()

    COMPONENT_CLASSES = {
        *(f"article-view--{k}" for k in STYLED_KINDS),
        "article-view--person",
        "article-view--place",
        "article-view--org",
        "article-view--norp",
        "article-view--quote",
        "article-view--current",
        "article-view--match",
        "article-view--match-current",
        "article-view--mark",
    }

    BINDINGS = [
        Binding("down,j", "line(1)", "Scroll down", show=False),
        Binding("up,k", "line(-1)", "Scroll up", show=False),
        Binding("space,pagedown", "page(1)", "Page down", show=False),
        Binding("b,pageup", "page(-1)", "Page up", show=False),
        Binding("g,home", "top", "Top of article", show=False),
        Binding("G,end", "bottom", "End of article", show=False),
    ]

    @dataclass
    class SpanClicked(Message):
        """A highlighted span was clicked; `offset` is the source offset under the pointer."""

        offset: int

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self._rows = Rows(0, done=True)  # wrapped as they are needed (Rows.pull, Rows.wrap_until)
        self._wrap_timer = None
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._row_texts: LRUCache[int, RowText] = LRUCache(1024)
        self.highlights = HighlightLayers()  # the analysis's spans, the current span, the find's matches
        self.selected_span: tuple[int, int] | None = None  # source offsets of the mouse selection
        self._pending_offset: int | None = None
        self._styles: dict[str, object] = {}
        self._anchor: int | None = None  # reading position set by code, until the user scrolls
        self._frame: Frame | None = None  # what the rows of a drawing pass share, while it draws
        self._drawn_in: tuple | None = None  # the scroll across, width and styles of the kept strips
        self._combined = Combined()  # rich styles of the combinations of highlights drawn

    # -- public API (called by the screen) ------------------------------------------------
    def show(self, article: Article, offset: int | None = None) -> None:
        """Show `article`, scrolled so that source `offset` (default: its start) is at the top."""
        self.article = article
        self.highlights.clear()
        self.selected_span = None
        target = article.start if offset is None else offset
        if not self.scrollable_content_region.width:  # not laid out yet: on_resize wraps
            self._pending_offset = target
            return
        self._rewrap()
        self.scroll_to_offset(target)

    @property
    def top_offset(self) -> int:
        """Source offset of the reading position: the first text row at the top of the pane.

        After `scroll_to_offset` it is that exact offset until the user scrolls, so a position
        that could not reach the top (near the end, in a tall pane) survives later resizes.
        """
        if self._anchor is not None:
            return self._anchor
        if self._pending_offset is not None:  # shown before layout: the offset it will open at
            return self._pending_offset
        rows = self._rows
        if self.article is None or not len(rows):
            return 0
        r = min(int(self.scroll_offset.y), len(rows) - 1)
        while r < len(rows) - 1 and (rows.kinds[r] == BLANK or r in rows.synthetic):
            r += 1
        return rows.starts[r]

    @property
    def bottom_offset(self) -> int:
        """Source offset just past the last text shown (the end of the bottom visible row)."""
        rows = self._rows
        if self.article is None or not len(rows):
            return 0
        r = min(int(self.scroll_offset.y) + max(1, self.scrollable_content_region.height) - 1, len(rows) - 1)
        return rows.ends[r]

    def scroll_to_offset(self, offset: int, center: bool = False) -> None:
        """Scroll so source `offset` is at the top (or a third down, when `center`)."""
        if self.article is None:
            return
        self._anchor = offset if not center else None
        self._rows.wrap_until(offset=offset, rows=None)
        row = self._rows.row_of(offset)
        if offset <= self.article.start:
            row = 0
        y = row - (self.scrollable_content_region.height // 3 if center else 0)
        self._rows.wrap_until(offset=None, rows=y + self.size.height * 2)
        self._update_virtual_size()
        self.scroll_to(y=max(0, y), animate=False, force=True)

    def set_spans(self, spans: Iterable[tuple[int, int, str]]) -> None:
        """Highlight spans: (start, end, component class) in source offsets; replaces the old ones."""
        self.highlights.set_spans(spans)
        self._invalidate()

    @property
    def current_span(self) -> tuple[int, int] | None:
        """The current span (a quote, a mention, a clicked highlight), in source offsets."""
        return self.highlights.current

    @property
    def has_highlights(self) -> bool:
        return bool(self.highlights.spans)

    def set_current(self, start: int, end: int, comfortable: bool = True) -> None:
        """Mark one span as current (reversed, with a mark in the margin) and bring it into view:
        to a comfortable line a third down when it is off screen or near an edge (`comfortable`),
        else only when it is off screen (a click on a visible name does not move the text)."""
        layers = self.highlights
        old, layers.current = layers.current, (start, end) if end > start else None
        self._bring_into_view(start, comfortable)
        for span in (old, layers.current):  # only their rows change (the style, the margin mark)
            self._repaint_rows_of(span)

    def _repaint_rows_of(self, span: tuple[int, int] | None) -> None:
        """Draw again the rows `span` (source offsets) is on; the other rows keep their strips
        (n/N, e and ]/[ move the current mention: drawing every row again cost a key ~10 ms)."""
        if span is None or self.article is None or not len(self._rows):
            return
        s, e = span
        self._rows.wrap_until(offset=max(s, e - 1), rows=None)
        first, last = self._rows.row_of(s), self._rows.row_of(max(s, e - 1))
        for row in range(first, last + 1):
            self._strips.discard(row)
        self.refresh_lines(first, last - first + 1)

    def set_matches(self, spans: list[tuple[int, int]], current: int | None = None) -> None:
        """Find matches: sorted, non-overlapping (start, end) source spans; `current` indexes them."""
        self.highlights.set_matches(spans)
        self._invalidate()  # every row may show matches now
        self.set_current_match(current)

    def set_current_match(self, index: int | None) -> None:
        """Make match `index` the current one (styled apart) and bring it into view; only the
        rows of the match it leaves and the one it comes to are drawn again (n/N in a find)."""
        layers = self.highlights
        old, new = layers.match_span(layers.match_current), layers.match_span(index)
        layers.match_current = index if new is not None else None
        if new is not None:
            self._bring_into_view(new[0], True)
        for span in (old, new):
            self._repaint_rows_of(span)

    def _bring_into_view(self, start: int, comfortable: bool = True) -> None:
        self._rows.wrap_until(offset=start, rows=None)
        row = self._rows.row_of(start)
        top = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        margin = min(COMFORT_ROWS, max(0, (height - 1) // 4)) if comfortable else 0
        at_top = top == 0 and row < margin  # the start of the article: nothing above to show
        at_bottom = top >= self.max_scroll_y and row >= top + height - margin  # nothing below
        inside = top + margin <= row < top + height - margin or at_top or at_bottom
        if not inside or row >= len(self._rows):
            self.scroll_to_offset(start, center=True)

    def spans_at(self, offset: int) -> list[tuple[int, int, str]]:
        """Highlight spans holding source `offset`."""
        return self.highlights.spans_at(offset)

    def offset_at(self, col: int, row: int) -> int:
        """Source offset shown at display column `col` of row `row`."""
        rows = self._rows
        if not len(rows):
            return self.article.start if self.article else 0
        row = max(0, min(row, len(rows) - 1))
        if row in rows.synthetic or rows.kinds[row] == BLANK:
            return rows.starts[row]
        return self._row_text(row).col_to_src(max(0, col - GUTTER))

    # -- wrapping -------------------------------------------------------------------------
    def _wrap_width(self) -> int:
        return max(8, min(MAX_WIDTH, self.scrollable_content_region.width - GUTTER))

    def _rewrap(self) -> None:
        if self._wrap_timer is not None:
            self._wrap_timer.stop()
            self._wrap_timer = None
        width = self._wrap_width()
        self._rows = Rows.of(self.article, width)
        self._invalidate()
        self._rows.wrap_until(offset=None, rows=SYNC_ROWS)
        self._update_virtual_size()
        if not self._rows.done:
            self._wrap_timer = self.set_interval(0.02, self._wrap_step)

    def _wrap_step(self) -> None:
        deadline, rows = time.perf_counter() + WRAP_STEP_S, self._rows
        while not rows.done and time.perf_counter() < deadline:
            rows.pull(300)
        self._update_virtual_size()
        if self._rows.done and self._wrap_timer is not None:
            self._wrap_timer.stop()
            self._wrap_timer = None

    def _update_virtual_size(self) -> None:
        rows, art = self._rows, self.article
        height = len(rows)
        if not rows.done and art is not None and height:
            # estimate the rest from the density so far, so the scrollbar is roughly right
            covered = max(1, rows.ends[-1] - art.start)
            height += int((art.end - rows.ends[-1]) * height / covered)
        size = Size(self._rows.width, height)
        if size != self.virtual_size:
            self.virtual_size = size
            # the scrollbars, as a layout would set them (private: tests/test_ui_textual_names.py)
            self._scroll_update(size)

    def _centre(self) -> None:
        """Centre the measure in wide panes by widening the left padding (tcss sets the minimum)."""
        pad = self.styles.padding
        spare = self.scrollable_content_region.width + pad.left - MAX_WIDTH
        left = max(MIN_LEFT_PAD, spare // 2 - GUTTER)  # the text starts where it would with no gutter
        if left != pad.left:
            self.styles.padding = (pad.top, pad.right, pad.bottom, left)

    def on_resize(self) -> None:
        self._centre()
        if self.article is not None and self._wrap_width() != self._rows.width:
            top = self.top_offset if self._pending_offset is None else self._pending_offset
            self._pending_offset = None
            self._rewrap()
            self.scroll_to_offset(top)

    # -- rendering ------------------------------------------------------------------------
    def _invalidate(self) -> None:
        self._strips.clear()
        self._row_texts.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()
        self._combined.clear()

    def _style(self, cls: str):
        """The style of component class `cls`, to lay over the row's own style.

        A partial visual style drops opaque backgrounds (Textual blends them away), so a class
        that sets a background takes it from the full style. Textual 8's visual styles also drop
        `reverse` (the current span's cue, which must not depend on colour): it is put back.
        """
        style = self._styles.get(cls)
        if style is None:
            style = self.get_visual_style(cls, partial=True)
            rules = self.get_component_styles(cls)
            if rules.has_rule("background"):
                style = replace(style, background=self.get_visual_style(cls).background)
            if rules.text_style.reverse:
                style = replace(style, reverse=True)
            self._styles[cls] = style
        return style

    def legend_style(self, cls: str):
        """The style a highlight class is drawn with (the help screen's legend shows it)."""
        return self._style(cls)

    def _row_text(self, row: int) -> RowText:
        rt = self._row_texts.get(row)
        if rt is None:
            rows = self._rows
            rt = row_text(self.article.text, rows.starts[row], rows.ends[row])
            self._row_texts[row] = rt
        return rt

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame = self._frame_now()  # what every row of the pass shares, made once
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def _frame_now(self) -> Frame:
        """The pass's scroll position, width, styles and selection; the kept strips go when the
        position across, the width or the pane's own style are not those they were drawn in."""
        frame = Frame.of(self)
        drawn_in = (frame.scroll_x, frame.width, frame.pad, frame.visual)
        if drawn_in != self._drawn_in:
            self._strips.clear()
            self._drawn_in = drawn_in
        return frame

    def render_line(self, y: int) -> Strip:
        frame = self._frame or self._frame_now()
        row = frame.scroll_y + y
        rows = self._rows
        if row >= len(rows) and not rows.done:
            self._rows.wrap_until(offset=None, rows=row + self.size.height)
        if row >= len(rows):
            return Strip.blank(frame.width, frame.pad)
        selection = frame.selection
        strip = self._strips.get(row) if selection is None else None
        if strip is None:
            strip = self._draw_row(row, frame)
            if selection is None:
                self._strips[row] = strip
        return strip

    def _draw_row(self, row: int, frame: Frame) -> Strip:
        """Row `row` as it is shown (widgets/article_row.py draws it)."""
        return draw_row(self._rows, row, self._row_text, self.highlights, self._style, frame, self._combined)

    # -- selection and mouse --------------------------------------------------------------
    def _selection_bounds(self, selection: Selection) -> tuple[int, int]:
        art = self.article
        start = art.start if selection.start is None else self.offset_at(selection.start.x, selection.start.y)
        end = art.end if selection.end is None else self.offset_at(selection.end.x, selection.end.y)
        return (start, end) if start <= end else (end, start)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The exact source text under the mouse selection (hard line breaks and all)."""
        if self.article is None or not len(self._rows):
            return None
        start, end = self._selection_bounds(selection)
        self.selected_span = (start, end) if end > start else None
        return self.article.text[start:end], "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        if selection is None:
            self.selected_span = None
        elif self.article is not None:
            start, end = self._selection_bounds(selection)
            self.selected_span = (start, end) if end > start else None
        self._strips.clear()
        self.refresh()

    def on_click(self, event) -> None:
        meta = event.style.meta if event.style else {}
        if "offset" not in meta or self.article is None:
            return
        col, row = meta["offset"]
        offset = self.offset_at(col, row)
        if self.spans_at(offset):
            self.post_message(self.SpanClicked(offset))

    # -- user scrolling drops the anchor: the position is then wherever the user is -------
    def _user_scrolled(self) -> None:
        self._anchor = None

    def on_mouse_scroll_down(self) -> None:
        self._user_scrolled()

    def on_mouse_scroll_up(self) -> None:
        self._user_scrolled()

    def on_scroll_to(self) -> None:
        self._user_scrolled()

    def on_scroll_up(self) -> None:
        self._user_scrolled()

    def on_scroll_down(self) -> None:
        self._user_scrolled()

    # -- actions --------------------------------------------------------------------------
    def action_line(self, n: int) -> None:
        self._user_scrolled()
        self.scroll_to(y=self.scroll_offset.y + n, animate=False)

    def action_page(self, n: int) -> None:
        self._user_scrolled()
        page = max(1, self.scrollable_content_region.height - 2)
        self.scroll_to(y=self.scroll_offset.y + n * page, animate=False)

    def action_top(self) -> None:
        self._user_scrolled()
        self.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        self._user_scrolled()
        self._rows.wrap_until(offset=None, rows=None)
        self._update_virtual_size()
        self.scroll_to(y=len(self._rows), animate=False, force=True)
