"""A row's prompt that keeps its drawn lines across option lists.

OptionList forgets every drawn option when its options are replaced (`set_options`), and a
filter view replaces them on each keystroke while most rows stay: each kept row was wrapped and
cut into strips again. `DrawnOnce` is the row's Content that keeps what `render_strips` (the
public Visual protocol) made for the last few (width, style) it was drawn in; a view that hands
the same DrawnOnce for the same row (CorpusListScreen.prompt_of) draws only the rows it had not
drawn yet. When every line fits in the width (a row cut to it, as most are) its height is its
number of lines, not measured by wrapping it; else it is the number of lines the wrap it keeps
for the last width has (DirectRows draws its lines from it: reader.ui.widgets.direct_rows), or
before that the number of places wrapping divides its lines at.
"""

from __future__ import annotations

from rich._wrap import divide_line
from rich.cells import cell_len
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RulesMap

KEPT = 4  # (width, style) pairs kept: plain, highlighted, hovered, disabled


def wrap(content: Content, width: int) -> list[tuple[Content, int, int]]:
    """`content` wrapped to `width` as Content.render_strips wraps it under the default rules (left
    aligned, folded, no line pad), by Textual's own code: each line with the character of its
    source line it starts at (x) and that line's number (y), which its segments' offsets count from."""
    return [(line.content, line.x, line.y) for line in content._wrap_and_format(width)]


class DrawnOnce(Content):
    """`content`, the same text and spans, drawing each width and style once."""

    def __init__(self, content: Content) -> None:
        super().__init__(content.plain, list(content.spans), content.cell_length, strip_control_codes=False)
        self._drawn: dict[tuple, list[Strip]] = {}
        self._wrapped: tuple[int, list[tuple[Content, int, int]]] | None = None
        self._height_at: tuple[int, int] | None = None  # (width, lines) counted without wrapping
        self.draws = 0  # times drawn for real (tests)

    def get_height(self, rules: RulesMap, width: int) -> int:
        text = self.plain
        rule = rules.get
        if width > 0 and not rule("line_pad", 0) and "\t" not in text:
            lines = text.split("\n")
            # (a line longer than the width is measured by wrapping it: only zero-width characters
            # let it fit, and cell_len measures a long new line a character at a time)
            if all(len(line) <= width and cell_len(line) <= width for line in lines):
                return len(lines)  # what wrapping finds: no line is divided
            if rule("text_wrap", "wrap") == "wrap" and rule("text_overflow", "fold") == "fold":
                return self._wrapped_height(lines, width)
        return super().get_height(rules, width)

    def _wrapped_height(self, lines: list[str], width: int) -> int:
        """The lines wrapping makes at `width` (the default rules): the kept wrap's, or counted
        where Content.render_strips divides each line (a row measured is not always drawn: a
        view measures a page below the screen), without making the lines."""
        wrapped = self._wrapped
        if wrapped is not None and wrapped[0] == width:
            return len(wrapped[1])
        got = self._height_at
        if got is None or got[0] != width:
            got = self._height_at = (width, sum(len(divide_line(line, width, fold=True)) + 1 for line in lines))
        return got[1]

    def wrapped(self, width: int) -> list[tuple[Content, int, int]]:
        """`wrap(self, width)`, kept for the last width (a list is measured and drawn at one)."""
        got = self._wrapped
        if got is None or got[0] != width:
            got = self._wrapped = (width, wrap(self, width))
        return got[1]

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if options.selection is not None or options.post_style is not None:
            return super().render_strips(width, height, style, options)
        rule = options.rules.get
        key = (
            width,
            height,
            style,
            getattr(options.get_style, "__self__", None),  # span styles are resolved by the widget
            rule("text_align", "left"),
            rule("text_overflow", "fold"),
            rule("text_wrap", "wrap"),
            rule("line_pad", 0),
        )
        got = self._drawn.get(key)
        if got is None:
            if len(self._drawn) >= KEPT:
                self._drawn.clear()
            self.draws += 1
            got = self._drawn[key] = super().render_strips(width, height, style, options)
        return list(got)
