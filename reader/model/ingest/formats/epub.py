"""EPUB (calibre's news downloads and other e-books): one article per chapter of the spine.

Read with zipfile and lxml (EbookLib is AGPL): META-INF/container.xml names the OPF package, whose
spine orders the XHTML chapters. Chapters that are mostly links (section indexes, tables of
contents) are skipped, as are calibre's navigation bars. The publication is the package's title
(calibre writes "Name [date]"); its date is the package's date.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from io import BytesIO
from urllib.parse import unquote

from reader.model.ingest.formats import fields
from reader.model.ingest.formats.docx import check_zip
from reader.model.ingest.formats.html_text import html_paragraphs, local_name, parse_html
from reader.model.ingest.formats.record import Extraction, ImportRefused, Record, build

_MIN_WORDS = 30
_LINK_SHARE = 0.5
_NAV_CLASSES = ("calibre_navbar", "navbar", "calibre_feed_description")


def _xml(data: bytes):
    from lxml import etree  # type: ignore[import-untyped]

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    return etree.fromstring(data, parser)


def _children(el, name: str) -> list:
    return [c for c in el.iter() if local_name(c) == name]


def extract(data: bytes, options) -> Extraction:
    check_zip(data)
    try:
        z = zipfile.ZipFile(BytesIO(data))
        container = _xml(z.read("META-INF/container.xml"))
        rootfile = next((r.get("full-path") for r in _children(container, "rootfile") if r.get("full-path")), None)
        if not rootfile:
            raise ImportRefused("no package named in META-INF/container.xml")
        opf = _xml(z.read(rootfile))
    except KeyError as exc:
        raise ImportRefused(f"not an EPUB ({exc.args[0] if exc.args else exc} missing)") from None
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ImportRefused(f"damaged EPUB ({exc})") from None
    if opf is None:
        raise ImportRefused("unreadable package document")
    meta = {}
    for el in opf.iter():
        name = local_name(el)
        if name in ("title", "publisher", "date", "creator") and name not in meta and (el.text or "").strip():
            meta[name] = el.text.strip()
    base = posixpath.dirname(rootfile)
    manifest = {i.get("id"): i for i in _children(opf, "item")}
    spine = [manifest.get(r.get("idref")) for r in _children(opf, "itemref")]
    book = meta.get("title")
    periodical = any(
        (m.get("name") or "") == "calibre:publication_type" and (m.get("content") or "").startswith("periodical")
        for m in _children(opf, "meta")
    )
    publisher = meta.get("publisher")
    if periodical or not publisher or publisher.lower() == "calibre":
        publisher = re.sub(r"\s*\[[^\]]*\]\s*$", "", book or "") or None
    date = fields.iso_date(meta.get("date"))
    records = []
    n = 0
    for item in spine:
        if item is None or "html" not in (item.get("media-type") or "") or "nav" in (item.get("properties") or ""):
            continue
        path = posixpath.normpath(posixpath.join(base, unquote(item.get("href") or "")))
        try:
            info = z.getinfo(path)
            tree = parse_html(z.read(info))
        except (KeyError, zipfile.BadZipFile, ValueError):
            continue
        if tree is None:
            continue
        body = tree.find(".//body")
        body = body if body is not None else tree
        n += 1
        words = len(body.text_content().split())
        linked = sum(len(a.text_content().split()) for a in body.iter("a"))
        if words < _MIN_WORDS or linked > _LINK_SHARE * words:
            continue
        title = None
        for h in body.iter("h1", "h2", "h3"):
            if not any(c in (h.get("class") or "") for c in _NAV_CLASSES):
                title = " ".join(h.text_content().split()) or None
                break
        if title is None:
            t = tree.find(".//title")
            title = " ".join(t.text_content().split()) if t is not None else None
        records.append(
            Record(
                paragraphs=html_paragraphs(body, skip_classes=_NAV_CLASSES),
                title=title,
                publisher=publisher,
                date=date,
                locator=f"chapter {n}",
            )
        )
    out = build(records)
    if not out.records:
        raise ImportRefused("no chapter with article text found")
    return out
