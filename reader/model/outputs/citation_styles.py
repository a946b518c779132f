"""A quotation with its citation, as text to copy: plain, Markdown, APA, Chicago or journalism, or one of the
machine-readable forms reference managers import (CSL-JSON, RIS, BibLaTeX: reference_formats).

Written by hand: the styles need only a handful of fields (speaker, authors, title, publisher,
date, page, URL) and citation libraries (citeproc-py with CSL files) would bring XML style files
and a data model far larger than this. Missing fields are left out with their punctuation, never
printed as "None". A quote nobody could be credited with says "speaker unknown"; no name is made up.
"""

from __future__ import annotations

import re

from reader.model.outputs.names import Name, join_names
from reader.model.outputs.reference import Reference, date_parts, make_reference

HUMAN_STYLES = ("plain", "markdown", "apa", "chicago", "journalism")
MACHINE_STYLES = ("csl-json", "ris", "biblatex")
STYLES = HUMAN_STYLES + MACHINE_STYLES
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _apa_date(iso: str) -> str:
    """'(2020, November 4)'; '(n.d.)' when unknown; the raw text when not ISO."""
    if not iso:
        return "(n.d.)"
    p = date_parts(iso)
    if p is None:
        return f"({iso})"
    y, mo, d = p
    if mo is None:
        return f"({y})"
    return f"({y}, {_MONTHS[mo - 1]}{f' {d}' if d else ''})"


def _long_date(iso: str) -> str:
    """'November 4, 2020' (Chicago and plain); the raw text when not ISO."""
    p = date_parts(iso) if iso else None
    if p is None:
        return iso
    y, mo, d = p
    if mo is None:
        return str(y)
    return f"{_MONTHS[mo - 1]} {d}, {y}" if d else f"{_MONTHS[mo - 1]} {y}"


def _end(s: str, mark: str = ".") -> str:
    """s ending with `mark` unless it already ends with sentence punctuation."""
    s = s.rstrip()
    return s if not s or s[-1] in ".!?" else s + mark


def _quoted(text: str) -> str:
    """The quote in curly double marks; its own double marks become single ones (nesting)."""
    inner = text.replace("\u201c", "\u2018").replace("\u201d", "\u2019")
    inner = re.sub(r'(^|[\s(\[])"', "\\1\u2018", inner).replace('"', "\u2019")
    return f"\u201c{inner}\u201d"


def format_citation(
    quote_text: str,
    speaker: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
    style: str = "plain",
    **more,
) -> str:
    """The quote and where it comes from, in `style` (one of STYLES).

    `date` is ISO 8601 ("2020-11-04", "2020-11" or "2020") or free text; `speaker` is the
    person quoted (not the article's author: the source is the article). `more` takes
    make_reference's keywords: author, byline, authors, page, locator, accessed, speaker_unknown, note.
    """
    return format_reference(make_reference(quote_text, speaker, title, publisher, date, url, **more), style)


def format_reference(ref: Reference, style: str = "plain") -> str:
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}")
    if style in MACHINE_STYLES:
        from reader.model.outputs.reference_formats import render_references

        return render_references([ref], style).rstrip("\n")
    if style == "journalism" and (ref.speaker or ref.speaker_unknown):
        return _journalism(ref)
    # plain, and journalism for words nobody is quoted as saying (a selection of the article)
    return {"markdown": _markdown, "apa": _apa, "chicago": _chicago}.get(style, _plain)(ref)


def _journalism(ref: Reference) -> str:
    """A news writer's attribution: `“…,” Name, role, told X on DATE.`, then the source line."""
    words = ref.quote.rstrip(".").rstrip()
    words = words if words[-1:] in ("?", "!") else words + ","
    # "Jane Doe, the mayor, said"; "Jane Doe said" (no comma before the verb without a role)
    who = f"{ref.who}, {ref.role}," if ref.speaker and ref.role else ref.who + ("," if ref.speaker_unknown else "")
    how = _said_how(ref.channel)
    when = _long_date(ref.date)
    head = f"{_quoted(words)} {who} {how}" + (f" on {when}" if when else "") + "."
    tail = ", ".join(x for x in (ref.title, _by(ref), ref.publisher, _page(ref), _doc(ref), ref.fragment_url) if x)
    return head + (f"\n{tail}" if tail else "")


