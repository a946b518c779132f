"""SVG snapshots with analysis results: highlights and quotes in the reading pane, the palette.

The corpus is analysed once, before the app starts, so the pictures do not depend on timing.
"""

from __future__ import annotations

from pathlib import Path

from reader.ui.app import ReaderApp

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_reading_pane_with_entities_and_quotes(snap_compare, analysed):
    async def walk(pilot):
        await settle(pilot)
        await pilot.press("tab", "e", "n")  # make an entity current and step to its next mention
        await settle(pilot)

    assert snap_compare(ReaderApp(analysed, analyse=False), terminal_size=(120, 34), run_before=walk)


def test_palette_on_entity_query(snap_compare, analysed):
    async def search(pilot):
        await settle(pilot)
        await pilot.press("at")
        await pilot.press(*"pashinian")
        await pilot.pause(0.6)  # the palette gathers hits in batches
        await settle(pilot)

    assert snap_compare(ReaderApp(analysed, analyse=False), terminal_size=(120, 34), run_before=search)
