"""Copying text out of the app, and "copy quote with citation".

Routes, all tried every time:
1. `App.copy_to_clipboard` (OSC 52): always; fire-and-forget, works over SSH in good terminals.
2. pyperclip, in a thread worker, only if `pyperclip.determine_clipboard()` finds a mechanism
   (xclip/wl-copy/pbcopy/clip.exe); its errors are caught.
3. When pyperclip has no mechanism (or failed): a modal with the text ready to select with the
   terminal's own selection, and the text appended to `clippings.md` in the user data dir.
A notification (markup off) says which routes were used.
"""

from __future__ import annotations

from pathlib import Path

from textual import work

from reader.model.citation import STYLES, format_citation
from reader.ui.safe import notice_text

OSC52 = "terminal (OSC 52)"


def clippings_path() -> Path:
    from reader.model.paths import data_dir

    return data_dir() / "clippings.md"


def append_clipping(text: str) -> Path:
    path = clippings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n\n")
    return path


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


def quote_citation(corpus, article, quote, style: str) -> str:
    ent = corpus.speaker_entity(article, quote)
    speaker = ent.name if ent is not None else quote.speaker
    return format_citation(quote.text, speaker=speaker, title=article.title, publisher=article.publisher,
                           date=article.date, url=article.url, style=style)


def quote_holding(corpus, article, start: int, end: int):
    """The quote whose span contains source offsets [start, end), or None."""
    return next((q for q in corpus.quotes_in(article) if q.start <= start and end <= q.end), None)


def selection_citation(corpus, article, span: tuple[int, int], style: str) -> str:
    """The selected source text, cited; speaker from the quote holding it, else none."""
    start, end = span
    q = quote_holding(corpus, article, start, end)
    speaker = None
    if q is not None:
        ent = corpus.speaker_entity(article, q)
        speaker = ent.name if ent is not None else q.speaker
    return format_citation(article.text[start:end], speaker=speaker, title=article.title,
                           publisher=article.publisher, date=article.date, url=article.url, style=style)


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

    def copy_text_everywhere(self, text: str, what: str = "Copied") -> None:
        self.copy_to_clipboard(text)  # OSC 52, always
        self._copy_with_pyperclip(text, what)

    @work(thread=True, exit_on_error=False, group="clipboard", description="clipboard")
    def _copy_with_pyperclip(self, text: str, what: str) -> None:
        route = system_copy(text)
        self.call_from_thread(self._copied, text, what, route)

    def _copied(self, text: str, what: str, route: str | None) -> None:
        routes = [OSC52]
        if route:
            routes.append(route)
            self.notify(notice_text(f"{what} via {' + '.join(routes)}"), title="Copied", markup=False)
            return
        note = ""
        try:
            path = append_clipping(text)
            routes.append(f"saved to {path}")
        except OSError as exc:
            note = f" (could not save clipping: {exc})"
        from reader.ui.screens.citation import CitationScreen

        if not isinstance(self.screen, CitationScreen):
            self.push_screen(CitationScreen(text))
        self.notify(notice_text(f"{what} via {' + '.join(routes)}; no system clipboard, so paste may not work "
                                f"in this terminal: select the text shown{note}"),
                    title="Copied", severity="warning", markup=False, timeout=8)

    def action_copy_quote(self) -> None:
        art = self.current
        if art is None:
            return
        view = self.article_view
        sel = getattr(view, "selected_span", None)
        if sel is not None and sel[1] > sel[0]:  # a mouse selection in the reading pane: cite it
            text = selection_citation(self.corpus, art, sel, self.citation_style)
            self.copy_text_everywhere(text, f"Selection with {self.citation_style} citation")
            return
        current = getattr(view, "_current", None)
        q = quote_at(self.corpus, art, current, view.top_offset)
        if q is None:
            msg = "No quotes found in this article" if self.corpus.file_index(art) in self.corpus.analyses \
                else "Quotes are not known yet (analysis has not finished)"
            self.notify(msg, markup=False, severity="warning")
            return
        view.set_current(q.start, q.end)
        text = quote_citation(self.corpus, art, q, self.citation_style)
        self.copy_text_everywhere(text, f"Quote with {self.citation_style} citation")

    def action_cycle_citation_style(self) -> None:
        i = STYLES.index(self.citation_style) if self.citation_style in STYLES else -1
        self.citation_style = STYLES[(i + 1) % len(STYLES)]
        self.notify(f"Citation style: {self.citation_style}", markup=False)
