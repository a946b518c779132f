"""Faults in the app: files deleted or locked while it runs, a big folder with bad files, read-only
and full user folders, and SIGTERM/SIGINT from outside. Each ends in a clear notice and a working
app (or a clean exit that saves the reading state), never a traceback."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import sqlite3
import struct
import sys
import termios
import time
from pathlib import Path

import pytest
from conftest import notices_shown, wait_for
from faults import make_read_only, make_unreadable, restore_writable
from textual.command import CommandPalette

from reader.model.analysis import runner as runner_mod
from reader.model.analysis.results import FileAnalysis, Mention, QuoteSpan
from reader.model.corpus.corpus import Corpus
from reader.model.store import paths
from reader.ui.app import ReaderApp

ROOT = Path(__file__).resolve().parent.parent
BODY = (
    'Mayor Lena Brandt met the council in Hamburg on Monday. "We will rebuild the bridge," '
    "Brandt said after the meeting.\n\nThe council agreed to meet again in the spring.\n"
)


def write_news(d: Path, n: int) -> None:
    """n distinct articles: each has a paragraph of its own, so they are not wire copies of one
    another (the list would show them as one story: reader/model/corpus/duplicates.py)."""
    d.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        own = " ".join(f"r{i}w{k}" for k in range(40))
        (d / f"n{i:04d}.txt").write_text(f"Bridge report {i}\n\n{BODY}\nFiling {i}: {own}.\n", encoding="utf-8")


def fake_nlp(corpus, rest, by_file, regions, keys, model, store, stats, progress=None, *rest_args) -> None:
    """Stands in for spaCy: one PERSON mention and one quote per file, saved like real results."""
    for i in rest:
        text = corpus.files[i].text
        s = text.index("Lena Brandt")
        q = text.index("We will")
        qe = text.index('"', q)
        fa = FileAnalysis(
            mentions=[Mention(s, s + 11, "PERSON", "Lena Brandt")],
            quotes=[QuoteSpan(q, qe, text[q:qe], "Lena Brandt", s, s + 11, "said-after")],
        )
        corpus.set_analysis(i, fa)
        if store is not None:
            store.put(keys[i], corpus.files[i].digest, model, fa)
        stats.analysed += 1
        if progress is not None:
            progress(stats.analysed, len(rest), corpus.files[i].name)


@pytest.fixture
def no_spacy(monkeypatch):
    monkeypatch.setattr(runner_mod, "_run_nlp", fake_nlp)


def toasts(app) -> list[tuple[str, str]]:
    return notices_shown(app)


async def settle(pilot) -> None:
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# -- files deleted or locked while the app runs -----------------------------------------------------


async def test_files_deleted_or_locked_while_the_app_runs(tmp_path, no_spacy, failed_workers, monkeypatch):
    """Articles are read into memory at load, and nothing later opens them again (analysis, cache
    keys and citations use the text and digest in memory): the app carries on as if nothing
    happened, with no notice to give."""
    d = tmp_path / "news"
    write_news(d, 3)
    corpus = Corpus.load([d])
    app = ReaderApp(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (d / "n0000.txt").unlink()
        make_unreadable(d / "n0001.txt", monkeypatch)
        (d / "n0002.txt").write_text("Replaced\n\nSomething else entirely.\n", encoding="utf-8")
        await settle(pilot)
        assert corpus.analysed and corpus.entities
        for _ in range(3):
            await pilot.press("enter", "G", "g", "shift+tab", "j")
        await pilot.press("c")  # copy a quote with its citation: from memory
        await settle(pilot)
        assert "We will rebuild the bridge" in (app.clipboard or "")
        await pilot.press("ctrl+p", *"bridge")
        await settle(pilot)
        assert CommandPalette.is_open(app)
        await pilot.press("escape")
        assert not failed_workers and app.is_running
        assert not [t for t in toasts(app) if "cannot read" in t[1] or "rror" in t[0]], toasts(app)
    assert [a.title for a in corpus.articles] == ["Bridge report 0", "Bridge report 1", "Bridge report 2"]


# -- a big folder with a few bad files ---------------------------------------------------------------


async def test_big_folder_notice_names_the_skipped_files(tmp_path, monkeypatch):
    d = tmp_path / "news"
    write_news(d, 2000)
    (d / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (d / "empty.txt").write_bytes(b"")
    (d / "locked.txt").write_text("Locked\n\nText.\n", encoding="utf-8")
    make_unreadable(d / "locked.txt", monkeypatch)
    (d / "dangling.txt").symlink_to(d / "nowhere.txt")
    (d / "bad-utf8.txt").write_bytes(b"\xef\xbb\xbfTitle\n\n\xff\xfe")
    corpus = Corpus.load([d])
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        [(title, body)] = [t for t in toasts(app) if "skipped" in t[0]]
        assert title == "5 files skipped"
        lines = body.split("\n")
        assert len(lines) == 5
        for line in lines[:4]:
            assert line.startswith(str(d)) and ": " in line
        assert lines[4].startswith("… and 1 more")
        await pilot.press("G", "enter")  # and the list works
        assert app.main.pane.article.title == "Bridge report 1999"


# -- read-only and full user folders -----------------------------------------------------------------


@pytest.fixture
def read_only_user_dirs(monkeypatch):
    dirs = [paths.state_dir(), paths.cache_dir(), paths.data_dir()]
    for d in dirs:
        make_read_only(d, monkeypatch)
    yield
    for d in dirs:
        restore_writable(d)


async def test_read_only_user_dirs_give_one_notice_each_and_a_working_app(
    tmp_path, no_spacy, read_only_user_dirs, failed_workers
):
    d = tmp_path / "news"
    write_news(d, 3)
    app = ReaderApp(Corpus.load([d]))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.corpus.entities and app.main.article_view.highlights.spans  # analysed without a cache
        await pilot.press("j", "enter")
        await pilot.pause(1.3)  # the state is saved a moment after a change
        await pilot.press("shift+tab", "j", "enter")
        await pilot.pause(1.3)
        await pilot.press("c")  # copying falls back to a clipping in the (read-only) data dir
        await settle(pilot)
        notes = toasts(app)
        cache_notes = [t for t in notes if "analysis cache unavailable" in t[1]]
        state_notes = [t for t in notes if "kept for this session only" in t[1]]
        assert len(cache_notes) == 1, notes
        assert len(state_notes) == 1 and "reading state" in state_notes[0][1], notes  # one, not one per save
        assert app.memory.reading.last_article is not None  # kept in memory, as it says
        assert not failed_workers and app.is_running
        await pilot.press("q")


class FullDisk:
    """A connection on a full disk: every write fails as SQLite's does (SQLITE_FULL)."""

    def __init__(self, conn) -> None:
        self._conn = conn

    def execute(self, sql, *args):
        if sql.split()[0].upper() in ("BEGIN", "INSERT", "UPDATE", "DELETE"):
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


