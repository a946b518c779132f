"""Moving the current span (n/N, e, ]/[, a quote) or the current find match draws again only the
rows it leaves and the rows it comes to; the other rows keep their drawn strips."""

from __future__ import annotations

from contextlib import contextmanager

from reader.model.corpus.corpus import Corpus
from reader.ui.app import ReaderApp
from reader.ui.widgets import article_view
from reader.ui.widgets.article_row import MARK_FIRST
from reader.ui.widgets.article_view import ArticleView

HERE, THERE = 3, 6  # two rows of the first screen of the first seed, with text on them


@contextmanager
def rows_drawn(monkeypatch):
    """The rows the article view draws while the block runs."""
    drawn: list[int] = []
    real = ArticleView._draw_row

    def recording(self, row, frame):
        drawn.append(row)
        return real(self, row, frame)

    monkeypatch.setattr(article_view.ArticleView, "_draw_row", recording)
    try:
        yield drawn
    finally:
        monkeypatch.setattr(article_view.ArticleView, "_draw_row", real)


def spans(view: ArticleView) -> tuple[tuple[int, int], tuple[int, int]]:
    rows = view._rows
    assert rows.ends[HERE] > rows.starts[HERE] + 5 and rows.ends[THERE] > rows.starts[THERE] + 5
    return (rows.starts[HERE], rows.starts[HERE] + 4), (rows.starts[THERE], rows.starts[THERE] + 4)


def row_text(view: ArticleView, row: int) -> str:
    return "".join(seg.text for seg in drawn_row(view, row))


def drawn_row(view: ArticleView, row: int) -> list:
    """Row `row` drawn anew (not the strip kept for it)."""
    return list(view._draw_row(row, view._frame_now()))


async def test_a_move_on_screen_redraws_the_two_rows_only(seeds_dir, monkeypatch):
    app = ReaderApp(Corpus.load([str(seeds_dir)]), analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.main.article_view
        here, there = spans(view)
        view.set_current(*here)
        await pilot.pause()
        with rows_drawn(monkeypatch) as drawn:
            view.set_current(*there)
            await pilot.pause()
        assert sorted(set(drawn)) == [HERE, THERE], drawn  # not the 30-odd rows on screen
        assert row_text(view, THERE).startswith(MARK_FIRST)  # the margin mark moved with it
        assert not row_text(view, HERE).startswith(MARK_FIRST)
        assert view.scroll_offset.y == 0  # on screen already: the text did not move


async def test_a_step_to_the_next_find_match_redraws_the_two_rows_only(seeds_dir, monkeypatch):
    app = ReaderApp(Corpus.load([str(seeds_dir)]), analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.main.article_view
        view.set_matches(list(spans(view)), 0)
        await pilot.pause()
        before = {r: drawn_row(view, r) for r in (HERE, THERE)}
        with rows_drawn(monkeypatch) as drawn:
            view.set_current_match(1)
            await pilot.pause()
        assert sorted(set(drawn)) == [HERE, THERE], drawn
        for r in (HERE, THERE):  # the current match's style left one row and came to the other
            assert drawn_row(view, r) != before[r], r
