"""Entity corrections in the app: the dialogs behind the correction keys, and undo.

The keys live on the entity panel, the entity view and the entity details (reader/ui/
correction_keys.py); they post `CorrectionRequested`, which the app hands to its `Corrector`. A
correction is saved to the corpus's corrections file (reader/model/corpus/corrections.py), then
the entities are rebuilt from the analyses already in memory, the main screen (highlights, panel,
the current entity following the change: to the merged entity, or what is left after a split),
the palette index and any open entity views are refreshed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content

from reader.model.corpus.corrections import KINDS, CorrectionError, EntityRef, entity_forms
from reader.model.outputs.display import display_line
from reader.ui.safe import join, notice_text, safe_line
from reader.ui.screens.choice import ChoiceScreen
from reader.ui.screens.merge_pick import MergePickScreen
from reader.ui.screens.prompt import PromptScreen

WHOLE = "\0whole"  # the "reject the whole entity" choice (a surface form is never this)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class Corrector:
    """Asks what a correction needs, makes it, and refreshes what shows entities."""

    def __init__(self, app, corpus) -> None:
        self.app = app
        self.corpus = corpus

    # -- making one -----------------------------------------------------------------------
    def start(self, op: str, entity) -> None:
        """Ask what is needed for correction `op` on `entity`, then make it."""
        if op == "undo":
            self.undo(None)
            return
        if not self.corpus.entities:
            self._correction_notice("Corrections need the analysis to finish first")
            return
        if entity is None:
            self._correction_notice("No entity here to correct")
            return
        name = display_line(entity.name)
        forms = entity_forms(entity).most_common()

        def then(make: Callable) -> Callable:
            return lambda answer: (
                answer is not None and self._correct(lambda store: make(store, answer), entity, answer)
            )

        if op == "merge":
            self.app.push_screen(MergePickScreen(self.corpus, entity), then(lambda s, other: s.merge(entity, other)))
        elif op == "split":
            if len(forms) < 2:
                self._correction_notice(f"{name} has only one name: nothing to split out")
                return
            # the aliases first: splitting out the canonical name is the rarer wish
            choices = [
                (join(safe_line(f), f"  ({_plural(n, 'mention')})"), f)
                for f, n in sorted(forms, key=lambda fn: fn[0] == entity.name)
            ]
            self.app.push_screen(
                ChoiceScreen(f"Split which name out of {name}?", choices), then(lambda s, form: s.split(entity, form))
            )
        elif op == "rename":
            self.app.push_screen(
                PromptScreen(f"Rename {name} ({entity.kind})", value=name), then(lambda s, new: s.rename(entity, new))
            )
        elif op == "kind":
            choices = [(Content(k + ("  (now)" if k == entity.kind else "")), k) for k in KINDS]
            self.app.push_screen(
                ChoiceScreen(f"Kind of {name}", choices, KINDS.index(entity.kind) if entity.kind in KINDS else 0),
                then(lambda s, kind: s.set_kind(entity, kind)),
            )
        elif op == "reject":
            choices = [
                (
                    join(
                        "The whole entity ",
                        safe_line(entity.name),
                        f" ({entity.kind}, {_plural(len(entity.mentions), 'mention')})",
                    ),
                    WHOLE,
                )
            ]
            if len(forms) > 1:
                choices += [(join("Only the name ", safe_line(f), f" ({_plural(n, 'mention')})"), f) for f, n in forms]
            self.app.push_screen(
                ChoiceScreen(f"Not an entity: {name}", choices),
                then(lambda s, what: s.reject(entity, None if what == WHOLE else what)),
            )

    def _correct(self, make: Callable, entity, answer) -> None:
        before = {x.id for x in self.corpus.corrections}
        try:
            c = make(self.corpus.corrections)  # re-reads first: corrections made elsewhere are kept
        except CorrectionError as exc:
            self._correction_notice(str(exc))
            return
        elsewhere = len({x.id for x in self.corpus.corrections} - before - {c.id})
        note = f"#{c.id} {c.description}"
        if elsewhere:
            note += f" (and {elsewhere} made elsewhere meanwhile, kept)"
        self._corrections_changed(note, entity, answer)

    def undo(self, cid: int | None) -> None:
        """Undo the correction numbered `cid`, or the last one."""
        if not self.corpus.entities:
            self._correction_notice("Corrections need the analysis to finish first")
            return
        try:
            c = self.corpus.corrections.undo(cid)
        except CorrectionError as exc:
            self._correction_notice(str(exc))
            return
        self._corrections_changed(f"Undone: #{c.id} {c.description}")

    # -- after a change -------------------------------------------------------------------
    def _corrections_changed(self, note: str, acted_on=None, other=None) -> None:
        self.rebuild(acted_on, other)
        self._correction_notice(note)
        for n in self.corpus.corrections.notices:  # a set-aside record, changes kept for the session only
            self.app.notify(notice_text(n), severity="warning", markup=False, timeout=10)
        self.corpus.corrections.notices.clear()

    def rebuild(self, acted_on=None, other=None) -> None:
        """Entities again from the analyses and the corrections; everything showing them follows."""
        from reader.model.store.analysis_cache import AnalysisCache

        with AnalysisCache() as store:  # the groups as analysed come from the cache, then corrections
            self.corpus.build_entities(store)

        def follow(ent):
            """What became of an entity object from before the rebuild."""
            if ent is None:
                return None
            return self.corpus.entity(ent.id) or EntityRef.of(ent).find(self.corpus.entities)

        app = self.app
        app.main.entities_rebuilt(follow, acted_on, other)
        app.search_index.rebuild()  # names changed, not just counts
        app.sort_mentions()  # a new span index
        for screen in list(app.screen_stack):
            changed = getattr(screen, "corrections_changed", None)
            if callable(changed):
                changed(follow)

    def _correction_notice(self, text: str) -> None:
        self.app.notify(notice_text(text[:1].upper() + text[1:]), markup=False, timeout=4)
