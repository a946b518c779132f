"""Small JSON files the user cares about (reading state, corrections, clippings), kept safely.

Each file names its format; reading never raises: a missing file is empty, a damaged or foreign
one is moved aside (`name.corrupt-<time>`) with a notice. Writes are atomic (temp file, fsync,
rename), so a crash or a full disk leaves the old file whole.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
import time
from pathlib import Path


def dumps(obj) -> str:
    """Row data as JSON text; ASCII, so a file name's stray bytes (lone surrogates) survive."""
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":"))


class JsonFile:
    """`JsonFile(path, "reader-clippings").read()` -> the payload dict ({} when absent or bad)."""

    def __init__(self, path: str | Path, fmt: str, version: int = 1, what: str = "file"):
        self.path = Path(path)
        self.format = fmt
        self.version = version
        self.what = what  # how notices name it: "reading state", "entity corrections", ...
        self.notices: list[str] = []

    def read(self) -> dict:
        try:
            raw = self.path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return {}
        except OSError as exc:
            self.notices.append(f"cannot read {self.what} {self.path} ({exc.strerror or exc}); starting afresh")
            return {}
        try:
            data = json.loads(raw.decode("utf-8"))
            if (
                not isinstance(data, dict)
                or data.get("format") != self.format
                or not isinstance(data.get("data"), dict)
            ):
                raise ValueError(f"not a {self.format} file")
            return data["data"]
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            self._set_aside(exc)
            return {}

    def write(self, payload: dict) -> bool:
        """Replace the file atomically; False (with a notice) when it cannot be written."""
        try:
            text = json.dumps(
                {"format": self.format, "version": self.version, "data": payload}, ensure_ascii=False, indent=1
            )
            write_atomic(self.path, text.encode("utf-8"))
            return True
        except OSError as exc:
            self.notices.append(
                f"cannot save {self.what} to {self.path} ({exc.strerror or exc}); "
                "the change is kept for this session only"
            )
            return False

    def _set_aside(self, exc: Exception) -> None:
        dest = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.path, dest)
            where = f"moved it to {dest.name}"
        except OSError:
            where = "left it in place"
        reason = type(exc).__name__ if isinstance(exc, (UnicodeDecodeError, RecursionError)) else str(exc)[:80]
        self.notices.append(f"{self.what} {self.path} was unreadable ({reason}); {where} and started afresh")


def write_output(path: Path, data: bytes) -> None:
    """A file the user named (`-o FILE`): written whole or not at all, like write_atomic, but
    into an existing folder only, through a symlink to its target, with the permissions a new
    file gets (or the old file had); a FIFO or device (`-o /dev/stdout`) is written directly."""
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):
        with open(target, "wb") as f:
            f.write(data)
        return
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, "no such folder", str(target.parent))
    umask = os.umask(0)
    os.umask(umask)
    mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~umask
    write_atomic(target, data, mode)


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write to a temp file in the same folder, fsync, then rename over: readers see old or new."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
            if mode is not None:
                os.fchmod(f.fileno(), mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
