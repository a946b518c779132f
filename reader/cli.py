"""The command line: `reader [PATH ...]` opens the app; subcommands print what it knows as JSON.

This module talks to the corpus model only; the Textual app is imported just to run it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from reader import __version__
from reader.commands.common import add_map_option, say, seeds_dir


class Parser(argparse.ArgumentParser):
    """Options may come before, between and after paths (`reader grep X DIR --json`).

    argparse stops collecting a `nargs="*"` positional at the first option, so `PATH --json
    PATH` was an error; a parser without subcommands parses intermixed instead (argparse's own
    `parse_known_intermixed_args`, which calls back here: `_inside` tells the two apart)."""

    _inside = False

    def parse_known_args(self, args=None, namespace=None):
        if self._inside or self._subparsers is not None:
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False

    def error(self, message: str):
        # intermixed parsing lists optional positionals (PATH ...) among the missing ones: not so
        prefix = "the following arguments are required: "
        if message.startswith(prefix):
            optional = {a.metavar or a.dest for a in self._actions if not a.option_strings and a.nargs in ("*", "?")}
            names = [n for n in message[len(prefix) :].split(", ") if n not in optional]
            message = prefix + ", ".join(names)
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="reader",
        description="Read news articles closely. With no command, opens the app on PATHs "
        "(files or folders; default: the bundled seed articles).",
    )
    p.add_argument("--version", action="store_true", help="print version and NLP model, then exit")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def add(name: str, fn, help: str, json_flag: bool = True) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help, description=help)
        sp.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: the seeds)")
        if json_flag:
            sp.add_argument("--json", action="store_true", help="print JSON")
        sp.set_defaults(func=fn)
        return sp

    for register in _registrars():
        register(sub, add)
    _add_map_options(p)
    return p


def _add_map_options(parser: argparse.ArgumentParser) -> None:
    """`--map` on every command that loads a corpus (those with PATH arguments), nested ones too."""
    for action in parser._actions:  # argparse keeps subcommands and arguments here
        if isinstance(action, argparse._SubParsersAction):
            for sp in dict.fromkeys(action.choices.values()):
                _add_map_options(sp)
        elif action.dest == "paths" and not any(a.dest == "field_map" for a in parser._actions):
            add_map_option(parser)


def _registrars():
    from reader import commands

    return commands.registrars()


def app_parser() -> argparse.ArgumentParser:
    p = Parser(prog="reader", add_help=False)
    p.add_argument("paths", nargs="*")
    add_map_option(p)
    return p


FIRST_FILES = 200  # read before the first paint; the app reads the rest in the background


def open_corpus(paths: Sequence[str], options=None):
    """The corpus the app opens: its first files read (at least one article, if any exists)."""
    from reader.model.corpus.corpus import Corpus

    corpus = Corpus.load(paths or [str(seeds_dir())], first=FIRST_FILES, options=options)
    while not corpus.articles and corpus.loading:
        corpus.load_more(FIRST_FILES)
    return corpus


def run_app(paths: Sequence[str], options=None) -> int:
    from reader.model.gcpause import until_first_paint

    with until_first_paint() as until_painted:  # the app ends it after its first frame
        corpus = open_corpus(paths, options)
        if not corpus.articles:
            for n in corpus.notices:
                say(f"reader: {n}")
            say("reader: no readable articles found")
            return 1
        from reader.signals import stop_message
        from reader.ui.app import ReaderApp

        app = ReaderApp(corpus, until_painted=until_painted)
        app.exit_on_signals = True  # SIGTERM/SIGHUP/SIGINT quit like `q` (reader/ui/stop_signals.py)
        app.run()
    for n in app.memory.unsaid_notices():  # e.g. the state could not be saved on the way out
        say(f"reader: {n}")
    if app.signals.stopped_by is not None:
        msg, status = stop_message(app.signals.stopped_by)
        say(f"reader: {msg}")
        return status
    if app.return_code:  # the app ended on an error (Textual printed it): say so in the status too
        say("reader: the app stopped after an error")
        return app.return_code
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from reader.signals import stop_signals_raise

    with stop_signals_raise():  # SIGTERM/SIGHUP end a command like Ctrl-C: cleanup runs, one line
        return _main(argv)


def _main(argv: list[str]) -> int:
    from reader.signals import signal_of, stop_message

    try:
        if argv and (argv[0] in ("-h", "--help") or argv[0] in _command_names()):
            args = build_parser().parse_args(argv)
            return args.func(args)
        if argv and argv[0] == "--version":
            from reader.model.analysis.nlp import model_description

            print(f"reader {__version__}\nNLP model: {model_description()}")
            return 0
        opts = app_parser().parse_args(argv)
        return run_app(opts.paths, opts.field_map)
    except KeyboardInterrupt as exc:
        msg, status = stop_message(signal_of(exc))
        say(f"reader: {msg}")
        return status
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # the last line of defence: a clear line, never a traceback
        say(f"reader: error: {type(exc).__name__}: {exc}")
        if os.environ.get("READER_DEBUG"):
            raise
        return 2


def _command_names() -> set[str]:
    parser = build_parser()
    for action in parser._subparsers._group_actions:  # argparse keeps subcommand names here
        return set(action.choices)
    return set()
