"""Real articles (tests/data/articles, Wikinews, CC BY 2.5) rendered into the formats reader imports.

Each builder writes files into a folder and returns what a correct import must give back: the
article's title, body paragraphs, publisher, date, url and author. Boilerplate in the pages (nav,
sidebars, comments, newsletter boxes, related links, footers) uses marker words that appear in no
article (BOILER_WORDS), so a test can tell that none of it leaked into a body.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sqlite3
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "articles"
AUTHORS = ["Maria Lindqvist", "Tomas Okafor", "Priya Raman", "Daniel Whitcombe", "Hannah Brodsky"]

# Words that appear only in page furniture, never in an article.
BOILER_WORDS = (
    "Frobnitzer",
    "Quillfeather",
    "Snorriland",
    "Digestif",
    "Marblecake",
    "Zephyrine",
    "Trundlebury",
    "Oxbowlark",
)


@dataclass
class Src:
    name: str
    title: str
    paragraphs: list[str]
    date: str
    url: str
    author: str
    publisher: str = "Wikinews"
    extra: dict = field(default_factory=dict)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def human_date(self) -> str:
        d = date.fromisoformat(self.date)
        return f"{d:%B} {d.day}, {d.year}"


def articles(n: int | None = None) -> list[Src]:
    meta = json.loads((DATA / "meta.json").read_text())
    out = []
    for i, name in enumerate(sorted(meta)):
        text = (DATA / name).read_text(encoding="utf-8")
        paras = [p.strip() for p in text.split("\n\n") if p.strip()]
        out.append(
            Src(name[:-4], paras[0], paras[1:], meta[name]["date"], meta[name]["url"], AUTHORS[i % len(AUTHORS)])
        )
    return out[:n] if n else out


def tokens(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def token_f1(got: str, want: str) -> float:
    from collections import Counter

    g, w = Counter(tokens(got)), Counter(tokens(want))
    overlap = sum((g & w).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(g.values()), overlap / sum(w.values())
    return 2 * p * r / (p + r)


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def _ps(src: Src) -> str:
    return "\n".join(f"<p>{esc(p)}</p>" for p in src.paragraphs)


# -- web pages ------------------------------------------------------------------------------------
def wordpress_page(src: Src) -> str:
    """A WordPress-like blog post: menu, sidebar, newsletter box, share row, related posts, comments."""
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8">
<title>{esc(src.title)} &#8211; Trundlebury Ledger</title>
<meta name="generator" content="WordPress 6.4.2">
<link rel="canonical" href="{esc(src.url)}">
<meta property="og:site_name" content="Trundlebury Ledger">
<meta property="og:title" content="{esc(src.title)}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{src.date}T08:30:00+00:00">
<meta name="author" content="{esc(src.author)}">
<link rel="stylesheet" href="/wp-content/themes/x/style.css"><script>var wp = {{"ajax": "/wp-admin"}};</script>
</head><body class="post-template-default single single-post">
<div id="page" class="site">
<header id="masthead" class="site-header"><p class="site-title"><a href="/">Trundlebury Ledger</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
<li><a href="/">Home</a></li><li><a href="/world">World Frobnitzer</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/about">About us</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-123" class="post-123 post type-post status-publish format-standard hentry category-news">
<header class="entry-header"><h1 class="entry-title">{esc(src.title)}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <a href="{esc(src.url)}" rel="bookmark">
<time class="entry-date published" datetime="{src.date}T08:30:00+00:00">{src.human_date}</time></a></span>
<span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/x">{esc(src.author)}</a></span></span></div>
</header>
<div class="entry-content">
{_ps(src)}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="#">Twitter</a></li>
<li><a href="#">Facebook Quillfeather</a></li></ul></div>
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/news">News</a></span>
<span class="tags-links">Tagged <a href="/tag/x">Snorriland</a></span></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous"><a href="/prev">Previous post: Marblecake fair opens in the rain</a></div></div></nav>
<div class="jp-relatedposts"><h3>Related</h3><ul><li><a href="/r1">Frobnitzer council votes on the budget again</a></li>
<li><a href="/r2">Zephyrine harbour reopens after the winter storms</a></li></ul></div>
<div id="comments" class="comments-area"><h2 class="comments-title">2 thoughts on &ldquo;{esc(src.title)}&rdquo;</h2>
<ol class="comment-list"><li class="comment"><article class="comment-body"><footer class="comment-meta">
<b class="fn">Quillfeather</b> says: <time>{src.human_date} at 9:14 am</time></footer>
<div class="comment-content"><p>Great reporting, Oxbowlark would never have covered this story so thoroughly and so fairly.</p></div></article></li>
<li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">Marblecake</b> says:</footer>
<div class="comment-content"><p>I disagree with most of this, but thanks for writing it up anyway, Snorriland forever.</p></div></article></li></ol>
<div id="respond" class="comment-respond"><h3>Leave a Reply</h3><form><p>Your email address will not be published.</p>
<textarea name="comment"></textarea><input type="submit" value="Post Comment"></form></div></div>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_search"><form><input type="search"></form></section>
<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>
<li><a href="/a">Oxbowlark mayor opens the new bridge</a></li><li><a href="/b">Zephyrine festival draws record crowds</a></li></ul></section>
<section class="widget mc4wp_form_widget"><h2 class="widget-title">Newsletter</h2><form class="mc4wp-form">
<p>Sign up for the Digestif newsletter and get our best stories every morning.</p><input type="email" placeholder="Your email"><input type="submit" value="Subscribe"></form></section>
</aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; 2024 Trundlebury Ledger. Proudly powered by WordPress. Theme by Frobnitzer.</div></footer>
</div></body></html>"""