_CHANNEL_PREPS = ("in", "on", "at", "during", "via", "through", "over", "to", "by")


def _said_how(channel: str) -> str:
    """The verb phrase for a channel as the text gave it: 'said in a statement' ("In a
    statement," opening its sentence), 'said, speaking to the BBC', 'wrote in The Lancet',
    'told Sky News' and 'tweeted' as they are."""
    if not channel:
        return "said"
    first, _, rest = channel.partition(" ")
    low = first.lower()
    if low in _CHANNEL_PREPS:
        return f"said {low} {rest}".rstrip()
    if low == "writing":
        return f"wrote {rest}".rstrip()
    if low in ("speaking", "talking"):
        return f"said, {low} {rest}".rstrip()
    return channel  # "told Sky News", "wrote in a blog post", "tweeted"


def _by(ref: Reference) -> str:
    return "by " + join_names([n.full for n in ref.authors]) if ref.authors else ""


def _page(ref: Reference) -> str:
    if not ref.page:
        return ""
    return ("pp. " if "\u2013" in ref.page or "-" in ref.page else "p. ") + ref.page


def _doc(ref: Reference) -> str:
    return f"document {ref.locator}" if ref.locator else ""


def _plain(ref: Reference) -> str:
    head = _quoted(ref.quote) + (f" \u2014 {ref.who}" if ref.who else "")
    where = [ref.title, _by(ref), ref.publisher, _long_date(ref.date), _page(ref), _doc(ref), ref.fragment_url]
    tail = ", ".join(x for x in where if x)
    return head + (f"\n{tail}" if tail else "")


def _markdown(ref: Reference) -> str:
    attribution = reference_attribution(ref)
    return markdown_blockquote(ref.quote) + (f"\n>\n> \u2014 {attribution}" if attribution else "")


def markdown_blockquote(text: str) -> str:
    """`text` as a Markdown blockquote: paragraphs (blank-line separated) kept, lines within one
    joined; every character Markdown or HTML could act on escaped (md_escape)."""
    paras = [" ".join(p.split()) for p in re.split(r"\n[ \t\r]*\n", text)]
    return "\n>\n".join("> " + md_escape(p) for p in paras if p) or "> "


def reference_attribution(ref: Reference) -> str:
    """'Speaker, [Title](link to the quote), by Author, Publisher, November 4, 2020, p. 3' with
    Markdown escaped; '' when nothing is known."""
    link = ref.fragment_url if safe_link(ref.url) else ""  # javascript:, data:, ...: no link at all
    title = md_escape(ref.title)
    src = (
        f"[{title}]({md_url(link)})"
        if title and link
        else (f"*{title}*" if title else (f"<{md_url(link)}>" if link else ""))
    )
    tail = ", ".join(
        x
        for x in (
            src,
            md_escape(_by(ref)),
            md_escape(ref.publisher),
            _long_date(ref.date),
            _page(ref),
            md_escape(_doc(ref)),
        )
        if x
    )
    return ", ".join(x for x in (md_escape(ref.who), tail) if x)


def markdown_attribution(
    speaker: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
    **more,
) -> str:
    """reference_attribution from loose fields (no quote: the link is to the article)."""
    return reference_attribution(make_reference("", speaker, title, publisher, date, url, **more))


def md_escape(s: str) -> str:
    """Text that Markdown shows as written: emphasis, code, links, and raw HTML (`<`, `&`) escaped."""
    return re.sub(r"([\\`*_\[\]<>&])", r"\\\1", s)


LINK_SCHEMES = ("http", "https")
_URL_CONTROL = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these: "java\tscript:" is javascript:


