"""User-set metadata: a `NAME.meta.json` beside the file, or front matter at the top of `.md`.

A sidecar is untrusted input like the text: one that is not a JSON object, too big or nested
too deeply (`[` x 100,000) is ignored with a notice; a field of the wrong type (a list for a
title, a number for a URL) or a date that is not one is refused with a notice and the rest apply.
"""

from __future__ import annotations

import json
import re
from collections.abc import Container
from pathlib import Path

FIELDS = ("title", "publisher", "date", "url", "byline")
_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


class SidecarError(ValueError):
    pass


def sidecar_path(path: Path, siblings: Container[str] | None = None) -> Path | None:
    """`siblings`: the names in path's folder, when known (one listing beats two stats per file)."""
    for cand in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if (siblings is None or cand.name in siblings) and cand.is_file():
            return cand
    return None


MAX_SIDECAR_BYTES = 1024 * 1024  # metadata, not articles


def read_sidecar(path: Path, siblings: Container[str] | None = None) -> tuple[dict[str, str], list[str]]:
    """Fields from the sidecar of `path` ({} when there is none) and why any were refused;
    SidecarError when the whole file is unusable."""
    side = sidecar_path(path, siblings)
    if side is None:
        return {}, []
    try:
        with open(side, "rb") as f:
            raw = f.read(MAX_SIDECAR_BYTES + 1)
    except OSError as exc:
        raise SidecarError(f"{side.name}: cannot read it ({exc.strerror or exc})") from None
    if len(raw) > MAX_SIDECAR_BYTES:
        raise SidecarError(f"{side.name}: over {MAX_SIDECAR_BYTES // 1024} KB, not metadata")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SidecarError(f"{side.name}: not valid JSON ({exc})") from None
    except RecursionError:
        raise SidecarError(f"{side.name}: nested too deeply to be metadata") from None
    if not isinstance(data, dict):
        raise SidecarError(f"{side.name}: expected a JSON object")
    fields, problems = clean_fields({k: v for k, v in data.items() if k in FIELDS})
    return fields, [f"{side.name}: {p}" for p in problems]


def clean_fields(raw: dict) -> tuple[dict[str, str], list[str]]:
    """The usable fields (text; a date as ISO 8601) and a reason for each one refused."""
    from reader.model.ingest.dates import find_date

    fields: dict[str, str] = {}
    problems: list[str] = []
    for key, value in raw.items():
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(f"{key} ignored: expected text, not {_json_type(value)}")
            continue
        value = " ".join(value.split())
        if not value:
            continue
        if key == "date":
            iso = value if _ISO_DATE.fullmatch(value) and _valid_iso(value) else find_date(value)
            if iso is None:
                problems.append(f"date ignored: {value[:40]!r} is not a date (ISO 8601, or a day, month and year)")
                continue
            value = iso
        fields[key] = value
    return fields, problems


_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _valid_iso(value: str) -> bool:
    from datetime import date

    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _json_type(value) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__
    )


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """Fields of a leading `---` block and the offset where the text after it starts (a date
    that is not one is dropped: dates are ISO 8601 or absent)."""
    m = _FRONT.match(text)
    if not m:
        return {}, 0
    fields: dict[str, str] = {}
    for line in m.group("body").splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in FIELDS:
            fields[key] = value.strip().strip("\"'")
    return clean_fields(fields)[0], m.end()
