"""The command palette: one provider over the corpus SearchIndex, and scoped variants of it.

The index (articles, entities, quotes, sentences and the app's commands) is built off the event
loop with `asyncio.to_thread` the first time a palette opens, and again when analysis has added
entities and quotes since. Every label and help text is `Content` built by `reader.ui.safe`, never
a `str` (the palette would parse a `str` as markup: `[/]` in a title would crash the app).

`PaletteMixin` gives the app `palette_index()`, `palette_go(target)` and `action_palette(kind)`;
the app lists `palette_bindings()` in its BINDINGS.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content, Span

from reader.actions import APP_COMMANDS
from reader.model.outputs.display import display_line
from reader.ui.safe import join, safe_line

if TYPE_CHECKING:
    from reader.model.search.engine import SearchIndex, SearchItem

LIMIT = 40  # hits per keystroke: the palette has no cap of its own
MATCH_STYLE = "bold underline $accent"
HELP_STYLE = "dim"

PLACEHOLDERS = {
    None: 'Search articles, entities, quotes, commands… (@ entity  " quote  # article  > command  / text)',
    "entity": "Jump to entity…",
    "quote": "Find a quote…",
    "article": "Open article…",
    "sentence": "Find in corpus…",
    "command": "Run command…",
}


def label_content(item: SearchItem, match: tuple[int, int] | None) -> Content:
    """The hit's label, literal, with the matched span emphasised and a kind tag in front."""
    label = safe_line(item.label)  # display_line maps characters 1:1, so `match` offsets still hold
    if match is not None:
        s, e = max(0, match[0]), min(len(label.plain), match[1])
        if e > s:
            label = label.add_spans([Span(s, e, MATCH_STYLE)])
    tag = Content(f"{item.kind:<8} ", [Span(0, len(item.kind), "dim")])
    return join(tag, label)


def help_content(item: SearchItem) -> Content:
    return safe_line(item.help, HELP_STYLE) if item.help else Content("")


class CorpusProvider(Provider):
    """Everything in the corpus; a leading sigil (@ " # > /) narrows the kinds (`parse_scope`)."""

    kinds: tuple[str, ...] | None = None

    async def startup(self) -> None:
        self._index = await self.app.palette_index()

    def _hit(self, item: SearchItem, score: float, match) -> Hit:
        return Hit(
            score,
            label_content(item, match),
            partial(self.app.palette_go, item.target),
            text=display_line(item.label),
            help=help_content(item),
        )

    async def search(self, query: str) -> Hits:
        from reader.model.search.engine import parse_scope

        index = self._index
        if index is None:
            return
        scope, q = parse_scope(query)
        kinds = self.kinds or scope
        # off the event loop, so typing never waits on a search; the palette drops stale ones
        for h in await asyncio.to_thread(index.search, q, kinds, LIMIT):
            yield self._hit(h.item, h.score, h.match)

    async def discover(self) -> Hits:
        index = self._index
        if index is None:
            return
        kinds = self.kinds or ("command",)
        for h in index.search("", kinds=kinds, limit=LIMIT):
            yield DiscoveryHit(
                label_content(h.item, None),
                partial(self.app.palette_go, h.item.target),
                text=display_line(h.item.label),
                help=help_content(h.item),
            )


def scoped_provider(kind: str) -> type[CorpusProvider]:
    """A provider that only returns `kind` hits (the palettes opened by @ " # /)."""
    return type(f"{kind.title()}Provider", (CorpusProvider,), {"kinds": (kind,)})


def palette_bindings(existing: list) -> list[Binding]:
    """App bindings for every APP_COMMANDS entry whose action is not bound yet (ctrl+p is Textual's)."""
    bound = {b.action if isinstance(b, Binding) else b[1] for b in existing}
    out = []
    for c in APP_COMMANDS:
        if not c.key or c.action in bound or c.action == "command_palette":
            continue
        out.append(Binding(c.key, c.action, c.title, show=c.show))
    return out


