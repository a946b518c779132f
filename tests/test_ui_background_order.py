"""The app's background jobs: once the corpus is whole, the palette's index is rebuilt first and
wire copies grouped after it, never both at once (each holds a corpus-sized transient, and
together their peaks added up); what the background reads is frozen for the cyclic collector."""

from __future__ import annotations

import threading

import pytest
from conftest import wait_for
from test_ui_reading_state import many_files

from reader import cli
from reader.model.corpus.corpus import Corpus
from reader.model.search import corpus_items
from reader.ui.app import ReaderApp


@pytest.mark.parametrize("two_steps", [False, True])
async def test_wire_copies_are_grouped_after_the_palette_index_is_built(tmp_path, monkeypatch, two_steps):
    if two_steps:  # the first files painted, the rest read in the background: its end starts both
        monkeypatch.setattr(cli, "FIRST_FILES", 20)
    corpus = cli.open_corpus([str(many_files(tmp_path, 60))])
    assert corpus.loading == two_steps
    events: list[str] = []
    release = threading.Event()
    real_build = corpus_items.build_index

    def build(*a, **k):
        events.append("build")
        assert release.wait(30)
        return real_build(*a, **k)

    real_groups = Corpus.duplicate_groups

    def groups(self, *a, **k):
        events.append("group")
        return real_groups(self, *a, **k)

    monkeypatch.setattr(corpus_items, "build_index", build)
    monkeypatch.setattr(Corpus, "duplicate_groups", groups)
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            await wait_for(pilot, lambda: "build" in events and not corpus.loading)
            await pilot.pause(0.3)  # time for a grouping started beside the build to begin
            assert "group" not in events
        finally:
            release.set()
        await wait_for(pilot, lambda: app.main.stories is not None and "group" in events)
        await app.workers.wait_for_complete()
        assert events[-1] == "group" and app.search_index.key == app.search_index.corpus_key()
        assert len(app.main.article_list.articles_in_order) == 60


async def test_what_the_background_reads_is_frozen_before_the_collector_resumes(tmp_path, monkeypatch):
    import gc

    monkeypatch.setattr(cli, "FIRST_FILES", 20)
    corpus = cli.open_corpus([str(many_files(tmp_path, 60))])
    release = threading.Event()
    real_build = corpus_items.build_index
    monkeypatch.setattr(corpus_items, "build_index", lambda *a, **k: release.wait(30) and real_build(*a, **k))
    # the load's end as the app hears of it: posted after the freeze (corpus.loading turns false
    # inside the frozen block, a moment before the freeze: a check then raced the worker)
    done: list[bool] = []
    on_load_done = ReaderApp.on_load_done
    monkeypatch.setattr(ReaderApp, "on_load_done", lambda self, event: (done.append(True), on_load_done(self, event)))
    gc.unfreeze()
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        try:  # the palette's build (which freezes the heap too) held back meanwhile
            await wait_for(pilot, lambda: done and not corpus.loading and len(corpus.articles) == 60)
            late = corpus.articles[-1].source  # read in the background
            assert gc.is_tracked(late) and gc.get_freeze_count() > 0
            assert not any(o is late for o in gc.get_objects())  # in no generation: frozen
        finally:
            release.set()
        await app.workers.wait_for_complete()
