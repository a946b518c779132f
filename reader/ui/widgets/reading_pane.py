"""The reading pane: the open article, and everything that moves the reading position.

It owns the article shown, the highlight layers (entities and quotes from the analysis, find
matches), the current span, the current entity with its current mention (e, n/N, ]/[, clicks),
quote stepping (./,: `quotes`, reader/ui/quote_steps.py) and find in article (/, with the bar
below the article: `find`, reader/ui/find.py). What copying, clipping and bookmarking need is
public (`quotes.current`, `current_mention`, `clip_target()`, `selection_span()`,
`reading_offset`).

Up, the screen watches its `article` and `status` reactives (list cursor, titles, status line) and
it posts `EntityChanged`; down, it calls the ArticleView (`show`, `set_spans`, `set_current`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import var

from reader.model.ingest.article import Article
from reader.ui.entity_nav import (
    COUNTING,
    EntityNav,
    Hit,
    entity_at,
    entity_from,
    hit_after,
    hit_at_or_after,
    hit_before,
    mentions_here,
    status_text,
)
from reader.ui.entity_walk import EntityWalks
from reader.ui.find import FindSearch
from reader.ui.quote_steps import QuoteSteps
from reader.ui.safe import join, notice_text, safe_line
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.find_bar import FindBar
from reader.ui.widgets.highlight_layers import analysis_spans

NO_ENTITY = "No current entity: click a highlighted name or press e"
FOLLOWS_TEXT = 24  # cells of the entity's name or the find's text in the note of what n/N walk
FOLLOWS_CELLS = len("n/N: find “”") + FOLLOWS_TEXT  # the widest that note can be


class ReadingPane(Vertical):
    """The article view, with the find bar below it while find is open."""

    HELP_TITLE = "Reading pane, after a find (/)"

    BINDINGS = [
        Binding("n", "find_step(1)", "Next match", tooltip="after a find (/), until it is cleared", show=False),
        Binding("N", "find_step(-1)", "Previous match", tooltip="after a find (/), until it is cleared", show=False),
        Binding("escape", "find_close", "Close the find bar; again: clear the find", show=False),
    ]

    # the article shown; it changes just before the view shows it, so a watcher still reads where
    # the reader left the previous one (`reading_offset`)
    article: var[Article | None] = var(None, always_update=True, init=False)
    status: var[Content] = var(Content(""), always_update=True, init=False)  # for the status line
    follows: var[Content] = var(Content(""), init=False)  # what n/N walk: a find or the current entity
    # the current entity (aliases.Entity): n/N/[/] walk its mentions; always stored, so an
    # entity rebuilt by a correction replaces an equal one from before
    current_entity = var(None, always_update=True, init=False)

    @dataclass
    class EntityChanged(Message):
        entity: object | None

    def __init__(
        self,
        corpus,
        *,
        order: Callable[[], Sequence[Article]],
        remembered: Callable[[Article], int | None],
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.corpus = corpus
        self._order = order  # the list pane's order: entity navigation walks articles in it
        self._remembered = remembered  # where the reader left an article
        self.current_mention: tuple[Article, int, int] | None = None  # of the current entity
        self.walks = EntityWalks(self, corpus, order)  # the current entity's walk over the list's order
        self._counting: Content | None = None  # the status while it says "counting…"
        self.find = FindSearch(self)
        self.quotes = QuoteSteps(self)  # the current quote, ./,

    def compose(self) -> ComposeResult:
        yield ArticleView(id="view")

    @property
    def view(self) -> ArticleView:
        return self.query_one("#view", ArticleView)

    # -- the article ----------------------------------------------------------------------
    def open(self, article: Article, offset: int | None = None) -> None:
        """Show `article` at source `offset` (default: where the reader left it), with its highlights."""
        if offset is None:
            offset = self._remembered(article)
        self.article = article
        self.view.show(article, offset)
        self.apply_highlights()
        self.show_article_status()
        self.find.article_opened()

    def open_at(self, article: Article, start: int, end: int) -> None:
        """Open `article` with [start, end) current, once the view has laid it out."""
        if article is not self.article:
            self.open(article)
        view = self.view
        view.focus()
        self.call_after_refresh(view.set_current, start, end)

    def go_span(self, article: Article, start: int, end: int) -> None:
        """Make [start, end) of `article` current as what it is: a quote, an entity mention or text."""
        quote = next((q for q in self.corpus.quotes_in(article) if (q.start, q.end) == (start, end)), None)
        mention = next((m for m in self.corpus.mentions_in(article) if (m[0], m[1]) == (start, end)), None)
        if quote is not None:
            self.quotes.go(article, quote)
        elif mention is not None:
            self.set_entity(mention[2], article, start, end)
        else:
            if article is not self.article:
                self.open(article)
            self.view.set_current(start, end)

    @property
    def reading_offset(self) -> int:
        """The source offset at the top of the view (what a bookmark marks)."""
        return self.view.top_offset

    def selection_span(self) -> tuple[int, int] | None:
        """Source offsets of the mouse selection in the article, if it holds any text."""
        sel = self.view.selected_span
        return sel if sel is not None and sel[1] > sel[0] else None

    def clip_target(self) -> tuple[int, int] | None:
        """What `y` clips: the mouse selection, else the current quote or mention."""
        sel = self.selection_span()
        if sel is not None:
            return sel
        current = self.view.current_span  # set by . and , (quotes), e/n/N and clicks (mentions)
        return tuple(current) if current is not None else None

    def make_current(self, start: int, end: int) -> None:
        self.view.set_current(start, end)

    # -- highlights -----------------------------------------------------------------------
    def analysed(self) -> bool:
        art = self.article
        return art is not None and self.corpus.file_index(art) in self.corpus.analyses

    @property
    def needs_highlights(self) -> bool:
        """The open article's file is analysed but nothing is highlighted yet."""
        return self.analysed() and not self.view.has_highlights

    def apply_highlights(self) -> None:
        """Entity and quote spans of the open article (once its file is analysed)."""
        art = self.article
        if art is None or not self.analysed():
            return
        self.view.set_spans(analysis_spans(self.corpus, art))

    # -- status ---------------------------------------------------------------------------
    def show_article_status(self) -> None:
        art = self.article
        if art is None:
            return
        bits = [art.publisher or "", art.date or "", f"{art.words:,} words"]
        self.status = safe_line(" · ".join(b for b in bits if b))

    def _notice(self, text: str) -> None:
        self.notify(notice_text(text), markup=False, timeout=3)

    @on(ArticleView.SpanClicked)
    def _span_clicked(self, event: ArticleView.SpanClicked) -> None:
        event.stop()
        art = self.article
        hit = entity_at(self.corpus, art, event.offset) if art else None
        if hit is not None:  # an entity mention: it becomes the current entity (the text stays put)
            self._picked()
            self.set_entity(hit[2], art, hit[0], hit[1], comfortable=False)
            return
        spans = self.view.spans_at(event.offset)
        if not spans:
            return
        s, e, cls = spans[-1]
        self.view.set_current(s, e, comfortable=False)
        kind = cls.rsplit("--", 1)[-1]
        text = art.text[s:e] if art else ""
        self.status = join(f"{kind}: ", safe_line(text), f"  ({s}–{e})")

    # -- the current entity ---------------------------------------------------------------
    def watch_current_entity(self, entity) -> None:
        self.post_message(self.EntityChanged(entity))
        self._show_follows()

    def _show_follows(self) -> None:
        """The status line's note of what n/N walk: the find while there is one (the last search
        wins), else the current entity."""
        if self.find.active:
            self.follows = join(
                "n/N: find “", safe_line(self.find.query_text).truncate(FOLLOWS_TEXT, ellipsis=True), "”"
            )
        elif self.current_entity is not None:
            self.follows = join(
                "n/N: ", safe_line(getattr(self.current_entity, "name", "")).truncate(FOLLOWS_TEXT, ellipsis=True)
            )
        else:
            self.follows = Content("")

    def find_changed(self, cleared: bool = False) -> None:
        """The find started, changed, closed or was cleared."""
        self._show_follows()
        if cleared:
            if self.current_entity is not None:
                self.show_entity_status()
            else:
                self.show_article_status()

    def find_status(self, query: str, position: str) -> None:
        """The find's position with the bar closed: 'find “x” · 3 of 12'."""
        self.status = join("find “", safe_line(query).truncate(40, ellipsis=True), f"” · {position} · Esc clears")

    def _picked(self) -> None:
        """The reader picked an entity: it is now the last search, so a find ends."""
        if self.find.active:
            self.find.clear()

    def walk(self) -> EntityNav | None:
        """The current entity's walk over the list's order, or None (no entity, or it is being
        made in a worker: reader/ui/entity_walk.py)."""
        return self.walks.get(self.current_entity)

    def walk_arrived(self) -> None:
        """The walk came from the worker (EntityWalks): a status still "counting…" gets its totals."""
        if self._counting is not None and self.status is self._counting:
            self.show_entity_status()

    @property
    def waiting_for_walk(self) -> bool:
        """A key (`]`/`[`) or a jump to the first mention waits for the walk being made."""
        return self.walks.waiting

    def mentions_here(self, article: Article | None = None) -> list[Hit]:
        """The current entity's mentions in `article` (default: the open one), without the walk."""
        art = self.article if article is None else article
        if self.current_entity is None or art is None:
            return []
        return mentions_here(self.corpus, self.current_entity, art)

    def set_entity(
        self,
        entity,
        article: Article | None = None,
        start: int | None = None,
        end: int | None = None,
        comfortable: bool = True,
    ):
        """Make `entity` current; with a mention (article, start, end), jump to it."""
        if entity is not self.current_entity:
            self.walks.forget_waiting()  # what waited was for the entity before
        self.current_entity = entity
        self.current_mention = None
        if article is not None and start is not None and end is not None:
            self.go_mention(article, start, end, comfortable)
        else:
            self.show_entity_status()

    def go_mention(self, article: Article, start: int, end: int, comfortable: bool = True) -> None:
        """Open `article` (if needed) at a mention of the current entity and make it current."""
        if article is not self.article:
            self.open(article)
        self.current_mention = (article, start, end)
        self.view.set_current(start, end, comfortable)
        self.show_entity_status()

    def go_to_first_mention(self, entity) -> None:
        """Make `entity` current at its first mention in reading order (list order, then text)."""
        self._picked()
        self.set_entity(entity)

        def first(nav: EntityNav) -> None:
            if nav.hits:
                hit = nav.hits[0]
                self.go_mention(hit.article, hit.start, hit.end)

        self.walks.when_walked(entity, first)

    def jump_to_mention(self, entity, article: Article, start: int, end: int) -> None:
        """Make `entity` current at the given mention (a pick: the concordance's Enter)."""
        self._picked()
        self.set_entity(entity, article, start, end)

    def go_to_first_mention_here(self, entity) -> None:
        """Make `entity` current at its first mention in the open article."""
        art = self.article
        self._picked()
        self.set_entity(entity)
        hit = hit_at_or_after(self.mentions_here(art), art.start) if art is not None else None
        if hit is not None:
            self.go_mention(hit.article, hit.start, hit.end)

    def entity_status(self) -> str:
        """'Name · mention 3/7 here · 42 in 8 articles' for the current entity and mention, else ''
        (the totals read "counting…" until the walk over the corpus is made)."""
        if self.current_entity is None:
            return ""
        m = self.current_mention
        start = m[1] if m is not None and m[0] is self.article else None
        return status_text(self.current_entity, self.mentions_here(), start, self.walk())

    def show_entity_status(self) -> None:
        if self.current_entity is not None:
            text = self.entity_status()
            self.status = safe_line(text)
            self._counting = self.status if text.endswith(COUNTING) else None

    def entity_rebuilt(self, entity, mention: tuple[Article, int, int] | None) -> None:
        """The entities were rebuilt (a correction): `entity` is what the current one became;
        the current mention stays when it is still one of the entity's."""
        self.set_entity(entity)
        if entity is None:
            self.show_article_status()
        elif mention is not None and any(
            mention[0] is self.corpus.article_at(m.file, m.start) and (m.start, m.end) == mention[1:]
            for m in entity.mentions
        ):
            self.current_mention = mention
            self.show_entity_status()

    def entity_here(self, step: int = 1) -> None:
        """`e`: the names on screen in turn: the first at or after the top of the view, then the
        next one each time (round to the first); `ctrl+e` goes the other way."""
        art = self.article
        if art is None:
            return
        top, bottom = self.view.top_offset, self.view.bottom_offset
        shown = [m for m in self.corpus.mentions_in(art) if m[1] > top and m[0] < bottom]
        if not shown:
            hit = entity_from(self.corpus, art, top)  # nothing on screen: the next one below
            if hit is None:
                self._notice("No entity mention here (yet: analysis may still be running)")
                return
        else:
            cur = self.view.current_span
            at = next((i for i, m in enumerate(shown) if cur is not None and (m[0], m[1]) == tuple(cur)), None)
            if at is None:
                hit = shown[0] if step > 0 else shown[-1]
            else:
                hit = shown[(at + step) % len(shown)]
        self._picked()
        self.set_entity(hit[2], art, hit[0], hit[1], comfortable=False)

    def entity_mention(self, step: int) -> None:
        """`n`/`N`: the next or previous find match while a find is on (the last search wins),
        else the next or previous mention of the current entity in this article."""
        if self.find.active:
            self.find.step(step)
            return
        art = self.article
        if self.current_entity is None or art is None:
            self._notice(NO_ENTITY)
            return
        here, m = self.mentions_here(art), self.current_mention
        if m is not None and m[0] is art:
            hit = hit_after(here, m[1]) if step > 0 else hit_before(here, m[1])
        else:
            top = self.view.top_offset
            hit = hit_at_or_after(here, top) if step > 0 else hit_before(here, top)
        if hit is None:
            key = "]" if step > 0 else "["
            self._notice(
                f"No {'later' if step > 0 else 'earlier'} mention of {self.current_entity.name} "
                f"in this article; {key} for the {'next' if step > 0 else 'previous'} article"
            )
            return
        self.go_mention(hit.article, hit.start, hit.end)

    def entity_article(self, step: int) -> None:
        """`]`/`[`: the next or previous article mentioning the current entity (over a long list,
        once the walk is made: the step is taken then, if the reader is still where it was asked)."""
        art, entity = self.article, self.current_entity
        if entity is None or art is None:
            self._notice(NO_ENTITY)
            return

        def step_from(nav: EntityNav) -> None:
            if self.article is not art or self.current_entity is not entity:
                return
            hit = nav.next_article(art) if step > 0 else nav.prev_article(art)
            if hit is None:
                self._notice(f"No {'later' if step > 0 else 'earlier'} article mentions {entity.name}")
                return
            self.go_mention(hit.article, hit.start, hit.end)

        self.walks.when_walked(entity, step_from)

    # -- find in article (the bar's messages; n/N/Esc while it is open) --------------------
    @on(FindBar.Changed)
    def _find_changed(self) -> None:
        self.find.search()

    @on(FindBar.Step)
    def _find_step(self, event: FindBar.Step) -> None:
        self.find.step(event.direction)

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        if not self.find.stop():  # Esc stops a running search first; then it closes the bar
            self.find.close()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # with no find on these keys belong to the app (n/N: next mention of the entity)
        if action in ("find_step", "find_close"):
            return self.find.active
        return True

    def action_find_step(self, direction: int) -> None:
        self.find.step(direction)

    def action_find_close(self) -> None:
        bar = self.find.bar()
        if bar is not None:
            bar.action_close()  # the find stays
        else:
            self.find.clear()
