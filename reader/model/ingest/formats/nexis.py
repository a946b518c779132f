"""Nexis Uni exports (DOCX, the default, and RTF): one article per document of the export.

The layout, as LexisNexisTools (R) reads it: a cover page (user, job, document list), then per
document the title, the publication, the date line, optional copyright and fields (`Section:`,
`Length:`, `Byline:` ... with a non-breaking space after the colon), a line `Body`, the text, then
`Load-Date:` and a line `End of Document`. The locator is the document's number in the export.
"""

from __future__ import annotations

import re

from reader.model.ingest.dates import find_date
from reader.model.ingest.formats import fields
from reader.model.ingest.formats.record import Extraction, ImportRefused, Record, build

_FIELD = re.compile(r"^(?P<key>[A-Z][A-Za-z]+(?:[- ][A-Za-z]+)?):[\s\u00a0]*(?P<value>.*)$")
_HEAD_FIELDS = frozenset(
    "Section Length Byline Dateline Highlight Edition Column Series Type Language Copyright Page".split()
)
# Fields after the body: the text ends at the first of them
_TAIL_FIELDS = frozenset(
    "Load-Date Classification Language Publication-Type Subject Geographic Industry Organization Person Company"
    " Ticker Graphic Notes Correction-Date Document-Type Journal Code".split()
)


def _key(line: str) -> tuple[str, str] | None:
    m = _FIELD.match(line)
    return (m.group("key"), m.group("value").strip()) if m else None


def documents(lines: list[str]) -> list[Record]:
    """Records from the export's lines (paragraphs of the DOCX, lines of the RTF)."""
    lines = [ln.replace("\u00a0", " ").strip() if ln.strip() else "" for ln in lines]
    records: list[Record] = []
    chunk: list[str] = []
    n = 0
    for line in lines + ["End of Document"]:
        if line != "End of Document":
            chunk.append(line)
            continue
        if "Body" in chunk:
            n += 1
            rec = _document(chunk, n)
            if rec is not None:
                records.append(rec)
        chunk = []
    return records


def _document(chunk: list[str], n: int) -> Record | None:
    b = chunk.index("Body")
    head, rest = chunk[:b], chunk[b + 1 :]
    info: dict[str, str] = {}
    first_field = len(head)
    for i, line in enumerate(head):
        kv = _key(line)
        if kv and kv[0] in _HEAD_FIELDS:
            info.setdefault(kv[0], kv[1])
            first_field = min(first_field, i)
    lead = [ln for ln in head[:first_field] if ln]
    # title, publication, date line; the cover page (first document only) comes before them
    while lead and re.match(r"(?i)^(copyright|©|\(c\))", lead[-1]):
        lead.pop()
    title = publication = date = None
    for i in range(len(lead) - 1, -1, -1):
        if find_date(lead[i]) and i >= 1:
            date = find_date(lead[i])
            publication = lead[i - 1] if i >= 2 else None
            title = lead[i - 2] if i >= 2 else lead[i - 1]
            break
    if title is None and lead:
        title = lead[-2] if len(lead) >= 2 else lead[-1]
        publication = lead[-1] if len(lead) >= 2 else None
    body: list[str] = []
    for line in rest:
        kv = _key(line)
        if kv and kv[0] in _TAIL_FIELDS:
            break
        body.append(line)
    byline = info.get("Byline")
    return Record(
        paragraphs=_paragraphs(body),
        title=title,
        publisher=publication,
        date=date,
        author=fields.names(byline),
        byline=fields.names(byline),
        locator=f"Nexis Uni document {n}",
    )


def _paragraphs(lines: list[str]) -> list[str]:
    """Each non-empty line of the body is a paragraph (Word paragraphs; RTF \\par)."""
    return [ln for ln in lines if ln]


def docx_lines(data: bytes) -> list[str]:
    from io import BytesIO

    import docx

    from reader.model.ingest.formats.docx import check_zip

    check_zip(data)
    doc = docx.Document(BytesIO(data))
    out: list[str] = []
    for p in doc.paragraphs:
        out.extend(p.text.split("\n") if p.text else [""])
    return out


def extract(data: bytes, options) -> Extraction:
    records = documents(docx_lines(data))
    if not records:
        raise ImportRefused("no Nexis Uni document (a 'Body' line and an 'End of Document' line) found")
    return build(records)
