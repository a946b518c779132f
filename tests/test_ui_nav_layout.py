"""Entity navigation lays nothing out that keeps its size: another article in the reading pane
(its box is fixed: ArticleView's quiet virtual size) and the status line's text (n/N, ]/[)."""

from __future__ import annotations

from reader.ui.app import ReaderApp


def count_layouts(screen) -> list[int]:
    layouts: list[int] = []
    screen.screen_layout_refresh_signal.subscribe(screen, lambda _: layouts.append(1))
    return layouts


async def test_another_article_is_shown_without_a_layout_and_scrolls_to_its_end(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main = app.main
        view = main.article_view
        longest = sorted(analysed.articles, key=lambda a: a.end - a.start)[-2:]
        main.pane.open(longest[0])
        await pilot.pause()
        layouts = count_layouts(main)
        main.pane.open(longest[1])
        await pilot.pause()
        assert view.article is longest[1] and not layouts
        # the scrollbars were set as a layout sets them: the view scrolls over the whole article
        assert view.show_vertical_scrollbar and view.virtual_size.height >= len(view._rows)
        view.focus()
        await pilot.press("end")
        await pilot.pause()
        assert view.bottom_offset >= longest[1].end - 1 and view.scroll_offset.y == view.max_scroll_y > 0


async def test_n_and_N_change_the_status_line_without_a_layout(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        main = app.main
        top = max(analysed.entities, key=lambda e: len(e.mentions))
        art = max(analysed.articles, key=lambda a: sum(1 for m in analysed.mentions_in(a) if m[2] is top))
        hits = [m for m in analysed.mentions_in(art) if m[2] is top]
        assert len(hits) >= 3
        main.pane.jump_to_mention(top, art, hits[0][0], hits[0][1])
        main.article_view.focus()
        await pilot.pause()
        status = main.query_one("#status-article")
        layouts = count_layouts(main)
        for k, key in enumerate(("n", "n", "N"), start=1):
            await pilot.press(key)
            await pilot.pause()
            want = (2, 3, 2)[k - 1]
            assert f"mention {want}/" in str(status.render())
        assert not layouts
