"""Word documents (python-docx): one article; its title from a Title/Heading paragraph at the top.

Without one the text is read as a text file is (the first short line is the headline). Nexis Uni
exports are DOCX too and are told apart by content (nexis.py).
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from reader.model.ingest.formats.record import Extraction, ImportRefused, Record, build

MAX_UNPACKED = 512 * 1024 * 1024  # a zip that unpacks to more than this is refused (zip bombs)


def check_zip(data: bytes) -> None:
    """Refuse archives that are not zips or would unpack to an unreasonable size."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as z:
            total = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportRefused(f"not a valid zip archive ({exc})") from None
    if total > MAX_UNPACKED:
        raise ImportRefused(f"unpacks to {total // (1024 * 1024)} MB (the limit is {MAX_UNPACKED // (1024 * 1024)} MB)")


def extract(data: bytes, options) -> Extraction:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(data)
    try:
        doc = docx.Document(BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ImportRefused(f"not a Word document ({exc})") from None
    paras = [(p.style.name if p.style is not None else "", p.text) for p in doc.paragraphs]
    title = None
    for i, (style, text) in enumerate(paras[:4]):
        if text.strip() and style in ("Title", "Heading 1"):
            title = text
            paras = paras[i + 1 :]
            break
        if text.strip():
            break
    out = build([Record(paragraphs=[t for _, t in paras], title=title)])
    if not out.records:
        raise ImportRefused("no text in the document")
    return out
