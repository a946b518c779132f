"""Quitting the app cleanly on SIGTERM, SIGHUP or an outside SIGINT (see reader/signals.py).

Only when the app's `exit_on_signals` is set (`reader` sets it; `run_test` does not, so a test
run keeps its own handlers). The signal is handled on the event loop and runs the app's quit
action, the same path as `q`, so whatever quitting saves is saved; `stopped_by` tells the caller
why. ReaderApp owns one `StopSignals`.
"""

from __future__ import annotations

import asyncio


class StopSignals:
    def __init__(self, app) -> None:
        self.app = app
        self.stopped_by: int | None = None  # the signal that ended the app, if one did
        self._installed: tuple[int, ...] = ()

    def install(self) -> None:
        from reader.signals import app_signals

        loop = asyncio.get_running_loop()
        done = []
        for sig in app_signals():
            try:
                loop.add_signal_handler(sig, self._on_signal, sig)
            except (NotImplementedError, RuntimeError, ValueError):  # no such support (Windows)
                continue
            done.append(sig)
        self._installed = tuple(done)

    def uninstall(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in self._installed:  # back to the defaults: a second signal while exiting ends it at once
            loop.remove_signal_handler(sig)
        self._installed = ()

    def _on_signal(self, sig: int) -> None:
        if self.stopped_by is None:
            self.stopped_by = sig
            self.app.call_later(self.app.run_action, "quit")
