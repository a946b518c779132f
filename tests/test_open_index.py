"""A warm open: loading from the open index (no text read), entity mentions as columns, the
corpus record's conversion from version 2, and wire-copy groups from their record."""

from __future__ import annotations

import os
import sqlite3
import zlib
from pathlib import Path

import pytest

from reader.model.corpus.corpus import Corpus
from reader.model.ingest.indexed import IndexedSource, PackedBlocks
from reader.model.store import groups_cache
from reader.model.store.analysis_cache import AnalysisCache, encode

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def news(tmp_path) -> Path:
    d = tmp_path / "news"
    d.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        (d / p.name).write_bytes(p.read_bytes())
    sub = d / "digest"  # a file of several stories, in a subfolder
    sub.mkdir()
    (sub / "wire.md").write_text("---\ntitle: Wire\n---\n\n" + (SEEDS / sorted(os.listdir(SEEDS))[0]).read_text())
    return d


def fields(c: Corpus) -> list:
    return [
        (a.id, a.path, a.start, a.end, a.title, a.title_span, a.publisher, a.date, a.byline, a.url, a.story_index)
        + (tuple(a.blocks), a.analysed_regions(), a.words)
        for a in c.articles
    ]


def test_a_second_open_reads_no_text_and_gives_the_same_articles(news):
    first = Corpus.load([news])
    second = Corpus.load([news])
    assert not any(isinstance(f, IndexedSource) for f in first.files)
    indexed = [f for f in second.files if isinstance(f, IndexedSource)]
    assert len(indexed) == len(second.files)  # the .md too: its front matter is in its bytes
    assert all(f._text is None for f in indexed)  # nothing read yet
    assert all(isinstance(a.blocks, PackedBlocks) for a in second.articles if isinstance(a.source, IndexedSource))
    assert fields(second) == fields(first)  # reads text (words) on the way
    assert [f.text for f in second.files] == [f.text for f in first.files]
    assert [f.digest for f in second.files] == [f.digest for f in first.files]
    assert not any(f.changed for f in indexed)


def test_a_changed_file_is_read_again(news):
    Corpus.load([news])
    victim = sorted(news.glob("*.txt"))[0]
    victim.write_text("A new headline\n\nA new body, said nobody.\n", encoding="utf-8")
    c = Corpus.load([news])
    src = next(f for f in c.files if f.path == victim)
    assert not isinstance(src, IndexedSource)
    assert c.articles[[a.source for a in c.articles].index(src)].title == "A new headline"
    again = Corpus.load([news])  # and its new record is used next time
    assert isinstance(next(f for f in again.files if f.path == victim), IndexedSource)


def test_a_file_changed_after_the_open_is_flagged_not_fatal(news):
    Corpus.load([news])
    c = Corpus.load([news])
    src = c.files[0]
    assert isinstance(src, IndexedSource)
    src.path.write_text("Other bytes entirely\n", encoding="utf-8")
    assert src.text == "Other bytes entirely\n" and src.changed
    gone = c.files[1]
    gone.path.unlink()
    assert gone.text == "" and gone.changed


def test_a_new_sidecar_bypasses_the_index(news):
    Corpus.load([news])
    victim = sorted(news.glob("*.txt"))[0]
    victim.with_suffix(".meta.json").write_text('{"title": "From the sidecar"}', encoding="utf-8")
    c = Corpus.load([news])
    a = next(a for a in c.articles if a.source.path == victim)
    assert a.title == "From the sidecar" and not isinstance(a.source, IndexedSource)


def test_a_damaged_record_is_read_as_before(news):
    first = Corpus.load([news])
    with AnalysisCache() as store:
        db = store.path
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE analyses SET data = ? WHERE model = 'open'", (zlib.compress(b'{"a": 1}'),))
    c = Corpus.load([news])
    assert not any(isinstance(f, IndexedSource) for f in c.files)
    assert fields(c) == fields(first) and not c.notices


def test_packed_blocks_round_trip(news):
    c = Corpus.load([news])
    for a in c.articles:
        packed = PackedBlocks.pack(a.blocks)
        assert list(packed) == list(a.blocks) and len(packed) == len(a.blocks)
        assert packed[-1] == a.blocks[-1] and packed == a.blocks


