"""Size limits that keep a huge article usable: it is shown whole, analysed only in part.

spaCy wants about 1 GB of working memory per 100,000 characters of one document and refuses a
document over 1,000,000 characters, and a pathological file (a 50 MB dump, a book) would take
an hour to analyse. So an article's analysed regions go to spaCy in chunks of at most
CHUNK_CHARS, cut at paragraph breaks (inside a giant paragraph, after a sentence or at a space),
and only its first MAX_ANALYSED_CHARS are analysed at all. The reading pane still shows the
whole article; a notice says where analysis (and the palette's sentence search) stops.
Offsets stay exact: a chunk is a list of source spans, and its analysis view maps back to them.
An ordinary article is one chunk holding exactly its analysed regions, so cache keys do not move.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reader.model.ingest.article import Article, SourceFile
from reader.model.ingest.files import Notice

MAX_ANALYSED_CHARS = 1_000_000
CHUNK_CHARS = 50_000
_SEPARATOR = 2  # the analysis view joins regions with a blank line

Region = tuple[int, int]


def analysis_chunks(
    text: str, regions: Iterable[Region], limit: int | None = None, size: int | None = None
) -> tuple[list[list[Region]], int | None]:
    """`regions` as chunks of at most `size` characters (CHUNK_CHARS), cut off after `limit`
    characters in all (MAX_ANALYSED_CHARS).

    Returns (chunks, stop): `stop` is the source offset where analysis ends, None when it
    covers every region. Always at least one chunk (possibly empty), so every article is a job.
    """
    limit = MAX_ANALYSED_CHARS if limit is None else limit
    size = CHUNK_CHARS if size is None else size
    chunks: list[list[Region]] = [[]]
    used = 0  # characters of the current chunk
    total = 0
    stop = None
    for s, e in regions:
        if total + (e - s) > limit:
            stop = e = _cut(text, s, s + (limit - total)) if limit > total else s
        for ps, pe in _pieces(text, s, e, size):
            if chunks[-1] and used + _SEPARATOR + (pe - ps) > size:
                chunks.append([])
                used = 0
            used += (_SEPARATOR if chunks[-1] else 0) + (pe - ps)
            chunks[-1].append((ps, pe))
        total += e - s
        if stop is not None:
            break
    return chunks, stop


def article_chunks(article: Article) -> tuple[list[list[Region]], int | None]:
    regions = [(s, e) for s, e in article.analysed_regions() if e > s]
    if sum(e - s for s, e in regions) + _SEPARATOR * max(0, len(regions) - 1) <= CHUNK_CHARS:
        return [regions], None  # one chunk, as analysis_chunks would say, without reading the text
    return analysis_chunks(article.text, regions)


def analysis_stop(article: Article) -> int | None:
    """The source offset where analysis of `article` stops, or None when it is analysed whole."""
    regions = article.analysed_regions()
    if sum(e - s for s, e in regions) <= MAX_ANALYSED_CHARS:
        return None
    return analysis_chunks(article.text, regions)[1]


def analysed_texts(files: Sequence[SourceFile], articles: Iterable[Article]) -> list[str]:
    """Each file's text as far as analysis reaches: corpus-wide steps that scan for names
    (reader.model.corpus.corpus_consistency) then stop where analysis stopped, in time and in what
    they tag. Offsets are unchanged (only the end is cut); a file analysed whole is not copied."""
    ends: dict[int, int] = {}
    capped: set[int] = set()
    for a in articles:
        stop = analysis_stop(a)
        key = id(a.source)
        ends[key] = max(ends.get(key, 0), a.end if stop is None else stop)
        if stop is not None:
            capped.add(key)
    return [f.text[: ends[id(f)]] if id(f) in capped else f.text for f in files]


def stop_notice(article: Article, stop: int) -> Notice:
    size = article.end - article.start
    return Notice(
        article.path,
        f"very long article ({size:,} characters): entities, quotes and sentence "
        f"search cover only its first {stop - article.start:,} characters; the rest is shown unanalysed",
    )


def _pieces(text: str, s: int, e: int, size: int) -> Iterable[Region]:
    """One region, split where needed so no piece exceeds `size` characters."""
    while e - s > size:
        cut = _cut(text, s, s + size)
        yield s, cut
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        yield s, e


def _cut(text: str, s: int, limit: int) -> int:
    """A place to cut text[s:limit] short: after the last sentence end, else at the last space,
    in the second half of the span; else at `limit` itself."""
    floor = s + (limit - s) // 2
    for sep in (". ", "\n", " "):
        i = text.rfind(sep, floor, limit)
        if i > s:
            return i + 1 if sep == ". " else i
    return max(limit, s + 1)
