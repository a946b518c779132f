"""What the first screen mounts, and what it makes on first use instead (the first paint waits
for every widget mounted before it: its styles, its CSS, its drawing)."""

from __future__ import annotations

from textual.geometry import Region

from reader.ui.app import ReaderApp
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.list_filter import ListFilter


async def test_the_filter_box_is_made_on_first_use_and_works(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        main, lst = app.main, app.query_one(ArticleList)
        assert not app.query(ListFilter)  # not on the first screen: no filter was kept
        assert app.focused is lst
        await pilot.press("slash", *"radio free")  # typed into the box made by `/`
        await pilot.pause()
        box = app.query_one(ListFilter)
        assert box.display and app.focused is box and box.value == "radio free"
        assert box.parent is main.list_column and box.region.bottom <= lst.region.y  # above the list
        shown = lst.shown_articles
        assert shown and all("Radio Free" in (a.publisher or "") for a in shown)
        await pilot.press("escape")  # clears it, hides it, back to the list
        await pilot.pause()
        assert not box.display and lst.shown_count == len(seeds_corpus.articles) and app.focused is lst
        await pilot.press("slash")  # the same box again, not a second one
        await pilot.pause()
        assert len(app.query(ListFilter)) == 1 and app.focused is box and box.display


async def test_a_kept_filter_shows_its_box_from_the_start(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"radio")
        await pilot.pause()
    app2 = ReaderApp(seeds_corpus, analyse=False)
    async with app2.run_test(size=(120, 40)) as pilot:
        box = app2.query_one(ListFilter)
        lst = app2.query_one(ArticleList)
        assert box.display and box.value == "radio" and lst.shown_count < len(seeds_corpus.articles)
        assert app2.focused is lst  # the list has focus, as without a filter


async def test_the_list_drawn_in_a_pass_matches_its_rows_drawn_one_by_one(seeds_corpus):
    # render_lines keeps the list's own style for the pass; each row must look as it does alone
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 40)):
        lst = app.query_one(ArticleList)
        alone = [lst.render_line(y) for y in range(lst.scrollable_content_region.height)]
        width, height = lst.scrollable_content_region.size
        lst.refresh()  # drawn anew, not from Textual's cache of the lines
        drawn = lst.render_lines(Region(0, 0, lst.outer_size.width, lst.outer_size.height))
        rows = [strip.crop(1, 1 + width) for strip in drawn[1 : 1 + height]]  # inside the border
        assert [list(s) for s in rows] == [list(s) for s in alone]


def styles_of(screen) -> dict:
    """Every node's styles as matched: its own rules, its component classes', and what it draws with."""
    got = {}
    for node in [screen, *screen.walk_children()]:
        parts = tuple(node.get_component_styles(c).css for c in sorted(getattr(node, "COMPONENT_CLASSES", ())))
        got[repr(node)] = (node.styles.css, parts, str(node.rich_style), str(node.visual_style))
    return got


async def test_the_first_screen_is_styled_as_a_full_restyle_would_style_it(seeds_corpus):
    # the main screen's first resume skips Textual's restyle of every widget (each got its styles
    # as it mounted): nothing may depend on it
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(160, 48)) as pilot:
        first: dict = {}
        for _ in range(20):  # settled: the pane centres its text once it knows its width
            await pilot.pause(0.05)
            first, before = styles_of(app.screen), first
            if first == before:
                break
        assert len(first) >= 10 and any("ArticleView" in k for k in first)
        app.screen.update_node_styles(animate=False)
        await pilot.pause()
        assert styles_of(app.screen) == first
