"""Factiva "Article Format" exports as RTF: field codes (HD headline, BY byline, PD date, SN source,
LP lead paragraphs, TD text, AN accession number, ...) at the start of lines, a record per article.

The accession number (AN) is the locator: Factiva's stable id for the article.
"""

from __future__ import annotations

import re

from reader.model.ingest.formats import fields
from reader.model.ingest.formats.record import Extraction, ImportRefused, Record, build
from reader.model.ingest.formats.rtf import rtf_text

CODES = frozenset(
    "SE HD BY CR WC PD ET SN SC ED PG VOL LA CY LP TD ART CT RF CO IN NS RE IPC IPD PUB AN CLM DLN CX RST".split()
)
# A code stands alone on its line or is followed by a tab, a cell bar or two spaces: a body line
# that starts with "IN the ..." is not a field.
_CODE_LINE = re.compile(r"^[ \t]*(?P<code>[A-Z]{2,3})(?:[ \t]*$|(?:\t|\s*\|\s*|\s{2,})(?P<value>.*)$)")


def records_from_fields(items: list[dict[str, list[str]]]) -> list[Record]:
    out = []
    for f in items:

        def one(code: str, f: dict[str, list[str]] = f) -> str | None:
            vals = [v for v in f.get(code, []) if v.strip()]
            return " ".join(" ".join(vals).split()) or None

        an = one("AN")
        if an:
            an = re.sub(r"^Document\s+", "", an)
        by = one("BY")
        out.append(
            Record(
                paragraphs=[p for p in f.get("LP", []) + f.get("TD", []) if p.strip()],
                title=one("HD"),
                publisher=one("SN"),
                date=fields.iso_date(one("PD")),
                author=fields.names(by),
                byline=fields.names(by),
                locator=f"Factiva {an}" if an else None,
            )
        )
    return out


def parse_lines(lines: list[str]) -> list[dict[str, list[str]]]:
    items: list[dict[str, list[str]]] = []
    cur: dict[str, list[str]] | None = None
    code: str | None = None
    for raw in lines:
        m = _CODE_LINE.match(raw)
        if m and m.group("code") in CODES:
            code = m.group("code")
            if cur is None or (code == "HD" and "HD" in cur) or (code in cur and code != "TD"):
                cur = {}
                items.append(cur)
            value = (m.group("value") or "").strip()
            cur.setdefault(code, [])
            if value:
                cur[code].append(value)
            if code == "AN":
                code = None  # the record ends with its accession number
                cur = None
            continue
        if cur is not None and code is not None and raw.strip():
            cur[code].append(raw.strip())
    return [it for it in items if "HD" in it or "LP" in it or "TD" in it]


def extract(data: bytes, options) -> Extraction:
    text = rtf_text(data)
    records = records_from_fields(parse_lines(text.split("\n")))
    if not records:
        raise ImportRefused("no Factiva article (HD/LP/TD/AN fields) found")
    out = build(records)
    if not out.records:
        raise ImportRefused("the Factiva articles hold no text")
    return out
