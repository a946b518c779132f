"""Wire copies and near-duplicates: articles telling the same story in (nearly) the same words.

Each article's body (its body paragraphs: not the headline, byline, dateline, captions or
recognised boilerplate, which outlets change when they reprint) becomes a set of word 5-gram
shingles (words compared by ingest/words.py's `word_key`: case, marks and hyphens ignored). MinHash
signatures (datasketch, 128 permutations) go into an LSH index tuned for Jaccard 0.3, which
proposes candidate pairs; each candidate pair is then measured exactly on the shingle sets:

* Jaccard similarity |A∩B| / |A∪B|, and
* containment |A∩B| / min(|A|, |B|): how much of the shorter article is inside the longer one.

A pair is the same story when Jaccard ≥ 0.5, or containment ≥ 0.8 with the shorter article
having at least 20 shingles. Why: independent reports of one event share a few phrases (names,
titles, a quoted sentence) but almost never a tenth of their 5-grams, so 0.5 leaves a wide
margin; a copy with a changed byline, a line of boilerplate or a few words changed keeps well
over 0.8 (each changed word costs 5 shingles); a copy trimmed of its last paragraphs, or a
short wire version inside a longer updated story, loses Jaccard but keeps containment near 1,
hence the second rule, with a floor so that a two-sentence brief is not matched on one shared
quotation. Groups are the connected pairs (union-find), listed earliest dated first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from zlib import crc32

from reader.model.analysis.limits import MAX_ANALYSED_CHARS
from reader.model.ingest.article import BODY, Article
from reader.model.ingest.indexed import IndexedSource
from reader.model.ingest.words import word_keys

SHINGLE_WORDS = 5
NUM_PERM = 128
LSH_THRESHOLD = 0.3  # candidates: generous, so that containment pairs of unequal length are proposed
JACCARD_MIN = 0.5
CONTAINMENT_MIN = 0.8
CONTAINMENT_FLOOR = 20  # shingles the shorter article needs for the containment rule
_PAIRWISE_MAX = 60  # members of a group whose pairwise similarities are all listed


def _body_spans(article: Article) -> list[tuple[int, int]]:
    """The article's body paragraphs over their first MAX_ANALYSED_CHARS characters."""
    spans = []
    budget = MAX_ANALYSED_CHARS
    for b in article.blocks:
        if b.kind != BODY:
            continue
        end = min(b.end, b.start + budget)
        spans.append((b.start, end))
        budget -= end - b.start
        if budget <= 0:
            break
    return spans


def body_shingles(article: Article) -> set[int]:
    """Hashes of the word 5-grams of the article's body paragraphs (all of them when shorter),
    over their first MAX_ANALYSED_CHARS characters, as analysis does: a 50 MB article would
    otherwise take a gigabyte of shingles, and a copy shows in its first million characters."""
    return _shingles(article.text, _body_spans(article))


def _shingles(text: str, spans: list[tuple[int, int]]) -> set[int]:
    # Each word as a CRC-32 first: Python's hash of a string changes with every process
    # (PYTHONHASHSEED), a tuple of ints' does not, so the MinHash signatures, the LSH's candidate
    # pairs and the stories are the same on every run and for every process that builds them.
    words: list[int] = []
    for start, end in spans:
        words += [crc32(w.encode()) for w in word_keys(text, start, end)]
    if not words:
        return set()
    if len(words) < SHINGLE_WORDS:
        return {hash(tuple(words)) & 0xFFFFFFFF}
    grams = zip(*(words[k:] for k in range(SHINGLE_WORDS)))  # the 5-grams, without slicing each
    return {hash(g) & 0xFFFFFFFF for g in grams}


@dataclass(frozen=True, slots=True)
class Pair:
    a: int  # article indices into corpus.articles
    b: int
    jaccard: float
    containment: float


class GroupPairs(Sequence[tuple[Article, Article, float, float]]):
    """A group's pairwise measures, (a, b, jaccard, containment) for each pair of its first
    _PAIRWISE_MAX members in `combinations` order, made when read. Members whose shingles are
    identical (exact wire copies) share a class, and each pair of classes is measured once:
    a story copied 100 times holds one measure, not 1,770 tuples."""

    __slots__ = ("members", "classes", "measures")

    def __init__(
        self, members: list[Article], classes: list[int], measures: dict[tuple[int, int], tuple[float, float]]
    ) -> None:
        self.members = members  # the group's members (the first len(classes) are paired)
        self.classes = classes  # class of each paired member
        self.measures = measures  # (class, class), the smaller first -> (jaccard, containment)

    def __iter__(self) -> Iterator[tuple[Article, Article, float, float]]:
        ms, cls, meas = self.members, self.classes, self.measures
        for i, j in combinations(range(len(cls)), 2):
            ci, cj = cls[i], cls[j]
            jac, cont = meas[(ci, cj) if ci <= cj else (cj, ci)]
            yield ms[i], ms[j], jac, cont

    def __len__(self) -> int:
        return len(self.classes) * (len(self.classes) - 1) // 2

    def __getitem__(self, i):  # type: ignore[override]
        return list(self)[i]

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented


@dataclass(slots=True)
class DuplicateGroup:
    """Articles telling one story: `members` earliest dated first (undated last)."""

    members: list[Article]
    pairs: GroupPairs  # (a, b, jaccard, containment) for each pair of its first members

    @property
    def first(self) -> Article:
        return self.members[0]


def _identity(x: int) -> int:
    return x


class GroupingCancelled(Exception):
    """`cancelled()` said stop (the app is quitting): no groups."""


