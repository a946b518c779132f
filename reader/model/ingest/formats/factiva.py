"""Factiva exports as HTML: "Article Format" (a table row per field code: HD, BY, PD, SN, LP, TD,
AN, ...) and the display format (a headline span and `articleParagraph` paragraphs)."""

from __future__ import annotations

import re

from reader.model.ingest.dates import find_date
from reader.model.ingest.formats.factiva_rtf import CODES, records_from_fields
from reader.model.ingest.formats.html_text import html_paragraphs, parse_html
from reader.model.ingest.formats.record import Extraction, ImportRefused, build


def _articles(tree) -> list:
    found = tree.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]")
    return found or tree.xpath("//div[contains(@class, 'Article') or contains(@class, 'article')]")


def _fields_of(div) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for tr in div.iter("tr"):
        cells = [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        if len(cells) < 2:
            continue
        code = " ".join(cells[0].text_content().split())
        if code not in CODES:
            continue
        out.setdefault(code, []).extend(html_paragraphs(cells[1]))
    if out:
        return out
    # display format: headline span, paragraphs, and anonymous divs (words, date, source, ...)
    head = div.xpath(".//span[contains(@class, 'Headline') or contains(@class, 'headline')]")
    paras = div.xpath(".//p[contains(@class, 'articleParagraph')]")
    if not paras:
        return {}
    out["HD"] = [" ".join(head[0].text_content().split())] if head else []
    out["TD"] = [p for el in paras for p in html_paragraphs(el)]
    plain = [" ".join(d.text_content().split()) for d in div.xpath(".//div[not(@*)]")]
    for i, v in enumerate(plain):
        if re.match(r"^[\d,]+ words$", v):
            rest = plain[i + 1 : i + 4]
            if rest and find_date(rest[0]):
                out["PD"] = [rest[0]]
                if len(rest) > 2:
                    out["SN"] = [rest[2] if re.match(r"^\d{1,2}:\d{2}", rest[1]) else rest[1]]
            break
    return out


def extract(data: bytes, options) -> Extraction:
    tree = parse_html(data)
    if tree is None:
        raise ImportRefused("empty page")
    items = [f for f in (_fields_of(div) for div in _articles(tree)) if f]
    records = records_from_fields(items)
    if not records:
        raise ImportRefused("no Factiva article found in the page")
    out = build(records)
    if not out.records:
        raise ImportRefused("the Factiva articles hold no text")
    return out
