"""PDF (pypdf): text page by page, the page kept for every offset so a citation can say "p. 3".

pypdf gives lines, not paragraphs. Lines repeated at the top or bottom of most pages (running
heads, page numbers) are dropped; a paragraph ends after a line much shorter than the page's
usual line; a word hyphenated across lines is joined. No OCR: a scanned PDF has no text to give.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from reader.model.ingest.formats import fields
from reader.model.ingest.formats.record import Extraction, ImportRefused, Record, build

_PAGE_NUMBER = re.compile(r"^\W*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\W*$", re.I)
_EDGE = 3  # lines at the top and bottom of a page that may be running heads or feet
_SHORT = 0.7  # a line shorter than this share of the page's usual width ends its paragraph
_END = ".!?:\"”’)…'"


def _furniture(pages: list[list[str]]) -> set[str]:
    """Lines at a page's edge that recur on most pages (digits ignored, so '3' ~ '4')."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        edge = lines[:_EDGE] + lines[-_EDGE:]
        seen.update({re.sub(r"\d+", "#", ln) for ln in edge})
    need = max(2, (len(pages) + 1) // 2)
    return {k for k, n in seen.items() if n >= need}


def _body_lines(lines: list[str], furniture: set[str]) -> list[str]:
    out = list(lines)
    for edge in (slice(0, _EDGE), slice(-_EDGE, None)):
        idx = range(len(out))[edge]
        drop = {i for i in idx if _PAGE_NUMBER.match(out[i]) or re.sub(r"\d+", "#", out[i]) in furniture}
        out = [ln for i, ln in enumerate(out) if i not in drop]
    return out


def _paragraphs(pages: list[list[str]]) -> tuple[list[str], list[tuple[int, int, int]]]:
    """Paragraphs across pages, and where each page starts: (paragraph, page, offset in it)."""
    paras: list[str] = []
    starts: list[tuple[int, int, int]] = []
    cur = ""
    for number, lines in enumerate(pages, start=1):
        widths = sorted(len(ln) for ln in lines)
        usual = widths[int(0.8 * (len(widths) - 1))] if widths else 0
        for k, line in enumerate(lines):
            if k == 0:
                starts.append((len(paras), number, len(cur) + (1 if cur else 0)))
            if cur.endswith("-") and len(cur) > 1 and cur[-2].isalpha() and line[:1].islower():
                cur = cur[:-1] + line  # a word hyphenated at the line's end
            else:
                cur = f"{cur} {line}" if cur else line
            last_on_page = k == len(lines) - 1
            if len(line) < _SHORT * usual and (line[-1] in _END or not last_on_page):
                paras.append(cur)
                cur = ""
    if cur:
        paras.append(cur)
    return paras, [(min(p, max(len(paras) - 1, 0)), n, off if p < len(paras) else 0) for p, n, off in starts]


def extract(data: bytes, options) -> Extraction:
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportRefused("encrypted PDF (it needs a password)")
        raw = [(page.extract_text() or "") for page in reader.pages]
        meta: Any = reader.metadata or {}
    except ImportRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ImportRefused(f"damaged PDF ({exc})") from None
    pages = [[" ".join(ln.split()) for ln in text.split("\n") if ln.strip()] for text in raw]
    if not any(pages):
        raise ImportRefused("the PDF holds no text (scanned pages need OCR, which reader does not do)")
    furniture = _furniture(pages)
    pages = [_body_lines(lines, furniture) for lines in pages]
    title = _meta_title(meta.get("/Title"))
    if title:
        pages[0] = _drop_title_lines(pages[0], title)
    paras, starts = _paragraphs(pages)
    author = fields.names(meta.get("/Author")) if title else None
    rec = Record(paragraphs=paras, title=title, author=author, byline=author, page_starts=list(starts))
    out = build([rec])
    if not out.records:
        raise ImportRefused("the PDF holds no text")
    return out


def _meta_title(value) -> str | None:
    """The document title, unless it is a file name or a placeholder."""
    s = fields.one_line_or_none(value)
    if not s or len(s) < 4 or s.lower() in ("untitled", "(unspecified)", "title") or re.search(r"\.\w{2,4}$", s):
        return None
    return s


def _drop_title_lines(lines: list[str], title: str) -> list[str]:
    """The first page's lines without the title (set in large type, it may take several lines)."""
    want = " ".join(title.split())
    joined = ""
    for i, line in enumerate(lines[:6]):
        joined = f"{joined} {line}".strip()
        if joined == want:
            return lines[i + 1 :]
        if not want.startswith(joined):
            break
    return lines
