"""The main screen: the article list beside the reading pane, a status line, the footer.

It wires the two panes together: a chosen article opens in the reading pane; when the pane's
`article` changes, the list's cursor follows, the pane titles and the entity panel are updated and
the reading memory is told (and the article is marked read); the pane's `status` shows in the
status line. The list is a worklist: a filter box above it (`/` in the list, kept in the reading
state), `u` marks read or unread, `U` opens the next unread article. The app calls down into it for what the
workers learn (files read, analysis progress) and for the views the keys open (reader/ui/views.py).
"""

from __future__ import annotations

import time
from functools import cached_property

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Input
from textual.widgets.option_list import OptionDoesNotExist

from reader.model.ingest.article import Article
from reader.ui.frame_hold import FrameHold
from reader.ui.pane_widths import pane_widths
from reader.ui.reading_state import POLL_S
from reader.ui.safe import join, notice_text, safe_line
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.behind_footer import BehindFooter
from reader.ui.widgets.entity_panel import EntityPanel
from reader.ui.widgets.find_bar import FindBar
from reader.ui.widgets.list_filter import ListFilter
from reader.ui.widgets.reading_pane import ReadingPane
from reader.ui.widgets.status_line import StatusLine

LIST_REFRESH_S = 1.0  # while files are read in the background: a few list updates a second at most