class PaletteMixin:
    """Mixed into ReaderApp (an App with `corpus`, `open_article`, `article_view`)."""

    _palette_index: SearchIndex | None = None
    _palette_key: tuple | None = None
    _palette_lock: asyncio.Lock | None = None

    def _index_key(self) -> tuple:
        c = self.corpus
        return (len(c.articles), len(c.analyses), len(c.entities))

    async def palette_index(self) -> SearchIndex:
        """The index to search now. The first time it is built here; after that the last one
        built is returned at once and, when the corpus has changed since (files still being
        read, analysis done), a new one is built in the background: at 10k articles a build
        takes seconds, and the palette must not wait for it."""
        if self._palette_index is None:
            await self._build_palette_index()
        elif self._index_key() != self._palette_key:
            self._warm_palette_index()
        return self._palette_index

    async def _build_palette_index(self) -> None:
        if self._palette_lock is None:
            self._palette_lock = asyncio.Lock()
        async with self._palette_lock:
            key = self._index_key()
            if self._palette_index is None or key != self._palette_key:
                from reader.actions import command_items
                from reader.model.search.corpus_items import build_index

                self._palette_index = await asyncio.to_thread(build_index, self.corpus, list(command_items()))
                self._palette_key = key

    def _warm_palette_index(self) -> None:
        """Bring the index up to date in the background (not while files are still being read:
        the list is growing, and the end of reading calls this again)."""
        if self.corpus.loading and self._palette_index is not None:
            return
        if any(w.group == "palette-index" and not w.is_finished for w in self.workers):
            return  # the running one rebuilds again if the corpus changed while it worked
        self.run_worker(
            self._refresh_palette_index(), group="palette-index", exit_on_error=False, description="palette index"
        )

    async def _refresh_palette_index(self) -> None:
        while self._palette_index is None or (not self.corpus.loading and self._index_key() != self._palette_key):
            await self._build_palette_index()

    # Textual calls these for every class in the MRO, so the app's own handlers still run.
    def on_ready(self) -> None:
        """Build the index once the first screen is up, so the first palette opens full."""
        self._warm_palette_index()

    def on_analysis_done(self, _event) -> None:
        """Analysis added entities and quotes: rebuild now rather than when the palette opens."""
        self._warm_palette_index()

    def action_palette(self, kind: str | None = None) -> None:
        """Open the palette over one kind of item (`palette('entity')`) or over everything."""
        if CommandPalette.is_open(self):
            return
        provider = scoped_provider(kind) if kind else CorpusProvider
        self.push_screen(
            CommandPalette(
                providers=[provider],
                placeholder=PLACEHOLDERS.get(kind, PLACEHOLDERS[None]),
                id=f"{kind or 'all'}-palette",
            )
        )

    # -- acting on a chosen hit -------------------------------------------------------------
    def palette_go(self, target: tuple) -> None:
        kind = target[0]
        if kind == "command":
            self.call_later(self.run_action, target[1])
        elif kind == "article":
            art = self.corpus.article(target[1])
            if art is not None:
                self.open_article(art)
                self.article_view.focus()
        elif kind == "entity":
            self.go_to_entity(target[1])
        elif kind in ("quote", "sentence"):
            _, aid, start, end = target
            art = self.corpus.article(aid)
            if art is not None:
                self._open_at(art, start, end)

    def _open_at(self, article, start: int, end: int) -> None:
        if article is not self.current:
            self.open_article(article)
        view = self.article_view
        view.focus()
        # after the view has laid the article out
        self.call_after_refresh(view.set_current, start, end)

    def go_to_entity(self, entity_id: str) -> None:
        """Make the entity current at its first mention (in list order), through the app's entity
        navigation (`set_entity`) when it has one."""
        ent = self.corpus.entity(entity_id)
        if ent is None or not ent.mentions:
            return
        order = {id(a): i for i, a in enumerate(self.article_list.articles_in_order)}
        best = None
        for m in ent.mentions:
            art = self.corpus.article_at(m.file, m.start)
            if art is None:
                continue
            k = (order.get(id(art), 1 << 30), m.start)
            if best is None or k < best[0]:
                best = (k, art, m)
        if best is None:
            return
        _, art, m = best
        set_entity = getattr(self, "set_entity", None)
        if callable(set_entity):
            set_entity(ent, art, m.start, m.end)
            self.article_view.focus()
        else:
            self._open_at(art, m.start, m.end)
