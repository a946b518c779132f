"""Nexis Uni exports saved as RTF: the same documents as the DOCX export (nexis.py)."""

from __future__ import annotations

from reader.model.ingest.formats.nexis import documents
from reader.model.ingest.formats.record import Extraction, ImportRefused, build
from reader.model.ingest.formats.rtf import rtf_text


def extract(data: bytes, options) -> Extraction:
    records = documents(rtf_text(data).split("\n"))
    if not records:
        raise ImportRefused("no Nexis Uni document (a 'Body' line and an 'End of Document' line) found")
    return build(records)
