"""Pick the entity to merge into another: the entity view's list without that entity, no sorting
keys beyond its own and no correction keys (this is already a correction in progress)."""

from __future__ import annotations

from reader.model.outputs.display import display_line
from reader.ui.screens.entities import EntitiesScreen


class MergePickScreen(EntitiesScreen):
    """Dismisses with the entity to merge into `target`, or None."""

    HELP_TITLE = "Merge: pick the other entity"

    PLACEHOLDER = "filter by name or kind"

    def __init__(self, corpus, target) -> None:
        super().__init__(corpus)
        self.TITLE_TEXT = (
            f"Merge into {display_line(target.name)} ({target.kind}) — pick the other entity: "
            "type to filter, Enter to merge, Esc to cancel"
        )
        self.target = target

    def gather(self, progress) -> list:
        target = self.target
        return [r for r in super().gather(progress) if r.entity is not target]

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return action != "correct"
