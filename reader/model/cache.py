"""The analysis cache: per-file `FileAnalysis` results in SQLite, so a file is analysed once.

A result is keyed by everything it depends on: the file's bytes (sha256), the regions analysed
(metadata rules decide them), ANALYSIS_VERSION, a fingerprint of the analysis code, and the
spaCy model + components. The cache is only an accelerator: any trouble with it (garbage,
truncation, a foreign database, a read-only folder, a full disk) becomes at most one notice and
the analysis runs without it. Nothing here imports spaCy.
"""

from __future__ import annotations

import hashlib
import re
import json
import os
import sqlite3
import time
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from reader.model.spans import FileAnalysis

# Bump when the shape or meaning of cached results changes in a way the fingerprint misses.
ANALYSIS_VERSION = 1
SCHEMA_VERSION = 1
APPLICATION_ID = 0x52445231  # "RDR1" in the SQLite header: tells our cache from other databases
BUSY_TIMEOUT_S = 5.0
SET_ASIDE = ".corrupt"

# Per-file results depend on the modules the analysis imports (followed transitively from these
# roots), so editing a rule invalidates old results instead of silently serving them, while
# editing corpus-level or UI code leaves the cache alone.
_ANALYSIS_ROOTS = ("analysis.py", "nlp.py")


def analysis_modules(roots: Iterable[str] = _ANALYSIS_ROOTS) -> list[Path]:
    """The model modules `roots` import, transitively, with the roots themselves."""
    here = Path(__file__).resolve().parent
    seen: dict[str, Path] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        path = here / name
        if name in seen or not path.is_file():
            continue
        seen[name] = path
        todo.extend(f"{m}.py" for m in _model_imports(path.read_text(encoding="utf-8")))
    return [seen[k] for k in sorted(seen)]


_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+reader\.model(?:\.(\w+))?[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)"
                     r"|import[ \t]+reader\.model\.(\w+))", re.M)


def _model_imports(source: str) -> set[str]:
    """Names of reader.model modules imported anywhere in `source` (function-level imports too).

    A regex, not `ast`: this runs on every start-up and parsing the modules cost 0.1 s."""
    names: set[str] = set()
    for sub, what, plain in _IMPORT.findall(source):
        if plain or sub:
            names.add(plain or sub)
        else:  # from reader.model import a, b
            names.update(w for w in re.findall(r"\w+", what.split("#")[0]) if w != "as")
    return names


@lru_cache(maxsize=4)
def rules_fingerprint(roots: tuple[str, ...] = _ANALYSIS_ROOTS) -> str:
    h = hashlib.sha256()
    for f in analysis_modules(roots):
        h.update(f.name.encode() + b"\0")
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def file_key(digest: str, regions: Iterable[Iterable[tuple[int, int]]], model: str) -> str:
    """The cache key of one file: its bytes' digest, its articles' regions, code and model."""
    h = hashlib.sha256(f"{ANALYSIS_VERSION}\0{rules_fingerprint()}\0{model}\0{digest}\0".encode())
    for art in regions:
        h.update(";".join(f"{s},{e}" for s, e in art).encode() + b"|")
    return h.hexdigest()


class _Foreign(Exception):
    """A valid SQLite file that is not our cache."""


