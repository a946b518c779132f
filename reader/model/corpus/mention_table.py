"""Entity mentions as int32 columns instead of one Python object each.

A 100,000-article archive has millions of mentions; as `EntityMention` objects (and again as
(start, end, entity) tuples per file) they took gigabytes. Here every mention is a row of four
int32 columns (file, start, end, surface form), an entity's mentions are a slice of them
(`MentionColumns`, a read-only sequence that makes `EntityMention`s only when read), and the
reader's per-file lookup is one sorted permutation of the rows (`SpanIndex`).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from reader.model.corpus.entity_records import EntityMention

if TYPE_CHECKING:
    from reader.model.corpus.entity_records import Entity


class MentionTable:
    """Rows of (file, start, end, form) as int32 arrays; `forms` holds each surface form once."""

    __slots__ = ("file", "start", "end", "form", "forms")

    def __init__(self, cols: np.ndarray, forms: list[str]) -> None:
        if cols.ndim != 2 or cols.shape[0] != 4:
            raise ValueError("mention columns are not four")
        if cols.shape[1] and (int(cols[3].min()) < 0 or int(cols[3].max()) >= len(forms)):
            raise ValueError("a mention's form is out of range")
        self.file, self.start, self.end, self.form = (np.ascontiguousarray(c, dtype=np.int32) for c in cols)
        self.forms = forms

    @classmethod
    def of(cls, groups: Sequence[Sequence[EntityMention]], consume: bool = False) -> tuple[MentionTable, list[int]]:
        """The table of these mention lists, one after the other, and where each begins.
        `consume`: each list is emptied once read (its mentions freed as the table grows)."""
        forms: dict[str, int] = {}
        cols = fi, st, en, fo = array("i"), array("i"), array("i"), array("i")  # machine ints, not an object each
        offsets = []
        for g in groups:
            offsets.append(len(fi))
            for m in g:
                fi.append(m.file)
                st.append(m.start)
                en.append(m.end)
                fo.append(forms.setdefault(m.text, len(forms)))
            if consume:
                g.clear()  # type: ignore[attr-defined]
        offsets.append(len(fi))
        table = cls.__new__(cls)  # the columns as they are (no copy): each an int32 array already
        table.file, table.start, table.end, table.form = (
            np.frombuffer(c, dtype=np.intc) if len(c) else np.empty(0, np.intc) for c in cols
        )
        table.forms = list(forms)
        return table, offsets

    def made_of(self, groups: Sequence[Sequence[EntityMention]]) -> bool:
        """Whether `of(groups)` would give this very table: every group one of its MentionColumns,
        in order, together all its rows, its forms each first met in their order (so it is
        written as it is instead of rebuilt row by row)."""
        at = 0
        for g in groups:
            if not isinstance(g, MentionColumns):
                return False
            t, lo, hi = g.rows()
            if t is not self or lo != at:
                return False
            at = hi
        if at != len(self) or len(set(self.forms)) != len(self.forms):
            return False
        ids, first = np.unique(self.form, return_index=True)
        return (
            len(ids) == len(self.forms)
            and bool((ids == np.arange(len(ids))).all())
            and bool((np.diff(first) > 0).all())
        )

    def columns(self) -> np.ndarray:
        return np.stack([self.file, self.start, self.end, self.form])

    def __len__(self) -> int:
        return len(self.file)


class MentionColumns(Sequence[EntityMention]):
    """One entity's mentions: rows lo..hi of a MentionTable, as EntityMentions when read.
    Adding it to a list gives a list (corrections merge entities that way)."""

    __slots__ = ("_t", "_lo", "_hi")

    def __init__(self, table: MentionTable, lo: int, hi: int) -> None:
        self._t, self._lo, self._hi = table, lo, hi

    def __len__(self) -> int:
        return self._hi - self._lo

    def __iter__(self) -> Iterator[EntityMention]:
        t, lo, hi = self._t, self._lo, self._hi
        forms = t.forms
        for f, s, e, k in zip(
            t.file[lo:hi].tolist(), t.start[lo:hi].tolist(), t.end[lo:hi].tolist(), t.form[lo:hi].tolist(), strict=True
        ):
            yield EntityMention(f, s, e, forms[k])

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return list(self)[i]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        t, j = self._t, self._lo + i
        return EntityMention(int(t.file[j]), int(t.start[j]), int(t.end[j]), t.forms[int(t.form[j])])

    def __add__(self, other) -> list[EntityMention]:
        return [*self, *other]

    def __radd__(self, other) -> list[EntityMention]:
        return [*other, *self]

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"MentionColumns({len(self)} mentions)"

    def rows(self) -> tuple[MentionTable, int, int]:
        return self._t, self._lo, self._hi


class SpanIndex(Mapping[int, list]):
    """File index -> [(start, end, entity)] sorted by (start, end): the mentions the reader
    shows, made per file when asked. Sorting every row (millions at 100,000 files) costs
    seconds, so the first few files asked for are found by a scan of the file column (a few
    milliseconds each: the article on screen, its neighbours), and the rows are sorted once
    when more are asked for or the whole mapping is walked. Either way a file's mentions come
    in the same order: by (start, end), ties in entity order."""

    _SCANS = 32  # files answered by a scan before the rows are sorted

    def __init__(self, entities: Sequence[Entity]) -> None:
        self._rows = entity_rows(entities)  # (file, start, end, entity)
        self._entities = list(entities)
        self.of = entities  # the sequence given: a caller can tell whether it still is the corpus's
        self._scans = 0
        self._sorted: tuple[np.ndarray, ...] | None = None  # the rows sorted, and each file once

    def prepare(self) -> None:
        """Sort the rows now (in a worker, once the corpus is whole): the reader's look-ups are
        then searches, and the sort (~1 s at 100k articles) never falls on a key."""
        self._sort()

    def _sort(self) -> tuple[np.ndarray, ...]:
        got = self._sorted
        if got is None:
            rows = self._rows
            order = np.lexsort((rows[2], rows[1], rows[0]))  # stable: entity order breaks ties, as before
            f, s, e, k = (np.ascontiguousarray(rows[n][order]) for n in range(4))
            files = f[np.r_[True, f[1:] != f[:-1]]] if len(f) else f  # sorted already: no np.unique
            got = self._sorted = (f, s, e, k, files)  # one assignment: another thread sees all or none
        return got

    def _of(self, file: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The file's (start, end, entity) columns in text order."""
        if self._sorted is None and self._scans < self._SCANS:
            self._scans += 1
            rows = self._rows
            idx = np.flatnonzero(rows[0] == file)  # in row order, so ties stay in entity order
            idx = idx[np.lexsort((rows[2][idx], rows[1][idx]))]
            return rows[1][idx], rows[2][idx], rows[3][idx]
        f, s, e, k, _files = self._sort()
        lo, hi = f.searchsorted(_int32(file, file + 1))
        return s[lo:hi], e[lo:hi], k[lo:hi]

    def within(self, file: int, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """The file's mentions that lie inside [start, end], in text order."""
        s, e, k = self._of(file)
        a, b = s.searchsorted(_int32(start, end)).tolist()
        ents = self._entities
        return [
            (x, y, ents[n])
            for x, y, n in zip(s[a:b].tolist(), e[a:b].tolist(), k[a:b].tolist(), strict=True)
            if y <= end
        ]

    def __getitem__(self, file: int) -> list[tuple[int, int, Entity]]:
        s, e, k = self._of(file)
        if not len(s):
            raise KeyError(file)
        ents = self._entities
        return [(x, y, ents[n]) for x, y, n in zip(s.tolist(), e.tolist(), k.tolist(), strict=True)]

    def __iter__(self) -> Iterator[int]:
        return iter(self._sort()[4].tolist())

    def __len__(self) -> int:
        return len(self._sort()[4])

    def __contains__(self, file: object) -> bool:
        if not isinstance(file, int):
            return False
        return len(self._of(file)[0]) > 0

    def columns_within(self, file: int, start: int, end: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`within` as (start, end, entity index) columns, for callers that test many spans at once."""
        s, e, k = self._of(file)
        a, b = s.searchsorted(_int32(start, end)).tolist()
        keep = e[a:b] <= end
        return s[a:b][keep], e[a:b][keep], k[a:b][keep]

    @property
    def entities(self) -> list[Entity]:
        return self._entities

    def rows(self) -> list[np.ndarray]:
        """Every mention as (file, start, end, entity index) columns, in no particular order."""
        return self._rows


class ArticleSpans:
    """Articles as (file, start, end), sorted once, to place many mentions in them with numpy: an
    entity view counts every entity's mentions and articles (half a million mentions at 10k
    articles, seconds one by one)."""

    def __init__(self, spans: Sequence[tuple[int, int, int]]) -> None:
        arr = np.array(spans, dtype=np.int64).reshape(-1, 3)
        self._order = np.lexsort((arr[:, 1], arr[:, 0]))
        arr = arr[self._order]
        self._key = (arr[:, 0] << 32) | arr[:, 1]
        self._file, self._end = arr[:, 0], arr[:, 2]

    def place(self, mentions: Sequence[EntityMention]) -> np.ndarray:
        """For each mention, the index (into the spans given) of the article it lies in: the
        file's last article starting at or before it, which must hold it whole; -1 when none."""
        return self._place(*mention_columns(mentions))

    def articles_holding(self, mentions: Sequence[EntityMention]) -> tuple[int, list[int]]:
        """(mentions inside an article, the indices of the articles holding any, ascending)."""
        where = self.place(mentions)
        inside = where[where >= 0]
        return len(inside), np.unique(inside).tolist()

    def _inside(self, mentions: Sequence[EntityMention]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(article index, start, end) of the mentions inside an article, by article then position."""
        f, s, e = mention_columns(mentions)
        where = self._place(f, s, e)
        ok = where >= 0
        w, s, e = where[ok], s[ok], e[ok]
        order = np.lexsort((e, s, w))
        return w[order], s[order], e[order]

    def grouped(self, mentions: Sequence[EntityMention]) -> Iterator[tuple[int, list[tuple[int, int]]]]:
        """(article index, the (start, end) of its mentions in text order) for each article
        holding any, in the order of the spans given; mentions outside every article are left out."""
        w, s, e = self._inside(mentions)
        cuts = np.flatnonzero(np.r_[True, w[1:] != w[:-1], True]).tolist() if len(w) else []
        ws, ss, es = w.tolist(), s.tolist(), e.tolist()
        for lo, hi in zip(cuts, cuts[1:]):
            yield ws[lo], list(zip(ss[lo:hi], es[lo:hi]))

    def per_article_columns(self, mentions: Sequence[EntityMention]) -> tuple[np.ndarray, ...]:
        """`per_article` as arrays: article index, mentions inside it, the first one's start and end."""
        w, s, e = self._inside(mentions)
        first = np.flatnonzero(np.r_[True, w[1:] != w[:-1]]) if len(w) else w
        counts = np.diff(np.r_[first, len(w)])
        return w[first], counts, s[first], e[first]

    def per_article(self, mentions: Sequence[EntityMention]) -> list[tuple[int, int, tuple[int, int]]]:
        """(article index, mentions inside it, the first one's (start, end)) for each article
        holding any, in the order of the spans given."""
        w, n, s, e = (c.tolist() for c in self.per_article_columns(mentions))
        return [(a, k, (st, en)) for a, k, st, en in zip(w, n, s, e, strict=True)]

    def entity_pairs(
        self, rows: Sequence[np.ndarray], n_entities: int, chunk: int = 1 << 20
    ) -> tuple[np.ndarray, np.ndarray]:
        """From (file, start, end, entity) columns: each entity's mentions inside an article,
        and the distinct places of its mentions as sorted `entity << 34 | place` keys, where
        place - 2**32 is the article's index (into the spans given) or, below zero, -1 - the
        file of a mention outside every article (`place_of` splits a key). Rows are placed
        `chunk` at a time and only each chunk's distinct keys kept: at 100k articles the int64
        columns of every mention at once took ~370 MB at the end of analysis."""
        inside = np.zeros(n_entities, dtype=np.int64)
        kept = []
        for lo in range(0, len(rows[0]), chunk):
            f, s, e, ent = (np.asarray(c[lo : lo + chunk], dtype=np.int64) for c in rows[:4])
            where = self._place(f, s, e)
            inside += np.bincount(ent[where >= 0], minlength=n_entities)[:n_entities]
            place = np.where(where >= 0, where, -1 - f) + (1 << 32)  # files below zero, articles above
            del f, s, e, where
            kept.append(distinct_sorted((ent << 34) | place))
        pairs = distinct_sorted(np.concatenate(kept)) if kept else np.empty(0, dtype=np.int64)
        return inside, pairs

    def articles_per_entity(self, rows: Sequence[np.ndarray], n_entities: int, chunk: int = 1 << 20) -> np.ndarray:
        """For each entity, the articles its mentions lie in, from (file, start, end, entity)
        columns; a mention outside every article counts its file as one more."""
        pairs = self.entity_pairs(rows, n_entities, chunk)[1]
        return np.bincount(pairs >> 34, minlength=n_entities)[:n_entities]

    def _place(self, f: np.ndarray, s: np.ndarray, e: np.ndarray) -> np.ndarray:
        if not len(f) or not len(self._key):
            return np.full(len(f), -1, dtype=np.int64)
        k = np.searchsorted(self._key, (f << 32) | s, side="right") - 1
        at = np.maximum(k, 0)
        end = self._end[at]
        ok = (k >= 0) & (self._file[at] == f) & (s < end) & (e <= end)
        return np.where(ok, self._order[at], -1)


def first_covering(columns: tuple[np.ndarray, np.ndarray, np.ndarray], spans: Sequence[tuple[int, int]]) -> list[int]:
    """For each (start, end) speaker span, the entity of the first mention (in the columns' text
    order) that holds its start or starts inside it, as Corpus.speaker_entity tests one by one;
    -1 when none. `columns`: a SpanIndex's (start, end, entity) of one article."""
    s, e, k = columns
    if not spans or not len(s):
        return [-1] * len(spans)
    q = np.array(spans, dtype=np.int64).reshape(-1, 2)
    ss, se = q[:, :1], q[:, 1:]
    se = np.where(se == 0, ss, se)  # no end: only a mention holding the start counts
    ok = ((s <= ss) & (ss < e)) | ((ss <= s) & (s < se))
    first = ok.argmax(axis=1)
    return np.where(ok.any(axis=1), k[first], -1).tolist()


def mention_columns(mentions: Sequence[EntityMention]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(file, start, end) of the mentions as int64 arrays (a table's rows are sliced, not read one by one)."""
    if isinstance(mentions, MentionColumns):
        t, lo, hi = mentions.rows()
        f, s, e = (c[lo:hi].astype(np.int64) for c in (t.file, t.start, t.end))
        return f, s, e
    cols = np.array([(m.file, m.start, m.end) for m in mentions], dtype=np.int64).reshape(-1, 3)
    return cols[:, 0], cols[:, 1], cols[:, 2]


def place_of(pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(entity, article index or -1 - file) of ArticleSpans.entity_pairs keys."""
    return pairs >> 34, (pairs & ((1 << 34) - 1)) - (1 << 32)


def distinct_sorted(keys: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (np.sort and a diff: np.unique's hashing was 4x slower here)."""
    keys = np.sort(keys)
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def corpus_rows(entities: Sequence[Entity], spans: object) -> list[np.ndarray]:
    """`entities`' mentions as (file, start, end, entity index) columns: those of the corpus's
    span index `spans` when it was made from these very entities (no copy), else made now."""
    rows = getattr(spans, "rows", None)
    return rows() if rows is not None and getattr(spans, "of", None) is entities else entity_rows(entities)


def entity_rows(entities: Sequence[Entity]) -> list[np.ndarray]:
    """Every mention of `entities` as (file, start, end, entity index) columns."""
    rows = _one_table(entities)
    return rows if rows is not None else _rows(entities)


_LO, _HI = -(2**31), 2**31 - 1


def _int32(*values: int) -> np.ndarray:
    """Needles of the columns' own type: a Python int or int64 needle makes searchsorted cast the
    whole column first (milliseconds per lookup at millions of mentions)."""
    return np.array([min(max(v, _LO), _HI) for v in values], dtype=np.int32)


def _one_table(entities: Sequence[Entity]) -> list[np.ndarray] | None:
    """(file, start, end, entity) rows when the entities' mentions are one table's rows in
    order (as read from the corpus record): no copy per entity."""
    table, at, counts = None, 0, []
    for e in entities:
        ms = e.mentions
        if not isinstance(ms, MentionColumns):
            return None
        t, lo, hi = ms.rows()
        if (table is not None and t is not table) or lo != at:
            return None
        table, at = t, hi
        counts.append(hi - lo)
    if table is None or at != len(table):
        return None
    ent = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
    return [table.file, table.start, table.end, ent]


def _rows(entities: Sequence[Entity]) -> list[np.ndarray]:
    parts = []
    for n, e in enumerate(entities):
        ms = e.mentions
        if isinstance(ms, MentionColumns):
            t, lo, hi = ms.rows()
            cols = np.stack([t.file[lo:hi], t.start[lo:hi], t.end[lo:hi]])
        else:  # a list (a user's correction made it)
            cols = np.array([[m.file for m in ms], [m.start for m in ms], [m.end for m in ms]], dtype=np.int32)
            cols = cols.reshape(3, len(ms))
        parts.append(np.vstack([cols, np.full((1, cols.shape[1]), n, dtype=np.int32)]))
    rows = np.hstack(parts) if parts else np.empty((4, 0), dtype=np.int32)
    return [rows[k] for k in range(4)]
