"""SVG snapshots for close reading (issue 16): the concordance view, and 80×24 with a side panel
open (the reading column keeps 50 columns). The corpus is analysed before the app starts.

Regenerate after an intended change: python3 -m pytest tests/test_ui_snapshots_close_reading.py --snapshot-update
"""

from __future__ import annotations

from reader.ui.app import ReaderApp


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_concordance_view_100x30(snap_compare, analysed):
    async def open_it(pilot):
        await settle(pilot)
        ent = next(e for e in analysed.entities if "Nikol Pashinian" in e.aliases)
        pilot.app.main.pane.go_to_first_mention(ent)
        await pilot.press("K")
        await settle(pilot)

    assert snap_compare(ReaderApp(analysed, analyse=False), terminal_size=(100, 30), run_before=open_it)


def test_80x24_with_the_entity_panel_open(snap_compare, analysed):
    async def open_panel(pilot):
        await settle(pilot)
        await pilot.press("tab", "e", "E")
        await settle(pilot)

    assert snap_compare(ReaderApp(analysed, analyse=False), terminal_size=(80, 24), run_before=open_panel)
