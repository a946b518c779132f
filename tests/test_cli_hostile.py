"""The CLI over the hostile corpus: human output shows control characters as symbols, JSON is exact.

Every subcommand whose only positional is PATH runs with and without --json (so commands added
later are covered); the others run with the arguments listed in EXPLICIT. `cite` and `export`
print documents: exact when piped (for files and other programs), made safe on a terminal,
which the PTY runs check. Nothing may print a traceback.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import tty
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hostile import ALL_PAYLOADS, OSC_TITLE, PAYLOADS, write_hostile_corpus

from reader.model.outputs.display import DISPLAY_TABLE, display_line

ROOT = Path(__file__).resolve().parent.parent
CONTROLS = {chr(c) for c in DISPLAY_TABLE}  # what a terminal could act on (newline excepted)
C1_TEXT = "Wire copy \x9b2J with a C1 CSI, DEL \x7f and an override \u202eevil\u202c"
DOCUMENTS = {"cite", "export"}  # exact when piped, safe on a terminal


def is_document(argv) -> bool:
    """A document (cite, export, any CSV): exact when piped, safe on a terminal."""
    return argv[0] in DOCUMENTS or "csv" in argv


def raw_controls(text: str) -> set[str]:
    return CONTROLS & set(text)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    """Own user dirs for the module's runs (they share one analysis cache)."""
    home = tmp_path_factory.mktemp("cli-home")
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        (home / name.lower()).mkdir()
        env[name] = str(home / name.lower())
    env["HOME"] = str(home)
    env.pop("READER_DEBUG", None)
    return env


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    root = write_hostile_corpus(tmp_path_factory.mktemp("cli") / "hostile")
    (root / "c1.txt").write_text(
        f'{C1_TEXT}\n\n"Quoted {C1_TEXT}," said Anna {OSC_TITLE} Kowalski.\n', encoding="utf-8"
    )
    (root / f"refused {OSC_TITLE}.txt").write_bytes(bytes(range(256)) * 8)  # binary: a notice naming it
    (root / f"skipped {OSC_TITLE}.pdf").write_bytes(b"%PDF")
    return root


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=300,
    )


def run_in_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run with stdout on a pseudo-terminal (raw mode: no newline translation); its output."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        stdout=slave,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        cwd=ROOT,
        env=env,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=300), b"".join(chunks).decode("utf-8")


def subcommands():
    """(argv prefix, parser) for every subcommand and nested subcommand."""
    from reader.cli import build_parser

    def walk(prefix, parser):
        if parser._subparsers is None:
            yield prefix, parser
            return
        for action in parser._subparsers._group_actions:
            for name, sp in action.choices.items():
                yield from walk([*prefix, name], sp)

    yield from walk([], build_parser())


def invocations(corpus: Path, quote_id: str) -> list[list[str]]:
    h = str(corpus)
    explicit = {
        "mentions": [
            ["mentions", "Kowalski", h],
            ["mentions", "Kowalski", h, "--json"],
            ["mentions", "Kowalski", h, "--context"],
            ["mentions", "Kowalski", h, "--context", "--json"],
            ["mentions", "Kowalski", h, "--format", "csv"],
        ],
        "cite": [
            ["cite", quote_id, h, "--style", s]
            for s in ("plain", "markdown", "apa", "chicago", "csl-json", "ris", "biblatex")
        ],
        "verify": [["verify", f"back down {ALL_PAYLOADS}", h], ["verify", "PWNED back down", h, "--json"]],
        "clip note": [["clip", "note", "1", ALL_PAYLOADS, h]],
        "find": [
            ["find", q, h, *j]
            for q in ("Kowalski", "@Kowalski", '"back down', "#budget", "PWNED")
            for j in ((), ("--json",))
        ],
        "cache": [["cache", "info"], ["cache", "info", "--json"]],
        "export": [["export", "entities", h], ["export", "quotes", h]],
        "clip add": [["clip", "add", "--quote", quote_id, "--note", ALL_PAYLOADS, h]],
        "correct rename": [["correct", "rename", "Kowalski", f"Anna {ALL_PAYLOADS}", h]],
        "grep": [["grep", "PWNED", h], ["grep", "PWNED", h, "--json"]],
    }
    out = [["index", h]]  # fills the cache first; the rest read it
    out += explicit.pop("clip add") + explicit.pop("correct rename")  # state the listings then show
    for prefix, parser in subcommands():
        name = " ".join(prefix)
        if name in explicit:
            out += explicit[name]
            continue
        positionals = [a.dest for a in parser._actions if not a.option_strings]
        if positionals == ["paths"] and name not in ("index", "clip add"):
            out.append([*prefix, h])
            if any("--json" in a.option_strings for a in parser._actions):
                out.append([*prefix, h, "--json"])
    return out


SEQUENTIAL = 3  # index, clip add, correct rename: run in order before the rest


