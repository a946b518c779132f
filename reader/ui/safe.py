"""The one way untrusted text (titles, names, quotes, file names, errors) becomes widget content.

A `str` handed to a Textual widget is parsed as markup: `[/]` crashes, `[Reuters]` vanishes and
`[@click=app.quit]` becomes a live link. `Content` is literal, and `display_text` turns control
characters (ESC, BEL, NUL, bidi overrides) into visible glyphs one-for-one, so offsets survive
and nothing reaches the terminal as a control sequence. `strip_control_codes=False` because
`display_text` already made them harmless and stripping would shift offsets.
"""

from __future__ import annotations

from textual.content import Content, Span
from textual.style import Style

from reader.model.outputs.display import display_line, display_text

__all__ = ["safe", "safe_line", "Content", "Span"]


def safe(text: str, style: Style | str | None = None) -> Content:
    """Multi-line untrusted text as literal Content (newlines kept)."""
    shown = display_text(text)
    spans = [Span(0, len(shown), style)] if style and shown else None
    return Content(shown, spans, strip_control_codes=False)


def safe_line(text: str, style: Style | str | None = None) -> Content:
    """One-line untrusted text (labels, titles, notifications): newlines shown as a symbol."""
    shown = display_line(text)
    spans = [Span(0, len(shown), style)] if style and shown else None
    return Content(shown, spans, strip_control_codes=False)


def join(*parts: Content | str, sep: str = "") -> Content:
    """Join pieces; plain `str` pieces are our own literal text (never parsed as markup).

    The Content `Content("") + p1 + p2 + ...` makes, in one step: each `+` made a Content of the
    text so far and measured all its cells again (a view's row is made of six pieces or more)."""
    pieces: list[Content] = []
    for i, p in enumerate(parts):
        if i and sep:
            pieces.append(Content(sep))
        pieces.append(p if isinstance(p, Content) else Content(p))
    texts: list[str] = []
    spans: list[Span] = []
    at = 0
    for piece in pieces:
        # control codes dropped from a piece's own text, as `+` drops them (Content already)
        text = Content(piece.plain).plain  # markup-audit: ok, a Content piece's text, no markup parsed
        spans.extend(Span(start + at, end + at, style) for start, end, style in piece.spans)
        texts.append(text)
        at += len(text)
    return Content("".join(texts), spans, strip_control_codes=False)


def notice_text(text: str) -> str:
    """Text for `App.notify(..., markup=False)`: controls shown as glyphs, one line.

    Toasts build `Content(message)` themselves when markup is off, so a plain `str` is literal
    there; display_line makes ESC/BEL/bidi harmless before it gets that far.
    """
    return display_line(text)
