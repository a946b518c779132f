"""Imported articles through the CLI and the app: quotes and entities at exact offsets of the text
`reader text` prints, provenance in `articles --json`, `--map`, and an HTML article in the app."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import importer_fixtures as fx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SRCS = fx.articles()
KOREA, HACKERS = SRCS[5], SRCS[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=ROOT, timeout=600
    )


def js(*args: str):
    out = run(*args, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "mixed"
    d.mkdir()
    (d / "korea.html").write_text(fx.newssite_page(KOREA), encoding="utf-8")
    fx.pdf_file(d / "hackers.pdf", HACKERS)
    fx.nexis_docx(d / "nexis.docx", [KOREA, HACKERS])
    (d / "korea.txt").write_text(f"{KOREA.title}\n\n{KOREA.body}\n", encoding="utf-8")  # the same story, as text
    return d


def test_offsets_index_the_text_reader_prints(folder):
    arts = {a["id"]: a for a in js("articles", str(folder))}
    texts = {i: js("text", i, str(folder)) for i in arts}
    for i, a in arts.items():
        t = texts[i]
        assert (t["start"], t["end"]) == (a["start"], a["end"])
        s, e = a["title_span"]
        assert t["text"][s - a["start"] : e - a["start"]] == a["title"]
        if a["source"]["format"] != "text":
            assert set(a["source"]) >= {"path", "format", "locator", "sha256", "extractor", "version"}
            assert a["source"]["extractor"] and a["source"]["version"]
    nexis = [a for a in arts.values() if a["source"]["format"] == "nexis"]
    assert [a["source"]["locator"] for a in nexis] == ["Nexis Uni document 1", "Nexis Uni document 2"]
    assert all(a["author"] == s.author for a, s in zip(nexis, [KOREA, HACKERS]))
    (pdf,) = [a for a in arts.values() if a["source"]["format"] == "pdf"]
    assert pdf["source"]["page"] == 1 and pdf["source"]["extractor"] == "pypdf"

    quotes = js("quotes", str(folder))
    assert quotes
    for q in quotes:
        t = texts[q["article"]]
        assert t["text"][q["start"] - t["start"] : q["end"] - t["start"]] == q["text"]
    by_format: dict[str, set[str]] = {}
    for q in quotes:
        fmt = arts[q["article"]]["source"]["format"] + ":" + arts[q["article"]]["title"]
        by_format.setdefault(fmt, set()).add(" ".join(q["text"].split()))
    # the imported copies of the story yield the quotes its plain-text copy yields
    plain = by_format[f"text:{KOREA.title}"]
    assert plain
    for fmt in (f"html:{KOREA.title}", f"nexis:{KOREA.title}"):
        assert len(by_format.get(fmt, set()) & plain) >= 0.9 * len(plain), fmt
    assert by_format.get(f"pdf:{HACKERS.title}") and by_format.get(f"nexis:{HACKERS.title}")

    entities = js("entities", str(folder))
    names = set()
    for ent in entities:
        for m in ent["mentions"]:
            t = texts[m["article"]]
            assert t["text"][m["start"] - t["start"] : m["end"] - t["start"]] == m["text"]
            if arts[m["article"]]["source"]["format"] == "pdf":
                names.add(m["text"])
    assert "Scientology" in " ".join(names)

    whole = run("text", pdf["id"], str(folder), "--file")
    assert whole.returncode == 0 and whole.stdout[:-1][pdf["start"] : pdf["end"]] == texts[pdf["id"]]["text"]
    missing = run("text", "nope", str(folder))
    assert missing.returncode == 1 and "no article" in missing.stderr and "Traceback" not in missing.stderr


def test_map_option_on_the_command_line(tmp_path):
    fx.write_csv(tmp_path / "rows.csv", fx.custom_rows(SRCS[:2]))
    plain = run("articles", str(tmp_path / "rows.csv"))
    assert plain.returncode == 1 and "--map" in plain.stderr
    spec = "text=body_html,title=headline,date=published,url=link,author=writer"
    arts = js("articles", str(tmp_path / "rows.csv"), "--map", spec)
    assert [(a["title"], a["date"], a["url"], a["author"]) for a in arts] == [
        (s.title, s.date, s.url, s.author) for s in SRCS[:2]
    ]
    bad = run("articles", str(tmp_path / "rows.csv"), "--map", "text")
    assert bad.returncode == 2 and "FIELD=NAME" in bad.stderr and "Traceback" not in bad.stderr


async def test_app_opens_an_html_article_and_shows_its_body(tmp_path):
    from reader.model.corpus.corpus import Corpus
    from reader.ui.app import ReaderApp
    from reader.ui.widgets.article_list import ArticleList
    from reader.ui.widgets.article_view import ArticleView

    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "story.html").write_text(fx.wordpress_page(KOREA), encoding="utf-8")
    corpus = Corpus.load([str(tmp_path / "pages")])
    app = ReaderApp(corpus, analyse=False)

    def lines(widget) -> list[str]:
        return ["".join(s.text for s in widget.render_line(y)) for y in range(widget.scrollable_content_region.height)]

    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        lst, view = app.query_one(ArticleList), app.query_one(ArticleView)
        assert view.article is corpus.articles[0]
        shown = " ".join(" ".join(lines(view)).split())
        assert KOREA.title in shown
        assert "According to Yonhap news agency" in shown  # the body, not the page's furniture
        body = shown.replace("Trundlebury Ledger", "")  # the site's name is the publisher, in the metadata line
        assert not any(w in body for w in fx.BOILER_WORDS)
        listed = " ".join(lines(lst))
        assert "html · Trundlebury" in listed
