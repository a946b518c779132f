"""Article metadata read from the text by general rules: headline, dateline, byline, captions,
publisher (copyright and credit lines), date, and trailing boilerplate."""

from __future__ import annotations

import re

from reader.model.ingest.article import BODY, BOILERPLATE, BYLINE, CAPTION, DATELINE, HEADLINE, Block
from reader.model.ingest.dates import find_date, is_date_only, leading_date, trailing_date
from reader.model.ingest.paragraphs import Para, is_hard_wrapped, line_spans

_END_PUNCT = ".!?:;\"”’'»)…"

# Trailing boilerplate: app prompts, comment forms, share widgets, copyright and credit lines.
_BOILER = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|\breprinted\b|with permission"
    r"|\binstall\b|home ?screen|\bdownload (?:the|our) app|leave a (?:reply|comment)"
    r"|your email address|required fields|\bsign (?:up|in)\b|\bsubscribe\b|newsletter"
    r"|follow us|\bshare (?:this|on|via)\b|click here|read more|^related\b|^comments?\b"
    r"|^advertisement$|reporting by|editing by|contributed to this report|^tags?:|^filed under"
    r"|^posted (?:in|on)\b|this (?:article|story) (?:was|has been) (?:updated|corrected)"
    r"|cookie|privacy policy|terms of (?:use|service)",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:[Bb][Yy]\s+|[•·▪\-–—]\s*)(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|da|al|bin|and|&)){0,5})"
    r"(?:\s*[,|/]\s*[\w .'’&-]{0,60})?$"
)
_CORP_SUFFIX = re.compile(
    r"[\s,]+(?:L\.?P\.?|Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|Corp\.?|Corporation|plc|PLC|GmbH|S\.A\.|AG|Co\.)$"
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)(?:\s*(?:©|\(c\)))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*(?:by\s+)?(?P<name>[^\n]+)",
    re.I,
)
_PERMISSION = re.compile(r"with permission (?:from|of)\s+(?P<name>[^\n.,;]+)", re.I)
_ORIGINALLY = re.compile(
    r"(?:originally (?:published|appeared)|first (?:published|appeared)) (?:by|on|in)\s+(?P<name>[^\n.,;]+)", re.I
)
_WIRE_DATELINE = re.compile(r"^[A-Z][A-Z .,/'’-]{1,40}\((?P<name>[A-Z][\w .&-]{1,30})\)\s*[-–—]")


def text_of(text: str, p: Para) -> str:
    return text[p.start : p.end]


def is_headline(text: str, p: Para, has_more: bool) -> bool:
    """A short single line that reads as a title rather than a sentence of body text."""
    s = text_of(text, p)
    if not has_more or "\n" in s or len(s) > 200:
        return False
    words = s.split()
    if not 2 <= len(words) <= 30 and not (len(words) == 1 and len(s) > 3):
        return False
    if s[-1] not in ".;,":
        return True
    if s[-1] == "." and len(words) <= 16:
        return True  # a short one-line first paragraph: some outlets end headlines with a period
    # A longer headline may end with a period when it is written in title case.
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return caps >= 0.6 * len(words)


def is_byline(s: str) -> str | None:
    s = " ".join(s.split())
    if len(s) > 80:
        return None
    m = _BYLINE.match(s)
    return m.group("name").strip() if m else None


BOILER_MAX = 500  # copyright, credits and "sign up" lines are short; long paragraphs are body


# A word of every _BOILER alternative: the regex (about 0.1 ms a paragraph) runs only when one
# occurs, which for body paragraphs is rare.
_BOILER_HINTS = (
    "©",
    "(c)",
    "copyright",
    "rights reserved",
    "reprinted",
    "permission",
    "install",
    "home",
    "download",
    "leave a",
    "email",
    "required",
    "sign",
    "subscribe",
    "newsletter",
    "follow",
    "share",
    "click",
    "read more",
    "related",
    "comment",
    "advertisement",
    "reporting",
    "editing",
    "contributed",
    "tag",
    "filed",
    "posted",
    "this article",
    "this story",
    "cookie",
    "privacy",
    "terms of",
)


def is_boilerplate(s: str) -> bool:
    if len(s) > BOILER_MAX:
        return False
    flat = " ".join(s.split())
    low = flat.lower()
    if not any(h in low for h in _BOILER_HINTS):
        return False
    return _BOILER.search(flat) is not None


def _ends_open(s: str) -> bool:
    return s.rstrip()[-1:] not in _END_PUNCT


def classify(text: str, paras: list[Para], headline: bool) -> list[Block]:
    """Blocks for one article's paragraphs; the first is its headline when `headline`."""
    kinds: list[str] = []
    seen_body = False
    for i, p in enumerate(paras):
        s = text_of(text, p)
        if i == 0 and headline:
            kind = HEADLINE
        elif not seen_body and is_date_only(" ".join(s.split())):
            kind = DATELINE
        elif not seen_body and is_byline(s):
            kind = BYLINE
        elif _is_caption(s, seen_body, i + 1 < len(paras)):
            kind = CAPTION
        else:
            kind = BODY
            seen_body = True
        kinds.append(kind)
    # Trailing boilerplate: from the end, boilerplate lines and the short fragments among them.
    i = len(paras) - 1
    while i > 0:
        s = text_of(text, paras[i])
        if is_boilerplate(s) or (len(s.split()) <= 6 and _ends_open(s) and _near_boiler(text, paras, i)):
            kinds[i] = BOILERPLATE
            i -= 1
        else:
            break
    blocks = []
    for p, kind in zip(paras, kinds):
        lines = tuple(line_spans(text, p.start, p.end))
        blocks.append(Block(p.start, p.end, kind, lines, is_hard_wrapped(text, list(lines))))
    return blocks


