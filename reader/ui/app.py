"""The reader app: the main screen (reader/ui/screens/main.py) and what is global to it.

It owns the services every screen shares (reading memory, copying, clippings, corrections, the
palette's index and its quote checker, corpus notices, stop signals) and the worker that reads the rest of a big corpus,
then analyses it (spaCy, after the first paint, so the app is usable while it runs or if it fails).
Keys come from one table (reader.actions); actions about reading call down into the main screen,
its reading pane or reader/ui/views.py. Messages come up: worker progress, `CorrectionRequested`.
"""

from __future__ import annotations

import asyncio
from contextlib import ExitStack, suppress
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.worker import WorkerCancelled, WorkerFailed, get_current_worker

from reader.actions import APP_COMMANDS
from reader.model.corpus.corpus import Corpus
from reader.model.gcpause import gc_paused
from reader.ui import input_guard, messages
from reader.ui.background import group_stories, load_and_analyse
from reader.ui.changes_elsewhere import ChangesElsewhere
from reader.ui.clipboard import Copier
from reader.ui.clippings import Clipper
from reader.ui.notices import CorpusNotices
from reader.ui.palette import CorpusProvider, PaletteIndex, open_palette, palette_bindings
from reader.ui.reading_state import ReadingMemory
from reader.ui.safe import notice_text
from reader.ui.screens.main import MainScreen
from reader.ui.stop_signals import StopSignals
from reader.ui.verify_mode import QuoteChecker

if TYPE_CHECKING:
    from reader.ui.corrections import Corrector


def _views():
    """reader/ui/views.py: its modal screens load when a key first opens one, not before the first paint."""
    from reader.ui import views

    return views


