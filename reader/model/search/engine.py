"""The search engine behind the command palette: one index over commands, entities, articles, quotes
and corpus sentences. Pure model code (no Textual, no Rich); the UI wraps hits in its own `Hit`s.

Ranking is by tiers rather than by one fuzzy score, because a WRatio-style score cannot compare a
4-letter query against a name and against a 200-character quote (it caps the quote at 60):

    exact key 1.0 > key prefix 0.9 > phrase at a word start 0.8 > every word at a word start 0.7
    > typo-tolerant words 0.4-0.6 (rapidfuzz OSA distance against the vocabulary)

minus a small per-kind bias (commands first, sentences last). Equal scores are ordered by weight.

Speed at 100k+ items comes from layout, not from a cheaper scorer:
- an inverted index over a sorted vocabulary (CSR), so every word starting with a prefix is one
  contiguous slice of postings, turned into a boolean mask over items with one numpy assignment;
- items renumbered in ranking order (kind, then weight descending), so "the best N of a set" is the
  first N set bits of a mask and a tier never needs sorting;
- lower tiers are computed only while the higher ones have not filled `limit`;
- fuzzy matching runs over vocabulary words sharing the query word's first letter, not over items;
- a small cache keyed by query: word masks, fuzzy word sets, and the phrase matches of the previous
  query, which a grown query only narrows.
The index is immutable after construction; the caches are guarded by a lock, so `search` may be
called from worker threads concurrently.
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from reader.model.search.keys import fold, highlighter, initials, key_words, query_words

KIND_ORDER = ("command", "entity", "article", "quote", "sentence")
_BIAS_STEP = 0.01  # per kind in KIND_ORDER; unknown kinds rank last
SCOPES = {
    "@": ("entity",),
    '"': ("quote",),
    "\u201c": ("quote",),
    "#": ("article",),
    ">": ("command",),
    "/": ("sentence",),
}

EXACT, PREFIX, PHRASE, WORDS, FUZZY = 1.0, 0.9, 0.8, 0.7, 0.4
_FUZZY_SPAN = 0.2  # fuzzy scores lie in [FUZZY, FUZZY + _FUZZY_SPAN)
_MIN_FUZZY = 4  # shorter query words are too ambiguous to correct
_CACHE = 256
_FIND_PER_ITEM = 400  # testing one candidate costs about as much as str.find over this many characters
_NARROW_MAX = 20_000  # a grown query re-tests its previous phrase matches when there are at most this many
_MAX_WORDS = 16  # a pasted paragraph is searched by its first words
_MAX_WORD = 40  # and a runaway word by its first letters (keeps regexes and edit distances small)


@dataclass(frozen=True, slots=True)
class SearchItem:
    """One thing the palette can find. `keys` are extra strings that find it (aliases, publisher, speaker);
    the label is always a key too. `weight` orders equal scores (higher first)."""

    kind: str  # "article" | "entity" | "quote" | "command" | "sentence"
    label: str
    keys: Sequence[str] = ()
    target: object = None  # opaque to the index
    help: str = ""
    weight: float = 0.0


@dataclass(frozen=True, slots=True)
class Hit:
    item: SearchItem
    score: float  # 0..1, comparable across kinds
    match: tuple[int, int] | None  # span of item.label to emphasise


def parse_scope(query: str) -> tuple[tuple[str, ...] | None, str]:
    """Split a scope sigil off a query: '@' entities, '"' quotes, '#' articles, '>' commands, '/' sentences."""
    s = query.lstrip()
    if s and s[0] in SCOPES:
        return SCOPES[s[0]], s[1:].lstrip()
    return None, query


def _rank_of(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


class SearchIndex:
    """Built once from candidates; `search` answers in about a millisecond at 100k items."""

    def __init__(self, items: Iterable[SearchItem]) -> None:
        items = list(items)
        items.sort(key=lambda it: (_rank_of(it.kind), -it.weight, len(it.label)))  # stable: input order last
        self._items = items
        n = self._n = len(items)
        kinds = sorted({it.kind for it in items}, key=lambda k: (_rank_of(k), k))
        self._kind_code = {k: c for c, k in enumerate(kinds)}
        self._kind = np.fromiter((self._kind_code[it.kind] for it in items), dtype=np.int16, count=n)
        self._bias = np.array([_rank_of(k) * _BIAS_STEP for k in kinds], dtype=np.float64)

        exact: dict[str, list[int]] = {}
        prefix_keys: list[tuple[str, int]] = []
        blobs: list[str] = []  # per item: " key one\n key two\n", for phrase-at-word-start tests
        starts = array("q", [0])
        # each item's distinct words as ids in order of first sight (ids, not strings: at 400k
        # sentences a list of word strings alone took hundreds of MB while building)
        seen_words: dict[str, int] = {}
        flat_ids = array("i")
        counts = array("q")
        for i, it in enumerate(items):
            texts: list[str] = []
            words: set[str] = set()
            for key in (it.label, *it.keys):
                if not key:
                    continue
                text, ws = key_words(fold(key))
                words.update(ws)
                if text and text not in texts:
                    texts.append(text)
                    if it.kind != "sentence":  # nobody types a whole sentence: words and phrases find
                        exact.setdefault(text, []).append(i)  # them, and these two copies would
                        prefix_keys.append((text, i))  # double a big corpus's index
            if it.kind == "entity" and (acro := initials(it.label)):
                words.add(acro)
            blobs.append("".join(f" {t}\n" for t in texts))
            starts.append(starts[-1] + len(blobs[-1]))
            flat_ids.extend(seen_words.setdefault(w, len(seen_words)) for w in words)
            counts.append(len(words))
        self._exact = exact
        # All key texts in rank order, each key as " word word\n", for phrase scans with str.find.
        self._text = "".join(blobs)
        del blobs
        self._starts = starts
        prefix_keys.sort()
        self._pkeys = [k for k, _ in prefix_keys]
        self._pitems = np.fromiter((i for _, i in prefix_keys), dtype=np.int32, count=len(prefix_keys))

        # CSR postings over the sorted vocabulary: a prefix is a contiguous range of word ids.
        self._vocab = sorted(seen_words)
        renumber = np.empty(len(seen_words), dtype=np.int32)
        renumber[np.fromiter(map(seen_words.__getitem__, self._vocab), dtype=np.int64, count=len(self._vocab))] = (
            np.arange(len(self._vocab), dtype=np.int32)
        )
        pw = renumber[np.frombuffer(flat_ids, dtype=np.int32)] if len(flat_ids) else np.zeros(0, dtype=np.int32)
        pi = np.repeat(np.arange(n, dtype=np.int32), np.frombuffer(counts, dtype=np.int64))
        del flat_ids, counts
        order = np.argsort(pw, kind="stable")  # pi is already ascending: stable = by (word, item)
        self._post = pi[order]
        del pi
        self._indptr = np.searchsorted(pw[order], np.arange(len(self._vocab) + 1)).astype(np.int64)

        self._lock = threading.Lock()
        self._cache: OrderedDict[tuple, object] = OrderedDict()

    def __len__(self) -> int:
        return self._n

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self._kind_code)

    # -- cache ---------------------------------------------------------------------------------

    def _cached(self, key: tuple, make):
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = make()  # computed outside the lock; a race only computes twice
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > _CACHE:
                self._cache.popitem(last=False)
        return value

    def clear_cache(self) -> None:
        """Forget cached masks and results (benchmarks use it to measure a cold palette)."""
        with self._lock:
            self._cache.clear()

    def _peek(self, key: tuple):
        with self._lock:
            return self._cache.get(key)

    # -- building blocks -----------------------------------------------------------------------

    def _allowed(self, codes: tuple[int, ...] | None) -> np.ndarray | None:
        if codes is None:
            return None

        def make() -> np.ndarray:
            mask = np.isin(self._kind, codes)
            mask.flags.writeable = False
            return mask

        return self._cached(("kinds", codes), make)

    def _codes(self, kinds: Iterable[str] | None) -> tuple[int, ...] | None:
        """A hashable form of a kinds filter, for cache keys."""
        if kinds is None:
            return None
        if isinstance(kinds, str):
            kinds = (kinds,)
        return tuple(sorted(self._kind_code[k] for k in set(kinds) if k in self._kind_code))

    def _word_range(self, prefix: str) -> tuple[int, int]:
        return bisect_left(self._vocab, prefix), bisect_left(self._vocab, prefix + "\x7f")

    def _prefix_mask(self, word: str) -> np.ndarray:
        """Items having a word that starts with `word`."""

        def make() -> np.ndarray:
            lo, hi = self._word_range(word)
            mask = np.zeros(self._n, dtype=bool)
            mask[self._post[self._indptr[lo] : self._indptr[hi]]] = True
            mask.flags.writeable = False  # shared between threads through the cache
            return mask

        return self._cached(("prefix", word), make)

    def _fuzzy_words(self, word: str, typing: bool) -> list[tuple[int, float]]:
        """(word id, quality) of vocabulary words within a few edits of `word` (same first letter).

        When `typing` (the query's last word), a word also matches by its first len(word)±1 letters,
        so "zelensk" already finds "zelenskyy"."""

        def make() -> list[tuple[int, float]]:
            n = len(word)
            limit = 1 if n <= 6 else 2
            lo, hi = self._word_range(word[0])
            bucket = self._vocab[lo:hi]
            if not bucket:
                return []
            variants = [bucket]
            if typing:
                variants += [self._truncated(word[0], lo, hi, m) for m in (n - 1, n, n + 1)]
            best = process.cdist([word], variants[0], scorer=OSA.distance, score_cutoff=limit, dtype=np.int32)[0]
            for choices in variants[1:]:
                d = process.cdist([word], choices, scorer=OSA.distance, score_cutoff=limit, dtype=np.int32)[0]
                best = np.minimum(best, d)
            hits = np.flatnonzero(best <= limit)
            return [(lo + int(j), 1.0 - int(best[j]) / (n + 1)) for j in hits if len(bucket[j]) >= 3]

        return self._cached(("fuzzy", word, typing), make)

    def _truncated(self, letter: str, lo: int, hi: int, m: int) -> list[str]:
        return self._cached(("trunc", letter, m), lambda: [w[:m] for w in self._vocab[lo:hi]])

    def _word_quality(self, word: str, typing: bool) -> np.ndarray:
        """Per item: 1.0 if it has a word starting with `word`, else the best fuzzy quality, else 0."""
        q = self._prefix_mask(word).astype(np.float32)
        if len(word) >= _MIN_FUZZY:
            for wid, quality in self._fuzzy_words(word, typing):
                ids = self._post[self._indptr[wid] : self._indptr[wid + 1]]
                q[ids] = np.maximum(q[ids], quality)
        return q

    def _all_words(self, words: tuple[str, ...]) -> np.ndarray:
        """Items where every query word starts some word; built from the cached mask of the shorter query."""
        mask = self._peek(("all", words))
        if mask is not None:
            return mask
        k, mask = len(words) - 1, None
        while k > 1 and (mask := self._peek(("all", words[:k]))) is None:
            k -= 1
        if mask is None:
            k, mask = 1, self._prefix_mask(words[0])
        for j in range(k, len(words)):
            mask = mask & self._prefix_mask(words[j])
            mask.flags.writeable = False
            self._cached(("all", words[: j + 1]), lambda m=mask: m)
        return mask

    def _phrase_ids(self, words: tuple[str, ...], codes: tuple[int, ...] | None, need: int) -> list[int]:
        """Items (in rank order) where the words occur as a phrase at a word start, the last one as a prefix.

        A grown query can only lose phrase matches, so it filters the cached matches of the query it grew
        from (one letter or one word shorter). Otherwise `str.find` walks the concatenated key texts,
        which are laid out in rank order, so the scan can stop after `need` items; only a scan that ran
        to the end is cached."""
        allowed = self._allowed(codes)
        done = self._peek(("phrase", words, codes))
        if done is not None:
            return done
        needle = " " + " ".join(words)
        text, starts = self._text, self._starts
        last = words[-1]
        for prev in [*([(*words[:-1], last[:-1])] if len(last) > 1 else []), words[:-1]]:
            base = self._peek(("phrase", prev, codes)) if len(prev) > 1 else None
            if base is not None and len(base) <= _NARROW_MAX:
                found = [i for i in base if text.find(needle, starts[i], starts[i + 1]) >= 0]
                return self._cached(("phrase", words, codes), lambda found=found: found)
        cand = self._all_words(words)
        ids = np.flatnonzero(cand if allowed is None else cand & allowed)
        found = []
        if len(ids) * _FIND_PER_ITEM <= len(text):
            # Few candidates: test each (about 0.6 us) in rank order.
            for chunk in range(0, len(ids), 1024):
                block = ids[chunk : chunk + 1024].tolist()
                found += [i for i in block if text.find(needle, starts[i], starts[i + 1]) >= 0]
                if len(found) >= need:
                    return found  # partial: not cached
        else:
            # Most items are candidates ("the the"): one str.find pass (about 1.5 ns a character) is cheaper.
            pos = text.find(needle)
            while pos >= 0:
                i = bisect_right(starts, pos) - 1
                if allowed is None or allowed[i]:
                    found.append(i)
                    if len(found) >= need:
                        return found
                pos = text.find(needle, starts[i + 1])
        return self._cached(("phrase", words, codes), lambda: found)

    # -- search --------------------------------------------------------------------------------

    def search(self, query: str, kinds: Iterable[str] | None = None, limit: int = 50) -> list[Hit]:
        """Best hits for `query`, best first. An empty query lists the allowed items in rank order (score 0);
        a query with no letters or digits (e.g. "[/]") finds nothing."""
        if limit <= 0 or self._n == 0:
            return []
        codes = self._codes(kinds)
        allowed = self._allowed(codes)
        words = [w[:_MAX_WORD] for w in query_words(query)[:_MAX_WORDS]]
        if not words:
            if query.strip():
                return []
            ids = np.arange(self._n) if allowed is None else np.flatnonzero(allowed)
            return [Hit(self._items[i], 0.0, None) for i in ids[:limit].tolist()]

        def make() -> list[Hit]:
            ranked = self._rank(tuple(words), codes, limit)
            span = highlighter(words)
            return [Hit(self._items[i], round(s, 4), span(self._items[i].label)) for i, s in ranked]

        return list(self._cached(("result", tuple(words), codes, limit), make))

    def _rank(self, words: tuple[str, ...], codes: tuple[int, ...] | None, limit: int) -> list[tuple[int, float]]:
        allowed = self._allowed(codes)
        out: list[tuple[int, float]] = []
        taken: set[int] = set()
        bias = self._bias[self._kind]

        def take(ids: np.ndarray | list[int], score: float) -> bool:
            """Add ids (in rank order) at `score` minus kind bias; True once `limit` is reached."""
            for i in ids:
                i = int(i)
                if i in taken or (allowed is not None and not allowed[i]):
                    continue
                taken.add(i)
                out.append((i, score - float(bias[i])))
                if len(out) >= limit:
                    return True
            return False

        text = " ".join(words)
        if take(self._exact.get(text, []), EXACT):
            return out
        lo = bisect_left(self._pkeys, text)
        hi = bisect_left(self._pkeys, text + "\x7f")
        ids = self._pitems[lo:hi]
        if allowed is not None:
            ids = ids[allowed[ids]]
        seen = np.zeros(self._n, dtype=bool)  # in rank order, each once: a mask, not np.unique
        seen[ids] = True  # (whose hashing took 40 ms at 100k ids)
        if take(np.flatnonzero(seen), PREFIX):
            return out

        mask = self._all_words(words)
        if allowed is not None:
            mask = mask & allowed
        if len(words) == 1:
            if take(np.flatnonzero(mask), PHRASE):
                return out
        else:
            if take(self._phrase_ids(words, codes, limit + len(taken)), PHRASE):
                return out
            if take(np.flatnonzero(mask), WORDS):
                return out

        if all(len(w) < _MIN_FUZZY for w in words):
            return out
        quality = self._word_quality(words[0], typing=len(words) == 1)
        for k, w in enumerate(words[1:], 1):
            quality = np.minimum(quality, self._word_quality(w, typing=k == len(words) - 1))
        if allowed is not None:
            quality = quality * allowed
        if taken:
            quality[np.fromiter(taken, dtype=np.int64, count=len(taken))] = 0
        fuzzy_ids = np.flatnonzero(quality > 0)
        scores = FUZZY + _FUZZY_SPAN * (quality[fuzzy_ids] - 1e-6) - bias[fuzzy_ids]
        order = np.lexsort((fuzzy_ids, -scores))[: limit - len(out)]
        out.extend((int(fuzzy_ids[j]), float(scores[j])) for j in order)
        return out


class Searchable(Protocol):
    """What CombinedIndex searches: a SearchIndex, or the on-disk sentence store of a big corpus."""

    @property
    def kinds(self) -> frozenset[str]: ...

    def __len__(self) -> int: ...

    def search(self, query: str, kinds: Iterable[str] | None = None, limit: int = 50) -> list[Hit]: ...


class CombinedIndex:
    """Several SearchIndexes searched as one (the palette's: everything but sentences, then the
    sentences once they are built). Scores are comparable across indexes (tiers less a per-kind
    bias), so merging each one's best `limit` by score gives what one index over all the items would."""

    def __init__(self, parts: Sequence[Searchable]) -> None:
        self.parts = list(parts)

    def __len__(self) -> int:
        return sum(len(p) for p in self.parts)

    def search(self, query: str, kinds: Iterable[str] | None = None, limit: int = 50) -> list[Hit]:
        wanted = None if kinds is None else ({kinds} if isinstance(kinds, str) else set(kinds))
        parts = [p for p in self.parts if wanted is None or wanted & p.kinds]
        hits = [h for p in parts for h in p.search(query, wanted, limit)]
        return sorted(hits, key=lambda h: -h.score)[:limit]  # stable: earlier parts first on a tie
