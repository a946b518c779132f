"""Child processes that die with their parent, quietly.

A worker whose parent is killed (SIGKILL, a crash) would otherwise finish its batch, find the
pipe to the parent broken and print a traceback onto the user's terminal, long after the
command ended. On Linux the kernel kills it with the parent (PR_SET_PDEATHSIG); everywhere its
stderr goes to /dev/null, since a worker's real errors travel back to the parent as results.
"""

from __future__ import annotations

import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Call in the child, right after fork: killed when the parent dies (Linux), silent always."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    except OSError:
        pass
