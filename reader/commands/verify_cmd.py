"""`reader verify "TEXT" [PATH ...]`: check a quote from a draft against the corpus.

Prints the verdict (exact, faithful with marked cuts or insertions, altered, not found), the
passage it was checked against and who said it there, and the words that differ. Exit status 0
when the quote was found (whatever the verdict), 1 when it was not.
"""

from __future__ import annotations

import argparse

from reader.commands.common import analysed_corpus, emit_json, say
from reader.model.outputs.display import terminal_safe

_OP_TEXT = {
    "cut": "cut (marked)",
    "inserted": "inserted (marked)",
    "attribution": "attribution left out",
    "dropped": "DROPPED",
    "added": "ADDED",
    "changed": "CHANGED",
}


def cmd_verify(args: argparse.Namespace) -> int:
    from reader.model.outputs.records import verification_record
    from reader.model.search.verify import verify

    if not args.text.strip():
        say("reader: verify needs the quote's text")
        return 2
    corpus = analysed_corpus(args)
    rec = verification_record(corpus, verify(corpus, args.text))
    if args.json:
        emit_json(rec)
        return 0 if rec["match"] else 1
    print(terminal_safe(f"Verdict: {rec['verdict_text']}"))
    m = rec["match"]
    if m is None:
        print("No passage in the corpus shares enough of these words.")
        return 1
    who = m["speaker"] or ("speaker unknown" if m["in_quote"] else "not inside a quotation in the source")
    where = " \u00b7 ".join(x for x in (m["title"], m["publisher"], m["date"]) if x)
    print(terminal_safe(f"Said by: {who}"))
    print(terminal_safe(f"In: {where}  ({m['path']}:{m['start']}-{m['end']})"))
    print(terminal_safe(f"Source: \u201c{' '.join(m['text'].split())}\u201d"))
    for d in rec["diff"]:
        if d["op"] == "same":
            continue
        if d["op"] in ("added",) or (d["op"] == "inserted" and d["source"] is None):
            print(terminal_safe(f"  {_OP_TEXT[d['op']]}: {d['draft']}"))
        elif d["draft"]:
            print(terminal_safe(f"  {_OP_TEXT[d['op']]}: {d['source']} -> {d['draft']}"))
        else:
            print(terminal_safe(f"  {_OP_TEXT[d['op']]}: {d['source']}"))
    for o in rec["also_in"]:
        print(terminal_safe(f"Also in: {' · '.join(x for x in (o['title'], o['publisher'], o['date']) if x)}"))
    return 0


def register(sub, add) -> None:
    sp = sub.add_parser(
        "verify",
        help="check a quote from your draft against the corpus: exact, faithful, altered or not found",
        description="Find the passage closest to TEXT (ellipses = marked cuts, [brackets] = marked insertions) "
        "and say how the draft differs from it, word by word, and who said it.",
    )
    sp.add_argument("text", metavar="TEXT")
    sp.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds)")
    sp.add_argument("--json", action="store_true", help="print JSON")
    sp.set_defaults(func=cmd_verify)
