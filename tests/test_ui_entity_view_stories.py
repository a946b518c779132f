"""Pilot test: the entity view over a big corpus with stories told more than once shows its rows
before the per-story counts are made (counting them reads every article: ~1 s at 100k), and the
highlight stays on its entity when the counted rows come."""

from __future__ import annotations

import threading

from conftest import wait_for

from reader.model.corpus import entity_counts
from reader.ui.app import ReaderApp
from reader.ui.screens import corpus_list
from reader.ui.screens.entities import EntitiesScreen, entity_rows, sort_rows


def story_of(article) -> str:
    return article.publisher or article.id  # a story per outlet: several articles each


async def test_rows_first_then_their_story_counts(analysed, monkeypatch):
    monkeypatch.setattr(corpus_list.CorpusListScreen, "INLINE_ARTICLES", 0)  # gathered in a worker
    want = sort_rows(entity_rows(analysed, story_of), "mentions")
    assert any(r.stories < r.articles for r in want)  # the story counts say something
    entity_counts._kept.clear()  # nothing kept: the view counts the stories itself
    gate, counting = threading.Event(), threading.Event()
    stories = entity_counts.EntityCounts.stories

    def held(self, story_key, groups=None):
        counting.set()
        assert gate.wait(10), "the test never let the count go on"
        return stories(self, story_key, groups)

    monkeypatch.setattr(entity_counts.EntityCounts, "stories", held)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        app.push_screen(EntitiesScreen(analysed, story_of))
        await wait_for(pilot, lambda: isinstance(app.screen, EntitiesScreen) and app.screen.answered == "")
        screen = app.screen
        assert counting.is_set() and screen.gathering  # shown while the stories are being counted
        assert [r.entity for r in screen.shown] == [r.entity for r in want]
        assert all(r.stories == -1 for r in screen.rows)
        assert "…" in str(screen.options.get_option_at_index(0).prompt) and "-1" not in str(
            screen.options.get_option_at_index(0).prompt
        )
        await pilot.press("down")  # to the list: the keys work meanwhile
        await pilot.press("down", "down")
        picked = screen.shown[screen.options.highlighted].entity
        gate.set()
        await wait_for(pilot, lambda: not screen.gathering and screen.rows and screen.rows[0].stories >= 0)
        await pilot.pause()
        assert [(r.entity, r.stories) for r in screen.shown] == [(r.entity, r.stories) for r in want]
        assert screen.shown[screen.options.highlighted].entity is picked
        assert "…" not in str(screen.options.get_option_at_index(0).prompt)
