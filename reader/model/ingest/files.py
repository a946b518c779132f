"""From paths to articles: find text files, decode them, and cut them into articles."""

from __future__ import annotations

import bisect
import hashlib
import os
import stat
from array import array
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

from reader.model.ingest.article import Article, SourceFile
from reader.model.ingest.decode import DecodeError, decode_bytes
from reader.model.ingest.formats import IMPORT_SUFFIXES, Importer, ImportOptions, ImportRefused, importer_for
from reader.model.ingest.formats.record import Extraction
from reader.model.ingest.sidecar import SidecarError, front_matter, read_sidecar

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


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Notice]]:
    """Text files under `paths` (folders recursively, sorted), and notices for what was skipped.

    Symlinks are followed, to files and to folders (inside the tree or outside it), but every
    file and folder is read once: a folder reached again (a symlink loop, a second link to it)
    is skipped with a notice. Only regular files are read: a FIFO or a device named `.txt` would
    block or never end.
    """
    notices: list[Notice] = []
    return list(discovering(paths, notices)), notices


class Lister(Protocol):
    """Where folders' Listings are kept between opens (store/folder_index.py)."""

    def get(self, folder: str, st: os.stat_result) -> Listing | None:
        """The folder's Listing if it is still the folder with stat `st`."""

    def put(self, folder: str, st: os.stat_result, listing: Listing) -> None:
        """The folder, with stat `st` when it was listed, lists as `listing`."""


def discovering(
    paths: Iterable[str | Path], notices: list[Notice], listings: dict | None = None, lister: Lister | None = None
) -> Iterator[Path]:
    """`discover`, one file at a time (its notices appended to `notices` on the way): the first
    files of a 100,000-file folder are known long before the last. `listings` (as `names_in`
    keeps them) gets the names of each folder listed, so that they are not listed twice.
    `lister`: folders listed before (unchanged folders are not listed again)."""
    seen_files: set = set()  # (device, inode) of what was taken
    seen_dirs: set = set()
    for raw in paths:
        p = Path(raw)
        try:
            st = p.stat()
        except OSError as exc:
            notices.append(_missing(p, exc))
            continue
        if stat.S_ISDIR(st.st_mode):
            if _first_visit(st, seen_dirs, p):
                yield from _walk(p, notices, seen_files, seen_dirs, listings, lister)
        else:
            yield from _add(p, st, notices, seen_files)


FILE, LINK, DIR, SKIP = "f", "l", "d", "s"  # the kinds of a Listing's entries


class Listing:
    """A folder as `_walk` reads it: its entries in sorted order (hidden names and sidecars
    left out) with one kind each (FILE: a regular file, its inode in `inodes`; DIR; SKIP: not a
    format reader opens; LINK: a symlink or anything else, followed when walked), and the names
    left out. `name in listing` asks about every name (sidecars are looked up so) without a
    set of 100,000 names."""

    __slots__ = ("entries", "kinds", "inodes", "others", "_not_files")

    def __init__(self, entries: list[str], kinds: str, inodes: Sequence[int], others: Iterable[str]) -> None:
        self.entries, self.kinds, self.inodes = entries, kinds, inodes  # inodes: a FILE's (0: none), else 0
        self.others = frozenset(others)
        # a sidecar's name is among `others`, or (a link or a folder so named) among these few
        self._not_files = frozenset(entries[i] for kind in (DIR, LINK) for i in _places(kinds, kind))

    def __contains__(self, name: object) -> bool:
        if name in self.others or name in self._not_files:
            return True
        if not isinstance(name, str) or name.endswith(".meta.json"):
            return False
        i = bisect.bisect_left(self.entries, name)
        return i < len(self.entries) and self.entries[i] == name


def _places(text: str, ch: str) -> Iterator[int]:
    i = text.find(ch)
    while i >= 0:
        yield i
        i = text.find(ch, i + 1)


def _scan(folder: str, done: Callable[[Listing], None] | None) -> tuple[set[str], Iterator[tuple[str, str, int]]]:
    """A folder's names, and its entries (name, kind, inode) classified as they are asked for:
    at 100,000 files only the first are needed before the first paint. `done` gets the whole
    Listing once the last is given. From os.scandir: a regular file costs no stat (its type and
    inode come with the listing). Raises OSError."""
    with os.scandir(folder) as it:
        by_name = {e.name: e for e in it}
    return set(by_name), _classified(by_name, done)


def _classified(by_name: dict[str, os.DirEntry], done: Callable[[Listing], None] | None) -> Iterator:
    entries, kinds, inodes, others = [], [], array("Q"), []
    for name in sorted(by_name):
        e = by_name[name]
        kind = _kind(e)
        if kind is None:
            others.append(name)
            continue
        ino = e.inode() if kind == FILE else 0
        entries.append(name)
        kinds.append(kind)
        inodes.append(ino)
        yield name, kind, ino
    if done is not None:
        done(Listing(entries, "".join(kinds), inodes, others))


