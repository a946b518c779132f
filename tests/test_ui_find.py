"""Find in article (`/`): count, navigation, highlight layer, Escape, regex errors, a 10 MB article."""

from __future__ import annotations

from conftest import messages_shown

from reader.actions import APP_COMMANDS, command_items
from reader.model.corpus.corpus import Corpus
from reader.model.search.find_in_article import MAX_MATCHES, QUICK_CHARS, FindQuery, find_matches
from reader.ui.app import ReaderApp
from reader.ui.screens.help import HelpScreen
from reader.ui.widgets.article_row import match_spans
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.find_bar import FindBar


def status(app) -> str:
    return str(app.query_one("#find-status").render())


def spread_article(tmp_path, n: int = 12) -> Corpus:
    """One article with the word "needle" in every 6th paragraph: stepping has to scroll."""
    filler = "Plain words fill this paragraph so the matches lie far apart on the screen. " * 3
    paras = [filler + (" A needle is here." if i % 6 == 0 else "") for i in range(6 * n)]
    (tmp_path / "spread.txt").write_text("Needle Haystack Report\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    return Corpus.load([str(tmp_path / "spread.txt")])


async def open_find(pilot, query: str) -> None:
    pilot.app.main.article_view.focus()  # `/` in the list pane filters the list (issue 16)
    await pilot.pause()
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause()


async def test_count_matches_the_model_and_the_layer_is_drawn(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(ArticleView)
        await open_find(pilot, "armenia")
        art = view.article
        model = find_matches(art.text, FindQuery("armenia"), art.start, art.end)
        assert len(model.spans) > 3
        assert status(app) == f"1 of {len(model.spans)}"
        assert view.highlights.matches == model.spans and view.highlights.match_current == 0
        # the current match (in the headline) is drawn in the match-current style, others in the match style
        s, e = model.spans[0]
        row = view._rows.row_of(s)
        y = row - int(view.scroll_offset.y)
        segs = [seg for seg in view.render_line(y) if seg.text == art.text[s:e]]
        plain = [seg for seg in view.render_line(y) if seg.text.strip() and art.text[s:e] not in seg.text]
        assert segs and plain and segs[0].style.bgcolor != plain[0].style.bgcolor
        rt = view._row_text(view._rows.row_of(model.spans[1][0]))
        assert match_spans(rt, view.highlights, view._style)  # the second match is in the layer too
        await pilot.press("ctrl+t")  # match case: "armenia" in lower case is nowhere
        await pilot.pause()
        assert status(app) == "no matches" and view.highlights.matches == []
        assert app.query_one("#find-status").has_class("-empty")


async def test_enter_and_shift_enter_move_and_scroll(tmp_path):
    app = ReaderApp(spread_article(tmp_path), analyse=False)
    async with app.run_test(size=(100, 24)) as pilot:
        view = app.query_one(ArticleView)
        await open_find(pilot, "needle")
        n = len(view.highlights.matches)
        assert n == 13  # the headline and 12 paragraphs
        assert status(app) == f"1 of {n}"
        seen_y = {int(view.scroll_offset.y)}
        for i in range(1, 5):
            await pilot.press("enter")
            await pilot.pause()
            assert view.highlights.match_current == i and status(app) == f"{i + 1} of {n}"
            s = view.highlights.matches[i][0]
            row, top = view._rows.row_of(s), int(view.scroll_offset.y)
            assert top <= row < top + view.scrollable_content_region.height  # the match is on screen
            seen_y.add(top)
        assert len(seen_y) > 2  # the pane scrolled to reach them
        await pilot.press("shift+enter")
        await pilot.pause()
        assert view.highlights.match_current == 3
        await pilot.press("up", "up", "up", "up")  # past the first: wraps to the last
        await pilot.pause()
        assert view.highlights.match_current == n - 1
        assert status(app) == f"{n} of {n} · wrapped to the end"
        await pilot.press("f3")
        await pilot.pause()
        assert view.highlights.match_current == 0 and "wrapped to the top" in status(app)


async def test_n_and_N_in_the_article_while_open_then_back_to_entities(tmp_path):
    app = ReaderApp(spread_article(tmp_path), analyse=False)
    async with app.run_test(size=(100, 24)) as pilot:
        view = app.query_one(ArticleView)
        await open_find(pilot, "needle")
        view.focus()
        await pilot.press("n", "n", "N")
        await pilot.pause()
        assert view.highlights.match_current == 1
        await pilot.press("escape")  # Escape from the article closes the bar too
        await pilot.pause()
        assert not app.query(FindBar)
        await pilot.press("n")  # the find stays until it is cleared: n walks its matches (issue 16)
        await pilot.pause()
        assert view.highlights.match_current == 2
        assert "n/N: find “needle”" in str(app.query_one("#status-follows").render())
        line = str(app.query_one("#status-article").render())
        assert "needle" in line and "3 of" in line
        await pilot.press("escape")  # Escape again clears the find
        await pilot.pause()
        assert view.highlights.matches == [] and str(app.query_one("#status-follows").render()) == ""
        await pilot.press("n")  # with the find cleared n is the entity's next mention again
        await pilot.pause()
        assert any("No current entity" in m for m in messages_shown(app))


async def test_escape_keeps_position_and_entity_highlights(tmp_path):
    app = ReaderApp(spread_article(tmp_path), analyse=False)
    async with app.run_test(size=(100, 24)) as pilot:
        view = app.query_one(ArticleView)
        text = view.article.text
        h = text.index("Haystack")
        view.set_spans([(h, h + 8, "article-view--place")])
        await open_find(pilot, "needle")
        for _ in range(6):
            await pilot.press("enter")
        await pilot.pause()
        match = view.highlights.matches[6]
        y = int(view.scroll_offset.y)
        assert y > 0
        await pilot.press("escape")
        await pilot.pause()
        assert not app.query(FindBar)
        assert len(view.highlights.matches) == 13 and view.highlights.match_current == 6  # the find stays until cleared
        await pilot.press("escape")
        await pilot.pause()
        assert view.highlights.matches == [] and view.highlights.match_current is None
        assert view.highlights.spans == [(h, h + 8, "article-view--place")]  # the entity layer is untouched
        assert int(view.scroll_offset.y) == y
        row = view._rows.row_of(match[0])
        assert y <= row < y + view.scrollable_content_region.height
        assert app.focused is view
        await pilot.press("slash")  # reopens with the last query, selected, and searches again
        await pilot.pause()
        assert app.query_one("#find-input").value == "needle"
        assert status(app).endswith("of 13")


async def test_invalid_regex_shows_a_message(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(ArticleView)
        view.focus()  # `/` in the list pane filters the list
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("ctrl+r", *"(arm")
        await pilot.pause()
        assert status(app).startswith("invalid regex: missing )")
        assert app.query_one("#find-status").has_class("-error")
        assert view.highlights.matches == []
        assert "regex ✓" in str(app.query_one("#find-options").render())
        await pilot.press(*"|azer)\\w+")
        await pilot.pause()
        art = view.article
        n = len(find_matches(art.text, FindQuery(r"(arm|azer)\w+", regex=True), art.start, art.end).spans)
        assert n > 0 and status(app) == f"1 of {n}"


async def test_opening_another_article_reruns_the_search(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.query_one(ArticleView)
        await open_find(pilot, "putin")
        first = status(app)
        other = next(
            a
            for a in seeds_corpus.articles[1:]
            if len(find_matches(a.text, FindQuery("putin"), a.start, a.end).spans) > 0
        )
        want = find_matches(other.text, FindQuery("putin"), other.start, other.end).spans
        app.main.pane.open(other)
        await pilot.pause()
        assert view.article is other and view.highlights.matches == want
        assert status(app) == f"1 of {len(want)}" and app.query(FindBar)
        assert first  # the first article's own result was shown before


async def test_ten_megabyte_article(tmp_path):
    para = (
        "Officials met on Tuesday to discuss the proposal again and the vote\n"
        "was delayed twice since the spring, members said at the session.\n\n"
    )
    text = "Huge Report\n\n" + para * (10_000_000 // len(para)) + "The last\nneedle here.\n"
    (tmp_path / "huge.txt").write_text(text, encoding="utf-8")
    corpus = Corpus.load([str(tmp_path)])
    art = corpus.articles[0]
    assert art.end - art.start > QUICK_CHARS * 10
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)

        async def settled() -> str:
            for _ in range(200):
                await pilot.pause(0.05)
                await app.workers.wait_for_complete()
                if not status(app).startswith("searching…"):
                    return status(app)
            raise AssertionError("the search never finished")

        threaded = []
        search = app.main.pane.find
        run_in_thread = search._in_thread
        search._in_thread = lambda *a: (threaded.append(a[-1].query.text), run_in_thread(*a))[1]
        view.focus()  # `/` in the list pane filters the list
        await pilot.press("slash")
        await pilot.pause()
        inp = app.query_one("#find-input")
        for typed in ("t", "th", "the"):  # keystrokes faster than the debounce
            inp.value = typed
        assert await settled() == f"1 of {MAX_MATCHES:,}+"
        assert threaded == ["the"]  # searched off the UI thread, once: typing was debounced
        assert len(view.highlights.matches) == MAX_MATCHES
        await pilot.press("ctrl+a", "ctrl+k", *"last needle")  # a phrase across a line break
        assert await settled() == "1 of 1"
        s, e = view.highlights.matches[0]
        assert text[s:e] == "last\nneedle"
        top = int(view.scroll_offset.y)
        assert top <= view._rows.row_of(s) < top + view.scrollable_content_region.height
        await pilot.press("escape", "escape")  # close the bar, then clear the find
        await pilot.pause()
        assert not app.query(FindBar) and view.highlights.matches == []


async def test_slash_is_find_and_corpus_search_moved(seeds_corpus):
    keys = {c.action: c.key for c in APP_COMMANDS}
    assert keys["find_in_article"] == "slash" and keys["palette('sentence')"] == "F"
    helps = {i.label: i.help for i in command_items()}
    assert helps["Find in article"] == "command · /" and helps["Find in corpus"] == "command · F"
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert "Find in article" in text and "Find in corpus" in text
        for b in FindBar.BINDINGS:
            assert b.description in text
        await pilot.press("escape", "F")
        await pilot.pause()
        assert app.screen.id == "sentence-palette"
