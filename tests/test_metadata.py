"""Metadata by general rules: on the seeds, and on shapes of news text they do not contain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.model.corpus.corpus import Corpus
from reader.model.ingest.article import SourceFile
from reader.model.ingest.dates import find_date
from reader.model.ingest.file_articles import articles_of

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds():
    return Corpus.load([SEEDS])


def article(text: str, name: str = "x.txt"):
    return articles_of(SourceFile(Path(name), text, "utf-8", "0" * 64, len(text)))


def test_seed_titles_are_headline_lines(seeds):
    firsts = {}
    for a in seeds.articles:
        assert a.title_span is not None
        assert a.text[a.title_span[0] : a.title_span[1]] == a.title
        firsts.setdefault(a.path, a.title)
    for path, title in firsts.items():
        first_line = Path(path).read_text(encoding="utf-8").splitlines()[0].strip()
        if "004_" not in path:
            assert title == first_line


def test_digest_splits_into_four_dated_stories(seeds):
    stories = [a for a in seeds.articles if "004_" in a.path]
    assert len(stories) == 4
    assert all(a.date == "2020-11-04" for a in stories)
    assert [a.story_index for a in stories] == [0, 1, 2, 3]
    assert stories[0].title.startswith("Russia ‘Doing Everything’")
    assert stories[0].byline == "Aza Babayan"
    for a, b in zip(stories, stories[1:]):
        assert a.end <= b.start


def test_seed_publishers_and_no_invented_dates(seeds):
    by_file = {Path(a.path).name[:3]: a for a in seeds.articles}
    assert "Bloomberg" in by_file["000"].publisher
    assert "Bloomberg" in by_file["002"].publisher
    assert by_file["000"].date == "2020"  # only a year in the copyright line: reduced precision
    assert by_file["001"].date is None  # the text never says
    assert "Radio Free Europe" in by_file["004"].publisher


def test_boilerplate_recognised(seeds):
    a = next(a for a in seeds.articles if Path(a.path).name.startswith("001"))
    tail = [a.text[b.start : b.end] for b in a.blocks if b.kind == "boilerplate"]
    assert any("Leave a Reply" in t for t in tail)
    assert all("Armenia" not in t for t in tail)


@pytest.mark.parametrize(
    "text,date",
    [
        ("Monday, March 2, 2015\n\nBody.", "2015-03-02"),
        ("Report – 11/04/2020", "2020-11-04"),
        ("Posted 7 June 2019", "2019-06-07"),
        ("2018-06-19T10:00", "2018-06-19"),
        ("on October 20 the talks", None),
    ],
)
def test_dates(text, date):
    assert find_date(text) == date


def test_unseen_shapes():
    body = "The council voted on Monday to approve the budget after a long debate that ran late. " * 3
    arts = article(
        "City council passes budget\n\nBy Jane Q. Doe\n\nTuesday, 3 March 2021\n\n" + body + "\n\n"
        "Copyright (c) 2021 Example Daily News, Inc. All rights reserved.\n\nShare this article"
    )
    a = arts[0]
    assert (a.title, a.byline, a.date, a.publisher) == (
        "City council passes budget",
        "Jane Q. Doe",
        "2021-03-03",
        "Example Daily News",
    )
    wire = article("Storm hits coast\n\nMIAMI (Reuters) - A storm hit the coast on Sunday, officials said.")[0]
    assert wire.publisher == "Reuters"
    permission = article("Headline here\n\n" + body + "\n\nReprinted with permission from The Example Post.")[0]
    assert permission.publisher == "The Example Post"


def test_no_headline_derives_title_and_keeps_whole_file():
    text = "Officials in the U.S. said on Monday that talks would resume. More talks followed later that week."
    a = article(text)[0]
    assert a.title == "Officials in the U.S. said on Monday that talks would resume."
    assert a.title_span is None and (a.start, a.end) == (0, len(text))


def test_sidecar_and_front_matter_win(tmp_path):
    (tmp_path / "a.txt").write_text("Inferred title\n\nBody text of the article.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(
        json.dumps({"title": "Set title", "date": "2020-01-02", "url": "https://x.test/a"})
    )
    (tmp_path / "b.md").write_text(
        "---\ntitle: Front title\npublisher: Front Pub\n---\nHeadline\n\nBody.", encoding="utf-8"
    )
    (tmp_path / "c.txt").write_text("C title\n\nBody.", encoding="utf-8")
    (tmp_path / "c.meta.json").write_text("{not json")
    corpus = Corpus.load([tmp_path])
    got = {Path(a.path).name: a for a in corpus.articles}
    assert (got["a.txt"].title, got["a.txt"].date, got["a.txt"].url) == ("Set title", "2020-01-02", "https://x.test/a")
    assert (got["b.md"].title, got["b.md"].publisher) == ("Front title", "Front Pub")
    assert got["b.md"].text[got["b.md"].start :].startswith("Headline")
    assert got["c.txt"].title == "C title"
    assert any("sidecar ignored" in n.message for n in corpus.notices)
