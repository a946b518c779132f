"""Stopping cleanly when told to: SIGTERM and SIGHUP end reader like Ctrl-C does, never mid-write.

A command (`reader index`, `reader entities`, ...) turns them into `Terminated`, a
KeyboardInterrupt, so every cleanup an interrupt runs runs too: the analysis cache keeps each
file saved so far (one SQLite transaction per file) and the user gets one line, no traceback.
The app instead quits through `App.exit` on SIGTERM, SIGHUP and an outside SIGINT (the terminal
sends no SIGINT to it: ctrl+c is a key there), so the terminal is restored and state is saved.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

STOP_SIGNALS = tuple(s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)


class Terminated(KeyboardInterrupt):
    """Raised in the main thread by SIGTERM or SIGHUP while a command runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise(signum: int, _frame) -> None:
    raise Terminated(signum)


@contextmanager
def stop_signals_raise() -> Iterator[None]:
    """For commands: SIGTERM and SIGHUP raise `Terminated` inside the block; the old handlers
    come back after it. Off the main thread (which alone may set handlers) it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {sig: signal.signal(sig, _raise) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in old.items():
            signal.signal(sig, handler)


def stop_message(signum: int) -> tuple[str, int]:
    """The line to print and the exit status for a stop signal: 130 for Ctrl-C, 128 + signal otherwise."""
    if signum == signal.SIGINT:
        return "interrupted", 130
    return f"stopped by {signal.Signals(signum).name}", 128 + signum


def signal_of(exc: KeyboardInterrupt) -> int:
    return getattr(exc, "signum", signal.SIGINT)


def app_signals() -> tuple[int, ...]:
    """Signals on which the app quits cleanly."""
    return (*STOP_SIGNALS, signal.SIGINT)
