"""Pilot tests: `y` clips a quote, a mention or a selection; `Y` lists, reorders, removes and exports."""

from __future__ import annotations

import csv
import io
import json

from conftest import messages_shown

from reader.model.store.clippings import Clippings
from reader.model.store.paths import data_dir
from reader.ui.app import ReaderApp
from reader.ui.screens.clippings import ClippingsScreen, ExportFormatScreen
from reader.ui.widgets.article_view import ArticleView


def messages(app) -> list[str]:
    return messages_shown(app)


def quoted_article(corpus):
    """An article whose first quote starts after an entity mention (so e and . pick different spans)."""
    for a in corpus.articles:
        qs = sorted(corpus.quotes_in(a), key=lambda q: q.start)
        ms = corpus.mentions_in(a)
        if qs and ms and ms[0][1] <= qs[0].start:
            return a, qs[0], ms[0]
    raise AssertionError("no suitable article")


async def settle(app, pilot):
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_clip_quote_mention_selection_then_reorder_remove_export(analysed):
    art, quote, mention = quoted_article(analysed)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.pane.open(art)
        view = app.query_one(ArticleView)
        view.focus()
        await settle(app, pilot)

        await pilot.press("y")  # nothing current yet: says what can be clipped
        await settle(app, pilot)
        assert any(m.startswith("Nothing to clip") for m in messages(app))
        assert not len(Clippings.of(analysed))

        await pilot.press("full_stop", "y")  # the first quote
        await settle(app, pilot)
        assert view.current_span == (quote.start, quote.end)
        assert "Clipped (1 in collection)" in messages(app)
        await pilot.press("y")
        await settle(app, pilot)
        assert "Already in clippings (1 in collection)" in messages(app)

        await pilot.press("e", "y")  # the first entity mention
        await settle(app, pilot)
        assert app.main.pane.current_mention == (art, mention[0], mention[1])
        assert "Clipped (2 in collection)" in messages(app)

        sel = (quote.start + 1, quote.start + 6)
        view.selected_span = sel  # a mouse selection wins over the current span
        await pilot.press("y")
        await settle(app, pilot)
        assert "Clipped (3 in collection)" in messages(app)
        view.selected_span = None

        store = Clippings.of(analysed)
        assert [(c.kind, c.start, c.end) for c in store] == [
            ("quote", quote.start, quote.end),
            ("mention", mention[0], mention[1]),
            ("selection", *sel),
        ]
        assert all(c.text == art.source.text[c.start : c.end] for c in store)
        assert store[1].entity == mention[2].name

        await pilot.press("Y")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ClippingsScreen)
        assert screen.options.option_count == 3 and screen.options.highlighted == 0
        await pilot.press("J")  # quote moves below the mention
        await settle(app, pilot)
        assert screen.options.highlighted == 1
        assert [c.kind for c in Clippings.of(analysed)] == ["mention", "quote", "selection"]
        await pilot.press("K", "J")  # up and back down: same order
        await pilot.press("x")  # remove the quote
        await settle(app, pilot)
        assert [c.kind for c in Clippings.of(analysed)] == ["mention", "selection"]
        assert "Removed (2 left)" in messages(app)

        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, ExportFormatScreen)
        await pilot.press("m")
        await settle(app, pilot)
        assert app.screen is screen
        exports = sorted((data_dir() / "exports").glob("clippings-*.md"))
        assert len(exports) == 1 and any(str(exports[0]) in m for m in messages(app))
        md = exports[0].read_text(encoding="utf-8")
        assert md.startswith("# Clippings: seeds\n\n2 item(s)")
        assert f"## 1. Mention: {mention[2].name}\n\n> {art.text[mention[0] : mention[1]]}\n\n\u2014 " in md
        assert "## 2. Selection" in md and f"> {art.text[sel[0] : sel[1]]}\n" in md
        assert "Quote" not in md.split("\n", 3)[-1].split("##")[0]  # the removed quote is gone

        await pilot.press("e", "c")
        await settle(app, pilot)
        rows = list(
            csv.DictReader(
                io.StringIO(
                    next((data_dir() / "exports").glob("clippings-*.csv")).read_text(encoding="utf-8"), newline=""
                )
            )
        )
        assert [(r["kind"], int(r["start"]), int(r["end"])) for r in rows] == [
            ("mention", mention[0], mention[1]),
            ("selection", *sel),
        ]
        await pilot.press("e", "j")
        await settle(app, pilot)
        data = json.loads(next((data_dir() / "exports").glob("clippings-*.json")).read_text(encoding="utf-8"))
        assert [d["text"] for d in data] == [art.text[mention[0] : mention[1]], art.text[sel[0] : sel[1]]]
        for key, ext, needle in (
            ("z", "csl.json", '"article-newspaper"'),
            ("r", "ris", "TY  - NEWS"),
            ("b", "bib", "@article{"),
        ):
            await pilot.press("e", key)
            await settle(app, pilot)
            out = next((data_dir() / "exports").glob(f"clippings-*.{ext}")).read_text(encoding="utf-8")
            assert out.count(needle) == 2, ext

        assert screen.options.highlighted == 1  # after the removal: the selection
        await pilot.press("enter")  # go to it
        await settle(app, pilot)
        assert not isinstance(app.screen, ClippingsScreen)
        assert app.main.pane.article is art and view.current_span == sel

        app.main.pane.open(analysed.articles[-1])  # elsewhere; a mention clipping makes its entity current
        await pilot.press("Y", "enter")
        await settle(app, pilot)
        assert app.main.pane.article is art and view.current_span == (mention[0], mention[1])
        assert app.main.pane.current_entity is mention[2] and app.main.pane.current_mention == (
            art,
            mention[0],
            mention[1],
        )


