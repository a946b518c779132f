"""Pilot tests: entity navigation over a long list, where the walk over the corpus is made in a
thread worker (entity_walk.INLINE_WALK lowered to 0, so the seeds take that path): `e` and `n`/`N`
answer at once from the open article ("counting…" for the totals), `]`/`[` and the first mention
in reading order wait for the walk, and a walk for an entity no longer current is dropped."""

from __future__ import annotations

import threading

from conftest import wait_for

from reader.ui import entity_nav, entity_walk
from reader.ui.app import ReaderApp
from reader.ui.entity_nav import COUNTING, EntityNav, mentions_here


def status(app) -> str:
    return str(app.query_one("#status-article").render())


def pashinyan(corpus):
    return next(e for e in corpus.entities if e.kind == "PERSON" and e.name.endswith("Pashinyan"))


class Gate:
    """EntityNav made only once `release()` is called, on whatever thread makes it (noted)."""

    def __init__(self, monkeypatch) -> None:
        self.open = threading.Event()
        self.threads: list[threading.Thread] = []
        self.made: list[EntityNav] = []
        gate = self

        class Gated(EntityNav):
            def __init__(self, *args, **kwargs) -> None:
                gate.threads.append(threading.current_thread())
                assert gate.open.wait(10), "the test never released the walk"
                super().__init__(*args, **kwargs)
                gate.made.append(self)

        monkeypatch.setattr(entity_walk, "INLINE_WALK", 0)
        monkeypatch.setattr(entity_walk, "EntityNav", Gated)

    def release(self) -> None:
        self.open.set()


def test_mentions_here_are_the_walks(analysed):
    """What `e` and n/N read from the open article alone is what the walk has for it."""
    for ent in analysed.entities:
        nav = EntityNav(analysed, ent)
        for art in nav.articles:
            assert mentions_here(analysed, ent, art) == nav.mentions_in(art)
        assert sum(len(mentions_here(analysed, ent, a)) for a in analysed.articles) == len(nav.hits)


async def test_keys_answer_before_the_walk_and_brackets_wait_for_it(analysed, monkeypatch):
    gate = Gate(monkeypatch)
    ent = pashinyan(analysed)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        pane, view = app.main.pane, app.main.article_view
        full = EntityNav(analysed, ent, app.main.article_list.articles_in_order)
        a0, a1 = full.articles[0], full.articles[1]
        hits0 = full.mentions_in(a0)
        pane.open(a0)
        view.focus()
        await pilot.pause()
        view.scroll_to_offset(hits0[0].start)
        await pilot.pause()
        pane.go_to_first_mention_here(ent)  # the entity panel's pick: this article's first mention
        await pilot.pause()
        assert pane.current_entity is ent and view.current_span == (hits0[0].start, hits0[0].end)
        assert status(app) == f"{ent.name} · mention 1/{len(hits0)} here · {COUNTING}"
        if len(hits0) > 1:  # n/N need only this article: they answer while the walk is made
            await pilot.press("n")
            assert view.current_span == (hits0[1].start, hits0[1].end)
            assert status(app) == f"{ent.name} · mention 2/{len(hits0)} here · {COUNTING}"
            await pilot.press("N")
        assert view.current_span == (hits0[0].start, hits0[0].end)
        await pilot.press("right_square_bracket")  # waits for the walk
        await pilot.pause()
        assert view.article is a0 and gate.threads and gate.threads[0] is not threading.main_thread()
        gate.release()
        await wait_for(pilot, lambda: view.article is a1)
        hits1 = full.mentions_in(a1)
        assert view.current_span == (hits1[0].start, hits1[0].end)
        total, n_art = len(full.hits), len(full.articles)
        assert status(app) == f"{ent.name} · mention 1/{len(hits1)} here · {total} in {n_art} articles"
        assert all(t is not threading.main_thread() for t in gate.threads)
        # made for this entity and order: ] and [ now answer at once, with no walk made again
        made = len(gate.made)
        await pilot.press("left_square_bracket")
        assert view.article is a0 and view.current_span == (hits0[-1].start, hits0[-1].end)
        assert len(gate.made) == made and not pane.waiting_for_walk


async def test_first_mention_waits_and_stale_walks_are_dropped(analysed, monkeypatch):
    gate = Gate(monkeypatch)
    ent = pashinyan(analysed)
    other = next(e for e in analysed.entities if e is not ent and len(EntityNav(analysed, e).articles) >= 2)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        pane, view = app.main.pane, app.main.article_view
        order = app.main.article_list.articles_in_order
        first = EntityNav(analysed, other, order).hits[0]
        start_article = pane.article
        pane.go_to_first_mention(ent)  # the entity view's Enter: its walk is held at the gate
        await pilot.pause()
        assert pane.current_entity is ent and view.article is start_article
        assert status(app).endswith(COUNTING)
        pane.go_to_first_mention(other)  # picked again before the first walk was made
        await pilot.pause()
        gate.release()
        await wait_for(pilot, lambda: len(gate.made) == 2 and view.current_span == (first.start, first.end))
        await pilot.pause()
        # the walk for `ent` came back too (or first): dropped, and it moved nothing
        assert pane.current_entity is other and view.article is first.article
        assert pane.walk() is not None and pane.walk().entity is other
        assert not status(app).endswith(COUNTING)


async def test_a_new_order_makes_a_new_walk(analysed, monkeypatch):
    """`]` follows the list's order as it is now: a sort makes the walk again."""
    monkeypatch.setattr(entity_walk, "INLINE_WALK", 0)
    ent = pashinyan(analysed)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        pane, lst = app.main.pane, app.main.article_list
        pane.go_to_first_mention(ent)
        await wait_for(pilot, lambda: pane.walk() is not None and pane.current_mention is not None)
        before = pane.walk()
        lst.focus()
        for _ in range(2):  # file order -> date -> title: an order the walk was not made for
            await pilot.press("s")
        await pilot.pause()
        assert lst.articles_in_order is not before.order
        await wait_for(pilot, lambda: pane.walk() is not None)
        now = pane.walk()
        assert now is not before and now.order is lst.articles_in_order
        assert now.articles == [a for a in lst.articles_in_order if entity_nav.mentions_here(analysed, ent, a)]


async def test_the_mentions_are_sorted_in_a_worker_once_the_corpus_is_whole(analysed, monkeypatch):
    """The span index sorts its rows once many look-ups came (~1 s at 100k articles): the app has
    it done in a worker after the palette index and the wire copies, never on a key."""
    from reader.model.corpus.mention_table import SpanIndex

    analysed.entity_spans = SpanIndex(analysed.entities)  # unsorted, as analysis leaves it
    sorted_on: list[threading.Thread] = []
    sort = SpanIndex._sort

    def noted(self):
        if self._sorted is None:
            sorted_on.append(threading.current_thread())
        return sort(self)

    monkeypatch.setattr(SpanIndex, "_sort", noted)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await app.run_after_corpus().wait()
        await pilot.pause()
        assert analysed.entity_spans._sorted is not None
        assert sorted_on and all(t is not threading.main_thread() for t in sorted_on)
