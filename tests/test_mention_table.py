"""The span index's per-file lookups agree with a plain scan of the mentions."""

from __future__ import annotations

import random

from reader.model.corpus.aliases import Entity, EntityMention
from reader.model.corpus.mention_table import ArticleSpans, MentionColumns, MentionTable, SpanIndex


def _entities(rng: random.Random, as_table: bool) -> list[Entity]:
    groups = []
    for _ in range(30):
        ms = []
        for _ in range(rng.randrange(1, 40)):
            s = rng.randrange(0, 5000)
            ms.append(EntityMention(rng.randrange(0, 12), s, s + rng.randrange(1, 20), "x"))
        groups.append(ms)
    if not as_table:
        return [Entity(f"e{i}", f"E{i}", "PERSON", mentions=g) for i, g in enumerate(groups)]
    table, at = MentionTable.of(groups)
    return [
        Entity(f"e{i}", f"E{i}", "PERSON", mentions=MentionColumns(table, at[i], at[i + 1])) for i in range(len(groups))
    ]


def test_within_and_per_file_match_a_scan():
    rng = random.Random(7)
    for as_table in (True, False):
        ents = _entities(rng, as_table)
        idx = SpanIndex(ents)
        every = sorted(((m.file, m.start, m.end, n) for n, e in enumerate(ents) for m in e.mentions))
        for f in range(13):
            mine = [(s, e, ents[n]) for ff, s, e, n in every if ff == f]
            assert (f in idx) == bool(mine)
            if mine:
                assert idx[f] == mine
            for start, end in ((0, 10**12), (-(10**12), 2500), (1200, 1300), (4000, 4000)):
                want = [(s, e, ent) for s, e, ent in mine if start <= s and e <= end]
                assert idx.within(f, start, end) == want


def test_article_spans_place_each_mention_in_the_article_holding_it_whole():
    rng = random.Random(11)
    spans = []  # (file, start, end): articles that do not overlap, some files without any
    for f in range(0, 12, 2):
        at = rng.randrange(0, 50)
        for _ in range(rng.randrange(1, 5)):
            n = rng.randrange(30, 400)
            spans.append((f, at, at + n))
            at += n + rng.randrange(0, 40)  # gaps: mentions there are in no article
    rng.shuffle(spans)
    place = ArticleSpans(spans)
    for as_table in (True, False):
        for ent in _entities(rng, as_table):
            got = place.place(ent.mentions).tolist()
            want = []
            for m in ent.mentions:
                holders = [i for i, (f, s, e) in enumerate(spans) if f == m.file and s <= m.start < e]
                want.append(holders[0] if holders and m.end <= spans[holders[0]][2] else -1)
            assert got == want
            per = {}
            for m, k in zip(ent.mentions, want, strict=True):
                if k >= 0:
                    per.setdefault(k, []).append((m.start, m.end))
            assert place.per_article(ent.mentions) == [(k, len(v), min(v)) for k, v in sorted(per.items())]
    none = _entities(rng, True)[0].mentions
    assert ArticleSpans([]).place(none).tolist() == [-1] * len(none)


def test_articles_per_entity_counts_each_article_once_whatever_the_chunk():
    rng = random.Random(5)
    spans = [(f, s, s + 300) for f in range(0, 12, 3) for s in (0, 400, 800)]  # gaps: files 1, 2, 4...
    place = ArticleSpans(spans)
    ents = _entities(rng, True)
    rows = SpanIndex(ents).rows()
    want = []
    for e in ents:  # an article holding it whole, else its file (an article or a file counted once)
        where = set()
        for m in e.mentions:
            k = [i for i, (f, s, end) in enumerate(spans) if f == m.file and s <= m.start < end and m.end <= end]
            where.add(("article", k[0]) if k else ("file", m.file))
        want.append(len(where))
    for chunk in (1, 7, 64, 1 << 20):  # mentions of one article split across chunks count once
        assert place.articles_per_entity(rows, len(ents), chunk=chunk).tolist() == want
    assert place.articles_per_entity([c[:0] for c in rows], 3).tolist() == [0, 0, 0]


def test_a_table_made_of_its_own_columns_is_written_as_the_rows_would_write_it():
    from reader.model.store.groups_cache import entities_to_bytes

    rng = random.Random(5)
    for _ in range(20):
        ents = _entities(rng, as_table=True)
        for e, forms in zip(ents, rng.choices(["a", "b", "c"], k=len(ents)), strict=True):
            e.mentions = [EntityMention(m.file, m.start, m.end, forms + m.text) for m in e.mentions]
        table, at = MentionTable.of([e.mentions for e in ents])
        as_lists = entities_to_bytes(ents)  # rebuilt row by row
        for i, e in enumerate(ents):
            e.mentions = MentionColumns(table, at[i], at[i + 1])
        assert table.made_of([e.mentions for e in ents])
        assert entities_to_bytes(ents) == as_lists
        # out of order, or a group left out: rebuilt, and still what the rows give
        rng.shuffle(ents)
        assert entities_to_bytes(ents) == entities_to_bytes(
            [Entity(e.id, e.name, e.kind, mentions=list(e.mentions)) for e in ents]
        )
        assert not table.made_of([e.mentions for e in ents[1:]])
