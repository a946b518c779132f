"""RTF documents (striprtf): a single article, its first short line the headline as in a text file.

Nexis and Factiva RTF exports are told apart by their content (formats/__init__.py) and split by
nexis_rtf.py and factiva_rtf.py, which use `rtf_text` too.
"""

from __future__ import annotations

from reader.model.ingest.formats.record import Extraction, ImportRefused, Record, build


def rtf_text(data: bytes) -> str:
    """The plain text of an RTF file; \\par and \\page end lines, \\'xx and \\uN are decoded."""
    from striprtf.striprtf import rtf_to_text

    head = data[:64].lstrip()
    if not head.startswith(b"{\\rtf"):
        raise ImportRefused("not an RTF document (it does not start with {\\rtf)")
    # RTF is 7-bit: bytes above 127 are stray, and latin-1 keeps each as one character
    return rtf_to_text(data.decode("latin-1"), encoding="cp1252", errors="replace")


def extract(data: bytes, options) -> Extraction:
    text = rtf_text(data)
    out = build([Record(paragraphs=text.split("\n\n") if "\n\n" in text else text.split("\n"))])
    if not out.records:
        raise ImportRefused("no text in the document")
    return out
