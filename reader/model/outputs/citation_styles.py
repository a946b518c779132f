"""A quotation with its citation, as text to copy: plain, Markdown, APA, Chicago or journalism.

Written by hand: the styles need only a handful of fields (speaker, title, publisher, date,
URL) and citation libraries (citeproc-py with CSL files) would bring XML style files and a
data model far larger than this. Missing fields are left out with their punctuation, never
printed as "None".
"""

from __future__ import annotations

import re
from datetime import date as _date

STYLES = ("plain", "markdown", "apa", "chicago", "journalism")
UNKNOWN = "speaker unknown"
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
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def _clean(value: object) -> str:
    """Text of a field, whitespace folded; '' for None or blank."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _parts(iso: str) -> tuple[int, int | None, int | None] | None:
    m = _ISO.match(iso)
    if not m:
        return None
    y, mo, d = m.groups()
    try:
        if mo and d:
            _date(int(y), int(mo), int(d))  # reject impossible dates
    except ValueError:
        return None
    return int(y), int(mo) if mo else None, int(d) if d else None


def _apa_date(iso: str) -> str:
    """'(2020, November 4)'; '(n.d.)' when unknown; the raw text when not ISO."""
    if not iso:
        return "(n.d.)"
    p = _parts(iso)
    if p is None:
        return f"({iso})"
    y, mo, d = p
    if mo is None:
        return f"({y})"
    return f"({y}, {_MONTHS[mo - 1]}{f' {d}' if d else ''})"


def _long_date(iso: str) -> str:
    """'November 4, 2020' (Chicago and plain); the raw text when not ISO."""
    p = _parts(iso) if iso else None
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
    role: str | None = None,
    channel: str | None = None,
    unattributed: bool = False,
) -> str:
    """The quote and where it comes from, in `style` (one of STYLES).

    `date` is ISO 8601 ("2020-11-04", "2020-11" or "2020") or free text; `speaker` is the
    person quoted (not the article's author: the source is the article); `role` is the
    speaker's role as the article writes it and `channel` how the words were said ("told Sky
    News", "in a statement"), used by the journalism style. `unattributed`: the text is a
    quotation whose speaker is not known, and the citation says so.
    """
    # a quote cut before its attribution ends in a comma ("Foo," he said): not part of the words
    quote = _clean(quote_text).rstrip(",;:").rstrip()
    speaker, title, publisher, date, url = map(_clean, (speaker, title, publisher, date, url))
    if style not in STYLES:
        raise ValueError(f"unknown citation style {style!r}; choose one of {', '.join(STYLES)}")
    if style == "journalism" and (speaker or unattributed):
        return _journalism(quote, speaker, _clean(role), _clean(channel), title, publisher, date, url)
    if not speaker and unattributed:
        speaker = UNKNOWN
    if style == "markdown":
        return _markdown(quote, speaker, title, publisher, date, url)
    if style == "apa":
        return _apa(quote, speaker, title, publisher, date, url)
    if style == "chicago":
        return _chicago(quote, speaker, title, publisher, date, url)
    # plain, and journalism for words nobody is quoted as saying (a selection of the article)
    return _plain(quote, speaker, title, publisher, date, url)


def _plain(quote: str, speaker: str, title: str, publisher: str, date: str, url: str) -> str:
    head = _quoted(quote) + (f" \u2014 {speaker}" if speaker else "")
    where = ", ".join(x for x in (title, publisher, _long_date(date)) if x)
    lines = [head]
    if where or url:
        lines.append(", ".join(x for x in (where, url) if x))
    return "\n".join(lines)


def _markdown(quote: str, speaker: str, title: str, publisher: str, date: str, url: str) -> str:
    attribution = markdown_attribution(speaker, title, publisher, date, url)
    return markdown_blockquote(quote) + (f"\n>\n> \u2014 {attribution}" if attribution else "")


def markdown_blockquote(text: str) -> str:
    """`text` as a Markdown blockquote: paragraphs (blank-line separated) kept, lines within one joined."""
    paras = [" ".join(p.split()) for p in re.split(r"\n[ \t\r]*\n", text)]
    return "\n>\n".join("> " + p.replace("*", "\\*") for p in paras if p) or "> "


def markdown_attribution(
    speaker: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> str:
    """'Speaker, [Title](url), Publisher, November 4, 2020' with Markdown escaped; '' when nothing is known."""
    speaker, title, publisher, date, url = map(_clean, (speaker, title, publisher, date, url))
    src = (
        f"[{md_escape(title)}]({url})"
        if title and url
        else (f"*{md_escape(title)}*" if title else (f"<{url}>" if url else ""))
    )
    tail = ", ".join(x for x in (src, md_escape(publisher), _long_date(date)) if x)
    return ", ".join(x for x in (md_escape(speaker), tail) if x)


def md_escape(s: str) -> str:
    return re.sub(r"([\\`*_\[\]])", r"\\\1", s)


def _apa(quote: str, speaker: str, title: str, publisher: str, date: str, url: str) -> str:
    """APA 7 reference for a news article; the quote first, its speaker named in the text.

    APA puts the author first; with no byline the title moves into the author position.
    """
    lead = _quoted(quote) + (f" ({speaker})" if speaker else "")
    if not (title or publisher or url):
        return lead
    ref_parts = []
    if title:
        ref_parts.append(f"{_end(title)} {_apa_date(date)}.")
    else:
        ref_parts.append(f"{_apa_date(date)}.")
    if publisher:
        ref_parts.append(_end(publisher))
    if url:
        ref_parts.append(url)
    return f"{lead}\n{' '.join(ref_parts)}"


def _chicago(quote: str, speaker: str, title: str, publisher: str, date: str, url: str) -> str:
    """Chicago (notes and bibliography) note for a news article, after the quote."""
    lead = _quoted(quote) + (f" \u2014 {speaker}" if speaker else "")
    bits = []
    if title:
        bits.append(
            f"\u201c{_end(title.rstrip('.'), ',')}\u201d" if title.rstrip()[-1:] not in "?!" else f"\u201c{title}\u201d"
        )
    tail = ", ".join(x for x in (publisher, _long_date(date)) if x)
    if tail:
        bits.append(tail + ("," if url else "."))
    if url:
        bits.append(url + ".")
    note = " ".join(bits)
    if note and not note.endswith("."):
        note = _end(note.rstrip(","))
    return lead + (f"\n{note}" if note else "")


def _journalism(
    quote: str, speaker: str, role: str, channel: str, title: str, publisher: str, date: str, url: str
) -> str:
    """A news writer's attribution: `“…,” Name, role, told X on DATE.`, then the source line."""
    words = quote.rstrip(".").rstrip()
    words = words if words[-1:] in ("?", "!") else words + ","
    who = ", ".join(x for x in (speaker or UNKNOWN, role) if x)
    if not channel:
        how = "said"
    elif channel.split()[0].lower() in ("in", "on", "at", "during", "via", "through", "over", "to"):
        how = f"said {channel}"
    else:
        how = channel  # "told Sky News", "wrote in a blog post", "tweeted"
    when = _long_date(date)
    head = f"{_quoted(words)} {who}, {how}" + (f" on {when}" if when else "") + "."
    where = ", ".join(x for x in (title, publisher, url) if x)
    return head + (f"\n{where}" if where else "")