def analysed(news) -> Corpus:
    c = Corpus.load([news])
    c.analyse()
    return c


def spans_as_before(c: Corpus) -> dict:
    """entity_spans as the dict of lists Corpus built before the span index."""
    spans: dict = {}
    for e in c.entities:
        for m in e.mentions:
            spans.setdefault(m.file, []).append((m.start, m.end, e))
    for lst in spans.values():
        lst.sort(key=lambda t: (t[0], t[1]))
    return spans


def test_mentions_are_columns_and_read_back_the_same(news):
    cold = analysed(news)
    warm = analysed(news)  # entities from the corpus record
    assert [(e.id, e.name, e.kind, e.aliases, list(e.mentions)) for e in warm.entities] == [
        (e.id, e.name, e.kind, e.aliases, list(e.mentions)) for e in cold.entities
    ]
    for c in (cold, warm):
        assert dict(c.entity_spans) == spans_as_before(c)
        for a in c.articles:
            want = [t for t in spans_as_before(c).get(c.file_index(a), []) if a.start <= t[0] < a.end and t[1] <= a.end]
            assert c.mentions_in(a) == want
    e = max(warm.entities, key=lambda e: len(e.mentions))
    assert e.mentions[0] == list(e.mentions)[0] and e.mentions[-1] == list(e.mentions)[-1]
    assert e.mentions + [] == list(e.mentions)


def _as_version_3(raw: bytes) -> dict:
    """A version 4 corpus record as version 3 wrote it: the columns in base64 inside the JSON."""
    import base64
    import json

    end = 8 + int.from_bytes(raw[4:8], "little")
    head = json.loads(raw[8:end])
    head["columns"] = base64.b64encode(raw[end:]).decode("ascii")
    return head


@pytest.mark.parametrize("version", [2, 3])
def test_an_older_corpus_record_is_converted_once(news, version):
    cold = analysed(news)
    keys = [cold.file_keys[i] for i in range(len(cold.files))]
    old = (
        groups_cache.entities_to_json(cold.entities)
        if version == 2
        else _as_version_3(groups_cache.entities_to_bytes(cold.entities))
    )
    with AnalysisCache() as store:
        store.delete(groups_cache.corpus_key(keys))
        store.put_payload(groups_cache.corpus_key(keys, version), "", "corpus", old)
    calls = []
    name = "entities_from_json" if version == 2 else "entities_from_payload"
    real = getattr(groups_cache, name)
    warm = Corpus.load([news])
    try:
        setattr(groups_cache, name, lambda d: calls.append(1) or real(d))
        warm.analyse()
        again = analysed(news)
    finally:
        setattr(groups_cache, name, real)
    assert calls == [1]  # read once, then version 4
    for c in (warm, again):
        assert [(e.id, list(e.mentions)) for e in c.entities] == [(e.id, list(e.mentions)) for e in cold.entities]
    with AnalysisCache() as store:
        assert store.get_payload(groups_cache.corpus_key(keys, version)) is None


@pytest.mark.parametrize("damage", ["short", "magic", "head"])
def test_a_damaged_corpus_record_is_rebuilt(news, damage):
    cold = analysed(news)
    keys = [cold.file_keys[i] for i in range(len(cold.files))]
    raw = groups_cache.entities_to_bytes(cold.entities)
    bad = {"short": raw[:-16], "magic": b"XXXX" + raw[4:], "head": raw[:9] + b"]" + raw[10:]}[damage]
    with AnalysisCache() as store:
        store.put_payloads([(groups_cache.corpus_key(keys), "", "corpus", bad)])
    warm = analysed(news)
    assert [(e.id, list(e.mentions)) for e in warm.entities] == [(e.id, list(e.mentions)) for e in cold.entities]
    assert not warm.notices


