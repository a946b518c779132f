"""The palette's input and hit list, laying nothing out while one types.

Textual's CommandInput and CommandList are laid out again on every keystroke: the input's
`virtual_size` follows its text, and the list is `height: auto`, so each new set of hits measures
the whole screen again and repaints every widget on it (about a third of a keystroke's frame at
100k articles). Here both declare a quiet `virtual_size` (widgets/quiet_size.py), and the list
takes a fixed height while its hits fill it (`fit`): a full list stays full as one types, so only
the list and the input are drawn again. With fewer hits it is `auto` as Textual has it.
"""

from __future__ import annotations

from textual.command import CommandInput, CommandList
from textual.geometry import Size
from textual.reactive import Reactive

from reader.ui.widgets.direct_rows import DirectRows
from reader.ui.widgets.quiet_size import quiet_virtual_size


class PaletteInput(CommandInput):
    """The query field; its box is fixed (1fr wide, one line), whatever its text."""

    virtual_size: Reactive[Size] = quiet_virtual_size()


class PaletteList(CommandList, DirectRows):
    """The hit list; `fit(lines)` before its options are set."""

    virtual_size: Reactive[Size] = quiet_virtual_size()
    _full = False  # the height is fixed (its CSS height, auto, otherwise)

    def capacity(self) -> int | None:
        """Lines of hits the list shows at most (its max-height less borders), None if unbounded."""
        cap = self.styles.max_height
        if cap is None:
            return None
        size = self.app.size
        return int(cap.resolve(size, size)) - self.styles.gutter.height

    def fit(self, lines: int) -> None:
        """Height for hits that take `lines` lines: the most the list shows when they fill it (so the
        next keystroke's hits need no layout), else as many as they take (`auto`)."""
        cap = self.capacity()
        full = cap is not None and lines >= cap
        if cap is not None and full:
            self.styles.height = cap + self.styles.gutter.height
        elif self._full:
            self.styles.clear_rule("height")  # a style set anew lays out even when it is the same
        self._full = full