class MainScreen(Screen):
    # the list has focus from the start: Textual's default ("*") would focus the filter box
    # first, and on_mount's move to the list cost another pass of styles and drawing before the
    # first paint. Later resumes keep the default (on_mount sets it back).
    AUTO_FOCUS = "#list"

    # widgets whose keys the help lists even before they appear (the find bar, the panel)
    HELP_WIDGETS = (ArticleList, ListFilter, ArticleView, ReadingPane, FindBar, EntityPanel)

    # `/` in the list, taken as the app takes the key (priority) rather than after it has passed
    # through the list: the box then has the focus before the app hands on the keys typed right
    # after it, so they are typed into the box (else they reach the list and the app's bindings).
    # No description: the help lists the list's own `/`.
    BINDINGS = [Binding("slash", "filter_list", "", show=False, priority=True)]

    def __init__(self, corpus, memory, analysis_note: str = "") -> None:
        super().__init__()
        self._counts: tuple[int, int, int] | None = None  # (articles, unread, stories) as last counted
        self.corpus = corpus
        self.memory = memory  # the app's ReadingMemory
        self._first_note = analysis_note
        self._pending_restore: str | None = None  # id of the article to reopen once every file is read
        self._opened_at_start: Article | None = None
        self._list_refreshed = 0.0
        self._list_hidden = False  # `z`: the reader hid the list
        self._list_forced = False  # `z` while a panel squeezed it out: show it anyway
        self.squeezed = False  # the list gives way to an open panel on a narrow screen
        self.stories: list | None = None  # DuplicateGroups once the worker has grouped wire copies
        self._resumed = False  # on_screen_resume
        self.repaints = 0  # what a dialog over it keeps of it is good until this changes (screens/dimmed.py)

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="list-column"):  # the filter box goes above the list when first asked for
                yield ArticleList(self.corpus.articles, is_read=self.memory.is_read, id="list")
            yield ReadingPane(  # the find bar opens below the article
                self.corpus,
                order=lambda: self.article_list.articles_in_order,
                remembered=self.memory.position,
                id="reading",
            )
        yield StatusLine(id="status")
        yield BehindFooter()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#list", ArticleList)

    @property
    def list_column(self) -> Vertical:
        return self.query_one("#list-column", Vertical)

    @property
    def list_filter(self) -> Input:
        """The list's filter box, made on first use (`/`, or a filter kept from last time): hidden,
        it would only cost the first paint its styles."""
        box = self._filter_box()
        if box is None:
            box = ListFilter(placeholder="filter: title, publisher, date · Esc clears", id="list-filter")
            box.display = False
            self.list_column.mount(box, before=self.article_list)
            self.watch(box, "value", self.filter_hold.hold, init=False)
        return box

    def _filter_box(self) -> ListFilter | None:
        """The filter box if it has been made (the `list_filter` property makes it)."""
        found = self.list_column.query_children(ListFilter)
        return found.first() if found else None

    @property
    def pane(self) -> ReadingPane:
        return self.query_one("#reading", ReadingPane)

    @property
    def article_view(self) -> ArticleView:
        return self.pane.view

    def on_mount(self) -> None:
        lst, pane = self.article_list, self.pane
        self.watch(pane, "article", self._article_opened, init=False)
        self.watch(pane, "status", self._show_status, init=False)
        self.watch(pane, "follows", self._show_follows, init=False)
        kept = self.memory.reading.list_filter
        if kept:
            self.list_filter.value = kept
            self.list_filter.display = True
        lst.set_filter(kept)
        first, offset = self.memory.restored_article()
        # the last article read may be among the files read after the first paint
        if first is None and self.corpus.loading and self.memory.reading.last_article:
            self._pending_restore = self.memory.reading.last_article
        if first is None:
            first, offset = lst.highlighted, None
        if first is not None:
            pane.open(first, offset)
        else:
            self.update_titles()
        self._opened_at_start = pane.article
        lst.focus()
        self.AUTO_FOCUS = None  # the app's default from now on, as before
        self.set_interval(POLL_S, self.remember_position)
        if self.corpus.entities:  # analysed before the app started
            self.restore_entity()
        self.set_analysis_note(self._first_note)

    # -- the panes --------------------------------------------------------------------------
    @on(ArticleList.Chosen)
    def _article_chosen(self, event: ArticleList.Chosen) -> None:
        if event.article is not self.pane.article:
            self.pane.open(event.article)
        self.article_view.focus()

    @on(ArticleList.SortChanged)
    @on(ArticleList.Refolded)
    def _sort_changed(self) -> None:
        self.update_titles()

    def _article_opened(self, previous: Article | None, article: Article) -> None:
        # before the view shows `article`: its reading offset is still where `previous` was left
        self.memory.remember_article(previous, self.pane.reading_offset, article)
        was_read = self.memory.is_read(article)
        self.memory.set_read(article, True)  # opening an article marks it read
        self.article_list.select_article(article)
        counts = self._counts
        if counts is not None and counts[0] == len(self.corpus.articles):  # no count over the corpus per article
            self._counts = (counts[0], counts[1] - (not was_read), counts[2])
            self._show_titles()
        else:
            self.update_titles()
        self._refresh_entity_panel()

    @on(ReadingPane.EntityChanged)
    def _entity_changed(self, event: ReadingPane.EntityChanged) -> None:
        self.memory.remember_entity(event.entity)

    @on(EntityPanel.Selected)
    def _panel_entity(self, event: EntityPanel.Selected) -> None:
        self.pane.go_to_first_mention_here(event.entity)

    # -- the list as a worklist --------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter_list":  # only from the list: elsewhere `/` is the key of whoever has the focus
            return isinstance(self.focused, ArticleList)
        return True

    def action_filter_list(self) -> None:
        self._filter_requested()

    @on(ArticleList.FilterRequested)
    def _filter_requested(self) -> None:
        box = self.list_filter
        box.display = True
        self.set_focus(box)  # now, not after the box has mounted: the next keys are typed into it

    @cached_property
    def filter_hold(self) -> FrameHold:
        """Holds the repaints from a letter typed in the list's filter box to the list's answer."""
        return FrameHold(self)

    @on(Input.Changed, "#list-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if not self.article_list.set_filter(event.value):
            self.filter_hold.release()  # nothing to wait for
        self.memory.remember_filter(event.value)

    @on(ArticleList.Filtered)
    def _list_filtered(self) -> None:
        self.filter_hold.release()  # with the titles below, the letter and the list are drawn now
        if self._counts is None:
            self.update_titles()
        else:  # a filter changes neither the unread nor the story count: no walk over the corpus
            self._list_titles(*self._counts)

    @on(Input.Submitted, "#list-filter")
    def _filter_done(self) -> None:
        self.article_list.focus()
        if not self.list_filter.value:
            self.list_filter.display = False

    @on(ArticleList.ToggleRead)
    def _toggle_read(self, event: ArticleList.ToggleRead) -> None:
        self.toggle_read(event.article)

    def toggle_read(self, article: Article | None) -> None:
        """`u`: mark an article read or unread."""
        if article is None:
            return
        now = not self.memory.is_read(article)
        self.memory.set_read(article, now)
        self.article_list.refresh()
        self.update_titles()
        short = article.title if len(article.title) <= 50 else article.title[:49] + "…"
        self.notify(notice_text(f"“{short}” marked {'read' if now else 'unread'}"), markup=False, timeout=2)

    def next_unread(self) -> None:
        """`U`: open the next unread article after the open one, in the list's order (the list's
        filter applied, round to the top)."""
        lst, pane = self.article_list, self.pane
        order = lst.shown_articles
        start = next((i for i, a in enumerate(order) if a is pane.article), -1)
        for k in range(1, len(order) + 1):
            art = order[(start + k) % len(order)]
            if not self.memory.is_read(art):
                pane.open(art)
                self.article_view.focus()
                return
        what = "in the filtered list" if lst.filter_text else "in this corpus"
        self.notify(f"No unread article {what}", markup=False, timeout=3)

    def update_titles(self) -> None:
        """Pane titles: the list's count, filter and sort, the open article's file and place in the list."""
        lst = self.article_list
        total = len(self.corpus.articles)
        unread = sum(1 for a in self.corpus.articles if not self.memory.is_read(a))
        stories = lst.stories_count if self.stories else total
        self._counts = (total, unread, stories)
        self._show_titles()

    def _show_titles(self) -> None:
        """The titles for the counts as last counted and the open article."""
        lst, art = self.article_list, self.pane.article
        if self._counts is None:
            self.update_titles()
            return
        self._list_titles(*self._counts)
        if art is not None and not self.pane.query_children(ArticleView):
            self.call_after_refresh(self.update_titles)  # news came before the pane's view mounted
        elif art is not None:
            n = lst.order_position(art)  # None: a copy folded away
            where = f" · {n + 1}/{len(lst.articles_in_order)}" if n is not None else ""
            self.article_view.border_title = join(safe_line(art.source.name), where)

    def _list_titles(self, total: int, unread: int, stories: int) -> None:
        lst = self.article_list
        told = f" · {stories} stories" if stories != total else ""
        shown = f"{lst.shown_count} of {total}" if lst.filter_text else f"{total}"
        lst.show_titles(
            f"Articles ({shown}{told}) · sort: {lst.sort_label}",
            f"{unread} unread" + (" · filtered" if lst.filter_text else ""),
        )

    @property
    def status_line(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    def _show_status(self, status: Content) -> None:
        self.status_line.show_status(status)

    def _show_follows(self, follows: Content) -> None:
        self.status_line.show_follows(follows, self.size.width)

    def set_analysis_note(self, note: str) -> None:
        self.status_line.set_analysis_note(note)

    def remember_position(self) -> None:
        """Sampled every POLL_S, and on the way out: where the reader is in the open article."""
        try:
            pane = self.pane
            view = pane.view
        except NoMatches:  # the timer can fire while the app is shutting down
            return
        if pane.article is not None and view.article is pane.article:
            self.memory.remember_position(pane.article, pane.reading_offset)

    # -- what the workers learn -------------------------------------------------------------
    def files_read(self, done: int, total: int) -> None:
        # Every UI update here takes the interpreter from the thread doing the reading:
        # a few per second show progress, more only slow the reading down.
        now = time.monotonic()
        if now - self._list_refreshed >= LIST_REFRESH_S:
            self.refresh_list()
            self.set_analysis_note(f"Reading files {done:,}/{total:,}…")
            # a rebuild of a list of 100,000 takes long: wait ten times that, so that the list
            # takes a tenth of the interpreter at most and the reading the rest
            self._list_refreshed = time.monotonic() + 10 * (time.monotonic() - now)

    def refresh_list(self) -> None:
        """More files were read: the list grows."""
        self.article_list.set_articles(self.corpus.articles)
        self.update_titles()

    def stories_grouped(self, groups: list) -> None:
        """The worker grouped wire copies: the list shows each story once (`z` unfolds)."""
        self.stories = groups
        self.article_list.set_stories(groups)
        self.update_titles()

    def files_loaded(self) -> None:
        """Every file is read: reopen the last article read, unless the reader has moved on."""
        art = self.corpus.article(self._pending_restore) if self._pending_restore else None
        if art is not None and self.pane.article is self._opened_at_start:
            self.pane.open(art, self.memory.position(art))
        self._pending_restore = None

    def refresh_highlights(self) -> None:
        self._refresh_entity_panel()
        self.pane.apply_highlights()

    def analysis_progressed(self) -> None:
        """Highlight the open article as soon as its file is analysed."""
        if self.pane.needs_highlights:
            self.refresh_highlights()

    def analysis_done(self) -> None:
        self.refresh_highlights()
        self.restore_entity()

    def restore_entity(self) -> None:
        """After analysis: make the remembered entity current again (without moving the view)."""
        if self.pane.current_entity is None:
            ent = self.memory.remembered_entity()
            if ent is not None:
                self.pane.set_entity(ent)

    # -- entities ---------------------------------------------------------------------------
    def go_to_entity(self, entity_id: str) -> None:
        """Make the entity current at its first mention in reading order."""
        ent = self.corpus.entity(entity_id)
        if ent is None or not ent.mentions:
            return
        self.pane.go_to_first_mention(ent)
        self.article_view.focus()

    def toggle_entity_panel(self) -> None:
        panels = [p for p in self.query(EntityPanel) if not p._pruning]
        if panels:
            for p in panels:
                p.remove()
            self._list_forced = False
            self.fit_panes(panel_open=False)
            self.article_view.focus()
            return
        panel = EntityPanel(id="entity-panel")
        self.query_one("#panes", Horizontal).mount(panel)
        self.fit_panes(panel_open=True, panel=panel)
        self.call_after_refresh(self._refresh_entity_panel)
        panel.focus()

    # -- room to read -------------------------------------------------------------------------
    def toggle_list(self) -> None:
        """`z`: hide the list (more room to read) or show it again (also when a panel pushed it out)."""
        if self.list_column.display:
            self._list_hidden = True
        else:
            self._list_hidden = False
            self._list_forced = self.squeezed
        self.fit_panes()
        if not self.list_column.display and self.focused in (self.article_list, self._filter_box()):
            self.article_view.focus()

    def _compositor_refresh(self) -> None:
        # Textual's (8.2.8) paint of this screen, or behind a dialog what changed here (handed to
        # the dialog to draw): either way what a dialog shows of it may have changed. Private, and
        # no public hook sees both (tests/test_ui_textual_names.py fails if it changes)
        if self.app.screen is self or self._compositor._dirty_regions:
            self.repaints += 1
        super()._compositor_refresh()

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed:
            # the first: every widget got its styles as it mounted, a moment ago; Textual would
            # match every rule against every widget again before the first paint
            self._resumed = True
            event.refresh_styles = False
        self.query_one(BehindFooter).in_front()

    def on_resize(self) -> None:
        self.fit_panes()
        self._show_follows(self.pane.follows)  # its width is a share of the screen's

    def fit_panes(self, panel_open: bool | None = None, panel: EntityPanel | None = None) -> None:
        """Widths for the list and a side panel beside the reading pane (reader/ui/pane_widths.py)."""
        width = self.size.width or self.app.size.width
        if panel is None:
            panel = next((p for p in self.query(EntityPanel) if not p._pruning), None)
        if panel_open is None:
            panel_open = panel is not None
        show, panel_w = pane_widths(width, self._list_hidden, self._list_forced, panel_open and panel is not None)
        if panel is not None and panel_w is not None:
            panel.styles.width = panel_w
        self.squeezed = panel_open and not show and not self._list_hidden
        self.list_column.display = show

    def _refresh_entity_panel(self) -> None:
        art = self.pane.article
        for panel in self.query(EntityPanel):
            panel.show_mentions(self.corpus.mentions_in(art) if art else [])

    def entities_rebuilt(self, follow, acted_on=None, other=None) -> None:
        """A correction rebuilt the entities: `follow(old)` is what an entity from before became.
        The current entity follows (else what it was merged into or split from)."""
        pane = self.pane
        old, mention = pane.current_entity, pane.current_mention
        new = follow(old) or (
            follow(acted_on) if old is not None and any(old is x for x in (acted_on, other)) else None
        )
        pane.entity_rebuilt(new, mention)
        self.refresh_highlights()
        shown = follow(acted_on) or new
        for panel in self.query(EntityPanel):
            try:
                panel.highlighted = panel.get_option_index(shown.id) if shown is not None else None
            except OptionDoesNotExist:
                pass
