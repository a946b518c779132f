"""A big corpus's palette quotes on disk (reader.model.search.quote_store), and the bulk lookups
the palette's items are made with (entities' article counts, speakers, quotes read without
keeping the analysis)."""

from __future__ import annotations

import json
import zlib
from dataclasses import replace

import pytest

from reader.model.search.corpus_items import entity_items, quote_items
from reader.model.search.engine import WORDS, SearchIndex
from reader.model.search.quote_store import QuoteStore, quote_digest


@pytest.fixture(scope="module")
def analysed():
    from tests.conftest import analyse_seeds

    return analyse_seeds()


def test_entity_article_counts_are_those_of_one_lookup_per_mention(analysed):
    def slow(e):
        return len({getattr(analysed.article_at(m.file, m.start), "id", m.file) for m in e.mentions})

    helps = [it.help for it in entity_items(analysed)]
    assert len(helps) == len(analysed.entities) > 10
    for e, h in zip(analysed.entities, helps, strict=True):
        n = slow(e)
        assert h.endswith(f" in {n} article{'s' if n != 1 else ''}"), (e.name, h)


def test_speakers_resolved_together_are_those_resolved_one_by_one(analysed):
    seen = 0
    for a in analysed.articles:
        quotes = analysed.quotes_in(a)
        want = [analysed.speaker_entity(a, q) for q in quotes]
        assert analysed.speaker_entities(a, quotes) == want
        seen += sum(w is not None for w in want)
    assert seen > 10


def test_quotes_read_without_keeping_the_analysis_are_the_same(analysed):
    from reader.model.corpus.lazy_results import Analyses
    from reader.model.store.analysis_cache import Compressed

    lazy = Analyses()
    for i in analysed.analyses:
        lazy.set_encoded(i, Compressed(zlib.compress(json.dumps(analysed.analyses[i].to_json()).encode())))
    for i in analysed.analyses:
        got = lazy.quotes_of(i)
        assert got is not None and got.quotes == analysed.analyses[i].quotes and got.terms == analysed.analyses[i].terms
        assert not got.mentions and isinstance(lazy._d[i], bytes)  # not decoded for keeps
    assert lazy.quotes_of(len(analysed.files)) is None


def test_the_store_finds_what_the_in_memory_index_finds_and_in_its_order(analysed, tmp_path):
    store = QuoteStore.open(analysed, tmp_path)
    assert store is not None
    memory = SearchIndex(quote_items(analysed))
    assert len(store) == len(memory) > 20
    words = [w.strip(".,\"'").lower() for h in memory.search("", limit=8) for w in h.item.label.split()[:6]]
    queries = [w for w in words if len(w) >= 4][:8] + ["the minister", "said that", "at", "of a"]
    whole = {it.target: it.label for it in quote_items(analysed, label_max=1 << 30)}
    for q in queries:
        want = [(h.item.target, h.score) for h in memory.search(q, limit=10_000) if h.score >= WORDS - 0.05]
        got = [(h.item.target, h.score) for h in store.search(q, limit=10_000)]
        assert len(got) >= len(want) and got, q
        short = [(t, sc) for t, sc in want if len(whole[t]) <= 140]  # the in-memory index reads 140 characters
        assert [x for x in got if x in set(short)] == short, q  # the same tiers, in the same order
        scores = dict(got)
        assert all(scores.get(t, -1) >= sc for t, sc in want), q  # a longer quote may rank higher
    assert store.search("", limit=5) and [h.item.target for h in store.search("", limit=5)] == [
        h.item.target for h in memory.search("", limit=5)
    ]


def test_a_speaker_s_name_finds_their_quotes(analysed, tmp_path):
    store = QuoteStore.open(analysed, tmp_path)
    assert store is not None
    by = {}
    for it in quote_items(analysed):
        if it.help.startswith("quote · ") and it.keys and it.keys[0] != "speaker unknown":
            by.setdefault(it.keys[0], []).append(it.target)
    name, targets = max(by.items(), key=lambda kv: len(kv[1]))
    got = {h.item.target for h in store.search(name, limit=10_000)}
    assert set(targets) <= got
    hit = next(h for h in store.search(name, limit=10_000) if h.item.target == targets[0])
    assert hit.item.help.startswith(f"quote · {name}")


def test_the_file_is_named_by_the_entities_and_replaced_when_they_change(analysed, tmp_path):
    first = QuoteStore.open(analysed, tmp_path)
    assert first is not None
    saved = analysed.entities
    try:
        analysed._set_entities([replace(saved[0], name=saved[0].name + " Jr"), *saved[1:]])
        assert quote_digest(analysed) not in first.path.name
        second = QuoteStore.open(analysed, tmp_path)
        assert second is not None and second.path != first.path
        assert [p.name for p in tmp_path.glob("quotes-*")] == [second.path.name]
    finally:
        analysed._set_entities(saved)
    assert quote_digest(analysed) in first.path.name


def test_the_digest_is_taken_once_per_corpus_state(analysed, monkeypatch):
    """The palette and who-said-what both open the store: the digest (~0.2 s at 100k articles)
    is kept until the entities, their mentions or the articles change."""
    from reader.model.search import quote_store

    taken: list[int] = []
    real = quote_store._quote_digest
    monkeypatch.setattr(quote_store, "_quote_digest", lambda c: taken.append(1) or real(c))
    monkeypatch.setattr(quote_store, "_kept", [])
    first = quote_digest(analysed)
    assert quote_digest(analysed) == first and len(taken) == 1
    saved = analysed.entities
    try:
        analysed._set_entities([replace(saved[0], name=saved[0].name + " Jr"), *saved[1:]])
        assert quote_digest(analysed) != first and len(taken) == 2
    finally:
        analysed._set_entities(saved)
    assert quote_digest(analysed) == first and len(taken) == 3


@pytest.mark.parametrize(("head", "head_bytes"), [(0, 10**9), (7, 10**9), (3000, 400)])
def test_rows_scanned_first_and_rows_found_by_fts_give_one_answer(analysed, tmp_path, monkeypatch, head, head_bytes):
    from reader.model.search import disk_index
    from reader.model.search.sentence_store import SentenceStore

    def opened():
        return [QuoteStore.open(analysed, tmp_path), SentenceStore.open(analysed, tmp_path)]

    queries = ["the", "said", "minister", "of a", "prime minister", "at", "ation", "armenia"]
    want = [[[(h.item.target, h.score) for h in st.search(q, limit=30)] for q in queries] for st in opened()]
    # FTS5 answers for the rows after the first `head`, or after the first that hold `head_bytes` of text
    monkeypatch.setattr(disk_index, "_HEAD", head)
    monkeypatch.setattr(disk_index, "_HEAD_BYTES", head_bytes)
    stores = opened()
    got = [[[(h.item.target, h.score) for h in st.search(q, limit=30)] for q in queries] for st in stores]
    assert got == want and all(any(r) for r in want)
    if head_bytes < 10**9:  # the text, not the count, ended the head: a few rows only
        assert all(0 < st._head_rows() < min(head, len(st)) for st in stores)