async def test_full_disk_on_state_write_is_one_notice_and_keeps_the_old_state(tmp_path):
    from reader.model.store.reading_state import StateStore
    from reader.model.store.user_store import forget_stores, open_store

    d = tmp_path / "news"
    write_news(d, 3)
    app = ReaderApp(Corpus.load([d]), analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:  # a first session writes the state
        await pilot.press("j", "enter")
        await pilot.press("q")
    key = Corpus.load([d]).key
    before = StateStore().load(key).last_article
    assert before is not None
    forget_stores()
    store = open_store()
    store._conn = FullDisk(store._conn)
    app = ReaderApp(Corpus.load([d]), analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        for keys in (("j", "enter"), ("j", "enter"), ("tab", "G")):
            await pilot.press(*keys)
            await pilot.pause(1.3)  # a save after each change
        # the state is written a second after a change; a busy machine can make that later
        await wait_for(pilot, lambda: any("kept for this session only" in t[1] for t in toasts(app)), timeout=30)
        await pilot.pause(0.3)  # and no second notice follows
        notes = [t for t in toasts(app) if "kept for this session only" in t[1]]
        assert len(notes) == 1 and "full" in notes[0][1], toasts(app)
        assert app.memory.reading.last_article != before  # the session has its changes
        assert app.is_running
        await pilot.press("q")
    forget_stores()
    assert StateStore().load(key).last_article == before  # the disk: the old state, whole


# -- signals from outside -----------------------------------------------------------------------------


def run_in_terminal(args: list[str], env: dict, sig: int, ready: bytes, timeout: float = 60) -> tuple[int, str]:
    """Run reader in a pseudo-terminal, send `sig` once `ready` has been drawn; (exit status, output)."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: become reader
        try:
            os.chdir(ROOT)
            os.execvpe(sys.executable, [sys.executable, "-m", "reader", *args], env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    out = b""
    sent = False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not sent and ready in out:
            os.kill(pid, sig)
            sent = True
        r, _, _ = select.select([fd], [], [], 0.1)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    else:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert sent, out[-2000:]
    return os.waitstatus_to_exitcode(status), out.decode("utf-8", "replace")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_ends_the_app_cleanly_and_saves_the_state(tmp_path, sig):
    """A supervisor's SIGTERM (or a SIGINT from outside: in the app ctrl+c is a key) while analysis
    runs: the app quits as with `q`, restores the terminal, saves the reading state, says why."""
    pytest.importorskip("spacy")
    d = tmp_path / "news"
    write_news(d, 3)
    env = dict(os.environ, TERM="xterm-256color")
    env.pop("READER_DEBUG", None)
    status, out = run_in_terminal([str(d)], env, sig, ready=b"Bridge report 0")
    word = "interrupted" if sig == signal.SIGINT else "stopped by SIGTERM"
    assert status == 128 + sig, out[-2000:]
    assert f"reader: {word}" in out and "Traceback" not in out, out[-2000:]
    assert "\x1b[?1049l" in out  # left the alternate screen: the terminal is restored
    with sqlite3.connect(paths.user_store_path()) as conn:  # the reading state was written on the way out
        saved = {r[0] for r in conn.execute("SELECT corpus FROM reading")}
    conn.close()
    assert Corpus.load([d]).key in saved
    db = paths.analysis_cache_path()
    if db.exists():  # analysis may have been stopped before it saved anything
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
