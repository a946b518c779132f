"""The analysis cache: per-file `FileAnalysis` results in SQLite, so a file is analysed once.

A result is keyed by everything it depends on: the file's bytes (sha256), the regions analysed
(metadata rules decide them), ANALYSIS_VERSION, a fingerprint of the analysis code, and the
spaCy model + components. The cache is only an accelerator: any trouble with it (garbage,
truncation, a foreign database, a read-only folder, a full disk) becomes at most one notice and
the analysis runs without it. Nothing here imports spaCy.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.model.analysis.results import FileAnalysis
from reader.model.store.sqlite_errors import sqlite_trouble
from reader.model.store.sqlite_identity import read_identity

# Bump when the shape or meaning of cached results changes in a way the fingerprint misses.
SCHEMA_VERSION = 1
APPLICATION_ID = 0x52445231  # "RDR1" in the SQLite header: tells our cache from other databases
BUSY_TIMEOUT_S = 5.0
SET_ASIDE = ".corrupt"
OPEN_MODEL = "open"  # the `model` of the open index's records (store/open_index.py)
FOLDER_MODEL = "folder"  # the `model` of folder listings (store/folder_index.py)


def encode(payload) -> bytes:
    """The JSON bytes the cache keeps (compressed) for a payload."""
    return json.dumps(payload, separators=(",", ":")).encode()


class Compressed(bytes):
    """A cached record as stored (zlib of its JSON), not yet decompressed."""


class _Foreign(Exception):
    """A valid SQLite file that is not our cache."""


def _kind(exc: sqlite3.Error) -> str:
    """'corrupt', 'busy' or 'unusable' (read-only, full, I/O, cannot open)."""
    kind = sqlite_trouble(exc)
    return "unusable" if kind == "other" else kind


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


@dataclass(slots=True)
class CacheInfo:
    path: str
    size: int  # bytes on disk, with the WAL
    entries: int
    models: dict[str, int]
    enabled: bool
    extractions: int = 0  # extracted texts of imported files (store/extraction_cache.py)


class AnalysisCache:
    """One connection to the cache database. Use from one thread; open one per thread."""

    def __init__(self, path: str | Path | None = None):
        from reader.model.store import paths

        self.path = Path(path) if path is not None else paths.analysis_cache_path()
        self.notices: list[str] = []
        self._said: set[str] = set()
        self._conn: sqlite3.Connection | None = None
        self._ino: int | None = None
        self.enabled = True
        self.saved = 0
        self._no_writes = False
        self._open()

    @property
    def was_set_aside(self) -> bool:
        """A damaged cache file was moved aside (and a new one begun) by this connection."""
        return "set-aside" in self._said

    # -- opening, and what to do when it goes wrong ------------------------------------------
    def _notice(self, kind: str, text: str) -> None:
        if kind not in self._said:  # one notice per kind of trouble, not one per file
            self._said.add(kind)
            self.notices.append(text)

    def _disable(self, why: str) -> None:
        self.close()
        self.enabled = False
        self._notice("disabled", f"analysis cache unavailable ({why}); analysing without a cache")

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return self._disable(f"cannot create {self.path.parent}: {exc.strerror or exc}")
        for attempt in range(3):
            conn = None
            started = time.monotonic()
            try:
                conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
                self._setup(conn)
                self._conn = conn
                try:
                    self._ino = os.stat(self.path).st_ino
                except OSError:
                    self._ino = None
                return
            except _Foreign as exc:
                if conn is not None:
                    conn.close()
                if attempt == 2 or not self._set_aside(str(exc)):
                    return self._disable(str(exc))
            except sqlite3.Error as exc:
                if conn is not None:
                    conn.close()
                kind = _kind(exc)
                if kind == "corrupt" and attempt < 2 and self._set_aside(_reason(exc)):
                    continue
                if kind == "busy" and attempt < 2 and time.monotonic() - started < BUSY_TIMEOUT_S / 2:
                    continue  # busy at once (no wait happened): try again; after a full wait, give up
                if kind == "unusable" and self._open_read_only(_reason(exc)):
                    return None
                return self._disable(_reason(exc))
            except OSError as exc:
                return self._disable(str(exc.strerror or exc))

    def _open_read_only(self, why: str) -> bool:
        """A cache we may not write (read-only folder or file) is still worth reading: open it
        read-only; new results are not saved (one notice). False when that fails too."""
        if not self.path.is_file():
            return False
        for params in ("mode=ro", "mode=ro&immutable=1"):  # immutable: no -shm in a read-only folder
            conn = None
            try:
                conn = sqlite3.connect(f"file:{self.path}?{params}", uri=True, timeout=BUSY_TIMEOUT_S)
                if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                    conn.close()
                    return False
                conn.execute("SELECT key, data FROM analyses LIMIT 1").fetchall()
            except sqlite3.Error:
                if conn is not None:
                    conn.close()
                continue
            self._conn = conn
            self._no_writes = True
            self._notice(
                "read-only", f"analysis cache is read-only ({why}); reading from it, new results are not saved"
            )
            return True
        return False

    def _setup(self, conn: sqlite3.Connection) -> None:
        ident = read_identity(conn)  # NOTADB on garbage
        app_id, tables, version = ident.application_id, ident.tables, ident.user_version
        if app_id != APPLICATION_ID and tables:
            raise _Foreign("not a reader analysis cache")
        if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            # WAL lets one process read while another writes; it persists in the file.
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable enough for a cache
        if app_id != APPLICATION_ID or version != SCHEMA_VERSION or "analyses" not in tables:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Re-read inside the write lock: another process may have just set it up.
                if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    conn.execute("DROP TABLE IF EXISTS analyses")  # our own older schema
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, digest TEXT NOT NULL,"
                    " model TEXT NOT NULL, data BLOB NOT NULL, created REAL NOT NULL)"
                )
                conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        try:
            conn.execute("SELECT key, digest, model, data, created FROM analyses LIMIT 1").fetchall()
        except sqlite3.OperationalError as exc:  # our id but other columns: treat as foreign
            if _kind(exc) == "busy":
                raise
            raise _Foreign(f"unexpected cache layout ({exc})") from None

    def _set_aside(self, why: str) -> bool:
        """Rename a bad cache file out of the way (kept for inspection); False if that failed."""
        self.close()
        try:
            if self._ino is not None and os.stat(self.path).st_ino != self._ino:
                return True  # another process already replaced it: use theirs
        except FileNotFoundError:
            return True
        except OSError:
            pass
        dest = self.path.with_name(f"{self.path.name}{SET_ASIDE}-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            os.replace(self.path, dest)
            for ext in ("-wal", "-shm"):  # a WAL of the bad file must not be applied to the new one
                side = Path(f"{self.path}{ext}")
                if side.exists():
                    os.replace(side, Path(f"{dest}{ext}"))
        except FileNotFoundError:
            return True
        except OSError as exc:
            self._disable(f"unreadable ({why}) and cannot be moved aside: {exc.strerror or exc}")
            return False
        self._ino = None
        self._notice(
            "set-aside", f"analysis cache was unreadable ({why}); moved it aside to {dest.name} and started a new one"
        )
        return True

    def _failed(self, exc: sqlite3.Error) -> bool:
        """Handle an error during use; True when the cache was rebuilt and the call may be retried."""
        kind = _kind(exc)
        if kind == "busy":
            # Another program holds the lock past the wait: stop writing for this run, or every
            # file would wait the full timeout again.
            self._no_writes = True
            self._notice("busy", "analysis cache locked by another program; results of this run are not saved")
            return False
        if kind == "corrupt" and self._set_aside(_reason(exc)):
            self._open()
            return self._conn is not None
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_READONLY", "SQLITE_FULL")) or "readonly" in str(exc) or "full" in str(exc):
            # cannot write (read-only, disk full): what is cached can still be read
            self._no_writes = True
            self._notice("read-only", f"analysis cache cannot be written ({_reason(exc)}); new results are not saved")
            return False
        self._disable(_reason(exc))
        return False

    # -- use ----------------------------------------------------------------------------------
    def get_many(
        self, keys: Iterable[str], encoded: bool = False, compressed: bool = False
    ) -> dict[str, FileAnalysis | bytes]:
        """Cached results for those keys that have one (unreadable entries count as missing).

        `encoded`: the checked but undecoded JSON bytes instead (lazy_results.Analyses decodes
        them on first use, so a warm open of a big corpus pays only for the files it shows).
        `compressed`: the stored bytes as they are, as `Compressed` (a fifth of the JSON's size;
        damage then shows when they are first decoded)."""
        keys = list(dict.fromkeys(keys))
        for _attempt in range(2):
            if self._conn is None:
                return {}
            try:
                rows = []
                for i in range(0, len(keys), 500):  # stay under SQLite's variable limit
                    chunk = keys[i : i + 500]
                    q = f"SELECT key, data FROM analyses WHERE key IN ({','.join('?' * len(chunk))})"
                    rows.extend(self._conn.execute(q, chunk).fetchall())
                break
            except sqlite3.Error as exc:
                if not self._failed(exc):
                    return {}
        else:
            return {}
        out: dict = {}
        if compressed:
            return {key: Compressed(blob) for key, blob in rows}
        for key, blob in rows:
            try:  # zlib checks a checksum: damage shows here, not later
                raw = zlib.decompress(blob)
                out[key] = raw if encoded else FileAnalysis.from_json(json.loads(raw))
            except Exception:  # a damaged or outdated entry: analyse again and overwrite it
                continue
        return out

    def present(self, keys: Iterable[str]) -> set[str]:
        """Those of `keys` that have a record, without reading any (the primary key's index)."""
        keys = list(dict.fromkeys(keys))
        for _attempt in range(2):
            if self._conn is None:
                return set()
            try:
                out: set[str] = set()
                for i in range(0, len(keys), 500):
                    chunk = keys[i : i + 500]
                    q = f"SELECT key FROM analyses WHERE key IN ({','.join('?' * len(chunk))})"
                    out.update(r[0] for r in self._conn.execute(q, chunk))
                return out
            except sqlite3.Error as exc:
                if not self._failed(exc):
                    return set()
        return set()

    def get_compressed(self, key: str) -> Compressed | None:
        """One record as stored (see `get_many`'s `compressed`), or None."""
        got = self.get_many([key], compressed=True).get(key)
        return got if isinstance(got, Compressed) else None

    def _fetch(self, query: str, params: tuple) -> list | None:
        """The rows of one query, trying again once if the cache was rebuilt; None when the
        cache is unusable (the trouble said once, as everywhere here)."""
        for _attempt in range(2):
            if self._conn is None:
                return None
            try:
                return self._conn.execute(query, params).fetchall()
            except sqlite3.Error as exc:
                if not self._failed(exc):
                    return None
        return None

    def get_payload(self, key: str):
        """A JSON payload stored with `put_payload` (corpus-level results), or None."""
        rows = self._fetch("SELECT data FROM analyses WHERE key = ?", (key,))
        try:
            return json.loads(zlib.decompress(rows[0][0])) if rows else None
        except Exception:  # damaged: rebuild and overwrite
            return None

    def encoded_in(self, low: str, high: str) -> dict[str, bytes]:
        """The records whose keys lie in [low, high), as the bytes stored (`get_many`'s
        `encoded`); damaged ones left out."""
        out = {}
        for key, blob in self._fetch("SELECT key, data FROM analyses WHERE key >= ? AND key < ?", (low, high)) or ():
            try:
                out[key] = zlib.decompress(blob)
            except zlib.error:  # damaged: its files are read again and the record rewritten
                continue
        return out

    def put(self, key: str, digest: str, model: str, result: FileAnalysis) -> None:
        self.put_encoded(key, digest, model, encode(result.to_json()))

    def put_encoded(self, key: str, digest: str, model: str, raw: bytes) -> bool:
        """A per-file result already encoded (`encode(result.to_json())`, e.g. by a cluster
        worker): stored exactly as `put` stores it."""
        if self._put_blob(key, digest, model, zlib.compress(raw, 1)):
            self.saved += 1
            return True
        return False

    def put_payload(self, key: str, digest: str, model: str, payload) -> bool:
        return self._put_blob(key, digest, model, zlib.compress(encode(payload), 1))

    def put_payloads(self, rows: Sequence[tuple[str, str, str, object]], drop: Sequence[tuple[str, str]] = ()) -> bool:
        """Many (key, digest, model, payload) in one transaction (a commit each costs more than
        the row), after deleting the keys in each [low, high) range of `drop`. A payload that
        is bytes is stored as it is encoded already (as `put_encoded` stores it)."""
        if self._conn is None or self._no_writes or not rows:
            return False
        now = time.time()
        data = [(k, d, m, zlib.compress(p if isinstance(p, bytes) else encode(p), 1), now) for k, d, m, p in rows]
        for _attempt in range(2):
            conn = self._conn
            if conn is None:
                return False
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    conn.executemany("DELETE FROM analyses WHERE key >= ? AND key < ?", drop)
                    conn.executemany(
                        "INSERT OR REPLACE INTO analyses (key, digest, model, data, created) VALUES (?,?,?,?,?)", data
                    )
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                    raise
                return True
            except sqlite3.Error as exc:
                if not self._failed(exc) or self._conn is None:
                    return False
        return False

    def _put_blob(self, key: str, digest: str, model: str, blob: bytes) -> bool:
        if self._conn is None or self._no_writes:
            return False
        for _attempt in range(2):
            try:
                self._conn.execute(
                    "INSERT OR REPLACE INTO analyses (key, digest, model, data, created) VALUES (?,?,?,?,?)",
                    (key, digest, model, blob, time.time()),
                )
                return True
            except sqlite3.Error as exc:
                if not self._failed(exc) or self._conn is None:
                    return False
        return False

    def delete(self, key: str) -> None:
        """Drop one entry (a damaged one: the file is analysed again next time)."""
        if self._conn is None or self._no_writes:
            return
        try:
            self._conn.execute("DELETE FROM analyses WHERE key = ?", (key,))
        except sqlite3.Error as exc:
            self._failed(exc)

    def info(self) -> CacheInfo:
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        entries, models, extractions = 0, {}, 0
        if self._conn is not None:
            try:
                models = dict(
                    self._conn.execute(  # files only: corpus-level entries are derived from them
                        "SELECT model, count(*) FROM analyses WHERE model != 'corpus' GROUP BY model"
                    )
                )
                extractions = models.pop("extraction", 0)
                models.pop(OPEN_MODEL, None)  # the open index's records (store/open_index.py)
                models.pop(FOLDER_MODEL, None)  # and the folders' (store/folder_index.py)
                entries = sum(models.values())
            except sqlite3.Error as exc:
                self._failed(exc)
        return CacheInfo(str(self.path), size, entries, models, self._conn is not None, extractions)

    def clear(self) -> int:
        """Delete every entry (and set-aside copies); returns how many entries went."""
        info = self.info()
        n = info.entries + info.extractions
        if self._conn is not None:
            try:
                self._conn.execute("DELETE FROM analyses")
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                self._conn.execute("VACUUM")  # give the space back; fails harmlessly if busy
            except sqlite3.Error as exc:
                if _kind(exc) != "busy":
                    self._failed(exc)
        for old in self.path.parent.glob(f"{self.path.name}{SET_ASIDE}-*"):
            try:
                old.unlink()
            except OSError:
                pass
        return n

    def close(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    def __enter__(self) -> AnalysisCache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