def newssite_page(src: Src) -> str:
    """A news site: JSON-LD NewsArticle and OpenGraph, cookie banner, most-read list, newsletter box."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": src.title,
        "datePublished": f"{src.date}T06:00:00Z",
        "dateModified": f"{src.date}T09:00:00Z",
        "author": [{"@type": "Person", "name": src.author}],
        "publisher": {"@type": "Organization", "name": src.publisher},
        "mainEntityOfPage": src.url,
    }
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>{esc(src.title)} | {esc(src.publisher)}</title>
<meta property="og:title" content="{esc(src.title)}"><meta property="og:site_name" content="{esc(src.publisher)}">
<meta property="og:url" content="{esc(src.url)}"><meta property="og:type" content="article">
<meta name="description" content="Zephyrine summary for sharing cards only">
<script type="application/ld+json">{json.dumps(ld)}</script>
<script>window.dataLayer = [{{"page": "article"}}];</script></head>
<body><div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve Marblecake experiences. <button>Accept all</button></p></div>
<header class="site-header"><a class="logo" href="/">{esc(src.publisher)}</a><nav class="nav-primary"><ul><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/frob">Frobnitzer</a></li><li><a href="/science">Science</a></li></ul></nav></header>
<main><article class="story">
<h1 class="story-headline">{esc(src.title)}</h1>
<div class="story-byline">By <a rel="author" href="/staff/x">{esc(src.author)}</a> · <time datetime="{src.date}">{src.human_date}</time></div>
<div class="story-body">
{_ps(src)}
</div>
<aside class="newsletter-promo"><h4>Get the Digestif briefing</h4><p>Sign up to receive our Digestif newsletter in your inbox every weekday.</p><form><input type="email"></form></aside>
<div class="story-tags">Topics: <a href="/t/1">Snorriland</a>, <a href="/t/2">Oxbowlark</a></div>
</article>
<section class="related-stories"><h2>More from {esc(src.publisher)}</h2><ul><li><a href="/x1">Trundlebury rail strike enters its second week</a></li>
<li><a href="/x2">Quillfeather awards announced in a glittering ceremony</a></li></ul></section>
<aside class="most-read"><h3>Most read</h3><ol><li><a href="/m1">Zephyrine storms cut power to thousands of homes</a></li>
<li><a href="/m2">Marblecake recipe contest crowns a winner</a></li></ol></aside></main>
<footer class="site-footer"><p>&copy; {esc(src.publisher)} 2024. All rights reserved. <a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a> Frobnitzer</p></footer>
</body></html>"""


