"""Extracted text of imported files (web pages, PDFs, exports, ...), kept in the analysis cache.

Keyed by the source's bytes (sha256), the importer and its version (library version and reader's
revision of the importer) and the import options (`--map`), so a warm reopen reads the text back
instead of running trafilatura or pypdf again, and any change to them extracts anew. The store is
opened on the first imported file, never for a corpus of text files. Like the analysis cache it
is only an accelerator: trouble with it is at most one notice and the file is extracted.
"""

from __future__ import annotations

from reader.model.ingest.formats.record import Extraction

MODEL = "extraction"  # the cache's `model` column for these entries


def extraction_key(digest: str, importer, options_key: str) -> str:
    return f"extract:{digest}:{importer.format}:{importer.module}:{importer.version}:{options_key}"


class ExtractionCache:
    """Opened lazily; `notices` collects what went wrong with the store (never raises)."""

    def __init__(self, enabled: bool = True) -> None:
        self._store = None
        self._enabled = enabled
        self.notices: list[tuple[str, str]] = []  # (path, message)
        self.hits = 0

    def _open(self):
        if self._store is None and self._enabled:
            try:
                from reader.model.store.analysis_cache import AnalysisCache

                self._store = AnalysisCache()
            except Exception as exc:  # never let the cache stop loading
                self._enabled = False
                self.notices.append(("extraction cache", f"unavailable ({exc}); extracting without it"))
        return self._store

    def get(self, key: str) -> Extraction | None:
        store = self._open()
        if store is None:
            return None
        try:
            payload = store.get_payload(key)
            if payload is None:
                return None
            found = Extraction.from_json(payload)
        except Exception:  # a damaged or outdated entry: extract again and overwrite it
            return None
        self.hits += 1
        return found

    def put(self, key: str, digest: str, extraction: Extraction) -> None:
        store = self._open()
        if store is None:
            return
        try:
            store.put_payload(key, digest, MODEL, extraction.to_json())
        except Exception:
            pass

    def drain(self) -> list[tuple[str, str]]:
        """Notices so far (the store's too), handed over once."""
        if self._store is not None and self._store.notices:
            self.notices.extend((str(self._store.path), m) for m in self._store.notices)
            self._store.notices.clear()
        out, self.notices = self.notices, []
        return out

    def close(self) -> None:
        if self._store is not None:
            self.notices.extend((str(self._store.path), m) for m in self._store.notices)
            self._store.notices.clear()
            self._store.close()
            self._store = None
