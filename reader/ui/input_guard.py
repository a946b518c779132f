"""Invalid UTF-8 on the terminal's input must not crash the app.

Textual 8.2.8's Linux driver decodes stdin with a strict incremental UTF-8 decoder
(textual/drivers/linux_driver.py, `run_input_thread`): one byte that is not UTF-8 (a paste from
a Latin-1 terminal, `printf '\\xe9' | ...`, a serial console) raises UnicodeDecodeError in the
input thread and the app panics. The driver takes its decoder factory from the module global
`getincrementaldecoder`; `install()` points that global at one that replaces bad bytes with
U+FFFD instead, so the key parser sees a replacement character and the app carries on.
Reported for upstream: the decoder should be created with errors="replace".
"""

from __future__ import annotations

import codecs
import functools


def _lenient(encoding: str):
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def install() -> bool:
    """Make the Linux driver's input decoding lenient; False when the driver is not there (Windows)."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # pragma: no cover - other platforms
        return False
    if getattr(linux_driver, "getincrementaldecoder", None) is None:  # pragma: no cover - a changed Textual
        return False
    linux_driver.getincrementaldecoder = _lenient
    return True
