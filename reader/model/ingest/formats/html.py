"""Saved web pages: the article body and its metadata, by trafilatura.

trafilatura finds the article among navigation, related links, comments, newsletter boxes and
sidebars, and reads title, author, date, site name and URL from JSON-LD, OpenGraph and meta tags.
Each line of its text output is one paragraph of the page. Old table layouts (no <article> or
<main>, the story in one table cell beside cells of links and ads) defeat its page model, so
there it is given the cell that holds most of the page's text, with the page's <head>.
"""

from __future__ import annotations

import re
from typing import Any

from reader.model.ingest.formats import fields
from reader.model.ingest.formats.record import Extraction, ImportRefused, Record, build

_TITLE_SEP = re.compile(r"\s+[-|–—:»·]{1,2}\s+")
_LAYOUT_SHARE = 0.6  # the cell holding this much of the page's text is the story
_TAIL_WORDS = 40
_ABOVE_TITLE = 4
_MIN_WORDS = 8  # lines above the headline in the extracted text that are dropped  # at most this many words after the cell's last <hr> are page furniture


def page_record(data: bytes | str, title_hint: str | None = None) -> Record | None:
    """The article of one HTML page (None when trafilatura finds none); `title_hint`: a title
    known from elsewhere (an e-mail's subject), preferred when the page shows it."""
    import logging

    from trafilatura import bare_extraction

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its warnings are not ours to print
    from reader.model.ingest.formats.html_text import parse_html

    tree = parse_html(data)
    if tree is None:
        return None
    page_title = _page_title(tree)
    source = _layout_cell_page(tree)
    doc: Any = bare_extraction(
        source if source is not None else data,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    if doc is None or len((doc.text or "").split()) < _MIN_WORDS:
        return None  # nothing, or a stray link or two of a page with no article
    lines = doc.text.split("\n")
    url = doc.url or None
    title = _title(doc.title, page_title, lines, doc.sitename)
    if title_hint and title_hint in (" ".join(ln.split()) for ln in lines[: _ABOVE_TITLE + 1]):
        title = title_hint
    if title:
        # what stands above the headline (breadcrumbs, kickers, "view in browser") is furniture
        flat = [" ".join(ln.split()) for ln in lines[: _ABOVE_TITLE + 1]]
        if title in flat:
            lines = lines[flat.index(title) :]
    return Record(
        paragraphs=lines,
        title=title,
        publisher=doc.sitename or _site_in_title(page_title, title) or fields.host_name(url),
        date=fields.iso_date(doc.date),
        url=url,
        author=fields.names(doc.author),
        byline=fields.names(doc.author),
    )


def _page_title(tree) -> str | None:
    el = tree.find(".//title")
    return " ".join(el.text_content().split()) if el is not None else None


def _title(found: str | None, page_title: str | None, lines: list[str], site: str | None) -> str | None:
    """trafilatura's title, unless it is the site's name where the <title> also names the story."""
    head = {" ".join(ln.split()) for ln in lines[:3]}
    if found and (found in head or not page_title):
        return found
    if page_title:
        for part in _TITLE_SEP.split(page_title):
            if part in head:
                return part
        if found and site and found == site:
            parts = [p for p in _TITLE_SEP.split(page_title) if p != site]
            if parts:
                return max(parts, key=len)
    return found


def _site_in_title(page_title: str | None, title: str | None) -> str | None:
    """'Gazette' of a <title> 'Gazette - Story' whose other part is the story's title."""
    if not page_title or not title:
        return None
    parts = _TITLE_SEP.split(page_title)
    if len(parts) == 2 and title in parts:
        other = parts[1 - parts.index(title)]
        if len(other.split()) <= 5:
            return other
    return None


def _layout_cell_page(tree) -> bytes | None:
    """A page of just the <head> and the story's table cell, when the page is laid out by tables."""
    import copy

    import lxml.html  # type: ignore[import-untyped]

    body = tree.find(".//body")
    if body is None or body.find(".//td") is None or body.find(".//article") is not None:
        return None
    if body.find(".//main") is not None:
        return None
    total = _text_len(body)
    if not total:
        return None
    best, best_len = None, 0
    for td in body.iter("td"):
        n = _text_len(td)
        if n > best_len:
            best, best_len = td, n
    if best is None or best_len < _LAYOUT_SHARE * total:
        return None
    cell = copy.deepcopy(best)
    _drop_tail_after_rule(cell)
    _drop_head_before_heading(cell)
    cell.tag = "div"
    head = tree.find(".//head")
    head_html = lxml.html.tostring(head, encoding="unicode") if head is not None else ""
    return f"<html>{head_html}<body><div>{lxml.html.tostring(cell, encoding='unicode')}</div></body></html>".encode()


def _text_len(el) -> int:
    """Characters of text outside links and nested tables' link lists."""
    return sum(len(t.strip()) for t in el.xpath(".//text()[not(ancestor::a)][not(ancestor::script)]"))


def _drop_tail_after_rule(cell) -> None:
    rules = cell.findall(".//hr")
    if not rules:
        return
    last = rules[-1]
    after = []
    node = last
    while node is not None and node is not cell:
        after.extend(node.itersiblings())
        node = node.getparent()
    words = len((last.tail or "").split()) + sum(
        len(e.text_content().split()) + len((e.tail or "").split()) for e in after
    )
    if words > _TAIL_WORDS:
        return
    last.tail = None
    for e in after:
        e.getparent().remove(e)
    last.getparent().remove(last)


def _drop_head_before_heading(cell) -> None:
    """A few words above the cell's first <h1> (a newsletter's "view in browser") are not the story."""
    heading = next(cell.iter("h1"), None)
    if heading is None:
        return
    before = [t for t in heading.xpath("preceding::text()") if _inside(t.getparent(), cell)]
    if sum(len(t.split()) for t in before) > _TAIL_WORDS:
        return
    for t in before:
        parent = t.getparent()
        if t.is_tail:
            parent.tail = None
        else:
            parent.text = None


def _inside(el, top) -> bool:
    while el is not None:
        if el is top:
            return True
        el = el.getparent()
    return False


def extract(data: bytes, options) -> Extraction:
    rec = page_record(data)
    if rec is None:
        raise ImportRefused("no article text found in the page")
    return build([rec])
