"""From the files found to articles: read each one (decode it, or import it through its
format's reader), read its sidecar, and cut it into articles (reader/model/ingest/file_articles.py).
Finding the files under the paths given is reader/model/ingest/discovery.py."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.model.ingest.article import Article, SourceFile
from reader.model.ingest.decode import DecodeError, decode_bytes
from reader.model.ingest.file_articles import articles_of, articles_of_extraction
from reader.model.ingest.formats import IMPORT_SUFFIXES, Importer, ImportOptions, ImportRefused, importer_for
from reader.model.ingest.formats.record import Extraction
from reader.model.ingest.sidecar import SidecarError, read_sidecar

TEXT_SUFFIXES = (".txt", ".md")
READ_SUFFIXES = frozenset(TEXT_SUFFIXES) | IMPORT_SUFFIXES
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Notice:
    """A message for the user about one path (a skipped or refused file, a bad sidecar)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def read_source(path: Path) -> SourceFile:
    """Read and decode one file; raises DecodeError or OSError with a user-facing reason."""
    data = read_bytes(path)
    decoded = decode_bytes(data)
    return SourceFile(path, decoded.text, decoded.encoding, hashlib.sha256(data).hexdigest(), len(data))


def read_bytes(path: Path) -> bytes:
    """The bytes of one regular file within the size limit; raises DecodeError or OSError."""
    # Non-blocking open: if a FIFO took the file's place since discover(), this must not wait.
    with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise DecodeError("not a regular file")
        size = st.st_size
        if size <= MAX_FILE_BYTES:
            data = f.read()
            size = len(data)  # it may have grown since
    if size > MAX_FILE_BYTES:
        raise DecodeError(f"too large ({size // (1024 * 1024)} MB; the limit is {MAX_FILE_BYTES // (1024 * 1024)} MB)")
    return data


def load_files(
    files: Iterable[Path], options: ImportOptions | None = None, cache: bool = True
) -> Iterator[tuple[Path, SourceFile | None, list[Article], list[Notice]]]:
    """Decode (or import) and cut each file; a bad file yields notices and no articles, never an
    exception. `cache`: keep and reuse the text extracted from imported formats."""
    from reader.model.store.extraction_cache import ExtractionCache

    options = options or ImportOptions()
    listings: dict[Path, Container[str] | None] = {}
    extracted = ExtractionCache(enabled=cache)
    try:
        for f in files:
            notices: list[Notice] = []
            try:
                data = read_bytes(f)
                importer = importer_for(f, data)
                if importer is None:
                    decoded = decode_bytes(data)
                    source = SourceFile(f, decoded.text, decoded.encoding, hashlib.sha256(data).hexdigest(), len(data))
                    extraction = None
                else:
                    source, extraction = _imported(f, data, importer, options, extracted)
            except (DecodeError, ImportRefused) as exc:
                yield f, None, [], [Notice(str(f), f"refused: {exc}")]
                continue
            except OSError as exc:
                yield f, None, [], [Notice(str(f), f"cannot read ({exc.strerror or exc})")]
                continue
            try:
                overrides, refused = read_sidecar(f, names_in(f.parent, listings))
                notices.extend(Notice(str(f), f"sidecar: {why}") for why in refused)
            except SidecarError as exc:
                overrides = {}
                notices.append(Notice(str(f), f"sidecar ignored: {exc}"))
            # the cache's own trouble (set aside, read-only, locked), said once, with the file that met it
            notices.extend(Notice(path, msg) for path, msg in extracted.drain())
            if extraction is None:
                arts = articles_of(source, overrides)
            else:
                notices.extend(Notice(str(f), n) for n in extraction.notices)
                arts = articles_of_extraction(source, extraction, overrides)
            if not arts:
                notices.append(Notice(str(f), "refused: no text"))
            yield f, source, arts, notices
    finally:
        extracted.close()


def _imported(
    path: Path, data: bytes, importer: Importer, options: ImportOptions, cache
) -> tuple[SourceFile, Extraction]:
    """The file's extracted text (from the cache when this extractor saw these bytes before)."""
    digest = hashlib.sha256(data).hexdigest()
    from reader.model.store.extraction_cache import extraction_key

    key = extraction_key(digest, importer, options.key())
    extraction = cache.get(key)
    if extraction is None:
        try:
            extraction = importer.extract(data, options)
        except ImportRefused:
            raise
        except ImportError as exc:
            raise ImportRefused(
                f"{importer.format} files need the {exc.name or exc} package, which is not installed"
            ) from None
        except RecursionError:
            raise ImportRefused(f"could not read this {importer.format} file (nested too deeply)") from None
        except Exception as exc:  # a damaged file the library chokes on: a notice, never a traceback
            raise ImportRefused(f"could not read this {importer.format} file ({type(exc).__name__}: {exc})") from None
        cache.put(key, digest, extraction)
    text_digest = hashlib.sha256(extraction.text.encode("utf-8", "surrogatepass")).hexdigest()
    source = SourceFile(
        path,
        extraction.text,
        "utf-8",
        digest,
        len(data),
        format=importer.format,
        extractor=importer.extractor,
        extractor_version=importer.version,
        text_digest=text_digest,
    )
    return source, extraction


def names_in(folder: Path | str, listings: dict) -> Container[str] | None:
    """The names in `folder`, listed once per load (None when it cannot be listed: stat instead)."""
    if folder not in listings:
        try:
            listings[folder] = set(os.listdir(folder))
        except OSError:
            listings[folder] = None
    return listings[folder]