@pytest.fixture(scope="module")
def results(corpus_dir, env):
    """Every invocation, piped: {argv: CompletedProcess}; cite/export also on a terminal."""
    quotes = json.loads(run(["quotes", str(corpus_dir), "--json"], env).stdout)
    qid = next(q["id"] for q in quotes if OSC_TITLE in q["text"])
    argvs = invocations(corpus_dir, qid)
    done = {tuple(a): run(a, env) for a in argvs[:SEQUENTIAL]}
    with ThreadPoolExecutor(2) as pool:
        for argv, res in zip(argvs[SEQUENTIAL:], pool.map(lambda a: run(a, env), argvs[SEQUENTIAL:])):
            done[tuple(argv)] = res
    terminal = {tuple(a): run_in_terminal(a, env) for a in argvs if is_document(a)}
    return {"piped": done, "terminal": terminal, "quote": next(q for q in quotes if q["id"] == qid)}


def test_every_command_ran_without_a_traceback(results):
    names = {argv[0] for argv in results["piped"]}
    assert {"articles", "entities", "mentions", "quotes", "cite", "find", "index", "cache", "export"} <= names
    assert {"verify", "duplicates"} <= names
    for argv, res in results["piped"].items():
        assert "Traceback" not in res.stderr + res.stdout, (argv, res.stderr)
        assert res.returncode in (0, 1), (argv, res.returncode, res.stderr)


def test_human_output_and_messages_show_controls_as_symbols(results):
    for argv, res in results["piped"].items():
        assert not raw_controls(res.stderr), (argv, res.stderr)
        if "--json" in argv or is_document(argv):
            continue
        assert not raw_controls(res.stdout.replace("\n", "")), (argv, res.stdout)
    piped = results["piped"]
    articles = next(r for a, r in piped.items() if a[0] == "articles" and "--json" not in a).stdout
    quotes = next(r for a, r in piped.items() if a[0] == "quotes" and "--json" not in a).stdout
    for shown in map(display_line, PAYLOADS):
        assert shown in articles and shown in quotes, shown
    assert display_line(C1_TEXT) in quotes  # C1 and DEL as symbols, bidi override neutral
    entities = next(r for a, r in piped.items() if a[0] == "entities" and "--json" not in a).stdout
    assert display_line(f"Anna {ALL_PAYLOADS}") in entities  # the hostile rename (`correct rename`)
    notices = next(r for a, r in piped.items() if a[0] == "articles").stderr
    assert f"refused {display_line(OSC_TITLE)}.txt" in notices and f"skipped {display_line(OSC_TITLE)}.pdf" in notices


def _spans(obj, texts: dict[str, str], corpus: Path, path: str | None = None):
    """(source slice, text) for every span in a JSON record: `text[start:end] == text` must hold."""
    if isinstance(obj, dict):
        path = obj.get("path") or (str(corpus / obj["doc"]) if isinstance(obj.get("doc"), str) else path)
        if path and isinstance(obj.get("start"), int) and isinstance(obj.get("text"), str):
            yield texts[path][obj["start"] : obj["end"]], obj["text"]
        if path and isinstance(obj.get("title_span"), list):
            s, e = obj["title_span"]
            yield texts[path][s:e], obj["title"]
        for v in obj.values():
            yield from _spans(v, texts, corpus, path)
    elif isinstance(obj, list):
        for v in obj:
            yield from _spans(v, texts, corpus, path)


def test_json_is_exact_and_inert(results, corpus_dir):
    texts = {
        str(p): p.read_text(encoding="utf-8")
        for p in corpus_dir.iterdir()
        if not p.name.startswith(("refused", "skipped"))
    }
    checked = 0
    for argv, res in results["piped"].items():
        if "--json" not in argv and argv[0] != "export":
            continue
        if "--json" in argv:
            assert not raw_controls(res.stdout.replace("\n", "")), (argv, res.stdout)
        docs = (
            [json.loads(line) for line in res.stdout.splitlines()] if argv[0] == "export" else [json.loads(res.stdout)]
        )
        for source, text in _spans(docs, texts, corpus_dir):
            assert source == text, (argv, source, text)
            checked += 1
    assert checked > 50
    piped = results["piped"]
    quotes = json.loads(next(r for a, r in piped.items() if a[0] == "quotes" and "--json" in a).stdout)
    assert any(OSC_TITLE in q["text"] for q in quotes) and any(C1_TEXT in q["text"] for q in quotes)


def test_documents_exact_when_piped_safe_on_a_terminal(results):
    q = results["quote"]
    plain = next(r for a, r in results["piped"].items() if a[0] == "cite" and a[-1] == "plain")
    assert ALL_PAYLOADS in q["text"] and ALL_PAYLOADS in plain.stdout  # exact for a pipe or a file
    for argv, (status, out) in results["terminal"].items():
        assert status in (0, 1), argv
        assert out.strip(), argv
        assert not raw_controls(out.replace("\n", "")), (argv, sorted(raw_controls(out)))
    on_terminal = next(out for a, (_, out) in results["terminal"].items() if a[0] == "cite" and a[-1] == "plain")
    assert display_line(ALL_PAYLOADS) in on_terminal


def test_index_progress_bar_shows_file_names_safely():
    from reader.commands.cache_cmd import _Progress

    class Bar:  # stands in for tqdm's bar on a terminal
        n = 0

        def set_postfix_str(self, text, refresh=True):
            self.text = text

        def update(self, k):
            self.n += k

    progress = _Progress()
    progress.bar = Bar()
    progress(1, 2, f"/news/{OSC_TITLE}.txt")
    assert "PWNED" in progress.bar.text and not raw_controls(progress.bar.text)
