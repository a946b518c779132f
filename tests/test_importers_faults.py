"""Imported files that are damaged, hostile or not what their name says: one notice each, nothing
else lost; markup and escapes in them stay text; the extraction cache only ever speeds things up."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import importer_fixtures as fx
import pytest

from reader.model.corpus.corpus import Corpus
from reader.model.ingest import formats
from reader.model.ingest.files import load_files

SRCS = fx.articles(3)


@pytest.fixture
def folder(tmp_path):
    """A folder of its own: conftest keeps the XDG dirs (and the cache database) in tmp_path."""
    d = tmp_path / "in"
    d.mkdir()
    return d


def test_each_bad_file_is_one_notice_and_the_rest_loads(folder):
    (folder / "good.html").write_text(fx.newssite_page(SRCS[0]), encoding="utf-8")
    (folder / "good.txt").write_text("A plain title\n\nA plain body sentence that is long enough.\n", encoding="utf-8")
    bad = {
        "broken.pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ntrailer garbage",
        "empty.html": b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "not-a-feed.xml": b"<?xml version='1.0'?><config><item>1</item></config>",
        "other.db": b"",  # filled below: an SQLite database that is not newsboat's
        "truncated.docx": b"PK\x03\x04 not really a zip",
        "broken.epub": b"PK\x03\x04",
        "nothing.json": b'[{"id": 1, "headline": "No text here"}]',
        "garbage.jsonl": b"{not json at all\n",
        "random.rtf": b"this is not rtf",
        "no-headers.eml": b"\n\njust text without headers",
        "empty.mbox": b"no from line here",
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    con = sqlite3.connect(folder / "other.db")
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n")
    corpus = Corpus.load([str(folder)])
    assert sorted(a.source.path.name for a in corpus.articles) == ["good.html", "good.txt"]
    for name in [*bad, "picture.png"]:
        said = [n for n in corpus.notices if Path(n.path).name == name]
        assert len(said) == 1, (name, said)
        assert said[0].message.startswith(("refused: ", "skipped (")), said
        assert "Traceback" not in said[0].message


def test_zip_that_unpacks_too_far_is_refused(folder, monkeypatch):
    from reader.model.ingest.formats import docx as docx_importer

    monkeypatch.setattr(docx_importer, "MAX_UNPACKED", 1000)
    fx.docx_file(folder / "big.docx", SRCS[0])
    corpus = Corpus.load([str(folder)])
    assert not corpus.articles and "unpacks to" in corpus.notices[0].message


def test_markup_and_escapes_in_sources_stay_text(folder):
    evil_title = "[bold red]Boom[/] \x1b]0;PWNED\x07 [@click=app.quit]x[/]"
    body = "He said \x1b[2J “it is [/] fine” &amp; left. <script>alert(1)</script> " * 5
    page = f"""<html><head><title>{fx.esc(evil_title)}</title></head><body><article><h1>{fx.esc(evil_title)}</h1>
<p>{fx.esc(body)}</p><p>{fx.esc(body)}</p><script>document.write('Frobnitzer')</script></article></body></html>"""
    (folder / "evil.html").write_text(page, encoding="utf-8")
    feed = fx.rss_feed([fx.Src("x", evil_title, [body, body], "2020-01-02", "https://x.example", "A B")])
    (folder / "evil.rss").write_text(feed, encoding="utf-8")
    corpus = Corpus.load([str(folder)])
    assert len(corpus.articles) == 2
    for a in corpus.articles:
        # kept as text (shown display-mapped downstream); control characters may be dropped
        assert a.title.startswith("[bold red]Boom[/]") and a.title.endswith("[@click=app.quit]x[/]")
        span = a.text[a.start : a.end]
        # the page's text: written-out tags stay text (trafilatura also unescapes a written-out "&amp;")
        assert "[/] fine" in span and "<script>alert(1)</script>" in span
        assert "Frobnitzer" not in span and "document.write" not in span  # the page's script is not text


def test_cache_makes_a_warm_open_skip_extraction(folder, monkeypatch):
    fx.pdf_file(folder / "a.pdf", SRCS[1])
    (folder / "b.html").write_text(fx.wordpress_page(SRCS[2]), encoding="utf-8")
    cold = Corpus.load([str(folder)])
    calls = []
    real = formats.Importer.extract

    def counting(self, data, options):
        calls.append(self.format)
        return real(self, data, options)

    monkeypatch.setattr(formats.Importer, "extract", counting)
    warm = Corpus.load([str(folder)])
    assert calls == [] and not warm.notices
    assert [(a.id, a.title, a.start, a.end, a.pages) for a in warm.articles] == [
        (a.id, a.title, a.start, a.end, a.pages) for a in cold.articles
    ]
    assert [f.text for f in warm.files] == [f.text for f in cold.files]
    # another extractor version extracts again
    monkeypatch.setattr(formats, "_library_version", lambda dist: "0.0-test")
    Corpus.load([str(folder)])
    assert sorted(calls) == ["html", "pdf"]


def test_cache_trouble_never_stops_loading(folder, monkeypatch):
    from reader.model.store import paths

    (folder / "a.html").write_text(fx.newssite_page(SRCS[0]), encoding="utf-8")
    cache = paths.analysis_cache_path()
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(b"this is not a database" * 100)
    corpus = Corpus.load([str(folder / "a.html")])
    assert [a.title for a in corpus.articles] == [SRCS[0].title]
    assert any("moved it aside" in n.message for n in corpus.notices)
    # a damaged entry is extracted again
    con = sqlite3.connect(cache)
    con.execute("UPDATE analyses SET data = x'00'")
    con.commit()
    con.close()
    again = Corpus.load([str(folder / "a.html")])
    assert [a.title for a in again.articles] == [SRCS[0].title] and not again.notices


def test_no_cache_for_plain_text(folder):
    """A corpus of text files never opens the cache while loading (startup stays as it was)."""
    from reader.model.store import paths

    (folder / "a.txt").write_text("Title line\n\nBody sentence one.\n", encoding="utf-8")
    list(load_files([folder / "a.txt"]))
    assert not paths.analysis_cache_path().exists()


def test_extension_less_files_are_sniffed(folder):
    """A mailbox or page given by name without a known extension is recognised by its content."""
    (folder / "Inbox").write_bytes(fx.mbox_bytes([fx.newsletter_message(s) for s in SRCS[:2]]))
    (folder / "saved-page").write_text(fx.newssite_page(SRCS[2]), encoding="utf-8")
    corpus = Corpus.load([str(folder / "Inbox"), str(folder / "saved-page")])
    assert [a.source.format for a in corpus.articles] == ["mbox", "mbox", "html"]


@pytest.mark.parametrize("suffix", [".epub", ".docx"])
def test_zip_members_are_not_trusted(folder, suffix):
    p = folder / f"odd{suffix}"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr(
            "META-INF/container.xml",
            "<container><rootfiles><rootfile full-path='../../etc/passwd'/></rootfiles></container>",
        )
        z.writestr("word/document.xml", "<w:document/>")
    corpus = Corpus.load([str(p)])
    assert not corpus.articles and len(corpus.notices) == 1 and corpus.notices[0].message.startswith("refused")
