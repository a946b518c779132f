"""Folder listings kept between opens: the first screen of a 100,000-file folder is painted
from the open index's first record without listing (and sorting) the folder first.

A folder's record holds its `discovery.Listing` and the folder's own inode, mtime, ctime and size:
a file added, removed or renamed changes the folder's mtime, so a record whose stat differs is
ignored and the folder listed again (and its record rewritten). A file rewritten in place does
not change its folder, but its own key in the open index (size, times, inode) misses, so it is
read again. A record is written only when the folder's mtime is older than RACY_NS: a change
made within the same tick of the clock as the listing would leave the mtime as it was.
Records live in the analysis cache (model "folder"), so damage, locks and read-only folders are
handled there; a damaged or foreign record is ignored. Nothing here is needed for correctness.

Beside each record a head record keeps the folder's first HEAD entries (with every name left out
and every folder or link, for the sidecar lookups): the first paint needs about 200 files, and
decompressing and splitting the whole listing of 100,000 names took ~35 ms of it. The rest is
read when the walk goes past the head (by the worker that reads the rest of the files).
"""

from __future__ import annotations

import bisect
import json
import os
import sys
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import chain, islice

from reader.model.ingest import discovery
from reader.model.ingest.discovery import DIR, FILE, LINK, SKIP, Listing
from reader.model.store.analysis_cache import FOLDER_MODEL, AnalysisCache
from reader.model.store.open_index import fingerprint, stored_name
from reader.model.store.paths import analysis_cache_path

MAGIC = b"RDF1"
KINDS = frozenset((FILE, LINK, DIR, SKIP))
RACY_NS = 2_000_000_000  # a folder changed less than this long ago is listed, not recorded
HEAD = 1024  # entries in a head record (the app reads cli.FIRST_FILES files before its first paint)


def _key(folder: str) -> str:
    return f"list:{stored_name(folder)}\0{fingerprint()}"  # the ingest code decides what is listed


def _head_key(folder: str) -> str:
    return f"listhead:{stored_name(folder)}\0{fingerprint()}"


def _stamp(st: os.stat_result) -> list[int]:
    return [st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size]


class FolderIndex:
    """A `discovery.Lister` that reads and writes records in the analysis cache while `opened()`
    (else every folder is listed)."""

    def __init__(self) -> None:
        self.store: AnalysisCache | None = None

    @contextmanager
    def opened(self) -> Iterator[AnalysisCache | None]:
        """The cache open, in this thread, for what is listed meanwhile (its trouble is in its
        `notices`). Not created when there is none yet: no record to read, and a cache made in
        a folder being listed would be listed (the next open writes the records)."""
        if not analysis_cache_path().is_file():
            yield None
            return
        with AnalysisCache() as store:
            self.store = store
            try:
                yield store
            finally:
                self.store = None

    def get(self, folder: str, st: os.stat_result) -> Listing | None:
        store = self.store
        if store is None or not store.enabled:
            return None
        stamp = _stamp(st)
        hkey = _head_key(folder)
        head = decode_head(store.get_many([hkey], encoded=True).get(hkey), stamp)
        if head is not None:
            return HeadListing(folder, *head, lambda: self._whole(folder, stamp))
        key = _key(folder)
        whole = decode(store.get_many([key], encoded=True).get(key), stamp)
        if whole is not None and len(whole.entries) > HEAD and time.time_ns() - st.st_mtime_ns > RACY_NS:
            store.put_payloads([(_head_key(folder), "", FOLDER_MODEL, encode_head(whole, stamp))])  # once
        return whole

    def _whole(self, folder: str, stamp: list[int]) -> Listing | None:
        """The whole record behind a head (with the cache open in this thread), else None."""
        store = self.store
        if store is None or not store.enabled:
            return None
        key = _key(folder)
        return decode(store.get_many([key], encoded=True).get(key), stamp)

    def put(self, folder: str, st: os.stat_result, listing: Listing) -> None:
        store = self.store
        if store is None or time.time_ns() - st.st_mtime_ns <= RACY_NS:
            return
        name = stored_name(folder)
        stamp = _stamp(st)
        rows = [(_key(folder), "", FOLDER_MODEL, encode(listing, stamp))]
        if len(listing.entries) > HEAD:
            rows.append((_head_key(folder), "", FOLDER_MODEL, encode_head(listing, stamp)))
        # with the records of older ingest code
        drop = [(f"{kind}:{name}\0", f"{kind}:{name}\1") for kind in ("list", "listhead")]
        store.put_payloads(rows, drop)


