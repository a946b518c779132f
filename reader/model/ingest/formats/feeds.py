"""RSS and Atom feeds (feedparser): each entry an article; the feed's title is the publisher.

An entry with full content gives its paragraphs; one that carries only a summary gives that and
is marked `summary_only`, so the reader knows it is not the whole article.
"""

from __future__ import annotations

from reader.model.ingest.formats import fields
from reader.model.ingest.formats.html_text import html_paragraphs
from reader.model.ingest.formats.record import Extraction, ImportRefused, Record, build


def body_paragraphs(value: str, mime: str | None) -> list[str]:
    """Paragraphs of an entry's content: HTML unless it says it is plain text."""
    if mime and "plain" in mime:
        return value.split("\n\n") if "\n\n" in value else value.split("\n")
    if "<" not in value and "&" not in value:
        return value.split("\n\n") if "\n\n" in value else value.split("\n")
    return html_paragraphs(value)


def extract(data: bytes, options) -> Extraction:
    import feedparser  # type: ignore[import-untyped]

    parsed = feedparser.parse(data)  # bytes: feedparser never fetches anything for bytes
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception")
        raise ImportRefused("no feed entries found" + (f" ({reason})" if reason else ""))
    feed = parsed.get("feed") or {}
    publisher = fields.one_line_or_none(feed.get("title"))
    records = []
    for entry in entries:
        content = entry.get("content") or []
        full = [c for c in content if (c.get("value") or "").strip()]
        if full:
            paras = body_paragraphs(full[0]["value"], full[0].get("type"))
            summary_only = False
        else:
            detail = entry.get("summary_detail") or {}
            paras = body_paragraphs(entry.get("summary") or "", detail.get("type"))
            summary_only = True
        author = (entry.get("author_detail") or {}).get("name") or entry.get("author")
        when = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")
        title = entry.get("title")
        records.append(
            Record(
                paragraphs=paras,
                title=title,
                publisher=publisher,
                date=fields.iso_date(when) if when else fields.iso_date(entry.get("published")),
                url=entry.get("link"),
                author=fields.names(author),
                byline=fields.names(author),
                summary_only=summary_only,
            )
        )
    out = build(records)
    if not out.records:
        raise ImportRefused("the feed's entries hold no text")
    return out
