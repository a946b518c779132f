"""`reader duplicates [PATH ...]`: stories told more than once (wire copies, reposts, updated versions).

Groups are found on the text alone (no analysis): see reader/model/corpus/duplicates.py for the
method and the thresholds. Each group lists its articles earliest dated first and the similarity
of every pair.
"""

from __future__ import annotations

import argparse

from reader.commands.common import emit_json, load_corpus, one_line
from reader.model.outputs.wording import count


def _member(a) -> dict:
    return {"id": a.id, "path": a.path, "title": a.title, "publisher": a.publisher, "date": a.date, "url": a.url}


def duplicates_record(corpus) -> dict:
    from reader.model.corpus import duplicates as d

    groups = corpus.duplicate_groups()
    return {
        "articles": len(corpus.articles),
        "stories": corpus.stories_count(corpus.articles),
        "threshold": {
            "shingle_words": d.SHINGLE_WORDS,
            "jaccard": d.JACCARD_MIN,
            "containment": d.CONTAINMENT_MIN,
            "containment_min_shingles": d.CONTAINMENT_FLOOR,
        },
        "groups": [
            {
                "articles": [_member(a) for a in g.members],
                "pairs": [
                    {"a": x.id, "b": y.id, "jaccard": round(j, 4), "containment": round(c, 4)} for x, y, j, c in g.pairs
                ],
            }
            for g in groups
        ],
    }


def cmd_duplicates(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    if not corpus.articles:
        return 1
    rec = duplicates_record(corpus)
    if args.json:
        emit_json(rec)
        return 0
    print(
        f"{count(rec['articles'], 'article')}, {count(rec['stories'], 'story')}, "
        f"{len(rec['groups'])} told more than once"
    )
    for g in rec["groups"]:
        first, rest = g["articles"][0], g["articles"][1:]
        outlets = len({a["publisher"] or a["path"] for a in rest})
        where = " \u00b7 ".join(x for x in (first["publisher"], first["date"]) if x)
        print()
        print(one_line(f"{first['title']}  ({where})  also in {count(outlets, 'outlet')}"))
        for a in g["articles"]:
            print(one_line(f"  {a['date'] or 'no date':<10}  {a['publisher'] or '-'}  {a['path']}"))
        best = {}
        for p in g["pairs"]:
            best[p["b"]] = max(best.get(p["b"], 0), p["jaccard"])
        low = min(p["jaccard"] for p in g["pairs"])
        print(f"  similarity (Jaccard of 5-word shingles): lowest pair {low:.2f}")
    return 0


def register(sub, add) -> None:
    add("duplicates", cmd_duplicates, "group wire copies and near-duplicate articles, with pairwise similarity")
