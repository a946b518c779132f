"""Quitting the app cleanly on SIGTERM, SIGHUP or an outside SIGINT (see reader/signals.py).

Only when `exit_on_signals` is set (`reader` sets it; `run_test` does not, so a test run keeps
its own handlers). The signal is handled on the event loop and runs the app's quit action, the
same path as `q`, so whatever quitting saves is saved; `stopped_by` tells the caller why.
"""

from __future__ import annotations

import asyncio


class StopSignalsMixin:
    exit_on_signals: bool = False
    stopped_by: int | None = None  # the signal that ended the app, if one did
    _stop_signals: tuple[int, ...] = ()

    def on_mount(self) -> None:
        if not self.exit_on_signals:
            return
        from reader.signals import app_signals

        loop = asyncio.get_running_loop()
        done = []
        for sig in app_signals():
            try:
                loop.add_signal_handler(sig, self._on_stop_signal, sig)
            except (NotImplementedError, RuntimeError, ValueError):  # no such support (Windows)
                continue
            done.append(sig)
        self._stop_signals = tuple(done)

    def on_unmount(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in self._stop_signals:  # back to the defaults: a second signal while exiting ends it at once
            loop.remove_signal_handler(sig)
        self._stop_signals = ()

    def _on_stop_signal(self, sig: int) -> None:
        if self.stopped_by is None:
            self.stopped_by = sig
            self.call_later(self.run_action, "quit")