def _kind(e: os.DirEntry) -> str | None:
    """An entry's kind in a Listing; None for what is left out."""
    name = e.name
    if name[0] == ".":
        return None
    try:
        if e.is_symlink():
            return LINK  # followed when walked: where it points may change, its folder not
        if e.is_dir():
            return DIR
    except OSError:
        return LINK
    if name.endswith(".meta.json"):
        return None
    if not _readable_name(name):
        return SKIP
    try:
        return FILE if e.is_file(follow_symlinks=False) else LINK
    except OSError:
        return LINK


def _readable_name(name: str) -> bool:
    dot = name.rfind(".")  # os.path.splitext's suffix (a leading dot is no suffix), without its cost
    return (name[dot:].lower() if dot > 0 else "") in READ_SUFFIXES


def _walk(
    top: Path,
    notices: list[Notice],
    seen_files: set,
    seen_dirs: set,
    listings: dict | None = None,
    lister: Lister | None = None,
) -> Iterator[Path]:
    """Depth first, each folder's files (sorted) before its subfolders (sorted), as os.walk
    gives them."""
    folder = str(top)
    try:
        st = os.stat(top)
        kept = lister.get(folder, st) if lister is not None else None
        if kept is not None:
            names: Container[str] = kept
            found: Iterator = zip(kept.entries, kept.kinds, kept.inodes, strict=True)
        else:
            names, found = _scan(folder, None if lister is None else partial(lister.put, folder, st))
    except OSError as exc:
        notices.append(Notice(str(exc.filename or top), f"cannot read folder ({exc.strerror})"))
        return
    if listings is not None:
        listings[folder] = names
    dev = st.st_dev
    subdirs = []
    for name, kind, ino in found:
        if kind == DIR:
            subdirs.append(name)
            continue
        f = _child(top, name)
        if kind == SKIP:
            notices.append(Notice(str(f), "skipped (not a format reader opens)"))
        elif kind == FILE:
            if _first_visit_key((dev, ino) if ino else os.path.realpath(f), seen_files):
                yield f
        else:  # a link, or not a regular file
            try:
                fst: os.stat_result | OSError = os.stat(f)
            except OSError as exc:
                fst = exc
            if isinstance(fst, os.stat_result) and stat.S_ISDIR(fst.st_mode):
                subdirs.append(name)
            elif name.endswith(".meta.json"):
                continue
            elif not _readable_name(name):
                notices.append(Notice(str(f), "skipped (not a format reader opens)"))
            elif isinstance(fst, OSError):
                notices.append(_missing(f, fst))
            else:
                yield from _add(f, fst, notices, seen_files)
    for name in subdirs:
        d = os.path.join(top, name)
        try:
            dst = os.stat(d)
        except OSError as exc:
            notices.append(_missing(Path(d), exc))
            continue
        if _first_visit(dst, seen_dirs, d):
            yield from _walk(top / name, notices, seen_files, seen_dirs, listings, lister)
        else:
            notices.append(Notice(d, "skipped (a link to a folder already read)"))


def _child(top: Path, name: str) -> Path:
    """top / name, for a name from a listing (one part, nothing to parse): pathlib's own way of
    making such children (what its glob uses) costs a fifth of `/`, a second at 100,000 files."""
    make = getattr(top, "_make_child_relpath", None)
    return make(name) if make is not None else top / name


def _first_visit(st: os.stat_result, seen: set, path: str | Path) -> bool:
    # some filesystems report no inode numbers: fall back on the resolved path
    return _first_visit_key((st.st_dev, st.st_ino) if st.st_ino else os.path.realpath(path), seen)


def _first_visit_key(key: object, seen: set) -> bool:
    if key in seen:
        return False
    seen.add(key)
    return True


def _add(f: Path, st: os.stat_result, notices: list[Notice], seen: set) -> Iterator[Path]:
    if not stat.S_ISREG(st.st_mode):
        notices.append(Notice(str(f), "skipped (not a regular file)"))
    elif _first_visit(st, seen, f):  # the same file through a link, or given twice: read once
        yield f


def _missing(p: Path, exc: OSError) -> Notice:
    if p.is_symlink():
        return Notice(str(p), "skipped (a broken symlink)")
    if isinstance(exc, FileNotFoundError):
        return Notice(str(p), "no such file or folder")
    return Notice(str(p), f"cannot read ({exc.strerror or exc})")


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


def articles_of(source: SourceFile, overrides: dict[str, str] | None = None) -> list[Article]:
    """Cut one decoded file into its articles (several when it is a digest of stories)."""
    text = source.text
    fields, body_start = front_matter(text) if source.path.suffix.lower() == ".md" else ({}, 0)
    fields = {**fields, **(overrides or {})}
    arts = _text_articles(source, body_start, len(text), source.digest[:12])
    for a in arts:
        _apply(a, fields, title=a.story_index is None)
    return arts