def table_page(src: Src) -> str:
    """An old table layout: left navigation column, article cell with <font>, right column of ads."""
    body = "\n".join(f"{esc(p)}<br><br>" for p in src.paragraphs)
    return f"""<HTML><HEAD><TITLE>Oxbowlark Gazette - {esc(src.title)}</TITLE>
<META NAME="author" CONTENT="{esc(src.author)}"><META NAME="date" CONTENT="{src.date}"></HEAD>
<BODY BGCOLOR="#FFFFFF"><TABLE WIDTH="100%" BORDER="0" CELLPADDING="4">
<TR><TD COLSPAN="3" BGCOLOR="#003366"><FONT COLOR="#FFFFFF" SIZE="5">Oxbowlark Gazette</FONT></TD></TR>
<TR><TD WIDTH="150" VALIGN="TOP" BGCOLOR="#EEEEEE"><FONT SIZE="2">
<A HREF="/">Front page</A><BR><A HREF="/local">Local news</A><BR><A HREF="/frob">Frobnitzer</A><BR>
<A HREF="/sports">Sports</A><BR><A HREF="/classifieds">Classifieds</A><BR><A HREF="/archive">Snorriland archive</A></FONT></TD>
<TD VALIGN="TOP"><FONT FACE="Arial" SIZE="5"><B>{esc(src.title)}</B></FONT><BR>
<FONT SIZE="2"><I>By {esc(src.author)}, {src.human_date}</I></FONT><BR><BR>
<FONT FACE="Times" SIZE="3">
{body}
</FONT>
<HR><FONT SIZE="1">Send this story to a friend | Printer-friendly version | Quillfeather</FONT></TD>
<TD WIDTH="160" VALIGN="TOP"><FONT SIZE="1">ADVERTISEMENT</FONT><BR><A HREF="/ad"><IMG SRC="ad.gif" ALT="Marblecake bakery"></A><BR>
<FONT SIZE="2"><B>Zephyrine weather</B><BR>Sunny, 21 degrees</FONT></TD></TR>
<TR><TD COLSPAN="3" ALIGN="CENTER"><FONT SIZE="1">Copyright 2001 Oxbowlark Gazette. All rights reserved. Digestif</FONT></TD></TR>
</TABLE></BODY></HTML>"""


