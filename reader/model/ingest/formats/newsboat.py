"""newsboat's cache (`cache.db`, SQLite): every stored item an article, its feed's title the publisher.

The database is read from the bytes already in memory (sqlite3's deserialize), never opened on
disk, so newsboat may keep running and nothing is written.
"""

from __future__ import annotations

import sqlite3

from reader.model.ingest.formats import fields
from reader.model.ingest.formats.feeds import body_paragraphs
from reader.model.ingest.formats.record import Extraction, ImportRefused, Record, build


def extract(data: bytes, options) -> Extraction:
    if not data.startswith(b"SQLite format 3\x00"):
        raise ImportRefused("not an SQLite database (newsboat's cache.db is one)")
    if data[18:20] == b"\x02\x02":  # WAL mode in the header: read as a plain journal-mode copy
        data = data[:18] + b"\x01\x01" + data[20:]
    con = sqlite3.connect(":memory:")
    try:
        con.deserialize(data)
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "rss_item" not in tables:
            raise ImportRefused("an SQLite database without newsboat's rss_item table")
        cols = {r[1] for r in con.execute("PRAGMA table_info(rss_item)")}
        missing = {"title", "content"} - cols
        if missing:
            raise ImportRefused(f"rss_item has no {', '.join(sorted(missing))} column")

        def col(name: str) -> str:
            return f"i.{name}" if name in cols else "NULL"

        feed_title = "NULL"
        join = ""
        if "rss_feed" in tables and "feedurl" in cols:
            feed_cols = {r[1] for r in con.execute("PRAGMA table_info(rss_feed)")}
            if {"rssurl", "title"} <= feed_cols:
                feed_title, join = "f.title", " LEFT JOIN rss_feed f ON f.rssurl = i.feedurl"
        where = " WHERE COALESCE(i.deleted, 0) = 0" if "deleted" in cols else ""
        order = " ORDER BY i.id" if "id" in cols else ""
        rows = con.execute(
            f"SELECT i.title, {col('author')}, {col('url')}, {col('pubDate')}, i.content,"
            f" {col('content_mime_type')}, {feed_title} FROM rss_item i{join}{where}{order}"
        ).fetchall()
    except sqlite3.Error as exc:
        raise ImportRefused(f"unreadable SQLite database ({exc})") from None
    finally:
        con.close()
    if not rows:
        raise ImportRefused("newsboat's cache holds no items")
    records = [
        Record(
            paragraphs=body_paragraphs(str(content or ""), mime),
            title=title,
            publisher=fields.one_line_or_none(feed),
            date=fields.iso_date(pub) if pub else None,
            url=fields.text_value(url),
            author=fields.names(author),
            byline=fields.names(author),
        )
        for title, author, url, pub, content, mime, feed in rows
    ]
    out = build(records)
    if not out.records:
        raise ImportRefused("newsboat's cache holds no item with text")
    return out
