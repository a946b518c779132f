"""The analysis cache keys of a corpus's files, kept whole for a corpus opened as indexed.

A key is a hash of the file's digest, its analysed regions (from its blocks, in chunks the
size limits allow), the model and the analysis code: at 100,000 files, computing them is
seconds of the open. When every file came from the open index (store/open_index.py: same
path, size, times, inode and ingest code), the regions are what they were, so the keys are
too, given the same model, analysis code and limits: one record per corpus holds them, with
where analysis of an over-long article stops (its notice is said again).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

PLAN_VERSION = 1


def plan_key(open_keys: list[str], model: str) -> str:
    from reader.model.analysis.fingerprint import ANALYSIS_VERSION, rules_fingerprint

    limits = Path(__file__).resolve().parent.parent / "analysis" / "limits.py"
    h = hashlib.sha256(f"plan\0{PLAN_VERSION}\0{ANALYSIS_VERSION}\0{rules_fingerprint()}\0{model}\0".encode())
    h.update(limits.read_bytes())
    for k in open_keys:
        h.update(k.encode() + b"\0")
    return "plan:" + h.hexdigest()


def planned(corpus, todo: list[int], store, plan):
    """(regions or None, keys, model) for files `todo`: `plan(corpus, todo)` (runner.plan), or
    the keys from their record (regions None: the caller computes those it needs)."""
    from reader.model.analysis.limits import stop_notice
    from reader.model.analysis.nlp import model_key

    open_keys = [corpus.open_key(i) for i in todo] if store is not None else [None]
    if None in open_keys or not todo:
        return plan(corpus, todo)
    model = model_key()
    key = plan_key(open_keys, model)  # type: ignore[arg-type]
    data = store.get_payload(key)
    try:
        keys = dict(zip(todo, data["keys"], strict=True))
        stops = [(corpus.article(aid), int(stop)) for aid, stop in data["stops"]]
        if not all(isinstance(k, str) for k in keys.values()) or any(a is None for a, _ in stops):
            raise ValueError("not a plan record")
    except (TypeError, ValueError, KeyError):  # none yet (or not ours): plan, and keep it
        regions, keys, model = plan(corpus, todo)
        store.put_payload(key, "", "corpus", {"keys": [keys[i] for i in todo], "stops": _stops(corpus, todo)})
        return regions, keys, model
    corpus.notices.extend(stop_notice(a, stop) for a, stop in stops)
    return None, keys, model


def _stops(corpus, todo: list[int]) -> list:
    """(article id, offset) of every article of `todo` whose analysis stops short."""
    from reader.model.analysis.limits import analysis_stop

    wanted = set(todo)
    out = []
    for a in corpus.articles:
        if corpus.file_index(a) in wanted:
            stop = analysis_stop(a)
            if stop is not None:
                out.append([a.id, stop])
    return out
