"""Copying text out of the app, and "copy quote with citation".

Routes, all tried every time:
1. `App.copy_to_clipboard` (OSC 52): always; fire-and-forget, works over SSH in good terminals.
2. pyperclip, in a thread worker, only if `pyperclip.determine_clipboard()` finds a mechanism
   (xclip/wl-copy/pbcopy/clip.exe); its errors are caught.
3. When pyperclip has no mechanism (or failed): a modal with the text ready to select with the
   terminal's own selection, and the copied span added to the corpus's clippings (as `y` does;
   `Y` or `reader export clippings` gets it back).
A notification (markup off) says which routes were used. ReaderApp owns one `Copier`.
"""

from __future__ import annotations

from functools import partial

from reader.model.outputs.citation_styles import STYLES
from reader.model.outputs.corpus_citations import quote_citation, selection_citation
from reader.ui.safe import notice_text

OSC52 = "terminal (OSC 52)"


def system_copy(text: str) -> str | None:
    """Copy with pyperclip; the mechanism's name, or None when there is none or it failed."""
    try:
        import pyperclip
    except ImportError:
        return None
    try:
        copy_fn, _ = pyperclip.determine_clipboard()
        if not copy_fn:  # ClipboardUnavailable is falsy
            return None
        copy_fn(text)
    except (pyperclip.PyperclipException, OSError):
        return None
    name = getattr(copy_fn, "__name__", "") or "system clipboard"
    return name.removeprefix("copy_").replace("_", "-") if name.startswith("copy_") else "system clipboard"


class Copier:
    """The copy routes, the citation style (`C` cycles it) and `c` (copy quote with citation)."""

    def __init__(self, app, corpus, clipper) -> None:
        self.app = app
        self.corpus = corpus
        self.clipper = clipper  # a copy that may not paste is kept in the clippings
        self.style = "plain"

    def copy(self, text: str, what: str = "Copied", span: tuple | None = None) -> None:
        """Copy `text`; `span` (article, start, end) is what it cites, clipped when paste may fail."""
        self.app.copy_to_clipboard(text)  # OSC 52, always
        self.app.run_worker(
            partial(self._with_pyperclip, text, what, span),
            thread=True,
            exit_on_error=False,
            group="clipboard",
            description="clipboard",
        )

    def _with_pyperclip(self, text: str, what: str, span: tuple | None) -> None:
        route = system_copy(text)
        self.app.call_from_thread(self._copied, text, what, route, span)

    def _copied(self, text: str, what: str, route: str | None, span: tuple | None = None) -> None:
        app = self.app
        routes = [OSC52]
        if route:
            routes.append(route)
            app.notify(notice_text(f"{what} via {' + '.join(routes)}"), title="Copied", markup=False)
            return
        clipped = self.clipper.add(*span) if span is not None else None
        if clipped is not None:
            routes.append(f"added to clippings ({clipped[1]}; Y to view)")
        from reader.ui.screens.citation import CitationScreen

        if not isinstance(app.screen, CitationScreen):
            app.push_screen(CitationScreen(text))
        app.notify(
            notice_text(
                f"{what} via {' + '.join(routes)}; no system clipboard, so paste may not work "
                "in this terminal: select the text shown"
            ),
            title="Copied",
            severity="warning",
            markup=False,
            timeout=8,
        )

    def copy_quote(self, pane) -> None:
        """`c`: the mouse selection in the reading pane, else the quote at the reading position, cited."""
        art = pane.article
        if art is None:
            return
        sel = pane.selection_span()
        if sel is not None:  # a mouse selection in the reading pane: cite it
            text = selection_citation(self.corpus, art, sel, self.style)
            self.copy(text, f"Selection with {self.style} citation", (art, *sel))
            return
        q = pane.current_quote
        if q is None:
            self.app.notify(pane.no_quotes_reason(), markup=False, severity="warning")
            return
        pane.make_current(q.start, q.end)
        text = quote_citation(self.corpus, art, q, self.style)
        self.copy(text, f"Quote with {self.style} citation", (art, q.start, q.end))

    def cycle_style(self) -> None:
        i = STYLES.index(self.style) if self.style in STYLES else -1
        self.style = STYLES[(i + 1) % len(STYLES)]
        self.app.notify(f"Citation style: {self.style}", markup=False)
