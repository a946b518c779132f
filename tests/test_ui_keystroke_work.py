"""What a keystroke in a dialog does not do again: draw the dimmed main screen behind the dialog
(reader.ui.screens.dimmed), and build or draw a row that the last answer showed too
(CorpusListScreen.prompt_of, PagedOptions)."""

from __future__ import annotations

from textual.renderables.background_screen import BackgroundScreen

from reader.ui.app import ReaderApp
from reader.ui.screens.dimmed import TintedOnce
from reader.ui.screens.entities import EntitiesScreen
from reader.ui.screens.quotes import QuotesScreen
from reader.ui.widgets.behind_footer import BehindFooter
from reader.ui.widgets.drawn_once import DrawnOnce
from reader.ui.widgets.paged_options import PagedOptions


def count_backgrounds(monkeypatch) -> list[int]:
    calls = [0]
    orig = BackgroundScreen.__rich_console__

    def counted(self, console, options):
        calls[0] += 1
        return orig(self, console, options)

    monkeypatch.setattr(BackgroundScreen, "__rich_console__", counted)
    return calls


def count_layouts(monkeypatch) -> list[int]:
    from textual.screen import Screen

    layouts = [0]
    orig = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        layouts[0] += 1
        return orig(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    return layouts


async def open_view(pilot, key: str):
    """The view `key` opens from the reading pane, once it has painted."""
    pilot.app.main.article_view.focus()
    await pilot.press(key)
    await pilot.pause()
    return pilot.app.screen


async def test_dialog_draws_the_screen_behind_once_until_it_changes(seeds_corpus, monkeypatch):
    calls = count_backgrounds(monkeypatch)
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.main
        await pilot.pause()
        main.article_view.focus()
        await pilot.press("V")
        await pilot.pause()
        assert isinstance(app.screen, EntitiesScreen)
        drawn, repaints = calls[0], main.repaints
        assert drawn >= 1
        for _ in range(3):  # the dialog repainted whole, the main screen unchanged
            app.screen.refresh()
            await pilot.pause()
        assert calls[0] - drawn <= main.repaints - repaints  # no more than the main screen changed
        await pilot.press("escape")
        await pilot.pause()
        # the main screen changes between two dialogs: the second one draws it again
        main.article_list.focus()
        await pilot.press("down")
        await pilot.pause()
        before = calls[0]
        main.article_view.focus()
        await pilot.press("V")
        await pilot.pause()
        assert calls[0] > before


async def test_a_row_kept_by_the_next_keystroke_is_built_and_drawn_once(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_view(pilot, "Q")
        assert isinstance(screen, QuotesScreen)
        lst = screen.options
        k = lst.get_option_index("row-0")
        first = lst.get_option_at_index(k).prompt
        assert isinstance(first, DrawnOnce) and first.draws >= 1  # drawn
        draws = first.draws
        await pilot.press("x", "backspace")  # another answer, then the first again
        await pilot.pause()
        assert screen.answered == ""
        option = lst.get_option_at_index(lst.get_option_index("row-0"))
        again = option.prompt
        assert again is first  # the same prompt, in a new Option
        assert first.draws == draws  # shown again without being drawn again
        assert app.screen.query_one(PagedOptions) is lst
        assert any(option is o for o in lst.options)


async def test_the_footer_behind_a_dialog_is_rebuilt_once_it_is_in_front(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.main
        await pilot.pause()
        footer = main.query_one(BehindFooter)
        assert isinstance(await open_view(pilot, "V"), EntitiesScreen)
        keys = list(footer.children)
        assert keys
        main.refresh_bindings()  # the main screen's keys asked for again while the dialog covers it
        await pilot.pause()
        assert footer.behind and list(footer.children) == keys  # not rebuilt behind the dialog
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main
        assert not footer.behind and list(footer.children) != keys  # rebuilt once in front
        assert footer.children


async def test_the_dimmed_screen_is_tinted_as_textual_tints_it(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_view(pilot, "V")
        console = app.console
        options = console.options.update(width=120, height=36)
        color = app.screen.styles.background
        assert color.a < 1
        theirs = list(BackgroundScreen(app.main, color).__rich_console__(console, options))
        ours = list(TintedOnce(app.main, color).__rich_console__(console, options))
        assert len(ours) > 100 and ours == theirs
        assert list(TintedOnce(app.main, color).__rich_console__(console, options)) == theirs  # from the kept tints


async def test_list_filter_draws_only_the_lines_it_had_not_drawn(seeds_corpus, monkeypatch):
    """Typing on in the list's filter mostly keeps the first matches: their lines are drawn once;
    a line whose look changes (the cursor, read or unread) is drawn again."""
    from reader.ui.widgets.article_list import ArticleList

    drawn: list[tuple] = []
    orig = ArticleList._draw

    def counted(self, entry, art, sub, width, unread, cursor):
        drawn.append((id(art), sub, unread, cursor))
        return orig(self, entry, art, sub, width, unread, cursor)

    monkeypatch.setattr(ArticleList, "_draw", counted)
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        lst = app.main.article_list
        lst.focus()
        await pilot.pause()
        await pilot.press("slash", "a")
        await pilot.pause()
        assert lst.answered == "a" and lst.shown_count > 2
        before = list(drawn)
        await pilot.press("r")  # "ar": the same first articles, the same lines
        await pilot.pause()
        assert lst.answered == "ar" and lst.shown_count > 2
        assert drawn == before
        lst.focus()
        await pilot.pause()
        drawn.clear()
        await pilot.press("down")
        await pilot.pause()
        moved = {(a, cursor) for a, _, _, cursor in drawn}
        first, second = (lst.contents.entries[i].article for i in lst.contents.choosable[:2])
        assert (id(first), False) in moved and (id(second), True) in moved  # the cursor left one, came to the other
        text = [lst.render_line(y).text for y in range(lst.size.height)]
        lst._lines.clear()
        assert [lst.render_line(y).text for y in range(lst.size.height)] == text  # kept lines are what it draws


async def test_filtering_across_a_screenful_lays_nothing_out(analysed, monkeypatch):
    """An answer too long for the list and one that fits follow each other as one types: the list's
    scrollbar stays, so no keystroke lays the screen out again (a layout re-wraps every row)."""
    layouts = count_layouts(monkeypatch)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_view(pilot, "Q")
        assert isinstance(screen, QuotesScreen)
        lst = screen.options
        await pilot.pause()
        full = lst.virtual_size.height
        assert full > lst.size.height  # the whole list overflows the screen
        before = layouts[0]
        for keys in (("q", "x"), ("backspace", "backspace"), ("q", "x"), ("backspace", "backspace")):
            await pilot.press(*keys)  # "qx": no quote or speaker has it, so the answer fits
            await pilot.pause()
            assert (lst.virtual_size.height < lst.size.height) == (keys[0] == "q")
        assert screen.answered == ""
        assert layouts[0] == before


async def test_naming_other_entities_and_articles_lays_nothing_out(analysed, monkeypatch):
    """e and ctrl+e change the status line's note of what n/N walk (names of other lengths), ]/[
    open articles short and long: the screen keeps its layout (one redraws every widget)."""
    layouts = count_layouts(monkeypatch)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.main
        await pilot.pause()
        main.article_view.focus()
        await pilot.press("e")  # the note appears: that may lay the line out once
        await pilot.pause()
        notes, before = set(), layouts[0]
        keys = ("e", "e", "e", "e", "ctrl+e", "right_square_bracket", "right_square_bracket", "left_square_bracket")
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            notes.add(str(app.query_one("#status-follows").render()).strip())
        assert len(notes) >= 3  # names of several entities were shown
        assert layouts[0] == before


async def test_moving_through_the_list_repaints_the_rows_left_and_reached(analysed, monkeypatch):
    """The cursor and the open mark move between rows, and the count of unread articles in the
    border changes as articles are opened: those lines are repainted, not the whole list."""
    from reader.ui.widgets.article_list import ArticleList

    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        main = app.main
        lst = main.article_list
        lst.focus()
        await pilot.pause()
        regions: list[tuple] = []
        orig = ArticleList.refresh

        def spied(self, *args, **kwargs):
            if self is lst:
                regions.append(args)
            return orig(self, *args, **kwargs)

        monkeypatch.setattr(ArticleList, "refresh", spied)
        first = lst.highlighted
        await pilot.press("down")
        await pilot.pause()
        assert lst.highlighted is not first
        assert regions and all(regions)  # regions only: no whole repaint
        assert max(r.height for args in regions for r in args) <= 3  # a row or two
        main.article_view.focus()
        await pilot.press("e")
        await pilot.pause()
        unread = lst.border_subtitle
        regions.clear()
        await pilot.press("right_square_bracket")  # the next article naming the entity, not read yet
        await pilot.pause()
        assert main.pane.article is not first and main.pane.article is lst.open_article
        assert lst.border_subtitle != unread and "unread" in str(lst.border_subtitle)
        assert regions and all(regions)
        bottom = lst.outer_size.height - 1 - lst.content_offset.y  # the border's line, in content lines
        assert any(r.y == bottom and r.height == 1 for args in regions for r in args)
