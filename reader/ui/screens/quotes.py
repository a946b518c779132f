"""Who said what: every quote in the corpus grouped by speaker, filtered by typing.

Speakers are canonical entity names (`corpus.speaker_entity`), else the quote's speaker text,
else "Unknown". Choosing a row dismisses with (article, quote); the app opens the article and
makes the quote current. All article-derived text goes through reader.ui.safe.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.ui.quote_nav import speaker_name
from reader.ui.safe import join, safe_line

UNKNOWN = "Unknown"


@dataclass(frozen=True, slots=True)
class QuoteRow:
    speaker: str
    article: object
    quote: object

    def matches(self, needle: str) -> bool:
        return not needle or needle in self.speaker.casefold() or needle in self.quote.text.casefold()


def quote_rows(corpus) -> list[QuoteRow]:
    """All quotes, grouped by speaker (speakers A–Z, "Unknown" last), in corpus order within a speaker."""
    rows = []
    for art in corpus.articles:
        for q in sorted(corpus.quotes_in(art), key=lambda q: (q.start, q.end)):
            rows.append(QuoteRow(speaker_name(corpus, art, q) or UNKNOWN, art, q))
    order = {}
    for r in rows:
        order.setdefault(r.speaker, len(order))
    return sorted(rows, key=lambda r: (r.speaker == UNKNOWN, r.speaker.casefold(), order[r.speaker]))


class QuotesScreen(ModalScreen):
    """Dismisses with (article, quote), or None on Esc."""

    DEFAULT_CSS = """
    QuotesScreen { align: center middle; }
    #quotes-body {
        width: 90%; height: 90%; border: round $accent; padding: 0 1; background: $surface;
    }
    #quotes-list { height: 1fr; }
    #quotes-count { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "dismiss_none", "Close"),
        Binding("down", "to_list", "Go to the list", show=False),
    ]

    def __init__(self, corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.rows = quote_rows(corpus)
        self.shown: list[QuoteRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="quotes-body") as body:
            body.border_title = Content("Who said what — type to filter, Enter to go, Esc to close")
            yield Input(placeholder="filter by speaker or quote text", id="quotes-filter")
            yield Static(id="quotes-count")
            yield OptionList(id="quotes-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#quotes-filter", Input).focus()

    def _fill(self, needle: str) -> None:
        needle = needle.strip().casefold()
        lst = self.query_one("#quotes-list", OptionList)
        lst.clear_options()
        self.shown = [r for r in self.rows if r.matches(needle)]
        options: list[Option] = []
        speaker = None
        first = None
        for i, r in enumerate(self.shown):
            if r.speaker != speaker:
                speaker = r.speaker
                n = sum(1 for x in self.shown if x.speaker == speaker)
                options.append(Option(join(safe_line(speaker, "bold"), f"  ({n})"), disabled=True))
            if first is None:
                first = len(options)
            title = r.article.title or r.article.source.name
            options.append(Option(join("  “", safe_line(" ".join(r.quote.text.split())), "”  — ", safe_line(title, "dim")),
                                  id=f"row-{i}"))
        lst.add_options(options)
        if first is not None:
            lst.highlighted = first
        speakers = len({r.speaker for r in self.shown})
        self.query_one("#quotes-count", Static).update(
            Content(f"{len(self.shown)} quote(s) from {speakers} speaker(s)"))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        lst = self.query_one("#quotes-list", OptionList)
        if lst.highlighted is not None:
            self._choose(lst.get_option_at_index(lst.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option.id)

    def _choose(self, option_id: str | None) -> None:
        if not option_id or not option_id.startswith("row-"):
            return
        r = self.shown[int(option_id[4:])]
        self.dismiss((r.article, r.quote))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_to_list(self) -> None:
        self.query_one("#quotes-list", OptionList).focus()