# -- feeds ----------------------------------------------------------------------------------------
def rss_feed(srcs: list[Src]) -> str:
    items = []
    for s in srcs:
        content = _ps(s)
        pub = format_datetime(datetime.fromisoformat(s.date).replace(hour=7, tzinfo=UTC))
        items.append(
            f"""<item><title>{esc(s.title)}</title><link>{esc(s.url)}</link><guid>{esc(s.url)}</guid>
<dc:creator>{esc(s.author)}</dc:creator><pubDate>{pub}</pubDate>
<description>{esc(s.paragraphs[0][:120])}</description>
<content:encoded><![CDATA[{content}]]></content:encoded></item>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wikinews</title><link>https://en.wikinews.org</link><description>Free news</description>
{"".join(items)}
</channel></rss>"""


def atom_feed(srcs: list[Src], summary_only: bool) -> str:
    entries = []
    for s in srcs:
        if summary_only:
            body = f'<summary type="text">{esc(s.paragraphs[0])}</summary>'
        else:
            body = f'<content type="html">{esc(_ps(s))}</content>'
        entries.append(
            f"""<entry><title>{esc(s.title)}</title><link href="{esc(s.url)}"/><id>{esc(s.url)}</id>
<updated>{s.date}T07:00:00Z</updated><published>{s.date}T07:00:00Z</published>
<author><name>{esc(s.author)}</name></author>{body}</entry>"""
        )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wikinews</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
{"".join(entries)}</feed>"""


def newsboat_db(path: Path, srcs: list[Src]) -> None:
    """newsboat's cache.db (its real schema: rss_feed, rss_item)."""
    con = sqlite3.connect(path)
    con.executescript(
        """CREATE TABLE rss_feed ( rssurl VARCHAR(1024) PRIMARY KEY NOT NULL, url VARCHAR(1024) NOT NULL,
 title VARCHAR(1024) NOT NULL , lastmodified INTEGER(11) NOT NULL DEFAULT 0, is_rtl INTEGER(1) NOT NULL DEFAULT 0,
 etag VARCHAR(128) NOT NULL DEFAULT "" );
CREATE TABLE rss_item ( id INTEGER PRIMARY KEY AUTOINCREMENT, guid VARCHAR(64) NOT NULL, title VARCHAR(1024) NOT NULL,
 author VARCHAR(1024) NOT NULL, url VARCHAR(1024) NOT NULL, feedurl VARCHAR(1024) NOT NULL, pubDate INTEGER NOT NULL,
 content VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL , enclosure_url VARCHAR(1024),
 enclosure_type VARCHAR(1024), enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0,
 base VARCHAR(128) NOT NULL DEFAULT "", content_mime_type VARCHAR(255) NOT NULL DEFAULT "");"""
    )
    con.execute(
        "INSERT INTO rss_feed (rssurl, url, title) VALUES (?, ?, ?)",
        ("https://w.example/feed", "https://w.example", "Wikinews"),
    )
    for s in srcs:
        ts = int(datetime.fromisoformat(s.date).replace(hour=7, tzinfo=UTC).timestamp())
        con.execute(
            "INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, content_mime_type)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, 1, 'text/html')",
            (s.url, s.title, s.author, s.url, "https://w.example/feed", ts, _ps(s)),
        )
    con.execute(
        "INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread, deleted)"
        " VALUES ('gone', 'Deleted Frobnitzer item', '', 'https://x', 'https://w.example/feed', 0, '<p>Frobnitzer</p>', 0, 1)"
    )
    con.commit()
    con.close()


# -- news-database exports ------------------------------------------------------------------------
NBSP = "\u00a0"


def nexis_lines(srcs: list[Src]) -> list[str]:
    """The paragraphs of a Nexis Uni export, as its DOCX holds them ('' is an empty paragraph)."""
    lines = [
        "User Name: =Frobnitzer Library",
        "Date and Time: = January 5, 2024 10:12 AM EST",
        "Job Number: 2024107",
        "",
        f"Documents ({len(srcs)})",
    ]
    lines += [f"{i}. {s.title}" for i, s in enumerate(srcs, 1)]
    lines += ["Client/Matter: -None-", "Search Terms: wikinews", "Search Type: Natural Language", "", ""]
    for s in srcs:
        d = date.fromisoformat(s.date)
        lines += [
            s.title,
            s.publisher,
            f"{d:%B} {d.day}, {d.year} {d:%A}",
            "",
            f"Copyright {d.year} Wikinews All Rights Reserved",
            "",
            f"Section:{NBSP}WORLD; Pg. 4",
            f"Length:{NBSP}{len(s.body.split())} words",
            f"Byline:{NBSP}{s.author}",
            "",
            "Body",
            "",
        ]
        lines += s.paragraphs
        lines += [
            "",
            f"Load-Date:{NBSP}{d:%B} {d.day + 1 if d.day < 28 else d.day}, {d.year}",
            "",
            "",
            "End of Document",
            "",
        ]
    return lines


def nexis_docx(path: Path, srcs: list[Src]) -> None:
    import docx
    from docx.enum.text import WD_BREAK

    doc = docx.Document()
    for line in nexis_lines(srcs):
        p = doc.add_paragraph(line)
        if line == "End of Document":
            p.add_run().add_break(WD_BREAK.PAGE)
    doc.save(path)


def rtf_escape(s: str) -> str:
    out = []
    for ch in s:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            code = ord(ch)
            if code > 0xFFFF:  # astral: a surrogate pair
                code -= 0x10000
                for unit in (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)):
                    out.append(f"\\u{unit - 65536}?")
            else:
                out.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(out)


def rtf_document(lines: list[str], page_after: str | None = None) -> str:
    parts = [r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}\f0\fs24 "]
    for line in lines:
        parts.append(rtf_escape(line) + "\\par\n")
        if page_after is not None and line.startswith(page_after):
            parts.append("\\page\n")
    parts.append("}")
    return "".join(parts)


def nexis_rtf(path: Path, srcs: list[Src]) -> None:
    path.write_text(rtf_document(nexis_lines(srcs)), encoding="ascii")


def factiva_fields(s: Src, i: int) -> list[tuple[str, list[str]]]:
    d = date.fromisoformat(s.date)
    return [
        ("HD", [s.title]),
        ("BY", [f"By {s.author}"]),
        ("WC", [f"{len(s.body.split())} words"]),
        ("PD", [f"{d.day} {d:%B} {d.year}"]),
        ("SN", [s.publisher]),
        ("SC", ["WIKINW"]),
        ("LA", ["English"]),
        ("CY", [f"(c) {d.year} Wikinews. All Rights Reserved."]),
        ("LP", s.paragraphs[:2]),
        ("TD", s.paragraphs[2:]),
        ("NS", ["gcat : Political/General News"]),
        ("RE", ["snorri : Snorriland"]),
        ("PUB", ["Wikimedia Foundation"]),
        ("AN", [f"Document WIKINW00{d:%Y%m%d}e{i:04d}x"]),
    ]


