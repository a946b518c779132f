"""The stories told more than once (corpus/duplicates.py), cached whole for an unchanged corpus.

Grouping reads every article's body and runs MinHash over it: minutes for 100,000 articles,
and every text in memory. A reopened corpus whose articles are the same (same bytes, spans,
dates and paths, in the same order) and whose grouping code is unchanged takes its groups from
one record instead: article positions and each pair's measures.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.model.analysis.limits import MAX_ANALYSED_CHARS
from reader.model.ingest.article import BODY

_BODY = frozenset({BODY})

STORIES_VERSION = 2  # 2: pairs as classes of identical copies and a measure per pair of classes
_CODE = ("corpus/duplicates.py", "ingest/words.py")  # the grouping and its word keys


def stories_key(articles: list) -> str:
    """The articles (bytes, spans, dates, paths) with what grouping reads of each, its body
    paragraphs, and the grouping code: not every ingest rule, so a change to how titles are
    read leaves the groups (minutes of work at 100,000 articles) in place."""
    model = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(f"stories\0{STORIES_VERSION}\0{MAX_ANALYSED_CHARS}\0".encode())
    for rel in _CODE:
        h.update((model / rel).read_bytes())
    for a in articles:
        body = (
            a.blocks.regions(_BODY)
            if hasattr(a.blocks, "regions")
            else [(b.start, b.end) for b in a.blocks if b.kind == BODY]
        )
        h.update(
            f"{a.source.digest}\0{a.start}\0{a.end}\0{a.date}\0{a.path}\0{body}\0".encode("utf-8", "surrogateescape")
        )
    return "stories:" + h.hexdigest()


def groups_to_payload(groups: list, articles: list) -> list:
    """Per group: its members' positions, the class of each paired member (exact copies share
    one) and [class, class, jaccard, containment] for each pair of classes."""
    pos = {id(a): i for i, a in enumerate(articles)}
    out = []
    for g in groups:
        pairs = g.pairs  # duplicates.GroupPairs
        measures = [[ci, cj, jac, cont] for (ci, cj), (jac, cont) in pairs.measures.items()]
        out.append([[pos[id(a)] for a in g.members], list(pairs.classes), measures])
    return out


def groups_from_payload(data: list, articles: list) -> list:
    """ValueError/TypeError/IndexError/KeyError when the record is not what groups_to_payload wrote."""
    from reader.model.corpus.duplicates import DuplicateGroup, GroupPairs

    out = []
    for members, classes, measures in data:
        if len(members) < 2 or len(classes) > len(members):
            raise ValueError("a group of fewer than two articles")
        arts = [articles[i] for i in members]
        meas = {(int(ci), int(cj)): (float(jac), float(cont)) for ci, cj, jac, cont in measures}
        kinds = sorted(set(classes))
        for x, ci in enumerate(kinds):
            for cj in kinds[x:]:
                if (ci, cj) not in meas:
                    raise ValueError("a pair of members has no measure")
        out.append(DuplicateGroup(arts, GroupPairs(arts, [int(c) for c in classes], meas)))
    return out


def load_or_group(articles: list, group, store=None) -> list:
    """`group()` (duplicates.duplicate_groups of `articles`), or its record from the analysis
    cache (`store`: an open AnalysisCache; None opens the user's) when the articles are the same."""
    from reader.model.store.analysis_cache import AnalysisCache

    own = store is None
    store = AnalysisCache() if store is None else store
    try:
        key = stories_key(articles)
        data = store.get_payload(key)
        if data is not None:
            try:
                return groups_from_payload(data, articles)
            except (ValueError, TypeError, IndexError, KeyError):  # damaged or not ours: group again
                pass
        groups = group()
        store.put_payload(key, "", "corpus", groups_to_payload(groups, articles))
        return groups
    finally:
        if own:
            store.close()
