"""Copying text out of the app, and "copy quote with citation".

Routes, all tried every time:
1. `App.copy_to_clipboard` (OSC 52): always; fire-and-forget, works over SSH in good terminals.
2. pyperclip, in a thread worker, only if `pyperclip.determine_clipboard()` finds a mechanism
   (xclip/wl-copy/pbcopy/clip.exe); its errors are caught.
3. When pyperclip has no mechanism (or failed): a modal with the text ready to select with the
   terminal's own selection, and the copied span added to the corpus's clippings (as `y` does;
   `Y` or `reader export clippings` gets it back).
A notification (markup off) says which routes were used.
"""

from __future__ import annotations

from textual import work

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


def quote_at(corpus, article, current: tuple[int, int] | None, position: int):
    """The quote holding the current span, else the first quote ending after `position`, else the last one."""
    quotes = sorted(corpus.quotes_in(article), key=lambda q: (q.start, q.end))
    if not quotes:
        return None
    if current is not None:
        for q in quotes:
            if q.start <= current[0] < q.end or (q.start, q.end) == tuple(current):
                return q
    for q in quotes:
        if q.end > position:
            return q
    return quotes[-1]


class ClipboardMixin:
    """Mixed into ReaderApp: `copy_text_everywhere`, `action_copy_quote`, `action_cycle_citation_style`."""

    citation_style: str = "plain"

    def copy_text_everywhere(self, text: str, what: str = "Copied", span: tuple | None = None) -> None:
        """Copy `text`; `span` (article, start, end) is what it cites, clipped when paste may fail."""
        self.copy_to_clipboard(text)  # OSC 52, always
        self._copy_with_pyperclip(text, what, span)

    @work(thread=True, exit_on_error=False, group="clipboard", description="clipboard")
    def _copy_with_pyperclip(self, text: str, what: str, span: tuple | None) -> None:
        route = system_copy(text)
        self.call_from_thread(self._copied, text, what, route, span)

    def _copied(self, text: str, what: str, route: str | None, span: tuple | None = None) -> None:
        routes = [OSC52]
        if route:
            routes.append(route)
            self.notify(notice_text(f"{what} via {' + '.join(routes)}"), title="Copied", markup=False)
            return
        clipped = self.add_clipping(*span) if span is not None else None
        if clipped is not None:
            routes.append(f"added to clippings ({clipped[1]}; Y to view)")
        from reader.ui.screens.citation import CitationScreen

        if not isinstance(self.screen, CitationScreen):
            self.push_screen(CitationScreen(text))
        self.notify(
            notice_text(
                f"{what} via {' + '.join(routes)}; no system clipboard, so paste may not work "
                "in this terminal: select the text shown"
            ),
            title="Copied",
            severity="warning",
            markup=False,
            timeout=8,
        )

    def action_copy_quote(self) -> None:
        art = self.current
        if art is None:
            return
        view = self.article_view
        sel = getattr(view, "selected_span", None)
        if sel is not None and sel[1] > sel[0]:  # a mouse selection in the reading pane: cite it
            text = selection_citation(self.corpus, art, sel, self.citation_style)
            self.copy_text_everywhere(text, f"Selection with {self.citation_style} citation", (art, *sel))
            return
        current = getattr(view, "_current", None)
        q = quote_at(self.corpus, art, current, view.top_offset)
        if q is None:
            msg = (
                "No quotes found in this article"
                if self.corpus.file_index(art) in self.corpus.analyses
                else "Quotes are not known yet (analysis has not finished)"
            )
            self.notify(msg, markup=False, severity="warning")
            return
        view.set_current(q.start, q.end)
        text = quote_citation(self.corpus, art, q, self.citation_style)
        self.copy_text_everywhere(text, f"Quote with {self.citation_style} citation", (art, q.start, q.end))

    def action_cycle_citation_style(self) -> None:
        i = STYLES.index(self.citation_style) if self.citation_style in STYLES else -1
        self.citation_style = STYLES[(i + 1) % len(STYLES)]
        self.notify(f"Citation style: {self.citation_style}", markup=False)
