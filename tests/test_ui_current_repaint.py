"""Moving the current span (n/N, e, ]/[, a quote) draws again only the rows it leaves and the rows
it comes to; the other rows keep their drawn strips."""

from __future__ import annotations

from reader.model.corpus.corpus import Corpus
from reader.ui.app import ReaderApp
from reader.ui.widgets import article_view
from reader.ui.widgets.article_view import MARK_FIRST, ArticleView


def row_text(view: ArticleView, row: int) -> str:
    return "".join(seg.text for seg in view._render_row(row, None))


async def test_a_move_on_screen_redraws_the_two_rows_only(seeds_dir, monkeypatch):
    app = ReaderApp(Corpus.load([str(seeds_dir)]), analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.main.article_view
        rows = view._rows
        here, there = 3, 6  # two rows of the first screen, with text on them
        assert rows.ends[here] > rows.starts[here] + 5 and rows.ends[there] > rows.starts[there] + 5
        view.set_current(rows.starts[here], rows.starts[here] + 4)
        await pilot.pause()
        drawn: list[int] = []
        real = ArticleView._render_row

        def recording(self, row, selection):
            drawn.append(row)
            return real(self, row, selection)

        monkeypatch.setattr(article_view.ArticleView, "_render_row", recording)
        view.set_current(rows.starts[there], rows.starts[there] + 4)
        await pilot.pause()
        assert sorted(set(drawn)) == [here, there], drawn  # not the 30-odd rows on screen
        monkeypatch.setattr(article_view.ArticleView, "_render_row", real)
        assert row_text(view, there).startswith(MARK_FIRST)  # the margin mark moved with it
        assert not row_text(view, here).startswith(MARK_FIRST)
        assert view.scroll_offset.y == 0  # on screen already: the text did not move


async def test_a_step_to_the_next_find_match_redraws_the_two_rows_only(seeds_dir, monkeypatch):
    app = ReaderApp(Corpus.load([str(seeds_dir)]), analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.main.article_view
        rows = view._rows
        here, there = 3, 6
        view.set_matches([(rows.starts[here], rows.starts[here] + 4), (rows.starts[there], rows.starts[there] + 4)], 0)
        await pilot.pause()
        before = {r: list(view._render_row(r, None)) for r in (here, there)}
        drawn: list[int] = []
        real = ArticleView._render_row

        def recording(self, row, selection):
            drawn.append(row)
            return real(self, row, selection)

        monkeypatch.setattr(article_view.ArticleView, "_render_row", recording)
        view.set_current_match(1)
        await pilot.pause()
        assert sorted(set(drawn)) == [here, there], drawn
        monkeypatch.setattr(article_view.ArticleView, "_render_row", real)
        for r in (here, there):  # the current match's style left one row and came to the other
            assert list(view._render_row(r, None)) != before[r], r
