"""A big corpus's quotes for the palette, on disk (reader.model.search.disk_index).

Why on disk: at 100k articles there are ~400k quotes and quoted terms. Listing them meant decoding
every file's analysis (and keeping it: gigabytes) and, as in-memory items, hundreds of MB more, so
the palette could not answer anything for over half an hour. Here they are rows of an FTS5 table
written once, by `reader index` (or, when missing, in the palette's background worker while
articles, entities and commands already answer), each file's quotes decoded and dropped in turn
(Analyses.quotes_of) and the speakers of an article's quotes resolved together
(Corpus.speaker_entities). The app's palette then opens the file and reads only the hits.

A row holds the quote's article and offsets, its folded words with its speaker's names after a bar
(so "biden" finds his quotes), and the label (the whole quote on one line) and help the palette
shows. Rows are in the in-memory index's rank order (longer quotes first, terms last). The speaker
names come from the corpus's entities, so the file's name digests the articles, every file's
analysis key and the entities (names, kinds, which mention is whose): a new analysis or a
correction makes a new file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from reader.model.search.corpus_items import one_line, quote_entries
from reader.model.search.disk_index import BIG_CORPUS, DiskIndex, key_text
from reader.model.search.engine import SearchItem
from reader.model.search.sentence_store import corpus_digest

STORE_VERSION = 2  # 2: who said it and their role, for who-said-what
_WHOLE = 1 << 30  # labels kept whole: a search cuts them around the match


_kept: list[tuple[tuple, str]] = []  # the last corpus state digested (objects compared by identity), its digest


def quote_digest(corpus) -> str:
    """Kept while the corpus lists the same articles with the same entities and mention index
    (an analysis or a correction replaces both): at 100k articles it takes ~0.2 s, and the
    palette and who-said-what both open the store."""
    arts = corpus.articles
    ends = (arts[0], arts[-1]) if arts else (None, None)
    state = (len(arts), corpus, corpus.entities, corpus.entity_spans, *ends)
    if _kept:
        (n, *objs), digest = _kept[0]
        if n == state[0] and all(a is b for a, b in zip(objs, state[1:], strict=True)):
            return digest
    digest = _quote_digest(corpus)
    _kept[:] = [(state, digest)]
    return digest


def _quote_digest(corpus) -> str:
    from reader.model.corpus.mention_table import corpus_rows  # numpy: when used

    h = corpus_digest(corpus, "quotes", STORE_VERSION)
    for i in range(len(corpus.files)):
        h.update(f"{corpus.file_keys.get(i)}\n".encode())
    for e in corpus.entities:  # the aliases: a speaker's fuller name comes from them
        h.update(f"{e.id}\0{e.name}\0{e.kind}\0{chr(1).join(getattr(e, 'aliases', ()))}\n".encode())
    spans = corpus.entity_spans
    rows = corpus_rows(corpus.entities, spans)
    for col in rows:
        h.update(col.astype("<i4").tobytes())
    return h.hexdigest()[:24]


def big_corpus_quotes(corpus, cancelled: Callable[[], bool] | None = None, build: bool = True) -> QuoteStore | None:
    """The on-disk quote store of a big, analysed corpus, in the cache dir, built if missing
    (not with `build` False); None below BIG_CORPUS articles or before analysis (no quotes or
    speakers yet)."""
    from reader.model.store.paths import cache_dir

    if len(corpus.articles) < BIG_CORPUS or not corpus.analysed:
        return None
    if getattr(corpus.entity_spans, "of", None) is not corpus.entities:
        return None  # analysed, but the entities (the speakers' names) are not grouped yet
    return QuoteStore.open(corpus, cache_dir() / "palette", cancelled, build)


class QuoteStore(DiskIndex):
    """The palette's quote part for a big corpus."""

    kind = "quote"
    prefix = "quotes"
    extra = ("label", "help", "who", "role")  # who: as who-said-what names them ("" nobody; NULL: a quoted term)
    keyed = True

    @classmethod
    def open(  # type: ignore[override]
        cls, corpus, directory: Path, cancelled: Callable[[], bool] | None = None, build: bool = True
    ) -> QuoteStore | None:
        digest = quote_digest(corpus)
        return super().open(corpus, directory, digest, lambda: _rows(corpus), cancelled, ranked=True, build=build)

    def _item(self, aid: str, s: int, e: int, *extra) -> SearchItem:
        label, help_, *_ = extra
        return SearchItem("quote", label, (), ("quote", aid, s, e), help_)

    def speaker_rows(self) -> Iterator[tuple[str, int, int, str, str | None, str]]:
        """(article id, start, end, who, role, quote on one line) of every quote (not the quoted
        terms), in no particular order: who-said-what's rows, read rather than decoded from every
        file's analysis (reader.ui.screens.quotes)."""
        yield from self._db().execute("SELECT article, start, end, who, role, label FROM spans WHERE who IS NOT NULL")


def _rows(corpus):
    for it, who, role in quote_entries(corpus, keep=False, label_max=_WHOLE):
        _, aid, s, e = it.target  # type: ignore[misc]
        text = " " + key_text(it.label, it.keys)
        yield aid, s, e, text, it.label, it.help, who, role, it.weight, len(one_line(it.label))
