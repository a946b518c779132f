"""Pilot tests: the corpus entity view (V): counts, sort toggle, filter, choosing an entity."""

from __future__ import annotations

from pathlib import Path

from reader.ui.app import ReaderApp
from reader.ui.entity_nav import EntityNav
from reader.ui.screens.entities import EntitiesScreen, entity_rows, sort_rows
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_rows_count_mentions_and_articles(analysed):
    rows = entity_rows(analysed)
    assert len(rows) == len(analysed.entities)
    for r in rows[:20]:
        nav = EntityNav(analysed, r.entity)
        assert (r.mentions, r.articles) == (len(nav.hits), len(nav.articles))
    by_m, by_a = sort_rows(rows, "mentions"), sort_rows(rows, "articles")
    assert [r.mentions for r in by_m] == sorted((r.mentions for r in rows), reverse=True)
    assert [r.articles for r in by_a] == sorted((r.articles for r in rows), reverse=True)


async def test_open_sort_choose(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("V")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntitiesScreen)
        assert screen.sort_by == "mentions"
        assert screen.shown[0].mentions == max(r.mentions for r in screen.rows)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.sort_by == "articles"
        top = screen.shown[0]
        assert top.articles == max(r.articles for r in screen.rows)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EntitiesScreen)
        assert app.main.pane.current_entity is top.entity
        nav = EntityNav(analysed, top.entity, app.query_one(ArticleList).articles_in_order)
        first = nav.hits[0]
        assert app.main.pane.article is first.article
        assert app.main.pane.current_mention == (first.article, first.start, first.end)
        assert app.query_one(ArticleView).current_span == (first.start, first.end)


async def test_filter_then_choose(analysed):
    ent = next(e for e in analysed.entities if e.kind == "PERSON" and e.name.endswith("Pashinyan"))
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("V")
        await pilot.pause()
        screen = app.screen
        for ch in "pashinyan":
            await pilot.press(ch)
        await pilot.pause()
        assert screen.shown and all("pashinyan" in r.name.casefold() for r in screen.shown)
        i = next(i for i, r in enumerate(screen.shown) if r.entity is ent)
        screen._choose(f"row-{i}")
        await pilot.pause()
        assert app.main.pane.current_entity is ent and app.main.pane.current_mention is not None
        await pilot.press("V")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EntitiesScreen) and app.main.pane.current_entity is ent


async def test_highlights_while_analysis_runs(analysed):
    """A file's raw mentions are highlighted as soon as its analysis is stored (before entities)."""
    from reader.model.corpus.corpus import Corpus
    from reader.ui.messages import AnalysisProgress

    fresh = Corpus.load([str(SEEDS)])
    app = ReaderApp(fresh, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        art = app.main.pane.article
        assert art is not None and view.highlights.spans == []
        i = fresh.file_index(art)
        fresh.set_analysis(i, analysed.analyses[i])  # what the worker does before reporting progress
        app.post_message(AnalysisProgress(1, len(fresh.files), fresh.files[i].name))
        await pilot.pause()
        kinds = {c for _, _, c in view.highlights.spans}
        assert any(c in kinds for c in ("article-view--person", "article-view--place", "article-view--org"))
        assert fresh.entities == []
