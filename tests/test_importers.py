"""Importers, end to end at the model: real articles rendered into each format come back as the
same text (token F1 >= 0.95), with no page furniture, and with their title, publisher, date,
author and locator; every span is exact in the extracted text."""

from __future__ import annotations

import json
import re
from pathlib import Path

import importer_fixtures as fx
import pytest

from reader.model.corpus.corpus import Corpus
from reader.model.ingest.article import BODY, HEADLINE
from reader.model.ingest.formats import ImportOptions

SRCS = fx.articles()
BY_TITLE = {s.title: s for s in SRCS}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Every format, each over real articles (module-scoped: built once)."""
    d = tmp_path_factory.mktemp("imports")
    for i, s in enumerate(SRCS):
        (d / f"wp-{i}.html").write_text(fx.wordpress_page(s), encoding="utf-8")
        (d / f"news-{i}.html").write_text(fx.newssite_page(s), encoding="utf-8")
        (d / f"old-{i}.htm").write_bytes(fx.table_page(s).encode("cp1252", "xmlcharrefreplace"))
    (d / "feed.rss").write_text(fx.rss_feed(SRCS[:4]), encoding="utf-8")
    (d / "summaries.atom").write_text(fx.atom_feed(SRCS[4:7], summary_only=True), encoding="utf-8")
    fx.newsboat_db(d / "cache.db", SRCS[:3])
    fx.nexis_docx(d / "nexis.docx", SRCS[:5])
    fx.nexis_rtf(d / "nexis.rtf", SRCS[5:])
    fx.factiva_rtf(d / "factiva.rtf", SRCS[:4])
    (d / "factiva.html").write_text(fx.factiva_html(SRCS[4:]), encoding="utf-8")
    (d / "proquest.txt").write_text(fx.proquest_txt(SRCS[:6]), encoding="utf-8")
    for i in (3, 5):
        fx.pdf_file(d / f"report-{i}.pdf", SRCS[i])
    fx.docx_file(d / "release.docx", SRCS[7])
    fx.epub_file(d / "issue.epub", SRCS[:4])
    (d / "letter.eml").write_bytes(fx.newsletter_message(SRCS[8]).as_bytes())
    (d / "plain.eml").write_bytes(fx.newsletter_message(SRCS[9], html_part=False).as_bytes())
    (d / "letters.mbox").write_bytes(fx.mbox_bytes([fx.newsletter_message(s) for s in SRCS[:3]]))
    (d / "one.json").write_text(json.dumps(fx.trafilatura_json(SRCS[2])), encoding="utf-8")
    (d / "many.json").write_text(json.dumps([fx.trafilatura_json(s) for s in SRCS[3:6]]), encoding="utf-8")
    (d / "np.jsonl").write_text("\n".join(json.dumps(fx.newsplease_json(s)) for s in SRCS[:4]), encoding="utf-8")
    fx.write_csv(d / "custom.csv", fx.custom_rows(SRCS[:3]))
    return d


@pytest.fixture(scope="module")
def corpus(folder) -> Corpus:
    return Corpus.load([str(folder)])


def by_file(corpus: Corpus, name: str):
    return [a for a in corpus.articles if a.source.path.name == name]


def body_of(a) -> str:
    """The article's text without its headline (what the source's body paragraphs were)."""
    return "\n\n".join(a.text[b.start : b.end] for b in a.blocks if b.kind != HEADLINE)


def check_article(a, src: fx.Src, *, publisher=None, author=True, date=True, f1=0.95, body=None) -> None:
    assert a.title == src.title
    got = body_of(a)
    want = body if body is not None else src.body
    score = fx.token_f1(got, want)
    assert score >= f1, (a.source.path.name, a.title, score)
    leaked = [w for w in fx.BOILER_WORDS if w in a.text[a.start : a.end]]
    assert not leaked, (a.source.path.name, leaked)
    if publisher is not None:
        assert a.publisher == publisher
    if date:
        assert a.date == src.date
    if author:
        assert a.author == src.author


def test_every_span_is_exact_and_no_markup_passes(corpus):
    assert corpus.articles
    for a in corpus.articles:
        text = a.text
        assert 0 <= a.start < a.end <= len(text)
        if a.title_span:
            s, e = a.title_span
            assert text[s:e] == a.title
        for b in a.blocks:
            assert a.start <= b.start < b.end <= a.end
            assert text[b.start : b.end] == text[b.start : b.end].strip()
        assert not re.search(
            r"<(?:p|div|td|br|a|span|b)\b|&(?:amp|lt|gt|quot|nbsp);|\\par\b|\\u\d", text[a.start : a.end]
        )
    for f in corpus.files:
        if f.format != "text":
            assert f.extractor and f.extractor_version and f.text_digest and len(f.digest) == 64


@pytest.mark.parametrize("shape", ["wp", "news", "old"])
def test_web_pages_of_three_cms_shapes(corpus, shape):
    publisher = {"wp": "Trundlebury Ledger", "news": "Wikinews", "old": "Oxbowlark Gazette"}[shape]
    for i, src in enumerate(SRCS):
        suffix = ".htm" if shape == "old" else ".html"
        (a,) = by_file(corpus, f"{shape}-{i}{suffix}")
        check_article(a, src, publisher=publisher)
        assert a.source.format == "html" and a.source.extractor == "trafilatura"
        assert a.format_label == "html"
        if shape != "old":
            assert a.url == src.url
        # paragraphs stay paragraphs: the page's <p>s are the article's body blocks
        bodies = [b for b in a.blocks if b.kind == BODY]
        assert len(bodies) >= len(src.paragraphs) - 2


def test_feeds_full_content_and_summary_only(corpus):
    arts = by_file(corpus, "feed.rss")
    assert [a.title for a in arts] == [s.title for s in SRCS[:4]]
    for a, s in zip(arts, SRCS[:4]):
        check_article(a, s, publisher="Wikinews")
        assert a.url == s.url and not a.summary_only and a.story_index is not None
    summaries = by_file(corpus, "summaries.atom")
    assert len(summaries) == 3
    for a, s in zip(summaries, SRCS[4:7]):
        check_article(a, s, publisher="Wikinews", body=s.paragraphs[0])
        assert a.summary_only


def test_newsboat_cache(corpus):
    arts = by_file(corpus, "cache.db")
    assert [a.title for a in arts] == [s.title for s in SRCS[:3]]  # the deleted item is not there
    for a, s in zip(arts, SRCS[:3]):
        check_article(a, s, publisher="Wikinews")
        assert a.url == s.url and a.source.format == "newsboat"


@pytest.mark.parametrize("name,srcs", [("nexis.docx", SRCS[:5]), ("nexis.rtf", SRCS[5:])])
def test_nexis_exports(corpus, name, srcs):
    arts = by_file(corpus, name)
    assert [a.title for a in arts] == [s.title for s in srcs]
    for n, (a, s) in enumerate(zip(arts, srcs), start=1):
        check_article(a, s, publisher="Wikinews")
        assert a.locator == f"Nexis Uni document {n}" and a.source.format == "nexis"
        span = a.text[a.start : a.end]
        for furniture in (
            "User Name",
            "Job Number",
            "Load-Date",
            "End of Document",
            "Length:",
            "Section:",
            "Copyright",
        ):
            assert furniture not in span


@pytest.mark.parametrize("name,srcs", [("factiva.rtf", SRCS[:4]), ("factiva.html", SRCS[4:])])
def test_factiva_exports(corpus, name, srcs):
    arts = by_file(corpus, name)
    assert [a.title for a in arts] == [s.title for s in srcs]
    for a, s in zip(arts, srcs):
        check_article(a, s, publisher="Wikinews")
        assert re.fullmatch(r"Factiva WIKINW00\d{8}e\d{4}x", a.locator or "")
        assert a.locator.split()[1][8:16] == s.date.replace("-", "")
        span = a.text[a.start : a.end]
        assert "gcat" not in span and "Wikimedia Foundation" not in span and "words" not in span.split("\n")[0]


def test_proquest_export(corpus):
    arts = by_file(corpus, "proquest.txt")
    assert [a.title for a in arts] == [s.title for s in SRCS[:6]]
    for n, (a, s) in enumerate(zip(arts, SRCS[:6]), start=1):
        check_article(a, s, publisher="Wikinews")
        assert a.locator == f"ProQuest document ID {2400000000 + n}"
        assert a.url and a.url.endswith(str(2400000000 + n))
        assert "Publication title" not in a.text[a.start : a.end] and "Report Information" not in a.text


def test_pdf_pages_and_running_heads(corpus):
    for i in (3, 5):
        (a,) = by_file(corpus, f"report-{i}.pdf")
        src = SRCS[i]
        check_article(a, src, date=True, f1=0.97)
        assert "Oxbowlark Weekly Review" not in a.text  # the running head of every page
        assert a.page_at(a.start) == 1 and a.format_label == "pdf p. 1"
        assert len(a.pages) >= 2 and [p for _, p in a.pages] == list(range(1, len(a.pages) + 1))
        # the last paragraph is on the last page, the first on the first
        last = src.paragraphs[-1][:40]
        assert a.page_at(a.text.index(last)) == len(a.pages)
        # a page number never sits alone in the text
        assert not re.search(r"(?m)^\d{1,2}$", a.text)


def test_docx_epub_and_email(corpus):
    (a,) = by_file(corpus, "release.docx")
    check_article(a, SRCS[7], publisher=None)
    epub = by_file(corpus, "issue.epub")
    assert [a.title for a in epub] == [s.title for s in SRCS[:4]]  # the index chapter is not an article
    for a, s in zip(epub, SRCS[:4]):
        check_article(a, s, publisher="Wikinews", author=False, date=False)
        assert a.date == SRCS[0].date  # the date
    for name, src in (("letter.eml", SRCS[8]), ("plain.eml", SRCS[9])):
        (a,) = by_file(corpus, name)
        check_article(a, src, publisher="Wikinews Daily", author=name == "letter.eml")
        assert "Unsubscribe" not in a.text and "View in browser" not in a.text
    mbox = by_file(corpus, "letters.mbox")
    assert [a.locator for a in mbox] == ["message 1", "message 2", "message 3"]
    for a, s in zip(mbox, SRCS[:3]):
        check_article(a, s, publisher="Wikinews Daily")


def test_scrapes_known_shapes(corpus, folder):
    (one,) = by_file(corpus, "one.json")
    check_article(one, SRCS[2], publisher="Wikinews")
    assert one.url == SRCS[2].url and one.locator is None
    many = by_file(corpus, "many.json")
    for a, s in zip(many, SRCS[3:6], strict=True):
        check_article(a, s, publisher="Wikinews")
    news_please = by_file(corpus, "np.jsonl")
    assert [a.locator for a in news_please] == ["record 1", "record 2", "record 3", "record 4"]
    for a, s in zip(news_please, SRCS[:4], strict=True):
        check_article(a, s, publisher="en.wikinews.org")
    # an unknown shape is refused with a notice that names its fields and the way out
    assert not by_file(corpus, "custom.csv")
    (note,) = [n for n in corpus.notices if n.path.endswith("custom.csv")]
    assert "body_html" in note.message and "--map" in note.message


def test_map_option_reads_other_shapes(folder):
    opts = ImportOptions.parse_map("text=body_html,title=headline,date=published,url=link,author=writer")
    c = Corpus.load([str(folder / "custom.csv")], options=opts)
    assert not c.notices
    for a, s in zip(c.articles, SRCS[:3], strict=True):
        check_article(a, s, publisher="en.wikinews.org")  # HTML in a text field is read as HTML
        assert a.url == s.url
    with pytest.raises(ValueError, match="unknown field"):
        ImportOptions.parse_map("txt=body")


def test_quotes_and_names_keep_their_words(corpus):
    """Curly quotes, apostrophes and accents survive every format (offsets index real characters)."""
    korea = SRCS[5]
    quote = "War maniacs of the South Korean puppet military"
    hits = {a.source.path.name for a in corpus.articles if a.title == korea.title and quote in a.text}
    assert {
        "wp-5.html",
        "news-5.html",
        "old-5.htm",
        "nexis.rtf",
        "factiva.html",
        "proquest.txt",
        "report-5.pdf",
    } <= hits


def test_sidecar_still_wins(tmp_path):
    s = SRCS[0]
    (tmp_path / "page.html").write_text(fx.newssite_page(s), encoding="utf-8")
    (tmp_path / "page.html.meta.json").write_text(json.dumps({"publisher": "The Sidecar Times"}), encoding="utf-8")
    (a,) = Corpus.load([str(tmp_path)]).articles
    assert a.publisher == "The Sidecar Times" and a.title == s.title
