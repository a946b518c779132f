"""Clippings: quotes, entity mentions and selections a reader gathered from one corpus, in their order.

Each item keeps its exact source span (offsets into the article's source file, as every offset
in reader), the text there, who said it or which entity it names, and its citation, plus a
copy of the article's metadata so an export never needs the analysis again. The collection of
a corpus (`Corpus.key`) lives in the user's state database (user_store), where the app (`y`,
`Y`, and copying without a system clipboard) and any number of `reader clip` share it.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from reader.model.outputs.citation_styles import format_reference
from reader.model.outputs.corpus_citations import quote_holding, quote_speaker
from reader.model.outputs.reference import Reference, make_reference, page_range
from reader.model.store.jsonfile import dumps
from reader.model.store.user_store import OnUserStore, UserStore, open_store

FORMAT = "reader-clippings"
VERSION = 1
KINDS = ("quote", "mention", "selection")


@dataclass(slots=True)
class Clipping:
    kind: str  # one of KINDS
    article: str  # article id
    path: str  # its source file; start/end are offsets into that file's decoded text
    start: int
    end: int
    text: str  # source text[start:end], exactly
    title: str = ""
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    speaker: str | None = None  # who said it (a quote, or words inside one)
    entity: str | None = None  # the entity a mention names
    note: str = ""
    created: str = ""  # ISO 8601, UTC
    citation: str = ""  # plain style, as `c` copies it
    # provenance for machine-readable citations (absent from clippings saved before they existed)
    byline: str | None = None
    author: str | None = None
    page: str = ""  # the source's page(s) of the span: "3", "3–4"
    locator: str | None = None  # a database's document number
    quoted: bool = False  # the words are (inside) a quotation: no speaker means "speaker unknown"

    @property
    def who(self) -> str:
        """The entity for a mention, else the speaker; '' when neither is known."""
        return (self.entity if self.kind == "mention" else self.speaker) or ""

    def excerpt(self, width: int = 70) -> str:
        """The text on one line, cut to `width` characters with an ellipsis."""
        one = " ".join(self.text.split())
        return one if len(one) <= width else one[: width - 1].rstrip() + "\u2026"

    def reference(self) -> Reference:
        """This clipping as a citation's Reference (accessed: the day it was clipped)."""
        return make_reference(
            self.text,
            self.speaker,
            self.title,
            self.publisher,
            self.date,
            self.url,
            author=self.author,
            byline=self.byline,
            page=self.page,
            locator=self.locator,
            accessed=self.created[:10] or None,
            speaker_unknown=self.quoted,
            note=self.note,
        )

    def problem(self, corpus) -> str | None:
        """Why this clipping no longer points at its text in `corpus` (file changed or not open), else None."""
        art = corpus.article(self.article)
        if art is None:
            return f"its article {self.article} is not in this corpus (the file changed or was not opened)"
        if art.text[self.start : self.end] != self.text:
            return f"the text of {Path(self.path).name} changed since it was clipped"
        return None

    def same_span(self, other: Clipping) -> bool:
        return (self.article, self.start, self.end) == (other.article, other.start, other.end)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Clipping:
        """Raises TypeError/ValueError/KeyError when `data` is not a clipping (a field of the wrong type)."""
        if not isinstance(data, dict):
            raise TypeError("not a record")
        known = {f.name for f in fields(cls)}
        item = cls(**{k: v for k, v in data.items() if k in known})
        if item.kind not in KINDS:
            raise ValueError(f"unknown kind {item.kind!r}")
        for name in _TEXT_FIELDS:
            if not isinstance(getattr(item, name), str):
                raise TypeError(f"{name} is not text")
        for name in _OPTIONAL_TEXT:
            if getattr(item, name) is not None and not isinstance(getattr(item, name), str):
                raise TypeError(f"{name} is not text")
        for name in ("start", "end"):
            v = getattr(item, name)
            if not isinstance(v, int) or isinstance(v, bool):
                raise TypeError(f"{name} is not a whole number")
        if not isinstance(item.quoted, bool):
            raise TypeError("quoted is not true or false")
        if not 0 <= item.start < item.end or len(item.text) != item.end - item.start:
            raise ValueError("bad span")
        return item


_TEXT_FIELDS = ("article", "path", "text", "title", "note", "created", "citation", "page")
_OPTIONAL_TEXT = ("publisher", "date", "url", "speaker", "entity", "byline", "author", "locator")


def clip_span(corpus, article, start: int, end: int, note: str = "") -> Clipping:
    """A clipping of article source text [start, end).

    Its kind follows the span: exactly a quote is a quote (with its speaker), exactly an entity
    mention is a mention (with the entity's name), anything else a selection (credited to the
    speaker of the quote holding it, if any). Raises ValueError when the span is not inside
    the article.
    """
    if not (article.start <= start < end <= article.end):
        raise ValueError(
            f"{start}-{end} is not a span of article {article.id} (its text is at {article.start}-{article.end})"
        )
    kind, speaker, entity = "selection", None, None
    quote = next((q for q in corpus.quotes_in(article) if (q.start, q.end) == (start, end)), None)
    mention = next((ent for s, e, ent in corpus.mentions_in(article) if (s, e) == (start, end)), None)
    holder = quote or quote_holding(corpus, article, start, end)
    if holder is not None:
        speaker = quote_speaker(corpus, article, holder)
    if quote is not None:
        kind = "quote"
    elif mention is not None:
        kind, entity = "mention", mention.name
    text = article.text[start:end]
    item = Clipping(
        kind,
        article.id,
        article.path,
        start,
        end,
        text,
        article.title,
        article.publisher,
        article.date,
        article.url,
        speaker,
        entity,
        note,
        datetime.now(UTC).isoformat(timespec="seconds"),
        "",
        article.byline,
        getattr(article, "author", None),
        page_range(article, start, end),
        getattr(article, "locator", None),
        holder is not None,
    )
    ref = item.reference()
    ref.note = ""  # the citation cites the source; the note stays the reader's
    item.citation = format_reference(ref)
    return item


