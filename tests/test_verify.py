"""Quote verification: drafts made from the seeds' quotes by dropping, changing and reordering words,
with and without the marks that make a change honest."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.model.corpus.corpus import Corpus
from reader.model.outputs.corpus_citations import quote_speaker
from reader.model.outputs.records import verification_record
from reader.model.search.verify import ALTERED, EXACT, FAITHFUL, NOT_FOUND, Verifier, parse_draft, word_key

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@pytest.fixture(scope="module")
def verifier(analysed):
    return Verifier(analysed)


def long_quotes(corpus, n_words=8):
    """Quotes with enough words to be told apart, whose words occur once in their article's
    quotes (so the expected passage is unambiguous)."""
    out = []
    for a in corpus.articles:
        for q in corpus.quotes_in(a):
            words = WORD.findall(q.text)
            if len(words) >= n_words:
                out.append((a, q, words))
    assert len(out) >= 8, "the seeds have long quotes"
    return out


def test_parse_draft_marks():
    kinds = [(t.kind, t.text) for t in parse_draft("“We will … not [Armenia’s] sign [...] it. . . today.”")]
    assert kinds == [
        ("word", "We"),
        ("word", "will"),
        ("cut", "\u2026"),
        ("word", "not"),
        ("insert", "Armenia’s"),
        ("word", "sign"),
        ("cut", "\u2026"),
        ("word", "it"),
        ("cut", "\u2026"),
        ("word", "today"),
    ]
    assert word_key("Cease-fire") == word_key("ceasefire") == word_key("cease\u2010fire")
    assert word_key("don’t") == word_key("Don't")


def test_every_long_quote_verifies_exactly_with_its_speaker(analysed, verifier):
    for a, q, _words in long_quotes(analysed):
        v = verifier.verify(q.text)
        assert v.verdict == EXACT, (q.text, [d.to_json() for d in v.match.diff] if v.match else None)
        m = v.match
        # the passage is the quote's words, in this article or a copy carrying the same words
        assert " ".join(WORD.findall(m.text)) == " ".join(WORD.findall(q.text))
        if m.article is a:
            assert q.start <= m.start < m.end <= q.end
            rec = verification_record(analysed, v)
            assert rec["match"]["in_quote"] and rec["match"]["speaker"] == quote_speaker(analysed, a, q)
            assert rec["match"]["text"] == a.text[rec["match"]["start"] : rec["match"]["end"]]


def test_marks_case_whitespace_and_hyphens_do_not_matter(analysed, verifier):
    for _a, q, _words in long_quotes(analysed):
        draft = "\u201c" + q.text.upper().replace("\u2019", "'").replace(" ", "  \n ") + '"'
        draft = re.sub(r"(\w)-(\w)", r"\1\2", draft)  # "cease-fire" written "ceasefire"
        assert verifier.verify(draft).verdict == EXACT, draft


def variants(words, rng):
    """(kind, draft, expected verdict, expected ops) made from a quote's words."""
    n = len(words)
    i = rng.randrange(2, n - 3)
    k = rng.randrange(1, min(3, n - i - 2) + 1)
    kept = words[:i] + words[i + k :]
    yield "dropped", " ".join(kept), ALTERED, {"dropped"}
    yield "cut", " ".join(words[:i]) + " \u2026 " + " ".join(words[i + k :]), FAITHFUL, {"cut"}
    yield "cut-brackets", " ".join(words[:i]) + " [...] " + " ".join(words[i + k :]), FAITHFUL, {"cut"}
    changed = words[:i] + ["zebra"] + words[i + 1 :]
    yield "changed", " ".join(changed), ALTERED, {"changed"}
    yield "bracketed", " ".join(words[:i] + [f"[{words[i]}s]"] + words[i + 1 :]), FAITHFUL, {"inserted"}
    yield "added", " ".join(words[:i] + ["truly"] + words[i:]), ALTERED, {"added"}
    swapped = words[:i] + [words[i + 1], words[i]] + words[i + 2 :]
    yield "swapped", " ".join(swapped), ALTERED, None
    moved = words[:i] + words[i + 2 :] + words[i : i + 2]  # two words moved to the end
    yield "moved", " ".join(moved), ALTERED, None


