"""The walks over the list's order share the articles' positions in it: the second entity's walk
reuses the first one's (at 100k articles, making them again set off full collections)."""

from __future__ import annotations

from conftest import wait_for

from reader.ui import entity_walk
from reader.ui.app import ReaderApp
from reader.ui.entity_nav import EntityNav


async def test_a_second_walk_over_the_same_order_reuses_the_positions(analysed, monkeypatch):
    monkeypatch.setattr(entity_walk, "INLINE_WALK", 0)  # every walk in the worker
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        pane = app.main.pane
        first, second = sorted(analysed.entities, key=lambda e: len(e.mentions))[-2:]
        walks = []
        for ent in (first, second):
            pane.set_entity(ent)
            await wait_for(pilot, lambda: pane.walk() is not None)
            walks.append(pane.walk())
        a, b = walks
        assert a.order is b.order and b.order_positions is a.order_positions
        fresh = EntityNav(analysed, second, b.order)  # the same walk as one made from nothing
        assert [(h.article.id, h.start, h.end) for h in b.hits] == [(h.article.id, h.start, h.end) for h in fresh.hits]
        assert b.hits and [x.id for x in b.articles] == [x.id for x in fresh.articles]
        assert fresh.order_positions is not a.order_positions
