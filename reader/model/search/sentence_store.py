"""A big corpus's sentences for the palette, on disk (reader.model.search.disk_index).

Sentences are most of a corpus's palette items (4.5M at 100k articles); as `SearchItem`s in
memory they took gigabytes. Above BIG_CORPUS articles the palette searches them here instead: a
row per sentence (its article and source offsets, its folded words), the label read from the
article's text for the hits only. The file is named by a digest of the corpus's files and
STORE_VERSION; `reader index` writes it, so the app's first palette finds it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from reader.model.search.corpus_items import one_line, sentence_spans
from reader.model.search.disk_index import BIG_CORPUS, DiskIndex, key_text
from reader.model.search.engine import SearchItem

__all__ = ["BIG_CORPUS", "SentenceStore", "big_corpus_store", "corpus_digest"]

STORE_VERSION = 1


def corpus_digest(corpus, what: str = "sentences", version: int = STORE_VERSION) -> hashlib._Hash:
    """A digest of the corpus's articles (ids, file contents, spans) for the store of `what`; the
    caller may add to it before taking its hex digest."""
    h = hashlib.sha256(f"{what}\0{version}\0".encode())
    for a in corpus.articles[:]:
        h.update(f"{a.id}\0{a.source.digest}\0{a.start}\0{a.end}\n".encode())
    return h


def big_corpus_store(corpus, cancelled: Callable[[], bool] | None = None, build: bool = True) -> SentenceStore | None:
    """The on-disk sentence store of a big corpus, in the cache dir, built if missing (by
    `reader index`, so the app's first palette finds it; not with `build` False); None below
    BIG_CORPUS articles."""
    from reader.model.store.paths import cache_dir

    if len(corpus.articles) < BIG_CORPUS:
        return None
    return SentenceStore.open(corpus, cache_dir() / "palette", cancelled, build)


class SentenceStore(DiskIndex):
    """The palette's sentence part for a big corpus."""

    kind = "sentence"
    prefix = "sentences"

    @classmethod
    def open(  # type: ignore[override]
        cls, corpus, directory: Path, cancelled: Callable[[], bool] | None = None, build: bool = True
    ) -> SentenceStore | None:
        digest = corpus_digest(corpus).hexdigest()[:24]
        return super().open(corpus, directory, digest, lambda: _rows(corpus), cancelled, build=build)

    def _item(self, aid: str, s: int, e: int, *extra) -> SearchItem:
        """The hit with its whole sentence as the label, read from the article."""
        art = self.corpus.article(aid)
        text = art.text[s:e] if art is not None else ""
        where = f"in · {one_line(art.title, 60)}" if art is not None else ""
        return SearchItem("sentence", " ".join(text.split()), (), ("sentence", aid, s, e), where)


def _rows(corpus):
    for a in corpus.articles[:]:
        text = a.text
        for s, e in sentence_spans(a):
            yield a.id, s, e, key_text(text[s:e])
