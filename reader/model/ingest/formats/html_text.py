"""HTML fragments (feed entries, e-book chapters, mail parts, export cells) as plain paragraphs.

Whole web pages go through trafilatura (html.py), which finds the article among the page's
boilerplate; a fragment is already the article, so here every block element is a paragraph and
every text node is kept. Entities are decoded; no tag or attribute survives as text.
"""

from __future__ import annotations

import re
from typing import Any

_BLOCK = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure "
    "footer h1 h2 h3 h4 h5 h6 header hgroup hr li main ol p pre section summary table tbody td tfoot th thead tr "
    "ul".split()
)
_SKIP = frozenset(
    "script style noscript template head nav form button iframe svg select object embed map title".split()
)
_SPACE = re.compile(r"\s+")


def parse_html(markup: str | bytes):
    """An lxml tree of a document or fragment (None when it holds nothing to parse)."""
    import lxml.html  # type: ignore[import-untyped]
    from lxml import etree  # type: ignore[import-untyped]

    if isinstance(markup, str):
        markup = markup.encode("utf-8", "surrogatepass")
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    else:
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    if not markup.strip():
        return None
    try:
        return lxml.html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return None


def local_name(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def html_paragraphs(markup, skip_classes: tuple[str, ...] = ()) -> list[str]:
    """Paragraph texts of HTML (a string, bytes or an lxml element); <br> keeps a line break."""
    root = markup if hasattr(markup, "tag") else parse_html(markup)
    if root is None:
        return []
    paras: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            lines = [" ".join(ln.split()) for ln in "".join(buf).split("\n")]
            text = "\n".join(lines).strip("\n")
            buf.clear()
            if text.strip():
                paras.append(text)

    def add(s: str | None) -> None:
        if s:
            buf.append(_SPACE.sub(" ", s))

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        name = local_name(el)
        if closing:
            if name in _BLOCK:
                flush()
            if el is not root:
                add(el.tail)
            continue
        if not name or name in _SKIP or el.get("hidden") is not None or _skipped(el, skip_classes):
            if el is not root:
                add(el.tail)
            continue
        if name == "br":
            buf.append("\n")
            add(el.tail)
            continue
        if name in _BLOCK:
            flush()
        add(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flush()
    return paras


def _skipped(el, skip_classes: tuple[str, ...]) -> bool:
    if not skip_classes:
        return False
    cls = el.get("class") or ""
    return any(c in cls for c in skip_classes)
