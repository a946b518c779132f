"""`reader clip add|list|remove|move|note`: the app's clippings collection (`y`/`Y`) from the command line.

Items are numbered from 1 in the collection's order, as `reader clip list` shows them.
"""

from __future__ import annotations

import argparse

from reader.commands.common import emit_json, load_corpus, say, say_store_notices
from reader.model.outputs.display import terminal_safe


def _store(corpus):
    from reader.model.store.clippings import Clippings

    store = Clippings.of(corpus)
    for n in store.notices:
        say(f"reader: {n}")
    return store


def _line(n: int, item, problem: str | None = None) -> str:
    who = f" \u2014 {item.who}" if item.who else ""
    where = " \u00b7 ".join(x for x in (item.title, item.publisher, item.date) if x)
    flag = f"  [{problem}]" if problem else ""
    note = f"\n       note: {' '.join(item.note.split())}" if item.note else ""
    return terminal_safe(f"{n:>3}. {item.kind:<9} \u201c{item.excerpt()}\u201d{who}  ({where}){flag}{note}")


def cmd_add(args: argparse.Namespace) -> int:
    from reader.commands.common import analysed_corpus
    from reader.model.store.clippings import clip_span

    by_quote = args.quote is not None
    if by_quote == (args.article is not None) or (not by_quote and None in (args.start, args.end)):
        say("reader: clip add needs --quote QUOTE_ID, or --article ID with --start N and --end N")
        return 2
    corpus = analysed_corpus(args)
    if by_quote:
        found = corpus.find_quote(args.quote)
        if found is None:
            say(f"reader: no quote with id {args.quote!r} (ids come from `reader quotes --json`)")
            return 1
        article, start, end = found[0], found[1].start, found[1].end
    else:
        article, start, end = corpus.article(args.article), args.start, args.end
        if article is None:
            say(f"reader: no article with id {args.article!r} (ids come from `reader articles --json`)")
            return 1
    try:
        item = clip_span(corpus, article, start, end, note=args.note or "")
    except ValueError as exc:
        say(f"reader: {exc}")
        return 1
    store = _store(corpus)
    added = store.add(item)
    if not say_store_notices(store):
        return 1
    n = store.index_of(item) + 1
    if args.json:
        emit_json({"added": added, "number": n, "count": len(store), "clipping": store[n - 1].to_json()})
    else:
        print(("Clipped" if added else "Already clipped") + f" ({len(store)} in collection):")
        print(_line(n, store[n - 1]))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    corpus = load_corpus(args)
    store = _store(corpus)
    if args.json:
        emit_json([c.to_json() for c in store])
    elif not len(store):
        say("reader: no clippings for this corpus yet (press y in the app, or use `reader clip add`)")
    else:
        for n, item in enumerate(store, 1):
            print(_line(n, item, item.problem(corpus)))
    return 0


def _numbered(store, n: int) -> int | None:
    if 1 <= n <= len(store):
        return n - 1
    say(f"reader: no clipping {n} (there are {len(store)}; see `reader clip list`)")
    return None


def cmd_remove(args: argparse.Namespace) -> int:
    store = _store(load_corpus(args))
    i = _numbered(store, args.number)
    if i is None:
        return 1
    item = store.remove(i)
    if not say_store_notices(store):
        return 1
    print(f"Removed ({len(store)} left):")
    print(_line(args.number, item))
    return 0


def cmd_move(args: argparse.Namespace) -> int:
    store = _store(load_corpus(args))
    i = _numbered(store, args.number)
    if i is None:
        return 1
    to = store.move(i, -1 if args.direction == "up" else 1)
    if not say_store_notices(store):
        return 1
    print(_line(to + 1, store[to]))
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    store = _store(load_corpus(args))
    i = _numbered(store, args.number)
    if i is None:
        return 1
    item = store.set_note(i, args.text)
    say_store_notices(store)
    print("Note set:" if item.note else "Note cleared:")
    print(_line(args.number, item))
    return 0


def register(sub, add) -> None:
    sp = sub.add_parser(
        "clip",
        help="add, list, remove or reorder this corpus's clippings",
        description="The clippings collection of a corpus (the app's y and Y).",
    )
    csub = sp.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, fn, help: str) -> argparse.ArgumentParser:
        a = csub.add_parser(name, help=help, description=help)
        a.set_defaults(func=fn)
        return a

    a = action("add", cmd_add, "clip a quote (by id) or an article span (by source offsets)")
    a.add_argument("--quote", metavar="QUOTE_ID", help="a quote id from `reader quotes --json`")
    a.add_argument("--article", metavar="ID", help="an article id from `reader articles --json`")
    a.add_argument("--start", type=int, metavar="N", help="start offset in the article's source file")
    a.add_argument("--end", type=int, metavar="N", help="end offset (exclusive)")
    a.add_argument("--note", help="a note kept with the clipping")
    a.add_argument("--json", action="store_true", help="print the clipping as JSON")
    a.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds)")
    a = action("list", cmd_list, "list the clippings in their order, numbered from 1")
    a.add_argument("--json", action="store_true", help="print JSON (exact text and offsets)")
    a.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds)")
    a = action("remove", cmd_remove, "remove clipping N (as numbered by `reader clip list`)")
    a.add_argument("number", type=int, metavar="N")
    a.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds)")
    a = action("move", cmd_move, "move clipping N one place up or down")
    a.add_argument("number", type=int, metavar="N")
    a.add_argument("direction", choices=("up", "down"))
    a.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds)")
    a = action("note", cmd_note, "set the note of clipping N ('' clears it)")
    a.add_argument("number", type=int, metavar="N")
    a.add_argument("text", metavar="TEXT")
    a.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds)")
