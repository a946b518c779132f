"""Folder listings kept between opens: the first screen of a 100,000-file folder is painted
from the open index's first record without listing (and sorting) the folder first.

A folder's record holds its `files.Listing` and the folder's own inode, mtime, ctime and size:
a file added, removed or renamed changes the folder's mtime, so a record whose stat differs is
ignored and the folder listed again (and its record rewritten). A file rewritten in place does
not change its folder, but its own key in the open index (size, times, inode) misses, so it is
read again. A record is written only when the folder's mtime is older than RACY_NS: a change
made within the same tick of the clock as the listing would leave the mtime as it was.
Records live in the analysis cache (model "folder"), so damage, locks and read-only folders are
handled there; a damaged or foreign record is ignored. Nothing here is needed for correctness.
"""

from __future__ import annotations

import json
import os
import sys
import time
from array import array
from collections.abc import Iterator
from contextlib import contextmanager

from reader.model.ingest.files import DIR, FILE, LINK, SKIP, Listing
from reader.model.store.analysis_cache import FOLDER_MODEL, AnalysisCache
from reader.model.store.open_index import fingerprint, stored_name
from reader.model.store.paths import analysis_cache_path

MAGIC = b"RDF1"
KINDS = frozenset((FILE, LINK, DIR, SKIP))
RACY_NS = 2_000_000_000  # a folder changed less than this long ago is listed, not recorded


def _key(folder: str) -> str:
    return f"list:{stored_name(folder)}\0{fingerprint()}"  # the ingest code decides what is listed


def _stamp(st: os.stat_result) -> list[int]:
    return [st.st_ino, st.st_mtime_ns, st.st_ctime_ns, st.st_size]


class FolderIndex:
    """A `files.Lister` that reads and writes records in the analysis cache while `opened()`
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
        key = _key(folder)
        return decode(store.get_many([key], encoded=True).get(key), _stamp(st))

    def put(self, folder: str, st: os.stat_result, listing: Listing) -> None:
        store = self.store
        if store is None or time.time_ns() - st.st_mtime_ns <= RACY_NS:
            return
        low = f"list:{stored_name(folder)}\0"  # with the records of older ingest code
        store.put_payloads([(_key(folder), "", FOLDER_MODEL, encode(listing, _stamp(st)))], [(low, low[:-1] + "\1")])


def encode(listing: Listing, stamp: list[int]) -> bytes:
    """MAGIC, the length of a JSON header (the folder's stamp, counts, kinds), the header, the
    names (entries then others) joined by NUL, then the entries' inodes as uint64."""
    names = "\0".join([*listing.entries, *sorted(listing.others)]).encode("utf-8", "surrogateescape")
    inodes = array("Q", listing.inodes)
    if sys.byteorder != "little":
        inodes.byteswap()
    head = json.dumps(
        {"st": stamp, "ne": len(listing.entries), "no": len(listing.others), "k": listing.kinds, "nb": len(names)},
        separators=(",", ":"),
    ).encode("utf-8")
    return MAGIC + len(head).to_bytes(4, "little") + head + names + inodes.tobytes()


def decode(raw, stamp: list[int]) -> Listing | None:
    """The Listing of a record whose folder still has `stamp`; None when it is missing, stale,
    damaged or not ours."""
    if not isinstance(raw, bytes) or raw[:4] != MAGIC:
        return None
    try:
        end = 8 + int.from_bytes(raw[4:8], "little")
        head = json.loads(raw[8:end])
        if head["st"] != stamp:
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
        if not set(kinds) <= KINDS:
            return None
        return Listing(names[:ne], kinds, inodes, names[ne:])
    except (ValueError, TypeError, KeyError, UnicodeDecodeError):
        return None