def _near_boiler(text: str, paras: list[Para], i: int) -> bool:
    return any(is_boilerplate(text_of(text, paras[j])) for j in range(max(0, i - 2), min(len(paras), i + 3)) if j != i)


_PHOTO_END = re.compile(r"\b(?:photo|image|picture|file photo)\s*\)?\.?$", re.I)


def _is_caption(s: str, seen_body: bool, has_more: bool) -> bool:
    # runs on every paragraph at load: normalise whitespace only when a photo credit is possible
    if "(" in s and _PHOTO_END.search(" ".join(s.split())[-40:]):
        return True
    if not has_more or not _ends_open(s):
        return False
    words = len(s.split())
    if not seen_body:
        return words <= 60  # an unpunctuated paragraph between headline and body
    return words <= 8  # a short unpunctuated line inside the body: a photo label


def publisher_from(text: str, blocks: list[Block]) -> str | None:
    """The publisher named by copyright, permission or credit lines, else a wire dateline."""
    tail = [text[b.start : b.end] for b in blocks if b.kind == BOILERPLATE]
    for pat in (_COPYRIGHT, _PERMISSION, _ORIGINALLY):
        for s in tail:
            for line in s.splitlines():
                m = pat.search(line)
                if m:
                    name = _clean_name(m.group("name"))
                    if name:
                        return name
    for b in blocks:
        if b.kind == BODY:
            m = _WIRE_DATELINE.match(text[b.start : b.end])
            return _clean_name(m.group("name")) if m else None
    return None


def _clean_name(name: str) -> str | None:
    name = re.split(r"\.\s+|\s+all rights reserved", name.strip(), flags=re.I)[0].strip(" .,;:")
    name = _CORP_SUFFIX.sub("", name).strip(" .,;:")
    if not name or len(name) > 80 or not any(c.isalpha() for c in name):
        return None
    return name


def byline_from(text: str, blocks: list[Block]) -> str | None:
    for b in blocks:
        if b.kind == BYLINE:
            return is_byline(text[b.start : b.end])
    return None


_COPYRIGHT_YEAR = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©|\(c\))?\s*(?:(?:19|20)\d{2}\s*[-–]\s*)?(?P<year>(?:19|20)\d{2})\b", re.I
)


def date_from(text: str, blocks: list[Block]) -> str | None:
    """A date from the headline, dateline or byline area, a heading line ending in a date or the
    first paragraph opening with one: never from the body's events.

    Failing that, the year of a copyright line, as a reduced-precision ISO 8601 date ("2020"):
    the text says the year it was published, and no more.
    """
    for b in blocks:
        if b.kind in (HEADLINE, DATELINE, BYLINE):
            d = find_date(text[b.start : b.end])
            if d:
                return d
    d = _head_date(text, blocks)
    if d:
        return d
    for b in blocks:
        if b.kind == BOILERPLATE:
            m = _COPYRIGHT_YEAR.search(text[b.start : b.end])
            if m:
                return m.group("year")
    return None


HEAD_LINE_WORDS = 40  # a heading line with a date at its end is short


def _head_date(text: str, blocks: list[Block]) -> str | None:
    """A date printed at the end of a heading line before the body ("Title Tuesday, September 1,
    2015") or opening the first body paragraph ("Thursday, March 15, 2012 Officials said ...")."""
    for b in blocks:
        s = text[b.start : b.end]
        if b.kind == BODY:
            return leading_date(s)
        if b.kind == CAPTION and "\n" not in s.strip() and len(s.split()) <= HEAD_LINE_WORDS:
            d = trailing_date(s) or leading_date(s)
            if d:
                return d
    return None


def derived_title(text: str, blocks: list[Block], limit: int = 80) -> str:
    """A title made from the first sentence when the file has no headline line."""
    for b in blocks:
        if b.kind in (BODY, CAPTION):
            s = " ".join(text[b.start : b.end].split())
            first = first_sentence(s)
            if len(first) <= limit:
                return first
            cut = first[:limit].rsplit(" ", 1)[0]
            return cut.rstrip(" ,;:") + "…"
    return "(untitled)"


_ABBREV = re.compile(
    r"(?:\b(?:[A-Za-z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Col|Lt|Jr|Sr|Inc|Co|Corp|Ltd|No|vs|Dept|Prof|Rev|Sgt|Capt|Adm|Ave|Blvd|Mt|Ft)\.)$"
)


def first_sentence(s: str) -> str:
    """The first sentence of a paragraph; periods of abbreviations ("U.S.", "Dept.") do not end it."""
    for m in re.finditer(r"[.!?][\"”’')]*(?=\s+[\"“‘(]?[A-Z0-9])", s):
        if m.group()[0] == "." and _ABBREV.search(s[: m.start() + 1]):
            continue
        return s[: m.end()]
    return s
