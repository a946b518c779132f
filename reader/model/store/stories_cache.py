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

STORIES_VERSION = 1
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
    pos = {id(a): i for i, a in enumerate(articles)}
    return [
        [[pos[id(a)] for a in g.members], [[pos[id(a)], pos[id(b)], jac, cont] for a, b, jac, cont in g.pairs]]
        for g in groups
    ]


def groups_from_payload(data: list, articles: list) -> list:
    """ValueError/TypeError/IndexError when the record is not what groups_to_payload wrote."""
    from reader.model.corpus.duplicates import DuplicateGroup

    out = []
    for members, pairs in data:
        if len(members) < 2:
            raise ValueError("a group of fewer than two articles")
        g = DuplicateGroup([articles[i] for i in members])
        g.pairs = [(articles[i], articles[j], float(jac), float(cont)) for i, j, jac, cont in pairs]
        out.append(g)
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
            except (ValueError, TypeError, IndexError):  # damaged or not ours: group again
                pass
        groups = group()
        store.put_payload(key, "", "corpus", groups_to_payload(groups, articles))
        return groups
    finally:
        if own:
            store.close()
