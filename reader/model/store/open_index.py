"""The open index: what loading a text file computed (its articles, titles, publishers, dates,
blocks), kept so that the next open of an unchanged file reads no text at all.

Records live in the analysis cache's database (model "open"), so they share its handling of
damage, locks and read-only folders, and `reader cache clear` clears them too. A file's entry is
keyed by its path, size, mtime, ctime and inode, and by a fingerprint of the ingest code: a file
that changed, or code that reads files differently, misses and is read as before. The text
itself, read when first shown, is checked against the digest indexed (ingest/indexed.py). Files
with a sidecar and imported formats are always read as before.

Entries are kept by chunk, one record for a run of about CHUNK files (ingest/indexed.py's
columns): decoding a record per file was most of a warm open at 100,000 files. Where a chunk ends
depends on the path of its last file only, so chunks are the same however the files are read
(the app's first files, then the rest; `reader index` all at once), and a file added, removed or
changed costs the files of its chunk a lookup by key in the older records, not a read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from reader.model.ingest.article import Article, SourceFile
from reader.model.ingest.files import Notice, load_files, names_in
from reader.model.ingest.formats import ImportOptions
from reader.model.ingest.indexed import ChunkRecord, from_chunk, indexable, read_chunk
from reader.model.store.analysis_cache import OPEN_MODEL, AnalysisCache

OPEN_INDEX_VERSION = 2  # 2: records per chunk of files
CHUNK = 256  # files per record, on average
_MAX_CHUNK = 8 * CHUNK  # a chunk ends here anyway (about one in 3,000 would be longer)

Loaded = tuple[Path, SourceFile | None, list[Article], list[Notice]]  # as files.load_files yields


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The ingest code (every module of reader/model/ingest, formats too: they decide which
    files are plain text): what the articles of a file depend on, besides its bytes."""
    ingest = Path(__file__).resolve().parent.parent / "ingest"
    h = hashlib.sha256()
    for f in sorted(ingest.rglob("*.py")):
        h.update(f.relative_to(ingest).as_posix().encode() + b"\0" + f.read_bytes())
    return f"{OPEN_INDEX_VERSION}-{h.hexdigest()[:16]}"


def stored_name(path: Path | str) -> str:
    """The path as text SQLite takes: a name that is not UTF-8 with its bytes escaped."""
    p = os.fspath(path)
    try:
        p.encode("utf-8")
        return p  # most are: no bytes to escape
    except UnicodeEncodeError:
        return os.fsencode(p).decode("utf-8", "backslashreplace")


def ends_chunk(path: Path | str) -> bool:
    """Whether a chunk ends with this file: decided by its path alone."""
    raw = str(path).encode("utf-8", "surrogateescape")  # os.fsencode's bytes, without its checks
    h = hashlib.blake2b(raw, digest_size=4).digest()  # not crc32: near names share its low bits
    return int.from_bytes(h, "little") % CHUNK == 0


def _segments(files: Sequence[Path], lo: int, hi: int) -> Iterator[tuple[int, int, int]]:
    """(chunk start, lo, hi) for each run of files[lo:hi] within one chunk; the first chunk
    may have begun before `lo` (the files read before)."""
    start = _chunk_start(files, lo)
    s = lo
    for i in range(lo, hi):
        if ends_chunk(files[i]) or i + 1 - start >= _MAX_CHUNK or i + 1 == hi:
            yield start, s, i + 1
            start = s = i + 1


def _chunk_start(files: Sequence[Path], i: int) -> int:
    """Where the chunk holding files[i] begins."""
    start = i
    while start > 0 and i - start < _MAX_CHUNK and not ends_chunk(files[start - 1]):
        start -= 1
    return start


def _record_key(names: list[str], keys: list[str | None]) -> str:
    h = hashlib.sha256("\0".join(k or "-" for k in keys).encode("utf-8", "surrogateescape")).hexdigest()
    return f"openc:{names[0]}\0{names[-1]}\0{h}"


