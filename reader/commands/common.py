"""What every subcommand shares: where the seeds are, loading and analysing the corpus the
arguments name, messages on stderr and JSON on stdout. The commands and `reader.cli` import
this; it imports neither."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path


def seeds_dir() -> Path:
    """The bundled seed articles: inside the installed package, or beside it in a checkout."""
    here = Path(__file__).resolve().parent.parent  # the reader package
    for cand in (here / "seeds", here.parent / "seeds"):
        if cand.is_dir():
            return cand
    return here / "seeds"


def corpus_paths(args: argparse.Namespace) -> list[str]:
    return list(args.paths) if args.paths else [str(seeds_dir())]


def map_option(spec: str):
    """argparse type of `--map text=maintext,title=headline`: formats.ImportOptions."""
    from reader.model.ingest.formats import ImportOptions

    try:
        return ImportOptions.parse_map(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


MAP_HELP = (
    "for JSON/JSONL/CSV scrapes of other shapes: which fields hold the text and metadata, "
    "e.g. text=maintext,title=headline,date=date_publish (fields: text, title, date, url, author, publisher, byline, id)"
)


def add_map_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--map", dest="field_map", type=map_option, default=None, metavar="FIELD=NAME,...", help=MAP_HELP
    )


def say(msg: str) -> None:
    """A message for the user on stderr, with control characters made visible."""
    from reader.model.outputs.display import terminal_safe

    print(terminal_safe(msg), file=sys.stderr)


def say_store_notices(store) -> bool:
    """Print a user store's notices; False (the command must fail) when the change was not saved."""
    for n in store.notices:
        say(f"reader: {n}")
    store.notices.clear()
    if not store.persistent:
        say("reader: the change was not saved")
        return False
    return True


def load_corpus(args: argparse.Namespace):
    from reader.model.corpus.corpus import Corpus

    paths = corpus_paths(args)
    corpus = Corpus.load(paths, options=getattr(args, "field_map", None))
    for n in corpus.notices:
        say(f"reader: {n}")
    if not corpus.articles:
        where = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        say(f"reader: no articles in {where} (no file there could be read as an article)")
    return corpus


def emit_json(data) -> None:
    """Exact JSON; escaped so that no string in it can act on a terminal (display.json_safe); a
    file name that is not UTF-8 readable plus its bytes in `<key>_bytes_b64` (display.json_text)."""
    from reader.model.outputs.display import json_safe, json_text

    sys.stdout.write(json_safe(json_text(data, indent=1 if sys.stdout.isatty() else None)))
    sys.stdout.write("\n")


def analysed_corpus(args: argparse.Namespace):
    corpus = load_corpus(args)
    if corpus.articles:
        tty = sys.stderr.isatty()

        def progress(done: int, total: int, label: str) -> None:
            if tty:
                print(f"\ranalysing {done}/{total}", end="" if done < total else "\n", file=sys.stderr)

        before = len(corpus.notices)
        corpus.analyse(progress=progress)
        for i in range(len(corpus.files)):  # decode every cached result now: a damaged one is said here
            corpus.analyses.get(i)
        for n in corpus.notices[before:]:  # cache notices found while analysing
            say(f"reader: {n}")
    return corpus


_BREAK = re.compile(r"[^\S\n]*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029][\s]*")


def one_line(text: str) -> str:
    """Text on one line for human output: line breaks (a hard-wrapped source's) and the
    whitespace around them folded to one space, control characters made visible."""
    from reader.model.outputs.display import terminal_safe

    return terminal_safe(_BREAK.sub(" ", text))


def article_heading(article, with_id: bool = False) -> str:
    """An article as a person knows it: its title, then publisher, date and file (and which
    story of a digest file); `with_id` adds the id other commands take (`reader text ID`)."""
    from pathlib import Path

    where = Path(article.path).name
    if article.story_index is not None:
        where += f", story {article.story_index + 1}"
    ident = f"id {article.id}" if with_id else None
    meta = " · ".join(x for x in (article.publisher, article.date, where, ident) if x)
    return one_line(f"{article.title}  ({meta})")
