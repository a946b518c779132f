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

from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

from reader.model.analysis.limits import MAX_ANALYSED_CHARS
from reader.model.ingest.article import BODY, Article
from reader.model.ingest.words import word_keys

SHINGLE_WORDS = 5
NUM_PERM = 128
LSH_THRESHOLD = 0.3  # candidates: generous, so that containment pairs of unequal length are proposed
JACCARD_MIN = 0.5
CONTAINMENT_MIN = 0.8
CONTAINMENT_FLOOR = 20  # shingles the shorter article needs for the containment rule
_PAIRWISE_MAX = 60  # members of a group whose pairwise similarities are all listed


def body_shingles(article: Article) -> set[int]:
    """Hashes of the word 5-grams of the article's body paragraphs (all of them when shorter),
    over their first MAX_ANALYSED_CHARS characters, as analysis does: a 50 MB article would
    otherwise take a gigabyte of shingles, and a copy shows in its first million characters."""
    text = article.text
    words: list[str] = []
    budget = MAX_ANALYSED_CHARS
    for b in article.blocks:
        if b.kind != BODY:
            continue
        end = min(b.end, b.start + budget)
        words += word_keys(text, b.start, end)
        budget -= end - b.start
        if budget <= 0:
            break
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


@dataclass(slots=True)
class DuplicateGroup:
    """Articles telling one story: `members` earliest dated first (undated last)."""

    members: list[Article]
    pairs: list[tuple[Article, Article, float, float]] = field(default_factory=list)  # (a, b, jaccard, containment)

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


def duplicate_groups(
    articles: list[Article], shingles: list[set[int]] | None = None, cancelled: Callable[[], bool] | None = None
) -> list[DuplicateGroup]:
    """Groups of two or more articles that tell the same story, largest first. `cancelled` is
    asked now and then (a worker thread's flag); when it says stop, GroupingCancelled is raised."""
    if len(articles) < 2:
        return []  # nothing to compare (and no datasketch import)
    if shingles is None:
        shingles = []
        for i, art in enumerate(articles):
            _check(cancelled, i)
            shingles.append(body_shingles(art))
    pairs = similar_pairs(shingles, cancelled)
    parent = list(range(len(articles)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        ra, rb = find(p.a), find(p.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = {}
    for p in pairs:
        for x in (p.a, p.b):
            members.setdefault(find(x), [])
    for x in range(len(articles)):
        r = find(x)
        if r in members:
            members[r].append(x)
    groups = []
    for idx in members.values():
        idx.sort(key=lambda i: _date_key(articles[i]))
        g = DuplicateGroup([articles[i] for i in idx])
        for i, j in combinations(idx[:_PAIRWISE_MAX], 2):
            a, b = shingles[i], shingles[j]
            inter = len(a & b)
            g.pairs.append((articles[i], articles[j], inter / max(1, len(a | b)), inter / max(1, min(len(a), len(b)))))
        groups.append(g)
    groups.sort(key=lambda g: (-len(g.members), _date_key(g.first)))
    return groups
