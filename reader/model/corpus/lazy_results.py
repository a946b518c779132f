"""The per-file results a corpus holds, decoded from the cache only when first used."""

from __future__ import annotations

import json
import sys
import threading
import zlib
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path

from reader.model.analysis.results import FileAnalysis
from reader.model.store.analysis_cache import AnalysisCache, Compressed


class Analyses(MutableMapping):
    """File index -> FileAnalysis. Results read from the cache arrive as JSON bytes, or still
    compressed (analysis_cache.Compressed), and are decoded on first use: a warm open of
    100,000 files decodes the one on screen, not all."""

    def __init__(self) -> None:
        self._d: dict[int, FileAnalysis | bytes | _Stored] = {}
        # called with (file index, reason) when a cached result will not decode (set by Corpus)
        self.on_damaged: Callable[[int, str], None] | None = None
        self._ahead: dict[tuple[Path, str], Compressed | None] = {}  # records read ahead (_read_ahead)
        self._lock = threading.Lock()

    def set_encoded(self, key: int, raw: bytes) -> None:
        self._d[key] = raw

    def set_stored(self, key: int, cache: Path, record: str) -> None:
        """File `key`'s result is the record `record` of the analysis cache at `cache`: read
        when first used (a warm open of 100,000 files reads none of them)."""
        self._d[key] = _Stored(cache, record)

    def __getitem__(self, key: int) -> FileAnalysis:
        v = self._d[key]
        if isinstance(v, _Stored):
            got = v.read()
            if got is None:
                v = FileAnalysis()
                self._d[key] = v
                if self.on_damaged is not None:
                    self.on_damaged(key, "gone from the cache")
                return v
            v = got
        if isinstance(v, bytes):
            try:
                raw = zlib.decompress(v) if isinstance(v, Compressed) else v
                v = FileAnalysis.from_json(_shared_strings(json.loads(raw)))
            except Exception as exc:  # passed zlib's checksum, yet not our shape (or nested absurdly)
                v = FileAnalysis()
                if self.on_damaged is not None:
                    self.on_damaged(key, type(exc).__name__ if isinstance(exc, RecursionError) else str(exc)[:60])
            self._d[key] = v  # two threads may both decode: same result, either wins
        return v

    def peek(self, key: int) -> FileAnalysis:
        """File `key`'s result (empty when it has none), decoded without keeping it when it was
        not decoded yet: the corpus step reads every file's mentions once, and 100,000 decoded
        results kept took gigabytes."""
        v = self._d.get(key)
        if v is None:
            return FileAnalysis()
        if isinstance(v, FileAnalysis):
            return v
        return self._unkept(key, v.read() if isinstance(v, _Stored) else v)

    def each(self, n: int, batch: int = 500) -> Iterator[FileAnalysis]:
        """`peek` of files 0..n-1 in order, those in the cache read `batch` to a query (one
        query per file was most of reading 100,000)."""
        for lo in range(0, n, batch):
            keys = range(lo, min(n, lo + batch))
            got: dict[tuple[Path, str], Compressed] = {}
            wanted: dict[Path, list[str]] = {}
            for i in keys:
                v = self._d.get(i)
                if isinstance(v, _Stored):
                    wanted.setdefault(v.cache, []).append(v.record)
            for cache, records in wanted.items():
                for record, raw in _Stored.store(cache).get_many(records, compressed=True).items():
                    got[(cache, record)] = raw  # type: ignore[assignment]
            for i in keys:
                v = self._d.get(i)
                if isinstance(v, _Stored):
                    yield self._unkept(i, got.get((v.cache, v.record)))
                else:
                    yield self.peek(i)

    def _unkept(self, key: int, raw: bytes | None) -> FileAnalysis:
        if raw is None:
            return self[key]  # gone: said once, as any use would
        try:
            return FileAnalysis.from_json(
                _shared_strings(json.loads(zlib.decompress(raw) if isinstance(raw, Compressed) else raw))
            )
        except Exception:  # damaged: decoded the usual way, which says so once and keeps the empty result
            return self[key]

    def quotes_of(self, key: int) -> FileAnalysis | None:
        """File `key`'s quotes and terms (no mentions or hints), decoded without keeping the
        result when it was not decoded yet: a pass over every file's quotes (the palette's quote
        index at 100,000 files) must not leave every analysis in memory."""
        v = self._d.get(key)
        if v is None or isinstance(v, FileAnalysis):
            return v
        raw = self._read_ahead(key, v) if isinstance(v, _Stored) else v
        if raw is None:
            return self[key]  # gone: said once, as any use would
        try:
            data = json.loads(zlib.decompress(raw) if isinstance(raw, Compressed) else raw)
            return FileAnalysis.from_json({"mentions": [], "quotes": data["quotes"], "terms": data.get("terms", [])})
        except Exception:  # damaged: decoded the usual way, which says so once and keeps the empty result
            return self[key]

    def _read_ahead(self, key: int, v: _Stored, batch: int = 500) -> Compressed | None:
        """`v`'s record, read with those of the next files in the same cache, `batch` to a query:
        a pass over every file in order (quotes_of's callers) made one query per file."""
        with self._lock:
            if (v.cache, v.record) in self._ahead:
                return self._ahead.pop((v.cache, v.record))
            todo = [
                w for k in range(key, key + batch) if isinstance(w := self._d.get(k), _Stored) and w.cache == v.cache
            ]
            got: dict = _Stored.store(v.cache).get_many([w.record for w in todo], compressed=True)
            # keyed by record, not file: a file analysed again since has another
            self._ahead = {(w.cache, w.record): got.get(w.record) for w in todo[1:]}
            return got.get(v.record)

    def __setitem__(self, key: int, value: FileAnalysis) -> None:
        self._d[key] = value

    def __delitem__(self, key: int) -> None:
        del self._d[key]

    def __contains__(self, key) -> bool:
        return key in self._d

    def __iter__(self) -> Iterator[int]:
        return iter(list(self._d))

    def __len__(self) -> int:
        return len(self._d)


class _Stored:
    """Where a result is: a cache file and a record's key."""

    __slots__ = ("cache", "record")
    _local = threading.local()  # one connection per thread and cache file (SQLite's rule)

    def __init__(self, cache: Path, record: str) -> None:
        self.cache, self.record = cache, record

    @classmethod
    def store(cls, cache: Path) -> AnalysisCache:
        conns = cls._local.__dict__.setdefault("conns", {})
        store = conns.get(cache)
        if store is None:
            store = conns[cache] = AnalysisCache(cache)
        return store

    def read(self) -> Compressed | None:
        return self.store(self.cache).get_compressed(self.record)


def _shared_strings(data: dict) -> dict:
    """One string object per distinct kind and name: JSON makes a new one per mention, which at
    10,000 files was over a million copies of "PERSON" and of the same few thousand names."""
    for m in data.get("mentions", ()):
        if len(m) == 4 and type(m[2]) is str and type(m[3]) is str:
            m[2], m[3] = sys.intern(m[2]), sys.intern(m[3])
    return data
