"""Close reading in the app (issue 16): where am I, every mention in context, moving by keyboard,
the list as a worklist, room to read, help from the bindings, entity views."""

from __future__ import annotations

import pytest

from reader.ui.app import ReaderApp
from reader.ui.widgets.article_view import GUTTER, MARK_FIRST, ArticleView

KINDS = ("PERSON", "PLACE", "ORG", "NORP")


def cells(view: ArticleView, row: int) -> tuple[str, list]:
    """(text, style per cell) of a display row as rendered."""
    strip = view.render_line(row - int(view.scroll_offset.y))
    text, styles = "", []
    for seg in strip:
        for ch in seg.text:
            text += ch
            styles.append(seg.style)
    return text, styles


def cue(style) -> tuple:
    """What a style shows without colour (NO_COLOR terminals)."""
    return (bool(style.bold), bool(style.italic), bool(style.underline), bool(style.reverse))


def spot(view: ArticleView, offset: int) -> tuple[int, int]:
    """(row, strip column) where source `offset` is shown."""
    row = view._rows.row_of(offset)
    return row, GUTTER + view._row_text(row).src_to_col(offset)


def two_of_a_kind(corpus, kind: str):
    """An article with two mentions of `kind` (any entities): (article, first, second)."""
    for art in corpus.articles:
        ms = [m for m in corpus.mentions_in(art) if m[2].kind == kind]
        if len(ms) >= 2:
            return art, ms[0], ms[1]
    pytest.skip(f"no article with two {kind} mentions")


# --- 1. where am I -----------------------------------------------------------------------------


@pytest.mark.parametrize("no_color", [False, True])
async def test_current_mention_and_quote_are_unmistakable(analysed, monkeypatch, no_color):
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.main.pane
        view = pane.view
        for kind in KINDS:
            art, cur, other = two_of_a_kind(analysed, kind)
            pane.set_entity(cur[2], art, cur[0], cur[1])
            await pilot.pause()
            row, col = spot(view, cur[0])
            text, styles = cells(view, row)
            assert text[0] == MARK_FIRST, kind  # the margin says which row
            orow, ocol = spot(view, other[0])
            otext, ostyles = cells(view, orow)
            assert cue(styles[col]) != cue(ostyles[ocol]), kind  # differs from its neighbour, colour aside
            assert styles[col].reverse and not ostyles[ocol].reverse, kind
            if orow != row:
                assert otext[0] != MARK_FIRST
        # the current quote: reversed over the quote background, marked in the margin
        art = next(a for a in analysed.articles if len(analysed.quotes_in(a)) >= 2)
        pane.open(art)
        await pilot.pause()
        pane.quote_step(1)
        await pilot.pause()
        s, _ = view.current_span
        row, col = spot(view, s)
        text, styles = cells(view, row)
        assert text[0] == MARK_FIRST and styles[col].reverse
        q2 = sorted(analysed.quotes_in(art), key=lambda q: q.start)[1]
        orow, ocol = spot(view, q2.start)
        assert not cells(view, orow)[1][ocol].reverse


async def test_jumps_bring_the_mention_to_a_comfortable_line(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(100, 24)) as pilot:
        pane = app.main.pane
        view = pane.view
        art = max(analysed.articles, key=lambda a: a.end - a.start)
        ents = [m for m in analysed.mentions_in(art)]
        late = ents[len(ents) * 2 // 3]
        pane.open(art)
        await pilot.pause()
        height = view.scrollable_content_region.height
        pane.set_entity(late[2], art, late[0], late[1])
        await pilot.pause()
        row = view._rows.row_of(late[0])
        top = int(view.scroll_offset.y)
        assert top + 3 <= row < top + height - 3  # not at an edge
        # a mention already on screen but on the last line is brought up too
        view.scroll_to(y=max(0, row - height + 1), animate=False, force=True)
        await pilot.pause()
        view.set_current(late[0], late[1])
        await pilot.pause()
        top = int(view.scroll_offset.y)
        assert top + 3 <= row < top + height - 3


# --- 3. moving by keyboard ---------------------------------------------------------------------


def follows(app) -> str:
    return str(app.query_one("#status-follows").render())


def status_line(app) -> str:
    return str(app.query_one("#status-article").render())


async def test_e_cycles_the_names_on_screen_and_ctrl_e_goes_back(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.main.pane
        view = pane.view
        art = analysed.articles[0]
        pane.open(art)
        view.focus()
        await pilot.pause()
        top, bottom = view.top_offset, view.bottom_offset
        shown = [m for m in analysed.mentions_in(art) if m[1] > top and m[0] < bottom]
        assert len(shown) >= 3
        seen = []
        for _ in range(len(shown)):
            await pilot.press("e")
            seen.append(view.current_span)
            assert pane.current_entity is next(m[2] for m in shown if (m[0], m[1]) == view.current_span)
        assert seen == [(m[0], m[1]) for m in shown]  # every name on screen, in reading order
        await pilot.press("e")
        assert view.current_span == (shown[0][0], shown[0][1])  # round to the first
        await pilot.press("ctrl+e")
        assert view.current_span == (shown[-1][0], shown[-1][1])  # and back
        await pilot.press("ctrl+e")
        assert view.current_span == (shown[-2][0], shown[-2][1])
        assert int(view.scroll_offset.y) == 0  # names on screen: the text does not move
        assert follows(app).startswith("n/N: ")


async def test_n_walks_the_find_until_it_is_cleared_then_the_entity(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        pane = app.main.pane
        view = pane.view
        art = next(a for a in analysed.articles if a.text.count("Armenia", a.start, a.end) >= 4)
        pane.open(art)
        view.focus()
        await pilot.press("e")  # an entity first: n follows it
        ent = pane.current_entity
        assert follows(app) == f"n/N: {ent.name}"
        await pilot.press("slash", *"armenia", "enter")
        await pilot.pause()
        await pilot.press("escape")  # the bar closes; the find stays (the last search wins)
        await pilot.pause()
        assert follows(app) == "n/N: find “armenia”"
        first = view._match_current
        await pilot.press("n")
        assert view._match_current == first + 1
        await pilot.press("N", "N")
        assert view._match_current == first - 1 or first == 0
        assert "find “armenia”" in status_line(app) and " of " in status_line(app)
        # another article: the kept find searches it too
        other = next(a for a in analysed.articles if a is not art and "Armenia" in a.text[a.start : a.end])
        pane.open(other)
        await pilot.pause()
        assert view._matches and all(other.start <= s < other.end for s, _ in view._matches)
        view.focus()
        await pilot.press("escape")  # cleared: n is the entity's again
        await pilot.pause()
        assert view._matches == [] and follows(app) == f"n/N: {ent.name}"
        await pilot.press("e", "slash", *"armenia", "escape", "e")  # picking a name after a find ends the find
        await pilot.pause()
        assert view._matches == [] and follows(app).startswith("n/N: ") and "find" not in follows(app)
