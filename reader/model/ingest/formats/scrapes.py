"""Scraped articles as JSON, JSON Lines or CSV: one article per object or row.

trafilatura's JSON (text, title, author, date, sitename, source) and news-please's (maintext,
title, authors, date_publish, url, source_domain) are recognised by their field names; other
shapes are mapped with `--map text=FIELD,title=FIELD,...` (ImportOptions.field_map). A text field
holding HTML is read as HTML. Records without text are left out and counted in one notice.
"""

from __future__ import annotations

import csv
import io
import json
import re

from reader.model.ingest.decode import DecodeError, decode_bytes
from reader.model.ingest.formats import fields
from reader.model.ingest.formats.html_text import html_paragraphs
from reader.model.ingest.formats.record import Extraction, ImportRefused, Record, build

# reader's field -> field names tried in order (trafilatura, news-please, common CMS/API shapes)
KNOWN = {
    "text": ("text", "maintext", "raw_text", "content", "body", "article", "full_text", "fulltext", "article_text"),
    "title": ("title", "headline", "title_page", "title_rss"),
    "date": (
        "date",
        "date_publish",
        "published",
        "pubDate",
        "datePublished",
        "publish_date",
        "published_at",
        "created_at",
    ),
    "url": ("url", "source", "link", "canonical_url", "uri"),
    "author": ("author", "authors", "byline", "creator"),
    "publisher": ("sitename", "publisher", "source_name", "site_name", "source_domain", "hostname", "domain"),
    "byline": ("byline",),
    "id": ("id", "fingerprint", "guid"),
}
_HTML = re.compile(r"<(?:p|div|br|h[1-6]|li|span|a)\b[^>]*>", re.I)


def _rows(data: bytes, text: str) -> list:
    s = text.lstrip("\ufeff").strip()
    if s.startswith(("[", "{")):
        try:
            value = json.loads(s)
        except json.JSONDecodeError:
            value = None
        if value is not None:
            if isinstance(value, dict):
                for key in ("articles", "data", "items", "results", "records", "documents", "docs"):
                    if isinstance(value.get(key), list):
                        return value[key]
                return [value]
            if isinstance(value, list):
                return value
        if s.startswith("{"):  # JSON Lines
            rows = []
            for n, line in enumerate(s.splitlines(), start=1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        rows.append(ValueError(f"line {n}: {exc.msg}"))
            return rows
        raise ImportRefused("not valid JSON or JSON Lines")
    csv.field_size_limit(256 * 1024 * 1024)
    try:
        dialect = csv.Sniffer().sniff(s[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return list(csv.DictReader(io.StringIO(s, newline=""), dialect=dialect))


def _pick(row: dict, key: str, field_map: dict[str, str]):
    if key in field_map:
        return row.get(field_map[key])
    for name in KNOWN[key]:
        if name in row and row[name] not in (None, "", []):
            return row[name]
    return None


def _paragraphs(value) -> list[str]:
    if isinstance(value, list):
        return [p for v in value for p in _paragraphs(v)]
    s = fields.text_value(value)
    if not s:
        return []
    if _HTML.search(s):
        return html_paragraphs(s)
    s = s.replace("\r\n", "\n")
    return s.split("\n\n") if "\n\n" in s else s.split("\n")


def extract(data: bytes, options) -> Extraction:
    try:
        text = decode_bytes(data).text
    except DecodeError as exc:
        raise ImportRefused(str(exc)) from None
    field_map = dict(options.field_map) if options is not None else {}
    rows = _rows(data, text)
    records = []
    bad = no_text = 0
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            bad += 1
            continue
        paras = _paragraphs(_pick(row, "text", field_map))
        if not any(p.strip() for p in paras):
            no_text += 1
            continue
        url = fields.text_value(_pick(row, "url", field_map))
        if url and not url.startswith(("http://", "https://")):
            url = None  # trafilatura's "source" may be a file name
        author = fields.names(_pick(row, "author", field_map))
        rid = fields.text_value(_pick(row, "id", field_map))
        records.append(
            Record(
                paragraphs=paras,
                title=fields.text_value(_pick(row, "title", field_map)),
                publisher=fields.text_value(_pick(row, "publisher", field_map)) or fields.host_name(url),
                date=fields.iso_date(_pick(row, "date", field_map)),
                url=url,
                author=author,
                byline=fields.names(_pick(row, "byline", field_map)) or author,
                locator=(f"record {n}" + (f" (id {rid})" if rid else "")) if len(rows) > 1 else None,
            )
        )
    notes = []
    if no_text:
        which = f"'{field_map['text']}'" if "text" in field_map else "text (use --map text=FIELD)"
        notes.append(f"{no_text} record{'s' * (no_text != 1)} without {which} left out")
    if bad:
        notes.append(f"{bad} line{'s' * (bad != 1)} that are not JSON objects left out")
    if not records:
        if rows and all(isinstance(r, dict) for r in rows):
            names = sorted({k for r in rows[:50] for k in r})[:12]
            raise ImportRefused(
                f"no record has a text field (fields: {', '.join(map(str, names))}; use --map text=FIELD)"
            )
        raise ImportRefused("no records with text found")
    return build(records, notes)
