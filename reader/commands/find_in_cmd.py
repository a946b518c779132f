"""`reader grep PATTERN [PATH ...]`: the app's find in article (`/`), over every article.

Same matching as the find bar (reader.model.search.find_in_article): case-insensitive and literal by default,
whitespace in the pattern matching any run of whitespace. No analysis is needed, so it is quick.
Exit status as grep's: 0 when something matched, 1 when nothing did, 2 for a bad pattern or a
search stopped at its time limit (`--timeout`, for the whole run; what was found is printed).
"""

from __future__ import annotations

import argparse
import re
import sys
import time

from reader.commands.common import article_heading, emit_json, load_corpus, say
from reader.model.outputs.wording import count


def arts_of(recs: list[dict]) -> list[str]:
    return [r["article"] for r in recs]


TIMEOUT_S = 60.0  # the whole run
CONTEXT = 40  # characters of context each side in the human-readable output
_GAP = re.compile(r"\s+")


def _context(text: str, start: int, end: int, lo: int, hi: int, mark: bool) -> str:
    from reader.model.outputs.display import terminal_safe

    a, b = max(lo, start - CONTEXT), min(hi, end + CONTEXT)

    def fold(s: str) -> str:
        return terminal_safe(_GAP.sub(" ", s))

    hit = fold(text[start:end])
    if mark:  # bold underline on a terminal, after the text was made safe
        hit = f"\x1b[1;4m{hit}\x1b[0m"
    return ("…" if a > lo else "") + fold(text[a:start]) + hit + fold(text[end:b]) + ("…" if b < hi else "")


def cmd_grep(args: argparse.Namespace) -> int:
    from reader.model.search.find_in_article import FindError, FindQuery, FindTimeout, compile_query, find_matches

    query = FindQuery(args.pattern, regex=args.regex, case_sensitive=args.case_sensitive)
    if query.empty:
        say("reader: grep: the pattern is empty")
        return 2
    if not args.timeout > 0:
        say("reader: grep: --timeout must be a positive number of seconds")
        return 2
    try:
        compiled = compile_query(query)
    except FindError as exc:
        say(f"reader: grep: {exc}")
        return 2
    corpus = load_corpus(args)
    recs = []
    deadline = time.monotonic() + args.timeout
    status = None
    for n, art in enumerate(corpus.articles):
        try:
            result = find_matches(
                art.text, compiled, art.start, art.end, limit=None, timeout=max(0.01, deadline - time.monotonic())
            )
        except FindTimeout as exc:
            say(
                f"reader: grep: stopped at the time limit (--timeout {args.timeout:g}) in article {art.id}, "
                f"{n} of {len(corpus.articles)} articles searched: {exc}"
            )
            status = 2
            break
        except FindError as exc:
            say(f"reader: grep: {exc}")
            status = 2
            break
        for s, e in result.spans:
            recs.append({"article": art.id, "path": art.path, "start": s, "end": e, "text": art.text[s:e]})
    if args.json:
        emit_json(recs)
    else:
        mark = sys.stdout.isatty()
        arts = {a.id: a for a in corpus.articles}
        last = None
        for r in recs:  # under each article's title, one match per line
            art = arts[r["article"]]
            if art is not last:
                if last is not None:
                    print()
                print(article_heading(art))
                last = art
            ctx = _context(art.text, r["start"], r["end"], art.start, art.end, mark)
            print(f"  {r['start']}-{r['end']}  {ctx}")
        if recs:
            print(f"\n{count(len(recs), 'match')} in {count(len(set(arts_of(recs))), 'article')}")
    return status if status is not None else 0 if recs else 1


def register(sub, add) -> None:
    about = "find PATTERN in every article, as the app's find bar (/) does, with exact offsets"
    sp = sub.add_parser("grep", help=about, description=about)
    sp.add_argument(
        "pattern",
        metavar="PATTERN",
        help="literal text (whitespace matches any run of whitespace), or a regex with --regex",
    )
    sp.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds)")
    sp.add_argument("--json", action="store_true", help="print JSON")
    sp.add_argument("--regex", action="store_true", help="PATTERN is a Python regular expression")
    sp.add_argument("--case-sensitive", action="store_true", help="match case (default: ignore it)")
    sp.add_argument(
        "--timeout",
        type=float,
        default=TIMEOUT_S,
        metavar="SECONDS",
        help=f"stop the search after this long (default: {TIMEOUT_S:g}); exit status 2",
    )
    sp.set_defaults(func=cmd_grep)
