"""Who said what: every quote in the corpus grouped by speaker, filtered by typing.

Speakers are canonical entity names (`corpus.speaker_entity`), else the quote's speaker text;
quotes whose speaker is unknown are listed last, under "Unattributed". Each row shows the
speaker's role as the article writes it near the name, when it does. Choosing a row dismisses with (article, quote); the reading pane opens the article
and makes the quote current. All article-derived text goes through reader.ui.safe.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.widgets.option_list import Option

from reader.model.outputs.corpus_citations import quote_role, quote_speaker
from reader.ui.safe import join, safe_line
from reader.ui.screens.filter_list import FilterListScreen

UNKNOWN = "Unattributed"


@dataclass(frozen=True, slots=True)
class QuoteRow:
    speaker: str
    article: object
    quote: object
    role: str | None = None

    def matches(self, needle: str) -> bool:
        return not needle or needle in self.speaker.casefold() or needle in self.quote.text.casefold()


def quote_rows(corpus) -> list[QuoteRow]:
    """All quotes, grouped by speaker (speakers A–Z, "Unattributed" last), in corpus order within a speaker."""
    rows = []
    for art in corpus.articles:
        for q in sorted(corpus.quotes_in(art), key=lambda q: (q.start, q.end)):
            name = quote_speaker(corpus, art, q)
            rows.append(QuoteRow(name or UNKNOWN, art, q, quote_role(art, q) if name else None))
    order = {}
    for r in rows:
        order.setdefault(r.speaker, len(order))
    return sorted(rows, key=lambda r: (r.speaker == UNKNOWN, r.speaker.casefold(), order[r.speaker]))


class QuotesScreen(FilterListScreen):
    """Dismisses with (article, quote), or None on Esc."""

    HELP_TITLE = "Who said what (Q)"

    TITLE_TEXT = "Who said what — type to filter, Enter to go, Esc to close"
    PLACEHOLDER = "filter by speaker or quote text"

    def __init__(self, corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.rows = quote_rows(corpus)
        self.shown: list[QuoteRow] = []

    def fill(self, needle: str) -> None:
        lst = self.options
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
            options.append(
                Option(
                    join(
                        "  “",
                        safe_line(" ".join(r.quote.text.split())),
                        "”  — ",
                        *((safe_line(" ".join(r.role.split()), "italic"), " · ") if r.role else ()),
                        safe_line(title, "dim"),
                    ),
                    id=f"row-{i}",
                )
            )
        lst.add_options(options)
        if first is not None:
            lst.highlighted = first
        speakers = len({r.speaker for r in self.shown})
        self.set_count(f"{len(self.shown)} quote(s) from {speakers} speaker(s)")

    def result(self, index: int) -> object:
        r = self.shown[index]
        return r.article, r.quote
