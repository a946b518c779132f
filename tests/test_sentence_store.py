"""The on-disk sentence index a big corpus's palette searches (reader.model.search.sentence_store)."""

from __future__ import annotations

from reader.model.search.corpus_items import build_sentence_index
from reader.model.search.engine import WORDS
from reader.model.search.sentence_store import SentenceStore

QUERIES = ["who controls", "prime minister", "ceasefire", "the azerbaijani forces", "said the", "osce"]


def test_it_finds_what_the_in_memory_index_finds_at_a_word_start_and_more(seeds_corpus, tmp_path):
    store = SentenceStore.open(seeds_corpus, tmp_path)
    assert store is not None
    memory = build_sentence_index(seeds_corpus)
    assert len(store) == len(memory)
    for q in QUERIES:
        want = {h.item.target: h.score for h in memory.search(q, limit=10_000) if h.score >= WORDS - 0.05}
        got = {h.item.target: h.score for h in store.search(q, limit=10_000)}
        # the same, and more: the in-memory index reads only a label's first 140 characters
        assert want.items() <= got.items() and got, q
        for target in got.keys() - want.keys():
            _, aid, s, e = target
            assert len(" ".join(seeds_corpus.article(aid).text[s:e].split())) > 140
        for h in store.search(q, limit=5):  # the label is the sentence as written, its match emphasised
            kind, aid, s, e = h.item.target
            art = seeds_corpus.article(aid)
            label = h.item.label.strip("…")
            assert label in " ".join(art.text[s:e].split()) and h.match is not None


def test_it_is_built_once_and_replaces_another_corpus_s(seeds_corpus, tmp_path):
    tmp_path = tmp_path / "palette"
    tmp_path.mkdir()
    (tmp_path / "sentences-old.sqlite3").write_bytes(b"another corpus's")
    first = SentenceStore.open(seeds_corpus, tmp_path)
    assert first is not None and [p.name for p in tmp_path.iterdir()] == [first.path.name]
    mtime = first.path.stat().st_mtime_ns
    again = SentenceStore.open(seeds_corpus, tmp_path)
    assert again is not None and again.path.stat().st_mtime_ns == mtime
    assert again.search("xy") == [] and again.search("", limit=3)  # too short for trigrams; empty lists


def test_a_cancelled_build_leaves_nothing(seeds_corpus, tmp_path):
    tmp_path = tmp_path / "palette"
    assert SentenceStore.open(seeds_corpus, tmp_path, cancelled=lambda: True) is None
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []


def test_reader_index_writes_a_big_corpus_s_stores_and_the_app_s_open_finds_them(monkeypatch, tmp_path, capsys):
    import shutil
    from pathlib import Path

    from reader.cli import main
    from reader.model.corpus.corpus import Corpus
    from reader.model.search import quote_store, sentence_store
    from reader.model.store.paths import cache_dir

    folder = tmp_path / "news"
    shutil.copytree(Path(__file__).resolve().parent.parent / "seeds", folder)
    monkeypatch.setattr(sentence_store, "BIG_CORPUS", 2)  # the seeds stand for a big corpus
    monkeypatch.setattr(quote_store, "BIG_CORPUS", 2)
    assert main(["index", str(folder), "--json"]) == 0
    quotes = list((cache_dir() / "palette").glob("quotes-*.sqlite3"))
    corpus = Corpus.load([folder])
    assert len(quotes) == 1 and quote_store.big_corpus_quotes(corpus) is None  # not analysed yet: no speakers
    corpus.analyse()  # from the cache, as the app's warm open
    got = quote_store.big_corpus_quotes(corpus, build=False)
    assert got is not None and got.path == quotes[0] and len(got) > 20
    built = list((cache_dir() / "palette").glob("sentences-*.sqlite3"))
    assert len(built) == 1
    mtime = built[0].stat().st_mtime_ns
    store = sentence_store.big_corpus_store(Corpus.load([folder]))  # as the app's palette opens it
    assert store is not None and store.path == built[0] and store.path.stat().st_mtime_ns == mtime
    monkeypatch.setattr(sentence_store, "BIG_CORPUS", 10_000)
    assert sentence_store.big_corpus_store(Corpus.load([folder])) is None  # small: in memory
