"""A keystroke and its answer drawn in one frame.

A typed letter is drawn as soon as the app is idle; an answer that comes a few ms later from a
worker (filtered rows, palette hits) then waits for the next of Textual's frames (60 a second at
most), so the key is answered a frame late and the screen is laid out twice. `FrameHold` holds
the app's repaints (`App.batch_update`) from the change of the typed value until the answer is
in, or `limit` seconds at most (a slow answer: the letter is shown meanwhile).
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.dom import DOMNode

LIMIT = 0.05  # s a typed letter waits at most for its answer before it is drawn alone


class FrameHold:
    """Holds the repaints of `owner`'s app; `owner` (a screen or widget) is checked for idle
    when they are let go, which is what resumes its drawing."""

    def __init__(self, owner: DOMNode, limit: float = LIMIT) -> None:
        self._owner = owner
        self._limit = limit
        self._held: ExitStack | None = None

    @property
    def holding(self) -> bool:
        return self._held is not None

    def hold(self) -> None:
        if self._held is None:
            app = self._owner.app
            held = ExitStack()
            held.enter_context(app.batch_update())
            held.callback(app.set_timer(self._limit, self.release).stop)  # the app's: outlives the owner
            self._held = held

    def release(self) -> None:
        held, self._held = self._held, None
        if held is not None:  # the batch ends and the timer of this hold stops
            held.close()
            self._owner.check_idle()  # the owner asked to draw: only its idle resumes its drawing
