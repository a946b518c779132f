"""A Line-API widget's own style, made once per drawing pass instead of once per row.

Textual's `rich_style` is not cached: each call combines the styles of every ancestor, and a
widget that draws its rows in `render_line` asks for it on every row (half the cost of drawing
the reading pane's rows, more than half of the list's). The widget's `render_lines` draws its
rows inside `drawing(widget)`, its `render_line` takes `of(widget)`; outside a pass (a row drawn
on its own) the style is made anew.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.style import Style
from textual.widget import Widget


class PassStyle:
    __slots__ = ("style",)

    def __init__(self) -> None:
        self.style: Style | None = None

    @contextmanager
    def drawing(self, widget: Widget) -> Iterator[None]:
        self.style = widget.rich_style
        try:
            yield
        finally:
            self.style = None

    def of(self, widget: Widget) -> Style:
        return widget.rich_style if self.style is None else self.style
