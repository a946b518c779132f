"""Reading state per corpus: last article, scroll offsets, current entity, bookmarks, which
articles are read, and the list's filter.

Kept in the user's state database (user_store.py) with clippings and corrections, keyed by
`corpus_key(paths)`: one row per article's position and per bookmark, so concurrent windows
merge. Loading never raises; a damaged database is moved aside with a notice.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reader.model.store.user_store import OnUserStore, open_store

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


class StateStore(OnUserStore):
    """Reading state in the user's state database. `notices` collects messages for the user.

    A save writes only what changed since this store last loaded or saved that corpus: the
    position of each article moved, bookmarks added, re-noted or removed, the last article and
    entity if they changed. So two windows on one corpus keep both sets of bookmarks, and each
    window's positions; after a save the state holds the other window's bookmarks too.
    """

    def __init__(self, path: str | Path | None = None):
        super().__init__(open_store(path))
        self._base: dict[str, dict] = {}  # corpus -> the state as last read or written

    def _read(self, corpus_key: str) -> ReadingState:
        st = ReadingState()
        row = self.store.read("SELECT last_article, entity, list_filter FROM reading WHERE corpus = ?", (corpus_key,))
        if row:
            st.last_article, st.entity, st.list_filter = row[0]
        st.read = {r[0] for r in self.store.read("SELECT article FROM read_articles WHERE corpus = ?", (corpus_key,))}
        for article, offset in self.store.read(
            'SELECT article, "offset" FROM positions WHERE corpus = ?', (corpus_key,)
        ):
            st.scroll[article] = offset
        for article, offset, note, created in self.store.read(
            'SELECT article, "offset", note, created FROM bookmarks WHERE corpus = ? ORDER BY created, article, "offset"',
            (corpus_key,),
        ):
            st.bookmarks.append(Bookmark(article, offset, note, created))
        return ReadingState.from_json(st.to_json())  # the lenient checks of a loaded file

    def load(self, corpus_key: str) -> ReadingState:
        try:
            st = self._read(corpus_key)
        except Exception as exc:  # never let saved state stop the app from opening
            self.notices.append(f"reading state ignored ({type(exc).__name__}: {exc})")
            st = ReadingState()
        self._base[corpus_key] = st.to_json()
        self._drain()
        return st

    def save(self, corpus_key: str, state: ReadingState) -> bool:
        """Write what changed since the last load or save; False when it is kept for this session only.

        `state` then also holds what others saved meanwhile: their bookmarks, and their positions
        in articles this state has not moved in."""
        base = self._base.get(corpus_key) or ReadingState().to_json()
        now = state.to_json()
        old_marks = {(b["article_id"], b["offset"]): b for b in base["bookmarks"]}
        new_marks = {(b["article_id"], b["offset"]): b for b in now["bookmarks"]}
        moved = {a: o for a, o in now["scroll"].items() if base["scroll"].get(a) != o}
        read_now, read_base = set(now["read"]), set(base["read"])

        def change(conn):
            conn.execute(
                "INSERT INTO reading VALUES (?, ?, ?, ?, ?) ON CONFLICT(corpus) DO UPDATE SET saved = excluded.saved",
                (corpus_key, now["last_article"], now["entity"], time.time(), now["list_filter"]),
            )
            for field_ in ("last_article", "entity", "list_filter"):
                if now[field_] != base[field_]:
                    conn.execute(f"UPDATE reading SET {field_} = ? WHERE corpus = ?", (now[field_], corpus_key))
            conn.executemany(
                "INSERT OR REPLACE INTO positions VALUES (?, ?, ?)", [(corpus_key, a, o) for a, o in moved.items()]
            )
            for key in old_marks.keys() - new_marks.keys():
                conn.execute(
                    'DELETE FROM bookmarks WHERE corpus = ? AND article = ? AND "offset" = ?', (corpus_key, *key)
                )
            for key, b in new_marks.items():
                if old_marks.get(key) != b:
                    conn.execute(
                        "INSERT OR REPLACE INTO bookmarks VALUES (?, ?, ?, ?, ?)",
                        (corpus_key, *key, b["note"], b["created"]),
                    )
            conn.executemany(
                "INSERT OR IGNORE INTO read_articles VALUES (?, ?)", [(corpus_key, a) for a in read_now - read_base]
            )
            conn.executemany(
                "DELETE FROM read_articles WHERE corpus = ? AND article = ?",
                [(corpus_key, a) for a in read_base - read_now],
            )
            _forget_old(conn)

        changed = (
            moved
            or old_marks != new_marks
            or read_now != read_base
            or any(now[f] != base[f] for f in ("last_article", "entity", "list_filter"))
            or corpus_key not in self._base
        )
        try:
            if changed:  # nothing to write: only read what others wrote (and bump nobody's data_version)
                self.store.write(change)
        except Exception as exc:  # a save must never take the app down
            self.notices.append(f"reading state not saved ({type(exc).__name__}: {exc})")
            self._drain()
            return False
        merged = self._read(corpus_key)
        state.bookmarks = merged.bookmarks
        state.read = merged.read  # marked read (or unread) in another window too
        for article, offset in merged.scroll.items():
            if article not in moved:
                state.scroll[article] = offset
        self._base[corpus_key] = state.to_json()
        self._drain()
        return self.store.persistent


def _forget_old(conn) -> None:
    """Keep the store small: forget the least recently saved corpora beyond MAX_CORPORA."""
    old = [
        r[0] for r in conn.execute("SELECT corpus FROM reading ORDER BY saved DESC LIMIT -1 OFFSET ?", (MAX_CORPORA,))
    ]
    for key in old:
        for table in ("reading", "positions", "bookmarks", "read_articles"):
            conn.execute(f"DELETE FROM {table} WHERE corpus = ?", (key,))
