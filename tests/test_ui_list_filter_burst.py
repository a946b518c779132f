"""Pilot test: keys typed in a burst right after `/` in the list all reach the filter box, though
the box is made (and mounted) on that first `/`: the keys come as a terminal delivers them, each
posted before the app has handled the one before (Pilot.press would wait for idle between them)."""

from __future__ import annotations

from conftest import wait_for
from textual import events

from reader.ui.app import ReaderApp


def burst(app, keys: list[tuple[str, str]]) -> None:
    for key, char in keys:
        app.post_message(events.Key(key, char))


async def test_keys_right_after_slash_reach_the_new_filter_box(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        main = app.main
        main.article_list.focus()
        await pilot.pause()
        assert main._filter_box() is None  # made on first use
        word = "armenia"
        burst(app, [("slash", "/")] + [(c, c) for c in word])
        await wait_for(pilot, lambda: main._filter_box() is not None and main.list_filter.value == word, timeout=5)
        await pilot.pause()
        assert main.list_filter.value == word and main.list_filter.has_focus
        assert main.article_list.filter_text == word
        # and once more, the box made already but hidden: Esc, then / and a burst again
        await pilot.press("escape")
        assert not main.list_filter.display and main.article_list.has_focus
        burst(app, [("slash", "/")] + [(c, c) for c in "gaza"])
        await wait_for(pilot, lambda: main.list_filter.value == "gaza", timeout=5)
        assert main.article_list.filter_text == "gaza"
