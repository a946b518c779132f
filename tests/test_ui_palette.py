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
    if app.screen.query_one(CommandList).highlighted is None:  # Textual highlights the first hit of a refresh
        await pilot.press("down")
    await pilot.press("enter")
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
        lst = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: lst.option_count > 0, timeout=30)
        prompts = [lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count)]
        assert prompts and not any("\x1b" in p for p in prompts)
        assert app.is_running


# -- verify mode (`!`) ---------------------------------------------------------------------------


async def verify_hits(app, pilot, draft: str) -> list:
    """Type `draft` after the `!` of the open palette; the hits shown once its search is done."""
    app.screen.query_one("CommandInput").value = "!" + draft
    await pilot.pause(0.05)  # the palette starts its search
    await app.workers.wait_for_complete()  # the search, and the check in its thread
    await pilot.pause(0.1)
    lst = app.screen.query_one(CommandList)
    return [lst.get_option_at_index(i) for i in range(lst.option_count)]


def quote_of(corpus, min_words: int = 10):
    """A seed quote with a known speaker and enough words to change some."""
    for a in corpus.articles:
        for q in sorted(corpus.quotes_in(a), key=lambda q: q.start):
            words = q.text.split()
            if len(words) >= min_words and corpus.speaker_entity(a, q) is not None:
                return a, q, words
    raise AssertionError("the seeds have long attributed quotes")


async def test_verify_mode_verdicts_speaker_and_jump(analysed, monkeypatch):
    import threading

    from reader.model.search.verify import Verifier

    threads = []
    verify = Verifier.verify

    def recorded(self, draft):
        threads.append(threading.current_thread())
        return verify(self, draft)

    monkeypatch.setattr(Verifier, "verify", recorded)
    art, q, words = quote_of(analysed)
    speaker = analysed.speaker_entity(art, q).name
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(160, 44)) as pilot:
        await pilot.press("exclamation_mark")  # the "Verify a quote" key: the palette with ! typed
        await wait_for(pilot, lambda: CommandPalette.is_open(app))
        assert app.screen.query_one("CommandInput").value == "!"
        lst = app.screen.query_one(CommandList)
        # the hint shows once the palette's index is there (it builds after the first paint)
        await wait_for(pilot, lambda: lst.option_count > 0)
        await app.workers.wait_for_complete()
        assert "Type or paste a quote" in lst.get_option_at_index(0).prompt.plain  # the hint

        hits = await verify_hits(app, pilot, " ".join(words))
        first = hits[0].prompt.plain
        assert first.startswith("exact") and words[0] in first
        assert isinstance(hits[0].hit.match_display, Content) and isinstance(hits[0].hit.help, Content)
        assert f"said by {speaker}" in hits[0].hit.help.plain and art.title[:20] in hits[0].hit.help.plain

        changed = [*words[:3], "zebra", *words[4:]]  # one word changed, unmarked
        hits = await verify_hits(app, pilot, " ".join(changed))
        help_line = hits[0].hit.help.plain
        assert hits[0].prompt.plain.startswith("altered")
        assert "→“zebra”" in help_line  # the word diff fits the line at 160 columns

        cut = [*words[:3], "…", *words[6:]]  # a marked cut
        hits = await verify_hits(app, pilot, " ".join(cut))
        assert hits[0].prompt.plain.startswith("faithful") and "words cut" in hits[0].hit.help.plain

        hits = await verify_hits(app, pilot, "purple elephants negotiate quietly beneath frozen lighthouses")
        assert len(hits) == 1 and hits[0].prompt.plain.startswith("not found")

        verifier = app.quote_checker.verifier
        assert verifier is not None
        hits = await verify_hits(app, pilot, " ".join(cut))
        assert app.quote_checker.verifier is verifier  # one Verifier, its index reused
        assert threads and all(t is not threading.main_thread() for t in threads)  # never on the UI thread

        app.main.pane.open(analysed.articles[-1] if art is not analysed.articles[-1] else analysed.articles[0])
        await pilot.press("enter")  # choose the best passage: the article opens with it current
        await wait_for(pilot, lambda: not CommandPalette.is_open(app))
        await pilot.pause(0.2)
        assert app.main.pane.article is art
        s, e = app.main.article_view.current_span
        assert q.start <= s < e <= q.end and words[0] in art.text[s:e]


async def test_ctrl_p_palette_shows_only_answers_to_what_is_typed(analysed, monkeypatch):
    """Typed fast, the list only ever shows the hits of the text in the box at that moment (a
    search for an earlier prefix that finishes late is dropped), capped to what the list shows,
    and the last one is what a slow typist gets."""
    from reader.model.outputs.display import display_line
    from reader.model.search.engine import parse_scope
    from reader.ui.palette import LIMIT, ReaderPalette

    shown: list[tuple[str, list[str]]] = []
    orig = ReaderPalette._refresh_command_list

    def spy(self, command_list, commands, clear_current):
        orig(self, command_list, commands, clear_current)
        texts = [command_list.get_option_at_index(i).hit.text for i in range(command_list.option_count)]
        shown.append((self.query_one("CommandInput").value, texts))

    monkeypatch.setattr(ReaderPalette, "_refresh_command_list", spy)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderPalette))
        await wait_for(pilot, lambda: app.search_index.index is not None)
        await pilot.press(*"pashin")
        await wait_for(pilot, lambda: shown and shown[-1][0] == "pashin")
        await pilot.pause(0.3)
        index = app.search_index.index
        limit = int(40 * 0.7) // 2 + 4
        assert limit < LIMIT
        typed = [(v, t) for v, t in shown if v.strip()]  # "" lists the commands (discovery)
        assert typed and typed[-1][0] == "pashin"
        for value, texts in typed:
            scope, q = parse_scope(value.strip())
            want = [display_line(h.item.label) for h in index.search(q, scope, limit)]
            assert 0 < len(texts) <= limit
            assert set(texts) == {t for t in texts if t in set(want)} == set(want), value