def test_drafts_from_seed_quotes_get_the_right_verdict(analysed, verifier):
    rng = random.Random(17)
    seen = 0
    for _a, _q, words in long_quotes(analysed):
        if len(set(w.casefold() for w in words)) < len(words):
            continue  # repeated words make "which one was dropped" ambiguous; the verdict is tested elsewhere
        for kind, draft, verdict, ops in variants(words, rng):
            v = verifier.verify(draft)
            assert v.verdict == verdict, (kind, draft, [d.to_json() for d in v.match.diff] if v.match else None)
            diff_ops = {d.op for d in v.match.diff} - {"same"}
            if ops is not None:
                assert diff_ops == ops, (kind, draft, diff_ops)
            for d in v.match.diff:  # every source span is exact
                if d.start is not None:
                    assert word_key(d.source.replace(" ", "")) == word_key(
                        "".join(WORD.findall(v.match.article.text[d.start : d.end]))
                    )
            seen += 1
    assert seen >= 40


def test_cut_is_reported_with_the_words_left_out(analysed, verifier):
    _a, _q, words = next(x for x in long_quotes(analysed, 12) if len(set(x[2])) == len(x[2]))
    v = verifier.verify(" ".join(words[:3]) + "... " + " ".join(words[7:]))
    assert v.verdict == FAITHFUL
    cut = next(d for d in v.match.diff if d.op == "cut")
    assert cut.source == " ".join(word_key(w) for w in words[3:7])
    assert WORD.findall(v.match.article.text[cut.start : cut.end]) == words[3:7]


def test_two_quotes_joined_across_their_attribution(analysed, verifier):
    """“A,” he said. “B.” written as one quote: the attribution left out is no alteration."""
    pairs = []
    for a in analysed.articles:
        qs = analysed.quotes_in(a)
        for q1, q2 in zip(qs, qs[1:]):
            gap = a.text[q1.end : q2.start]
            if len(gap) < 40 and q1.speaker and q1.speaker == q2.speaker and len(WORD.findall(q1.text)) >= 5:
                pairs.append((a, q1, q2))
    assert pairs, "the seeds have a quote continued after its attribution"
    a, q1, q2 = pairs[0]
    v = verifier.verify(q1.text.rstrip(",") + " " + q2.text)
    assert v.verdict == FAITHFUL and "attribution" in {d.op for d in v.match.diff}
    assert v.match.start <= q1.start + 1 and v.match.end >= q2.end - 1


def test_not_found(verifier):
    v = verifier.verify("The committee approved the budget for the new library on Tuesday evening")
    assert v.verdict == NOT_FOUND and v.match is None
    assert verifier.verify("...").verdict == NOT_FOUND


def test_line_end_hyphenation_and_a_copy_elsewhere(tmp_path):
    """Hard-wrapped source with a word broken at the line end; the same words in a later copy."""
    body = "PORT MAREN - The harbour board met on Tuesday.\n\nThe director said the plan was strate-\ngic and would not be signed before the summer recess.\n"
    (tmp_path / "a.txt").write_text("Harbour Plan Stalls\n\n" + body, encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(json.dumps({"date": "2021-03-03", "publisher": "Gazette"}))
    (tmp_path / "b.txt").write_text("Harbour Plan Stalls Again\n\n" + body, encoding="utf-8")
    (tmp_path / "b.txt.meta.json").write_text(json.dumps({"date": "2021-03-05", "publisher": "Courier"}))
    corpus = Corpus.load([str(tmp_path)])
    v = Verifier(corpus).verify("the plan was strategic and would not be signed before the summer recess")
    assert v.verdict == EXACT
    assert v.match.article.publisher == "Gazette"  # the earliest dated article carrying the words
    assert [o.article.publisher for o in v.also_in] == ["Courier"]
    rec = verification_record(corpus, v)
    assert rec["match"]["in_quote"] is False and rec["match"]["speaker"] is None


@pytest.mark.usefixtures("warm_seeds_cache")  # the CLI runs read the analysed seeds
def test_cli_verify(tmp_path, analysed):
    _a, _q, words = long_quotes(analysed)[0]
    out = subprocess.run(
        [sys.executable, "-m", "reader", "verify", " ".join(words[:-1]) + " zebra", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    assert rec["verdict"] == "altered" and rec["counts"]["changed"] == 1
    assert rec["match"]["path"] and rec["match"]["text"]
    none = subprocess.run(
        [sys.executable, "-m", "reader", "verify", "Completely unrelated words about gardening and tomatoes"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert none.returncode == 1 and "not found" in none.stdout and "Traceback" not in none.stderr
