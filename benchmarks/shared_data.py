"""Where the shared data sits: `shared/` beside the checkout (the main clone, CI) or beside a folder
further up (a worktree); the benchmarks read the annotated sets, the bench corpus and the scorers
there, never at a path of one machine."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    for up in ROOT.parents:
        if (up / "shared" / "data").is_dir():
            return up / "shared"
    return ROOT.parent / "shared"


SHARED = shared_dir()