def safe_link(url: str | None) -> bool:
    """True for a URL worth a Markdown link: http(s) only, so article metadata can never make
    a `javascript:` or `data:` link in an export."""
    if not url:
        return False
    bare = _URL_CONTROL.sub("", url)
    scheme, sep, _rest = bare.partition(":")
    return bool(sep) and scheme.lower() in LINK_SCHEMES


def md_url(url: str) -> str:
    """A URL safe inside Markdown link parentheses and angle brackets."""
    return re.sub(r"[\x00-\x20\x7f()<>\\\"'`]", lambda m: f"%{ord(m.group()):02X}", url)


def _apa_name(n: Name) -> str:
    if n.literal:
        return n.literal
    init = n.initials()
    return f"{n.family_full}, {init}" + (f", {n.suffix}" if n.suffix else "") if init else n.family_full


def apa_authors(names: tuple[Name, ...] | list[Name]) -> str:
    """APA 7: 'Roe, J.', 'Roe, J., & Doe, J.', up to 20 names, then the first 19, an ellipsis and the last."""
    parts = [_apa_name(n) for n in names]
    if len(parts) > 20:
        parts = parts[:19] + ["\u2026 " + parts[-1]]
        return ", ".join(parts)
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + ", & " + parts[-1]


def _apa(ref: Reference) -> str:
    """APA 7 reference for a news article; the quote first, its speaker named in the text.

    APA puts the author first; with no byline the title moves into the author position.
    Page numbers of periodicals go after the title of the periodical, without "p.".
    """
    lead = _quoted(ref.quote) + (f" ({ref.who})" if ref.who else "")
    if not (ref.title or ref.publisher or ref.url or ref.authors):
        return lead
    ref_parts = []
    if ref.authors:
        ref_parts.append(f"{_end(apa_authors(ref.authors))} {_apa_date(ref.date)}.")
        if ref.title:
            ref_parts.append(_end(ref.title))
    elif ref.title:
        ref_parts.append(f"{_end(ref.title)} {_apa_date(ref.date)}.")
    else:
        ref_parts.append(f"{_apa_date(ref.date)}.")
    source = ", ".join(x for x in (ref.publisher, ref.page) if x)
    if source:
        ref_parts.append(_end(source))
    if ref.locator:
        ref_parts.append(f"Document {ref.locator}.")
    if ref.url:
        ref_parts.append(ref.url)
    return f"{lead}\n{' '.join(ref_parts)}"


def chicago_authors(names: tuple[Name, ...] | list[Name]) -> str:
    """Chicago notes: 'Jane Roe', 'Jane Roe and John Doe', 'A, B, and C'; four or more: 'A et al.'."""
    full = [n.full for n in names]
    return f"{full[0]} et al." if len(full) >= 4 else join_names(full)


def _chicago(ref: Reference) -> str:
    """Chicago (notes and bibliography) note for a news article, after the quote; the access
    date only when the article has no date (Chicago 17, 14.175)."""
    lead = _quoted(ref.quote) + (f" \u2014 {ref.who}" if ref.who else "")
    bits = []
    if ref.authors:
        bits.append(chicago_authors(ref.authors) + ",")
    if ref.title:
        t = ref.title
        bits.append(f"\u201c{_end(t.rstrip('.'), ',')}\u201d" if t.rstrip()[-1:] not in "?!" else f"\u201c{t}\u201d")
    accessed = f"accessed {_long_date(ref.accessed)}" if ref.url and ref.accessed and not ref.date else ""
    tail = ", ".join(x for x in (ref.publisher, _long_date(ref.date), _page(ref), _doc(ref), accessed) if x)
    if tail:
        bits.append(tail + ("," if ref.url else "."))
    if ref.url:
        bits.append(ref.url + ".")
    note = " ".join(bits)
    if note and not note.endswith("."):
        note = _end(note.rstrip(","))
    return lead + (f"\n{note}" if note else "")
