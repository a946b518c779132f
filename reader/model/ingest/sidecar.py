"""User-set metadata: a `NAME.meta.json` beside the file, or front matter at the top of `.md`."""

from __future__ import annotations

import json
import re
from pathlib import Path

FIELDS = ("title", "publisher", "date", "url", "byline")
_FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


class SidecarError(ValueError):
    pass


def sidecar_path(path: Path, siblings: set[str] | None = None) -> Path | None:
    """`siblings`: the names in path's folder, when known (one listing beats two stats per file)."""
    for cand in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if (siblings is None or cand.name in siblings) and cand.is_file():
            return cand
    return None


def read_sidecar(path: Path, siblings: set[str] | None = None) -> dict[str, str]:
    """Fields from the sidecar of `path` ({} when there is none); SidecarError when unreadable."""
    side = sidecar_path(path, siblings)
    if side is None:
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SidecarError(f"{side.name}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise SidecarError(f"{side.name}: expected a JSON object")
    return {k: str(v) for k, v in data.items() if k in FIELDS and v is not None}


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """Fields of a leading `---` block and the offset where the text after it starts."""
    m = _FRONT.match(text)
    if not m:
        return {}, 0
    fields: dict[str, str] = {}
    for line in m.group("body").splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in FIELDS:
            fields[key] = value.strip().strip("\"'")
    return fields, m.end()