class ReaderApp(App):
    """Read a corpus: `ReaderApp(corpus).run()`; `analyse=False` skips NLP (tests, snapshots)."""

    CSS_PATH = "reader.tcss"
    TITLE = "reader"
    COMMANDS = {CorpusProvider}  # ours only: Textual's system provider would parse titles as markup

    # One table (reader.actions) drives these keys, the palette's commands and `reader find`.
    BINDINGS = [Binding(c.key, c.action, c.title, show=c.show) for c in APP_COMMANDS]
    BINDINGS += palette_bindings(BINDINGS)  # nothing left unbound today; kept for safety

    exit_on_signals = False  # `reader` sets it: SIGTERM/SIGHUP/SIGINT quit like `q`

    def __init__(self, corpus: Corpus, *, analyse: bool = True, until_painted: ExitStack | None = None) -> None:
        """`until_painted`: a pause the caller began (gcpause.until_first_paint), ended here with
        the app's own after the first paint."""
        super().__init__()
        self._until_painted = ExitStack()  # see on_mount
        if until_painted is not None:
            self._until_painted.enter_context(until_painted)
        input_guard.install()  # a stray non-UTF-8 byte on stdin must not crash the input thread
        self.corpus = corpus
        self.analyse_on_start = analyse
        self.memory = ReadingMemory(self, corpus)
        self.clipper = Clipper(self, corpus)
        self.copier = Copier(self, corpus, self.clipper)
        self.search_index = PaletteIndex(self, corpus)
        self.quote_checker = QuoteChecker(corpus)  # the palette's verify mode (`!`)
        self.notices = CorpusNotices(self, corpus)
        self.signals = StopSignals(self)
        self.elsewhere = ChangesElsewhere(self, corpus)

    @cached_property
    def corrector(self) -> Corrector:
        from reader.ui.corrections import Corrector  # its screens: not needed for the first paint

        return Corrector(self, self.corpus)

    def get_default_screen(self) -> MainScreen:
        self.background = self.analyse_on_start or self.corpus.loading  # work for the worker thread
        note = ("Analysis: starting…" if self.analyse_on_start else "Reading files…") if self.background else ""
        return MainScreen(self.corpus, self.memory, note)

    def _closing_down(self) -> bool:
        """A worker's message arrived while the app was closing: the main screen, or its widgets,
        are gone already."""
        return not self.screen_stack or len(self.main.query("#list")) == 0

    @property
    def main(self) -> MainScreen:
        return self.screen_stack[0]  # type: ignore[return-value]

    def on_mount(self) -> None:  # before the main screen mounts: it opens the article last read
        # no cyclic collection until the first paint: it would scan every object Textual makes
        # for the first screen, none of them garbage (a tenth of the time to the first paint).
        # Entered here, not in __init__: an app made but never run must not leave it paused.
        self._until_painted.enter_context(gc_paused())
        self.memory.load()
        if self.exit_on_signals:
            self.signals.install()

    def on_ready(self) -> None:
        self.notices.show_load()
        self.elsewhere.start()  # another window or a shell may change clippings, corrections, bookmarks
        painted = asyncio.Event()
        self.call_after_refresh(painted.set)  # after the benchmark's mark, which on_mount asked for
        self.run_startup(painted)

    # -- workers: after the first paint, the rest of a big corpus, analysis, wire copies -----
    @work(exclusive=True, group="startup", exit_on_error=False, description="startup")
    async def run_startup(self, painted: asyncio.Event) -> None:
        """After the first paint (the workers' threads and the palette's imports would delay
        it), start the background work, and wait for it: waiting for this worker waits for it."""
        await painted.wait()
        self._until_painted.close()
        self.search_index.warm()  # so the first palette opens full (building imports numpy on the event loop)
        if self.background:  # spaCy's import never delays the list and article
            self.run_analysis()  # wire copies are grouped when it is over
        else:
            self.run_after_corpus()
        started = [w for w in self.workers if w.group != "startup"]
        if started:  # (an empty list would mean every worker, this one too)
            await self.workers.wait_for_complete(started)

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False, description="analysis")
    def run_analysis(self) -> None:
        worker = get_current_worker()
        load_and_analyse(self.corpus, self.analyse_on_start, self.post_message, lambda: worker.is_cancelled)

    @work(exclusive=True, group="after-corpus", exit_on_error=False, description="palette, then wire copies")
    async def run_after_corpus(self) -> None:
        """Once the corpus is whole (read, analysed): the palette's index over it, then wire-copy
        grouping, one after the other. Each holds a corpus-sized transient (numpy columns of
        every mention, every body's word keys); started together, their peaks added up."""
        await self.search_index.settled()
        with suppress(WorkerCancelled, WorkerFailed):  # waiting for this worker waits for both
            await self.run_grouping().wait()
        with suppress(WorkerCancelled, WorkerFailed):
            await self.sort_mentions().wait()

    @work(thread=True, exclusive=True, group="mention-index", exit_on_error=False, description="mention index")
    def sort_mentions(self) -> None:
        """The entity mentions sorted by file (Corpus.entity_spans, SpanIndex), so that the reading
        pane's look-ups never sort them on a key; again after a correction rebuilt them."""
        prepare = getattr(self.corpus.entity_spans, "prepare", None)
        if prepare is not None:
            prepare()

    # after reading and analysis, in a worker of its own: grouping 10k articles takes seconds, and
    # neither the highlights nor the end of the analysis worker should wait for it
    @work(thread=True, exclusive=True, group="stories", exit_on_error=False, description="wire copies")
    def run_grouping(self) -> None:
        worker = get_current_worker()
        group_stories(self.corpus, self.post_message, lambda: worker.is_cancelled)

    def on_stories_grouped(self, event: messages.StoriesGrouped) -> None:
        if self._closing_down():
            return
        if event.error:
            self.notify(notice_text(event.error), title="Wire copies not grouped", severity="warning", markup=False)
        self.main.stories_grouped(event.groups)

    def on_load_progress(self, event: messages.LoadProgress) -> None:
        if self._closing_down():
            return
        self.main.files_read(event.done, event.total)

    def on_load_done(self, _: messages.LoadDone) -> None:
        if self._closing_down():
            return
        self.main.refresh_list()
        if not self.analyse_on_start:
            self.main.set_analysis_note("")
        self.notices.show_load()
        if not self.analyse_on_start:  # else the end of analysis does, with entities and quotes
            self.run_after_corpus()  # the palette searched the first files until now
        self.main.files_loaded()

    def on_analysis_progress(self, event: messages.AnalysisProgress) -> None:
        if self._closing_down():
            return
        label = Path(event.label).name if event.label else ""
        self.main.set_analysis_note(f"Analysing {event.done}/{event.total}" + (f" · {label}" if label else "") + "…")
        self.main.analysis_progressed()

    def on_analysis_done(self, _: messages.AnalysisDone) -> None:
        if self._closing_down():
            return
        self.main.set_analysis_note(f"Analysed · {len(self.corpus.entities)} entities")
        self.main.analysis_done()
        self.notices.show_new("Analysis")
        self._analysis_over()
        self.run_after_corpus()  # entities and quotes added: the palette rebuilds now, not when opened

    def on_analysis_failed(self, event: messages.AnalysisFailed) -> None:
        if self._closing_down():
            return
        self.main.set_analysis_note("Analysis unavailable")
        self.notify(notice_text(event.error), title="Analysis failed", severity="error", markup=False, timeout=10)
        self.notices.show_new("Analysis")
        self._analysis_over()
        self.run_after_corpus()

    def _analysis_over(self) -> None:
        from reader.ui.screens.timeline import TimelineScreen

        for screen in self.screen_stack:
            if isinstance(screen, TimelineScreen):  # its entity section can say so
                screen.analysis_finished()

    @on(messages.CorrectionRequested)
    def _correction_requested(self, event: messages.CorrectionRequested) -> None:
        if event.op == "undo":
            self.corrector.undo(event.cid)
        else:
            self.corrector.start(event.op, event.entity)

    # -- quitting ---------------------------------------------------------------------------
    async def action_quit(self) -> None:
        self._save_on_exit()
        self.exit()

    def on_unmount(self) -> None:  # any other way out (SIGTERM, ctrl+q): save what we have
        self._until_painted.close()
        self.signals.uninstall()
        self.quote_checker.close()
        self._save_on_exit()
        from reader.model.search.search_process import WORKER
        from reader.ui.clipboard import stop_helpers

        stop_helpers()  # a hung clipboard helper must not outlive the app
        WORKER.stop()  # nor a find search

    def _save_on_exit(self) -> None:
        try:  # keep the exact position of the open article
            self.main.remember_position()
        except Exception:  # widgets may be gone when the app is shutting down
            pass
        self.memory.final_save()

    # -- keys: global ones here, the rest call down -----------------------------------------
    def action_palette(self, kind: str | None = None) -> None:
        open_palette(self, kind)

    def action_command_palette(self) -> None:
        # ctrl+p: ours, not Textual's plain CommandPalette (which draws the dimmed screen behind
        # and every hit anew on each keystroke: reader.ui.palette.ReaderPalette)
        if self.use_command_palette:
            open_palette(self)

    def action_verify_quote(self) -> None:
        open_palette(self, None, initial="!")

    def action_help(self) -> None:
        _views().keys_help(self)

    def action_copy_quote(self) -> None:
        self.copier.copy_quote(self.main.pane)

    def action_cycle_citation_style(self) -> None:
        self.copier.cycle_style()

    def action_clip(self) -> None:
        self.clipper.clip(self.main.pane)

    def action_clippings_view(self) -> None:
        _views().clippings(self.main, self.clipper)

    def action_entity_here(self, step: int = 1) -> None:
        self.main.pane.entity_here(step)

    def action_entity_mention(self, step: int) -> None:
        self.main.pane.entity_mention(step)

    def action_entity_article(self, step: int) -> None:
        self.main.pane.entity_article(step)

    def action_quote_step(self, step: int) -> None:
        self.main.pane.quotes.step(step)

    def action_find_in_article(self) -> None:
        self.main.pane.find.open()

    def action_toggle_entities(self) -> None:
        self.main.toggle_entity_panel()

    def action_toggle_list(self) -> None:
        self.main.toggle_list()

    def action_toggle_read(self) -> None:
        self.main.toggle_read(self.main.pane.article)

    def action_next_unread(self) -> None:
        self.main.next_unread()

    def action_entity_info(self) -> None:
        _views().entity_info(self.main)

    def action_entity_view(self) -> None:
        _views().entity_view(self.main)

    def action_concordance(self) -> None:
        _views().concordance(self.main)

    def action_who_said_what(self) -> None:
        _views().who_said_what(self.main)

    def action_timeline(self) -> None:
        _views().timeline(self.main)

    def action_bookmark(self) -> None:
        _views().bookmark(self.main)

    def action_bookmarks(self) -> None:
        _views().bookmarks(self.main)

    def action_corrections(self) -> None:
        _views().corrections(self.main)
