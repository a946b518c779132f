"""Per-article analysis: one spaCy pass over an article's analysable text, then our rules.

`analyse_jobs` streams jobs through `nlp.pipe` (batched, optionally multi-process) and returns
`FileAnalysis` results in source coordinates. Nothing here keeps a spaCy `Doc`.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Sequence

from reader.model import entities, quotes
from reader.model.paragraphs import split_paragraphs
from reader.model.spans import FileAnalysis
from reader.model.textview import TextView, build_view

Regions = Sequence[tuple[int, int]]


def analyse_view(doc: Any, view: TextView) -> FileAnalysis:
    """Run the rule layers over one parsed view."""
    mentions, hints = entities.recognise(doc, view)
    found = quotes.find_and_attribute(doc, view, mentions)
    return FileAnalysis(mentions=mentions, quotes=found, alias_hints=hints)


def analyse_jobs(
    jobs: Iterable[tuple[str, Regions]],
    nlp: Any,
    batch_size: int = 8,
    n_process: int = 1,
) -> Iterator[FileAnalysis]:
    """Analyse (source_text, regions) jobs in order; yields one FileAnalysis per job."""
    views: list[TextView] = []

    def texts() -> Iterator[str]:
        for source, regions in jobs:
            view = build_view(source, regions)
            views.append(view)
            yield view.text

    for i, doc in enumerate(nlp.pipe(texts(), batch_size=batch_size, n_process=n_process)):
        view = views[i]
        views[i] = None  # type: ignore[call-overload]  # free as we go
        yield analyse_view(doc, view)


def analyse_text(source: str, nlp: Any) -> FileAnalysis:
    """Analyse a whole text as one article, paragraph by paragraph (for scripts and tests)."""
    regions = [(p.start, p.end) for p in split_paragraphs(source)]
    return next(analyse_jobs([(source, regions)], nlp))


def merge(results: Iterable[FileAnalysis]) -> FileAnalysis:
    out = FileAnalysis()
    for r in results:
        out.mentions.extend(r.mentions)
        out.quotes.extend(r.quotes)
        out.alias_hints.extend(r.alias_hints)
    return out
