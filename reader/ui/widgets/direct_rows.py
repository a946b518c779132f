"""An OptionList whose rows of literal Content are drawn straight into strips.

OptionList draws an option through Textual's general path: the prompt is wrapped to the width
(every line measured and divided, even one that fits), padded by a `Padding` visual, its strips
cut and padded again, extended to the width and given the option's index as meta; each step
makes new Strips (seven small caches each) and new styles. A list whose rows are lines of
literal Content (the palette's label and help lines, a view's quotes) does all that for every
row on every keystroke: at 100k articles most of a keystroke's frame.

`DirectRows` draws such a row in one pass: for each line the same segments Content's own
rendering makes (its styles resolved by the widget, each with its x/y offset meta), between the
option's padding, and the option's meta on every segment; the strips are the ones the general
path makes, segment for segment (tests/test_ui_direct_rows.py). A row with a line too long for
the width is wrapped by Textual's own wrap, once per width (a DrawnOnce prompt keeps its wrap,
which also gives its height), and each wrapped line is drawn the same way. A line drawn for one
set of options is kept for the next (typing on shows many of the same help lines and quotes, and
the same hits when a letter changes nothing), by its text, spans, place, style and width.
Anything else (tabs, markup with actions, a selection, a divider, vertical padding, alignment or
a text rule other than Textual's default) goes Textual's way.

Each visible line is asked for by Textual one at a time (`render_line`); the padding, width and
styles they share are worked out once per frame here, not once per line.

OptionList repaints the whole list when its options are set or its highlight moves. A moved
highlight here repaints the rows whose line changed (those of the two options it moved between),
and inside `changed_rows_only()` (the palette sets each keystroke's hits so) the whole repaints
are held and, once the options are in, only the rows whose line is not the one they show are
repainted: the rest keep what Textual drew for them. Anything that moves or resizes the list (a
scroll, a scrollbar, fewer or more lines unless its scrollbar is always there) repaints all of
it, as before.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.cache import LRUCache
from textual.content import Content, Span
from textual.geometry import Region, Spacing
from textual.reactive import Reactive
from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.widgets.drawn_once import DrawnOnce, wrap

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Self

KEPT_LINES = 512  # drawn lines kept across option lists (a palette keystroke shows ~40)
KEPT_WRAPS = 256  # wraps of prompts that are not DrawnOnce (which keeps its own)

LEFT = ("start", "left")  # the text alignments under which a line that fits is drawn as it is


def literal(content: Content) -> bool:
    """Whether no span of `content` can carry meta (an action, a link id): its segments then
    need nothing but their styles and offsets."""
    for span in content.spans:
        style = span.style
        if isinstance(style, str):
            if "@" in style:
                return False
        elif style._meta is not None:
            return False
    return True


def draw_line(
    line: Content, x: int, y: int, style: Style, get_style, render_width: int, left: int, right: int
) -> Strip:
    """One line of a prompt that fits in `render_width` (a line as it is, or one a wrap made, which
    starts at character `x` of the prompt's line `y`), with `left` and `right` cells of padding:
    the segments Content.render_strips and Padding make for it (without option meta)."""
    rich_style = style.rich_style
    segments = [Segment(" " * left, rich_style)] if left else []
    add = segments.append
    for text, text_style in line.render(style, end="", parse_style=get_style):
        add(Segment(text, (style + text_style).rich_style_with_offset(x, y)))
        x += len(text)
    if fill := render_width - line.cell_length:
        add(Segment(" " * fill, rich_style))
    if right:
        add(Segment(" " * right, rich_style))
    return Strip(segments, render_width + left + right)


@lru_cache(maxsize=1024)
def option_meta(index: int) -> RichStyle:
    """The meta OptionList gives the segments of option `index` (made once: the same style object
    is the key under which a kept line remembers itself with that meta)."""
    return RichStyle.from_meta({"option": index})


def split_lines(content: Content) -> list[tuple[str, tuple[Span, ...]]]:
    """`content`'s lines as (text, spans) with spans relative to the line, as Content.split cuts
    them (in order, clipped to the line, empty ones dropped), without making Content for each."""
    text = content.plain
    if "\n" not in text:
        return [(text, tuple(content.spans))]
    lines = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        spans = tuple(
            Span(max(0, s.start - start), min(s.end, end) - start, s.style)
            for s in content.spans
            if min(s.end, end) > max(s.start, start)
        )
        lines.append((line, spans))
        start = end + 1
    return lines


class DirectRows(OptionList):
    """OptionList drawing one-line-per-row Content prompts directly (see the module's docstring)."""

    # a highlight that moves repaints the rows it left and came to (watch_highlighted), not all
    highlighted: Reactive[int | None] = Reactive(None, repaint=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._kept_lines: LRUCache[tuple, Strip] = LRUCache(KEPT_LINES)
        self._wraps: LRUCache[tuple, list[tuple[Content, int, int]]] = LRUCache(KEPT_WRAPS)
        self._frame: _Frame | None = None  # what every line of a frame shares, while it is drawn
        self._shown: dict[int, Strip] = {}  # the content line last drawn on each row
        self._held: list[bool] | None = None  # whole repaints asked for by `changed_rows_only`

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False) -> Self:
        if self._held is not None and not (regions or layout or recompose) and repaint:
            self._held.append(True)  # decided when the options are in (`changed_rows_only`)
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @contextmanager
    def changed_rows_only(self) -> Iterator[None]:
        """Repaint only the rows whose lines change with what is done inside (new options, the
        highlight set): OptionList repaints the whole list on each such change, and a keystroke's
        new hits often show many of the last one's lines on the same rows (a help line, a label
        whose match did not move). Anything that moves or resizes the list repaints it all."""
        if self._held is not None or not self.is_mounted:
            yield
            return
        geometry = self._geometry()
        self._held = held = []
        try:
            yield
        finally:
            self._held = None
        if not held:
            return
        if geometry != self._geometry():
            self.refresh()
            return
        self._repaint_changed_rows()

    def _geometry(self) -> tuple:
        """What places the rows: a new one repaints the whole list. The virtual height counts only
        where a scrollbar may come or go with it (a view's list always has one, and a keystroke
        that shows a row more or less moves no other row)."""
        virtual = None if self.styles.overflow_y == "scroll" else self.virtual_size
        return (self.size, self.scroll_offset, virtual, self.scrollable_content_region)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)  # scrolls to it (a scroll repaints all)
        if self._held is None and highlighted is not None and self.is_mounted:
            self._repaint_changed_rows()  # the rows of the options it left and came to

    def _repaint_changed_rows(self) -> None:
        """Repaint the rows whose line is not the one they show (all of them if none is shown)."""
        shown = self._shown
        if not shown:
            self.refresh()
            return
        width = self.size.width
        self._frame = self._frame_now()
        try:
            rows = [y for y in range(self.scrollable_content_region.height) if not self._same(y, shown.get(y))]
        finally:
            self._frame = None
        start = 0
        for i, y in enumerate(rows):  # a run of rows in one region
            if i + 1 == len(rows) or rows[i + 1] != y + 1:
                super().refresh(Region(0, rows[start], width, y + 1 - rows[start]))
                start = i + 1

    def _same(self, y: int, was: Strip | None) -> bool:
        """Whether row `y` shows the line it showed (`was`) with the options as they are now."""
        if was is None:
            return False
        now = self._line(y)
        if now is None:
            now = super().render_line(y)  # past the options: blank
        return now is was or (now._segments == was._segments and now.cell_length == was.cell_length)

    def notify_style_update(self) -> None:
        self._kept_lines.clear()  # a theme or CSS change: span styles like $accent resolve anew
        super().notify_style_update()

    def _frame_now(self) -> _Frame:
        if self._frame is not None:
            return self._frame
        rules = self.styles
        padding = self.get_component_styles("option-list--option").padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        top, right, bottom, left = padding
        direct = (
            not top
            and not bottom
            and width - left - right > 0
            and self.text_selection is None
            and rules.get("text_align", "left") in LEFT
            and not rules.get("line_pad", 0)
            and tuple(rules.content_align) == ("left", "top")
        )
        wraps = rules.get("text_wrap", "wrap") == "wrap" and rules.get("text_overflow", "fold") == "fold"
        return _Frame(padding, width, direct, wraps)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._frame = None
        self._update_lines()
        self._frame = self._frame_now()
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        if self._frame is None:
            return super().render_line(y)
        strip = self._line(y)
        if strip is None:
            strip = super().render_line(y)
        self._shown[y] = strip  # drawn now (what the widget keeps for the row until repainted)
        return strip

    def _line(self, y: int) -> Strip | None:
        """Row `y`'s line as OptionList.render_line draws it, without its per-line upkeep
        (render_lines brought the line index up to date, the styles are the frame's); None for a
        row past the options."""
        frame = self._frame
        assert frame is not None
        try:
            index, line_offset = self._line_cache.lines[self.scroll_offset.y + y]
            option = self._options[index]
        except IndexError:
            return None
        if option.disabled:
            component = "option-list--option-disabled"
        elif self.highlighted == index:
            component = "option-list--option-highlighted"
        elif self._mouse_hovering_over == index:
            component = "option-list--option-hover"
        else:
            component = ""
        style = frame.styles.get(component)
        if style is None:
            style = frame.styles[component] = (
                self.get_visual_style("option-list--option", component)
                if component
                else self.get_visual_style("option-list--option")
            )
        strips = self._get_option_render(option, style)
        return strips[line_offset] if line_offset < len(strips) else None

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        frame = self._frame_now()
        padding = frame.padding
        cache_key = (option, style, padding)
        if (strips := self._option_render_cache.get(cache_key)) is not None:
            return strips
        prompt = option.prompt
        if not frame.direct or option._divider or not isinstance(prompt, Content) or "\t" in prompt.plain:
            return super()._get_option_render(option, style)
        if not literal(prompt):
            return super()._get_option_render(option, style)
        top, right, bottom, left = padding
        render_width = frame.width - left - right
        lines = split_lines(prompt)
        parts: list[tuple[str, tuple[Span, ...], int, int, Content | None]]
        if all(len(text) <= render_width and cell_len(text) <= render_width for text, _ in lines):
            parts = [(text, spans, 0, y, None) for y, (text, spans) in enumerate(lines)]
        elif frame.wraps:  # wrapped (or folded) as Textual wraps it, each line drawn the same way
            parts = [(line.plain, tuple(line.spans), x, y, line) for line, x, y in self._wrapped(prompt, render_width)]
        else:
            return super()._get_option_render(option, style)
        meta = option_meta(self._option_to_index[option])
        get_style = self._get_style
        kept = self._kept_lines
        strips = []
        new = False
        for text, spans, x, y, line in parts:
            key = (text, spans, x, y, style, render_width, left, right)
            if (drawn := kept.get(key)) is None:
                if line is None:
                    line = prompt if len(parts) == 1 else Content(text, list(spans))
                drawn = kept[key] = draw_line(line, x, y, style, get_style, render_width, left, right)
                new = True
            strips.append(drawn.apply_style(meta))
        if new and isinstance(prompt, DrawnOnce):
            prompt.draws += 1  # what it counts: a row drawn for real, here or by itself
        self._option_render_cache[cache_key] = strips
        return strips

    def _wrapped(self, prompt: Content, width: int) -> list[tuple[Content, int, int]]:
        """`prompt` wrapped to `width`: a DrawnOnce keeps its own wrap (its height is measured by
        it), any other prompt's is kept here by text, spans and width."""
        if isinstance(prompt, DrawnOnce):
            return prompt.wrapped(width)
        key = (prompt.plain, tuple(prompt.spans), width)
        if (got := self._wraps.get(key)) is None:
            got = self._wraps[key] = wrap(prompt, width)
        return got


class _Frame:
    """What the lines of one frame share: the option padding, the width options are drawn in,
    whether options may be drawn directly (and wrapped), and the option styles by component class."""

    __slots__ = ("padding", "width", "direct", "wraps", "styles")

    def __init__(self, padding: Spacing, width: int, direct: bool, wraps: bool) -> None:
        self.padding = padding
        self.width = width
        self.direct = direct
        self.wraps = wraps  # a line too long for the width may be wrapped here (`wrap`'s rules)
        self.styles: dict[str, Style] = {}
