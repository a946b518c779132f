"""Publication dates written in article text: datelines and dated headers, as ISO 8601."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # November 4, 2020
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),  # 4 November 2020
    re.compile(rf"\b{_YEAR}-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?!\d)"),  # 2020-11-04
    re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<year>(?:19|20)\d{2})\b"),  # 11/04/2020
]


def find_date(text: str) -> str | None:
    """The first full date (day, month, year) in `text`, as 'YYYY-MM-DD', or None."""
    best: tuple[int, str] | None = None
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            iso = _to_iso(m)
            if iso is not None:
                if best is None or m.start() < best[0]:
                    best = (m.start(), iso)
                break
    return best[1] if best else None


def _to_iso(m: re.Match) -> str | None:
    g = m.groupdict()
    year = int(g["year"])
    if g.get("month"):
        month, day = _MONTHS[g["month"].lower()], int(g["day"])
    elif g.get("m"):
        month, day = int(g["m"]), int(g["d"])
    else:
        a, b = int(g["a"]), int(g["b"])
        # Numeric dates: month first (US news convention) unless that cannot be a month.
        month, day = (a, b) if a <= 12 else (b, a)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def is_date_only(text: str) -> bool:
    """True when a short line says nothing but a date (with weekday, time or place words)."""
    if len(text) > 60 or find_date(text) is None:
        return False
    rest = text
    for pat in _PATTERNS:
        rest = pat.sub(" ", rest)
    words = re.findall(r"[A-Za-z]+", rest)
    return len(words) <= 3


_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+"
_LEADING = re.compile(rf"\s*(?:{_WEEKDAY})?(?=\S)", re.I)
_TRAILING = re.compile(rf"(?:{_WEEKDAY})?$", re.I)


def leading_date(text: str) -> str | None:
    """The full date a paragraph opens with ("Tuesday, September 1, 2015 Officials said ..."),
    as 'YYYY-MM-DD'; None when it opens with anything else."""
    head = _LEADING.match(text)
    pos = head.end() if head else 0
    for pat in _PATTERNS:
        m = pat.match(text, pos)
        if m:
            return _to_iso(m)
    return None


def trailing_date(text: str) -> str | None:
    """The full date a line ends with ("... self-medicating ants Tuesday, September 1, 2015")."""
    end = len(text.rstrip(" \t\r\n.,;"))
    tail = text[max(0, end - 40) : end]
    for pat in _PATTERNS:
        for m in pat.finditer(tail):
            if m.end() == len(tail):
                return _to_iso(m)
    return None
