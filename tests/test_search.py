"""The palette's search engine: ranking tiers, typo/alias/acronym finding, scopes, narrowing, hostile input."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader.model.search import engine as search_mod
from reader.model.search.engine import CombinedIndex, Hit, SearchIndex, SearchItem, parse_scope

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def E(label, keys=(), weight=0.0, kind="entity"):
    return SearchItem(kind, label, list(keys), target=label, help=kind, weight=weight)


def labels(hits: list[Hit]) -> list[str]:
    return [h.item.label for h in hits]


def emphasised(hit: Hit) -> str | None:
    return None if hit.match is None else hit.item.label[hit.match[0] : hit.match[1]]


def test_tiers_exact_prefix_word_start_fuzzy_beat_weight():
    idx = SearchIndex(
        [
            E("Karabah Region", weight=100),  # fuzzy only (one letter short)
            E("Nagorno-Karabakh", weight=100),  # word start
            E("Karabakhi Council", weight=100),  # prefix
            E("Karabakh", weight=0),  # exact
            E("Armenia", weight=1000),  # no match at all
        ]
    )
    hits = idx.search("karabakh")
    assert labels(hits) == ["Karabakh", "Karabakhi Council", "Nagorno-Karabakh", "Karabah Region"]
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 4
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert [emphasised(h) for h in hits[:3]] == ["Karabakh", "Karabakh", "Karabakh"]


def test_multi_word_phrase_beats_scattered_words():
    idx = SearchIndex(
        [
            E("Controls on who enters", kind="sentence", weight=9),
            E("Who controls Shushi controls Artsakh", kind="sentence", weight=0),
        ]
    )
    hits = idx.search("who contr")
    assert labels(hits) == ["Who controls Shushi controls Artsakh", "Controls on who enters"]
    assert emphasised(hits[0]) == "Who contr"


def test_equal_scores_ordered_by_weight_then_kind_bias():
    idx = SearchIndex(
        [
            E("Vladimir Putin", weight=3),
            E("Frank Putin", weight=7),
            SearchItem("quote", "Putin will not attend", ["Peskov"], weight=100),
            SearchItem("sentence", "Putin spoke on Friday", weight=1000),
            SearchItem("command", "Putin dossier", weight=0),
            SearchItem("article", "Putin visits Yerevan", weight=5),
        ]
    )
    word_start = idx.search("puti", kinds=["entity"])
    assert labels(word_start) == ["Frank Putin", "Vladimir Putin"]
    assert word_start[0].score == word_start[1].score
    # Same tier (prefix) across kinds: commands, then articles, quotes, sentences, whatever the weights.
    prefix = idx.search("puti", kinds=["command", "article", "quote", "sentence"])
    assert [h.item.kind for h in prefix] == ["command", "article", "quote", "sentence"]


def test_typo_finds_name_while_typing_and_when_done():
    idx = SearchIndex([E("Nikol Pashinyan", ["Pashinyan"], 50), E("Pashtun Council", weight=1), E("Paris", weight=9)])
    for q in ("pashinian", "pashinia", "Pashinyian", "pasihnyan"):
        hits = idx.search(q)
        assert hits and hits[0].item.label == "Nikol Pashinyan", q
        assert hits[0].score < 0.7  # ranked as fuzzy
    assert "Pashin" in emphasised(idx.search("pashinian")[0])
    assert "Paris" not in labels(idx.search("pashinian"))


def test_alias_acronym_and_transliteration():
    idx = SearchIndex(
        [
            E("Shushi", ["Shusha"], 10),
            E("Organization for Security and Co-operation in Europe", weight=5),
            E("Mevlüt Çavuşoğlu", weight=3),
            SearchItem("sentence", "A cease-fire in the breakaway region of Nagorno-Karabakh was under strain"),
        ]
    )
    shusha = idx.search("Shusha")
    assert shusha[0].item.label == "Shushi" and shusha[0].score > 0.95  # exact on an alias key
    assert idx.search("osce")[0].item.label.startswith("Organization for Security")
    cav = idx.search("cavusoglu")
    assert cav[0].item.label == "Mevlüt Çavuşoğlu" and emphasised(cav[0]) == "Çavuşoğlu"
    assert emphasised(idx.search("Çavuş")[0]) == "Çavuş"
    cf = idx.search("ceasefire")
    assert cf and emphasised(cf[0]) == "cease-fire"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("@pash", (("entity",), "pash")),
        ('"who controls', (("quote",), "who controls")),
        ("\u201cwho", (("quote",), "who")),
        ("#armenia", (("article",), "armenia")),
        (">quit", (("command",), "quit")),
        ("/cease fire", (("sentence",), "cease fire")),
        ("  @ putin", (("entity",), "putin")),
        ("@", (("entity",), "")),
        ("putin", (None, "putin")),
        ("", (None, "")),
    ],
)
def test_parse_scope(query, expected):
    assert parse_scope(query) == expected


def test_kinds_filter_and_scoped_search():
    idx = SearchIndex(
        [
            E("Vladimir Putin", weight=3),
            SearchItem("quote", "I appealed to President Putin for assistance", ["Nikol Pashinyan"]),
            SearchItem("article", "Armenia Asks Putin for Military Aid", ["Bloomberg"]),
        ]
    )
    assert {h.item.kind for h in idx.search("putin")} == {"entity", "quote", "article"}
    kinds, rest = parse_scope('"putin')
    assert [h.item.kind for h in idx.search(rest, kinds)] == ["quote"]
    assert [h.item.kind for h in idx.search("pashinyan", kinds=["quote"])] == ["quote"]  # speaker key
    assert idx.search("putin", kinds=["command"]) == []
    assert idx.search("putin", kinds=["no-such-kind"]) == []


def test_empty_query_lists_in_rank_order():
    idx = SearchIndex([E("B", weight=1), E("A", weight=5), SearchItem("command", "Quit")])
    assert labels(idx.search("")) == ["Quit", "A", "B"]
    assert labels(idx.search("   ", kinds=["entity"], limit=1)) == ["A"]
    assert all(h.score == 0.0 and h.match is None for h in idx.search(""))
    assert SearchIndex([]).search("x") == [] and SearchIndex([]).search("") == []


HOSTILE = [
    "[/]",
    "[bold]x[/bold]",
    "\x00\x1b[31m\x7f",
    "\u202eevil",
    "\ud800",
    ".*(",
    "\\",
    "a" * 10_000,
    "\t\n\r",
    "🙂 emoji",
    "北京",
    "x" * 3 + " " * 500 + "y",
    "@",
    '"',
    "#>",
    "the " * 300,
]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:10]))
def test_hostile_queries_do_not_break(query):
    idx = SearchIndex(
        [
            E("[/] markup [bold]label", weight=1),
            E("\x1b[2J Evil\x00 name\u202e", weight=1),
            E("Beijing 北京", weight=1),
            SearchItem("quote", "\ud800 broken surrogate text"),
        ]
    )
    kinds, rest = parse_scope(query)
    for q, ks in ((query, None), (rest, kinds)):
        hits = idx.search(q, ks)
        assert isinstance(hits, list)
        for h in hits:
            assert 0.0 <= h.score <= 1.0
            if h.match is not None:
                assert 0 <= h.match[0] < h.match[1] <= len(h.item.label)


def test_hostile_labels_are_found_with_valid_spans():
    idx = SearchIndex([E("\x1b[2J Evil\x00 name\u202e"), E("[/] markup [bold]label"), E("Beijing 北京")])
    evil = idx.search("evil")[0]
    assert emphasised(evil) == "Evil"
    assert emphasised(idx.search("markup")[0]) == "markup"
    assert idx.search("[/]") == []  # no letters: finds nothing rather than everything
    bj = idx.search("beijing")
    assert labels(bj)[0] == "Beijing 北京"


def _seed_items() -> list[SearchItem]:
    items = []
    for f in sorted(SEEDS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        title = text.strip().splitlines()[0]
        items.append(SearchItem("article", title, ["Reuters"], weight=1))
        for i, s in enumerate(re.split(r"(?<=[.!?\u201d])\s+", text)):
            s = " ".join(s.split())
            if 20 <= len(s) <= 400:
                items.append(SearchItem("sentence", s, weight=i % 7))
            for name in re.findall(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+", s):
                items.append(SearchItem("entity", name, [name.split()[-1]], weight=len(name) % 5))
    return items


QUERIES = [
    "pashinyan",
    "pashinian",
    "who controls",
    "the azerbaijani forces",
    "prime minister nik",
    "osce",
    "cease fire",
    "said the",
    "of the",
    "putin",
    "x y",
]


@pytest.mark.parametrize("big_scan", [False, True])
@pytest.mark.parametrize("limit", [3, 50])
def test_narrowing_gives_the_same_results_as_a_fresh_search(monkeypatch, big_scan, limit):
    if big_scan:  # force the whole-text str.find path of the phrase tier
        monkeypatch.setattr(search_mod, "_FIND_PER_ITEM", 10**12)
    items = _seed_items()
    typed, fresh = SearchIndex(items), SearchIndex(items)
    for q in QUERIES:
        for kinds in (None, ("sentence",), ("entity", "article")):
            for k in range(1, len(q) + 1):
                got = typed.search(q[:k], kinds, limit)  # cache warm: narrowed from the previous keystroke
                fresh.clear_cache()
                want = fresh.search(q[:k], kinds, limit)
                assert [(h.item, h.score, h.match) for h in got] == [(h.item, h.score, h.match) for h in want], q[:k]


def test_concurrent_searches_from_threads_agree_with_sequential():
    items = _seed_items()
    idx = SearchIndex(items)
    queries = [q[:k] for q in QUERIES for k in range(1, len(q) + 1)]
    fresh = SearchIndex(items)
    expected = {}
    for q in queries:
        fresh.clear_cache()
        expected[q] = fresh.search(q)
    errors: list[str] = []

    def run(offset: int) -> None:
        for q in queries[offset:] + queries[:offset]:
            if idx.search(q) != expected[q]:
                errors.append(q)

    threads = [threading.Thread(target=run, args=(i * 7,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_limit_caps_hits():
    idx = SearchIndex([E(f"Name{i} Smith", weight=i) for i in range(200)])
    assert len(idx.search("smith", limit=10)) == 10
    assert labels(idx.search("smith", limit=2)) == ["Name199 Smith", "Name198 Smith"]
    assert idx.search("smith", limit=0) == []


def test_model_does_not_import_textual_or_rich():
    code = (
        "import sys, reader.model.search.engine, reader.model.search.keys; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')); "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


@pytest.mark.parametrize("limit", [3, 50])
def test_an_index_in_parts_answers_as_one_index_over_all_items(limit):
    """The palette searches its sentences as a second index beside the rest (CombinedIndex)."""
    items = _seed_items()
    whole = SearchIndex(items)
    parts = CombinedIndex(
        [
            SearchIndex(it for it in items if it.kind != "sentence"),
            SearchIndex(it for it in items if it.kind == "sentence"),
        ]
    )
    assert len(parts) == len(whole)
    for q in [*QUERIES, ""]:
        for kinds in (None, ("sentence",), ("entity", "article"), ("entity", "sentence")):
            for k in range(0, len(q) + 1):
                got = parts.search(q[:k], kinds, limit)
                want = whole.search(q[:k], kinds, limit)
                assert [(h.item, h.score, h.match) for h in got] == [(h.item, h.score, h.match) for h in want], q[:k]
