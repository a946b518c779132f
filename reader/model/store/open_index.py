"""The open index: what loading a text file computed (its articles, titles, publishers, dates,
blocks), kept so that the next open of an unchanged file reads no text at all.

Records live in the analysis cache's database (model "open"), so they share its handling of
damage, locks and read-only folders, and `reader cache clear` clears them too. A record is keyed
by the file's path, size, mtime, ctime and inode, and by a fingerprint of the ingest code: a file
that changed, or code that reads files differently, misses and is read as before (its record is
then replaced). The text itself, read when first shown, is checked against the digest indexed
(ingest/indexed.py). Files with a sidecar and imported formats are always read as before.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from reader.model.ingest.article import Article, SourceFile
from reader.model.ingest.files import Notice, load_files, names_in
from reader.model.ingest.formats import ImportOptions
from reader.model.ingest.indexed import from_record, indexable, to_record
from reader.model.store.analysis_cache import OPEN_MODEL, AnalysisCache

OPEN_INDEX_VERSION = 1
BATCH = 500  # files looked up (and records written) together

Loaded = tuple[Path, SourceFile | None, list[Article], list[Notice]]  # as files.load_files yields


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    """The ingest code (every module of reader/model/ingest, formats too: they decide which
    files are plain text): what the articles of a file depend on, besides its bytes."""
    ingest = Path(__file__).resolve().parent.parent / "ingest"
    h = hashlib.sha256()
    for f in sorted(ingest.rglob("*.py")):
        h.update(f.relative_to(ingest).as_posix().encode() + b"\0" + f.read_bytes())
    return f"{OPEN_INDEX_VERSION}-{h.hexdigest()[:16]}"


def _name(path: Path) -> str:
    """The path as text SQLite takes: a name that is not UTF-8 with its bytes escaped."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _key(path: Path, st: os.stat_result, fp: str) -> str:
    # the path first, so that every older record of a file is one key range (dropped on rewrite)
    return f"open:{_name(path)}\0{fp}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def _range(path: Path) -> tuple[str, str]:
    return f"open:{_name(path)}\0", f"open:{_name(path)}\1"


def load_indexed(
    files: Iterable[Path], options: ImportOptions | None, store: AnalysisCache, keys_out: dict[str, str] | None = None
) -> Iterator[Loaded]:
    """`files.load_files`, with unchanged text files given back from the index (text unread)
    and the records of the others written as they are read. The store's own trouble stays in
    `store.notices`. `keys_out` gets each indexed file's record key (store/plan_cache.py)."""
    keys_out = {} if keys_out is None else keys_out
    files = list(files)
    fp = _fingerprint()
    listings: dict[str, set[str] | None] = {}
    for lo in range(0, len(files), BATCH):
        batch = files[lo : lo + BATCH]
        keys: list[str | None] = []
        for f in batch:
            try:
                st = os.stat(f)
            except OSError:
                keys.append(None)  # load_files says why
                continue
            folder, name = os.path.split(f)  # str work: Path's own parsing and hashing cost seconds at 100k
            names = names_in(folder, listings)  # the sidecar's two possible names (ingest/sidecar.py)
            plain = names is not None and not {f"{name}.meta.json", f"{os.path.splitext(name)[0]}.meta.json"} & names
            keys.append(_key(f, st, fp) if plain else None)
        hits = store.get_many([k for k in keys if k is not None], encoded=True)
        got: dict[int, Loaded] = {}
        for j, (f, k) in enumerate(zip(batch, keys, strict=True)):
            raw = hits.get(k) if k is not None else None
            if k is not None and isinstance(raw, bytes):
                try:
                    indexed, arts = from_record(f, json.loads(raw))
                    got[j] = (f, indexed, arts, [])
                    keys_out[str(f)] = k
                except (ValueError, TypeError, KeyError, IndexError):  # not our shape: read the file
                    pass
        todo = [f for j, f in enumerate(batch) if j not in got]
        misses = load_files(todo, options) if todo else iter(())
        rows: list[tuple[str, str, str, object]] = []
        drop: list[tuple[str, str]] = []
        for j, (f, k) in enumerate(zip(batch, keys, strict=True)):
            if j in got:
                yield got[j]
                continue
            item = next(misses)
            _, source, arts, _notices = item
            if k is not None and source is not None and indexable(source, arts):
                rows.append((k, source.digest, OPEN_MODEL, to_record(source, arts)))
                drop.append(_range(f))
                keys_out[str(f)] = k
            yield item
        store.put_payloads(rows, drop)
