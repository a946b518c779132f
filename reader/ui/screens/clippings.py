"""The clippings view (`Y`): the collection in order; move, remove, annotate, export, or jump to an item.

Enter dismisses with the chosen Clipping (the app opens it); J/K or shift+↓/↑ move the
highlighted item, x or Delete removes it, n edits its note (a prompt holding the note), e exports
(then m/c/j for Markdown, CSV, JSON, or z/r/b for CSL-JSON, RIS, BibLaTeX) to a new file in the
user data dir. Every change is saved by the model at once. Article-derived text goes through
reader.ui.safe.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.model.outputs.clippings_export import FORMATS, export_file
from reader.model.outputs.display import display_line
from reader.ui.safe import join, notice_text, safe_line
from reader.ui.screens.help import VIEW_HELP_KEYS
from reader.ui.screens.prompt import PromptScreen

HELP = "enter: go to · J/K or shift+↓/↑: move · n: note · x/Delete: remove · e: export · Esc: close"
EMPTY = "No clippings yet: y adds the mouse selection, the current quote or the current mention."


def clipping_prompt(n: int, item, problem: str | None) -> Content:
    """Two or three lines: number, kind and excerpt; who and where; the note."""
    head = join(f"{n:>2}. ", Content.styled(f"{item.kind:<9}", "bold"), " “", safe_line(item.excerpt(90)), "”")
    where = " · ".join(x for x in (item.title, item.publisher, item.date) if x)
    parts = ["     "]
    if item.who:
        parts += ["— ", safe_line(item.who), " · "]
    parts.append(safe_line(where or item.path, "dim"))
    if problem:
        parts.append(Content.styled("  (source changed)", "$warning"))
    lines = [head, join(*parts)]
    if item.note:
        lines.append(join("     note: ", safe_line(item.note, "italic")))
    return join(*lines, sep="\n")


class ExportFormatScreen(ModalScreen[str | None]):
    """Asks for the export format: dismisses with one of FORMATS, or None."""

    BINDINGS = [
        Binding("m,e,enter", "choose('markdown')", "Markdown"),
        Binding("c", "choose('csv')", "CSV"),
        Binding("j", "choose('json')", "JSON"),
        Binding("z", "choose('csl-json')", "CSL-JSON"),
        Binding("r", "choose('ris')", "RIS"),
        Binding("b", "choose('biblatex')", "BibLaTeX"),
        Binding("escape,q", "choose('')", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="export-format-body") as body:
            body.border_title = Content("Export clippings")
            yield Static(
                Content(
                    "m  Markdown (blockquotes with citations)\nc  CSV (one row per item, offsets)\n"
                    "j  JSON (records with offsets)\nz  CSL-JSON (Zotero, pandoc)\nr  RIS (Zotero, EndNote)\n"
                    "b  BibLaTeX (biber)\nEsc  cancel"
                )
            )

    def action_choose(self, fmt: str) -> None:
        self.dismiss(fmt if fmt in FORMATS else None)


class ClippingsScreen(ModalScreen):
    """Dismisses with the chosen Clipping, or None on Esc."""

    HELP_TITLE = "Clippings (Y)"

    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("K,shift+up", "move(-1)", "Move up"),
        Binding("J,shift+down", "move(1)", "Move down"),
        Binding("x,delete", "remove", "Remove"),
        Binding("n", "note", "Note"),
        Binding("e", "export", "Export"),
        VIEW_HELP_KEYS,
    ]

    def __init__(self, store, corpus) -> None:
        super().__init__()
        self.store = store
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        with Vertical(id="clippings-body") as body:
            body.border_title = Content("Clippings")
            yield Static(id="clippings-count")
            yield OptionList(id="clippings-list")
            yield Static(Content(HELP), id="clippings-help")

    @property
    def options(self) -> OptionList:
        return self.query_one("#clippings-list", OptionList)

    def on_mount(self) -> None:
        self.fill(0)
        self.options.focus()

    def fill(self, highlight: int | None = None) -> None:
        lst = self.options
        lst.clear_options()
        items = self.store.items
        if not items:
            lst.add_option(Option(Content(EMPTY), disabled=True))
        else:
            lst.add_options(
                Option(clipping_prompt(i + 1, c, c.problem(self.corpus)), id=f"clip-{i}") for i, c in enumerate(items)
            )
            if highlight is not None:
                lst.highlighted = max(0, min(highlight, len(items) - 1))
        label = f" · {self.store.label}" if self.store.label else ""
        self.query_one("#clippings-count", Static).update(safe_line(f"{len(items)} item(s){label}"))

    def _index(self) -> int | None:
        i = self.options.highlighted
        return i if self.store.items and i is not None and i < len(self.store.items) else None

    def _notices(self) -> None:
        for n in self.store.notices:  # a failed save
            self.notify(notice_text(n), title="Clippings", severity="warning", markup=False, timeout=8)
        self.store.notices.clear()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.startswith("clip-"):
            self.dismiss(self.store.items[int(event.option.id[5:])])

    def action_close(self) -> None:
        self.dismiss(None)

    def action_move(self, step: int) -> None:
        i = self._index()
        if i is not None:
            self.fill(self.store.move(i, step))
            self._notices()

    def action_remove(self) -> None:
        i = self._index()
        if i is None:
            return
        self.store.remove(i)
        self.fill(i)
        self._notices()
        self.notify(f"Removed ({len(self.store)} left)", markup=False, timeout=3)

    def action_note(self) -> None:
        """A prompt holding the item's note; Enter saves it (empty clears it), Esc keeps it."""
        i = self._index()
        if i is None:
            return
        item = self.store.items[i]
        # the note as shown: control characters as symbols (a note set from the command line may
        # hold any); an unchanged prompt leaves the stored note as it was
        shown = display_line(item.note)

        def done(text: str | None) -> None:
            if text is None or text == shown or i >= len(self.store.items) or self.store.items[i] is not item:
                return
            cleared = not text.strip()
            self.store.set_note(i, text)
            self.fill(i)
            self._notices()
            self.notify("Note cleared" if cleared else "Note saved", markup=False, timeout=3)

        hint = join("“", safe_line(item.excerpt(60)), "” · Enter saves (empty clears) · Esc cancels")
        self.app.push_screen(PromptScreen(f"Note for clipping {i + 1}", hint, value=shown, placeholder="note"), done)

    def action_export(self) -> None:
        if not self.store.items:
            self.notify("Nothing to export yet", markup=False, severity="warning", timeout=3)
            return
        self.app.push_screen(ExportFormatScreen(), self.export)

    def export(self, fmt: str | None) -> None:
        if not fmt:
            return
        try:
            path = export_file(self.store.items, fmt, self.store.label)
        except OSError as exc:
            self.notify(notice_text(f"Could not export clippings: {exc}"), severity="error", markup=False, timeout=8)
            return
        self.notify(
            notice_text(f"Exported {len(self.store)} clipping(s) as {fmt} to {path}"),
            title="Clippings",
            markup=False,
            timeout=10,
        )