def _kind(exc: sqlite3.Error) -> str:
    """'corrupt', 'busy' or 'unusable' (read-only, full, I/O, cannot open)."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    msg = str(exc).lower()
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in msg or "not a database" in msg:
        return "corrupt"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in msg:
        return "busy"
    return "unusable"


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


@dataclass(slots=True)
class CacheInfo:
    path: str
    size: int  # bytes on disk, with the WAL
    entries: int
    models: dict[str, int]
    enabled: bool


class AnalysisCache:
    """One connection to the cache database. Use from one thread; open one per thread."""

    def __init__(self, path: str | Path | None = None):
        from reader.model import paths

        self.path = Path(path) if path is not None else paths.analysis_cache_path()
        self.notices: list[str] = []
        self._said: set[str] = set()
        self._conn: sqlite3.Connection | None = None
        self._ino: int | None = None
        self.enabled = True
        self.saved = 0
        self._no_writes = False
        self._open()

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
                return self._disable(_reason(exc))
            except OSError as exc:
                return self._disable(str(exc.strerror or exc))

    def _setup(self, conn: sqlite3.Connection) -> None:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]  # NOTADB on garbage
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = conn.execute("PRAGMA user_version").fetchone()[0]
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
        self._notice("set-aside", f"analysis cache was unreadable ({why}); moved it aside to "
                     f"{dest.name} and started a new one")
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
        self._disable(_reason(exc))
        return False

    # -- use ----------------------------------------------------------------------------------
    def get_many(self, keys: Iterable[str], encoded: bool = False) -> dict[str, FileAnalysis | bytes]:
        """Cached results for those keys that have one (unreadable entries count as missing).

        `encoded`: the checked but undecoded JSON bytes instead (spans.Analyses decodes them on
        first use, so a warm open of a big corpus pays only for the files it shows)."""
        keys = list(dict.fromkeys(keys))
        for _attempt in range(2):
            if self._conn is None:
                return {}
            try:
                rows = []
                for i in range(0, len(keys), 500):  # stay under SQLite's variable limit
                    chunk = keys[i:i + 500]
                    q = f"SELECT key, data FROM analyses WHERE key IN ({','.join('?' * len(chunk))})"
                    rows.extend(self._conn.execute(q, chunk).fetchall())
                break
            except sqlite3.Error as exc:
                if not self._failed(exc):
                    return {}
        else:
            return {}
        out: dict = {}
        for key, blob in rows:
            try:  # zlib checks a checksum: damage shows here, not later
                raw = zlib.decompress(blob)
                out[key] = raw if encoded else FileAnalysis.from_json(json.loads(raw))
            except Exception:  # a damaged or outdated entry: analyse again and overwrite it
                continue
        return out

    def get_payload(self, key: str):
        """A JSON payload stored with `put_payload` (corpus-level results), or None."""
        for _attempt in range(2):
            if self._conn is None:
                return None
            try:
                row = self._conn.execute("SELECT data FROM analyses WHERE key = ?", (key,)).fetchone()
                break
            except sqlite3.Error as exc:
                if not self._failed(exc):
                    return None
        else:
            return None
        try:
            return json.loads(zlib.decompress(row[0])) if row else None
        except Exception:  # damaged: rebuild and overwrite
            return None

    def put(self, key: str, digest: str, model: str, result: FileAnalysis) -> None:
        if self.put_payload(key, digest, model, result.to_json()):
            self.saved += 1

    def put_payload(self, key: str, digest: str, model: str, payload) -> bool:
        if self._conn is None or self._no_writes:
            return False
        blob = zlib.compress(json.dumps(payload, separators=(",", ":")).encode(), 1)
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

    def info(self) -> CacheInfo:
        size = sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())
        entries, models = 0, {}
        if self._conn is not None:
            try:
                models = dict(self._conn.execute(  # files only: corpus-level entries are derived from them
                    "SELECT model, count(*) FROM analyses WHERE model != 'corpus' GROUP BY model"))
                entries = sum(models.values())
            except sqlite3.Error as exc:
                self._failed(exc)
        return CacheInfo(str(self.path), size, entries, models, self._conn is not None)

    def clear(self) -> int:
        """Delete every entry (and set-aside copies); returns how many entries went."""
        n = self.info().entries
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

    def __enter__(self) -> "AnalysisCache":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# -- the corpus-level driver: cached results first, then spaCy for the rest --------------------

N_PROCESS_WORDS = 200_000  # below this, starting a second process costs more than it saves
Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class AnalyseStats:
    files: int = 0
    cached: int = 0  # results read from the cache
    analysed: int = 0  # files run through spaCy
    words: int = 0  # (approximate) words analysed by spaCy
    n_process: int = 1
    seconds: float = 0.0
    cancelled: bool = False


def analyse_corpus(corpus, store: AnalysisCache | None, progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None, n_process: int | None = None) -> AnalyseStats:
    """Fill `corpus.analyses` for every file: from the cache, else with spaCy (saving as it goes)."""
    t0 = time.perf_counter()
    stats = AnalyseStats(files=len(corpus.files))
    todo = [i for i in range(len(corpus.files)) if i not in corpus.analyses]
    if not todo:
        return stats
    from reader.model.gcpause import gc_paused
    from reader.model.limits import article_chunks, stop_notice
    from reader.model.nlp import model_key

    with gc_paused():  # many small objects, no garbage (not around spaCy: a cold run is long)
        by_file: dict[int, list] = {}
        for a in corpus.articles:  # one pass: articles_of_file per file would be quadratic
            by_file.setdefault(corpus.file_index(a), []).append(a)
        regions = {}  # file -> its articles' analysed regions, in chunks a size limit allows
        for i in todo:
            regions[i] = []
            for a in by_file.get(i, []):
                chunks, stop = article_chunks(a)
                regions[i].extend(chunks)
                if stop is not None:
                    corpus.notices.append(stop_notice(a, stop))
        model = model_key()
        keys = {i: file_key(corpus.files[i].digest, regions[i], model) for i in todo}
        corpus.file_keys.update(keys)
        hits = store.get_many(keys.values(), encoded=True) if store is not None else {}
        rest = []
        for i in todo:
            if keys[i] in hits:
                corpus.set_encoded_analysis(i, hits[keys[i]])
            else:
                rest.append(i)
    stats.cached = len(todo) - len(rest)
    if rest:
        _run_nlp(corpus, rest, by_file, regions, keys, model, store, stats, progress, cancelled, n_process)
    stats.seconds = time.perf_counter() - t0
    return stats


def _run_nlp(corpus, rest, by_file, regions, keys, model, store, stats, progress, cancelled, n_process) -> None:
    import threading

    from reader.model import analysis
    from reader.model.nlp import load_pipeline

    chars = sum(e - s for i in rest for art in regions[i] for s, e in art)
    stats.words = chars // 6  # ~6 chars per English word with its space; only sizes the run
    if n_process is None:
        # Forking beside other threads (a UI's) risks deadlocks in the child: one process then.
        big = stats.words > N_PROCESS_WORDS and (os.cpu_count() or 1) >= 2
        n_process = 2 if big and threading.active_count() == 1 else 1
    stats.n_process = n_process
    if cancelled is not None and cancelled():
        stats.cancelled = True
        return
    if progress is not None:
        progress(0, len(rest), "")
    nlp = load_pipeline()
    jobs = ((corpus.files[i].text, r) for i in rest for r in regions[i])
    results = analysis.analyse_jobs(jobs, nlp, batch_size=8 if n_process > 1 else 16, n_process=n_process)
    try:
        for i in rest:
            parts = [next(results) for _ in regions[i]]
            fa = analysis.merge(parts)
            corpus.set_analysis(i, fa)
            if store is not None:
                store.put(keys[i], corpus.files[i].digest, model, fa)  # saved now: an interrupt keeps it
            stats.analysed += 1
            if progress is not None:
                progress(stats.analysed, len(rest), corpus.files[i].name)
            if cancelled is not None and cancelled():
                stats.cancelled = stats.analysed < len(rest)
                break
    finally:
        results.close()  # stops spaCy's workers, if any
