"""`reader text ARTICLE_ID [PATH ...]`: the article's text exactly as reader analysed it.

For an imported file (web page, PDF, export, ...) that is the text extracted from it, which every
offset of `articles`, `quotes`, `entities` and `grep` indexes: the output starts at the article's
`start`, so a span (s, e) of it is output[s - start : e - start]. `--file` prints the whole text
of the article's file instead, where a span is text[s:e]. Exact when piped; control characters
shown as symbols on a terminal.
"""

from __future__ import annotations

import argparse
import sys

from reader.commands.common import emit_json, load_corpus, say


def cmd_text(args: argparse.Namespace) -> int:
    from reader.model.outputs.display import terminal_safe

    corpus = load_corpus(args)
    art = corpus.article(args.article_id)
    if art is None:
        say(f"reader: no article with id {args.article_id!r} (ids come from `reader articles`)")
        return 1
    start, end = (0, len(art.text)) if args.file else (art.start, art.end)
    text = art.text[start:end]
    if args.json:
        emit_json({"id": art.id, "path": art.path, "start": start, "end": end, "text": text})
        return 0
    sys.stdout.write(terminal_safe(text) if sys.stdout.isatty() else text)
    sys.stdout.write("\n")
    return 0


def register(sub, add) -> None:
    about = "print an article's text exactly as analysed (what every offset indexes)"
    sp = sub.add_parser("text", help=about, description=about)
    sp.add_argument("article_id", metavar="ARTICLE_ID")
    sp.add_argument("paths", nargs="*", metavar="PATH")
    sp.add_argument("--file", action="store_true", help="the whole text of the article's file, from offset 0")
    sp.add_argument("--json", action="store_true", help='print {"id", "path", "start", "end", "text"}')
    sp.set_defaults(func=cmd_text)
