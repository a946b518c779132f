"""Reading state per corpus: last article, scroll offsets, current entity, bookmarks, which
articles are read, and the list's filter.

One JSON file in the user state dir holds every corpus's state, keyed by `corpus_key(paths)`.
Writes are atomic (temp file + os.replace), so a crash never leaves half a file; a damaged file
is moved aside with a notice and reading starts afresh. Loading never raises.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reader.model.store.jsonfile import JsonFile

FORMAT = "reader-state"
VERSION = 2
MAX_CORPORA = 200  # keep the file small: forget the least recently saved corpora beyond this


def corpus_key(paths: Iterable[str | Path]) -> str:
    """A stable key for what was opened: the sorted, resolved paths."""
    resolved = []
    for p in paths:
        try:
            resolved.append(str(Path(p).resolve()))
        except (OSError, RuntimeError):
            resolved.append(str(Path(p).absolute()))
    return hashlib.sha256("\0".join(sorted(set(resolved))).encode()).hexdigest()[:32]


@dataclass(slots=True)
class Bookmark:
    article_id: str
    offset: int  # char offset into the article's source file
    note: str = ""
    created: float = field(default_factory=time.time)


@dataclass(slots=True)
class ReadingState:
    last_article: str | None = None
    scroll: dict[str, int] = field(default_factory=dict)  # article id -> char offset at the top
    entity: str | None = None  # current entity id
    bookmarks: list[Bookmark] = field(default_factory=list)
    read: set[str] = field(default_factory=set)  # ids of the articles read (opened, or marked so)
    list_filter: str = ""  # what the article list is filtered by (title, publisher, date)

    def add_bookmark(self, article_id: str, offset: int, note: str = "") -> Bookmark:
        """Add (or re-note) a bookmark; one per (article, offset)."""
        for b in self.bookmarks:
            if b.article_id == article_id and b.offset == offset:
                b.note = note or b.note
                return b
        b = Bookmark(article_id, int(offset), note)
        self.bookmarks.append(b)
        return b

    def remove_bookmark(self, article_id: str, offset: int | None = None) -> int:
        """Remove the bookmark at offset (every bookmark of the article when offset is None)."""
        keep = [
            b for b in self.bookmarks if not (b.article_id == article_id and (offset is None or b.offset == offset))
        ]
        n = len(self.bookmarks) - len(keep)
        self.bookmarks = keep
        return n

    def bookmarks_of(self, article_id: str) -> list[Bookmark]:
        return sorted((b for b in self.bookmarks if b.article_id == article_id), key=lambda b: b.offset)

    def to_json(self) -> dict:
        return {
            "last_article": self.last_article,
            "scroll": dict(self.scroll),
            "entity": self.entity,
            "bookmarks": [asdict(b) for b in self.bookmarks],
            "read": sorted(self.read),
            "list_filter": self.list_filter,
        }

    @classmethod
    def from_json(cls, data: dict) -> ReadingState:
        """Lenient: a field of the wrong type is dropped, not fatal."""
        st = cls()
        if not isinstance(data, dict):
            return st
        if isinstance(data.get("last_article"), str):
            st.last_article = data["last_article"]
        if isinstance(data.get("entity"), str):
            st.entity = data["entity"]
        if isinstance(data.get("read"), list):
            st.read = {x for x in data["read"] if isinstance(x, str)}
        if isinstance(data.get("list_filter"), str):
            st.list_filter = data["list_filter"][:200]
        scroll = data.get("scroll")
        if isinstance(scroll, dict):
            st.scroll = {
                str(k): int(v) for k, v in scroll.items() if isinstance(v, int) and not isinstance(v, bool) and v >= 0
            }
        for b in data.get("bookmarks") or []:
            try:
                st.bookmarks.append(
                    Bookmark(
                        str(b["article_id"]), int(b["offset"]), str(b.get("note") or ""), float(b.get("created") or 0.0)
                    )
                )
            except (KeyError, TypeError, ValueError, AttributeError):
                continue
        return st


class StateStore:
    """The state file. `notices` collects messages for the user (a file moved aside, a failed save)."""

    def __init__(self, path: str | Path | None = None):
        from reader.model.store import paths

        self.path = Path(path) if path is not None else paths.state_path()
        self._file = JsonFile(self.path, FORMAT, VERSION, what="reading state")
        self.notices = self._file.notices

    def _read_all(self) -> dict:
        corpora = self._file.read().get("corpora")
        return corpora if isinstance(corpora, dict) else {}

    def load(self, corpus_key: str) -> ReadingState:
        try:
            return ReadingState.from_json(self._read_all().get(corpus_key, {}))
        except Exception as exc:  # never let saved state stop the app from opening
            self.notices.append(f"reading state ignored ({type(exc).__name__}: {exc})")
            return ReadingState()

    def save(self, corpus_key: str, state: ReadingState) -> bool:
        """Merge this corpus's state into the file, atomically; False (with a notice) on failure."""
        corpora = self._read_all()
        entry = state.to_json()
        entry["saved"] = time.time()
        corpora.pop(corpus_key, None)
        corpora[corpus_key] = entry
        if len(corpora) > MAX_CORPORA:
            oldest = sorted(corpora, key=lambda k: _saved(corpora[k]))[: len(corpora) - MAX_CORPORA]
            for k in oldest:
                del corpora[k]
        return self._file.write({"corpora": corpora})


def _saved(entry) -> float:
    try:
        return float(entry.get("saved", 0.0))
    except (AttributeError, TypeError, ValueError):
        return 0.0
