"""Close reading in the app (issue 16): where am I, every mention in context, moving by keyboard,
the list as a worklist, room to read, help from the bindings, entity views."""

from __future__ import annotations

import pytest
from conftest import messages_shown

from reader.ui.app import ReaderApp
from reader.ui.widgets.article_row import GUTTER, MARK_FIRST
from reader.ui.widgets.article_view import ArticleView

KINDS = ("PERSON", "PLACE", "ORG", "NORP")


def cells(view: ArticleView, row: int) -> tuple[str, list]:
    """(text, style per cell) of a display row as rendered."""
    strip = view.render_line(row - int(view.scroll_offset.y))
    text, styles = "", []
    for seg in strip:
        for ch in seg.text:
            text += ch
            styles.append(seg.style)
    return text, styles


def cue(style) -> tuple:
    """What a style shows without colour (NO_COLOR terminals)."""
    return (bool(style.bold), bool(style.italic), bool(style.underline), bool(style.reverse))


def spot(view: ArticleView, offset: int) -> tuple[int, int]:
    """(row, strip column) where source `offset` is shown."""
    row = view._rows.row_of(offset)
    return row, GUTTER + view._row_text(row).src_to_col(offset)


def two_of_a_kind(corpus, kind: str):
    """An article with two mentions of `kind` (any entities): (article, first, second)."""
    for art in corpus.articles:
        ms = [m for m in corpus.mentions_in(art) if m[2].kind == kind]
        if len(ms) >= 2:
            return art, ms[0], ms[1]
    pytest.skip(f"no article with two {kind} mentions")


# --- 1. where am I -----------------------------------------------------------------------------


