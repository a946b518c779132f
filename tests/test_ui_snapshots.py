"""SVG snapshots of the main screen (analysis off, so they are deterministic and fast).

Regenerate after an intended change: python3 -m pytest tests/test_ui_snapshots.py --snapshot-update
"""

from __future__ import annotations

from reader.model.corpus.corpus import Corpus
from reader.ui.app import ReaderApp


def app_for(seeds_dir) -> ReaderApp:
    return ReaderApp(Corpus.load([str(seeds_dir)]), analyse=False)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_100x30(snap_compare, seeds_dir):
    assert snap_compare(app_for(seeds_dir), terminal_size=(100, 30), run_before=settle)


def test_main_screen_80x24(snap_compare, seeds_dir):
    assert snap_compare(app_for(seeds_dir), terminal_size=(80, 24), run_before=settle)


def test_digest_story_open_100x30(snap_compare, seeds_dir):
    async def open_story(pilot):
        await pilot.press("j", "j", "j", "j", "enter")
        await settle(pilot)

    assert snap_compare(app_for(seeds_dir), terminal_size=(100, 30), run_before=open_story)


def test_help_screen_100x30(snap_compare, seeds_dir):
    async def open_help(pilot):
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app_for(seeds_dir), terminal_size=(100, 30), run_before=open_help)
