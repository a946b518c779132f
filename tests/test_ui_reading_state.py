"""Reading state in the app: position, last article, entity and bookmarks survive a restart;
damaged state and cache files give a notice and a working app; the palette works mid-analysis."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import messages_shown, wait_for
from textual.command import CommandList, CommandPalette

from reader.model.corpus.corpus import Corpus
from reader.model.store import paths
from reader.model.store.reading_state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.screens.bookmarks import BookmarksScreen
from reader.ui.screens.prompt import PromptScreen

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seeds() -> Corpus:
    return Corpus.load([str(SEEDS)])


def notices(app) -> list[str]:
    return messages_shown(app)


async def test_last_article_and_position_survive_a_restart():
    app = ReaderApp(seeds(), analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("j", "j", "j", "enter")  # the fourth article, into the reading pane
        await pilot.press("space", "space")
        await pilot.pause()
        chosen, offset = app.main.pane.article, app.main.article_view.top_offset
        assert offset > chosen.start
        await pilot.press("q")
    app2 = ReaderApp(seeds(), analyse=False)
    async with app2.run_test(size=(140, 40)) as pilot:  # another size: the offset, not the row, is kept
        await pilot.pause()
        assert app2.main.pane.article.id == chosen.id
        assert app2.main.article_view.top_offset == offset
        assert app2.main.article_list.highlighted.id == chosen.id


async def test_each_article_keeps_its_own_position():
    app = ReaderApp(seeds(), analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        first = app.main.pane.article
        await pilot.press("tab", "space")  # reading pane of the first article, a page down
        pos_first = app.main.article_view.top_offset
        await pilot.press("shift+tab", "j", "enter")  # another article
        assert app.main.pane.article is not first
        await pilot.press("shift+tab", "k", "enter")  # back
        await pilot.pause()
        assert app.main.pane.article is first
        assert app.memory.reading.scroll[first.id] == pos_first
        assert app.main.article_view.top_offset == pos_first  # reopened where it was left


async def test_bookmarks_add_list_jump_remove_and_persist():
    app = ReaderApp(seeds(), analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "enter", "space")
        art, offset = app.main.pane.article, app.main.article_view.top_offset
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press(*"the [bold]key[/] claim", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, PromptScreen))
        assert [(b.article_id, b.offset, b.note) for b in app.memory.reading.bookmarks] == [
            (art.id, offset, "the [bold]key[/] claim")
        ]
        await pilot.press("shift+tab", "k", "enter")  # read something else
        assert app.main.pane.article is not art
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        screen = app.screen
        assert screen.options.option_count == 1
        assert "the [bold]key[/] claim" in str(screen.options.get_option_at_index(0).prompt)  # literal
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, BookmarksScreen))
        assert app.main.pane.article is art and app.main.article_view.top_offset == offset
        await pilot.press("q")
    app2 = ReaderApp(seeds(), analyse=False)
    async with app2.run_test(size=(120, 40)) as pilot:
        assert [b.note for b in app2.memory.reading.bookmarks] == ["the [bold]key[/] claim"]
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app2.screen, BookmarksScreen))
        await pilot.press("down", "delete")
        assert app2.screen.options.option_count == 0 and app2.memory.reading.bookmarks == []
        await pilot.press("escape", "q")
    assert ReaderApp(seeds(), analyse=False) and not _saved_bookmarks()


def _saved_bookmarks():
    from reader.model.store.reading_state import StateStore

    return StateStore().load(seeds().key).bookmarks


async def test_escape_in_the_note_prompt_adds_nothing():
    app = ReaderApp(seeds(), analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen))
        await pilot.press("x", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, PromptScreen))
        assert app.memory.reading.bookmarks == []


@pytest.mark.parametrize("garbage", [b"\x00\x01\xff not json", b'{"format": "reader-state", "da', b"[]"])
async def test_garbage_state_file_gives_a_notice_and_a_working_app(garbage):
    state = paths.state_path()
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_bytes(garbage)
    app = ReaderApp(seeds(), analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("unreadable" in n for n in notices(app))
        assert app.main.pane.article is app.corpus.articles[0]  # started afresh
        await pilot.press("j", "enter")
        assert app.main.pane.article is app.corpus.articles[1]
        await pilot.press("q")
    assert list(state.parent.glob("reading-state.json.corrupt-*"))
    assert StateStore().load(seeds().key).last_article == seeds().articles[1].id  # saved on quit


def tiny_corpus(tmp_path) -> Corpus:
    d = tmp_path / "news"
    d.mkdir(exist_ok=True)
    (d / "a.txt").write_text(
        'Mayor Lena Brandt said on Monday: "We will rebuild the bridge."\n\nBrandt spoke in Hamburg.\n',
        encoding="utf-8",
    )
    return Corpus.load([str(d)])


@pytest.mark.parametrize("garbage", [b"SQLite format 3\x00" + b"\x07" * 200, b"\x00" * 4096, b"hello"])
async def test_garbage_cache_file_gives_a_notice_and_a_working_app(tmp_path, garbage):
    pytest.importorskip("spacy")
    cache = paths.analysis_cache_path()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(garbage)
    app = ReaderApp(tiny_corpus(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.corpus.analysed and app.corpus.entities, timeout=60)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("cache" in n.lower() for n in notices(app)), notices(app)
        assert any(e.name == "Lena Brandt" for e in app.corpus.entities)
        assert app.main.article_view.highlights.spans  # highlights arrived
    assert list(cache.parent.glob("analysis.sqlite3*corrupt*"))


async def test_palette_typing_while_analysis_runs(tmp_path, monkeypatch):
    """The model load is held back, so the analysis worker is certainly running while we type."""
    pytest.importorskip("spacy")
    from reader.model.analysis import nlp

    release = threading.Event()
    real = nlp.load_pipeline

    def slow_load(*a, **k):
        release.wait(30)
        return real(*a, **k)

    monkeypatch.setattr(nlp, "load_pipeline", slow_load)
    app = ReaderApp(tiny_corpus(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: any(w.group == "analysis" and not w.is_finished for w in app.workers))
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app))
        await pilot.press(*"quit")
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        assert any(w.group == "analysis" and not w.is_finished for w in app.workers)  # still analysing
        assert "Quit" in str(app.screen.query_one(CommandList).get_option_at_index(0).prompt)
        await pilot.press("escape")
        await pilot.press("j", "k")  # and the panes still answer
        release.set()
        await wait_for(pilot, lambda: app.corpus.analysed and app.corpus.entities, timeout=60)
        await app.workers.wait_for_complete()
        assert any(e.name == "Lena Brandt" for e in app.corpus.entities)


async def test_current_entity_is_restored(tmp_path):
    pytest.importorskip("spacy")
    corpus = tiny_corpus(tmp_path)
    corpus.analyse(cache=False)
    person = next(e for e in corpus.entities if e.name == "Lena Brandt")
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.main.pane.set_entity(person)
        await pilot.press("q")
    corpus2 = tiny_corpus(tmp_path)
    corpus2.analyse(cache=False)
    app2 = ReaderApp(corpus2, analyse=False)
    async with app2.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app2.main.pane.current_entity is not None and app2.main.pane.current_entity.id == person.id


def many_files(tmp_path, n: int) -> Path:
    d = tmp_path / "many"
    d.mkdir(exist_ok=True)
    for i in range(n):
        (d / f"{i:04d}.txt").write_text(
            f"Report number {i}\n\nThe council met on day {i} to discuss roads.\n", encoding="utf-8"
        )
    return d


def test_corpus_reads_the_first_files_then_the_rest(tmp_path):
    d = many_files(tmp_path, 30)
    c = Corpus.load([str(d)], first=10)
    assert len(c.files) == 10 and c.loading and not c.analysed
    assert c.load_more(5) == 5 and len(c.files) == 15
    c.load_more()
    assert not c.loading and len(c.articles) == 30
    assert [a.id for a in c.articles] == [a.id for a in Corpus.load([str(d)]).articles]


async def test_big_corpus_paints_first_files_and_grows(tmp_path, monkeypatch):
    from reader import cli

    d = many_files(tmp_path, 60)
    monkeypatch.setattr(cli, "FIRST_FILES", 20)
    corpus = cli.open_corpus([str(d)])
    assert len(corpus.articles) == 20 and corpus.loading
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: len(app.main.article_list.articles_in_order) == 60)
        assert "Articles (60)" in str(app.main.article_list.border_title)
        assert str(app.main.article_view.border_title).endswith("1/60")
        await pilot.press("G", "enter")  # the last file, read in the background
        assert app.main.pane.article.title == "Report number 59"
        await pilot.press("q")
    # reopened: the last article read is among the late files, and is restored once they arrive
    app2 = ReaderApp(cli.open_corpus([str(d)]), analyse=False)
    async with app2.run_test(size=(100, 30)) as pilot:
        await app2.workers.wait_for_complete()
        await wait_for(
            pilot, lambda: app2.main.pane.article is not None and app2.main.pane.article.title == "Report number 59"
        )


async def test_palette_searches_the_last_index_while_a_new_one_builds(monkeypatch):
    from reader.model.search import corpus_items as search_corpus

    app = ReaderApp(seeds(), analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.search_index.key is not None)  # built after the first paint
        await app.workers.wait_for_complete()
        assert app.search_index.index is not None
        release = threading.Event()
        real = search_corpus.build_index
        monkeypatch.setattr(search_corpus, "build_index", lambda *a, **k: release.wait(30) and real(*a, **k))
        app.search_index.key = None  # the corpus "changed": a rebuild is due
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app))
        await pilot.press(*"quit")
        await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        assert any(w.group == "palette-index" and not w.is_finished for w in app.workers)  # still building
        release.set()
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        assert app.search_index.key == app.search_index.corpus_key()
