"""The user's own state (clippings, entity corrections, reading positions, bookmarks) in one SQLite store.

Several writers meet here: two app windows on one corpus, `reader clip add` six times in parallel,
`reader correct` in a shell while the app is open. Each change is one transaction on rows
(a clipping, a correction, a bookmark, one article's position), not a rewrite of a whole file,
so concurrent changes merge instead of the last writer winning; WAL mode lets readers read
while one writes, and writers wait their turn (busy timeout). `data_version()` changes when
another process commits, so the app can notice and show what changed.

Nothing here raises for the caller's sake:
- the JSON files older versions kept (`reading-state.json`, `clippings/*.json`,
  `corrections/*.json`) are read once, into the database, and left in place;
- a damaged or foreign database is moved aside (`state.sqlite3.corrupt-<time>`) with a notice;
- a state dir that cannot be written (read-only, full, locked past the wait) turns the store
  into an in-memory copy of what was there, with one notice: changes are kept for this session
  only (`persistent` is False, and the CLI exits non-zero rather than pretend).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from reader.model.store.sqlite_errors import sqlite_trouble
from reader.model.store.sqlite_identity import read_identity

APPLICATION_ID = 0x52445253  # "RDRS": tells our state database from other SQLite files
SCHEMA_VERSION = 2
BUSY_TIMEOUT_S = 10.0  # a writer waits this long for another's transaction
SET_ASIDE = ".corrupt"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS clippings (
    id INTEGER PRIMARY KEY AUTOINCREMENT, corpus TEXT NOT NULL, position REAL NOT NULL,
    article TEXT, start INTEGER, "end" INTEGER, data TEXT NOT NULL,
    UNIQUE (corpus, article, start, "end"));
CREATE TABLE IF NOT EXISTS corrections (
    corpus TEXT NOT NULL, id INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (corpus, id));
CREATE TABLE IF NOT EXISTS correction_ids (corpus TEXT PRIMARY KEY, next_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS reading (
    corpus TEXT PRIMARY KEY, last_article TEXT, entity TEXT, saved REAL NOT NULL,
    list_filter TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS read_articles (
    corpus TEXT NOT NULL, article TEXT NOT NULL, PRIMARY KEY (corpus, article));
CREATE TABLE IF NOT EXISTS positions (
    corpus TEXT NOT NULL, article TEXT NOT NULL, "offset" INTEGER NOT NULL, PRIMARY KEY (corpus, article));
CREATE TABLE IF NOT EXISTS bookmarks (
    corpus TEXT NOT NULL, article TEXT NOT NULL, "offset" INTEGER NOT NULL, note TEXT NOT NULL,
    created REAL NOT NULL, PRIMARY KEY (corpus, article, "offset"));
CREATE TABLE IF NOT EXISTS set_aside (
    what TEXT NOT NULL, corpus TEXT, data TEXT, reason TEXT, at REAL NOT NULL);
"""


class _Foreign(Exception):
    """A valid SQLite file that is not our state store."""


def _kind(exc: BaseException) -> str:
    """'corrupt', 'busy' or 'unwritable' (read-only, full, I/O, cannot open)."""
    kind = sqlite_trouble(exc)
    return "unwritable" if kind == "other" else kind


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc) or type(exc).__name__


