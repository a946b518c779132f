"""Every mention in context: sentence bounds, the concordance rows and their order, the mention
counter, entity lookup and the entity filter, and `reader mentions NAME --context`."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.model.corpus.aliases import Entity
from reader.model.ingest.sentences import sentence_span
from reader.model.outputs.concordance import concordance, concordance_csv, cut_left, cut_right
from reader.model.outputs.mention_position import MentionPosition, entity_totals, mention_position
from reader.model.outputs.wording import count
from reader.model.search.entity_lookup import EntityMatcher, lookup

ROOT = Path(__file__).resolve().parent.parent

# Invented news: one person in three articles, one of them hard-wrapped, one undated.
ARTICLES = {
    "a.txt": (
        "Harbour Talks Resume in Bergen\n\n"
        "March 3, 2021\n\n"
        "Trade minister Greta Lindqvist said on Monday that the talks with the dock workers would resume. "
        "Lindqvist spoke in Bergen after a long meeting with the U.S. delegation.\n\n"
        "Later that day Lindqvist met the mayor.\n"
    ),
    "b.txt": (
        "Dock Strike Ends After Ten Days\n\n"
        "January 5, 2020\n\n"
        "The strike at the port ended on Friday, the union said. Minister Greta\n"
        "Lindqvist welcomed the deal and thanked the\n"
        "workers.\n"
    ),
    "c.txt": (
        "Ferry Routes Restored Along the Coast\n\n"
        "Ferries returned to the northern routes this week. The service had stopped for a month, "
        "and Greta Lindqvist had promised a quick return.\n"
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from reader.model.analysis.nlp import ModelUnavailable
    from reader.model.corpus.corpus import Corpus

    d = tmp_path_factory.mktemp("kwic")
    for name, text in ARTICLES.items():
        (d / name).write_text(text, encoding="utf-8")
    c = Corpus.load([str(d)])
    try:
        c.analyse(cache=False)
    except ModelUnavailable:  # pragma: no cover
        pytest.skip("no spaCy model")
    return c


def person(corpus):
    found = lookup(corpus.entities, "Greta Lindqvist")
    assert found is not None and found.entity.kind == "PERSON", [(e.name, e.kind) for e in corpus.entities]
    return found.entity


# --- sentences -------------------------------------------------------------------------------------


def test_sentence_span_skips_abbreviations_and_keeps_quotes():
    text = 'He met Mr. Smith in the U.S. on Monday. "We agree," Smith said. Then J. Doe left! Fine.'
    first = sentence_span(text, 0, len(text), text.index("Smith"))
    assert text[slice(*first)] == "He met Mr. Smith in the U.S. on Monday."
    second = sentence_span(text, 0, len(text), text.index("agree"))
    assert text[slice(*second)] == '"We agree," Smith said.'
    third = sentence_span(text, 0, len(text), text.index("Doe"))
    assert text[slice(*third)] == "Then J. Doe left!"
    last = sentence_span(text, 0, len(text), len(text) - 2)
    assert text[slice(*last)] == "Fine."
    # a letter before a word that opens sentences ends one: "wrote on X. The post"
    text = "He wrote on X. The post was deleted. She met J. Doe in the U.S. He left."
    assert text[slice(*sentence_span(text, 0, len(text), 5))] == "He wrote on X."
    assert text[slice(*sentence_span(text, 0, len(text), text.index("Doe")))] == "She met J. Doe in the U.S."


def test_sentence_span_stays_inside_its_paragraph():
    text = "First paragraph without an end\n\nSecond one here. And more."
    s, e = sentence_span(text, 0, 30, 5)
    assert (s, e) == (0, 30)
    s, e = sentence_span(text, 32, len(text), len(text) - 3)
    assert text[s:e] == "And more."


def test_cuts_keep_words_and_mark_the_cut():
    assert cut_left("one two three four", 11) == "…three four"
    assert cut_right("one two three four", 11) == "one two…"
    assert cut_left("short", 10) == "short" and cut_right("short", 10) == "short"


# --- rows ----------------------------------------------------------------------------------------


def test_rows_are_exact_and_aligned_on_the_name(corpus):
    ent = person(corpus)
    rows = concordance(corpus, ent)
    assert len(rows) == len(ent.mentions) >= 5
    for r in rows:
        src = r.article.text
        assert r.text == src[r.start : r.end]
        assert r.sentence == src[r.sentence_start : r.sentence_end]
        assert r.sentence_start <= r.start and r.end <= r.sentence_end
        assert "\n" not in r.left + r.right + r.sentence_line
        # the context reads on into the name from both sides
        around = " ".join(src[max(r.article.start, r.start - 200) : r.start].split())
        assert around.endswith(r.left.rstrip()) or not r.left.strip()
    wrapped = [r for r in rows if "\n" in r.text]
    assert wrapped and wrapped[0].text == "Greta\nLindqvist"  # the source as written
    assert "thanked the workers." in wrapped[0].sentence_line


def test_rows_follow_article_order_or_date(corpus):
    ent = person(corpus)
    by_article = concordance(corpus, ent, "article")
    order = [corpus.articles.index(r.article) for r in by_article]
    assert order == sorted(order)
    by_date = concordance(corpus, ent, "date")
    dates = [r.article.date for r in by_date]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[-1] is None  # undated last
    assert dates[0].startswith("2020")
    # index/count are per article
    first = [r for r in by_article if r.article.path.endswith("a.txt")]
    assert [(r.index, r.count) for r in first] == [(i, len(first)) for i in range(1, len(first) + 1)]


def test_csv_has_one_row_per_mention_with_exact_offsets(corpus):
    ent = person(corpus)
    rows = concordance(corpus, ent)
    table = list(csv.DictReader(io.StringIO(concordance_csv(rows))))
    assert len(table) == len(rows)
    for rec in table:
        src = Path(rec["path"]).read_text(encoding="utf-8")
        assert src[int(rec["start"]) : int(rec["end"])] == rec["text"]
        s, e = int(rec["sentence_start"]), int(rec["sentence_end"])
        assert " ".join(src[s:e].split()) == rec["sentence"]


def test_mention_counter_reads_here_and_in_the_corpus(corpus):
    ent = person(corpus)
    art = next(a for a in corpus.articles if a.path.endswith("a.txt"))
    here = [s for s, _e, x in corpus.mentions_in(art) if x is ent]
    pos = mention_position(corpus, ent, art, here[1])
    total, arts = entity_totals(corpus, ent)
    assert (pos.index, pos.here, pos.total, pos.articles) == (2, len(here), total, 3)
    assert pos.text() == f"mention 2/{len(here)} here · {total} in 3 articles"
    assert mention_position(corpus, ent, art, art.start).index == 0  # not at one of its mentions
    assert MentionPosition(1, 1, 1, 1).text() == "mention 1/1 here · 1 in 1 article"
    assert MentionPosition(0, 0, 1200, 3).text() == "0 mentions here · 1,200 in 3 articles"


def test_count_words():
    assert [count(1, "mention"), count(2, "mention"), count(3, "entity"), count(0, "match")] == [
        "1 mention",
        "2 mentions",
        "3 entities",
        "0 matches",
    ]


# --- lookup and filter ---------------------------------------------------------------------------


def ent(eid, name, kind, aliases=(), n=1):
    e = Entity(eid, name, kind, list(aliases))
    e.mentions = [object()] * n
    return e


ENTS = [
    ent("org:east-river", "East River", "ORG", ["Marlow"], n=9),  # the town also as an alias, more mentions
    ent("place:marlow", "Marlow", "PLACE", n=2),
    ent("person:nikol-pashinyan", "Nikol Pashinyan", "PERSON", ["Pashinyan", "Nikol Pashinian"], n=12),
    ent("person:ann-lee", "Ann Lee", "PERSON", ["Lee"], n=3),
    ent("person:tom-lee", "Tom Lee", "PERSON", ["Lee"], n=5),
]


def test_lookup_prefers_the_canonical_name_and_names_the_others():
    found = lookup(ENTS, "Marlow")
    assert found.entity.id == "place:marlow" and found.how == "name"
    assert [o.id for o, _ in found.others] == ["org:east-river"]
    msg = found.ambiguity("Marlow")
    assert "matches 2 entities" in msg and "org:east-river" in msg and "as an alias" in msg
    assert lookup(ENTS, "marlow").entity.id == "place:marlow"  # case ignored, still the name first
    assert lookup(ENTS, "org:east-river").entity.id == "org:east-river"  # an id


def test_lookup_alias_ties_go_to_the_most_mentioned_and_say_so():
    found = lookup(ENTS, "Lee")
    assert found.entity.id == "person:tom-lee" and found.how == "alias"
    assert "person:ann-lee" in found.ambiguity("Lee")
    assert lookup(ENTS, "Pashinyan").ambiguity("Pashinyan") is None  # one match: nothing to say


def test_lookup_is_typo_aware_after_exact_tiers():
    assert lookup(ENTS, "Pashinyn").entity.id == "person:nikol-pashinyan"
    assert lookup(ENTS, "Qwxzv Plonk") is None


def test_filter_matches_aliases_kinds_and_typos():
    m = EntityMatcher(ENTS)
    names = lambda q: {e.id for e in m.filter(q)}  # noqa: E731
    assert names("pashinian") == {"person:nikol-pashinyan"}  # an alias spelling
    assert names("PASHINYAN") == {"person:nikol-pashinyan"}
    assert names("pashinjan") == {"person:nikol-pashinyan"}  # a typo of a word of its names
    assert names("marlow") == {"org:east-river", "place:marlow"}
    assert names("place") == {"place:marlow"}  # the kind
    assert len(m.filter("")) == len(ENTS)
    assert names("zzzz") == set()
    assert names("pashinyanxyz") == set()  # a longer word is not a typo


# --- the command line ----------------------------------------------------------------------------


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


@pytest.fixture(scope="module")
def folder(corpus):
    return str(Path(corpus.articles[0].path).parent)


def test_cli_context_csv_and_json(folder):
    out = run("mentions", "Greta Lindqvist", folder, "--context", "--format", "csv", "--sort", "date")
    assert out.returncode == 0, out.stderr
    table = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(table) >= 5
    for rec in table:
        src = Path(rec["path"]).read_text(encoding="utf-8")
        assert src[int(rec["start"]) : int(rec["end"])] == rec["text"]
    assert table[-1]["date"] == ""  # undated last when sorted by date
    js = json.loads(run("mentions", "lindqvist", folder, "--context", "--json").stdout)
    assert js["entity"]["name"] == "Greta Lindqvist" and js["mentions"] == len(table)
    for r in js["rows"]:
        src = Path(r["path"]).read_text(encoding="utf-8")
        assert src[r["start"] : r["end"]] == r["text"]
        assert src[r["sentence"]["start"] : r["sentence"]["end"]] == r["sentence"]["text"]


def test_cli_human_output_reads_as_text(folder):
    out = run("mentions", "Greta Lindqvist", folder, "--context")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("Greta Lindqvist (PERSON): ") and " in 3 articles" in lines[0]
    assert any(line.startswith("Harbour Talks Resume in Bergen  (") and "a.txt" in line for line in lines)
    names = [line for line in lines if line.startswith("  ")]
    cols = {line.index(" Greta") if " Greta" in line else line.index(" Lindqvist") for line in names}
    assert len(cols) == 1  # every row aligned on the name
    plain = run("mentions", "Greta Lindqvist", folder)
    assert "Greta Lindqvist" in plain.stdout and "b.txt" in plain.stdout
    assert all("\n" not in line for line in plain.stdout.splitlines())
    assert any(line.strip().endswith("Greta Lindqvist") for line in plain.stdout.splitlines())  # folded


def test_cli_articles_on_an_empty_folder_says_so(tmp_path):
    out = run("articles", str(tmp_path))
    assert out.returncode == 1 and out.stdout == ""
    assert "no articles" in out.stderr and "Traceback" not in out.stderr
