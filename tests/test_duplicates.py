"""Wire copies and near-duplicates, on a corpus built here from the seeds and the bench corpus:
copies with a changed byline, boilerplate, a trimmed last paragraph, a few words changed."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pytest

from reader.model.corpus.corpus import Corpus

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "data" / "bench-corpus"
if not BENCH.is_dir():
    BENCH = Path("/work/shared/data/bench-corpus")

BYLINES = ["By Jane Roe", "By JOHN DOE, Staff Writer", "By Ana Velor and Tom Reyes", "By Wire Staff"]
BOILER = [
    "Copyright 2021 Example Wire. All rights reserved.",
    "Sign up for our newsletter to get the day's top stories.",
    "Reporting by Jane Roe; editing by John Doe",
]
SWAPS = ["however", "reportedly", "officials", "residents", "Thursday", "several", "nearly", "new"]


def paragraphs(text: str) -> tuple[str, list[str]]:
    title, _, body = text.strip().partition("\n")
    return title, [p for p in body.split("\n\n") if p.strip()]


def change_words(paras: list[str], n: int, rng: random.Random) -> list[str]:
    paras = list(paras)
    for _ in range(n):
        i = rng.randrange(len(paras))
        words = paras[i].split(" ")
        if len(words) > 3:
            words[rng.randrange(len(words))] = rng.choice(SWAPS)
            paras[i] = " ".join(words)
    return paras


def variant(text: str, kind: str, rng: random.Random) -> str:
    title, paras = paragraphs(text)
    if kind == "byline":
        return "\n\n".join([title, rng.choice(BYLINES), *paras]) + "\n"
    if kind == "boilerplate":
        return "\n\n".join([title, *paras, *rng.sample(BOILER, 2)]) + "\n"
    if kind == "trimmed":
        return "\n\n".join([title, *paras[:-1]]) + "\n"
    if kind == "words":
        return "\n\n".join([title, *change_words(paras, 4, rng)]) + "\n"
    if kind == "all":  # a reprint: new headline and byline, last paragraph cut, a few words edited
        return "\n\n".join(["UPDATE: " + title, rng.choice(BYLINES), *change_words(paras[:-1], 2, rng)]) + "\n"
    raise ValueError(kind)


def build(tmp_path: Path) -> dict[str, str]:
    """Files written under tmp_path; {file name: family} (a family = one original and its copies)."""
    rng = random.Random(7)
    sources = sorted(BENCH.glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    family: dict[str, str] = {}
    for n, src in enumerate(sources):
        text = src.read_text(encoding="utf-8")
        name = f"{n:03d}-orig.txt"
        (tmp_path / name).write_text(text, encoding="utf-8")
        family[name] = src.stem
        _, paras = paragraphs(text)
        if len(paras) < 4 or n % 4 == 3:
            continue  # short pieces and every fourth article: no copies (distinct articles)
        kinds = ["byline", "boilerplate", "trimmed", "words", "all"]
        for kind in rng.sample(kinds, 1 + n % 3):
            name = f"{n:03d}-{kind}.txt"
            (tmp_path / name).write_text(variant(text, kind, rng), encoding="utf-8")
            family[name] = src.stem
    return family


def test_groups_copies_and_nothing_else(tmp_path):
    pytest.importorskip("datasketch")
    family = build(tmp_path)
    corpus = Corpus.load([str(tmp_path)])
    # digest files (several stories in one file) stay one family per story position
    fam_of = {}
    for a in corpus.articles:
        fam_of[a.id] = (family[Path(a.path).name], a.story_index)
    groups = corpus.duplicate_groups()
    predicted = {frozenset((x.id, y.id)) for g in groups for x, y in combinations(g.members, 2)}
    truth = {frozenset((x.id, y.id)) for x, y in combinations(corpus.articles, 2) if fam_of[x.id] == fam_of[y.id]}
    assert len(truth) >= 60, "the test corpus has copies"
    tp = len(predicted & truth)
    precision = tp / len(predicted)
    recall = tp / len(truth)
    assert precision >= 0.95 and recall >= 0.95, (precision, recall, sorted(map(sorted, truth - predicted))[:5])
    # no group joins two distinct articles (two originals)
    for g in groups:
        originals = {fam_of[a.id] for a in g.members if Path(a.path).name.endswith("-orig.txt")}
        assert len(originals) <= 1, [a.path for a in g.members]
    # every group lists each pair's similarity, and an article is in at most one group
    seen = [a.id for g in groups for a in g.members]
    assert len(seen) == len(set(seen))
    for g in groups:
        assert len(g.pairs) == len(g.members) * (len(g.members) - 1) // 2
        assert all(0 < jac <= cont <= 1 for _a, _b, jac, cont in g.pairs)


def test_story_counts_and_grouping_lookups(tmp_path):
    pytest.importorskip("datasketch")
    src = sorted(BENCH.glob("*.txt"))[:2]
    text = src[0].read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(variant(text, "byline", random.Random(1)), encoding="utf-8")
    (tmp_path / "c.txt").write_text(src[1].read_text(encoding="utf-8"), encoding="utf-8")
    corpus = Corpus.load([str(tmp_path)])
    a, b, c = sorted(corpus.articles, key=lambda x: x.path)
    assert corpus.story_of(a) is corpus.story_of(b) and corpus.story_of(c) is None
    assert corpus.story_key(a) == corpus.story_key(b) != corpus.story_key(c)
    assert corpus.stories_count([a, b, c]) == 2


def test_cli_duplicates_json(tmp_path):
    pytest.importorskip("datasketch")
    text = sorted(BENCH.glob("*.txt"))[0].read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(json.dumps({"date": "2021-03-05", "publisher": "Courier"}))
    (tmp_path / "b.txt").write_text(variant(text, "trimmed", random.Random(1)), encoding="utf-8")
    (tmp_path / "b.txt.meta.json").write_text(json.dumps({"date": "2021-03-03", "publisher": "Wire"}))
    (tmp_path / "c.txt").write_text(sorted(BENCH.glob("*.txt"))[1].read_text(encoding="utf-8"), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "reader", "duplicates", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert len(data["groups"]) == 1
    g = data["groups"][0]
    assert [m["publisher"] for m in g["articles"]] == ["Wire", "Courier"]  # earliest first
    assert len(g["pairs"]) == 1 and g["pairs"][0]["containment"] >= 0.95
    assert data["threshold"]["jaccard"] == 0.5 and data["articles"] == 3
    human = subprocess.run(
        [sys.executable, "-m", "reader", "duplicates", str(tmp_path)], capture_output=True, text=True, cwd=ROOT
    )
    assert human.returncode == 0 and "also in 1 outlet" in human.stdout


def test_quote_provenance_earliest_first(tmp_path):
    """The same words in three articles (one quoting only part of them): the earliest dated is first."""
    from reader.model.analysis.results import FileAnalysis, QuoteSpan
    from reader.model.outputs.records import quote_record

    words = "We will not sign the agreement until the harbour is safe for every crew"
    texts = {
        "a.txt": ("2021-03-05", "Courier", f"Harbour Talks\n\nThe director said: \u201c{words}.\u201d\n"),
        "b.txt": ("2021-03-03", "Wire", f'Port Row\n\n"{words.upper()}," the director told reporters.\n'),
        "c.txt": (
            None,
            "Blog",
            "Port Row Goes On\n\nShe had said \u201cuntil the harbour is safe for every crew\u201d.\n",
        ),
        "d.txt": (
            "2021-03-01",
            "Other",
            "Other News\n\n\u201cNothing to do with the port at all today,\u201d he said.\n",
        ),
    }
    for name, (date, pub, text) in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.meta.json").write_text(json.dumps({"date": date, "publisher": pub}))
    corpus = Corpus.load([str(tmp_path)])
    for i, f in enumerate(corpus.files):
        t = f.text
        s = t.index("\u201c" if "\u201c" in t else '"') + 1
        e = t.index("\u201d" if "\u201d" in t else '"', s)
        corpus.set_analysis(i, FileAnalysis(quotes=[QuoteSpan(s, e, t[s:e])]))
    recs = {}
    for a in corpus.articles:
        (q,) = corpus.quotes_in(a)
        recs[a.publisher] = quote_record(corpus, a, q)["provenance"]
    assert recs["Other"] is None
    assert recs["Courier"]["first"]["publisher"] == "Wire" and not recs["Courier"]["is_first"]
    assert [x["publisher"] for x in recs["Courier"]["later"]] == ["Courier", "Blog"]  # the undated last
    assert recs["Wire"]["is_first"] and recs["Blog"]["first"]["date"] == "2021-03-03"


def test_a_huge_article_is_shingled_over_its_first_million_characters(tmp_path):
    """As analysis does: a 3 MB body costs the shingles of its first 1,000,000 characters."""
    from reader.model.analysis.limits import MAX_ANALYSED_CHARS
    from reader.model.corpus.duplicates import body_shingles

    words = [f"w{i:07d}" for i in range(400_000)]  # 9 characters with the space: 3.6 MB, no word twice
    paras = [" ".join(words[i : i + 100]) for i in range(0, len(words), 100)]
    (tmp_path / "huge.txt").write_text("A huge article\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")
    (art,) = Corpus.load([str(tmp_path)]).articles
    shingles = body_shingles(art)
    per_word = 899 / 100  # a 100-word paragraph spans 899 characters (the breaks between them are not counted)
    assert abs(len(shingles) - MAX_ANALYSED_CHARS / per_word) < 20  # not the 400,000 of the whole body


def _grouped_pairwise(articles):
    """The grouping as it was before copies were collapsed: every article minhashed and compared
    with every candidate, every pair of a group's first members measured (the reference)."""
    from reader.model.corpus import duplicates as d

    shingles = [d.body_shingles(a) for a in articles]
    pairs = d.similar_pairs(shingles)
    parent = list(range(len(articles)))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    for p in pairs:
        ra, rb = find(p.a), find(p.b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict[int, list[int]] = {}
    for x in range(len(articles)):
        comps.setdefault(find(x), []).append(x)
    out = []
    for idx in comps.values():
        if len(idx) < 2:
            continue
        idx.sort(key=lambda i: d._date_key(articles[i]))
        measured = []
        for i, j in combinations(idx[: d._PAIRWISE_MAX], 2):
            a, b = shingles[i], shingles[j]
            inter = len(a & b)
            measured.append(
                (articles[i].id, articles[j].id, inter / max(1, len(a | b)), inter / max(1, min(len(a), len(b))))
            )
        out.append(([articles[i].id for i in idx], measured))
    out.sort(key=lambda g: (-len(g[0]), d._date_key(next(a for a in articles if a.id == g[0][0]))))
    return out


def _as_compared(groups):
    return [([a.id for a in g.members], [(a.id, b.id, j, c) for a, b, j, c in g.pairs]) for g in groups]


def test_collapsed_copies_group_exactly_as_comparing_every_article(tmp_path):
    """Near copies, exact copies (same body, another headline or byline: 70 of one, more than a
    group's listed pairs), an empty body twice: the groups and every measure as before."""
    pytest.importorskip("datasketch")
    from reader.model.corpus.duplicates import duplicate_groups

    build(tmp_path)
    sources = sorted(BENCH.glob("*.txt"))
    _, paras = paragraphs(sources[0].read_text(encoding="utf-8"))
    for i in range(70):
        (tmp_path / f"wire{i:02d}.txt").write_text(f"Copy {i} of the wire story\n\n" + "\n\n".join(paras) + "\n")
    _, other = paragraphs(sources[1].read_text(encoding="utf-8"))
    for i in range(3):
        (tmp_path / f"other{i}.txt").write_text(f"Another\n\nBy Wire Staff {i}\n\n" + "\n\n".join(other) + "\n")
    for i in range(2):
        (tmp_path / f"empty{i}.txt").write_text("Only a headline\n")
    arts = Corpus.load([str(tmp_path)]).articles
    got = _as_compared(duplicate_groups(arts))
    assert got == _grouped_pairwise(arts)
    assert max(len(m) for m, _ in got) >= 70 and len(got) >= 20


def test_a_generated_archive_groups_as_before(tmp_path):
    """benchmarks/archive.py's archive (each distinct article in several files): the same groups."""
    pytest.importorskip("datasketch")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import archive

    from reader.model.corpus.duplicates import duplicate_groups

    folder = archive.make_archive(tmp_path / "archive", 240, 30)
    Corpus.load([str(folder)])
    corpus = Corpus.load([str(folder)])  # from the open index: texts read when asked
    arts = corpus.articles
    got = _as_compared(duplicate_groups(arts))
    assert all(f._text is None for f in corpus.files)  # read for grouping, then let go
    assert got == _grouped_pairwise(arts)
    assert sum(len(m) for m, _ in got) >= 200  # the copies are grouped


def test_shingles_are_the_same_in_every_process():
    # Python's string hash changes per process; stories built by two processes (or two runs)
    # must not differ, so a word's shingle value may not depend on it
    code = (
        "from reader.model.corpus.duplicates import _shingles; "
        "t = 'Rescue teams searched the flooded valley on Tuesday as the river rose again. ' * 3; "
        "print(sorted(_shingles(t, [(0, len(t))])))"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
            cwd=ROOT,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outs) == 1 and outs.pop().startswith("[")
