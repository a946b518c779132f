"""The command palette over the corpus, and "copy quote with citation" (OSC 52, pyperclip, fallback)."""

from __future__ import annotations

from pathlib import Path

from conftest import wait_for
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.widgets import TextArea

from reader.model.corpus.corpus import Corpus
from reader.model.store.clippings import Clippings
from reader.ui import clipboard as clip
from reader.ui.app import ReaderApp
from reader.ui.screens.citation import CitationScreen

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


async def choose_first(app, pilot, query: str, open_key: str = "ctrl+p") -> None:
    await pilot.press(open_key)
    await wait_for(pilot, lambda: CommandPalette.is_open(app))
    await pilot.press(*query)
    await wait_for(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
    await pilot.pause(0.3)  # let the batch settle so the best hit is first
    await pilot.press("down", "enter")
    await wait_for(pilot, lambda: not CommandPalette.is_open(app))
    await pilot.pause()


def current_text(app) -> str:
    s, e = app.main.article_view.current_span
    return app.main.pane.article.text[s:e]


async def test_palette_typo_lands_on_entity_mention(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_first(app, pilot, "pashinian")
        assert "Pashinyan" in current_text(app) or "Pashinian" in current_text(app)
        ent = getattr(app, "entity", None)
        if ent is not None:
            assert ent.name == "Nikol Pashinyan"


async def test_palette_hits_are_content_and_scoped(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("at")  # the entity palette
        await wait_for(pilot, lambda: CommandPalette.is_open(app))
        await pilot.press(*"putin")
        lst = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: lst.option_count > 0)
        await pilot.pause(0.3)
        hits = [lst.get_option_at_index(i).prompt for i in range(lst.option_count)]
        assert all(isinstance(h, Content) for h in hits)
        assert all(h.plain.startswith("entity") for h in hits)
        assert "Putin" in hits[0].plain


async def test_palette_quote_opens_article_at_quote(analysed):
    app = ReaderApp(analysed, analyse=False)
    art = next(a for a in analysed.articles if analysed.quotes_in(a) and a is not analysed.articles[0])
    q = analysed.quotes_in(art)[0]
    words = " ".join(q.text.split()[:5])
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_first(app, pilot, '"' + words)
        assert app.main.pane.article is art
        assert app.main.article_view.current_span == (q.start, q.end)


async def test_palette_command_runs_action(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_first(app, pilot, ">help")
        from reader.ui.screens.help import HelpScreen

        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))


# -- copy quote with citation ------------------------------------------------------------------


def _quoted_article(corpus):
    return next(a for a in corpus.articles if corpus.quotes_in(a))


async def _copy(app, pilot, corpus):
    art = _quoted_article(corpus)
    app.main.pane.open(art)
    await pilot.pause()
    app.main.article_view.focus()
    await pilot.press("c")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return art, sorted(corpus.quotes_in(art), key=lambda q: q.start)[0]


async def test_copy_quote_without_system_clipboard(analysed, monkeypatch):
    import pyperclip

    monkeypatch.setattr(pyperclip, "determine_clipboard", lambda: pyperclip.init_no_clipboard())
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        art, q = await _copy(app, pilot, analysed)
        text = app.clipboard
        first_words = " ".join(q.text.split()[:4])
        assert first_words in text
        speaker = analysed.speaker_entity(art, q)
        assert speaker is None or speaker.name in text
        assert isinstance(app.screen, CitationScreen)
        assert app.screen.query_one(TextArea).text == text
        saved = Clippings.of(analysed)  # no clipboard: the quote went to the clippings, as y does
        assert [(c.kind, c.start, c.end) for c in saved] == [("quote", q.start, q.end)]
        assert str(saved.path).startswith(str(Path.home().parent))  # inside the test's tmp dirs
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CitationScreen)


async def test_copy_quote_with_system_clipboard_and_styles(analysed, monkeypatch):
    import pyperclip

    copied: list[str] = []

    def copy_test(text):  # a mechanism without a helper program (as pyobjc or Windows)
        copied.append(text)

    monkeypatch.setattr(pyperclip, "determine_clipboard", lambda: (copy_test, lambda: ""))
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("C")  # plain -> markdown
        assert app.copier.style == "markdown"
        art, q = await _copy(app, pilot, analysed)
        assert copied and copied[-1] == app.clipboard
        assert app.clipboard.startswith("> ")
        assert not isinstance(app.screen, CitationScreen)
        assert not len(Clippings.of(analysed))
        assert app.main.article_view.current_span == (q.start, q.end)


def test_system_copy_errors_are_caught(monkeypatch):
    import pyperclip

    def broken(text):
        raise pyperclip.PyperclipException("no")

    monkeypatch.setattr(pyperclip, "determine_clipboard", lambda: (broken, None))
    result = clip.system_copy("x")
    assert not result.ok and "PyperclipException" in result.problem


async def test_system_commands_are_not_in_palette(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app))
        await pilot.press(*"theme")
        await pilot.pause(0.5)
        lst = app.screen.query_one(CommandList)
        prompts = [lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count)]
        assert not any("Change theme" in p for p in prompts)


async def test_palette_shows_hostile_titles_literally(tmp_path):
    from hostile import MARKUP_TITLE, write_bad_folder

    d = tmp_path / "hostile"
    d.mkdir()
    write_bad_folder(d)
    app = ReaderApp(Corpus.load([str(d)]), analyse=False)
    async with app.run_test(size=(160, 40)) as pilot:
        await app.workers.wait_for_complete()  # the index (123k sentences) is built after the first paint
        await pilot.press("number_sign")  # the article palette
        await wait_for(pilot, lambda: CommandPalette.is_open(app))
        await pilot.press(*"headline")
        lst = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: lst.option_count > 0, timeout=30)  # a big index on a busy machine
        prompts = [lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count)]
        assert any(MARKUP_TITLE in p for p in prompts)
        await pilot.press("escape")
        await pilot.press("number_sign", *"escape")
        await pilot.pause(0.5)
        lst = app.screen.query_one(CommandList)
        prompts = [lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count)]
        assert prompts and not any("\x1b" in p for p in prompts)
        assert app.is_running
