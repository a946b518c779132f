"""Pilot tests: the current entity and walking its mentions (n/N within, ]/[ across articles)."""

from __future__ import annotations

import pytest

from reader.ui.app import ReaderApp
from reader.ui.entity_nav import EntityNav, entity_from
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.entity_panel import EntityInfoScreen, EntityPanel


@pytest.fixture
def analysed(seeds_corpus):
    from reader.model.analysis.nlp import ModelUnavailable

    try:
        seeds_corpus.analyse(cache=False)
    except ModelUnavailable:  # pragma: no cover - the model is a declared dependency
        pytest.skip("no spaCy model")
    return seeds_corpus


def pashinyan(corpus):
    return next(e for e in corpus.entities if e.kind == "PERSON" and e.name.endswith("Pashinyan"))


def status(app) -> str:
    return str(app.query_one("#status-article").render())


def test_nav_model(analysed):
    ent = pashinyan(analysed)
    nav = EntityNav(analysed, ent)
    assert len(nav.articles) >= 2
    # every hit is a mention of the entity, inside its article, in reading order
    spans = {(m.file, m.start, m.end) for m in ent.mentions}
    for h in nav.hits:
        assert (analysed.file_index(h.article), h.start, h.end) in spans
        assert h.article.start <= h.start < h.end <= h.article.end
    a0, a1 = nav.articles[0], nav.articles[1]
    first = nav.mentions_in(a0)[0]
    assert nav.next_article(a0) == nav.mentions_in(a1)[0]
    assert nav.prev_article(a1) == nav.mentions_in(a0)[-1]
    assert nav.prev_article(a0) is None and nav.next_article(nav.articles[-1]) is None
    assert nav.prev_in_article(a0, first.start) is None
    n0, total, n_art = len(nav.mentions_in(a0)), len(nav.hits), len(nav.articles)
    assert nav.status(a0, first.start) == f"{ent.name} · mention 1/{n0} here · {total} in {n_art} articles"
    assert nav.status(a0, a0.start) == f"{ent.name} · {n0} mention{'s' * (n0 != 1)} here · {total} in {n_art} articles"


async def test_click_then_walk_mentions_across_articles(analysed):
    ent = pashinyan(analysed)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        lst, view = app.query_one(ArticleList), app.query_one(ArticleView)
        nav = EntityNav(analysed, ent, lst.articles_in_order)
        a0, a1 = nav.articles[0], nav.articles[1]
        hits0, hits1 = nav.mentions_in(a0), nav.mentions_in(a1)
        app.main.pane.open(a0)
        view.focus()
        await pilot.pause()
        # clicking a highlighted mention makes its entity current
        view.post_message(ArticleView.SpanClicked(hits0[0].start))
        await pilot.pause()
        assert app.main.pane.current_entity is ent
        assert view.current_span == (hits0[0].start, hits0[0].end)
        total, n_art = len(nav.hits), len(nav.articles)
        assert status(app) == f"{ent.name} · mention 1/{len(hits0)} here · {total} in {n_art} articles"
        for k, h in enumerate(hits0[1:], start=2):
            await pilot.press("n")
            assert view.current_span == (h.start, h.end)
            assert f"mention {k}/{len(hits0)} here" in status(app)
        await pilot.press("n")  # the last one in this article: stays
        assert view.current_span == (hits0[-1].start, hits0[-1].end) and view.article is a0
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert view.article is a1 and app.main.pane.article is a1 and lst.highlighted is a1
        assert view.current_span == (hits1[0].start, hits1[0].end)
        assert status(app) == f"{ent.name} · mention 1/{len(hits1)} here · {total} in {n_art} articles"
        if len(hits1) > 1:
            await pilot.press("n")
            assert view.current_span == (hits1[1].start, hits1[1].end)
            await pilot.press("N")
            assert view.current_span == (hits1[0].start, hits1[0].end)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.article is a0
        assert view.current_span == (hits0[-1].start, hits0[-1].end)
        # the mention is on screen
        row = view._rows.row_of(hits0[-1].start)
        top = int(view.scroll_offset.y)
        assert top <= row < top + view.scrollable_content_region.height

        # a: aliases and evidence in a modal
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EntityInfoScreen)
        text = str(app.screen.query_one("#entity-info-text").render())
        assert ent.name in text and all(a in text for a in ent.aliases)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EntityInfoScreen)


async def test_e_selects_entity_at_top_and_panel(analysed):
    ent = pashinyan(analysed)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        lst, view = app.query_one(ArticleList), app.query_one(ArticleView)
        nav = EntityNav(analysed, ent, lst.articles_in_order)
        a1 = nav.articles[1]
        app.main.pane.open(a1)
        view.focus()
        await pilot.pause()
        h = nav.mentions_in(a1)[0]
        view.scroll_to_offset(h.start)
        await pilot.pause()
        await pilot.press("e")
        s, e, expected = entity_from(analysed, a1, view.top_offset)
        assert app.main.pane.current_entity is expected and view.current_span == (s, e)

        # E: the panel lists this article's entities; choosing one makes it current
        await pilot.press("E")
        await pilot.pause()
        panel = app.query_one(EntityPanel)
        assert ent.id in {panel.get_option_at_index(i).id for i in range(panel.option_count)}
        panel.highlighted = next(i for i in range(panel.option_count) if panel.get_option_at_index(i).id == ent.id)
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.pane.current_entity is ent and view.current_span == (h.start, h.end)
        await pilot.press("E")
        await pilot.pause()
        assert not app.query(EntityPanel)


def test_entity_info_is_literal():
    from reader.model.corpus.aliases import Entity, Evidence
    from reader.ui.widgets.entity_panel import entity_info

    ent = Entity(
        id="person:x",
        name="[@click=app.quit]Evil[/]",
        kind="PERSON",
        aliases=["[b]x[/b]", "\x1b[31m"],
        evidence=[Evidence("hint:alias", "[red]y[/]")] * 2,
    )
    text = entity_info(ent, "status").plain
    assert "[@click=app.quit]Evil[/]" in text and "[b]x[/b]" in text and "[red]y[/] (×2)" in text
    assert "\x1b" not in text
