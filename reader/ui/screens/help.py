"""The help screen: every key binding, generated from the BINDINGS of the app and its widgets."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.actions import KEY_NAMES

# What each highlight looks like, in colour and without (NO_COLOR): kept next to reader.tcss.
LEGEND = [
    ("Person", "underlined", "article-view--person"),
    ("Place", "italic", "article-view--place"),
    ("Organisation", "bold", "article-view--org"),
    ("Nationality / group (NORP)", "underlined italic", "article-view--norp"),
    ("Quotation", "shaded background", "article-view--quote"),
    ("Current mention", "reversed", "article-view--current"),
    ("Find match", "bold underlined", "article-view--match"),
    ("Current find match", "reversed bold", "article-view--match-current"),
]


def key_label(keys: str) -> str:
    """Every key of a binding, as a person writes them."""
    return " / ".join(KEY_NAMES.get(k, k) for k in keys.split(","))


def binding_lines(bindings: Iterable[Binding | tuple]) -> list[tuple[str, str]]:
    out = []
    for b in bindings:
        if not isinstance(b, Binding):
            b = Binding(*b)
        if b.description:
            out.append((key_label(b.key), b.description + (f" ({b.tooltip})" if b.tooltip else "")))
    return out


class HelpScreen(ModalScreen[None]):
    """Lists the bindings of each section; any of Esc, q, ? or F1 closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help"),
        Binding("down,j", "scroll(1)", "Scroll", show=False),
        Binding("up,k", "scroll(-1)", "Scroll", show=False),
    ]

    def __init__(
        self, sections: list[tuple[str, list[tuple[str, str]]]], legend_styles: dict[str, object] | None = None
    ) -> None:
        super().__init__()
        self._sections = sections
        self._legend_styles = legend_styles or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = Content("Keys — press Esc to close")
            yield Static(self._text(), id="help-text")

    def _text(self) -> Content:
        parts: list[Content] = []
        width = max((len(k) for _, rows in self._sections for k, _ in rows), default=8) + 2
        for title, rows in self._sections:
            parts.append(Content.styled(title, "bold"))
            for keys, desc in rows:
                parts.append(Content(f"  {keys.ljust(width)}{desc}"))
            parts.append(Content(""))
        parts.append(Content.styled("Highlights (after analysis)", "bold"))
        for name, cue, cls in LEGEND:
            style = self._legend_styles.get(cls)
            sample = Content.styled(name, style) if style is not None else Content(name)
            parts.append(Content("  ") + sample + Content(f" — {cue}"))
        return Content("\n").join(parts)

    def action_scroll(self, n: int) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_relative(y=n, animate=False)
