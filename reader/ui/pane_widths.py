"""Room to read: how wide the list and a side panel (the entity panel) may be beside the
reading pane, which keeps at least READING_MIN cells while a panel is open; on a narrow screen
the panel narrows and the list gives way (`z` brings it back). No Textual here: the main screen
applies the answer (reader/ui/screens/main.py)."""

from __future__ import annotations

READING_MIN = 56  # cells the reading pane keeps beside a side panel: 50 columns of text, margin, scrollbar, border
PANEL_W, PANEL_MIN = 34, 24  # the entity panel's width, and how narrow it may get to make room
LIST_SHARE, LIST_MIN, LIST_MAX = 0.36, 24, 60  # the list pane's width (reader.tcss says the same)


def pane_widths(width: int, list_hidden: bool, list_forced: bool, panel_open: bool) -> tuple[bool, int | None]:
    """(whether the list shows, the panel's width: None without a panel) on a screen `width`
    wide; `list_hidden`: the reader hid the list, `list_forced`: showed it though a panel
    squeezed it out."""
    show = not list_hidden
    if not panel_open:
        return show, None
    list_w = max(LIST_MIN, min(LIST_MAX, int(width * LIST_SHARE)))
    if show and not list_forced and width - list_w - PANEL_W < READING_MIN:
        show = False
    rest = width - (list_w if show else 0) - READING_MIN
    return show, max(PANEL_MIN, min(PANEL_W, rest))