class UserStore:
    """One connection to the state database (shared by the threads of a process: `open_store`)."""

    def __init__(self, path: str | Path | None = None):
        from reader.model.store import paths

        self.path = Path(path) if path is not None else paths.user_store_path()
        self.persistent = True
        self.notices: list[str] = []
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._said: set[str] = set()
        self._open()

    # -- notices ----------------------------------------------------------------------------
    def _notice(self, key: str, text: str) -> None:
        if key not in self._said:  # one notice per kind of trouble, not one per save
            self._said.add(key)
            self.notices.append(text)

    def take_notices(self) -> list[str]:
        with self._lock:
            out, self.notices = self.notices, []
            return out

    # -- opening ----------------------------------------------------------------------------
    def _connect(self, target, **kw) -> sqlite3.Connection:
        return sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False, **kw)

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return self._to_memory(f"cannot create {self.path.parent}: {_reason(exc)}")
        for attempt in range(3):
            conn = None
            try:
                conn = self._connect(self.path)
                self._setup(conn)
                self._conn = conn
                return
            except (_Foreign, sqlite3.DatabaseError) as exc:
                if conn is not None:
                    conn.close()
                kind = "corrupt" if isinstance(exc, _Foreign) else _kind(exc)
                if kind == "corrupt" and attempt < 2 and self._set_aside(_reason(exc)):
                    continue
                if kind == "busy" and attempt < 2:
                    continue
                return self._to_memory(_reason(exc))
            except OSError as exc:
                if conn is not None:
                    conn.close()
                return self._to_memory(_reason(exc))

    def _setup(self, conn: sqlite3.Connection, disk: bool = True) -> None:
        ident = read_identity(conn)  # NOTADB on garbage
        app_id, tables = ident.application_id, ident.tables
        if app_id != APPLICATION_ID and tables:
            raise _Foreign("not a reader state database")
        if disk:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")  # the user's work: durable at each commit
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed")
        if app_id != APPLICATION_ID or ident.user_version != SCHEMA_VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in SCHEMA.split(";"):
                    if statement.strip():
                        conn.execute(statement)
                columns = {r[1] for r in conn.execute("PRAGMA table_info(reading)")}
                if "list_filter" not in columns:  # a version 1 database
                    conn.execute("ALTER TABLE reading ADD COLUMN list_filter TEXT NOT NULL DEFAULT ''")
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        self._migrate(conn)

    def _migrate(self, conn: sqlite3.Connection) -> None:
        """Read the JSON files of older versions once (each is noted in `meta`)."""
        from reader.model.store.legacy_json import legacy_files, migrate_file

        for kind, key, path in legacy_files(self.path.parent):
            mark = f"migrated:{kind}:{path.name}"
            if conn.execute("SELECT 1 FROM meta WHERE key = ?", (mark,)).fetchone():
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                if not conn.execute("SELECT 1 FROM meta WHERE key = ?", (mark,)).fetchone():
                    self.notices.extend(migrate_file(conn, kind, key, path))
                    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (mark, str(time.time())))
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _set_aside(self, why: str) -> bool:
        dest = self.path.with_name(f"{self.path.name}{SET_ASIDE}-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.path, dest)
            for ext in ("-wal", "-shm"):
                side = Path(f"{self.path}{ext}")
                if side.exists():
                    os.replace(side, Path(f"{dest}{ext}"))
        except FileNotFoundError:
            return True
        except OSError:
            return False
        self._notice(
            "set-aside",
            f"your saved state {self.path} was unreadable ({why}); moved it aside to {dest.name} and started afresh",
        )
        return True

    def _to_memory(self, why: str, source: sqlite3.Connection | None = None) -> None:
        """Carry on in memory, from what the database holds (or held) if it can be read."""
        mem = self._connect(":memory:")
        copied = False
        for src in [source] if source is not None else self._readers():
            try:
                src.backup(mem)
                self._setup(mem, disk=False)
                copied = True
                break
            except (sqlite3.Error, _Foreign):
                mem.close()
                mem = self._connect(":memory:")
        if not copied:
            self._setup(mem, disk=False)  # empty: the JSON files of older versions, if any
        old, self._conn, self.persistent = self._conn, mem, False
        if old is not None:  # copied (or not readable): the disk connection is done with
            try:
                old.close()
            except sqlite3.Error:
                pass
        self._notice(
            "memory",
            f"cannot save your clippings, corrections and reading state to {self.path} ({why}); "
            "changes are kept for this session only",
        )

    def _readers(self):
        """Read-only connections to the database file, for copying it into memory."""
        if not self.path.exists():
            return
        for params in ("mode=ro", "mode=ro&immutable=1"):  # immutable: no -shm needed (read-only dir)
            try:
                conn = sqlite3.connect(f"file:{self.path}?{params}", uri=True, check_same_thread=False)
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                yield conn
                conn.close()
            except sqlite3.Error:
                continue

    # -- use --------------------------------------------------------------------------------
    def read(self, sql: str, args: tuple = ()) -> list[tuple]:
        """Rows of a query ([] if the database cannot be read: a notice says so)."""
        with self._lock:
            for _attempt in range(2):
                if self._conn is None:
                    return []
                try:
                    return self._conn.execute(sql, args).fetchall()
                except sqlite3.Error as exc:
                    if not self._failed(exc):
                        return []
            return []

    def write(self, change: Callable[[sqlite3.Connection], object]):
        """Run `change(conn)` in one transaction; its result. On disk trouble the store moves to
        memory (one notice) and the change is made there, so the session keeps it."""
        with self._lock:
            for _attempt in range(3):
                conn = self._conn
                if conn is None:  # pragma: no cover - _to_memory always leaves a connection
                    return None
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    try:
                        result = change(conn)
                        conn.execute("COMMIT")
                        return result
                    except BaseException:
                        if conn.in_transaction:
                            conn.execute("ROLLBACK")
                        raise
                except sqlite3.Error as exc:
                    if not self._failed(exc):
                        raise
            return None

    def _failed(self, exc: sqlite3.Error) -> bool:
        """Handle a database error; True when the call may be retried."""
        if not self.persistent:
            return False  # the in-memory copy failed: a real bug, let it show
        kind = _kind(exc)
        if kind == "corrupt":
            conn, self._conn = self._conn, None
            if conn is not None:
                conn.close()
            if self._set_aside(_reason(exc)):
                self._open()
            else:
                self._to_memory(_reason(exc))
            return True
        why = _reason(exc)
        if kind == "busy":
            why = "another program holds it locked"
        self._to_memory(why, source=self._conn)
        return True

    def data_version(self) -> int:
        """Changes when another connection commits (PRAGMA data_version)."""
        rows = self.read("PRAGMA data_version")
        return rows[0][0] if rows else 0

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                except sqlite3.Error:
                    pass
                self._conn = None


_STORES: dict[str, UserStore] = {}
_STORES_LOCK = threading.Lock()


class OnUserStore:
    """A collection kept in the user store (clippings, corrections, reading state): the store it
    lives in, and `notices` for the user gathered from it."""

    def __init__(self, store: UserStore) -> None:
        self.store = store
        self.notices: list[str] = []

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def persistent(self) -> bool:
        """False when changes are kept for this session only (the state dir cannot be written)."""
        return self.store.persistent

    def _drain(self) -> None:
        self.notices.extend(self.store.take_notices())


def open_store(path: str | Path | None = None) -> UserStore:
    """The process's store for `path` (default: the user state dir's), opened once."""
    from reader.model.store import paths

    p = Path(path) if path is not None else paths.user_store_path()
    key = str(p.absolute())
    with _STORES_LOCK:
        store = _STORES.get(key)
        if store is None:
            store = _STORES[key] = UserStore(p)
        return store


def forget_stores() -> None:
    """Close every open store (tests; and after `paths` point elsewhere)."""
    with _STORES_LOCK:
        for store in _STORES.values():
            store.close()
        _STORES.clear()