def factiva_rtf(path: Path, srcs: list[Src]) -> None:
    lines: list[str] = []
    for i, s in enumerate(srcs):
        for code, values in factiva_fields(s, i):
            lines.append(f"{code}\t{values[0]}" if len(values) == 1 else code)
            if len(values) != 1:
                for v in values:
                    lines.append(v)
                    lines.append("")
        lines.append("")
    path.write_text(rtf_document(lines, page_after="AN\t"), encoding="ascii")


def factiva_html(srcs: list[Src]) -> str:
    arts = []
    for i, s in enumerate(srcs):
        rows = []
        for code, values in factiva_fields(s, i):
            if code in ("LP", "TD"):
                cell = "".join(f'<p class="articleParagraph enarticleParagraph">{esc(v)}</p>' for v in values)
            else:
                cell = esc(values[0])
            rows.append(
                f'<tr><td align="right" valign="top" class="index"><b>{code}</b>&nbsp;</td><td>{cell}</td></tr>'
            )
        arts.append(f'<div class="article enArticle"><table border="0">{"".join(rows)}</table></div><br>')
    return f"""<html><head><title>Factiva</title></head><body><div id="toc">Snorriland headlines</div>
{"".join(arts)}<div class="footer">&copy; 2024 Factiva, Inc. All rights reserved. Frobnitzer</div></body></html>"""


def proquest_txt(srcs: list[Src]) -> str:
    sep = "_" * 60
    out = [sep, "", "Report Information from ProQuest", "January 05 2024 10:43", sep, "", "Table of contents", ""]
    out += [f"{i}. {s.title}" for i, s in enumerate(srcs, 1)]
    out += ["", sep, ""]
    for i, s in enumerate(srcs, 1):
        d = date.fromisoformat(s.date)
        last, first = s.author.split()[-1], " ".join(s.author.split()[:-1])
        out += [
            f"Document {i} of {len(srcs)}",
            "",
            s.title,
            "",
            f"Author: {last}, {first}",
            "",
            f"Publication info: {s.publisher} ; Online [Online]. {d:%d %b %Y}.",
            "",
            f"ProQuest document ID: {2400000000 + i}",
            "",
            f"Document URL: https://www.proquest.com/newspapers/docview/{2400000000 + i}",
            "",
            "Full text: " + s.paragraphs[0],
            "",
        ]
        for p in s.paragraphs[1:]:
            out += [p, ""]
        out += [
            "Subject: News; Snorriland",
            "",
            f"Title: {s.title}",
            "",
            f"Publication title: {s.publisher}",
            "",
            f"Publication year: {d.year}",
            "",
            f"Publication date: {d:%b} {d.day}, {d.year}",
            "",
            "Section: World",
            "",
            "Publisher: Wikimedia Foundation",
            "",
            "Source type: Newspaper",
            "",
            "Language of publication: English",
            "",
            "Document type: News",
            "",
            f"Copyright: Copyright Wikinews {d:%b} {d.day}, {d.year}",
            "",
            "Database: Frobnitzer Newsstream",
            "",
            sep,
            "",
        ]
    out += ["Contact ProQuest", "Copyright © 2024 ProQuest LLC. All rights reserved. - Terms and Conditions"]
    return "\n".join(out)


# -- documents ------------------------------------------------------------------------------------
def pdf_file(path: Path, src: Src, with_title_meta: bool = True) -> None:
    """A two-page-or-more PDF from reportlab, with a running header and page numbers."""
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(40, A5[1] - 30, "Oxbowlark Weekly Review")
        canvas.drawString(A5[0] / 2, 20, str(doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=A5,
        title=src.title if with_title_meta else "",
        author=src.author,
        topMargin=50,
        bottomMargin=40,
    )
    story = [
        Paragraph(esc(src.title), styles["Title"]),
        Paragraph(f"By {esc(src.author)}", styles["Normal"]),
        Spacer(1, 8),
    ]
    for p in src.paragraphs:
        story.append(Paragraph(esc(p), styles["BodyText"]))
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)


def docx_file(path: Path, src: Src) -> None:
    import docx

    doc = docx.Document()
    doc.core_properties.title = src.title
    doc.core_properties.author = src.author
    doc.add_heading(src.title, level=0)
    doc.add_paragraph(f"By {src.author}")
    for p in src.paragraphs:
        doc.add_paragraph(p)
    doc.save(path)


