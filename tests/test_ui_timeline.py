"""The timeline view (T): bars per period, unfolding, jumping to articles and to an entity's first mention.

Regenerate the snapshot after an intended change:
python3 -m pytest tests/test_ui_timeline.py --snapshot-update
"""

from __future__ import annotations

import json
from pathlib import Path

from hostile import ESCAPE_TITLE, MARKUP_TITLE

from reader.model.corpus.corpus import Corpus
from reader.model.outputs.timeline import entity_series
from reader.ui.app import ReaderApp
from reader.ui.entity_nav import EntityNav
from reader.ui.screens.timeline import TimelineScreen
from reader.ui.widgets.article_view import ArticleView

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def prompts(screen: TimelineScreen) -> list[str]:
    lst = screen.options
    return [lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count)]


def highlighted_row(screen: TimelineScreen):
    return screen.rows[screen.options.highlighted]


async def test_open_move_and_open_articles(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        n = len(screen.timeline.undated)
        assert n and str(screen.query_one("#timeline-head").render()).endswith(f"{n} articles have no date")
        assert "no date" in " ".join(prompts(screen))
        # the first bucket holds several articles: Enter unfolds it, the next row is its first article
        first = highlighted_row(screen)
        assert first.group and len(first.article_ids) > 1
        await pilot.press("enter")
        await pilot.pause()
        assert first.key in screen.expanded
        await pilot.press("down")
        row = highlighted_row(screen)
        assert row.article_ids == (first.article_ids[0],) and not row.group
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)
        assert app.main.pane.article.id == first.article_ids[1]
        assert isinstance(app.focused, ArticleView)
        # a one-article bucket opens at once; the undated row is reachable too
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        single = next(i for i, r in enumerate(screen.rows) if r and r.group and len(r.article_ids) == 1)
        screen.options.highlighted = single
        target = screen.rows[single].article_ids[0]
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.pane.article.id == target
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        undated = next(i for i, r in enumerate(screen.rows) if r and r.key == "group:no date")
        assert screen.rows[undated].article_ids == screen.timeline.undated
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)


async def test_unit_cycles_and_entity_section_without_analysis(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        assert screen.unit_choice is None and screen.timeline.unit == "day"
        assert any("no entities are known" in p for p in prompts(screen))
        await pilot.press("u", "u")
        assert (screen.unit_choice, screen.timeline.unit) == ("week", "week")
        await pilot.press("u", "u")
        assert screen.timeline.unit == "year"
        # the year-only article joins its year: four 2020-11-04 stories and one dated "2020"
        assert any(p.startswith("▸ 2020 ") and p.endswith(" 5") for p in prompts(screen))
        head = str(screen.query_one("#timeline-head").render())
        assert head.startswith(f"{len(seeds_corpus.articles)} articles by year ·")


async def test_entity_section_says_analysis_is_running(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = TimelineScreen(seeds_corpus, None, analysing=True)
        app.push_screen(screen)
        await pilot.pause()
        assert any("analysis is running" in p for p in prompts(screen))
        screen.analysis_finished()
        assert not any("analysis is running" in p for p in prompts(screen))


async def test_entity_bar_jumps_to_first_mention(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "e")
        await settle(pilot)
        ent = app.main.pane.current_entity
        assert ent is not None
        await pilot.press("T")
        await pilot.pause()
        screen = app.screen
        points = entity_series(analysed, ent)
        mention_rows = [i for i, r in enumerate(screen.rows) if r and r.span is not None]
        assert len(mention_rows) == len(points) > 1
        last = screen.rows[mention_rows[-1]]
        screen.options.highlighted = mention_rows[-1]
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.pane.article.id == last.article_ids[0]
        first = EntityNav(analysed, ent).mentions_in(app.main.pane.article)[0]
        assert last.span == (first.start, first.end)
        assert app.main.article_view.current_span == (first.start, first.end)
        assert app.main.pane.current_entity is ent


async def test_hostile_titles_show_as_text(tmp_path):
    for name, title in (("markup.txt", MARKUP_TITLE), ("escape.txt", ESCAPE_TITLE)):
        (tmp_path / name).write_text(title + "\n\nSome body text for the story goes here.\n")
        (tmp_path / (name + ".meta.json")).write_text(json.dumps({"date": "2021-03-04"}))
    app = ReaderApp(Corpus.load([str(tmp_path)]), analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T", "enter")  # unfold the one bucket holding both
        await pilot.pause()
        shown = "\n".join(prompts(app.screen))
        assert "[bold red]headline[/] with [Reuters] and [@click=app.quit]click[/]" in shown
        assert "\x1b" not in shown and "␛[31mred" in shown
        assert app.is_running


def test_timeline_snapshot_with_entity(snap_compare, analysed):
    async def open_timeline(pilot):
        await settle(pilot)
        await pilot.press("tab", "e")  # make an entity current, as a reader would
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)

    assert snap_compare(ReaderApp(analysed, analyse=False), terminal_size=(120, 34), run_before=open_timeline)


async def test_a_new_unit_highlights_its_first_row_and_keeps_the_mention_rows(analysed):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        top = max(analysed.entities, key=lambda e: len(getattr(e, "mentions", ())))
        app.main.go_to_entity(top.id)
        await settle(pilot)
        app.main.article_view.focus()
        await pilot.press("T")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen) and screen.points
        unit = screen.timeline.unit
        screen.options.highlighted = next(i for i, r in enumerate(screen.rows) if r and r.group)
        for _ in range(4):  # the unit chosen to fit comes first in the cycle again
            await pilot.press("u")
            await settle(pilot)
            if screen.timeline.unit != unit:
                break
        assert screen.timeline.unit != unit
        # the highlighted period is in no row of the new unit: the first row is highlighted
        assert screen.options.highlighted == next(i for i, r in enumerate(screen.rows) if r is not None)
        # the mention rows are made once for these widths and points, not on every refill
        lines = [line for line, row in screen._entity_lines() if row is not None]
        assert lines and all(a is b for a, (b, row) in zip(lines, (x for x in screen._entity_lines() if x[1])))


async def test_timeline_rows_are_drawn_directly_as_option_list_would_draw_them(seeds_corpus, monkeypatch):
    """The chart's one-line rows go DirectRows' way (reader.ui.widgets.direct_rows), each the very
    segments Textual's OptionList makes for it."""
    from test_ui_direct_rows import draws
    from textual.widgets import OptionList

    drawn = draws(monkeypatch)
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T")
        await settle(pilot)
        lst = app.screen.options
        assert drawn[0] >= lst.option_count > 3
        style = lst.get_visual_style("option-list--option")
        for option in lst.options:
            lst._option_render_cache.clear()
            lst._kept_lines.clear()
            mine = [s._segments for s in lst._get_option_render(option, style)]
            lst._option_render_cache.clear()
            theirs = [s._segments for s in OptionList._get_option_render(lst, option, style)]
            assert mine == theirs, option.prompt
