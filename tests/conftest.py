"""Shared fixtures: no test reads or writes the real user dirs; nothing blinks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


XDG_NAMES = ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME")


@pytest.fixture(scope="session", autouse=True)
def isolated_session_dirs(tmp_path_factory):
    """The XDG dirs and HOME in a temp dir for the whole session: module- and session-scoped
    fixtures run before the per-test `isolated_dirs`, and a corpus they load (its folder
    listing) or analyse would otherwise be kept in the user's own cache."""
    root = tmp_path_factory.mktemp("session-dirs")
    with pytest.MonkeyPatch.context() as mp:
        for name in XDG_NAMES:
            mp.setenv(name, str(root / name.lower()))
        mp.setenv("HOME", str(root / "home"))
        yield root


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """Point every XDG base dir (config, state, cache, data) into the test's tmp_path."""
    for name in XDG_NAMES:
        d = tmp_path / "xdg" / name.lower()
        d.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(d))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    yield
    from reader.model.store.user_store import forget_stores

    forget_stores()  # each test's state database is its own
    import gc

    gc.unfreeze()  # an app froze its heap once its palette index was built; a test's app is garbage now


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    """Blinking cursors make snapshots flaky; keep them steady."""
    try:
        from textual.widgets import Input
    except Exception:  # Textual not installed: model-only test runs
        return
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None, raising=False)


@pytest.fixture(autouse=True)
def kept_notices(monkeypatch):
    """Every notice an app showed, kept on the app (`notices_shown`): a toast that timed out
    before the test looked (a slow machine outlasts it) is still there."""
    try:
        from reader.ui.app import ReaderApp
    except Exception:  # Textual not installed: model-only test runs
        return
    real = ReaderApp.notify

    def notify(self, message, *args, **kwargs):
        self.__dict__.setdefault("shown_notices", []).append((str(kwargs.get("title", "")), str(message)))
        return real(self, message, *args, **kwargs)

    monkeypatch.setattr(ReaderApp, "notify", notify)


def notices_shown(app) -> list[tuple[str, str]]:
    """(title, message) of every notice `app` showed, in order."""
    return list(app.__dict__.get("shown_notices", []))


def messages_shown(app) -> list[str]:
    """The message of every notice `app` showed, in order."""
    return [message for _, message in notices_shown(app)]


@pytest.fixture(scope="session")
def seeds_cache_file(tmp_path_factory) -> Path:
    """An analysis cache holding the seeds, made once per test process by `reader index`."""
    home = tmp_path_factory.mktemp("seeds-cache")
    env = {**os.environ, "HOME": str(home)}
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[name] = str(home / name.lower())
    done = subprocess.run(
        [sys.executable, "-m", "reader", "index", str(SEEDS)],
        cwd=SEEDS.parent,  # the checkout's reader, as the tests' own runs
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return home / "xdg_cache_home" / "reader" / "analysis.sqlite3"


@pytest.fixture
def warm_seeds_cache(isolated_dirs, seeds_cache_file) -> Path:
    """The test's analysis cache starts with the seeds in it: for tests of what the CLI does with
    an analysed corpus (clippings, corrections, locks), whose every process would otherwise load
    spaCy and analyse the seeds again. The test's own cache file."""
    dest = Path(os.environ["XDG_CACHE_HOME"]) / "reader" / seeds_cache_file.name
    dest.parent.mkdir(parents=True, exist_ok=True)
    for ext in ("", "-wal"):  # a write-ahead log left beside it holds rows too
        if Path(f"{seeds_cache_file}{ext}").exists():
            shutil.copyfile(f"{seeds_cache_file}{ext}", f"{dest}{ext}")
    return dest


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def seeds_corpus():
    from reader.model.corpus.corpus import Corpus

    return Corpus.load([str(SEEDS)])


def analyse_seeds():
    """A freshly loaded and analysed seeds corpus (no cache), or skip when no model is installed."""
    from reader.model.analysis.nlp import ModelUnavailable
    from reader.model.corpus.corpus import Corpus

    corpus = Corpus.load([str(SEEDS)])
    try:
        corpus.analyse(cache=False)
    except ModelUnavailable:  # pragma: no cover - the model is a declared dependency
        pytest.skip("no spaCy model")
    return corpus


@pytest.fixture(scope="module")
def analysed():
    """The seeds, analysed once per test module (modules may change it; others get their own)."""
    return analyse_seeds()


@pytest.fixture
def failed_workers(monkeypatch) -> list:
    """Workers that ended in an error (exit_on_error=False would hide them)."""
    from textual.worker import Worker, WorkerState

    failed: list = []
    prop = Worker.state

    def set_state(self, state):
        prop.fset(self, state)
        if state == WorkerState.ERROR:
            failed.append(self)

    monkeypatch.setattr(Worker, "state", property(prop.fget, set_state))
    return failed


async def wait_for(pilot, cond, timeout: float = 10.0) -> None:
    """Let the app run until `cond()` holds; fail after `timeout` seconds."""
    import time

    end = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < end, "timed out"
        await pilot.pause(0.05)
