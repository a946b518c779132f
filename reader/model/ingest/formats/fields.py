"""Metadata values as importers find them (dates in a dozen shapes, names in lists), made uniform."""

from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime

from reader.model.ingest.dates import find_date

_PARTIAL = re.compile(r"^\s*((?:19|20)\d{2})(?:-(\d{2}))?\s*$")


def iso_date(value) -> str | None:
    """A publication date as ISO 8601 ('YYYY-MM-DD', or 'YYYY-MM' / 'YYYY' when that is all it says)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
        except ValueError:
            return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since the epoch
        try:
            return datetime.fromtimestamp(seconds, UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if not s:
        return None
    if s.isdigit() and len(s) >= 9:  # an epoch timestamp written as a string
        return iso_date(int(s))
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    if m := _PARTIAL.match(s):
        return m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")
    found = find_date(s)
    if found:
        return found
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def names(value) -> str | None:
    """Author names from a string or a list of strings/objects ({"name": ...}), joined with ', '."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list | tuple):
        parts = [n for v in value if (n := names(v))]
        return ", ".join(dict.fromkeys(parts)) or None
    s = " ".join(str(value).split())
    s = re.sub(r"^by\s+", "", s, flags=re.I)
    return s or None


def host_name(url: str | None) -> str | None:
    """'www.example.com' from a URL, without the 'www.'."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def text_value(value) -> str | None:
    """A scalar as a trimmed string (None for empty and for containers)."""
    if value is None or isinstance(value, dict | list | tuple):
        return None
    s = str(value).strip()
    return s or None


def one_line_or_none(value) -> str | None:
    s = text_value(value)
    return " ".join(s.split()) if s else None
