"""Every view over a hostile corpus, analysed: text shows literally, nothing in it acts, and the
terminal receives no escape sequence but the app's own.

The corpus (tests/hostile.py) puts `[/]`, `[@click=app.quit]x[/]`, `[Reuters]`, `[bold red]`,
`ESC]0;PWNED BEL` and `ESC[2J` in every title and quote, and spaCy reads some of them into
entity names and speakers. The test runs every command of reader.actions.APP_COMMANDS (so views
added later are covered), twice: from the start, and with a hostile entity and quote current.
It opens the palette with queries that hit the hostile names in every scope.

What the terminal receives: the headless driver normally writes nothing, so the `terminal`
fixture makes the app render as if to a real terminal and keeps every string written.
"""

from __future__ import annotations

import io
import re

import pytest
from hostile import CSI_CLEAR, OSC_TITLE, PAYLOADS, write_hostile_corpus
from rich.console import Console
from textual.command import CommandInput, CommandList, CommandPalette
from textual.drivers.headless_driver import HeadlessDriver
from textual.widgets import TextArea

from reader.actions import APP_COMMANDS
from reader.model.corpus.corpus import Corpus
from reader.model.outputs.display import DISPLAY_TABLE, display_line
from reader.ui import clipboard
from reader.ui.app import ReaderApp

SHOWN = [display_line(p) for p in PAYLOADS]  # how each payload must look on screen
CONTROLS = {chr(c) for c in DISPLAY_TABLE}  # never on screen, never raw to the terminal

# What Textual 8.2.8 itself writes: SGR styles, cursor moves, private modes, the pointer shape
# (OSC 22) and the clipboard (OSC 52, base64). Article text must add nothing to this.
OWN_SEQUENCES = re.compile(
    r"\x1b\[[0-9;]*m|\x1b\[\d+;\d+H|\x1b\[\?[0-9;]+[hl]|\x1b\]22;[a-z-]+\x07|\x1b\]52;c;[A-Za-z0-9+/=]*\x07"
)

PALETTE_QUERIES = {  # scope -> queries matching hostile titles, names and quotes
    "entity": ["Kowalski", "Quinlan"],
    "quote": ["back down", "disaster"],
    "article": ["budget", "Talks stall"],
    "sentence": ["disaster"],
    "verify": ["!We will not back down", "!It is a disaster for families"],  # passages holding every payload
    None: ["Kowalski", "@Kowalski", '"back down', "#budget", "Reuters", "PWNED"],
}


def foreign_sequences(stream: str) -> list[str]:
    """Control characters and escape sequences in `stream` that are not the app's own."""
    rest = OWN_SEQUENCES.sub("", stream)
    return [
        repr(rest[max(0, m.start() - 10) : m.end() + 10])
        for m in re.finditer("[" + re.escape("".join(sorted(CONTROLS))) + "]", rest)
    ]


def test_foreign_sequences_finds_leaks():
    own = "\x1b[1;2H\x1b[38;2;1;2;3mtext\x1b[0m\x1b]52;c;aGk=\x07\x1b]22;pointer\x07\n"
    assert foreign_sequences(own) == []
    for leak in (OSC_TITLE, CSI_CLEAR, "\x1b]8;;http://x\x1b\\", "\x07", "\x9b2J", "\x1b[1A"):
        assert foreign_sequences(own + leak + own), repr(leak)


@pytest.fixture
def terminal(monkeypatch) -> list[str]:
    """Everything the app writes to its terminal (rendering on, output kept in this list)."""
    written: list[str] = []
    monkeypatch.setattr(HeadlessDriver, "is_headless", property(lambda self: False))
    monkeypatch.setattr(HeadlessDriver, "write", lambda self, data: written.append(data))
    return written


