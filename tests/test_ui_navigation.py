"""Pilot tests: keys, mouse and the help screen on the seed corpus."""

from __future__ import annotations

from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView


def lines(widget) -> list[str]:
    return ["".join(s.text for s in widget.render_line(y)) for y in range(widget.scrollable_content_region.height)]


async def test_opens_with_first_article_shown(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lst, view = app.query_one(ArticleList), app.query_one(ArticleView)
        first = lst.articles_in_order[0]
        assert view.article is first and app.main.pane.article is first
        assert first.title in " ".join(" ".join(lines(view)).split())
        assert app.focused is lst


async def test_jk_enter_tab(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        lst, view = app.query_one(ArticleList), app.query_one(ArticleView)
        order = lst.articles_in_order
        await pilot.press("j", "j", "k", "down")
        assert lst.highlighted is order[2]
        assert view.article is order[0]  # moving the cursor does not open
        await pilot.press("enter")
        assert view.article is order[2]
        assert app.focused is view  # reading starts at once
        await pilot.press("tab")
        assert app.focused is lst
        await pilot.press("G")
        assert lst.highlighted is order[-1]
        await pilot.press("g")
        assert lst.highlighted is order[0]


async def test_reading_pane_scroll_keys(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ArticleView)
        view.focus()
        await pilot.pause()
        assert view.scroll_offset.y == 0
        await pilot.press("j", "j")
        assert view.scroll_offset.y == 2
        await pilot.press("k")
        assert view.scroll_offset.y == 1
        await pilot.press("space")
        assert view.scroll_offset.y > 5
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_offset.y == view.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_offset.y == 0
        assert view.top_offset == view.article.start


async def test_help_lists_every_binding(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for cls in (ReaderApp, ArticleList, ArticleView):
            for b in cls.BINDINGS:
                assert b.description in text, b
        assert "Person" in text and "underlined" in text  # the highlight legend
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_click_list_row_opens_article(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        lst, view = app.query_one(ArticleList), app.query_one(ArticleView)
        order = lst.articles_in_order
        # entries are two lines each; the border takes row 0, so article 3's title is on row 5
        await pilot.click(ArticleList, offset=(5, 5))
        await pilot.pause()
        assert view.article is order[2]
        assert lst.highlighted is order[2]


async def test_digest_stories_grouped_under_their_file(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 30)):
        text = "\n".join(lines(app.query_one(ArticleList)))
        assert "4 stories · 004_b8af" in text


async def test_sort_keys(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        lst = app.query_one(ArticleList)
        await pilot.press("s")
        assert lst.sort_mode == "date"
        await pilot.press("s")
        assert lst.sort_mode == "title"
        titles = [a.title.casefold() for a in lst.articles_in_order if a.story_index is None]
        assert titles == sorted(titles)
        await pilot.press("S")
        assert lst.reverse
        assert "title (reversed)" in str(lst.border_title)


async def test_list_handles_10k_articles(seeds_corpus):
    """Works at 10k rows (speed is measured in benchmarks/startup.py, not here)."""
    from dataclasses import replace

    base = list(seeds_corpus.articles)
    seeds_corpus.articles = [replace(a, id=f"{a.id}-{n}", story_index=None) for n in range(1250) for a in base]
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        lst = app.query_one(ArticleList)
        assert len(lst.articles_in_order) == 10_000
        await pilot.press("G")
        await pilot.pause()
        assert lst.highlighted is seeds_corpus.articles[-1]
        assert seeds_corpus.articles[-1].title[:15] in "".join(lines(lst))
        await pilot.press("s", "enter")
        await pilot.pause()
        assert app.main.pane.article is lst.highlighted
