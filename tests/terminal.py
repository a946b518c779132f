"""Run the real `reader` app in a pseudo-terminal and type at it, as a person would.

For faults a Pilot cannot show: a UI thread frozen inside one call (no Pilot step would ever
return), bytes that are not UTF-8 on stdin, quitting with a helper process hanging.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Terminal:
    def __init__(self, args: list[str], env: dict, rows: int = 40, cols: int = 120) -> None:
        env = {**env, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color"}
        env.pop("READER_DEBUG", None)
        pid, fd = os.forkpty() if hasattr(os, "forkpty") else __import__("pty").fork()
        if pid == 0:  # the child: become reader
            try:
                os.chdir(ROOT)
                os.execvpe(sys.executable, [sys.executable, "-m", "reader", *args], env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.output = b""
        self.status: int | None = None

    def pump(self, seconds: float) -> None:
        """Read what the app draws for `seconds` (or until it ends)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end and self.status is None:
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # EIO: the child closed the terminal
                    chunk = b""
                if not chunk:
                    self._reap(block=True)
                    return
                self.output += chunk
            self._reap(block=False)

    def wait_for(self, needle: bytes, timeout: float = 30) -> bool:
        start = len(self.output)
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.status is None:
            if needle in self.output[max(0, start - len(needle)) :] or needle in self.output:
                return True
            self.pump(0.1)
        return needle in self.output

    def send(self, data: bytes | str, pause: float = 0.15) -> None:
        os.write(self.fd, data.encode() if isinstance(data, str) else data)
        self.pump(pause)

    def _reap(self, block: bool) -> None:
        if self.status is not None:
            return
        pid, status = os.waitpid(self.pid, 0 if block else os.WNOHANG)
        if pid:
            self.status = os.waitstatus_to_exitcode(status)

    def wait_exit(self, timeout: float) -> int | None:
        """The exit status, or None when the app is still running after `timeout` seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.status is None:
            self.pump(0.1)
        return self.status

    def close(self) -> None:
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._reap(block=True)
        try:
            os.close(self.fd)
        except OSError:
            pass

    def text(self) -> str:
        return self.output.decode("utf-8", "replace")


ESC = b"\x1b"
CTRL_R = b"\x12"
