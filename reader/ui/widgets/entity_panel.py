"""Entity widgets: the aliases/evidence modal and the panel of the current article's entities.

All names and evidence come from the analysed text, so they go through `reader.ui.safe`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.ui.correction_keys import CORRECTION_BINDINGS, CORRECTION_HINT, CorrectionKeys
from reader.ui.safe import join, safe_line
from reader.ui.screens.help import VIEW_HELP_KEYS

KIND_TITLES = {"PERSON": "People", "PLACE": "Places", "ORG": "Organisations", "NORP": "Nationalities / groups"}


def entity_info(entity, status: str = "") -> Content:
    """Name, kind, aliases and the evidence of every merge, as literal Content."""
    parts: list[Content] = [join(safe_line(entity.name, "bold"), f"  ({getattr(entity, 'kind', '')})")]
    if status:
        parts.append(safe_line(status))
    parts.append(Content(""))
    parts.append(Content.styled("Aliases", "bold"))
    aliases = list(getattr(entity, "aliases", []) or [])
    parts.extend(join("  ", safe_line(a)) for a in aliases)
    if not aliases:
        parts.append(Content("  (none)"))
    parts.append(Content(""))
    parts.append(Content.styled("Evidence", "bold"))
    evidence = list(getattr(entity, "evidence", []) or [])
    if evidence:
        seen = Counter((ev.rule, ev.detail) for ev in evidence)  # one line per distinct merge
        for (rule, detail), n in seen.items():
            parts.append(join("  ", safe_line(rule), ": ", safe_line(detail), f" (×{n})" if n > 1 else ""))
    else:
        parts.append(Content("  (no merges: one surface form)"))
    return Content("\n").join(parts)


class EntityInfoScreen(CorrectionKeys, ModalScreen[None]):
    """Aliases and evidence of one entity; Esc, q or a closes it; the correction keys correct it."""

    HELP_TITLE = "Entity details (a)"

    BINDINGS = [Binding("escape,q,a", "dismiss", "Close"), *CORRECTION_BINDINGS, VIEW_HELP_KEYS]

    def __init__(self, entity, status: str = "") -> None:
        super().__init__()
        self._entity = entity
        self._status = status

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="entity-info-body") as body:
            body.border_title = Content("Entity — press Esc to close")
            body.border_subtitle = Content(CORRECTION_HINT)
            yield Static(entity_info(self._entity, self._status), id="entity-info-text")

    def correction_target(self):
        return self._entity

    def corrections_changed(self, follow) -> None:
        """Show what the entity became; close when it is gone."""
        self._entity = follow(self._entity)
        if self._entity is None:
            self.dismiss()
        else:
            self.query_one("#entity-info-text", Static).update(entity_info(self._entity))


class EntityPanel(CorrectionKeys, OptionList):
    """The current article's entities grouped by kind, with mention counts; Enter makes one current;
    the correction keys correct the highlighted one."""

    HELP_TITLE = "Entity panel (E): correct the highlighted entity"

    BINDINGS = CORRECTION_BINDINGS

    @dataclass
    class Selected(Message):
        entity: object

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entities: dict[str, object] = {}

    def show_mentions(self, mentions) -> None:
        """Fill from corpus.mentions_in(article): [(start, end, entity)]."""
        counts: Counter = Counter()
        ents: dict[str, object] = {}
        for _s, _e, ent in mentions:
            counts[ent.id] += 1
            ents[ent.id] = ent
        self._entities = ents
        self.clear_options()
        by_kind: dict[str, list] = {}
        for ent in ents.values():
            by_kind.setdefault(getattr(ent, "kind", ""), []).append(ent)
        order = [k for k in KIND_TITLES if k in by_kind] + sorted(k for k in by_kind if k not in KIND_TITLES)
        options: list[Option] = []
        for kind in order:
            options.append(Option(Content.styled(KIND_TITLES.get(kind, kind or "Other"), "bold"), disabled=True))
            ranked = sorted(by_kind[kind], key=lambda e: (-counts[e.id], e.name.casefold()))
            width = len(str(max((counts[e.id] for e in ranked), default=0)))
            for ent in ranked:  # the count first: a narrow panel cuts the name, not the count
                options.append(Option(join(f" {counts[ent.id]:>{width}}  ", safe_line(ent.name)), id=ent.id))
        if not options:
            options.append(Option(Content("(no entities yet)"), disabled=True))
        self.add_options(options)
        self.border_title = Content(f"Entities ({len(ents)})")

    def correction_target(self):
        i = self.highlighted
        return self._entities.get(self.get_option_at_index(i).id or "") if i is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        ent = self._entities.get(event.option.id or "")
        if ent is not None:
            self.post_message(self.Selected(ent))
