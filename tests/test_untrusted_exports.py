"""Exports of untrusted text (issue 18, item 4): CSV formulas neutralised, Markdown inert."""

from __future__ import annotations

import csv
import io
import re

import pytest

from reader.model.outputs.citation_styles import format_citation, safe_link
from reader.model.outputs.clippings_export import clippings_csv, clippings_markdown
from reader.model.outputs.tables_export import csv_text
from reader.model.store.clippings import Clipping

FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("cell", FORMULAS)
def test_csv_cells_starting_a_formula_get_a_leading_quote(cell):
    rows = rows_of(csv_text(["a", "b"], [[cell, 5]]))
    assert rows[1] == ["'" + cell, "5"]


def test_csv_keeps_other_text_exact():
    text = 'said "no", then: =not at start; a\nnew line'
    assert rows_of(csv_text(["t"], [[text]]))[1] == [text]


def clipping(**kw) -> Clipping:
    base = dict(kind="quote", article="a1", path="/n/a.txt", start=0, end=10, text="0123456789", title="T")
    return Clipping(**{**base, **kw})


HOSTILE_URLS = [
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_markdown_never_links_a_script_or_data_url(url):
    assert not safe_link(url)
    md = clippings_markdown([clipping(url=url, text="We will act now", end=15)], "c")
    assert "](" not in md and "<java" not in md.lower() and "<data" not in md
    copied = format_citation("We will act now", "Anna", "A title", url=url, style="markdown")
    assert "](" not in copied and url.strip() not in copied


def test_markdown_links_http_urls_and_escapes_them():
    md = clippings_markdown([clipping(url="https://news.example/a b(c)", text="x" * 10)], "c")
    assert "](https://news.example/a%20b%28c%29" in md


def test_markdown_escapes_raw_html_and_link_syntax_from_articles():
    text = "<script>alert(1)</script> and <img src=x onerror=alert(2)> [click](javascript:alert(3)) &amp;"
    md = clippings_markdown(
        [
            clipping(
                text=text,
                end=len(text),
                title="<b>Title</b> [x](javascript:y)",
                speaker="<i>Ann</i>",
                publisher="Pub <iframe>",
                note="<style>*{display:none}</style>",
            )
        ],
        "<em>label</em>",
    )
    assert not re.search(r"(?<!\\)<", md), md  # every < escaped: no raw HTML tag can open
    assert not re.search(r"(?<!\\)\[[^\]]*\]\(", md)  # no live link from the text
    assert not re.search(r"(?<!\\)&", md)


def test_clippings_csv_neutralises_formulas_from_article_text():
    text = "=cmd|' /C calc'!A0"
    rows = rows_of(clippings_csv([clipping(text=text, end=len(text), title="@title", note="-note")]))
    header, row = rows
    assert row[header.index("text")] == "'" + text
    assert row[header.index("title")] == "'@title" and row[header.index("note")] == "'-note"
