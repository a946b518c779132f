"""A part of a big corpus's palette index on disk: an SQLite FTS5 trigram table searched with the
engine's tiers. The sentences (reader.model.search.sentence_store) and the quotes
(reader.model.search.quote_store) are kept this way above BIG_CORPUS articles: as in-memory
`SearchItem`s they took hundreds of MB each at 100k articles.

Each row is a span of an article (article id, start, end), its folded key text (the words joined
by single spaces, reader.model.search.keys) in a contentless FTS5 table, and the columns its kind
needs to make a `SearchItem` for a hit (only the hits get one). A file lives in the cache dir,
named by a digest of what it was built from, and is written to a temporary name and renamed when
complete, so a half-built index is never read; an older one of the same kind is removed.

Ranking follows the engine's tiers (reader.model.search.engine): the words as a phrase at a word
start (PHRASE), else every word at a word start (WORDS), in row order (the kind's rank order),
less the kind's bias; a keyed kind (quotes: the label and the speaker's names are keys) ranks a
key that is, or starts with, the typed words first among its phrase matches (EXACT, PREFIX).
Differences from the engine: misspelt words do not find rows (the in-memory kinds keep their typo
tolerance), and a word needs three letters to be searched in sentences (trigrams), two in a keyed
kind, whose text starts with a space so that " th" finds word starts.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from reader.model.search.corpus_items import LABEL_MAX, one_line
from reader.model.search.engine import EXACT, KIND_ORDER, PHRASE, PREFIX, WORDS, Hit, SearchItem
from reader.model.search.keys import fold, highlighter, key_words, query_words

# Articles from which sentences and quotes are searched on disk rather than in memory: at 10k
# articles the in-memory sentence items alone held ~470 MB (peak RSS 825 MB against 350 MB with the store).
BIG_CORPUS = 5_000
_BATCH = 5_000
_HEAD = 3_000  # rows scanned in order before FTS5 is asked (`DiskIndex._rows`) ...
_HEAD_BYTES = 256_000  # ... or fewer, as many as hold this much text


class DiskIndex:
    """One kind's rows on disk, searched like a SearchIndex (engine.CombinedIndex). A subclass
    names its kind, its file prefix, its extra columns, and makes the item of a hit (`_item`)."""

    kind: ClassVar[str]
    prefix: ClassVar[str]  # file name: <prefix>-<digest>.sqlite3
    extra: ClassVar[tuple[str, ...]] = ()  # columns after (article, start, end, text)
    keyed: ClassVar[bool] = False  # the label and keys rank EXACT / PREFIX too (not sentences: engine)

    def __init__(self, corpus, path: Path) -> None:
        self.corpus = corpus
        self.path = path
        self._local = threading.local()  # one connection per thread: searches run in worker threads
        self._n = self._db().execute("SELECT count(*) FROM spans").fetchone()[0]
        self._head: int | None = None  # the last row of the head scan (`_head_rows`)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset({self.kind})

    @classmethod
    def open(
        cls,
        corpus,
        directory: Path,
        digest: str,
        rows: Callable[[], Iterable[tuple]],
        cancelled: Callable[[], bool] | None = None,
        ranked: bool = False,
        build: bool = True,
    ):
        """The index named `digest` in `directory`, built now from `rows()` if missing; None if
        cancelled or if the disk refuses (the palette then lacks this kind rather than erring).
        A row is (article, start, end, key text, *extra); with `ranked`, two more values (weight,
        label length) put the rows in the engine's rank order: weight descending, shorter first.
        `build`: False gives None at once when the file is missing."""
        path = directory / f"{cls.prefix}-{digest}.sqlite3"
        try:
            if not path.exists():
                if not build:
                    return None
                directory.mkdir(parents=True, exist_ok=True)
                if not _build(path, cls.extra, rows(), cancelled, ranked):
                    return None
                for old in directory.glob(f"{cls.prefix}-*.sqlite3"):
                    if old != path:
                        old.unlink(missing_ok=True)
            return cls(corpus, path)
        except (OSError, sqlite3.Error):
            return None

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        return db

    def __len__(self) -> int:
        return self._n

    def _item(self, aid: str, s: int, e: int, *extra) -> SearchItem:
        """The hit's item, with its whole label (`_around` cuts it)."""
        raise NotImplementedError

    def search(self, query: str, kinds: Iterable[str] | None = None, limit: int = 50) -> list[Hit]:
        if kinds is not None and self.kind not in set(kinds):
            return []
        words = [w[:40] for w in query_words(query)[:16]]
        if not words:
            return [] if query.strip() else self._first(limit)
        bias = KIND_ORDER.index(self.kind) * 0.01  # as the engine's per-kind bias
        try:
            found = self._anchored(words, limit) if self.keyed else self._scanned(words, limit)
        except sqlite3.Error:
            return []
        span = highlighter(words)
        out = []
        for tier, row in found:  # items (which may read the article's text) for the hits kept only
            item, match = _around(self._item(*row), span)
            out.append(Hit(item, round(tier - bias, 4), match))
        return out

    def _rows(self, match: str, contains: list[str], limit: int | None = None):
        """(rowid, text, article, start, end, *extra) of the rows holding every string of
        `contains`, in row order. A string made only of common trigrams (" th") makes FTS5 read
        long lists of rows (30 ms at 10k articles, ten times that at 100k), while such rows are
        common enough to be met at once in row order: so the first _HEAD rows are scanned with
        instr (a few ms), and FTS5 answers for the rows after them only when those fell short."""
        cols = "".join(f", s.{c}" for c in self.extra)
        head = " AND ".join("instr(s.text, ?)" for _ in contains)
        last = self._head_rows()
        cap = f" LIMIT {int(limit)}" if limit is not None else ""
        db = self._db()
        n = 0
        for row in db.execute(
            f"SELECT s.rowid, s.text, s.article, s.start, s.end{cols} FROM spans s "
            f"WHERE s.rowid <= {last} AND {head} ORDER BY s.rowid{cap}",
            contains,
        ):
            n += 1
            yield row
        if limit is not None and n >= limit:
            return
        cap = f" LIMIT {int(limit) - n}" if limit is not None else ""
        yield from db.execute(
            f"SELECT s.rowid, s.text, s.article, s.start, s.end{cols} FROM ft JOIN spans s ON s.rowid = ft.rowid "
            f"WHERE ft MATCH ? AND ft.rowid > {last} ORDER BY ft.rowid{cap}",
            (match,),
        )

    def _head_rows(self) -> int:
        """The last row the head scan reads: _HEAD rows, or fewer when their text passes
        _HEAD_BYTES (the best-weighted quotes come first and are long: 3,000 of them were 1.7 MB
        at 100k articles, 6 ms a keystroke, while FTS5 answered a common phrase in under 1 ms)."""
        if self._head is None:
            total, last = 0, 0
            for rowid, size in self._db().execute(
                f"SELECT rowid, length(text) FROM spans WHERE rowid <= {_HEAD} ORDER BY rowid"
            ):
                total, last = total + (size or 0), rowid
                if total >= _HEAD_BYTES:
                    break
            self._head = last
        return self._head

    def _scanned(self, words: list[str], limit: int) -> list[tuple[float, tuple]]:
        """(tier, row) of the best rows, for text stored as is: FTS finds the words anywhere,
        regexes keep those at word starts."""
        long = [w for w in words if len(w) >= 3]
        if not long:
            return []  # trigrams cannot find a word of one or two letters
        phrase = re.compile(r"(?<![a-z0-9])" + r" ".join(map(re.escape, words)))
        starts = [re.compile(r"(?<![a-z0-9])" + re.escape(w)) for w in words]
        best: list[tuple[float, tuple]] = []
        words_tier: list[tuple[float, tuple]] = []
        for _, text, *row in self._rows(" AND ".join('"' + w + '"' for w in long), long):
            if phrase.search(text):
                best.append((PHRASE, tuple(row)))
                if len(best) >= limit:
                    break
            elif len(words_tier) < limit and all(p.search(text) for p in starts):
                words_tier.append((WORDS, tuple(row)))
        return (best + words_tier)[:limit]

    def _anchored(self, words: list[str], limit: int) -> list[tuple[float, tuple]]:
        """(tier, row) of the best rows, for text stored after a space (`key_text`): a space
        before a word makes FTS match it at word starts only (" the" is a trigram), so the phrase
        and the words are each one query and no row is read in vain."""
        typed = " ".join(words)
        if len(typed) < 2:
            return []  # " x" is no trigram
        best = []
        for rowid, text, *row in self._rows(f'" {typed}"', [f" {typed}"], limit):
            best.append((_key_tier(text, typed) or PHRASE, rowid, tuple(row)))
        best.sort(key=lambda h: -h[0])  # stable: row order within a tier
        out = [(tier, row) for tier, _, row in best]
        short = [w for w in words if len(w) < 2]
        if len(out) >= limit or len(words) == 1 or short == words:
            return out[:limit]
        seen = {rowid for _, rowid, _ in best}
        # words of one letter are left to the phrase: " a" is no trigram either
        long = [w for w in words if len(w) >= 2]
        for rowid, text, *row in self._rows(" AND ".join(f'" {w}"' for w in long), [f" {w}" for w in long]):
            if rowid not in seen and all(f" {w}" in text for w in short):
                out.append((WORDS, tuple(row)))
                if len(out) >= limit:
                    break
        return out

    def _first(self, limit: int) -> list[Hit]:
        cols = "".join(f", {c}" for c in self.extra)
        rows = self._db().execute(f"SELECT article, start, end{cols} FROM spans ORDER BY rowid LIMIT ?", (limit,))
        return [Hit(_around(self._item(*row), lambda _: None)[0], 0.0, None) for row in rows]


