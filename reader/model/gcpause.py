"""Pausing Python's cyclic garbage collector while hundreds of thousands of objects are made.

Building a 10k-article corpus creates millions of small objects and none of them is garbage;
the collector's repeated scans of a growing heap cost more than the work itself (3.5x for the
entity groups). Reference counting still frees everything as usual meanwhile.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

_lock = threading.Lock()
_depth = 0  # pauses in progress, in any thread
_was_enabled = False  # the collector's state when the first of them began


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def until_first_paint() -> ExitStack:
    """A pause that `reader PATH` begins before it imports the app and reads the first files, and
    that the app ends once its first frame is drawn (`ReaderApp(until_painted=...)`; closing it
    ends it too). Importing ~450 modules and building the first screen leave ~100,000 objects to
    the collector, none of them garbage: the ~150 collections they set off were 15-20 ms of CPU."""
    stack = ExitStack()
    stack.enter_context(gc_paused())
    return stack


def freeze_long_lived() -> None:
    """Everything alive now is long-lived (a corpus, the palette's index): the cyclic collector
    skips it from now on. One full collection over a 100k-article heap stalls whichever thread
    triggers it, the UI's too, for seconds; reference counting still frees these objects when
    they are dropped (only a cycle among them would stay)."""
    gc.freeze()


@contextmanager
def made_long_lived() -> Iterator[None]:
    """`gc_paused`, and what was made meanwhile frozen (`freeze_long_lived`) before the collector
    runs again: a view's rows made in a worker (400k quotes at 100k articles) would otherwise be
    scanned by the young generations' collections, then by full collections each time the heap
    outside the frozen part grew by a quarter: 100-400 ms each, on whichever thread allocated
    next, the UI's mostly. For objects without reference cycles among them, which reference
    counting frees as usual when they are dropped."""
    with gc_paused():
        try:
            yield
        finally:  # stopped midway too: the young generation holds all that was made meanwhile
            freeze_long_lived()
