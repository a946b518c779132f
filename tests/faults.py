"""Helpers for fault tests: unreadable files and read-only folders, for real or simulated.

Tests may run as root, where chmod blocks nothing. Then the same failure is simulated where
the code meets it: `os.open`/`os.mkdir`/`os.replace` raise PermissionError for paths inside
the folder (and `open` for writing), and SQLite opens a database there read-only (or not at all when it does not
exist yet), as it does in a read-only folder.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import sqlite3
import stat
from pathlib import Path

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _inside(path, root: Path) -> bool:
    try:
        p = Path(os.fsdecode(path)).absolute()
    except TypeError:  # a file descriptor
        return False
    return p == root or root in p.parents


def _denied(path) -> PermissionError:
    return PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))


def make_unreadable(path: Path, monkeypatch) -> bool:
    """Make `path` unreadable; True when that had to be simulated (running as root)."""
    path.chmod(0)
    if not os.access(path, os.R_OK):
        return False
    target = path.absolute()
    real_open = os.open

    def fake_open(p, flags, *args, **kwargs):
        if _inside(p, target):
            raise _denied(p)
        return real_open(p, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    return True


def make_read_only(folder: Path, monkeypatch) -> bool:
    """Make `folder` (and what is in it) read-only; True when simulated (running as root)."""
    folder.mkdir(parents=True, exist_ok=True)
    for p in [folder, *folder.rglob("*")]:
        p.chmod(p.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    probe = folder / ".probe"
    try:
        probe.touch()
    except OSError:
        return False
    probe.unlink()
    root = folder.absolute()
    real_open, real_mkdir, real_replace, real_connect = os.open, os.mkdir, os.replace, sqlite3.connect

    def fake_open(p, flags, *args, **kwargs):
        if flags & _WRITE_FLAGS and _inside(p, root):
            raise _denied(p)
        return real_open(p, flags, *args, **kwargs)

    def fake_mkdir(p, *args, **kwargs):
        if _inside(p, root):
            if os.path.isdir(p):
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), os.fsdecode(p))
            raise _denied(p)
        return real_mkdir(p, *args, **kwargs)

    def fake_replace(a, b, *args, **kwargs):
        if _inside(a, root) or _inside(b, root):
            raise _denied(b)
        return real_replace(a, b, *args, **kwargs)

    def fake_connect(database, *args, **kwargs):
        if isinstance(database, (str, os.PathLike)) and _inside(database, root):
            if not os.path.exists(database):
                raise sqlite3.OperationalError("unable to open database file")
            kwargs["uri"] = True
            return real_connect(f"file:{os.fsdecode(database)}?mode=ro", *args, **kwargs)
        return real_connect(database, *args, **kwargs)

    def fake_io_open(file, mode="r", *args, **kwargs):
        if any(c in mode for c in "wax+") and _inside(file, root):
            raise _denied(file)
        return real_io_open(file, mode, *args, **kwargs)

    real_io_open = io.open
    monkeypatch.setattr(io, "open", fake_io_open)
    monkeypatch.setattr(builtins, "open", fake_io_open)
    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)
    monkeypatch.setattr(os, "replace", fake_replace)
    monkeypatch.setattr(sqlite3, "connect", fake_connect)
    return True


def restore_writable(folder: Path) -> None:
    """Undo make_read_only's chmod, so the test's tmp folder can be cleaned up."""
    for p in [folder, *folder.rglob("*")] if folder.exists() else []:
        p.chmod(p.stat().st_mode | stat.S_IWUSR)