async def test_clippings_view_empty_and_escape(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("Y")
        await settle(app, pilot)
        assert isinstance(app.screen, ClippingsScreen)
        assert app.screen.options.option_count == 1  # the "no clippings yet" line
        await pilot.press("e")
        await settle(app, pilot)
        assert "Nothing to export yet" in messages(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, ClippingsScreen)


async def test_garbage_clippings_file_notice_in_app(analysed):
    from reader.model.store.clippings import clippings_path

    path = clippings_path(analysed.key)
    path.parent.mkdir(parents=True)
    path.write_text("[bold]not clippings[/]", encoding="utf-8")
    art, quote, _ = quoted_article(analysed)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.main.pane.open(art)
        app.query_one(ArticleView).focus()
        await pilot.press("full_stop", "y")
        await settle(app, pilot)
        assert any("unreadable" in m for m in messages(app))
        assert "Clipped (1 in collection)" in messages(app)
    assert [c.kind for c in Clippings.of(analysed)] == ["quote"]


async def test_hostile_clipping_text_shows_literally(analysed, tmp_path):
    from reader.model.store.clippings import Clipping

    store = Clippings("hostile", "[b]x[/]")
    nasty = "[bold]x[/] \x1b[31mred [@click=app.quit]q[/]"
    store.add(Clipping("selection", "a1", "/nowhere.txt", 0, len(nasty), nasty, title="[/]", note="[i]n[/]"))
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        app.push_screen(ClippingsScreen(store, analysed))
        await settle(app, pilot)
        prompt = app.screen.options.get_option_at_index(0).prompt
        assert "[bold]x[/] \u241b[31mred [@click=app.quit]q[/]" in prompt.plain
        assert "[/]" in prompt.plain and "[i]n[/]" in prompt.plain and "source changed" in prompt.plain
        assert "[b]x[/]" in str(app.screen.query_one("#clippings-count").render())
        assert app.is_running


async def test_note_edited_in_the_clippings_view(seeds_corpus, tmp_path):
    """`n` opens a prompt holding the highlighted item's note; Enter saves it (empty clears), Esc keeps it."""
    from textual.widgets import Input

    from reader.model.store.clippings import clip_span
    from reader.ui.screens.prompt import PromptScreen

    art = seeds_corpus.articles[0]
    body = next(b for b in art.blocks if b.kind == "body")
    store = Clippings.of(seeds_corpus)
    store.add(clip_span(seeds_corpus, art, body.start, body.start + 20))
    store.add(clip_span(seeds_corpus, art, body.start + 30, body.start + 50, note="first \x1b[31mthoughts"))
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("Y")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ClippingsScreen)
        assert "n: note" in str(screen.query_one("#clippings-help").render())
        await pilot.press("down", "n")
        await settle(app, pilot)
        assert isinstance(app.screen, PromptScreen)
        field = app.screen.query_one(Input)
        assert field.value == "first \u241b[31mthoughts"  # shown with the control as a symbol
        await pilot.press("enter")  # unchanged: the stored note keeps its own characters
        await settle(app, pilot)
        assert app.screen is screen
        assert Clippings.of(seeds_corpus)[1].note == "first \x1b[31mthoughts"

        await pilot.press("n")
        await settle(app, pilot)
        app.screen.query_one(Input).value = ""
        await pilot.press(*"[b]check[/] p. 3", "enter")
        await settle(app, pilot)
        assert app.screen is screen and screen.options.highlighted == 1
        assert [c.note for c in Clippings.of(seeds_corpus)] == ["", "[b]check[/] p. 3"]
        assert "note: [b]check[/] p. 3" in screen.options.get_option_at_index(1).prompt.plain
        assert "Note saved" in messages(app)

        await pilot.press("up", "n")  # the first item has no note yet
        await settle(app, pilot)
        assert app.screen.query_one(Input).value == ""
        await pilot.press(*"ask the desk", "escape")  # Esc: nothing changes
        await settle(app, pilot)
        assert app.screen is screen and Clippings.of(seeds_corpus)[0].note == ""

        await pilot.press("down", "n")
        await settle(app, pilot)
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")  # empty clears it
        await settle(app, pilot)
        assert Clippings.of(seeds_corpus)[1].note == ""
        assert "note:" not in screen.options.get_option_at_index(1).prompt.plain
        assert "Note cleared" in messages(app)