@pytest.mark.parametrize("no_color", [False, True])
async def test_current_mention_and_quote_are_unmistakable(analysed, monkeypatch, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.main.pane
        view = pane.view
        for kind in KINDS:
            art, cur, other = two_of_a_kind(analysed, kind)
            pane.set_entity(cur[2], art, cur[0], cur[1])
            await pilot.pause()
            row, col = spot(view, cur[0])
            text, styles = cells(view, row)
            assert text[0] == MARK_FIRST, kind  # the margin says which row
            orow, ocol = spot(view, other[0])
            otext, ostyles = cells(view, orow)
            assert cue(styles[col]) != cue(ostyles[ocol]), kind  # differs from its neighbour, colour aside
            assert styles[col].reverse and not ostyles[ocol].reverse, kind
            if orow != row:
                assert otext[0] != MARK_FIRST
        # the current quote: reversed over the quote background, marked in the margin
        art = next(a for a in analysed.articles if len(analysed.quotes_in(a)) >= 2)
        pane.open(art)
        await pilot.pause()
        pane.quotes.step(1)
        await pilot.pause()
        s, _ = view.current_span
        row, col = spot(view, s)
        text, styles = cells(view, row)
        assert text[0] == MARK_FIRST and styles[col].reverse
        q2 = sorted(analysed.quotes_in(art), key=lambda q: q.start)[1]
        orow, ocol = spot(view, q2.start)
        assert not cells(view, orow)[1][ocol].reverse


async def test_jumps_bring_the_mention_to_a_comfortable_line(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(100, 24)) as pilot:
        pane = app.main.pane
        view = pane.view
        art = max(analysed.articles, key=lambda a: a.end - a.start)
        ents = [m for m in analysed.mentions_in(art)]
        late = ents[len(ents) * 2 // 3]
        pane.open(art)
        await pilot.pause()
        height = view.scrollable_content_region.height
        pane.set_entity(late[2], art, late[0], late[1])
        await pilot.pause()
        row = view._rows.row_of(late[0])
        top = int(view.scroll_offset.y)
        assert top + 3 <= row < top + height - 3  # not at an edge
        # a mention already on screen but on the last line is brought up too
        view.scroll_to(y=max(0, row - height + 1), animate=False, force=True)
        await pilot.pause()
        view.set_current(late[0], late[1])
        await pilot.pause()
        top = int(view.scroll_offset.y)
        assert top + 3 <= row < top + height - 3


# --- 3. moving by keyboard ---------------------------------------------------------------------


def follows(app) -> str:
    return str(app.query_one("#status-follows").render()).rstrip()  # (padded to one width)


def status_line(app) -> str:
    return str(app.query_one("#status-article").render())


async def test_e_cycles_the_names_on_screen_and_ctrl_e_goes_back(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.main.pane
        view = pane.view
        art = analysed.articles[0]
        pane.open(art)
        view.focus()
        await pilot.pause()
        top, bottom = view.top_offset, view.bottom_offset
        shown = [m for m in analysed.mentions_in(art) if m[1] > top and m[0] < bottom]
        assert len(shown) >= 3
        seen = []
        for _ in range(len(shown)):
            await pilot.press("e")
            seen.append(view.current_span)
            assert pane.current_entity is next(m[2] for m in shown if (m[0], m[1]) == view.current_span)
        assert seen == [(m[0], m[1]) for m in shown]  # every name on screen, in reading order
        await pilot.press("e")
        assert view.current_span == (shown[0][0], shown[0][1])  # round to the first
        await pilot.press("ctrl+e")
        assert view.current_span == (shown[-1][0], shown[-1][1])  # and back
        await pilot.press("ctrl+e")
        assert view.current_span == (shown[-2][0], shown[-2][1])
        assert int(view.scroll_offset.y) == 0  # names on screen: the text does not move
        assert follows(app).startswith("n/N: ")


async def test_n_walks_the_find_until_it_is_cleared_then_the_entity(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.main.pane
        view = pane.view
        art = next(a for a in analysed.articles if a.text.count("Armenia", a.start, a.end) >= 4)
        pane.open(art)
        view.focus()
        await pilot.press("e")  # an entity first: n follows it
        ent = pane.current_entity
        assert follows(app) == f"n/N: {ent.name}"
        await pilot.press("slash", *"armenia", "enter")
        await pilot.pause()
        await pilot.press("escape")  # the bar closes; the find stays (the last search wins)
        await pilot.pause()
        assert follows(app) == "n/N: find “armenia”"
        first = view.highlights.match_current
        await pilot.press("n")
        assert view.highlights.match_current == first + 1
        await pilot.press("N", "N")
        assert view.highlights.match_current == first - 1 or first == 0
        assert "find “armenia”" in status_line(app) and " of " in status_line(app)
        # another article: the kept find searches it too
        other = next(a for a in analysed.articles if a is not art and "Armenia" in a.text[a.start : a.end])
        pane.open(other)
        await pilot.pause()
        assert view.highlights.matches and all(other.start <= s < other.end for s, _ in view.highlights.matches)
        view.focus()
        await pilot.press("escape")  # cleared: n is the entity's again
        await pilot.pause()
        assert view.highlights.matches == [] and follows(app) == f"n/N: {ent.name}"
        await pilot.press("e", "slash", *"armenia", "escape", "e")  # picking a name after a find ends the find
        await pilot.pause()
        assert view.highlights.matches == [] and follows(app).startswith("n/N: ") and "find" not in follows(app)


# --- 2. every mention in context ---------------------------------------------------------------


async def test_concordance_view_filters_sorts_and_jumps(analysed):
    from reader.model.outputs.concordance import concordance
    from reader.ui.screens.concordance import ConcordanceScreen

    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.main.pane
        await pilot.press("K")  # no current entity: says so
        await pilot.pause()
        assert not isinstance(app.screen, ConcordanceScreen)
        assert any("No current entity" in m for m in messages_shown(app))
        ent = max(analysed.entities, key=lambda e: len({m.file for m in e.mentions}))
        pane.go_to_first_mention(ent)
        await pilot.press("K")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, ConcordanceScreen)
        rows = concordance(analysed, ent)
        assert [(r.article, r.start) for r in view.shown] == [(r.article, r.start) for r in rows]
        assert view.options.option_count == len(rows)
        # every row: its context, the name, and the article under it
        first = str(view.options.get_option_at_index(0).prompt)
        assert " ".join(rows[0].text.split()) in first and rows[0].article.title[:20] in first
        await pilot.press("ctrl+s")
        await pilot.pause()
        dates = [r.article.date for r in view.shown]
        assert view.sort_by == "date" and [d for d in dates if d] == sorted(d for d in dates if d)
        assert dates[-1] is None or all(dates)  # undated last
        # filter as you type: an article's title narrows to its rows
        target = rows[-1]
        word = max(target.article.title.split(), key=len)
        await pilot.press(*word.lower())
        await pilot.pause()
        assert view.shown and all(
            word.casefold() in (r.article.title + r.left + r.right).casefold() for r in view.shown
        )
        assert len(view.shown) < len(rows)
        await pilot.press("down")  # to the list, onto the last row shown, and go
        k = next(i for i, r in enumerate(view.shown) if (r.article, r.start) == (target.article, target.start))
        view.options.highlighted = k
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ConcordanceScreen)
        assert pane.article is target.article and pane.view.current_span == (target.start, target.end)
        assert pane.current_entity is ent
        await pilot.press("K")
        await pilot.pause()
        await pilot.press(*"zzqqxx")
        await pilot.pause()
        empty = str(app.screen.options.get_option_at_index(0).prompt)
        assert app.screen.shown == [] and "no mention matches “zzqqxx”" in empty


# --- 5. room to read -----------------------------------------------------------------------------


async def test_zoom_hides_and_shows_the_list(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        lst, view = app.query_one("#list-column"), app.main.article_view
        before = view.size.width
        await pilot.press("z")
        await pilot.pause()
        assert not lst.display and view.size.width > before
        assert app.focused is view  # the list had the focus: the article takes it
        await pilot.press("z")
        await pilot.pause()
        assert lst.display and view.size.width == before


async def test_80x24_with_a_panel_keeps_50_columns_to_read(analysed):
    from reader.ui.widgets.entity_panel import EntityPanel

    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.main.article_view
        await pilot.press("E")
        await pilot.pause()
        panel = app.query_one(EntityPanel)
        assert view._wrap_width() >= 50  # 50 columns of text
        assert panel.outer_size.width >= 24 and not app.query_one("#list-column").display  # the list gave way
        await pilot.press("z")  # the reader may still want the list
        await pilot.pause()
        assert app.query_one("#list-column").display
        await pilot.press("E")  # closing the panel: back to the usual layout
        await pilot.pause()
        assert app.query_one("#list-column").display and not app.query(EntityPanel)
        await pilot.resize_terminal(160, 40)
        await pilot.press("E")
        await pilot.pause()
        assert app.query_one("#list-column").display and app.query_one(EntityPanel).outer_size.width == 34


async def test_palette_hits_keep_their_second_line_at_80_columns(analysed):
    from textual.command import CommandList

    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("quotation_mark", *"the")
        await pilot.pause(0.6)
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one(CommandList)
        assert hits.option_count >= 3
        width = hits.scrollable_content_region.width
        for i in range(hits.option_count):
            hit = hits.get_option_at_index(i).hit
            assert hit.help is not None and 0 < hit.help.cell_length <= width
            assert hit.prompt.cell_length <= width  # one line: the help line stays right under it


async def test_timeline_bars_never_wrap_their_counts(analysed):
    from reader.ui.screens.timeline import TimelineScreen

    for size in ((80, 24), (120, 40)):
        app = ReaderApp(analysed, analyse=False)
        async with app.run_test(size=size) as pilot:
            app.main.pane.go_to_first_mention(analysed.entities[0])
            await pilot.press("T")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, TimelineScreen)
            lst = screen.options
            width = lst.scrollable_content_region.width - 2  # the options' padding
            for i in range(lst.option_count):
                prompt = lst.get_option_at_index(i).prompt
                assert prompt.cell_length <= width, (size, str(prompt))


# --- 4. the list as a worklist -------------------------------------------------------------------


def list_rows(lst) -> list[str]:
    return ["".join(seg.text for seg in lst.render_line(y)) for y in range(lst.scrollable_content_region.height)]


async def test_read_unread_next_unread_and_a_kept_filter(seeds_corpus):
    from reader.ui.widgets.article_list import UNREAD, ArticleList

    arts = seeds_corpus.articles
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        main = app.main
        lst = app.query_one(ArticleList)
        first = main.pane.article
        assert main.memory.is_read(first)  # shown is read
        assert sum(UNREAD in r for r in list_rows(lst)) == len(arts) - 1  # a dot for every other one
        lst.focus()
        await pilot.press("j", "u")  # the highlighted one, marked read without opening it
        second = lst.highlighted
        assert main.memory.is_read(second) and main.pane.article is first
        await pilot.press("u")
        assert not main.memory.is_read(second)
        await pilot.press("U")  # the next unread after the open article
        await pilot.pause()
        assert main.pane.article is second and main.memory.is_read(second)
        await pilot.press("u")  # in the article: the open one goes back to unread
        assert not main.memory.is_read(second)
        # the filter: / in the list, as you type, by title, publisher or date
        lst.focus()
        await pilot.press("slash", *"radio free")
        await pilot.pause()
        shown = lst.shown_articles
        assert shown and all("Radio Free" in (a.publisher or "") for a in shown) and len(shown) < len(arts)
        assert "of 8" in str(lst.border_title)
        await pilot.press("enter")
        assert app.focused is lst
        await pilot.press("U")  # next unread within what the list shows
        await pilot.pause()
        assert main.pane.article in shown
    # all of it is kept in the reading state
    app2 = ReaderApp(seeds_corpus, analyse=False)
    async with app2.run_test(size=(120, 40)) as pilot:
        lst = app2.query_one(ArticleList)
        assert app2.main.list_filter.value == "radio free" and lst.shown_articles == shown
        assert app2.main.memory.is_read(first) and not app2.main.memory.is_read(second)
        app2.main.list_filter.focus()
        await pilot.press("escape")  # Esc in the box clears the filter
        await pilot.pause()
        assert lst.shown_count == len(arts) and not app2.main.list_filter.display


# --- 6. help that cannot drift -------------------------------------------------------------------


def help_text(app) -> str:
    from reader.ui.screens.help import HelpScreen

    assert isinstance(app.screen, HelpScreen)
    return str(app.screen.query_one("#help-text").render())


async def test_help_is_generated_from_the_bindings_of_the_screen(analysed):
    from reader.actions import APP_COMMANDS, GROUPS
    from reader.ui.screens.help import own_bindings
    from reader.ui.widgets.article_list import ArticleList
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.entity_panel import EntityPanel
    from reader.ui.widgets.find_bar import FindBar
    from reader.ui.widgets.list_filter import ListFilter
    from reader.ui.widgets.reading_pane import ReadingPane

    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = help_text(app)
        for c in APP_COMMANDS:
            assert c.title in text, c
        assert "ctrl+p" in text and "Palette over everything" in text  # Textual's own binding
        for cls in (ArticleList, ListFilter, ArticleView, ReadingPane, FindBar, EntityPanel):
            for b in own_bindings(cls):
                if b.description:
                    assert b.description in text, (cls, b)
        lines = text.splitlines()
        assert all(g in lines for g in GROUPS)  # grouped by what the keys do
        await pilot.press("escape")
        # the keys inside each view, from that view's bindings, before the app's
        from reader.ui.screens.bookmarks import BookmarksScreen
        from reader.ui.screens.clippings import ClippingsScreen
        from reader.ui.screens.concordance import ConcordanceScreen
        from reader.ui.screens.entities import EntitiesScreen
        from reader.ui.screens.timeline import TimelineScreen

        app.main.pane.go_to_first_mention(analysed.entities[0])
        views = (
            ("M", BookmarksScreen),
            ("Y", ClippingsScreen),
            ("T", TimelineScreen),
            ("V", EntitiesScreen),
            ("K", ConcordanceScreen),
        )
        for key, cls in views:
            app.main.article_view.focus()
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, cls), key
            await pilot.press("f1")
            await pilot.pause()
            text = help_text(app)
            assert text.splitlines()[0] == f"This view: {cls.HELP_TITLE}"
            for b in own_bindings(cls):
                if b.description:
                    assert b.description in text, (cls, b)
            assert "Quit" not in text  # only what works in the view (app keys wait behind it)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, cls)


# --- 7. entity views -----------------------------------------------------------------------------


async def test_entity_view_filter_matches_aliases_and_says_why_it_is_empty(analysed, seeds_corpus):
    from reader.ui.screens.entities import EntitiesScreen

    pash = next(e for e in analysed.entities if "Nikol Pashinian" in e.aliases)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("V")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, EntitiesScreen)
        await pilot.press(*"pashinian")  # an alias's spelling
        await pilot.pause()
        assert [r.entity for r in view.shown] == [pash]
        await pilot.press(*"qqq")
        await pilot.pause()
        empty = str(view.options.get_option_at_index(0).prompt)
        assert view.shown == [] and "no entity matches “pashinianqqq”" in empty and "aliases" in empty
    # never analysed: it says so, not that the filter failed
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("V")
        await pilot.pause()
        assert "analysis has not finished" in str(app.screen.options.get_option_at_index(0).prompt)
