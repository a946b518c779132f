"""The reader app: a list of articles beside a reading pane, analysis running in the background.

Messages come up from the widgets (ArticleList.Chosen, ArticleView.SpanClicked, analysis
progress); the app calls down (`view.show`, `view.set_spans`). Analysis (spaCy) is started only
after the first paint, in a thread worker, so the app is usable while it runs or if it fails.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from reader.actions import APP_COMMANDS
from reader.model.corpus.corpus import Corpus
from reader.model.ingest.article import Article
from reader.ui.clipboard import ClipboardMixin
from reader.ui.clippings import ClippingsMixin
from reader.ui.correction_keys import CORRECTION_BINDINGS
from reader.ui.corrections import CorrectionsMixin
from reader.ui.entity_nav import EntityNav, entity_at, entity_from
from reader.ui.find import FindMixin
from reader.ui.loading import LoadingMixin
from reader.ui.messages import AnalysisDone, AnalysisFailed, AnalysisProgress
from reader.ui.notices import NoticesMixin
from reader.ui.palette import CorpusProvider, PaletteMixin, palette_bindings
from reader.ui.quote_nav import QuoteNavMixin
from reader.ui.reading_state import ReadingStateMixin
from reader.ui.safe import join, notice_text, safe_line
from reader.ui.screens.entities import EntitiesMixin
from reader.ui.screens.help import LEGEND, HelpScreen, binding_lines
from reader.ui.screens.timeline import TimelineMixin
from reader.ui.stop_signals import StopSignalsMixin
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.entity_panel import EntityInfoScreen, EntityPanel
from reader.ui.widgets.find_bar import FindBar, ReadingColumn

KIND_CLASS = {
    "PERSON": "article-view--person",
    "PLACE": "article-view--place",
    "ORG": "article-view--org",
    "NORP": "article-view--norp",
}


class ReaderApp(
    StopSignalsMixin,
    NoticesMixin,
    LoadingMixin,
    ReadingStateMixin,
    FindMixin,
    PaletteMixin,
    ClipboardMixin,
    ClippingsMixin,
    QuoteNavMixin,
    EntitiesMixin,
    CorrectionsMixin,
    TimelineMixin,
    App,
):
    """Read a corpus: `ReaderApp(corpus).run()`; `analyse=False` skips NLP (tests, snapshots)."""

    CSS_PATH = "reader.tcss"
    TITLE = "reader"
    COMMANDS = {CorpusProvider}  # ours only: Textual's system provider would parse titles as markup

    # One table (reader.actions) drives these keys, the palette's commands and `reader find`.
    BINDINGS = [Binding(c.key, c.action, c.title, show=c.show) for c in APP_COMMANDS]
    BINDINGS += palette_bindings(BINDINGS)  # nothing left unbound today; kept for safety

    def __init__(self, corpus: Corpus, *, analyse: bool = True) -> None:
        super().__init__()
        self.corpus = corpus
        self.analyse_on_start = analyse
        self.current: Article | None = None
        self._analysis_note = ""
        self.entity = None  # the current entity (aliases.Entity): n/N/[/] walk its mentions
        self._mention: tuple[Article, int, int] | None = None  # its current mention

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield ArticleList(self.corpus.articles, id="list")
            with ReadingColumn(id="reading"):  # the find bar opens below the article
                yield ArticleView(id="view")
        with Horizontal(id="status"):
            yield Static(id="status-article")
            yield Static(id="status-analysis")
        yield Footer()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#list", ArticleList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one("#view", ArticleView)

    def on_mount(self) -> None:
        lst = self.article_list
        self.load_reading_state()
        first, offset = self.restored_article()
        # the last article read may be among the files read after the first paint
        self._restore_after_load = first is None and self.corpus.loading and bool(self.reading.last_article)
        self._pending_restore = self.reading.last_article
        if first is None:
            first, offset = lst.highlighted, None
        if first is not None:
            self.open_article(first, offset)
        else:
            self.update_titles()
        self._opened_at_start = self.current
        lst.focus()
        self.start_state_polling()
        if self.corpus.entities:  # analysed before the app started
            self.restore_entity()
        self.show_load_notices()
        if self.analyse_on_start or self.corpus.loading:
            self._set_analysis_note("Analysis: starting…" if self.analyse_on_start else "Reading files…")
            # after the first paint, so spaCy's import never delays the list and article
            self.call_after_refresh(self.run_analysis)
        else:
            self._set_analysis_note("")

    def _list_title(self) -> Content:
        lst = self.article_list
        return Content(f"Articles ({len(self.corpus.articles)}) · sort: {lst.sort_label}")

    # -- articles -------------------------------------------------------------------------
    def open_article(self, article: Article, offset: int | None = None) -> None:
        """Show `article` in the reading pane and apply whatever highlights are known."""
        self.remember_article(self.current, article)
        if offset is None:  # back to an article read before: where the reader left it
            offset = self.reading.scroll.get(article.id)
        self.current = article
        view = self.article_view
        view.show(article, offset)
        self.update_titles()
        self.article_list.select_article(article)
        self._apply_highlights()
        self._update_status()
        self.find_article_opened()

    def _position(self, article: Article) -> str:
        order = self.article_list.articles_in_order
        n = next((i for i, a in enumerate(order) if a is article), 0)
        return f"{n + 1}/{len(order)}"

    def _apply_highlights(self) -> None:
        art = self.current
        self._refresh_entity_panel()
        if art is None or self.corpus.file_index(art) not in self.corpus.analyses:
            return
        spans: list[tuple[int, int, str]] = []
        for q in self.corpus.quotes_in(art):
            spans.append((q.start, q.end, "article-view--quote"))
        for s, e, ent in self.corpus.mentions_in(art):
            cls = KIND_CLASS.get(getattr(ent, "kind", ""))
            if cls:
                spans.append((s, e, cls))
        if not self.corpus.entities:  # analysis still running: this file's raw mentions, by kind
            fa = self.corpus.analyses.get(self.corpus.file_index(art))
            spans += [
                (m.start, m.end, KIND_CLASS[m.kind])
                for m in getattr(fa, "mentions", ())
                if getattr(m, "kind", "") in KIND_CLASS and art.start <= m.start and m.end <= art.end
            ]
        self.article_view.set_spans(spans)

    def on_article_list_chosen(self, event: ArticleList.Chosen) -> None:
        if event.article is not self.current:
            self.open_article(event.article)
        self.article_view.focus()

    def on_article_list_sort_changed(self, event: ArticleList.SortChanged) -> None:
        self.update_titles()

    def update_titles(self) -> None:
        """Pane titles: the list's count and sort, the open article's file and place in the list."""
        self.article_list.border_title = self._list_title()
        if self.current is not None:
            self.article_view.border_title = join(
                safe_line(self.current.source.name), f" · {self._position(self.current)}"
            )

    def on_article_view_span_clicked(self, event: ArticleView.SpanClicked) -> None:
        view = self.article_view
        hit = entity_at(self.corpus, self.current, event.offset) if self.current else None
        if hit is not None:  # an entity mention: it becomes the current entity
            self.set_entity(hit[2], self.current, hit[0], hit[1])
            return
        spans = view.spans_at(event.offset)
        if not spans:
            return
        s, e, cls = spans[-1]
        view.set_current(s, e)
        kind = cls.rsplit("--", 1)[-1]
        text = self.current.text[s:e] if self.current else ""
        self.query_one("#status-article", Static).update(join(f"{kind}: ", safe_line(text), f"  ({s}–{e})"))

    # -- status line ----------------------------------------------------------------------
    def _update_status(self) -> None:
        art = self.current
        if art is None:
            return
        bits = [art.publisher or "", art.date or "", f"{art.words:,} words"]
        self.query_one("#status-article", Static).update(safe_line(" · ".join(b for b in bits if b)))

    def _set_analysis_note(self, note: str) -> None:
        self._analysis_note = note
        self.query_one("#status-analysis", Static).update(safe_line(note))

    # -- analysis -------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False, description="analysis")
    def run_analysis(self) -> None:
        worker = get_current_worker()
        self.load_rest(worker)  # a big corpus: the files not read before the first paint
        if not self.analyse_on_start or worker.is_cancelled:
            return
        total = sum(1 for i in range(len(self.corpus.files)) if i not in self.corpus.analyses)
        self.post_message(AnalysisProgress(0, total, "checking the analysis cache"))
        try:
            self.corpus.analyse(
                progress=lambda done, total, label: self.post_message(AnalysisProgress(done, total, label)),
                cancelled=lambda: worker.is_cancelled,
            )
        except Exception as exc:  # a missing model or a bug in one file must not end the app
            self.post_message(AnalysisFailed(f"{type(exc).__name__}: {exc}"))
            return
        if not worker.is_cancelled:
            self.post_message(AnalysisDone())

    def on_analysis_progress(self, event: AnalysisProgress) -> None:
        label = Path(event.label).name if event.label else ""
        self._set_analysis_note(f"Analysing {event.done}/{event.total}" + (f" · {label}" if label else "") + "…")
        art = self.current  # highlight the open article as soon as its file is analysed
        if art is not None and not self.article_view._spans and self.corpus.file_index(art) in self.corpus.analyses:
            self._apply_highlights()

    def on_analysis_done(self, _: AnalysisDone) -> None:
        n = len(self.corpus.entities)
        self._set_analysis_note(f"Analysed · {n} entities")
        self._apply_highlights()
        self.restore_entity()

    def on_analysis_failed(self, event: AnalysisFailed) -> None:
        self._set_analysis_note("Analysis unavailable")
        self.notify(notice_text(event.error), title="Analysis failed", severity="error", markup=False, timeout=10)

    # -- actions --------------------------------------------------------------------------
    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        sections = [
            ("Everywhere", binding_lines(self.BINDINGS)),
            ("Article list", binding_lines(ArticleList.BINDINGS)),
            ("Reading pane", binding_lines(ArticleView.BINDINGS)),
            ("Find bar (/)", binding_lines(FindBar.BINDINGS + ReadingColumn.BINDINGS)),
            ("Entity panel (E), entity view (V), entity details (a)", binding_lines(CORRECTION_BINDINGS)),
        ]
        view = self.article_view
        styles = {cls: view.get_visual_style(cls, partial=True) for _, _, cls in LEGEND}
        self.push_screen(HelpScreen(sections, styles))

    # -- entities (navigation logic in reader/ui/entity_nav.py) ---------------------------
    def _entity_nav(self) -> EntityNav | None:
        if self.entity is None:
            return None
        return EntityNav(self.corpus, self.entity, self.article_list.articles_in_order)

    def set_entity(
        self, entity, article: Article | None = None, start: int | None = None, end: int | None = None
    ) -> None:
        """Make `entity` current; with a mention (article, start, end), jump to it."""
        self.entity = entity
        self.remember_entity(entity)
        self._mention = None
        if article is not None and start is not None and end is not None:
            self._go_mention(article, start, end)
        else:
            self._show_entity_status()

    def _go_mention(self, article: Article, start: int, end: int) -> None:
        if article is not self.current:
            self.open_article(article)
        self._mention = (article, start, end)
        self.article_view.set_current(start, end)
        self._show_entity_status()

    def _show_entity_status(self) -> None:
        nav = self._entity_nav()
        if nav is None:
            return
        m = self._mention
        start = m[1] if m is not None and m[0] is self.current else None
        self.query_one("#status-article", Static).update(safe_line(nav.status(self.current, start)))

    def _entity_notice(self, text: str) -> None:
        self.notify(notice_text(text), markup=False, timeout=3)

    def action_entity_here(self) -> None:
        art = self.current
        hit = entity_from(self.corpus, art, self.article_view.top_offset) if art is not None else None
        if hit is None:
            self._entity_notice("No entity mention here (yet: analysis may still be running)")
            return
        self.set_entity(hit[2], art, hit[0], hit[1])

    def action_entity_mention(self, step: int) -> None:
        nav, art = self._entity_nav(), self.current
        if nav is None or art is None:
            self._entity_notice("No current entity: click a highlighted name or press e")
            return
        m = self._mention
        if m is not None and m[0] is art:
            hit = nav.next_in_article(art, m[1]) if step > 0 else nav.prev_in_article(art, m[1])
        else:
            top = self.article_view.top_offset
            hit = nav.at_or_after(art, top) if step > 0 else nav.prev_in_article(art, top)
        if hit is None:
            key = "]" if step > 0 else "["
            self._entity_notice(
                f"No {'later' if step > 0 else 'earlier'} mention of {self.entity.name} "
                f"in this article; {key} for the {'next' if step > 0 else 'previous'} article"
            )
            return
        self._go_mention(hit.article, hit.start, hit.end)

    def action_entity_article(self, step: int) -> None:
        nav, art = self._entity_nav(), self.current
        if nav is None or art is None:
            self._entity_notice("No current entity: click a highlighted name or press e")
            return
        hit = nav.next_article(art) if step > 0 else nav.prev_article(art)
        if hit is None:
            self._entity_notice(f"No {'later' if step > 0 else 'earlier'} article mentions {self.entity.name}")
            return
        self._go_mention(hit.article, hit.start, hit.end)

    def action_entity_info(self) -> None:
        if self.entity is None:
            self._entity_notice("No current entity: click a highlighted name or press e")
            return
        if isinstance(self.screen, EntityInfoScreen):
            return
        nav = self._entity_nav()
        m = self._mention
        status = nav.status(self.current, m[1] if m and m[0] is self.current else None) if nav else ""
        self.push_screen(EntityInfoScreen(self.entity, status))

    def action_toggle_entities(self) -> None:
        panels = self.query(EntityPanel)
        if panels:
            panels.remove()
            self.article_view.focus()
            return
        panel = EntityPanel(id="entity-panel")
        self.query_one("#panes", Horizontal).mount(panel)
        self.call_after_refresh(self._refresh_entity_panel)
        panel.focus()

    def _refresh_entity_panel(self) -> None:
        for panel in self.query(EntityPanel):
            panel.show_mentions(self.corpus.mentions_in(self.current) if self.current else [])

    def on_entity_panel_selected(self, event: EntityPanel.Selected) -> None:
        art = self.current
        self.set_entity(event.entity)
        nav = self._entity_nav()
        hit = nav.at_or_after(art, art.start) if nav is not None and art is not None else None
        if hit is not None:
            self._go_mention(hit.article, hit.start, hit.end)