class HeadListing(Listing):
    """A folder's first entries, and its whole Listing read once they have been walked: as a
    Listing, `entries`, `kinds` and `inodes` iterate over every entry (discovery._walk zips them),
    and `name in` answers for any name (sidecars and folders from the head record, other names
    from the whole listing)."""

    __slots__ = ("_folder", "_total", "_read", "_head", "_whole")

    def __init__(
        self, folder: str, head: Listing, total: int, not_files: Iterable[str], read: Callable[[], Listing | None]
    ) -> None:
        super().__init__(head.entries, head.kinds, head.inodes, head.others)
        self._not_files = self._not_files | frozenset(not_files)
        self._folder, self._total, self._read, self._head = folder, total, read, head
        self._whole: Listing | None = None
        n = len(head.entries)
        self.entries = _Continued(head.entries, lambda: self.whole().entries, n)  # type: ignore[assignment]
        self.kinds = _Continued(head.kinds, lambda: self.whole().kinds, n)  # type: ignore[assignment]
        self.inodes = _Continued(head.inodes, lambda: self.whole().inodes, n)  # type: ignore[assignment]

    def whole(self) -> Listing:
        """The whole listing: its record when it agrees with the head, else the folder listed now
        (changed since its head was read: the walk goes on past the head's last name)."""
        if self._whole is None:
            got = self._read()
            head = self._head.entries
            if got is None or len(got.entries) != self._total or got.entries[: len(head)] != head:
                got = _listed(self._folder, self._head)
            self._whole = got
        return self._whole

    def __contains__(self, name: object) -> bool:
        if name in self.others or name in self._not_files:
            return True
        if not isinstance(name, str) or name.endswith(".meta.json"):
            return False
        entries = self.whole().entries
        i = bisect.bisect_left(entries, name)
        return i < len(entries) and entries[i] == name


class _Continued:
    """A head's items, then the whole listing's from the same place on, read when reached."""

    __slots__ = ("head", "_rest", "_at")

    def __init__(self, head, rest: Callable[[], object], at: int) -> None:
        self.head, self._rest, self._at = head, rest, at

    def __iter__(self) -> Iterator:
        return chain(self.head, _later(self._rest, self._at))


def _later(rest: Callable[[], object], at: int) -> Iterator:
    yield from islice(rest(), at, None)  # type: ignore[call-overload]


def _listed(folder: str, head: Listing) -> Listing:
    """The head, then the folder's entries listed now that sort after its last (the walk has
    passed the head already); the head alone when the folder cannot be listed."""
    got: list[Listing] = []
    try:
        _names, entries = discovery._scan(folder, got.append)
        for _ in entries:
            pass
    except OSError:
        return head
    now = got[0]
    i = bisect.bisect_right(now.entries, head.entries[-1]) if head.entries else 0
    inodes = array("Q", head.inodes)
    inodes.extend(now.inodes[i:])
    return Listing(head.entries + now.entries[i:], head.kinds + now.kinds[i:], inodes, now.others)


def encode(listing: Listing, stamp: list[int], extra: dict | None = None) -> bytes:
    """MAGIC, the length of a JSON header (the folder's stamp, counts, kinds, and `extra`), the
    header, the names (entries then others) joined by NUL, then the entries' inodes as uint64."""
    names = "\0".join([*listing.entries, *sorted(listing.others)]).encode("utf-8", "surrogateescape")
    inodes = array("Q", listing.inodes)
    if sys.byteorder != "little":
        inodes.byteswap()
    fields = {"st": stamp, "ne": len(listing.entries), "no": len(listing.others), "k": listing.kinds, "nb": len(names)}
    head = json.dumps(fields | (extra or {}), separators=(",", ":")).encode("utf-8")
    return MAGIC + len(head).to_bytes(4, "little") + head + names + inodes.tobytes()


def encode_head(listing: Listing, stamp: list[int]) -> bytes:
    """The head record: the first HEAD entries, every name left out, how many entries there are
    and the folders and links among the others (`name in` answers for sidecars from it)."""
    rest = listing.kinds[HEAD:]
    not_files = [listing.entries[HEAD + i] for i, k in enumerate(rest) if k in (DIR, LINK)]
    head = Listing(listing.entries[:HEAD], listing.kinds[:HEAD], listing.inodes[:HEAD], listing.others)
    return encode(head, stamp, {"n": len(listing.entries), "nf": not_files})


def decode(raw, stamp: list[int]) -> Listing | None:
    """The Listing of a record whose folder still has `stamp`; None when it is missing, stale,
    damaged or not ours."""
    got = _decoded(raw, stamp)
    return None if got is None or "n" in got[0] else got[1]


def decode_head(raw, stamp: list[int]) -> tuple[Listing, int, list[str]] | None:
    """A head record's (first entries, count of entries, folders and links after them)."""
    got = _decoded(raw, stamp)
    if got is None:
        return None
    head, listing = got
    try:
        total, not_files = int(head["n"]), [str(n) for n in head["nf"]]
    except (KeyError, TypeError, ValueError):
        return None
    return (listing, total, not_files) if total > len(listing.entries) else None


def _decoded(raw, stamp: list[int]) -> tuple[dict, Listing] | None:
    if not isinstance(raw, bytes) or raw[:4] != MAGIC:
        return None
    try:
        end = 8 + int.from_bytes(raw[4:8], "little")
        head = json.loads(raw[8:end])
        if not isinstance(head, dict) or head["st"] != stamp:
            return None
        ne, no, kinds, nb = int(head["ne"]), int(head["no"]), str(head["k"]), int(head["nb"])
        blob = raw[end : end + nb]
        names = blob.decode("utf-8", "surrogateescape").split("\0") if ne + no else []
        inodes = array("Q")
        inodes.frombytes(raw[end + nb :])
        if sys.byteorder != "little":
            inodes.byteswap()
        if len(names) != ne + no or len(kinds) != ne or len(blob) != nb or len(inodes) != ne:
            return None
        if sum(kinds.count(k) for k in KINDS) != ne:  # only known kinds
            return None
        return head, Listing(names[:ne], kinds, inodes, names[ne:])
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None
