"""The command palette: one provider over the corpus SearchIndex, and scoped variants of it.

`!` first makes it check a quote from a draft instead (reader/ui/verify_mode.py, the app's
`quote_checker`). The index (articles, entities, quotes, sentences and the app's commands) is built off the event
loop with `asyncio.to_thread` the first time a palette opens, and again when analysis has added
entities and quotes since. Every label and help text is `Content` built by `reader.ui.safe`, never
a `str` (the palette would parse a `str` as markup: `[/]` in a title would crash the app).

ReaderApp owns one `PaletteIndex` (`app.search_index`), opens palettes with `open_palette(app, kind)`
(`initial="!"` opens one with `!` typed)
and lists `palette_bindings()` in its BINDINGS; `go_to_hit` acts on a chosen hit.
"""

from __future__ import annotations

import asyncio
from contextlib import nullcontext, suppress
from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Command, CommandInput, CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content, Span
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from reader.actions import APP_COMMANDS
from reader.model.gcpause import freeze_long_lived
from reader.model.outputs.display import display_line
from reader.ui import verify_mode
from reader.ui.frame_hold import FrameHold
from reader.ui.safe import join, safe_line
from reader.ui.screens.dimmed import dimmed
from reader.ui.widgets.direct_rows import DirectRows
from reader.ui.widgets.drawn_once import DrawnOnce
from reader.ui.widgets.palette_parts import PaletteInput, PaletteList

if TYPE_CHECKING:
    from reader.model.search.engine import CombinedIndex, Searchable, SearchItem

LIMIT = 40  # hits per keystroke at most (the palette has no cap of its own) ...
LIST_SHARE = 0.7  # ... and no more than its list shows: Textual's CommandList is at most 70vh high
LIST_MARGIN = 4  # hits kept beyond a full list (each hit is two lines: label and help)
MATCH_STYLE = "bold underline $accent"
HELP_STYLE = "dim"

PLACEHOLDERS = {
    None: 'Search articles, entities, quotes, commands… (@ entity  " quote  # article  > command  / text  ! verify)',
    "entity": "Jump to entity…",
    "quote": "Find a quote…",
    "article": "Open article…",
    "sentence": "Find in corpus…",
    "command": "Run command…",
}


TAG_WIDTH = 9  # "sentence " and the like before each label


