"""Importers: files that are not plain text (web pages, feeds, database exports, PDF, Word, EPUB,
e-mail, scrapes) turned into one synthetic plain text with articles as spans of it.

`importer_for(path, data)` picks one by the file's extension and, where extensions are shared or
missing, by its content; `None` means plain text (read as .txt/.md files are). Each format's module
has `extract(data, options) -> Extraction` (see record.py) and is imported only when a file of
that format is met, so a corpus of text files never loads trafilatura, pypdf or the rest.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reader.model.ingest.formats.record import Extraction, ImportRefused

__all__ = ["Extraction", "ImportOptions", "ImportRefused", "Importer", "importer_for", "IMPORT_SUFFIXES"]

# Keys --map may set for JSON/JSONL/CSV scrapes: reader's field <- the scrape's field name.
MAP_KEYS = ("text", "title", "date", "url", "author", "publisher", "byline", "id")


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Choices that change what an importer extracts (so they are part of its cache key)."""

    field_map: tuple[tuple[str, str], ...] = ()

    def key(self) -> str:
        return ",".join(f"{k}={v}" for k, v in self.field_map)

    @classmethod
    def parse_map(cls, spec: str) -> ImportOptions:
        """`text=maintext,title=headline`; ValueError with a message for the user."""
        pairs: dict[str, str] = {}
        for item in spec.split(","):
            if not item.strip():
                continue
            key, sep, value = item.partition("=")
            key, value = key.strip().lower(), value.strip()
            if not sep or not value:
                raise ValueError(f"--map expects FIELD=NAME pairs separated by commas, got {item.strip()!r}")
            if key not in MAP_KEYS:
                raise ValueError(f"--map: unknown field {key!r} (one of {', '.join(MAP_KEYS)})")
            pairs[key] = value
        if not pairs:
            raise ValueError("--map expects FIELD=NAME pairs, e.g. text=maintext,title=headline")
        return cls(tuple(sorted(pairs.items())))


@dataclass(frozen=True, slots=True)
class Importer:
    format: str  # shown to the user and recorded as SourceFile.format: "html", "pdf", "nexis", ...
    module: str  # reader.model.ingest.formats.<module>, with extract(data, options)
    extractor: str  # the library doing the work (its version is recorded with the text)
    revision: int  # bump when reader's side of this importer changes what it extracts

    @property
    def version(self) -> str:
        return f"{_library_version(self.extractor)}+r{self.revision}"

    def extract(self, data: bytes, options: ImportOptions) -> Extraction:
        mod = importlib.import_module(f"reader.model.ingest.formats.{self.module}")
        return mod.extract(data, options)


@cache
def _library_version(dist: str) -> str:
    if dist in ("python", "stdlib"):
        import sys

        return "python-" + ".".join(map(str, sys.version_info[:2]))
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "missing"


HTML = Importer("html", "html", "trafilatura", 1)
FACTIVA_HTML = Importer("factiva", "factiva", "lxml", 1)
FACTIVA_RTF = Importer("factiva", "factiva_rtf", "striprtf", 1)
FEED = Importer("feed", "feeds", "feedparser", 1)
NEWSBOAT = Importer("newsboat", "newsboat", "stdlib", 1)
NEXIS_DOCX = Importer("nexis", "nexis", "python-docx", 1)
NEXIS_RTF = Importer("nexis", "nexis_rtf", "striprtf", 1)
RTF = Importer("rtf", "rtf", "striprtf", 1)
PROQUEST = Importer("proquest", "proquest", "stdlib", 1)
PDF = Importer("pdf", "pdf", "pypdf", 1)
DOCX = Importer("docx", "docx", "python-docx", 1)
EPUB = Importer("epub", "epub", "lxml", 1)
EML = Importer("email", "mail", "stdlib", 1)
MBOX = Importer("mbox", "mbox", "stdlib", 1)
SCRAPE = Importer("scrape", "scrapes", "stdlib", 1)

_BY_SUFFIX = {
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".shtml": HTML,
    ".rss": FEED,
    ".atom": FEED,
    ".rdf": FEED,
    ".xml": FEED,
    ".db": NEWSBOAT,
    ".sqlite": NEWSBOAT,
    ".sqlite3": NEWSBOAT,
    ".docx": DOCX,
    ".rtf": RTF,
    ".pdf": PDF,
    ".epub": EPUB,
    ".eml": EML,
    ".mbox": MBOX,
    ".json": SCRAPE,
    ".jsonl": SCRAPE,
    ".ndjson": SCRAPE,
    ".csv": SCRAPE,
}
IMPORT_SUFFIXES = frozenset(_BY_SUFFIX)

_PROQUEST_SEP = re.compile(rb"(?m)^_{20,}\s*$")
_FACTIVA_CODES = re.compile(rb"(?m)^[ \t]*(?:HD|AN)[ \t]")
_FACTIVA_HTML = re.compile(rb"articleParagraph|<b>\s*HD\s*</b>|class=\"[^\"]*enHeadline", re.I)


def importer_for(path: Path, data: bytes) -> Importer | None:
    """The importer for this file, or None for plain text."""
    suffix = path.suffix.lower()
    imp = _BY_SUFFIX.get(suffix)
    if imp is HTML:
        return FACTIVA_HTML if _FACTIVA_HTML.search(data[:2_000_000]) else HTML
    if imp is RTF:
        text = _rtf_head(data)
        if re.search(r"(?m)^[ \t]*AN[ \t|]+Document\b", text) or (
            re.search(r"(?m)^[ \t]*HD[ \t|]", text) and re.search(r"(?m)^[ \t]*PD[ \t|]", text)
        ):
            return FACTIVA_RTF
        if "End of Document" in text:
            return NEXIS_RTF
        return RTF
    if imp is DOCX:
        return NEXIS_DOCX if _docx_is_nexis(data) else DOCX
    if imp is not None:
        return imp
    if suffix in (".txt", ".md", ".text", ""):
        if (
            suffix != ".md"
            and _PROQUEST_SEP.search(data)
            and (b"Full text:" in data or b"ProQuest document ID" in data)
        ):
            return PROQUEST
        if suffix in (".txt", ".md", ".text"):
            return None
    return _sniff(data)


def _sniff(data: bytes) -> Importer | None:
    """By content, for a file with no extension reader knows (given by name, not found in a folder)."""
    head = data[:1024].lstrip()
    low = head[:200].lower()
    if head.startswith(b"SQLite format 3\x00"):
        return NEWSBOAT
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        if b"application/epub+zip" in data[:200]:
            return EPUB
        if b"word/" in data:
            return NEXIS_DOCX if _docx_is_nexis(data) else DOCX
        return None
    if head.startswith(b"From ") and b"\n" in head:
        return MBOX
    if low.startswith((b"<!doctype html", b"<html")):
        return FACTIVA_HTML if _FACTIVA_HTML.search(data) else HTML
    if low.startswith(b"<?xml") and (b"<rss" in low or b"<feed" in data[:1024] or b"<rdf:rdf" in data[:1024].lower()):
        return FEED
    return None


def _rtf_head(data: bytes) -> str:
    """Plain text of an RTF file, for telling Factiva and Nexis exports from other documents."""
    from reader.model.ingest.formats.rtf import rtf_text

    try:
        return rtf_text(data[:300_000])
    except Exception:  # a damaged file: the importer itself will say why
        return ""


def _docx_is_nexis(data: bytes) -> bool:
    import zipfile
    from io import BytesIO

    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > 512 * 1024 * 1024:
                return False
            xml = z.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False
    return b"End of Document" in xml and re.search(rb">Body<", xml) is not None