def load_indexed(
    files: Sequence[Path],
    options: ImportOptions | None,
    store: AnalysisCache,
    keys_out: dict[str, str] | None = None,
    lo: int = 0,
    hi: int | None = None,
    listings: dict | None = None,
) -> Iterator[Loaded]:
    """`files.load_files` of files[lo:hi], with unchanged text files given back from the index
    (text unread) and the records of the others written as they are read (the files before
    `lo` tell where its first chunk began). The store's own trouble stays in `store.notices`.
    `keys_out` gets each indexed file's entry key (store/plan_cache.py). `listings`: folder ->
    its names (files.names_in), listed already."""
    keys_out = {} if keys_out is None else keys_out
    hi = len(files) if hi is None else hi
    fp = fingerprint()
    listings = {} if listings is None else listings
    for start, s, e in _segments(files, lo, hi):
        seg = files[s:e]
        strs = [str(f) for f in seg]
        keys = [_file_key(f, fp, listings) for f in strs]
        names = [stored_name(f) for f in strs]
        at = {k: j for j, k in enumerate(keys) if k is not None}
        got: dict[int, tuple[SourceFile, list[Article]]] = {}
        exact = False
        if at:
            rkey = _record_key(names, keys)
            got = _decode(store.get_many([rkey], encoded=True).get(rkey), seg, at)
            exact = bool(got)
            if not exact:  # changed, or cut elsewhere: the entries of older records, by key
                # from the chunk before: a file added after its end may have split an older one
                low = min(names[0], stored_name(files[_chunk_start(files, start - 1) if start else 0]))
                for rec in store.encoded_in(f"openc:{low}\0", f"openc:{max(names)}\1").values():
                    got.update(_decode(rec, seg, at, every=False))
        todo = [f for j, f in enumerate(seg) if j not in got]
        misses = load_files(todo, options) if todo else iter(())
        record = ChunkRecord()
        for j, (f, k) in enumerate(zip(seg, keys, strict=True)):
            hit = got.get(j)
            item: Loaded = (f, hit[0], hit[1], []) if hit is not None else next(misses)
            source, arts = item[1], item[2]
            if k is not None and source is not None and (hit is not None or indexable(source, arts)):
                keys_out[strs[j]] = k
                if not exact:
                    record.add(k, source, arts)  # now: the corpus may rename a copy's article later
            yield item
        if at and not exact and record:
            drop = [(f"openc:{names[0]}\0{names[-1]}\0", f"openc:{names[0]}\0{names[-1]}\1")]
            drop += [(f"open:{n}\0", f"open:{n}\1") for n in names]  # the per-file records of version 1
            store.put_payloads([(_record_key(names, keys), "", OPEN_MODEL, record.encoded())], drop)


def _file_key(path: str, fp: str, listings: dict) -> str | None:
    """The entry key of a file: its path, size, times and inode, and the ingest code; None
    when it cannot be indexed (gone, or a sidecar beside it)."""
    try:
        st = os.stat(path)
    except OSError:
        return None  # load_files says why
    head, sep, name = path.rpartition(os.sep)  # os.path.split, for the paths listing gives (str work:
    names = names_in(head or sep, listings)  # Path's own parsing costs seconds at 100k); a sidecar's names
    stem = name.rpartition(".")[0] or name
    if names is None or f"{name}.meta.json" in names or f"{stem}.meta.json" in names:
        return None
    return f"open:{stored_name(path)}\0{fp}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def _decode(rec, seg: Sequence[Path], at: dict[str, int], every: bool = True) -> dict:
    """{position in `seg`: (source, articles)} of the record's entries whose key is one of
    `at`'s; with `every`, all or nothing (a record of exactly these files). {} when the record
    is missing or damaged."""
    if not isinstance(rec, bytes):
        return {}
    try:
        rec = read_chunk(rec)
        keys = rec["k"]
        if every and (len(keys) > len(at) or any(k not in at for k in keys)):
            return {}
        paths = [seg[at[k]] if k in at else Path() for k in keys]
        return {at[k]: sa for k, sa in zip(keys, from_chunk(paths, rec), strict=True) if k in at}
    except (ValueError, TypeError, KeyError, IndexError):  # damaged or not ours: read the files
        return {}
