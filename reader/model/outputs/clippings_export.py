"""Clippings written out: Markdown to read, CSV for a spreadsheet, JSON for scripts, and CSL-JSON,
RIS or BibLaTeX for a reference manager (one reference per clipping, its words in the note).

Markdown folds each item's whitespace into a blockquote followed by its citation; CSV and JSON
keep the exact source text and its offsets.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reader.model.outputs.citation_styles import markdown_blockquote, md_escape, reference_attribution
from reader.model.outputs.display import json_text
from reader.model.outputs.reference_formats import FORMATS as REFERENCE_FORMATS
from reader.model.outputs.reference_formats import render_references
from reader.model.outputs.tables_export import csv_text
from reader.model.store.clippings import Clipping
from reader.model.store.jsonfile import write_atomic

FORMATS = ("markdown", "csv", "json", *REFERENCE_FORMATS)
EXTENSIONS = {"markdown": "md", "csv": "csv", "json": "json", "csl-json": "csl.json", "ris": "ris", "biblatex": "bib"}
CSV_COLUMNS = (
    "kind",
    "article",
    "path",
    "title",
    "publisher",
    "date",
    "speaker_or_entity",
    "start",
    "end",
    "text",
    "citation",
    "note",
)


def clippings_markdown(items: list[Clipping], label: str = "", now: datetime | None = None) -> str:
    when = (now or datetime.now()).strftime("%Y-%m-%d %H:%M")
    head = "# Clippings" + (f": {md_escape(label)}" if label else "")
    out = [head, "", f"{len(items)} item(s), exported {when}."]
    for n, c in enumerate(items, 1):
        title = f"## {n}. {c.kind.capitalize()}" + (f": {md_escape(c.who)}" if c.who else "")
        out += ["", title, "", markdown_blockquote(c.text), ""]
        ref = c.reference()
        ref.note = ""
        out.append("\u2014 " + (reference_attribution(ref) or "source unknown"))
        if c.note:
            out += ["", f"*Note:* {md_escape(' '.join(c.note.split()))}"]
    return "\n".join(out) + "\n"


def clippings_csv(items: list[Clipping]) -> str:
    return csv_text(
        CSV_COLUMNS,
        (
            [
                c.kind,
                c.article,
                c.path,
                c.title,
                c.publisher or "",
                c.date or "",
                c.who,
                c.start,
                c.end,
                c.text,
                c.citation,
                c.note,
            ]
            for c in items
        ),
    )


def clippings_records(items: list[Clipping]) -> list[dict]:
    return [c.to_json() for c in items]


def render(items: list[Clipping], fmt: str, label: str = "") -> str:
    """The clippings in `fmt` (one of FORMATS), as text ending in a newline."""
    if fmt == "markdown":
        return clippings_markdown(items, label)
    if fmt == "csv":
        return clippings_csv(items)
    if fmt == "json":
        return json_text(clippings_records(items), indent=1) + "\n"
    if fmt in REFERENCE_FORMATS:
        return render_references([c.reference() for c in items], fmt)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def export_file(items: list[Clipping], fmt: str, label: str = "", folder: Path | None = None) -> Path:
    """Write the clippings in `fmt` to a new file in `folder` (default: the user data dir's
    "exports"); its path. Raises OSError when it cannot be written."""
    from reader.model.store import paths

    folder = Path(folder) if folder is not None else paths.data_dir() / "exports"
    stem = f"clippings-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    path = folder / f"{stem}.{EXTENSIONS[fmt]}"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.{EXTENSIONS[fmt]}"
    write_atomic(path, render(items, fmt, label).encode("utf-8"))
    return path
