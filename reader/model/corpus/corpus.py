"""The corpus: articles from files, their analysis, and the entities and quotes across them.

Loading is fast (decode + metadata, no spaCy); `analyse()` runs NLP (or reads the cache) and
builds corpus-level entities. The UI and the CLI both go through this class.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.model.analysis.results import FileAnalysis, QuoteSpan
from reader.model.corpus import quote_speakers
from reader.model.corpus.lazy_results import Analyses
from reader.model.corpus.quote_speakers import speaker_name_of
from reader.model.gcpause import gc_paused
from reader.model.ingest.article import Article, SourceFile
from reader.model.ingest.discovery import discovering
from reader.model.ingest.files import Notice
from reader.model.ingest.formats import ImportOptions

if TYPE_CHECKING:  # aliases imports rapidfuzz and the grouping rules: loaded only when grouping runs
    from reader.model.corpus.aliases import Entity
    from reader.model.store.folder_index import FolderIndex

Progress = Callable[[int, int, str], None]  # (done, total, label)


def _folder_index() -> FolderIndex:
    from reader.model.store.folder_index import FolderIndex

    return FolderIndex()


@dataclass(slots=True)
class Corpus:
    files: list[SourceFile] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    analyses: Analyses = field(default_factory=Analyses)  # file index -> analysis (decoded lazily)
    entities: list[Entity] = field(default_factory=list)  # after analyse()
    # file index -> [(start, end, entity)] sorted by start: the mentions the reader shows
    # (a mention_table.SpanIndex after analysis: made per file when asked)
    entity_spans: Mapping[int, list[tuple[int, int, Entity]]] = field(default_factory=dict)
    _entity_index: dict[str, Entity] = field(default_factory=dict)
    _article_index: dict[str, Article] = field(default_factory=dict)
    _file_of: dict[int, int] = field(default_factory=dict)  # id(SourceFile) -> file index
    paths: list[str] = field(default_factory=list)  # what was opened, as given
    _by_file: dict[int, list[Article]] = field(default_factory=dict)  # file index -> its articles
    _by_file_n: int = -1  # len(articles) when _by_file was built (files arrive while loading)
    by_name: dict[str, Entity] = field(default_factory=dict)  # casefolded name/alias -> entity (speakers by name)
    file_keys: dict[int, str] = field(default_factory=dict)  # file index -> its analysis cache key
    _pending: list[Path] = field(default_factory=list)  # every file found so far; read up to _next
    _finding: Iterator[Path] | None = None  # discovery.discovering, until it has found every file
    _open_keys: dict[str, str] = field(default_factory=dict)  # path -> its open-index record
    _listings: dict = field(default_factory=dict)  # folder -> its names, while loading (files.names_in)
    _folders: FolderIndex = field(default_factory=lambda: _folder_index())  # listings kept between opens
    _next: int = 0
    _corrections: object = None  # corrections.Corrections, read on first use
    import_options: ImportOptions | None = None  # for imported files (e.g. --map)
    _groups: list | None = None  # duplicates.DuplicateGroup, computed on first use
    _groups_n: int = -1  # len(articles) when _groups was computed (files arrive while loading)
    _group_of: dict[str, object] = field(default_factory=dict)  # article id -> its DuplicateGroup
    _families: dict | None = None  # provenance.quote_families, computed on first use
    _families_state: tuple = ()  # (articles, analyses) counts it was computed for

    def __post_init__(self) -> None:
        if isinstance(self.analyses, Analyses):
            self.analyses.on_damaged = self._damaged_analysis

    def _damaged_analysis(self, file_index: int, why: str) -> None:
        """A cached result that does not decode: set aside (dropped from the cache, so the next
        run analyses the file again), shown without highlights now, and said once."""
        path = str(self.files[file_index].path) if file_index < len(self.files) else "?"
        self.notices.append(
            Notice(
                path, f"its cached analysis was damaged ({why}); shown without highlights, analysed afresh next time"
            )
        )
        key = self.file_keys.get(file_index)
        if key is not None:
            from reader.model.store.analysis_cache import AnalysisCache
            from reader.model.store.groups_cache import corpus_key

            keys = [self.file_keys.get(i) for i in range(len(self.files))]
            with AnalysisCache() as store:
                store.delete(key)
                if None not in keys:  # its presence vouches for every file's record (runner._present)
                    store.delete(corpus_key(keys))  # type: ignore[arg-type]

    @property
    def key(self) -> str:
        """Names this corpus in the user's state files (reading state, corrections, clippings)."""
        from reader.model.store.reading_state import corpus_key

        return corpus_key(self.paths)

    @property
    def corrections(self):
        """The user's entity corrections for this corpus (reader/model/corpus/corrections.py)."""
        if self._corrections is None:
            from reader.model.corpus.corrections import Corrections

            store = Corrections.for_corpus(self.key)
            self.notices.extend(Notice(str(store.path), m) for m in store.notices)
            store.notices.clear()
            self._corrections = store
        return self._corrections

    @classmethod
    def load(
        cls, paths: Iterable[str | Path], first: int | None = None, options: ImportOptions | None = None
    ) -> Corpus:
        """Read the files under `paths`; with `first`, only that many now and the rest with
        `load_more()` (the app paints the first articles while a worker reads on).
        `options`: formats.ImportOptions for files that are imported (web pages, exports, ...)."""
        corpus = cls()
        corpus.import_options = options
        corpus.paths = [str(p) for p in paths]
        # found as they are needed: the first files of 100,000 are read before the rest are listed
        corpus._finding = discovering(corpus.paths, corpus.notices, corpus._listings, corpus._folders)
        corpus.load_more(first)
        return corpus

    @property
    def loading(self) -> bool:
        """Files were found that are not read yet (or may still be found)."""
        return self._finding is not None or self._next < len(self._pending)

    def _find(self, upto: int | None) -> None:
        """Find files until `upto` are known (all of them with None); folders unchanged since
        an earlier open are not listed again (store/folder_index.py)."""
        found = self._finding
        if found is None:
            return
        with self._folders.opened() as store:
            try:
                for path in found:
                    self._pending.append(path)
                    if upto is not None and len(self._pending) >= upto:
                        return
                self._finding = None
            finally:
                if store is not None and store.was_set_aside:
                    self._store_notices(store)

    def load_more(
        self, limit: int | None = None, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None
    ) -> int:
        """Read up to `limit` more of the files found (all by default); returns how many."""
        from reader.model.store.analysis_cache import AnalysisCache
        from reader.model.store.open_index import load_indexed

        start = self._next
        self._find(None if limit is None else start + limit)
        stop = len(self._pending) if limit is None else min(len(self._pending), start + limit)
        with gc_paused(), AnalysisCache() as store:  # unchanged files come from the open index
            for _path, source, arts, file_notices in load_indexed(
                self._pending, self.import_options, store, self._open_keys, start, stop, self._listings
            ):
                self._next += 1
                self.notices.extend(file_notices)
                if source is not None and arts:
                    self._add_file(source, arts)
                if progress is not None and self._next % 100 == 0:
                    progress(self._next, len(self._pending), "")
                if cancelled is not None and cancelled():
                    break
            if store.was_set_aside:  # else silent: the open index only saves time; analysis says the rest
                self._store_notices(store)
        if not self.loading:
            self._listings = {}  # a later load lists again: a sidecar may have come since
        return self._next - start

    def _store_notices(self, store) -> None:
        """The cache's trouble, said once though loading and analysis each meet it."""
        for m in store.notices:
            n = Notice(str(store.path), m)
            if n not in self.notices:
                self.notices.append(n)
        store.notices.clear()

    def _add_file(self, source: SourceFile, arts: list[Article]) -> None:
        self._file_of[id(source)] = len(self.files)
        self.files.append(source)
        for a in arts:
            if a.id in self._article_index:  # the same bytes twice: keep ids unique
                a.id = f"{a.id}~{len(self.files)}"
            self._article_index[a.id] = a
            self.articles.append(a)

    def open_key(self, file_index: int) -> str | None:
        """The key of the file's open-index record (store/open_index.py), when it has one."""
        return self._open_keys.get(str(self.files[file_index].path))

    # -- lookup ---------------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        return self._article_index.get(article_id)

    def file_index(self, article: Article) -> int:
        return self._file_of[id(article.source)]

    def articles_of_file(self, file_index: int) -> list[Article]:
        """The file's articles in text order."""
        if self._by_file_n != len(self.articles) or file_index not in self._by_file:
            by_file: dict[int, list[Article]] = {i: [] for i in range(len(self.files))}
            for a in self.articles:  # one pass for all files: per-file scans would be quadratic
                by_file[self._file_of[id(a.source)]].append(a)
            for arts in by_file.values():
                arts.sort(key=lambda a: a.start)
            self._by_file, self._by_file_n = by_file, len(self.articles)
        return self._by_file.get(file_index, [])

    def article_at(self, file_index: int, offset: int) -> Article | None:
        """The article of a file whose span holds `offset`."""
        arts = self.articles_of_file(file_index)
        i = bisect.bisect_right(arts, offset, key=lambda a: a.start) - 1
        for a in arts[max(0, i - 1) : i + 2]:  # neighbours too: `end` itself counts as inside
            if a.start <= offset < a.end or offset == a.end:
                return a
        return None

    # -- analysis -------------------------------------------------------------------------
    @property
    def analysed(self) -> bool:
        return not self.loading and len(self.analyses) == len(self.files)

    def analyse(
        self,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        cache=None,
        n_process: int | None = None,
        engine=None,
    ):
        """Analyse every file not analysed yet, then rebuild corpus-level entities.

        Results come from the analysis cache when present (no spaCy import at all when every
        file is cached); the rest stream through spaCy and are saved as each file completes.
        `cache`: None opens the user cache, False analyses without one, or an AnalysisCache.
        Cache trouble becomes a notice in `self.notices`. `engine`: where the uncached files are
        analysed instead of here (runner.Engine, e.g. a Dask cluster). Returns runner.AnalyseStats.
        """
        from reader.model.analysis.runner import analyse_corpus
        from reader.model.store.analysis_cache import AnalysisCache

        store = AnalysisCache() if cache is None else (cache or None)
        try:
            stats = analyse_corpus(self, store, progress, cancelled, n_process, engine)
            if not stats.cancelled:
                self.build_entities(store)
        finally:
            if store is not None:
                self._store_notices(store)
                if cache is None:
                    store.close()
        return stats

    def set_analysis(self, file_index: int, result: FileAnalysis) -> None:
        self.analyses[file_index] = result

    def set_encoded_analysis(self, file_index: int, raw: bytes) -> None:
        """A cached result as its JSON bytes (or analysis_cache.Compressed): decoded when first used."""
        if isinstance(self.analyses, Analyses):
            self.analyses.set_encoded(file_index, raw)
        else:  # someone swapped in a plain dict
            a = Analyses()
            a.set_encoded(0, raw)
            self.analyses[file_index] = a[0]

    def set_stored_analysis(self, file_index: int, cache: Path, record: str) -> None:
        """A result in the analysis cache at `cache` under `record`: read when first used."""
        if isinstance(self.analyses, Analyses):
            self.analyses.set_stored(file_index, cache, record)
        else:  # someone swapped in a plain dict
            from reader.model.store.analysis_cache import AnalysisCache

            with AnalysisCache(cache) as store:
                raw = store.get_compressed(record)
            self.set_encoded_analysis(file_index, raw if raw is not None else b"{}")

    def build_entities(self, store=None) -> None:
        """Group mentions into entities (from `store`, an AnalysisCache, when unchanged), then
        apply the user's corrections."""
        from reader.model.corpus.corrections import apply_corrections
        from reader.model.store.groups_cache import load_or_build

        def build():
            from reader.model.analysis.limits import analysed_texts
            from reader.model.corpus.aliases import build_entities

            texts = analysed_texts(self.files, self.articles)  # a huge article: only its analysed part
            n = len(self.files)
            each = getattr(self.analyses, "each", None)  # each read once, in order, and not kept
            fas = each(n) if each is not None else (self.analyses.get(i, FileAnalysis()) for i in range(n))
            return build_entities(zip((str(f.path) for f in self.files), texts, fas, strict=True))

        with gc_paused():
            self._set_entities(apply_corrections(load_or_build(self, store, build), self.corrections))

    def _set_entities(self, entities: list) -> None:
        self.entities = entities
        self._entity_index = {e.id: e for e in self.entities}
        self.by_name = quote_speakers.names_index(entities)
        from reader.model.corpus.mention_table import SpanIndex

        self.entity_spans = SpanIndex(self.entities)

    def entity(self, entity_id: str):
        return self._entity_index.get(entity_id)

    def entity_places(self, entity) -> list[tuple[Article, int, tuple[int, int]]]:
        """(article, mentions of the entity inside it, the first one's span) for each article
        holding any, in corpus order: from the entity's own mentions (an entity in a few articles
        costs a few, not a pass over every article's mentions)."""
        got = self.entity_place_columns(entity)
        if got is None:
            return []
        arts, *cols = got
        w, n, s, e = (c.tolist() for c in cols)
        return [(arts[i], k, (a, b)) for i, k, a, b in zip(w, n, s, e, strict=True)]

    def entity_place_columns(self, entity) -> tuple | None:
        """`entity_places` as (the articles, then arrays: article index into them, mentions, the
        first one's start and end); None when the entity is not the corpus's."""
        from reader.model.corpus.entity_counts import article_spans  # numpy: imported when used

        eid = getattr(entity, "id", None)
        ent = self.entity(eid) if eid is not None else None
        if ent is None:
            return None
        arts = self.articles[:]  # a copy: files may still be arriving
        return (arts, *article_spans(self, arts).per_article_columns(ent.mentions))

    def mentions_in(self, article: Article) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) for each entity mention inside the article, in text order."""
        spans = self.entity_spans
        within = getattr(spans, "within", None)  # mention_table.SpanIndex (not imported here: numpy)
        if within is not None:
            return within(self.file_index(article), article.start, article.end)
        lst = spans.get(self.file_index(article), [])
        lo = bisect.bisect_left(lst, article.start, key=lambda t: t[0])
        out = []
        for t in lst[lo:]:
            if t[0] >= article.end:
                break
            if t[1] <= article.end:
                out.append(t)
        return out

    # -- stories told more than once (reader/model/corpus/duplicates.py) ----------------------
    def duplicate_groups(self, cancelled: Callable[[], bool] | None = None) -> list:
        """Groups of articles telling one story in (nearly) the same words, earliest first in
        each; computed on first use (text only, no analysis) and again when more files arrived.
        `cancelled` (a worker's flag) can stop the computation: duplicates.GroupingCancelled."""
        if self._groups is None or self._groups_n != len(self.articles):
            from reader.model.corpus.duplicates import duplicate_groups
            from reader.model.store.stories_cache import load_or_group

            arts = list(self.articles)
            with gc_paused():
                if self.loading or len(arts) < 2:  # not every file yet (or nothing to group): no record
                    groups = duplicate_groups(arts, cancelled=cancelled)
                else:
                    groups = load_or_group(arts, lambda: duplicate_groups(arts, cancelled=cancelled))
            self._groups, self._groups_n = groups, len(arts)
            self._group_of = {a.id: g for g in groups for a in g.members}
        return self._groups

    def story_of(self, article: Article):
        """The DuplicateGroup the article belongs to, or None when its story is told once."""
        self.duplicate_groups()
        return self._group_of.get(article.id)

    def story_key(self, article: Article) -> str:
        """One key per story: the id of its group's first article, else the article's own id."""
        g = self.story_of(article)
        return g.first.id if g is not None else article.id

    def stories_count(self, articles: Iterable[Article]) -> int:
        """How many stories these articles tell (copies counted once)."""
        return len({self.story_key(a) for a in articles})

    def quote_carriers(self, article: Article, q: QuoteSpan) -> list:
        """Every article carrying this quote's words (provenance.Carrier), earliest dated first;
        [] when no other article carries them."""
        state = (len(self.articles), len(self.analyses))
        if self._families is None or self._families_state != state:
            from reader.model.corpus.provenance import quote_families

            self._families, self._families_state = quote_families(self), state
        return self._families.get((article.id, q.start, q.end), [])

    def quote_id(self, article: Article, q: QuoteSpan) -> str:
        """Stable for the same file text and quote span."""
        h = hashlib.sha1(f"{article.source.digest}:{q.start}:{q.end}".encode()).hexdigest()
        return "q" + h[:10]

    def find_quote(self, quote_id: str) -> tuple[Article, QuoteSpan] | None:
        for a in self.articles:
            for q in self.quotes_in(a) + self.terms_in(a):
                if self.quote_id(a, q) == quote_id:
                    return a, q
        return None

    # -- who said it (reader/model/corpus/quote_speakers.py) ---------------------------------
    def speaker_entity(self, article: Article, q: QuoteSpan, mentions: list | None = None):
        """The canonical entity of a quote's speaker (quote_speakers.speaker_entity)."""
        return quote_speakers.speaker_entity(self, article, q, mentions)

    def speaker_entities(self, article: Article, quotes: list[QuoteSpan]) -> list:
        """`speaker_entity` of each of the article's `quotes`, all at once."""
        return quote_speakers.speaker_entities(self, article, quotes)

    def speaker_name(self, article: Article, q: QuoteSpan, mentions: list | None = None) -> str | None:
        """The quote's speaker as the corpus knows them (quote_speakers.speaker_name_of)."""
        return speaker_name_of(q, self.speaker_entity(article, q, mentions))

    def quotes_in(self, article: Article, analysis: FileAnalysis | None = None) -> list[QuoteSpan]:
        """The article's quotations (what `.` steps through and who-said-what lists); from
        `analysis` (its file's) when the caller has it."""
        fa = analysis if analysis is not None else self.analyses.get(self.file_index(article))
        if fa is None:
            return []
        return [q for q in fa.quotes if article.start <= q.start and q.end <= article.end]

    def terms_in(self, article: Article, analysis: FileAnalysis | None = None) -> list[QuoteSpan]:
        """The article's quoted terms: titles, scare quotes, words in quotation marks that
        nobody is said to have said (findable, but not quotations)."""
        fa = analysis if analysis is not None else self.analyses.get(self.file_index(article))
        if fa is None:
            return []
        return [q for q in fa.terms if article.start <= q.start and q.end <= article.end]