def test_story_groups_come_from_their_record(tmp_path, monkeypatch):
    d = tmp_path / "wire"
    d.mkdir()
    body = (SEEDS / sorted(os.listdir(SEEDS))[0]).read_text(encoding="utf-8")
    for i in range(3):
        (d / f"copy{i}.txt").write_text(f"Copy {i}\n\n{body}", encoding="utf-8")
    (d / "other.txt").write_text("Another story\n\nNothing in common with the rest, said one.\n", encoding="utf-8")
    first = Corpus.load([d]).duplicate_groups()
    assert [len(g.members) for g in first] == [3]
    from reader.model.corpus import duplicates

    def fail(*_a, **_k):
        raise AssertionError("grouped again")

    monkeypatch.setattr(duplicates, "similar_pairs", fail)
    c = Corpus.load([d])
    again = c.duplicate_groups()
    assert [[a.id for a in g.members] for g in again] == [[a.id for a in g.members] for g in first]
    assert [(a.id, b.id, j, k) for g in again for a, b, j, k in g.pairs] == [
        (a.id, b.id, j, k) for g in first for a, b, j, k in g.pairs
    ]
    assert all(f._text is None for f in c.files if isinstance(f, IndexedSource))  # no text read for it
    (d / "copy3.txt").write_text(f"Copy 3\n\n{body}", encoding="utf-8")  # another file: group again
    with pytest.raises(AssertionError, match="grouped again"):
        Corpus.load([d]).duplicate_groups()


def test_cache_info_does_not_count_open_records(news):
    Corpus.load([news])
    with AnalysisCache() as store:
        assert store.info().entries == 0
        assert encode({"x": 1}) == b'{"x":1}'


def test_cache_keys_come_from_their_record_when_every_file_is_indexed(news, monkeypatch):
    from reader.model.analysis import runner

    cold = analysed(news)  # files read: their keys planned
    second = analysed(news)  # files indexed: planned, and the plan kept
    calls = []
    real = runner.plan
    monkeypatch.setattr(runner, "plan", lambda *a, **k: calls.append(1) or real(*a, **k))
    third = analysed(news)
    assert calls == []
    assert third.file_keys == second.file_keys == cold.file_keys
    assert fields(third) == fields(cold) and third.notices == cold.notices
    victim = sorted(news.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nOne more line, said a reader.\n", encoding="utf-8")
    fourth = Corpus.load([news])
    fourth.analyse(cancelled=lambda: True)  # a changed file: planned again (and not analysed here)
    assert calls and fourth.file_keys != cold.file_keys


@pytest.fixture
def many(tmp_path, monkeypatch) -> Path:
    """60 files in chunks of about 4 (the chunk size made small), in two folders."""
    from reader.model.store import open_index

    monkeypatch.setattr(open_index, "CHUNK", 4)
    bodies = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    d = tmp_path / "many"
    for i in range(60):
        sub = d / ("b" if i >= 40 else "a")
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"f{i:03d}.txt").write_text(f"Item {i}\n\n{bodies[i % len(bodies)]}", encoding="utf-8")
    return d


def read_from_disk(monkeypatch) -> list:
    """The files the open index hands to load_files (read from disk), as they go."""
    from reader.model.store import open_index

    seen: list = []
    real = open_index.load_files

    def spy(files, options):
        seen.extend(files)
        return real(files, options)

    monkeypatch.setattr(open_index, "load_files", spy)
    return seen


def records(model: str = "open") -> list[str]:
    with AnalysisCache() as store:
        db = store.path
    with sqlite3.connect(db) as conn:
        return [r[0] for r in conn.execute("SELECT key FROM analyses WHERE model = ?", (model,))]


def load_in_two(d: Path, first: int) -> Corpus:
    c = Corpus.load([d], first=first)
    c.load_more()
    return c


def test_chunked_records_round_trip_however_the_files_are_read(many, monkeypatch):
    from reader.model.store import open_index

    whole = Corpus.load([many])
    chunks = records()
    assert 5 <= len(chunks) < 60 and all(k.startswith("openc:") for k in chunks)  # a record per chunk
    seen = read_from_disk(monkeypatch)
    for first in (60, 7, 1):  # all at once, as `reader index`; the app's first files then the rest
        c = load_in_two(many, first)
        assert all(isinstance(f, IndexedSource) and f._text is None for f in c.files)
        assert fields(c) == fields(whole)  # (reads the text: words)
        assert [c.open_key(i) for i in range(len(c.files))] == [whole.open_key(i) for i in range(60)]
    assert seen == []  # a chunk cut by the first files is found in the whole chunk's record
    cut = [n for n in (7, 1) if not open_index.ends_chunk(whole.files[n - 1].path)]  # inside a chunk
    assert (len(records()) > len(chunks)) == bool(cut)  # ... and such a part kept as read, for the next open


