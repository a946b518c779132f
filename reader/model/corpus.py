"""The corpus: articles from files, their analysis, and the entities and quotes across them.

Loading is fast (decode + metadata, no spaCy); `analyse()` runs NLP (or reads the cache) and
builds corpus-level entities. The UI and the CLI both go through this class.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from reader.model.article import Article, SourceFile
from reader.model.ingest import Notice, discover, load_files
from reader.model.spans import FileAnalysis, QuoteSpan

Progress = Callable[[int, int, str], None]  # (done, total, label)


@dataclass(slots=True)
class Corpus:
    files: list[SourceFile] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    analyses: dict[int, FileAnalysis] = field(default_factory=dict)  # file index -> analysis
    entities: list = field(default_factory=list)  # aliases.Entity, after analyse()
    # file index -> [(start, end, entity)] sorted by start: the mentions the reader shows
    entity_spans: dict[int, list[tuple[int, int, object]]] = field(default_factory=dict)
    _entity_index: dict[str, object] = field(default_factory=dict)
    _article_index: dict[str, Article] = field(default_factory=dict)
    _file_of: dict[int, int] = field(default_factory=dict)  # id(SourceFile) -> file index
    paths: list[str] = field(default_factory=list)  # what was opened, as given

    @property
    def key(self) -> str:
        """Names this corpus in the user's state files (reading state, corrections, clippings)."""
        from reader.model.state import corpus_key

        return corpus_key(self.paths)

    @classmethod
    def load(cls, paths: Iterable[str | Path]) -> "Corpus":
        corpus = cls()
        paths = [str(p) for p in paths]
        corpus.paths = paths
        found, notices = discover(paths)
        corpus.notices.extend(notices)
        for _path, source, arts, file_notices in load_files(found):
            corpus.notices.extend(file_notices)
            if source is None or not arts:
                continue
            corpus._file_of[id(source)] = len(corpus.files)
            corpus.files.append(source)
            for a in arts:
                if a.id in corpus._article_index:  # the same bytes twice: keep ids unique
                    a.id = f"{a.id}~{len(corpus.files)}"
                corpus._article_index[a.id] = a
                corpus.articles.append(a)
        return corpus

    # -- lookup ---------------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        return self._article_index.get(article_id)

    def file_index(self, article: Article) -> int:
        return self._file_of[id(article.source)]

    def articles_of_file(self, file_index: int) -> list[Article]:
        src = self.files[file_index]
        return [a for a in self.articles if a.source is src]

    def article_at(self, file_index: int, offset: int) -> Article | None:
        """The article of a file whose span holds `offset`."""
        for a in self.articles_of_file(file_index):
            if a.start <= offset < a.end or offset == a.end:
                return a
        return None

    # -- analysis -------------------------------------------------------------------------
    @property
    def analysed(self) -> bool:
        return len(self.analyses) == len(self.files)

    def analyse(self, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
                cache=None, n_process: int | None = None):
        """Analyse every file not analysed yet, then rebuild corpus-level entities.

        Results come from the analysis cache when present (no spaCy import at all when every
        file is cached); the rest stream through spaCy and are saved as each file completes.
        `cache`: None opens the user cache, False analyses without one, or an AnalysisCache.
        Cache trouble becomes a notice in `self.notices`. Returns cache.AnalyseStats.
        """
        from reader.model.cache import AnalysisCache, analyse_corpus

        store = AnalysisCache() if cache is None else (cache or None)
        try:
            stats = analyse_corpus(self, store, progress, cancelled, n_process)
        finally:
            if store is not None:
                self.notices.extend(Notice(str(store.path), m) for m in store.notices)
                store.notices.clear()
                if cache is None:
                    store.close()
        if not stats.cancelled:
            self.build_entities()
        return stats

    def set_analysis(self, file_index: int, result: FileAnalysis) -> None:
        self.analyses[file_index] = result

    def build_entities(self) -> None:
        from reader.model.aliases import build_entities

        docs = [(str(f.path), f.text, self.analyses.get(i, FileAnalysis())) for i, f in enumerate(self.files)]
        self.entities = build_entities(docs)
        self._entity_index = {e.id: e for e in self.entities}
        spans: dict[int, list[tuple[int, int, object]]] = {}
        for e in self.entities:
            for m in e.mentions:
                spans.setdefault(m.file, []).append((m.start, m.end, e))
        for lst in spans.values():
            lst.sort(key=lambda t: (t[0], t[1]))
        self.entity_spans = spans

    def entity(self, entity_id: str):
        return self._entity_index.get(entity_id)

    def mentions_in(self, article: Article) -> list[tuple[int, int, object]]:
        """(start, end, entity) for each entity mention inside the article, in text order."""
        spans = self.entity_spans.get(self.file_index(article), [])
        lo = bisect.bisect_left(spans, article.start, key=lambda t: t[0])
        out = []
        for t in spans[lo:]:
            if t[0] >= article.end:
                break
            if t[1] <= article.end:
                out.append(t)
        return out

    def quote_id(self, article: Article, q: QuoteSpan) -> str:
        """Stable for the same file text and quote span."""
        h = hashlib.sha1(f"{article.source.digest}:{q.start}:{q.end}".encode()).hexdigest()
        return "q" + h[:10]

    def find_quote(self, quote_id: str) -> tuple[Article, QuoteSpan] | None:
        for a in self.articles:
            for q in self.quotes_in(a):
                if self.quote_id(a, q) == quote_id:
                    return a, q
        return None

    def speaker_entity(self, article: Article, q: QuoteSpan):
        """The canonical entity of a quote's speaker: the mention it was read from, else by name."""
        if not q.speaker:
            return None
        if q.speaker_start is not None:
            for s, e, ent in self.mentions_in(article):
                if s <= q.speaker_start < e or q.speaker_start <= s < (q.speaker_end or s):
                    return ent
        name = q.speaker.casefold()
        best = None
        for ent in self.entities:
            if any(a.casefold() == name for a in (ent.name, *ent.aliases)):
                if best is None or len(ent.mentions) > len(best.mentions):
                    best = ent
        return best

    def quotes_in(self, article: Article) -> list[QuoteSpan]:
        fa = self.analyses.get(self.file_index(article))
        if fa is None:
            return []
        return [q for q in fa.quotes if article.start <= q.start and q.end <= article.end]
