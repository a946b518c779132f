"""The entity-correction keys, shared by the entity panel (E), the entity view (V) and the entity
details (a): each of them lists `CORRECTION_BINDINGS` in its BINDINGS, mixes in `CorrectionKeys`
and says which entity is under the cursor (`correction_target`). A key posts
`CorrectionRequested`; the app's Corrector (reader/ui/corrections.py) does the rest.
"""

from __future__ import annotations

from textual.binding import Binding

from reader.ui.messages import CorrectionRequested

# show=False: the footer stays short; the help screen (?) and the details' border list them
CORRECTION_BINDINGS = [
    Binding("J", "correct('merge')", "Merge another entity into this one (join)", show=False),
    Binding("x", "correct('split')", "Split an alias out into an entity of its own", show=False),
    Binding("r", "correct('rename')", "Rename the entity", show=False),
    Binding("t", "correct('kind')", "Change the entity's kind (type)", show=False),
    Binding("d", "correct('reject')", "Not an entity: the whole entity or one of its names", show=False),
    Binding("u", "correct('undo')", "Undo the last correction (R lists them all)", show=False),
]
CORRECTION_HINT = "J merge · x split · r rename · t kind · d not an entity · u undo"


class CorrectionKeys:
    """For a widget or screen that shows entities; `correction_target()` is the one under the cursor."""

    def correction_target(self):
        raise NotImplementedError

    def action_correct(self, op: str) -> None:
        self.post_message(CorrectionRequested(op, self.correction_target()))
