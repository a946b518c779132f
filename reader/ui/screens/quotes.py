"""Who said what: every quote in the corpus grouped by speaker, filtered by typing.

Speakers are canonical entity names (`corpus.speaker_entity`), else the quote's speaker text;
quotes whose speaker is unknown are listed last, under "Unattributed". Each row shows the
speaker's role as the article writes it near the name, when it does. Choosing a row dismisses with (article, quote); the reading pane opens the article
and makes the quote current. All article-derived text goes through reader.ui.safe.

Over a big corpus the rows are read from the palette's quote store on disk when it is there
(reader.model.search.quote_store, written by `reader index` or the palette's worker), which holds
each quote's speaker and role: decoding every file's analysis took minutes at 100k articles.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from textual.content import Content
from textual.widgets.option_list import Option

from reader.model.outputs.corpus_citations import quote_role, quote_speaker
from reader.ui.safe import join, safe_line
from reader.ui.screens.corpus_list import CorpusListScreen

UNKNOWN = "Unattributed"


@dataclass(frozen=True, slots=True)
class QuoteRow:
    speaker: str
    article: object
    start: int  # the quote's span in the article's file
    end: int
    text: str  # the quote's words
    role: str | None = None

    def matches(self, needle: str) -> bool:
        return not needle or needle in self.speaker.casefold() or needle in self.text.casefold()

    def quote(self, corpus):
        """The quote itself (None if the corpus no longer has it)."""
        return next((q for q in corpus.quotes_in(self.article) if (q.start, q.end) == (self.start, self.end)), None)


def quote_rows(corpus, progress=None) -> list[QuoteRow]:
    """All quotes, grouped by speaker (speakers A–Z, "Unattributed" last), in corpus order within a
    speaker. `progress(rows so far)` is called now and then (unsorted rows, only appended to).
    A big corpus's rows come from its quote store when there is one (`stored_rows`)."""
    stored = stored_rows(corpus, progress)
    if stored is not None:
        return stored
    rows: list[QuoteRow] = []
    for art in corpus.articles[:]:  # a copy: files may still be arriving
        quotes = corpus.quotes_in(art)
        mentions = corpus.mentions_in(art) if quotes else []  # once per article, not per quote
        for q in sorted(quotes, key=lambda q: (q.start, q.end)):
            name = quote_speaker(corpus, art, q, mentions)
            rows.append(QuoteRow(name or UNKNOWN, art, q.start, q.end, q.text, quote_role(art, q) if name else None))
        if progress is not None:
            progress(rows)
    return by_speaker(rows)


def stored_rows(corpus, progress=None) -> list[QuoteRow] | None:
    """`quote_rows` read from the corpus's quote store (quote texts on one line); None when the
    corpus is small or its store is not written (yet)."""
    from reader.model.search.quote_store import BIG_CORPUS, big_corpus_quotes

    if len(corpus.articles) < BIG_CORPUS or corpus.loading:
        return None
    store = big_corpus_quotes(corpus, build=False)
    if store is None:
        return None
    rows: list[QuoteRow] = []
    keys: list[int] = []  # each row's place in corpus order, one int (400k tuple keys sort slower)
    arts = corpus.articles[:]
    where = {a.id: i for i, a in enumerate(arts)}
    for n, (aid, s, e, who, role, text) in enumerate(store.speaker_rows()):
        at = where.get(aid)
        if at is not None:
            rows.append(QuoteRow(who or UNKNOWN, arts[at], s, e, text, role if who else None))
            keys.append(at << 80 | s << 40 | e)
        if progress is not None and n % 2000 == 0:
            progress(rows)
    order = sorted(range(len(rows)), key=keys.__getitem__)  # corpus order, as decoded
    return by_speaker([rows[i] for i in order])


def by_speaker(rows: list[QuoteRow]) -> list[QuoteRow]:
    """Speakers A–Z, "Unattributed" last; a speaker's quotes in the order given."""
    of: dict[str, list[QuoteRow]] = {}
    for r in rows:
        got = of.get(r.speaker)
        if got is None:
            got = of[r.speaker] = []
        got.append(r)
    first = {who: i for i, who in enumerate(of)}  # speakers whose names fold alike: first seen first
    names = sorted(of, key=lambda who: (who == UNKNOWN, who.casefold(), first[who]))
    return [r for who in names for r in of[who]]


class QuotesScreen(CorpusListScreen):
    """Dismisses with (article, quote), or None on Esc."""

    HELP_TITLE = "Who said what (Q)"

    TITLE_TEXT = "Who said what — type to filter, Enter to go, Esc to close"
    PLACEHOLDER = "filter by speaker or quote text"

    def gather(self, progress) -> list:
        return quote_rows(self.corpus, progress)

    def order(self, rows: list) -> list:
        return by_speaker(rows)

    def row_text(self, row: QuoteRow) -> str:
        # speaker and quote apart, so that a needle never matches across the two
        return row.speaker.casefold() + "\n" + row.text.casefold()

    def facts_of(self, shown: list) -> Counter:
        return Counter(r.speaker for r in shown)

    def page(self, start: int, stop: int) -> list[Option]:
        options: list[Option] = []
        shown = self.shown
        for i in range(start, stop):
            r = shown[i]
            if i == 0 or shown[i - 1].speaker != r.speaker:
                options.append(Option(self._heading(r.speaker, self.facts[r.speaker]), id=f"head-{i}", disabled=True))
            options.append(Option(self.prompt_of(r, None, lambda r=r: self._row_prompt(r)), id=f"row-{i}"))
        return options

    def _row_prompt(self, r: QuoteRow) -> Content:
        title = r.article.title or r.article.source.name
        return join(
            "  “",
            safe_line(" ".join(r.text.split())),
            "”  — ",
            *((safe_line(" ".join(r.role.split()), "italic"), " · ") if r.role else ()),
            safe_line(title, "dim"),
        )

    def _heading(self, speaker: str, n: int) -> Content:
        """A speaker's heading: the name, and how many of their quotes are shown."""
        return join(safe_line(speaker, "bold"), f"  ({n})")

    def same_layout(self, old, new) -> bool:
        return True  # the facts are the headings' counts, which first_page_done brings up to date

    def first_page_done(self) -> None:
        """Headings on the first page counted only its rows: now every match is counted."""
        lst = self.options
        for k, option in enumerate(lst.options):
            if option.id and option.id.startswith("head-"):
                who = self.shown[int(option.id[5:])].speaker
                lst.replace_option_prompt_at_index(k, self._heading(who, self.facts[who]))

    def count_text(self, needle: str) -> str:
        return f"{len(self.shown)} quote(s) from {len(self.facts)} speaker(s)"

    def empty_text(self, needle: str) -> str:
        return ""

    def result(self, index: int) -> object:
        r = self.shown[index]
        quote = r.quote(self.corpus)
        return (r.article, quote) if quote is not None else None
