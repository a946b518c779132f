"""`reader export entities|quotes|clippings`: write what reader knows out as JSON Lines, CSV, JSON or Markdown.

Entities and quotes default to the JSON Lines the shared scorers read (one line per source file);
clippings default to Markdown. Output to a terminal shows control characters as symbols; a file
(`-o`, or a pipe) gets the exact text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.commands.common import load_corpus, say

CLIPPINGS_FORMATS = ("markdown", "csv", "json", "csl-json", "ris", "biblatex")
FORMATS = {"entities": ("json", "csv"), "quotes": ("json", "csv"), "clippings": CLIPPINGS_FORMATS}


def write_out(text: str, output: str | None, fmt: str) -> int:
    """Text to `output` (exact) or stdout (controls made visible or escaped on a terminal).

    A file is written whole or not at all: a temporary file beside it, renamed over it once
    written (store.jsonfile.write_output), so a failure leaves an existing file as it was."""
    if output:
        from reader.model.store.jsonfile import write_output

        try:
            write_output(Path(output), text.encode("utf-8"))
        except OSError as exc:
            say(f"reader: cannot write {output}: {exc.strerror or exc}; nothing was written")
            return 1
        say(f"reader: wrote {Path(output)}")
        return 0
    if sys.stdout.isatty():  # JSON: controls as \u escapes, so it still parses to the exact text
        from reader.model.outputs.display import json_safe, terminal_safe

        text = json_safe(text) if fmt in ("json", "csl-json") else terminal_safe(text)
    sys.stdout.write(text)
    return 0


def export_table(args: argparse.Namespace, fmt: str) -> int:
    from reader.commands.common import analysed_corpus

    corpus = analysed_corpus(args)
    if fmt == "csv":
        from reader.model.outputs.tables_export import entities_csv, quotes_csv

        text = entities_csv(corpus) if args.what == "entities" else quotes_csv(corpus)
    else:
        from reader.model.outputs.records import export_entities_rows, export_quotes_rows

        rows = export_entities_rows(corpus) if args.what == "entities" else export_quotes_rows(corpus)
        from reader.model.outputs.display import json_text

        text = "".join(json_text(row) + "\n" for row in rows)
    status = write_out(text, args.output, fmt)
    return status or (0 if corpus.articles else 1)


def export_clippings(args: argparse.Namespace, fmt: str) -> int:
    from reader.model.outputs.clippings_export import render
    from reader.model.store.clippings import Clippings

    corpus = load_corpus(args)
    store = Clippings.of(corpus)
    for n in store.notices:
        say(f"reader: {n}")
    if not len(store):
        say("reader: no clippings for this corpus yet (press y in the app, or use `reader clip add`)")
    return write_out(render(store.items, fmt, store.label), args.output, fmt)


def cmd_export(args: argparse.Namespace) -> int:
    allowed = FORMATS[args.what]
    fmt = args.format or allowed[0]
    if fmt not in allowed:
        say(f"reader: {args.what} export as {fmt} is not offered; choose {' or '.join(allowed)}")
        return 2
    return export_clippings(args, fmt) if args.what == "clippings" else export_table(args, fmt)


def register(sub, add) -> None:
    sp = sub.add_parser(
        "export",
        help="write entities, quotes or clippings out (JSON Lines, CSV, JSON, Markdown)",
        description="Export entities or quotes (default: JSON Lines, one line per source file, in the shared "
        "scorers' schema; or CSV), or this corpus's clippings (default: Markdown; or CSV, JSON).",
    )
    sp.add_argument("what", choices=tuple(FORMATS))
    sp.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds)")
    sp.add_argument(
        "--format",
        choices=CLIPPINGS_FORMATS,
        help="entities/quotes: json (JSON Lines, default) or csv; clippings: markdown (default), csv, json, "
        "or csl-json, ris, biblatex for a reference manager",
    )
    sp.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    sp.set_defaults(func=cmd_export)