def _around(item: SearchItem, span) -> tuple[SearchItem, tuple[int, int] | None]:
    """The label cut as the palette's labels are (LABEL_MAX characters), around the match when it
    lies further in (these indexes read whole labels; the in-memory one only their starts), and
    the match in it. `span` runs over a long label once: folding a long quote is most of a search."""
    full = item.label
    found = span(full)
    if len(full) <= LABEL_MAX:
        return item, found
    if found is None or found[1] < LABEL_MAX:
        label = one_line(full)
    else:
        label = "…" + one_line(full[max(0, found[0] - LABEL_MAX // 3) :], LABEL_MAX - 1)
    return replace(item, label=label), span(label)


def key_text(label: str, keys: Iterable[str] = ()) -> str:
    """The folded words, then after a bar the compounds written whole ("cease-fire": "ceasefire"),
    as the engine indexes them (reader.model.search.keys.key_words), then each key's words after a
    hash: a phrase never spans either."""
    text, words = key_words(fold(label))
    extra = words[len(text.split()) :] if text else []
    out = text + (" | " + " ".join(extra) if extra else "")
    for k in keys:
        if kt := key_words(fold(k))[0]:
            out += " # " + kt
    return out


def _key_tier(text: str, typed: str) -> float:
    """EXACT or PREFIX when the label's words or a key's are, or start with, the typed words
    (the engine's first tiers), else 0. The rows are read in rank order until `limit` rows of
    PHRASE or better are found: a key match further on is not seen, as a phrase match is not."""
    head, *keys = text[1:].split(" # ")
    parts = [head.split(" | ")[0], *keys]
    if typed in parts:
        return EXACT
    return PREFIX if any(p.startswith(typed) for p in parts) else 0.0


def _build(
    path: Path, extra: tuple[str, ...], rows: Iterable[tuple], cancelled: Callable[[], bool] | None, ranked: bool
) -> bool:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    done = False
    cols = "article TEXT, start INT, end INT, text TEXT" + "".join(f", {c} TEXT" for c in extra)
    names = "article, start, end, text" + "".join(f", {c}" for c in extra)
    marks = ",".join("?" * (4 + len(extra)))
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute(f"CREATE TABLE spans(rowid INTEGER PRIMARY KEY, {cols})")
        into = "spans"
        if ranked:  # staged in input order, then copied in rank order (sorted by SQLite, not in memory)
            db.execute(f"CREATE TEMP TABLE staged(rowid INTEGER PRIMARY KEY, {cols}, weight REAL, size INT)")
            into, names, marks = "staged", names + ", weight, size", marks + ",?,?"
        db.execute(
            "CREATE VIRTUAL TABLE ft USING fts5(text, content='spans', content_rowid='rowid', tokenize='trigram')"
        )
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= _BATCH:
                if cancelled is not None and cancelled():
                    return False
                db.executemany(f"INSERT INTO {into}({names}) VALUES ({marks})", batch)
                batch.clear()
        if cancelled is not None and cancelled():
            return False
        db.executemany(f"INSERT INTO {into}({names}) VALUES ({marks})", batch)
        if ranked:
            kept = "article, start, end, text" + "".join(f", {c}" for c in extra)
            db.execute(f"INSERT INTO spans({kept}) SELECT {kept} FROM staged ORDER BY weight DESC, size, rowid")
            db.execute("DROP TABLE staged")
        db.execute("INSERT INTO ft(ft) VALUES ('rebuild')")
        db.commit()
        done = True
    finally:
        db.close()
        if done:
            tmp.replace(path)  # complete: readers see it only now
        tmp.unlink(missing_ok=True)
    return done
