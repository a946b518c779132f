"""The per-file results a corpus holds, decoded from the cache only when first used."""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Callable, Iterator, MutableMapping

from reader.model.analysis.results import FileAnalysis
from reader.model.store.analysis_cache import Compressed


class Analyses(MutableMapping):
    """File index -> FileAnalysis. Results read from the cache arrive as JSON bytes, or still
    compressed (analysis_cache.Compressed), and are decoded on first use: a warm open of
    100,000 files decodes the one on screen, not all."""

    def __init__(self) -> None:
        self._d: dict[int, FileAnalysis | bytes] = {}
        # called with (file index, reason) when a cached result will not decode (set by Corpus)
        self.on_damaged: Callable[[int, str], None] | None = None

    def set_encoded(self, key: int, raw: bytes) -> None:
        self._d[key] = raw

    def __getitem__(self, key: int) -> FileAnalysis:
        v = self._d[key]
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


def _shared_strings(data: dict) -> dict:
    """One string object per distinct kind and name: JSON makes a new one per mention, which at
    10,000 files was over a million copies of "PERSON" and of the same few thousand names."""
    for m in data.get("mentions", ()):
        if len(m) == 4 and type(m[2]) is str and type(m[3]) is str:
            m[2], m[3] = sys.intern(m[2]), sys.intern(m[3])
    return data