def test_a_changed_file_among_many_is_the_only_one_read(many, monkeypatch):
    Corpus.load([many])
    victim = sorted((many / "a").glob("*.txt"))[9]
    victim.write_text("A new headline\n\nA new body, said nobody.\n", encoding="utf-8")
    seen = read_from_disk(monkeypatch)
    c = load_in_two(many, 5)
    assert seen == [victim]  # the others of its chunk come from the older record, by their keys
    assert next(a.title for a in c.articles if a.source.path == victim) == "A new headline"
    assert sum(isinstance(f, IndexedSource) for f in c.files) == 59
    again = load_in_two(many, 5)
    assert seen == [victim] and all(isinstance(f, IndexedSource) for f in again.files)
    assert fields(again) == fields(c)


def test_a_removed_and_an_added_file_cost_their_chunk_only(many, monkeypatch):
    Corpus.load([many])
    (many / "a" / "f010.txt").unlink()
    (many / "b" / "f045x.txt").write_text("Added later\n\nA late story, said the desk.\n", encoding="utf-8")
    seen = read_from_disk(monkeypatch)
    c = Corpus.load([many])
    assert [p.name for p in seen] == ["f045x.txt"] and len(c.files) == 60


def test_a_damaged_chunk_is_read_as_before_and_written_again(many, monkeypatch):
    first = Corpus.load([many])
    with AnalysisCache() as store:
        db = store.path
    with sqlite3.connect(db) as conn:
        key = conn.execute("SELECT key FROM analyses WHERE model = 'open' ORDER BY key LIMIT 1").fetchone()[0]
        conn.execute("UPDATE analyses SET data = ? WHERE key = ?", (zlib.compress(b'{"k": ["x"], "f": 1}'), key))
        other = conn.execute("SELECT key FROM analyses WHERE model = 'open' ORDER BY key DESC LIMIT 1").fetchone()[0]
        conn.execute("UPDATE analyses SET data = ? WHERE key = ?", (b"not zlib", other))
    seen = read_from_disk(monkeypatch)
    c = Corpus.load([many])
    assert 2 <= len(seen) < 30 and fields(c) == fields(first) and not c.notices  # those two chunks' files
    seen.clear()
    assert fields(Corpus.load([many])) == fields(first) and seen == []


def test_presence_is_not_checked_per_file_when_the_corpus_record_matches(news, monkeypatch):
    analysed(news)
    asked: list = []
    real = AnalysisCache.present

    def present(self, keys):
        asked.append(list(keys))
        return real(self, keys)

    monkeypatch.setattr(AnalysisCache, "present", present)
    c = analysed(news)
    assert [len(k) for k in asked] == [1]  # the corpus record's key, not every file's
    with AnalysisCache() as store:  # a file's record gone since: said when it is read...
        store.delete(c.file_keys[0])
    assert c.analyses[0].mentions == [] and any("gone from the cache" in str(n) for n in c.notices)
    again = Corpus.load([news])
    stats = again.analyse()  # ... and the file analysed again next time, every record looked up
    assert stats.analysed == 1 and stats.cached == len(again.files) - 1 and len(asked[-1]) == len(again.files)


def test_a_files_mentions_are_the_same_found_by_scan_or_by_the_sorted_rows(news, monkeypatch):
    from reader.model.corpus.mention_table import SpanIndex

    c = analysed(news)
    files = range(len(c.files))
    scanned = SpanIndex(c.entities)
    by_scan = [(scanned.get(i), scanned.within(i, 50, 900), i in scanned) for i in files]
    assert scanned._sorted is None  # a few files: no sort
    monkeypatch.setattr(SpanIndex, "_SCANS", 0)
    ordered = SpanIndex(c.entities)
    assert [(ordered.get(i), ordered.within(i, 50, 900), i in ordered) for i in files] == by_scan
    assert ordered._sorted is not None
    assert dict(scanned) == spans_as_before(c) and any(m for m, _w, _in in by_scan)