def _text_articles(source: SourceFile, start: int, end: int, base_id: str) -> list[Article]:
    """The articles of text[start:end] read by the text rules: one, or a digest's stories."""
    # the text rules (their regexes) load with the first file read: a warm open reads none
    from reader.model.ingest import metadata as md
    from reader.model.ingest.dates import find_date
    from reader.model.ingest.digest import split_digest
    from reader.model.ingest.paragraphs import split_paragraphs

    text = source.text
    paras = split_paragraphs(text, start, end)
    if not paras:
        return []
    digest = split_digest(text, paras)
    if digest is None:
        return [_article(source, base_id, paras, None)]
    header_text = " ".join(md.text_of(text, p) for p in digest.header)
    header_date = find_date(header_text) if header_text else None
    stories = [_article(source, f"{base_id}-{i + 1}", ps, i) for i, ps in enumerate(digest.stories)]
    publisher = next((a.publisher for a in reversed(stories) if a.publisher), None)
    for a in stories:
        if header_date and (not a.date or len(a.date) < len(header_date)):
            a.date = header_date  # the header's full date beats a copyright year
        a.publisher = a.publisher or publisher
    return stories


def _article(source: SourceFile, art_id: str, paras, story_index: int | None) -> Article:
    from reader.model.ingest import metadata as md

    text = source.text
    headline = md.is_headline(text, paras[0], len(paras) > 1)
    blocks = md.classify(text, paras, headline)
    if headline:
        title, title_span = " ".join(md.text_of(text, paras[0]).split()), (paras[0].start, paras[0].end)
    else:
        title, title_span = md.derived_title(text, blocks), None
    return Article(
        id=art_id,
        source=source,
        start=paras[0].start,
        end=paras[-1].end,
        title=title,
        title_span=title_span,
        publisher=md.publisher_from(text, blocks),
        date=md.date_from(text, blocks),
        byline=md.byline_from(text, blocks),
        blocks=blocks,
        story_index=story_index,
    )


def _apply(a: Article, fields: dict[str, str], title: bool) -> None:
    if title and fields.get("title"):
        a.title = fields["title"]
    for key in ("publisher", "url", "byline"):
        if fields.get(key):
            setattr(a, key, fields[key])
    if fields.get("date"):  # checked by sidecar.clean_fields: ISO 8601
        a.date = fields["date"]


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


def articles_of_extraction(
    source: SourceFile, extraction: Extraction, overrides: dict[str, str] | None = None
) -> list[Article]:
    """The articles of an imported file: one per record, its metadata from the format's fields
    (the text's own headline, byline and date lines fill what the format did not say)."""
    from reader.model.ingest import metadata as md
    from reader.model.ingest.paragraphs import split_paragraphs

    text = source.text
    base_id = source.digest[:12]
    multi = len(extraction.records) > 1
    out: list[Article] = []
    for i, rec in enumerate(extraction.records):
        if rec.titled:
            paras = split_paragraphs(text, rec.start, rec.end)
            if not paras:
                continue
            blocks = md.classify(text, paras, True)
            arts = [
                Article(
                    id=f"{base_id}-{i + 1}" if multi else base_id,
                    source=source,
                    start=paras[0].start,
                    end=paras[-1].end,
                    title=" ".join(md.text_of(text, paras[0]).split()),
                    title_span=(paras[0].start, paras[0].end),
                    publisher=md.publisher_from(text, blocks),
                    date=md.date_from(text, blocks),
                    byline=md.byline_from(text, blocks),
                    blocks=blocks,
                    story_index=i if multi else None,
                )
            ]
        elif multi:
            paras = split_paragraphs(text, rec.start, rec.end)
            if not paras:
                continue
            arts = [_article(source, f"{base_id}-{i + 1}", paras, i)]
        else:  # one untitled record (a PDF, a plain Word file): read as a text file, digests too
            arts = _text_articles(source, rec.start, rec.end, base_id)
        for a in arts:
            meta = rec.meta
            for key in ("publisher", "date", "url", "byline"):
                if meta.get(key):
                    setattr(a, key, meta[key])
            a.author = meta.get("author") or a.byline or None
            a.locator = meta.get("locator") or None
            a.pages = tuple(rec.pages)
            a.summary_only = rec.summary_only
            _apply(a, overrides or {}, title=not multi and len(arts) == 1)
        out.extend(arts)
    return out


def names_in(folder: Path | str, listings: dict) -> Container[str] | None:
    """The names in `folder`, listed once per load (None when it cannot be listed: stat instead)."""
    if folder not in listings:
        try:
            listings[folder] = set(os.listdir(folder))
        except OSError:
            listings[folder] = None
    return listings[folder]
