"""Who an SQLite file says it is: its application id, its tables and its schema version.

Read in one snapshot. Read one statement at a time, another process creating the same database
between two reads showed its table without its id yet, and a good database was set aside as
foreign (two first runs at once, each creating the cache or the state database).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Identity:
    application_id: int
    tables: frozenset[str]
    user_version: int


def read_identity(conn: sqlite3.Connection) -> Identity:
    """The file's identity, read in one transaction (NOTADB and the like propagate)."""
    opened = not conn.in_transaction
    if opened:
        conn.execute("BEGIN")
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = frozenset(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"))
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        if opened and conn.in_transaction:
            conn.execute("COMMIT")
    return Identity(app_id, tables, version)
