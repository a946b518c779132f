"""The help screen: every key of the screen you are on, generated from the bindings themselves.

`help_sections(app, screen)` reads the BINDINGS of the screen, of the reader widgets in it (and of
those its HELP_WIDGETS names, such as the find bar before it opens) and of the app, whose
commands are grouped by what they do (reader.actions.GROUPS); the palette's key comes from
Textual's own binding. Nothing is written twice, so the help cannot drift from the keys.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.actions import KEY_NAMES

# Modal views do not see the app's keys: each adds one of these so its keys can be asked for.
VIEW_HELP = Binding("f1", "app.help", "The keys of this view")
VIEW_HELP_KEYS = Binding("f1,question_mark", "app.help", "The keys of this view")

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


def own_bindings(cls: type) -> list[Binding]:
    """The bindings a reader class and its reader bases declare (subclass first; Textual's own
    scrolling keys of the base widgets are left out). One binding per action, keys joined."""
    seen: dict[str, Binding] = {}
    for klass in cls.__mro__:
        if not klass.__module__.startswith("reader."):
            continue
        for b in klass.__dict__.get("BINDINGS", []):
            b = b if isinstance(b, Binding) else Binding(*b)
            key = b.action + "|" + b.description
            if b.action in {x.action for x in seen.values()} and key not in seen:
                continue  # a subclass rebinds the action
            if key in seen:
                keys = seen[key].key.split(",") + [k for k in b.key.split(",") if k not in seen[key].key.split(",")]
                seen[key] = Binding(",".join(keys), b.action, b.description, tooltip=seen[key].tooltip or b.tooltip)
            else:
                seen[key] = b
    return list(seen.values())


def help_title(cls: type) -> str:
    return getattr(cls, "HELP_TITLE", None) or cls.__name__


def help_sections(app, screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys of `screen`: a view's own and its widgets'; on the main screen, the app's keys,
    grouped, then those of its panes and bars."""
    from reader.actions import APP_COMMANDS, GROUPS

    own: list[tuple[str, list[tuple[str, str]]]] = []  # the view's keys, then its widgets'
    classes: list[type] = [type(screen)]
    for w in screen.walk_children():
        if type(w).__module__.startswith("reader.") and type(w) not in classes:
            classes.append(type(w))
    for cls in getattr(screen, "HELP_WIDGETS", ()):
        if cls not in classes:
            classes.append(cls)
    for cls in classes:
        rows = binding_lines(own_bindings(cls))
        if rows:
            title = help_title(cls)
            own.append((title if cls is not type(screen) else f"This view: {title}", rows))
    if isinstance(screen, ModalScreen):  # a view over the main screen: only its own keys work there
        return own
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    by_group: dict[str, list[tuple[str, str]]] = {g: [] for g in GROUPS}
    for c in APP_COMMANDS:
        if c.key:
            by_group.setdefault(c.group, []).append((key_label(c.key), c.title))
    palette = getattr(app, "COMMAND_PALETTE_BINDING", "")
    if palette:
        by_group["Find and search"].insert(0, (key_label(palette), "Palette over everything (articles, entities, …)"))
    for group, rows in by_group.items():
        if rows:
            sections.append((group, rows))
    return sections + own  # the panes and bars of the screen, after the app's keys


class HelpScreen(ModalScreen[None]):
    """Lists the bindings of each section; any of Esc, q, ? or F1 closes it."""

    HELP_TITLE = "Help"

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
