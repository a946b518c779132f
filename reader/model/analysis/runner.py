"""Running the per-file analysis over a corpus: cached results first, then spaCy for the rest,
each result saved as soon as it exists so an interrupted run keeps what it did."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from reader.model.analysis.fingerprint import file_key
from reader.model.analysis.results import FileAnalysis
from reader.model.ingest.files import Notice
from reader.model.store.analysis_cache import AnalysisCache

N_PROCESS_WORDS = 200_000  # below this, starting a second process costs more than it saves
Progress = Callable[[int, int, str], None]


@dataclass(slots=True)
class AnalyseStats:
    files: int = 0
    cached: int = 0  # results read from the cache
    analysed: int = 0  # files run through spaCy
    words: int = 0  # (approximate) words analysed by spaCy
    n_process: int = 1
    seconds: float = 0.0
    cancelled: bool = False  # stopped before every file was analysed (or some failed): no corpus step
    failed: int = 0  # files an engine could not analyse (see `errors`)
    errors: list[str] = field(default_factory=list)


def plan(corpus, todo: list[int], notices: bool = True) -> tuple[dict[int, list], dict[int, str], str]:
    """For files `todo`: their articles' analysed regions (in the chunks the size limits allow),
    their cache keys, and the model key. Notices of analysis cut short go to `corpus.notices`
    (unless `notices` is False)."""
    from reader.model.analysis.limits import article_chunks, stop_notice
    from reader.model.analysis.nlp import model_key

    by_file: dict[int, list] = {}
    wanted = set(todo)
    for a in corpus.articles:  # one pass: articles_of_file per file would be quadratic
        i = corpus.file_index(a)
        if i in wanted:
            by_file.setdefault(i, []).append(a)
    regions: dict[int, list] = {}  # file -> its articles' analysed regions, in chunks a size limit allows
    for i in todo:
        regions[i] = []
        for a in by_file.get(i, []):
            chunks, stop = article_chunks(a)
            regions[i].extend(chunks)
            if stop is not None and notices:
                corpus.notices.append(stop_notice(a, stop))
    model = model_key()
    keys = {i: file_key(corpus.files[i].analysis_digest, regions[i], model) for i in todo}
    return regions, keys, model


@dataclass(slots=True)
class Pending:
    """The files the cache lacks, with what their records are keyed by (see `plan`)."""

    files: list[int]
    regions: dict[int, list]
    keys: dict[int, str]
    model: str


class Engine(Protocol):
    """Runs the per-file analysis of `pending` somewhere else, then, per file as it arrives,
    `save_encoded` (so the corpus and the cache get what the local path would give them)."""

    def analyse(
        self,
        corpus,
        pending: Pending,
        store: AnalysisCache | None,
        stats: AnalyseStats,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> None: ...


def _not_kept(corpus, i: int, why: str) -> None:
    """A rule layer raised on file `i` (`pipeline.analyse_view`): the user is told, and neither its
    result nor the corpus-level record built with it is cached (it has no key), so the next open
    analyses it again."""
    corpus.notices.append(Notice(str(corpus.files[i].path), f"{why}; the rest is analysed"))
    corpus.file_keys.pop(i, None)


def save_encoded(corpus, store: AnalysisCache | None, i: int, key: str, model: str, raw: bytes) -> bool:
    """File `i`'s result as `FileAnalysis.to_json()` encoded the cache's way (`encode`): kept
    undecoded in the corpus and written to the cache under `key`, as the local path writes it."""
    corpus.set_encoded_analysis(i, raw)
    why = FileAnalysis.from_json(json.loads(raw)).failed if b'"failed":' in raw else ""
    if why:
        _not_kept(corpus, i, why)
        return False
    return store is not None and store.put_encoded(key, corpus.files[i].analysis_digest, model, raw)


def analyse_corpus(
    corpus,
    store: AnalysisCache | None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    n_process: int | None = None,
    engine: Engine | None = None,
) -> AnalyseStats:
    """Fill `corpus.analyses` for every file: from the cache, else with spaCy (saving as it goes).

    `engine`: runs the files the cache lacks elsewhere (reader/model/analysis/cluster.py, a Dask
    cluster) instead of spaCy in this process; the records it saves are the same."""
    t0 = time.perf_counter()
    stats = AnalyseStats(files=len(corpus.files))
    todo = [i for i in range(len(corpus.files)) if i not in corpus.analyses]
    if not todo:
        return stats
    from reader.model.gcpause import gc_paused
    from reader.model.store.plan_cache import planned

    with gc_paused():  # many small objects, no garbage (not around spaCy: a cold run is long)
        # the keys from their record when every file is as indexed (no regions to compute)
        regions, keys, model = planned(corpus, todo, store, plan)
        corpus.file_keys.update(keys)
        hits = _present(corpus, todo, keys, store)
        rest = []
        for i in todo:
            if keys[i] in hits:  # read when first used
                corpus.set_stored_analysis(i, store.path, keys[i])  # type: ignore[union-attr]
            else:
                rest.append(i)
        if rest and regions is None:  # the keys came from their record: the regions of the rest
            regions = plan(corpus, rest, notices=False)[0]
        regions = regions or {}
    stats.cached = len(todo) - len(rest)
    if rest and engine is not None:
        engine.analyse(corpus, Pending(rest, regions, keys, model), store, stats, progress, cancelled)
    elif rest:
        _run_nlp(corpus, rest, None, regions, keys, model, store, stats, progress, cancelled, n_process)
    stats.seconds = time.perf_counter() - t0
    return stats


def _present(corpus, todo: list[int], keys: dict[int, str], store: AnalysisCache | None) -> set[str]:
    """The keys of `todo` that have a record. When the corpus-level record of exactly these
    files is there, theirs were (it is written after them, and a record that went since is
    said when first read: lazy_results), so 100,000 lookups are skipped."""
    if store is None:
        return set()
    if len(todo) == len(corpus.files):
        from reader.model.store.groups_cache import corpus_key

        whole = corpus_key([keys[i] for i in range(len(corpus.files))])
        if store.present([whole]):
            return set(keys.values())
    return store.present(keys.values())


def _run_nlp(corpus, rest, _unused, regions, keys, model, store, stats, progress, cancelled, n_process) -> None:
    # `_unused` keeps the positions the tests' stand-ins for this function expect
    import threading

    from reader.model.analysis import pipeline as analysis
    from reader.model.analysis.nlp import load_pipeline

    chars = sum(e - s for i in rest for art in regions[i] for s, e in art)
    stats.words = chars // 6  # ~6 chars per English word with its space; only sizes the run
    if n_process is None:
        # Forking beside other threads (a UI's) risks deadlocks in the child: one process then.
        big = stats.words > N_PROCESS_WORDS and (os.cpu_count() or 1) >= 2
        n_process = 2 if big and threading.active_count() == 1 else 1
    stats.n_process = n_process
    if cancelled is not None and cancelled():
        stats.cancelled = True
        return
    if progress is not None:
        progress(0, len(rest), "")
    nlp = load_pipeline()
    jobs = ((corpus.files[i].text, r) for i in rest for r in regions[i])
    results = analysis.analyse_jobs(jobs, nlp, batch_size=8 if n_process > 1 else 16, n_process=n_process)
    try:
        for i in rest:
            parts = [next(results) for _ in regions[i]]
            fa = analysis.merge(parts)
            corpus.set_analysis(i, fa)
            if fa.failed:
                _not_kept(corpus, i, fa.failed)
            elif store is not None:
                store.put(keys[i], corpus.files[i].analysis_digest, model, fa)  # saved now: an interrupt keeps it
            stats.analysed += 1
            if progress is not None:
                progress(stats.analysed, len(rest), corpus.files[i].name)
            if cancelled is not None and cancelled():
                stats.cancelled = stats.analysed < len(rest)
                break
    finally:
        results.close()  # stops spaCy's workers, if any
