"""A big corpus's sentences for the palette, on disk: an SQLite FTS5 trigram index.

Sentences are most of a corpus's palette items (4.5M at 100k articles); as `SearchItem`s in
memory they took gigabytes. Above BIG_CORPUS articles the palette searches them here instead:
the folded sentence text (reader.model.search.keys.fold, words joined by single spaces) in a
contentless FTS5 table, and beside it each sentence's article and source offsets. A `SearchItem`
is made only for the hits. The file lives in the cache dir, named by a digest of the corpus's
files and STORE_VERSION, and is written to a temporary name and renamed when complete, so a
half-built index is never read; an older one for another corpus is removed.

Ranking follows the engine's tiers for sentences (reader.model.search.engine): the words as a
phrase at a word start (PHRASE), else every word at a word start (WORDS), in corpus order, less
the sentence kind's bias. Two differences: a word needs three letters to be searched (trigrams),
and misspelt words do not find sentences (the other kinds keep their typo tolerance).
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from reader.model.search.corpus_items import LABEL_MAX, one_line, sentence_spans
from reader.model.search.engine import KIND_ORDER, PHRASE, WORDS, Hit, SearchItem
from reader.model.search.keys import fold, highlighter, key_words, query_words

STORE_VERSION = 1
# Articles from which sentences are searched on disk rather than in memory: at 10k articles the
# in-memory sentence items alone held ~470 MB (peak RSS 825 MB against 350 MB with the store).
BIG_CORPUS = 5_000
_BIAS = KIND_ORDER.index("sentence") * 0.01  # as the engine's per-kind bias
_BATCH = 5_000
_SCAN = 400  # candidate rows read per step while looking for `limit` hits
_WORD = re.compile(r"[a-z0-9]+")


def corpus_digest(corpus) -> str:
    h = hashlib.sha256(f"sentences\0{STORE_VERSION}\0".encode())
    for a in corpus.articles[:]:
        h.update(f"{a.id}\0{a.source.digest}\0{a.start}\0{a.end}\n".encode())
    return h.hexdigest()[:24]


def big_corpus_store(corpus, cancelled: Callable[[], bool] | None = None) -> SentenceStore | None:
    """The on-disk sentence store of a big corpus, in the cache dir, built if missing (by
    `reader index`, so the app's first palette finds it); None below BIG_CORPUS articles."""
    from reader.model.store.paths import cache_dir

    if len(corpus.articles) < BIG_CORPUS:
        return None
    return SentenceStore.open(corpus, cache_dir() / "palette", cancelled)


class SentenceStore:
    """The palette's sentence part for a big corpus; searched like a SearchIndex (CombinedIndex)."""

    kinds = frozenset({"sentence"})

    def __init__(self, corpus, path: Path) -> None:
        self.corpus = corpus
        self.path = path
        self._local = threading.local()  # one connection per thread: searches run in worker threads
        self._n = self._db().execute("SELECT count(*) FROM spans").fetchone()[0]

    @classmethod
    def open(cls, corpus, directory: Path, cancelled: Callable[[], bool] | None = None) -> SentenceStore | None:
        """The store for `corpus` in `directory`, built now if missing; None if cancelled or if
        the disk refuses (the palette then has no sentences rather than an error)."""
        path = directory / f"sentences-{corpus_digest(corpus)}.sqlite3"
        try:
            if not path.exists():
                directory.mkdir(parents=True, exist_ok=True)
                if not _build(corpus, path, cancelled):
                    return None
                for old in directory.glob("sentences-*.sqlite3"):
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

    def search(self, query: str, kinds: Iterable[str] | None = None, limit: int = 50) -> list[Hit]:
        if kinds is not None and "sentence" not in set(kinds):
            return []
        words = [w[:40] for w in query_words(query)[:16]]
        if not words:
            return [] if query.strip() else self._first(limit)
        long = [w for w in words if len(w) >= 3]
        if not long:
            return []  # trigrams cannot find a word of one or two letters
        match = " AND ".join('"' + w + '"' for w in long)
        phrase = re.compile(r"(?<![a-z0-9])" + r" ".join(map(re.escape, words)))
        starts = [re.compile(r"(?<![a-z0-9])" + re.escape(w)) for w in words]
        span = highlighter(words)
        # hits as (score, rowid, article, start, end): items (which read the article's text) are
        # made for the `limit` kept only, not for every match of a chunk
        best: list[tuple[float, int, str, int, int]] = []
        words_tier: list[tuple[float, int, str, int, int]] = []
        db = self._db()
        try:
            rows = db.execute(
                "SELECT s.rowid, s.article, s.start, s.end, s.text FROM ft JOIN spans s ON s.rowid = ft.rowid "
                "WHERE ft MATCH ? ORDER BY ft.rowid",
                (match,),
            )
            while len(best) < limit:
                chunk = rows.fetchmany(_SCAN)
                if not chunk:
                    break
                for rowid, aid, s, e, text in chunk:
                    if phrase.search(text):
                        best.append((PHRASE - _BIAS, rowid, aid, s, e))
                    elif len(words_tier) < limit and all(p.search(text) for p in starts):
                        words_tier.append((WORDS - _BIAS, rowid, aid, s, e))
        except sqlite3.Error:
            return []
        ranked = (best + words_tier)[:limit]
        out = []
        for score, _, aid, s, e in ranked:
            item = _around(self._item(aid, s, e), span)
            out.append(Hit(item, round(score, 4), span(item.label)))
        return out

    def _first(self, limit: int) -> list[Hit]:
        rows = self._db().execute("SELECT article, start, end FROM spans ORDER BY rowid LIMIT ?", (limit,))
        return [Hit(self._item(aid, s, e), 0.0, None) for aid, s, e in rows]

    def _item(self, aid: str, s: int, e: int) -> SearchItem:
        """The hit with its whole sentence as the label (`_around` cuts it)."""
        art = self.corpus.article(aid)
        text = art.text[s:e] if art is not None else ""
        where = f"in · {one_line(art.title, 60)}" if art is not None else ""
        return SearchItem("sentence", " ".join(text.split()), (), ("sentence", aid, s, e), where)


def _around(item: SearchItem, span) -> SearchItem:
    """The label cut as the palette's labels are (LABEL_MAX characters), around the match when it
    lies further in (this index reads whole sentences; the in-memory one only their labels)."""
    full = item.label
    found = span(full)
    if len(full) <= LABEL_MAX or found is None or found[1] < LABEL_MAX:
        return replace(item, label=one_line(full))
    start = max(0, found[0] - LABEL_MAX // 3)
    return replace(item, label="…" + one_line(full[start:], LABEL_MAX - 1))


def _key_text(sentence: str) -> str:
    """The folded words, then after a bar the compounds written whole ("cease-fire": "ceasefire"),
    as the engine indexes them (reader.model.search.keys.key_words); a phrase never spans the bar."""
    text, words = key_words(fold(sentence))
    extra = words[len(text.split()) :] if text else []
    return text + (" | " + " ".join(extra) if extra else "")


def _build(corpus, path: Path, cancelled: Callable[[], bool] | None) -> bool:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    done = False
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("CREATE TABLE spans(rowid INTEGER PRIMARY KEY, article TEXT, start INT, end INT, text TEXT)")
        db.execute(
            "CREATE VIRTUAL TABLE ft USING fts5(text, content='spans', content_rowid='rowid', tokenize='trigram')"
        )
        batch: list[tuple[str, int, int, str]] = []
        for a in corpus.articles[:]:
            if cancelled is not None and cancelled():
                return False
            text = a.text
            for s, e in sentence_spans(a):
                batch.append((a.id, s, e, _key_text(text[s:e])))
            if len(batch) >= _BATCH:
                db.executemany("INSERT INTO spans(article, start, end, text) VALUES (?,?,?,?)", batch)
                batch.clear()
        db.executemany("INSERT INTO spans(article, start, end, text) VALUES (?,?,?,?)", batch)
        db.execute("INSERT INTO ft(ft) VALUES ('rebuild')")
        db.commit()
        done = True
    finally:
        db.close()
        if done:
            tmp.replace(path)  # complete: readers see it only now
        tmp.unlink(missing_ok=True)
    return done