def label_content(item: SearchItem, match: tuple[int, int] | None, width: int | None = None) -> Content:
    """The hit's label, literal, with the matched span emphasised and a kind tag in front; with
    `width`, one line of it that shows the match (cut before it when it lies further right)."""
    label = safe_line(item.label)  # display_line maps characters 1:1, so `match` offsets still hold
    if match is not None:
        s, e = max(0, match[0]), min(len(label.plain), match[1])
        if e > s:
            label = label.add_spans([Span(s, e, MATCH_STYLE)])
            room = (width or 0) - TAG_WIDTH
            if width is not None and e > room - 1 and s > room // 3:
                label = Content("…") + label[s - room // 3 :]
    tag = Content(f"{item.kind:<8} ", [Span(0, len(item.kind), "dim")])
    out = join(tag, label)
    return out if width is None else out.truncate(width, ellipsis=True)


def help_content(item: SearchItem) -> Content:
    return safe_line(item.help, HELP_STYLE) if item.help else Content("")


class CorpusProvider(Provider):
    """Everything in the corpus; a leading sigil (@ " # > /) narrows the kinds (`parse_scope`);
    `!` checks a quote from a draft (verify mode)."""

    kinds: tuple[str, ...] | None = None

    _index: Searchable | None = None

    async def startup(self) -> None:
        # Never wait here: Textual cancels this task with the first search when a second query
        # arrives (the `!` typed on opening), and a provider whose startup was cancelled finds
        # nothing until the palette is opened again. The searches wait for a first index instead.
        if self.app.search_index.index is not None:
            self._index = await self.app.search_index.get()  # at once; rebuilds a stale one behind

    async def _current(self) -> Searchable | None:
        """The newest index (parts arrive while the palette is open); the first time, wait for it."""
        return self.app.search_index.index or self._index or await self.app.search_index.get()

    def _width(self) -> int:
        """Cells a hit's line may use: the screen less the list's padding and scrollbar."""
        return max(20, self.app.size.width - 8)

    def _limit(self) -> int:
        """Hits per keystroke: what the list shows and a few more (every hit is measured and
        drawn by the list on each keystroke, so hits nobody sees cost frames)."""
        return min(LIMIT, int(self.app.size.height * LIST_SHARE) // 2 + LIST_MARGIN)

    @staticmethod
    def _hit(app, item: SearchItem, score: float, match, width: int) -> Hit:
        # one line of label and one of help: a long label cut, not wrapped, so at 80 columns
        # every hit still shows its second line (where it is from) right under it
        return Hit(
            score,
            label_content(item, match, width),
            partial(go_to_hit, app, item.target),
            text=display_line(item.label),
            help=help_content(item).truncate(width, ellipsis=True),
        )

    async def search(self, query: str) -> Hits:
        from reader.model.search.engine import parse_scope

        draft = verify_mode.verify_query(query) if self.kinds is None else None
        if draft is not None:
            async for hit in self._verify(draft):
                yield hit
            return
        index = await self._current()
        if index is None:
            return
        scope, q = parse_scope(query)
        kinds = self.kinds or scope
        # off the event loop, so typing never waits on a search; the palette drops stale ones.
        # The hits' labels are made there too: the event loop then has only to show them
        app, width, limit = self.app, self._width(), self._limit()

        def find() -> list[Hit]:
            return [self._hit(app, h.item, h.score, h.match, width) for h in index.search(q, kinds, limit)]

        for hit in await asyncio.to_thread(find):
            yield hit

    async def _verify(self, draft: str) -> Hits:
        """Verify mode: the passage the draft comes from, with its verdict, then wire copies."""
        from reader.model.search.verify import parse_draft

        app = self.app
        width = max(40, app.size.width - 12)  # the palette's list, less its padding
        noop = _nothing
        if sum(1 for t in parse_draft(draft) if t.kind == "word") < verify_mode.MIN_WORDS:
            yield Hit(1.0, verify_mode.hint_label(), noop, text=verify_mode.SIGIL + display_line(draft))
            return
        checks = await app.quote_checker.check(draft)
        if checks is None:  # a newer draft replaced this one
            return
        if not checks.passages:
            yield Hit(
                1.0,
                verify_mode.not_found_label(draft, width),
                noop,
                text=verify_mode.SIGIL + display_line(draft),
                help=verify_mode.not_found_help(checks.words),
            )
            return
        copies = len(checks.passages) - 1
        for i, c in enumerate(checks.passages):
            yield Hit(
                1.0 - i / 100,
                verify_mode.hit_label(c, width),
                partial(go_to_hit, app, ("sentence", c.article_id, c.start, c.end)),
                text=display_line(c.passage),
                help=verify_mode.hit_help(c, width, copies if i == 0 else 0),
            )

    async def discover(self) -> Hits:
        index = await self._current()
        if index is None:
            return
        kinds = self.kinds or ("command",)
        width = self._width()
        for h in index.search("", kinds=kinds, limit=self._limit()):
            yield DiscoveryHit(
                label_content(h.item, None, width),
                partial(go_to_hit, self.app, h.item.target),
                text=display_line(h.item.label),
                help=help_content(h.item).truncate(width, ellipsis=True),
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


class PaletteIndex:
    """The palette's index, kept up to date with the corpus off the event loop. It is built in two
    parts: everything but the sentences first (the palette waits for that part only), then the
    sentences (most of a big corpus's items), searched beside it once built."""

    def __init__(self, app, corpus) -> None:
        self.app = app
        self.corpus = corpus
        self.index: CombinedIndex | None = None
        self.key: tuple | None = None  # the corpus as it was when `index` was built
        self._lock: asyncio.Lock | None = None
        self._first: asyncio.Event | None = None  # set once an index (at least its first part) exists

    def corpus_key(self) -> tuple:
        c = self.corpus
        return (len(c.articles), len(c.analyses), len(c.entities))

    async def get(self) -> CombinedIndex | None:
        """The index to search now. The first time, it waits for the first part of a build;
        after that the last one built is returned at once and, when the corpus has changed since
        (files still being read, analysis done), a new one is built in the background: at 10k
        articles a build takes seconds, and the palette must not wait for it."""
        if self.index is None:
            if self._first is None:
                self._first = asyncio.Event()
            if not self._building():
                self.app.run_worker(
                    self._refresh, group="palette-index", exit_on_error=False, description="palette index"
                )
            await self._first.wait()
        elif self.corpus_key() != self.key:
            self.warm()
        return self.index  # None only if building failed

    def _building(self) -> bool:
        return any(w.group == "palette-index" and not w.is_finished for w in self.app.workers)

    async def _build(self) -> None:
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            key = self.corpus_key()
            if self.index is None or key != self.key:
                from reader.actions import command_items
                from reader.model.search.corpus_items import build_index
                from reader.model.search.engine import CombinedIndex
                from reader.model.search.quote_store import BIG_CORPUS

                big = len(self.corpus.articles) >= BIG_CORPUS  # quotes too are searched on disk
                core = await asyncio.to_thread(
                    build_index, self.corpus, list(command_items()), sentences=False, quotes=not big
                )
                # each part is searched as soon as it is ready (the provider asks for the index at
                # every search), the old ones meanwhile; what is on disk is opened first, then what
                # is missing is built (quotes, the smaller, first)
                found = {k: p for p in (self.index.parts[1:] if self.index is not None else []) for k in p.kinds}
                if not big:
                    found.pop("quote", None)  # in the core now

                def show() -> None:
                    self.index = CombinedIndex([core, *(found[k] for k in ("quote", "sentence") if k in found)])

                show()
                if self._first is not None:  # a first palette may be waiting: the rest follows
                    self._first.set()
                steps = [("quote", False), ("sentence", False), ("quote", True), ("sentence", True)]
                done: set[str] = set()
                for kind, build in steps if big else [("sentence", True)]:
                    if kind in done:
                        continue
                    part = await asyncio.to_thread(self._quotes if kind == "quote" else self._sentences, build)
                    if part is None and not build:
                        continue  # not on disk: built after the other kind is open
                    done.add(kind)
                    if part is None:
                        found.pop(kind, None)
                    else:
                        found[kind] = part
                    show()
                self.key = key
                freeze_long_lived()  # the corpus and its index: no full collection scans them again
                if self._first is not None:
                    self._first.set()

    def _stopped(self) -> bool:
        return not self.app.is_running  # the app quit: stop building

    def _quotes(self, build: bool) -> Searchable | None:
        """A big corpus's quotes, in an index on disk (written by `reader index`, else now, in
        this worker, if `build`; reader.model.search.quote_store)."""
        from reader.model.search.quote_store import big_corpus_quotes

        return big_corpus_quotes(self.corpus, self._stopped, build)

    def _sentences(self, build: bool) -> Searchable | None:
        """The sentences: in memory, or for a big corpus in an index on disk (built once, kept in
        the cache dir, if `build`; reader.model.search.sentence_store)."""
        from reader.model.search.corpus_items import build_sentence_index
        from reader.model.search.sentence_store import BIG_CORPUS, big_corpus_store

        if len(self.corpus.articles) < BIG_CORPUS:
            return build_sentence_index(self.corpus)
        return big_corpus_store(self.corpus, self._stopped, build)

    def warm(self) -> Worker | None:
        """Bring the index up to date in the background (not while files are still being read:
        the list is growing, and the end of reading calls this again). Returns the worker doing
        it (one already running rebuilds again if the corpus changed while it worked)."""
        if self.corpus.loading and self.index is not None:
            return None
        running = [w for w in self.app.workers if w.group == "palette-index" and not w.is_finished]
        if running:
            return running[0]
        return self.app.run_worker(
            self._refresh, group="palette-index", exit_on_error=False, description="palette index"
        )

    async def settled(self) -> None:
        """Wait until the index is up to date with the corpus (built now if it is not), whether
        that build succeeds or not."""
        worker = self.warm()
        if worker is not None:
            with suppress(WorkerCancelled, WorkerFailed):
                await worker.wait()

    def rebuild(self) -> None:
        """Names changed, not just counts (a correction): build afresh."""
        self.index = None
        self._first = None
        self.warm()

    async def _refresh(self) -> None:
        try:
            while self.index is None or (not self.corpus.loading and self.corpus_key() != self.key):
                await self._build()
        finally:  # a palette waiting for a first index must not wait forever if building failed
            if self._first is not None:
                self._first.set()


class ReaderPalette(CommandPalette):
    """Textual's palette, opened with `initial` already typed (`!` for verify mode)."""

    def render(self):
        return dimmed(super().render())  # the main screen behind, drawn once (screens/dimmed.py)

    def compose(self) -> ComposeResult:
        # Textual's layout, with an input and a list that are not laid out again on each keystroke
        # (widgets/palette_parts.py); tests/test_ui_textual_names.py checks that both are yielded
        for widget in super().compose():
            if type(widget) is CommandInput:
                widget = PaletteInput(placeholder=widget.placeholder, select_on_focus=widget.select_on_focus)
            elif type(widget) is CommandList:
                widget = PaletteList()
            yield widget

    def _refresh_command_list(self, command_list, commands: list, clear_current: bool) -> None:
        # Textual's own empties the list and fills it again (the list is measured and laid out
        # twice) with prompts it has just made, so every row is wrapped and drawn anew on each
        # keystroke; here the list is set in one step, and a hit that the last keystroke showed
        # too (typing on mostly keeps the top hits) keeps its drawn lines (widgets/drawn_once.py).
        # Private in Textual: tests/test_ui_textual_names.py checks its signature.
        kept, self._drawn = getattr(self, "_drawn", {}), {}
        ordered = sorted(commands, key=lambda c: c.hit.score, reverse=True)
        options = []
        for c in ordered:
            prompt = c.prompt
            key = (prompt.plain, tuple(prompt.spans)) if isinstance(prompt, Content) else None
            if key is not None:
                got = self._drawn[key] = self._drawn.get(key) or kept.get(key) or DrawnOnce(prompt)
                c = Command(got, c.hit, id=c.id, disabled=c.disabled)
            options.append(c)
        if isinstance(command_list, PaletteList):  # hits are a label and a help line, cut, not wrapped
            command_list.fit(
                sum(o.prompt.plain.count("\n") + 1 if isinstance(o.prompt, Content) else 1 for o in options)
            )
        # only the rows whose lines change are drawn again (widgets/direct_rows.py)
        with command_list.changed_rows_only() if isinstance(command_list, DirectRows) else nullcontext():
            command_list.set_options(options)
            if options:
                command_list.highlighted = 0
        self._list_visible = bool(command_list.option_count)
        self._hit_count = command_list.option_count
        self.frame_hold.release()  # the hits are in: the letter and they are drawn now

    async def _search_for(self, search_value: str):
        # Textual's waits for the next hit in slices of 0.1 s and sees that the searches have
        # ended only when a slice runs out: a query that found nothing (a typo) was answered
        # 100 ms late. Here the wait ends with the next hit or the end of the searches, and hits
        # already queued are handed on without a wait (a provider yields all its hits at once;
        # waiting for each took a turn of the event loop per hit). The same protocol (hits out,
        # "aborted" in); private in Textual: tests/test_ui_textual_names.py.
        commands: asyncio.Queue = asyncio.Queue()
        searches = [
            asyncio.create_task(self._consume(provider._search(search_value), commands)) for provider in self._providers
        ]
        self._start_busy_countdown()
        aborted = False
        try:
            while not aborted:
                if commands.empty():
                    running = [task for task in searches if not task.done()]
                    if not running:
                        break
                    getter = asyncio.ensure_future(commands.get())
                    await asyncio.wait([getter, *running], return_when=asyncio.FIRST_COMPLETED)
                    if not getter.done():
                        getter.cancel()
                        continue  # a search ended: go round (its last hits are queued)
                    hit = getter.result()
                else:
                    hit = commands.get_nowait()
                aborted = bool((yield hit))
        except asyncio.CancelledError:
            aborted = True
        for task in searches:
            if task.done() and not task.cancelled() and task.exception() is not None:
                self.log.error(task.exception())  # as Textual does: a provider's error is logged
        if aborted:
            for task in searches:
                task.cancel()
        else:
            self._stop_busy_countdown()

    def __init__(self, *args, initial: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial = initial
        self.frame_hold = FrameHold(self)  # a keystroke and its hits in one frame (ui/frame_hold.py)

    def on_unmount(self) -> None:
        self.frame_hold.release()

    def on_mount(self) -> None:
        field = self.query_one(CommandInput)
        self.watch(field, "value", self.frame_hold.hold, init=False)
        if self.initial:
            field.value = self.initial  # Input.Changed starts the search
            field.action_end()


def open_palette(app, kind: str | None = None, initial: str = "") -> None:
    """Open the palette over one kind of item (`palette('entity')`) or over everything."""
    if CommandPalette.is_open(app):
        return
    provider = scoped_provider(kind) if kind else CorpusProvider
    app.push_screen(
        ReaderPalette(
            providers=[provider],
            placeholder=PLACEHOLDERS.get(kind, PLACEHOLDERS[None]),
            id=f"{kind or 'all'}-palette",
            initial=initial,
        )
    )


def _nothing() -> None:
    """A hint's action: choosing it only closes the palette."""


def go_to_hit(app, target: tuple) -> None:
    """Act on a chosen hit: run a command, open an article, go to an entity or a quote."""
    kind, main = target[0], app.main
    if kind == "command":
        app.call_later(app.run_action, target[1])
    elif kind == "article":
        art = app.corpus.article(target[1])
        if art is not None:
            main.pane.open(art)
            main.article_view.focus()
    elif kind == "entity":
        main.go_to_entity(target[1])
    elif kind in ("quote", "sentence"):
        _, aid, start, end = target
        art = app.corpus.article(aid)
        if art is not None:
            main.pane.open_at(art, start, end)