def epub_file(path: Path, srcs: list[Src], title: str = "Wikinews [Mon, 05 Feb 2024]") -> None:
    """A calibre-style news EPUB: an index chapter of links, then one chapter per article."""
    chapters = []
    index = "".join(f'<li><a href="a{i}.xhtml">{esc(s.title)}</a></li>' for i, s in enumerate(srcs))
    chapters.append(("index.xhtml", f"<h1>Wikinews</h1><ul>{index}</ul>"))
    for i, s in enumerate(srcs):
        nav = '<div class="calibre_navbar">| <a href="index.xhtml">Section menu</a> | <a href="#">Main menu</a> | Frobnitzer |</div>'
        chapters.append((f"a{i}.xhtml", f"{nav}<h2>{esc(s.title)}</h2>{_ps(s)}{nav}"))
    manifest = "".join(
        f'<item id="c{i}" href="{n}" media-type="application/xhtml+xml"/>' for i, (n, _) in enumerate(chapters)
    )
    spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
    opf = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
<dc:title>{esc(title)}</dc:title><dc:creator>calibre</dc:creator><dc:publisher>calibre</dc:publisher>
<dc:date>{srcs[0].date}</dc:date><dc:identifier id="id">urn:uuid:1</dc:identifier><dc:language>en</dc:language>
<meta name="calibre:publication_type" content="periodical:unknown:Wikinews"/></metadata>
<manifest>{manifest}</manifest><spine>{spine}</spine></package>"""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        z.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        z.writestr("OEBPS/content.opf", opf)
        for name, body in chapters:
            z.writestr(
                f"OEBPS/{name}",
                f'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>{body}</body></html>',
            )


# -- e-mail ---------------------------------------------------------------------------------------
def newsletter_message(src: Src, html_part: bool = True) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"{src.publisher} Daily <newsletter@wikinews.example>"
    msg["To"] = "reader@example.com"
    msg["Subject"] = src.title
    msg["Date"] = format_datetime(datetime.fromisoformat(src.date).replace(hour=6, tzinfo=UTC))
    msg["List-Unsubscribe"] = "<https://wikinews.example/unsub>"
    plain = src.body + "\n\n--\nUnsubscribe from Digestif: https://wikinews.example/unsub\n"
    msg.set_content(plain)
    if html_part:
        page = f"""<html><body><table width="600"><tr><td><p style="font-size:11px"><a href="#">View in browser</a> Frobnitzer</p>
<h1>{esc(src.title)}</h1>
<p>By {esc(src.author)}</p>
{_ps(src)}
<hr><p style="font-size:10px">You are receiving the Digestif newsletter because you signed up. <a href="#">Unsubscribe</a> | <a href="#">Manage preferences</a><br>
Quillfeather Media, 1 Snorriland Way</p></td></tr></table></body></html>"""
        msg.add_alternative(page, subtype="html")
    return msg


def mbox_bytes(messages: list[EmailMessage]) -> bytes:
    out = []
    for m in messages:
        raw = m.as_bytes()
        raw = re.sub(rb"(?m)^(>*From )", rb">\1", raw)
        out.append(b"From newsletter@wikinews.example Mon Jan  1 00:00:00 2024\n" + raw.rstrip(b"\n") + b"\n\n")
    return b"".join(out)


# -- scrapes --------------------------------------------------------------------------------------
def trafilatura_json(s: Src) -> dict:
    return {
        "title": s.title,
        "author": s.author,
        "hostname": "en.wikinews.org",
        "date": s.date,
        "sitename": s.publisher,
        "source": s.url,
        "text": "\n".join(s.paragraphs),
        "language": "en",
    }


def newsplease_json(s: Src) -> dict:
    return {
        "authors": [s.author],
        "date_download": "2024-01-05 10:00:00",
        "date_publish": f"{s.date} 07:00:00",
        "description": s.paragraphs[0][:100],
        "language": "en",
        "maintext": "\n".join(s.paragraphs),
        "source_domain": "en.wikinews.org",
        "title": s.title,
        "url": s.url,
    }


def custom_rows(srcs: list[Src]) -> list[dict]:
    return [
        {"headline": s.title, "body_html": _ps(s), "published": s.date, "link": s.url, "writer": s.author} for s in srcs
    ]


def write_csv(path: Path, rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
