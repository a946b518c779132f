"""The main screen behind a dialog, dimmed, drawn once until the main screen changes.

Textual draws a translucent dialog's background by compositing the whole screen behind it and
tinting every segment (textual.renderables.background_screen.BackgroundScreen), and does so
whenever anything marks the dialog's own screen for repainting: a notice, a list that grows or
shrinks the dialog, a layout. That is a full screen of work, tens of ms, for a picture that has
not changed. The main screen counts its repaints (`MainScreen.repaints`: in front, or behind a
dialog with something changed); the dialogs here keep the dimmed lines for that count and size.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from textual.renderables.background_screen import BackgroundScreen

_kept: dict[int, tuple[tuple, list[Segment]]] = {}  # id(base screen) -> (key, its dimmed segments)
TINTS = 4096  # distinct (style, tint) pairs kept: a screen holds a few dozen styles


class TintedOnce(BackgroundScreen):
    """BackgroundScreen tinting each distinct style once: its own `process_segments` blends the
    colours of every segment anew (thousands of segments, a few dozen styles, on a screen)."""

    _tints: dict[tuple, object] = {}  # (style, tint) -> the tinted style

    @classmethod
    def process_segments(cls, segments, color):
        tints = cls._tints
        tint = BackgroundScreen.process_segments
        for segment in segments:
            text, style, control = segment
            if control:
                yield segment
                continue
            key = (style, color)
            got = tints.get(key)
            if got is None:
                if len(tints) >= TINTS:
                    tints.clear()
                got = tints[key] = next(iter(tint([Segment("", style)], color))).style
            yield Segment(text, got, control)


class KeptBackground:
    """A BackgroundScreen's segments, made again only when the key changes."""

    def __init__(self, background: BackgroundScreen, version: int) -> None:
        self.background = background
        self.version = version

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        base = self.background.screen
        key = (self.version, options.max_width, options.height, self.background.color, base.size)
        got = _kept.get(id(base))
        if got is None or got[0] != key:
            tinted = TintedOnce(self.background.screen, self.background.color)
            segments = list(tinted.__rich_console__(console, options))
            _kept.clear()  # one screen is ever behind the dialogs: keep no other
            _kept[id(base)] = got = (key, segments)
        return got[1]


def dimmed(rendered):
    """What a dialog's `render()` returns: Screen.render()'s own answer, kept when it is the
    dimmed main screen (which counts its changes)."""
    if isinstance(rendered, BackgroundScreen):
        version = getattr(rendered.screen, "repaints", None)
        if version is not None:
            return KeptBackground(rendered, version)
    return rendered
