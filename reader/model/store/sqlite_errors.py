"""What an SQLite error means for a database of ours (the analysis cache, the user state)."""

from __future__ import annotations


def sqlite_trouble(exc: BaseException) -> str:
    """'corrupt' (set the file aside), 'busy' (another process holds it) or 'other' (read-only,
    full, I/O, cannot open: what each store does then is its own)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    msg = str(exc).lower()
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in msg or "not a database" in msg:
        return "corrupt"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in msg:
        return "busy"
    return "other"