def clippings_path(corpus_key: str) -> Path:
    """Where versions before the state database kept a corpus's clippings (read once, then left)."""
    from reader.model.store import paths

    return paths.state_dir() / "clippings" / f"{corpus_key}.json"


class Clippings(OnUserStore):
    """The clippings of one corpus, in the user's order, as the state database holds them.

    Every change is one transaction there, made against the rows as they are at that moment
    (another process may have added some meanwhile: nothing is lost), and the list is read
    back after it. `remove` and `move` name the item the caller was shown, not a position that
    may since have shifted. A record that is not a clipping (a field of the wrong type) is set
    aside with a notice; the rest load. `notices` collects messages for the user.
    """

    def __init__(self, corpus_key: str, label: str = "", store: UserStore | None = None):
        self.key = corpus_key
        self.label = label  # names the corpus in exports
        super().__init__(store if store is not None else open_store())
        self.items: list[Clipping] = []
        self._ids: list[int] = []
        self.reload()

    @classmethod
    def of(cls, corpus, store: UserStore | None = None) -> Clippings:
        return cls(corpus.key, corpus_label(corpus.paths), store)

    def reload(self) -> bool:
        """Read the collection again; True when it changed (another process added or moved some)."""
        rows = self.store.read("SELECT id, data FROM clippings WHERE corpus = ? ORDER BY position, id", (self.key,))
        items, ids, bad = [], [], []
        for rid, data in rows:
            try:
                items.append(Clipping.from_json(json.loads(data)))
                ids.append(rid)
            except (TypeError, ValueError, KeyError, AttributeError, RecursionError) as exc:
                bad.append((rid, data, str(exc)[:80] or type(exc).__name__))
        if bad:
            set_aside(self.store, "clipping", self.key, bad, "clippings")
            self.notices.append(
                f"{len(bad)} unreadable clipping(s) set aside (kept in the set_aside table of {self.path})"
            )
        changed = ids != self._ids or items != self.items
        self.items, self._ids = items, ids
        self._drain()
        return changed

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __getitem__(self, index: int) -> Clipping:
        return self.items[index]

    def index_of(self, item: Clipping) -> int | None:
        return next((i for i, x in enumerate(self.items) if x.same_span(item)), None)

    def add(self, item: Clipping) -> bool:
        """Append `item`; False (nothing changes) when its span is already clipped."""

        def change(conn):
            pos = conn.execute(
                "SELECT coalesce(max(position), 0) + 1 FROM clippings WHERE corpus = ?", (self.key,)
            ).fetchone()[0]
            cur = conn.execute(
                'INSERT OR IGNORE INTO clippings (corpus, position, article, start, "end", data) VALUES (?,?,?,?,?,?)',
                (self.key, pos, item.article, item.start, item.end, dumps(item.to_json())),
            )
            return cur.rowcount == 1

        added = bool(self.store.write(change))
        self.reload()
        return added

    def _check(self, index: int) -> int:
        if not 0 <= index < len(self.items):
            raise IndexError(f"no clipping {index + 1} (there are {len(self.items)})")
        return self._ids[index]

    def remove(self, index: int) -> Clipping:
        """Remove and return the item at `index` as last read (IndexError when there is none)."""
        rid, item = self._check(index), self.items[index]
        self.store.write(lambda conn: conn.execute("DELETE FROM clippings WHERE id = ?", (rid,)))
        self.reload()
        return item

    def move(self, index: int, step: int) -> int:
        """Move the item at `index` by `step` places (clamped at the ends); its new index."""
        rid = self._check(index)

        def change(conn):
            ids = [
                r[0]
                for r in conn.execute("SELECT id FROM clippings WHERE corpus = ? ORDER BY position, id", (self.key,))
            ]
            if rid not in ids:
                return
            i = ids.index(rid)
            to = max(0, min(len(ids) - 1, i + step))
            if to == i:
                return
            ids.insert(to, ids.pop(i))
            conn.executemany("UPDATE clippings SET position = ? WHERE id = ?", [(n + 1, x) for n, x in enumerate(ids)])

        self.store.write(change)
        self.reload()
        return self._ids.index(rid) if rid in self._ids else index

    def set_note(self, index: int, note: str) -> Clipping:
        """Set (or, with '', clear) the note of the item at `index` as last read; the item."""
        rid, item = self._check(index), self.items[index]

        def change(conn):
            row = conn.execute("SELECT data FROM clippings WHERE id = ?", (rid,)).fetchone()
            if row is not None:  # the record as it is now, with only the note changed
                data = json.loads(row[0])
                data["note"] = note.strip()
                conn.execute("UPDATE clippings SET data = ? WHERE id = ?", (dumps(data), rid))

        self.store.write(change)
        self.reload()
        return self.items[self._ids.index(rid)] if rid in self._ids else item


def set_aside(store: UserStore, what: str, corpus: str, bad: list[tuple[int, str, str]], table: str) -> None:
    """Move bad rows (id, data, reason) of `table` to the set_aside table, where they are kept."""

    def change(conn):
        for rid, data, reason in bad:
            conn.execute("INSERT INTO set_aside VALUES (?, ?, ?, ?, ?)", (what, corpus, data, reason, time.time()))
            conn.execute(f"DELETE FROM {table} WHERE rowid = ?", (rid,))

    store.write(change)


def corpus_label(paths) -> str:
    """A short name for what was opened: its folder and file names."""
    return ", ".join(Path(p).name or str(p) for p in paths)
