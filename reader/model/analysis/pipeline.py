"""Per-article analysis: one spaCy pass over an article's analysable text, then our rules.

`analyse_jobs` streams jobs through spaCy (`parse_scope.annotate`: NER everywhere, the parse
where the rules need it; batched, optionally multi-process) and returns
`FileAnalysis` results in source coordinates. Nothing here keeps a spaCy `Doc`.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from reader.model.analysis import entities, quotes
from reader.model.analysis.parse_scope import annotate
from reader.model.analysis.results import FileAnalysis
from reader.model.analysis.textview import TextView, build_view
from reader.model.ingest.paragraphs import split_paragraphs

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.language import Language
    from spacy.tokens import Doc


Regions = Sequence[tuple[int, int]]


def analyse_view(doc: Doc, view: TextView) -> FileAnalysis:
    """Run the rule layers over one parsed view. A layer that raises on some odd text costs that
    text its entities or quotes (said in `failed`), never the rest of the corpus its analysis."""
    failed = []
    try:
        mentions, hints = entities.recognise(doc, view)
    except Exception as exc:  # noqa: BLE001 - any bug of a rule on one text
        mentions, hints = [], []
        failed.append(f"entity rules failed ({type(exc).__name__}: {exc})")
    try:
        found = quotes.find_and_attribute(doc, view, mentions)
    except Exception as exc:  # noqa: BLE001
        found = []
        failed.append(f"quote rules failed ({type(exc).__name__}: {exc})")
    said = [q for q in found if q.is_quote]
    terms = [q for q in found if not q.is_quote]
    return FileAnalysis(mentions=mentions, quotes=said, terms=terms, alias_hints=hints, failed="; ".join(failed))


# Characters in one spaCy batch: memory and the time an interrupt waits grow with it.
BATCH_CHARS = 100_000

# Documents run through spaCy (here or in our workers): lets tests assert that a cached open
# runs no NER.
nlp_docs = 0
_quiet_children = False  # set while we fork workers
_pool_nlp: Language | None = None  # the pipeline our forked workers inherit


def _child_ignores_sigint() -> None:
    # Ctrl-C goes to the whole process group; the parent stops the workers itself, so they
    # must not die mid-batch printing a traceback each. The parent's SIGTERM handler (the CLI
    # turns SIGTERM into an exception) must not run in a worker that the pool terminates.
    if _quiet_children:
        import signal

        from reader.model.analysis.orphans import die_with_parent

        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        die_with_parent()  # a killed `reader index` leaves no worker printing tracebacks


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_child_ignores_sigint)


def analyse_jobs(
    jobs: Iterable[tuple[str, Regions]],
    nlp: Language,
    batch_size: int = 16,
    n_process: int = 1,
) -> Generator[FileAnalysis, None, None]:
    """Analyse (source_text, regions) jobs in order; yields one FileAnalysis per job.

    Streams: jobs are consumed a batch at a time and results come out as each batch is done.
    A batch holds at most batch_size (<= 16) jobs and about BATCH_CHARS characters: spaCy's
    default of 256 article-length docs costs GiBs, and so would 16 chunks of a huge article.
    With n_process > 1, forked workers run spaCy *and* our rules and send back only the small
    results (see `_pooled`).
    """
    global nlp_docs
    if n_process > 1:
        yield from _pooled(jobs, nlp, batch_size, n_process)
        return
    for chunk in _chunks(jobs, batch_size):
        views = [build_view(source, regions) for source, regions in chunk]
        for doc, view in zip(annotate(nlp, views), views):
            nlp_docs += 1
            yield analyse_view(doc, view)


def _analyse_chunk(chunk: list[tuple[str, Regions]]) -> list[FileAnalysis]:
    """In a worker: one batch through the inherited pipeline and the rules."""
    views = [build_view(source, regions) for source, regions in chunk]
    assert _pool_nlp is not None  # set before the workers fork
    docs = annotate(_pool_nlp, views)
    return [analyse_view(doc, view) for doc, view in zip(docs, views)]


def _chunks(
    jobs: Iterable[tuple[str, Regions]], size: int, max_chars: int = BATCH_CHARS
) -> Iterator[list[tuple[str, Regions]]]:
    chunk: list[tuple[str, Regions]] = []
    chars = 0
    for job in jobs:
        n = sum(e - s for s, e in job[1])
        if chunk and chars + n > max_chars:
            yield chunk
            chunk, chars = [], 0
        chunk.append(job)
        chars += n
        if len(chunk) >= size:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _pooled(jobs, nlp, batch_size: int, n_process: int) -> Iterator[FileAnalysis]:
    """Why not spaCy's own `n_process`: it ships every parsed Doc back to the parent (to_bytes
    + from_bytes cost about as much as the rules), leaves the rules on one core, and when it is
    abandoned early (Ctrl-C, cancel) its cleanup can hang on a worker blocked writing into a
    pipe whose read end a sibling inherited. A fork pool returns small results, runs the rules
    in parallel, and `terminate()` always stops it.
    """
    global _pool_nlp, _quiet_children, nlp_docs
    import multiprocessing

    _pool_nlp, _quiet_children = nlp, True
    try:
        pool = multiprocessing.get_context("fork").Pool(n_process)
    finally:
        _quiet_children = False
    try:
        for results in pool.imap(_analyse_chunk, _chunks(jobs, batch_size)):
            nlp_docs += len(results)
            yield from results
        pool.close()
        pool.join()
    finally:
        pool.terminate()
        _pool_nlp = None


def analyse_text(source: str, nlp: Language) -> FileAnalysis:
    """Analyse a whole text as one article, paragraph by paragraph (for scripts and tests)."""
    regions = [(p.start, p.end) for p in split_paragraphs(source)]
    return next(analyse_jobs([(source, regions)], nlp))


def merge(results: Iterable[FileAnalysis]) -> FileAnalysis:
    out = FileAnalysis()
    for r in results:
        out.mentions.extend(r.mentions)
        out.quotes.extend(r.quotes)
        out.terms.extend(r.terms)
        out.alias_hints.extend(r.alias_hints)
        out.failed = "; ".join(x for x in (out.failed, r.failed) if x)
    return out
