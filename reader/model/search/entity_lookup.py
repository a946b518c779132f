"""Finding the entity a user means by a name they typed: alias- and typo-aware."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from reader.model.search.keys import fold


def best_entity(entities: list, name: str, min_score: float = 75.0):
    """The entity whose name or alias best matches `name`; ties go to the most mentioned."""
    q = fold(name)
    if not q or not entities:
        return None
    keys: list[str] = []
    owners: list[int] = []
    for i, e in enumerate(entities):
        for a in {e.name, *e.aliases}:
            keys.append(fold(a))
            owners.append(i)
    best: tuple[float, int, int] | None = None
    for _key, score, k in process.extract(q, keys, scorer=fuzz.WRatio, limit=50, score_cutoff=min_score):
        exact = keys[k] == q or q in keys[k].split()
        cand = (score + (10 if exact else 0), len(entities[owners[k]].mentions), owners[k])
        if best is None or cand[:2] > best[:2]:
            best = cand
    return None if best is None else entities[best[2]]