def screen_text(app) -> tuple[str, set[str]]:
    """The current screen as a person sees it (a modal over the dimmed screen below), and the
    `@click` actions on it."""
    w, h = app.size
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console = Console(
        width=w,
        height=h,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(update)
    clicks = {
        str(seg.style.meta["@click"])
        for line in update.strips
        for strip in line
        for seg in strip
        if seg.style is not None and seg.style.meta and "@click" in seg.style.meta
    }
    return console.export_text(styles=False), clicks


async def settle(pilot) -> None:
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def close_screens(pilot) -> None:
    for _ in range(4):
        if len(pilot.app.screen_stack) == 1:
            return
        await pilot.press("escape")
        await settle(pilot)
    assert len(pilot.app.screen_stack) == 1, f"escape did not close {pilot.app.screen!r}"


async def search_palette(pilot, query: str) -> str:
    """Type `query` into the open palette; the screen once hits are listed."""
    palette = pilot.app.screen
    palette.query_one(CommandInput).value = query
    for _ in range(100):
        await pilot.pause(0.02)
        if palette.query_one(CommandList).option_count:
            break
    await pilot.pause()
    return screen_text(pilot.app)[0]


@pytest.fixture
def hostile_corpus(tmp_path):
    return Corpus.load([str(write_hostile_corpus(tmp_path / "hostile"))])


async def test_every_view_shows_hostile_text_literally(hostile_corpus, terminal, failed_workers, monkeypatch):
    monkeypatch.setattr("reader.ui.clipboard.system_copy", lambda text: clipboard.SystemCopy(None))  # citation modal
    corpus = hostile_corpus
    app = ReaderApp(corpus, analyse=True)
    views: dict[str, list[str]] = {}
    notices = []

    async with app.run_test(size=(160, 50)) as pilot:

        def record(name: str) -> str:
            text, clicks = screen_text(app)
            views.setdefault(name, []).append(text)
            leaked = CONTROLS & set(text.replace("\n", ""))
            assert not leaked, (name, leaked)
            assert not any("quit" in a for a in clicks), (name, clicks)
            notices.extend(app._notifications)
            for area in app.screen.query(TextArea):  # soft-wrapped on screen: check its text
                views.setdefault(f"text:{name}", []).append(area.text)
            return text

        async def click_payload(text: str, where: str) -> None:
            """Click the first `[@click=app.quit]` shown: it must stay text."""
            for y, line in enumerate(text.splitlines()):
                x = line.find("[@click=app.quit]")
                if x >= 0:
                    await pilot.click(offset=(x + 2, y))
                    await settle(pilot)
                    assert app.is_running and app.return_code is None, f"quit by a click in {where}"
                    return

        for _ in range(1200):  # spaCy loads, then analyses: the worker posts AnalysisDone
            await pilot.pause(0.05)
            if corpus.analysed and corpus.entities:
                break
        await settle(pilot)
        assert corpus.entities, "analysis did not finish"
        hostile_names = [e.name for e in corpus.entities if display_line(e.name) != e.name or "[" in e.name]
        assert any("\x1b" in n for n in hostile_names) and any("[" in n for n in hostile_names), hostile_names
        record("main")

        async def run_every_command(round_: str) -> None:
            for cmd in APP_COMMANDS:
                if cmd.action == "quit":
                    continue
                await app.run_action(cmd.action)
                await settle(pilot)
                assert app.is_running, f"{cmd.action} ended the app"
                screen = app.screen
                name = type(screen).__name__ if len(app.screen_stack) > 1 else f"main:{cmd.action}"
                if isinstance(screen, CommandPalette):
                    scope = "verify" if cmd.action == "verify_quote" else cmd.action.partition("'")[2].partition("'")[0]
                    for q in PALETTE_QUERIES.get(scope, PALETTE_QUERIES[None]):
                        await search_palette(pilot, q)
                        if scope == "verify":  # its hits come from a thread after a typing pause
                            await settle(pilot)
                            assert "said by" in screen_text(app)[0], q
                        record(f"palette:{scope}")
                text = record(f"{name}:{round_}")
                if len(app.screen_stack) > 1:
                    await click_payload(text, f"{cmd.action} ({round_})")
                await close_screens(pilot)
                if cmd.action == "find_in_article":
                    await pilot.press("escape")  # the find bar lives in the main screen
                    await settle(pilot)

        await run_every_command("start")

        # again, with a hostile entity current at its first mention and a quote current
        ent = next(e for e in corpus.entities if "\x1b" in e.name)
        app.main.go_to_entity(ent.id)
        await settle(pilot)
        record("main:entity")
        await run_every_command("entity")

        await app.run_action("command_palette")
        await settle(pilot)
        for q in PALETTE_QUERIES[None]:
            text = await search_palette(pilot, q)
            record("palette:all")
            assert any(s in text for s in SHOWN), (q, text)
        await close_screens(pilot)

        # the reading pane's clickable spans: click every shown [@click=…] in the main screen
        main = record("main:end")
        for y, line in enumerate(main.splitlines()):
            for m in re.finditer(re.escape("[@click=app.quit]"), line):
                await pilot.click(offset=(m.start() + 2, y))
                await settle(pilot)
                assert app.is_running and app.return_code is None
        assert app.title == "reader" and app.sub_title == ""  # the terminal title is never article text
        await close_screens(pilot)

    assert not failed_workers, [(w.name, repr(w.error)) for w in failed_workers]

    def shown(name: str) -> str:
        return "\n".join(t for k, ts in views.items() if k == name or k.startswith(name + ":") for t in ts)

    # literal text where it is shown (each payload somewhere in each view that shows article text)
    for view in ("main", "QuotesScreen", "palette:quote", "palette:article", "palette:all", "palette:verify"):
        missing = [s for s in SHOWN if s not in shown(view)]
        assert not missing, (view, missing)
    for name in ("Anna ␛]0;PWNED␇ Kowalski", "Bank[/", "Ministry of Finance[@click"):
        for view in ("EntitiesScreen", "main:toggle_entities"):
            assert name in shown(view), (view, name)
    assert "Anna ␛]0;PWNED␇ Kowalski" in shown("EntityInfoScreen")
    assert "Anna ␛]0;PWNED␇ Kowalski" in shown("palette:entity")
    assert "Mara Quinlan␛[2J" in shown("QuotesScreen")
    assert "b [Reuters] ␛[2J.txt" in shown("main")  # a file name in a border title, literal

    # the citation modal: the citation, display-mapped, every payload visible
    assert "Citation" in shown("CitationScreen")
    citation = shown("text:CitationScreen")
    assert not [s for s in SHOWN if s not in citation] and not CONTROLS & set(citation.replace("\n", ""))

    # notifications: markup off, controls shown as symbols
    assert notices
    for n in notices:
        assert not n.markup, n.message
        assert not CONTROLS & set(n.message + (n.title or "")), n.message
    assert not [n for n in notices if n.severity == "error"], [n.message for n in notices]

    # the terminal saw the payloads as text and none of them as sequences
    stream = "".join(terminal)
    assert display_line(OSC_TITLE) in stream and display_line(CSI_CLEAR) in stream
    assert foreign_sequences(stream) == []
