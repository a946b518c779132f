"""Finding the files to read under the paths given: folders walked recursively (sorted), links
followed once, what is not a readable file said in a notice. A folder's names are kept as a
`Listing` (store/folder_index.py keeps them between opens)."""

from __future__ import annotations

import bisect
import os
import stat
from array import array
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Protocol

from reader.model.ingest.files import READ_SUFFIXES, Notice


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
