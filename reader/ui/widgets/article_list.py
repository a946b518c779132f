"""The list pane: one entry per article (title, then publisher · date), digests grouped by file.
What it lists, in what order and folded how, is its `ListContents` (widgets/list_contents.py).

A story told more than once (wire copies, reposts: reader/model/corpus/duplicates.py, grouped in
the background and handed over with `set_stories`) shows once, at its earliest member, with
"also in N outlets"; `o` (or `+`) unfolds its copies below it, indented, and folds them again,
`O` does so for every story. A folded copy opened from elsewhere (the palette, a link) unfolds.

A Line-API ScrollView rather than OptionList/ListView: every entry has a fixed height, so 10k
articles cost one small table, and only the visible lines are ever rendered.

A worklist too: an unread article has a dot before its title (`is_read` tells, the reading memory
knows), `u` marks the highlighted article read or unread, and `/` asks for a filter (title,
publisher, date, file name; every word typed must occur) that `set_filter` applies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive, reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.model.ingest.article import Article
from reader.ui.safe import safe_line
from reader.ui.widgets.list_contents import ListContents
from reader.ui.widgets.list_entries import Entry, filter_words
from reader.ui.widgets.pass_style import PassStyle
from reader.ui.widgets.quiet_size import quiet_virtual_size

SORTS = ("file", "date", "title", "publisher")
SORT_LABELS = {"file": "file order", "date": "date", "title": "title", "publisher": "publisher"}
INLINE_FILTER = 2000  # a list this short is filtered at once (well under a frame), a longer one in a worker
LINES = 1024  # drawn lines kept: a few screens of them
UNREAD = "•"  # before the title of an article not read yet (a glyph: NO_COLOR shows it too)


class ArticleList(ScrollView, can_focus=True):
    """Articles to choose from; posts `ArticleList.Chosen` on enter or click."""

    HELP_TITLE = "Article list"

    ALLOW_SELECT = False  # a click picks an article; it does not start a text selection

    COMPONENT_CLASSES = {
        "article-list--title",
        "article-list--meta",
        "article-list--group",
        "article-list--cursor",
        "article-list--open",
        "article-list--unread",
        "article-list--story",
    }

    BINDINGS = [
        Binding("down,j", "move(1)", "Next article", show=False),
        Binding("up,k", "move(-1)", "Previous article", show=False),
        Binding("enter", "choose", "Open article", show=False),
        Binding("g,home", "first", "First article", show=False),
        Binding("G,end", "last", "Last article", show=False),
        Binding("space,pagedown", "page(1)", "Page down", show=False),
        Binding("b,pageup", "page(-1)", "Page up", show=False),
        Binding("s", "cycle_sort", "Sort", tooltip="cycle: file order, date, title, publisher"),
        Binding("S", "reverse_sort", "Reverse sort", show=False),
        Binding("slash", "filter", "Filter the list", tooltip="by title, publisher or date, as you type", show=False),
        Binding("u", "toggle_read", "Mark read / unread", show=False),
        Binding("o,plus", "toggle_story", "Unfold / fold a story's copies", show=False),
        Binding("O", "toggle_all_stories", "Unfold / fold every story's copies", show=False),
    ]

    # no repaint of its own: watch_cursor repaints the rows it moved between (a new layout, all of them)
    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    virtual_size: Reactive[Size] = quiet_virtual_size()  # a filter's answer lays nothing out (its height is 1fr)

    @dataclass
    class Chosen(Message):
        """The user chose an article to read."""

        article: Article

    @dataclass
    class SortChanged(Message):
        label: str

    class Filtered(Message):
        """The list shows the answer to a new filter text."""

    class FilterRequested(Message):
        """`/` in the list: the screen opens the filter box."""

    @dataclass
    class ToggleRead(Message):
        article: Article

    @dataclass
    class Refolded(Message):
        """A story's copies were unfolded or folded: the order of the list changed."""

    def __init__(
        self,
        articles: Sequence[Article],
        *,
        is_read: Callable[[Article], bool] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._pass = PassStyle()  # its own style while a pass draws the rows (render_lines)
        self.contents = ListContents(articles)  # what is listed, in what order, folded how
        self._is_read = is_read
        self.sort_mode = "file"
        self.reverse = False
        self.filter_text = ""
        self.open_article: Article | None = None
        self.answered = ""  # the filter text the list shows the answer to
        self._lines: LRUCache[tuple, tuple[Article | None, Strip]] = LRUCache(LINES)  # drawn lines (render_line)
        self._titles = ("", "")  # show_titles
        self._build()

    # -- building (the contents: widgets/list_contents.py) ---------------------------------
    def _build(self) -> None:
        contents = self.contents
        contents.regroup(self.sort_mode, self.reverse)
        self._apply(contents.lay_out(contents.filtered(contents.groups, filter_words(self.filter_text))))

    def _apply(self, layout: tuple) -> None:
        self.virtual_size = Size(0, self.contents.apply(layout, self.filter_text))
        # the scrollbars, as a layout would set them (private: tests/test_ui_textual_names.py)
        self._scroll_update(self.virtual_size)
        self.answered = self.filter_text
        self.refresh()  # every row may have moved

    def set_articles(self, articles: Sequence[Article]) -> None:
        """Replace the list (more files were read), keeping the cursor on the same article."""
        keep = self.highlighted
        self.contents.set_articles(articles)
        self._rebuild_keeping(keep)

    def set_stories(self, groups: Sequence) -> None:
        """Stories told more than once (DuplicateGroup: `members`, earliest first): each shows once,
        folded, at its first member. The cursor stays on its article (its story unfolds if need be)."""
        keep = self.highlighted
        self.contents.set_stories(groups)
        self._rebuild_keeping(keep)

    @property
    def stories_count(self) -> int:
        """How many stories the listed articles tell (copies counted once)."""
        return self.contents.stories_count

    def _rebuild_keeping(self, keep: Article | None) -> None:
        if keep is not None:
            self.contents.unfold_for(keep)
        self._build()
        if keep is not None:
            self.cursor = self.contents.position(keep) or 0
        self.refresh()

    def order_position(self, article: Article) -> int | None:
        """The place of `article` in `articles_in_order` (None: not listed, e.g. a copy folded away)."""
        return self.contents.order_position(article)

    @property
    def sort_label(self) -> str:
        return SORT_LABELS[self.sort_mode] + (" (reversed)" if self.reverse else "")

    @property
    def articles_in_order(self) -> Sequence[Article]:
        """Every article in the list's sort order, a filter or not (entity navigation walks it).
        Not a copy: a new sequence when the order changes, so `is` tells a walk if it holds."""
        return self.contents.order

    @property
    def shown_articles(self) -> list[Article]:
        """The articles the list shows (the filter applied), top to bottom."""
        entries = self.contents.entries
        return [entries[i].article for i in self.contents.choosable]

    @property
    def shown_count(self) -> int:
        return len(self.contents.choosable)

    def set_filter(self, text: str) -> bool:
        """Show only the articles every word of `text` occurs in (title, publisher, date, file).
        Over a big list the filtering runs in a thread worker and the list changes when it is
        done (`answered` says for what text); a text that grows the last one filters what that kept.
        False when `text` is already the filter: no `Filtered` follows."""
        if text == self.filter_text:
            return False
        self.filter_text = text
        contents = self.contents
        last, kept = contents.kept
        groups = kept if last and text.startswith(last) else contents.groups
        words, keep, base = filter_words(text), self.highlighted, contents.groups

        def answer() -> tuple:
            layout = contents.lay_out(contents.filtered(groups, words))
            entries, choosable = layout[1], layout[3]
            return layout, next((n for n, i in enumerate(choosable) if entries[i].article is keep), 0)

        if len(contents.articles) <= INLINE_FILTER:
            self._filter_done(text, base, *answer())
            return True

        def work() -> None:
            self.app.call_from_thread(self._filter_done, text, base, *answer())

        self.run_worker(work, thread=True, group="list-filter", exclusive=True, exit_on_error=False)
        return True

    def _filter_done(self, text: str, base: list, layout: tuple, cursor: int) -> None:
        if text != self.filter_text or base is not self.contents.groups:
            return  # a newer filter, or the list changed meanwhile: that answer is coming
        self._apply(layout)
        self.cursor = cursor
        self.refresh()
        self.post_message(self.Filtered())

    @property
    def highlighted(self) -> Article | None:
        contents = self.contents
        if not contents.choosable:
            return None
        return contents.entries[contents.choosable[self.cursor]].article

    def select_article(self, article: Article) -> None:
        """Move the cursor to `article` and mark it as the one open (no message posted)."""
        was_open = self.open_article
        self.open_article = article
        contents = self.contents
        if contents.unfold_for(article):  # a copy opened from elsewhere: show it in its story (all repainted)
            self._build()
        else:  # the lines of the one open before (the cursor's are repainted by watch_cursor)
            self._refresh_entries(contents.entry_of(was_open), contents.entry_of(article))
        n = contents.position(article)
        if n is not None:
            self.cursor = n

    def show_titles(self, title: str, subtitle: str) -> None:
        """The border's title and subtitle. Setting either repaints the whole list in Textual; the
        subtitle (the count of unread articles) changes as articles are opened one after another
        (]/[ at 100k articles), so a new subtitle alone repaints only the bottom border's line."""
        if title != self._titles[0]:
            self.border_title, self.border_subtitle = Content(title), Content(subtitle)
        elif subtitle != self._titles[1]:
            self._border_subtitle = Content(subtitle)  # where Widget.border_subtitle keeps it
            off, outer = self.content_offset, self.outer_size
            self.refresh(Region(-off.x, outer.height - 1 - off.y, outer.width, 1))
        self._titles = (title, subtitle)

    def _refresh_entries(self, *entries: int | None) -> None:
        """Repaint these entries' lines only: a mark moved from one row to another (the whole
        list is ~2 ms a frame at full height; a scroll repaints it all anyway)."""
        listed, tops = self.contents.entries, self.contents.tops
        for i in {i for i in entries if i is not None and 0 <= i < len(listed)}:
            self.refresh_lines(tops[i], listed[i].height)

    # -- cursor ---------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.contents.choosable) - 1))

    def watch_cursor(self, old: int, value: int) -> None:
        choosable, entries, tops = self.contents.choosable, self.contents.entries, self.contents.tops
        if not choosable:
            return
        i = choosable[value]
        top = tops[i]
        # keep a digest's header in view with its first story
        if i > 0 and entries[i - 1].article is None:
            top -= 1
        self.scroll_to_region_lines(top, tops[i] + entries[i].height)
        # the rows the cursor left and reached (where the list was rebuilt, the builder repaints all)
        self._refresh_entries(choosable[old] if 0 <= old < len(choosable) else None, i)

    def scroll_to_region_lines(self, top: int, bottom: int) -> None:
        height = self.scrollable_content_region.height or 1
        y = int(self.scroll_offset.y)
        if top < y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom > y + height:
            self.scroll_to(y=bottom - height, animate=False, immediate=True)

    def action_move(self, n: int) -> None:
        self.cursor += n

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.contents.choosable) - 1

    def action_page(self, n: int) -> None:
        per_page = max(1, (self.scrollable_content_region.height or 2) // 2)
        self.cursor += n * per_page

    def action_filter(self) -> None:
        self.post_message(self.FilterRequested())

    def action_toggle_read(self) -> None:
        art = self.highlighted
        if art is not None:
            self.post_message(self.ToggleRead(art))

    def action_choose(self) -> None:
        art = self.highlighted
        if art is not None:
            was_open, self.open_article = self.open_article, art
            self._refresh_entries(self.contents.entry_of(was_open), self.contents.entry_of(art))
            self.post_message(self.Chosen(art))

    def action_cycle_sort(self) -> None:
        self._resort(SORTS[(SORTS.index(self.sort_mode) + 1) % len(SORTS)], self.reverse)

    def action_reverse_sort(self) -> None:
        self._resort(self.sort_mode, not self.reverse)

    def _resort(self, mode: str, reverse: bool) -> None:
        keep = self.highlighted
        self.sort_mode, self.reverse = mode, reverse
        self._rebuild_keeping(keep)
        self.post_message(self.SortChanged(self.sort_label))

    def action_toggle_story(self) -> None:
        """`z`: show the highlighted story's copies below it, or fold them (from the story or a copy)."""
        art = self.highlighted
        if art is None:
            return
        head = self.contents.toggle_story(art)
        if head is None:
            self.notify("This story is told once", markup=False, timeout=2)
            return
        self._build()
        self.cursor = self.contents.position(head) or 0
        self.refresh()
        self.post_message(self.Refolded())

    def action_toggle_all_stories(self) -> None:
        """`O`: unfold every story told more than once, or fold them all when all are unfolded."""
        if not self.contents.stories:
            self.notify("No story is told more than once", markup=False, timeout=2)
            return
        self._rebuild_keeping(self.contents.toggle_all_stories(self.highlighted))
        self.post_message(self.Refolded())

    # -- mouse ----------------------------------------------------------------------------
    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        contents = self.contents
        i = contents.entry_at(int(self.scroll_offset.y) + offset.y)
        if 0 <= i < len(contents.entries) and contents.entries[i].article is not None:
            self.cursor = contents.choosable.index(i)
            self.action_choose()

    # -- rendering ------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        with self._pass.drawing(self):  # the list's own style once per pass (widgets/pass_style.py)
            return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._pass.of(self)
        line = int(self.scroll_offset.y) + y
        contents = self.contents
        i = contents.entry_at(line)
        if not contents.entries and self.filter_text and line == 0:
            content = Content("(no article matches the filter)").truncate(width, ellipsis=True)
            content = content.stylize(self.get_visual_style("article-list--meta", partial=True))
            return Strip(content.render_segments(self.visual_style), content.cell_length).crop_extend(0, width, base)
        if not (0 <= i < len(contents.entries)) or line >= self.virtual_size.height:
            return Strip.blank(width, base)
        entry = contents.entries[i]
        sub = line - contents.tops[i]
        art = entry.article
        cursor = bool(contents.choosable) and contents.choosable[self.cursor] == i
        unread = art is not None and sub == 0 and self._is_read is not None and not self._is_read(art)
        # a filter's answer mostly shows lines the last one showed (typing on keeps the first
        # matches): each is drawn once for what it shows (cleared when the styles change)
        key = (id(art), entry.label, sub, entry.indent, entry.also, entry.unfolded, entry.copy)
        key += (art is self.open_article, unread, cursor, width, self.has_focus)
        got = self._lines.get(key)
        if got is not None and got[0] is art:
            return got[1]
        strip = self._draw(entry, art, sub, width, unread, cursor)
        self._lines[key] = (art, strip)
        return strip

    def _draw(self, entry: Entry, art: Article | None, sub: int, width: int, unread: bool, cursor: bool) -> Strip:
        if art is None:
            content = safe_line(entry.label).truncate(width, ellipsis=True)
            content = content.stylize(self.get_visual_style("article-list--group", partial=True))
        else:
            story = ""  # our own words, before the article's
            if sub == 0:
                text = art.title
            else:  # the format of an imported article first ("html", "pdf p. 3"), then publisher · date
                text = " · ".join(x for x in (art.format_label, art.publisher, art.date) if x)
                dot = " · " if bool(text) else ""
                if entry.also:
                    story = ("▾ " if entry.unfolded else "▸ ") + entry.also + dot
                elif entry.copy:
                    story = "copy" + dot
                elif not text:
                    text = "—"
            cls = "article-list--title" if sub == 0 else "article-list--meta"
            marker = ("▌" if art is self.open_article else " ") + (UNREAD if unread else " ") + " "
            body = Content(story) + safe_line(text)
            room = max(1, width - len(marker) - entry.indent)
            body = body.truncate(room, ellipsis=True)
            content = Content(" " * entry.indent + marker, strip_control_codes=False) + body
            content = content.stylize(self.get_visual_style(cls, partial=True), 1 + entry.indent, len(content))
            if unread:
                content = content.stylize(
                    self.get_visual_style("article-list--unread", partial=True), entry.indent + 1, entry.indent + 2
                )
            if story:
                lead = len(marker) + entry.indent
                content = content.stylize(
                    self.get_visual_style("article-list--story", partial=True), lead, lead + len(story)
                )
            if art is self.open_article:
                content = content.stylize(
                    self.get_visual_style("article-list--open", partial=True), entry.indent, entry.indent + 1
                )
            if cursor:
                content = content.extend_right(max(0, width - content.cell_length))
                content = content.stylize(self.get_visual_style("article-list--cursor", partial=True))
        segments = content.render_segments(self.visual_style)
        return Strip(segments, content.cell_length).crop_extend(0, width, self._pass.of(self))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()
        self.refresh()
