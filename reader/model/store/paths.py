"""Where reader keeps its files: the user cache, state and data dirs (platformdirs, app "reader").

Resolved at call time, not import time, so tests (and users) can point XDG_* elsewhere.
"""

from __future__ import annotations

from pathlib import Path

APP_NAME = "reader"


def _dirs():
    import platformdirs

    # appauthor=False: no vendor folder on Windows; the app is just "reader".
    return platformdirs.PlatformDirs(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Rebuildable data (the analysis cache): safe to delete at any time."""
    return Path(_dirs().user_cache_dir)


def state_dir() -> Path:
    """Reading state (last article, scroll positions, bookmarks)."""
    return Path(_dirs().user_state_dir)


def data_dir() -> Path:
    """User data worth keeping (exports, settings)."""
    return Path(_dirs().user_data_dir)


def analysis_cache_path() -> Path:
    return cache_dir() / "analysis.sqlite3"


def state_path() -> Path:
    """Where versions before the state database kept reading state (read once, then left)."""
    return state_dir() / "reading-state.json"


def user_store_path() -> Path:
    """The state database: clippings, corrections, reading positions, bookmarks (user_store)."""
    return state_dir() / "state.sqlite3"