_CHECK_EVERY = 64  # articles between two looks at `cancelled` (about 0.1 s of work)


def _check(cancelled: Callable[[], bool] | None, i: int) -> None:
    if cancelled is not None and i % _CHECK_EVERY == 0 and cancelled():
        raise GroupingCancelled


def similar_pairs(shingles: list[set[int]], cancelled: Callable[[], bool] | None = None) -> list[Pair]:
    """Pairs of documents (indices) that are the same story by the rules above."""
    from datasketch import MinHash, MinHashLSH

    base = MinHash(num_perm=NUM_PERM, hashfunc=_identity)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    sigs: dict[int, object] = {}
    for i, sh in enumerate(shingles):
        _check(cancelled, i)
        if not sh:
            continue
        m = base.copy()
        m.update_batch(list(sh))
        sigs[i] = m
        lsh.insert(i, m, check_duplication=False)
    out = []
    for i, m in sigs.items():
        _check(cancelled, i)
        for j in lsh.query(m):
            if j <= i:
                continue
            a, b = shingles[i], shingles[j]
            inter = len(a & b)
            if not inter:
                continue
            jac = inter / (len(a) + len(b) - inter)
            small = min(len(a), len(b))
            cont = inter / small
            if jac >= JACCARD_MIN or (cont >= CONTAINMENT_MIN and small >= CONTAINMENT_FLOOR):
                out.append(Pair(i, j, jac, cont))
    return out


def _date_key(a: Article) -> tuple:
    return (a.date is None, a.date or "", a.path, a.start)


def _measure(a: frozenset[int] | set[int], b: frozenset[int] | set[int]) -> tuple[float, float]:
    inter = len(a & b)
    return inter / max(1, len(a | b)), inter / max(1, min(len(a), len(b)))


def shingle_classes(
    articles: list[Article], shingles: list[set[int]] | None, cancelled: Callable[[], bool] | None = None
) -> tuple[list[frozenset[int]], list[int]]:
    """The distinct shingle sets, first seen first, and each article's index among them.
    Exact copies (the same body words, whatever their byline, headline or boilerplate) are
    one set: compared once, and held once (a set each for 100,000 articles is gigabytes). A
    body whose text was seen already is not even shingled again (the words are of the body's
    characters alone: WORD has no look-behind and no anchor)."""
    first: dict[frozenset[int], int] = {}
    by_body: dict[bytes, int] = {}
    distinct: list[frozenset[int]] = []
    classes: list[int] = []
    for i, art in enumerate(articles):
        _check(cancelled, i)
        if shingles is not None:
            sh = frozenset(shingles[i])
        else:
            spans = _body_spans(art)
            text = _text_once(articles, i)
            h = hashlib.blake2b(digest_size=16)
            for start, end in spans:
                h.update(text[start:end].encode("utf-8", "surrogatepass") + b"\0")
            body = h.digest()
            c = by_body.get(body)
            if c is not None:
                classes.append(c)
                continue
            sh = frozenset(_shingles(text, spans))
        c = first.setdefault(sh, len(distinct))
        if c == len(distinct):
            distinct.append(sh)
        if shingles is None:
            by_body[body] = c
        classes.append(c)
    return distinct, classes


def _text_once(articles: list[Article], i: int) -> str:
    """Article i's text; a file read for it (an indexed one, read when first asked) is let go
    after its last article: 100,000 texts need not stay in memory for grouping."""
    src = articles[i].source
    if not isinstance(src, IndexedSource) or src._text is not None:
        return src.text
    text = src.text
    if i + 1 == len(articles) or articles[i + 1].source is not src:
        src.text = None
    return text


def duplicate_groups(
    articles: list[Article], shingles: list[set[int]] | None = None, cancelled: Callable[[], bool] | None = None
) -> list[DuplicateGroup]:
    """Groups of two or more articles that tell the same story, largest first. `cancelled` is
    asked now and then (a worker thread's flag); when it says stop, GroupingCancelled is raised.

    Articles with the same shingle set are one class: only one of each class is minhashed and
    compared (its measures are every copy's: the same sets give the same numbers, and identical
    signatures always meet in LSH), and the copies of a class join it at once (Jaccard 1). The
    groups are those of comparing every article, in time linear in the size of a copy group."""
    if len(articles) < 2:
        return []  # nothing to compare (and no datasketch import)
    distinct, cls = shingle_classes(articles, shingles, cancelled)
    pairs = similar_pairs(list(distinct), cancelled)  # type: ignore[arg-type]
    parent = list(range(len(articles)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    rep: list[int] = [-1] * len(distinct)  # the first article of each class
    for x, c in enumerate(cls):
        if rep[c] < 0:
            rep[c] = x
        elif distinct[c]:  # an exact copy (an empty body pairs with nothing)
            union(rep[c], x)
    for p in pairs:
        union(rep[p.a], rep[p.b])
    members: dict[int, list[int]] = {}
    for x in range(len(articles)):
        members.setdefault(find(x), []).append(x)
    groups = []
    for idx in members.values():
        if len(idx) < 2:
            continue
        idx.sort(key=lambda i: _date_key(articles[i]))
        paired = [cls[i] for i in idx[:_PAIRWISE_MAX]]
        measures = {}
        for ci in set(paired):
            for cj in set(paired):
                if ci <= cj:
                    measures[(ci, cj)] = _measure(distinct[ci], distinct[cj])
        arts = [articles[i] for i in idx]
        groups.append(DuplicateGroup(arts, GroupPairs(arts, paired, measures)))
    groups.sort(key=lambda g: (-len(g.members), _date_key(g.first)))
    return groups
