"""Searches that may be slow run in a separate process, killed at a deadline or when cancelled.

A regex RE2 cannot run (lookaround, backreferences, ...) needs Python's backtracking engine,
which can take exponential time inside one uninterruptible call; even RE2 is linear only in
text × pattern size, which for a huge pattern on a 10 MB article is minutes. Such a search runs
here, in one long-lived child process (started on first use, so a query costs a round trip, not
a process start): the caller polls for the answer, and a deadline, a cancel (Esc in the app) or
a stop signal kills the child; the next search starts a new one. The child also arms SIGALRM
with the default action, so it dies on its own should its parent be gone.

Messages are pickles with a length prefix over the child's stdin/stdout (both ends are ours).
The child caches the last text it was sent, so typing in the find bar re-sends only the query.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable

_HEADER = struct.Struct("!Q")
POLL_S = 0.05  # how often a waiting caller checks its cancel flag
GRACE_S = 5  # the child's own alarm fires this long after the caller's deadline


class SearchTimeout(Exception):
    """The search ran past its deadline and was stopped."""


class SearchCancelled(Exception):
    """The caller cancelled the search (the child was stopped)."""


class SearchFailed(Exception):
    """The child died or answered nonsense; `str()` says what happened."""


# -- the child ---------------------------------------------------------------------------------


def _read_exact(f, n: int) -> bytes | None:
    buf = b""
    while len(buf) < n:
        chunk = f.read(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def _send(f, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    f.write(_HEADER.pack(len(data)) + data)
    f.flush()


def serve() -> None:
    """The child's loop: ("text", str) sets the text; ("find", ...) answers ("ok", spans, truncated)."""
    from reader.model.analysis.orphans import die_with_parent
    from reader.model.search.regex_engine import run_engine

    die_with_parent()
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the default action ends the process mid-call
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    text = ""
    while True:
        head = _read_exact(inp, _HEADER.size)
        if head is None:
            return  # the parent closed the pipe
        body = _read_exact(inp, _HEADER.unpack(head)[0])
        if body is None:
            return
        msg = pickle.loads(body)
        if msg[0] == "text":
            text = msg[1]
            continue
        _op, engine, source, flags, start, end, limit, seconds = msg
        signal.alarm(max(1, int(seconds) + GRACE_S) if seconds else 0)
        try:
            spans, truncated = run_engine(engine, source, flags, text, start, end, limit)
            reply: tuple = ("ok", spans, truncated)
        except Exception as exc:  # report, never die silently: the parent shows it
            reply = ("error", f"{type(exc).__name__}: {exc}")
        signal.alarm(0)
        _send(out, reply)


# -- the parent --------------------------------------------------------------------------------


class SearchWorker:
    """The child process, from the caller's side. One search at a time (a lock serialises them)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._sent: str | None = None  # the text object the child holds

    def search(
        self,
        text: str,
        engine: str,
        source: str,
        flags: int,
        start: int,
        end: int,
        limit: int | None,
        timeout: float | None,
        cancelled: Callable[[], bool] | None = None,
    ) -> tuple[list[tuple[int, int]], bool]:
        """(spans, truncated) of the search in the child; SearchTimeout, SearchCancelled or SearchFailed."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            try:
                proc = self._ensure()
                if self._sent is not text:
                    self._sent = None
                    _send(proc.stdin, ("text", text))
                    self._sent = text
                _send(proc.stdin, ("find", engine, source, flags, start, end, limit, timeout or 0))
                reply = self._wait(proc, deadline, cancelled)
            except (OSError, EOFError, pickle.UnpicklingError, ValueError) as exc:
                self._stop()
                raise SearchFailed(f"the search process failed ({exc.__class__.__name__})") from None
            except BaseException:  # a timeout, a cancel, a stop signal: the child must not run on
                self._stop()
                raise
        if reply[0] != "ok":
            raise SearchFailed(reply[1])
        return reply[1], reply[2]

    def _ensure(self) -> subprocess.Popen:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "reader.model.search.search_process"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,  # its troubles come back as replies, never on the terminal
                start_new_session=True,  # the terminal's Ctrl-C is ours to handle, not the child's
                close_fds=True,
            )
            self._sent = None
        return self._proc

    def _wait(self, proc: subprocess.Popen, deadline: float | None, cancelled) -> tuple:
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        buf = b""
        need = _HEADER.size
        have_header = False
        while True:
            if cancelled is not None and cancelled():
                raise SearchCancelled()
            wait = POLL_S
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SearchTimeout()
                wait = min(wait, left)
            ready, _, _ = select.select([fd], [], [], wait)
            if not ready:
                continue
            chunk = os.read(fd, max(need - len(buf), 1 << 16))
            if not chunk:
                raise EOFError("the search process ended")
            buf += chunk
            if not have_header and len(buf) >= _HEADER.size:
                need = _HEADER.size + _HEADER.unpack(buf[: _HEADER.size])[0]
                have_header = True
            if have_header and len(buf) >= need:
                return pickle.loads(buf[_HEADER.size : need])

    def _stop(self) -> None:
        proc, self._proc, self._sent = self._proc, None, None
        if proc is None:
            return
        try:
            proc.kill()
        except OSError:
            pass
        for f in (proc.stdin, proc.stdout):
            try:
                if f is not None:
                    f.close()
            except OSError:
                pass
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL does not wait
            pass

    def stop(self) -> None:
        """End the child (it is started again on the next search)."""
        if self._lock.acquire(timeout=1):
            try:
                self._stop()
            finally:
                self._lock.release()
        else:  # a search is waiting on it: killing the child ends that wait too
            proc = self._proc
            if proc is not None:
                try:
                    proc.kill()
                except OSError:
                    pass

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None


WORKER = SearchWorker()
atexit.register(WORKER.stop)

if __name__ == "__main__":
    serve()
