"""A scrolling widget whose box is fixed by CSS (1fr, 100%, a number of lines) needs no layout
when what it scrolls over grows or shrinks (a filter's answer, an Input's text).

Textual's `Widget.virtual_size` is a layout reactive: each change lays the screen out again, and
the compositor then repaints every widget whose geometry "changed", virtual size included, and
below a dialog the dimmed screen behind it. One keystroke did that once or twice. Widgets that
declare `virtual_size = quiet_virtual_size()` only repaint themselves; their scrollbars still
lay out when they appear or go (`show_vertical_scrollbar` is a layout reactive, and
`_scroll_update` sets it). Not for a widget sized by its content (height: auto).
Redeclaring a base class's reactive is Textual's own way to change it; that `virtual_size` is
the one that lays out is checked by tests/test_ui_textual_names.py.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive


def quiet_virtual_size() -> Reactive[Size]:
    return Reactive(Size(0, 0), layout=False)
