"""ProQuest "Text only" exports: records between runs of underscores, each a title line and
`Field: value` paragraphs (`Full text:`, `Publication title:`, `Publication date:`, `Author:`,
`ProQuest document ID:`, ...). A record with no full text gives its abstract, marked summary-only.
"""

from __future__ import annotations

import re

from reader.model.ingest.decode import DecodeError, decode_bytes
from reader.model.ingest.formats import fields
from reader.model.ingest.formats.record import Extraction, ImportRefused, Record, build

_SEP = re.compile(r"(?m)^_{20,}[ \t]*\r?$")
_LABELS = (
    "Abstract|Accession number|Author|Authors|Caption|Company / organization|Copyright|Country of publication"
    "|Credit|Database|Dateline|Document URL|Document feature|Document type|Edition|Full text|ISSN"
    "|Identifier / keyword|Issue|Language of publication|Last updated|Links|Location|Number of pages|Pages"
    "|People|Place of publication|ProQuest document ID|Publication date|Publication info|Publication subject"
    "|Publication title|Publication year|Publisher|Section|Source type|Subject|Title|Volume|Column|Illustration"
)
_LABEL = re.compile(rf"^(?P<label>{_LABELS}):[ \t\u00a0]*(?P<value>.*)$")
_DOC_N = re.compile(r"^Document \d+ of \d+$")


def _record(chunk: str) -> Record | None:
    lines = chunk.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    head: list[str] = []
    info: dict[str, list[str]] = {}
    label: str | None = None
    prev_blank = True
    for line in lines:
        m = _LABEL.match(line.strip())
        # a label starts a field after a blank line (inside the full text, "Subject: ..." is text)
        if m and (prev_blank or label is None) and not (label == "Full text" and not prev_blank):
            label = m.group("label")
            info.setdefault(label, []).append(m.group("value"))
        elif label is None:
            if line.strip() and not _DOC_N.match(line.strip()):
                head.append(line.strip())
        else:
            info[label].append(line)
        prev_blank = not line.strip()
    if "Full text" not in info and "Abstract" not in info and "ProQuest document ID" not in info:
        return None

    def one(key: str) -> str | None:
        vals = info.get(key)
        return " ".join(" ".join(vals).split()) or None if vals else None

    body_lines = info.get("Full text") or info.get("Abstract") or []
    paras = _paragraphs(body_lines)
    doc_id = one("ProQuest document ID")
    return Record(
        paragraphs=paras,
        title=one("Title") or (head[0] if head else None),
        publisher=one("Publication title"),
        date=fields.iso_date(one("Publication date")) or fields.iso_date(one("Publication year")),
        url=one("Document URL"),
        author=_author(one("Author") or one("Authors")),
        byline=_author(one("Author") or one("Authors")),
        locator=f"ProQuest document ID {doc_id}" if doc_id else None,
        summary_only="Full text" not in info,
    )


def _paragraphs(lines: list[str]) -> list[str]:
    text = "\n".join(lines).strip()
    if re.search(r"\n[ \t]*\n", text):
        return re.split(r"\n[ \t]*\n", text)
    return text.split("\n")


def _author(value: str | None) -> str | None:
    """ProQuest writes 'Roe, Jane' (several joined by ';'): 'Jane Roe'."""
    if not value:
        return None
    names = []
    for part in value.split(";"):
        part = part.strip()
        bits = [b.strip() for b in part.split(",")]
        if len(bits) == 2 and all(bits) and len(bits[1].split()) <= 3:
            part = f"{bits[1]} {bits[0]}"
        if part:
            names.append(part)
    return ", ".join(names) or None


def extract(data: bytes, options) -> Extraction:
    try:
        text = decode_bytes(data).text
    except DecodeError as exc:
        raise ImportRefused(str(exc)) from None
    records = [r for r in (_record(c) for c in _SEP.split(text)) if r is not None]
    if not records:
        raise ImportRefused("no ProQuest record (Full text:, Publication title: ...) found")
    out = build(records)
    if not out.records:
        raise ImportRefused("the ProQuest records hold no text")
    return out
