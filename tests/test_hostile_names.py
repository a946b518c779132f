"""A corpus of hostile file names through every command (issue 18, item 2; options anywhere, item 7).

File names are bytes on POSIX: `caf\\xe9.txt` from a Latin-1 system is not UTF-8, and Python
carries it as a str with a lone surrogate. Every command must still print valid UTF-8 (JSON that
parses, with the exact bytes in `<key>_bytes_b64`; human output with U+FFFD), whatever the
locale, and exit 0.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

NAMES = [
    b"caf\xe9.txt",  # Latin-1
    b"\xff\xfe bytes.txt",  # not UTF-8 at all
    "naïve — ok.txt".encode(),
    b"line\nbreak.txt",
    b"esc\x1b[31mred.txt",
    b"[bold]markup[x].txt",
    b"-o.txt",
    b"--json.txt",
    b"tab\tand  spaces.txt",
    "bidi\u202eevil.txt".encode(),
]
PEOPLE = ["Anna Berg", "Tomas Lind", "Maria Costa", "Jon Olsen", "Eva Stam"]
ENVS = {
    "C": {"LC_ALL": "C"},
    "strict-utf8": {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"},
}


def article(i: int) -> str:
    who = PEOPLE[i % len(PEOPLE)]
    return (
        f"Council approves plan number {i}\n\n"
        f'The council met on Tuesday in Lyon. "We are ready to begin the work {i}," said {who}, '
        f"the mayor. {who} spoke after the vote.\n"
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-names")
    folder = root / "corpus"
    folder.mkdir()
    for i, name in enumerate(NAMES):
        with open(os.path.join(os.fsencode(folder), name), "wb") as f:
            f.write(article(i).encode())
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        **{k: str(root / "xdg" / k.lower()) for k in ("XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME")},
    }
    env.pop("LANG", None)
    out = subprocess.run(
        [sys.executable, "-m", "reader", "index", str(folder)], capture_output=True, env=env, timeout=600
    )
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    return folder, env


def run(hostile, *args: str, env_name: str = "strict-utf8") -> subprocess.CompletedProcess:
    folder, env = hostile
    files = {"DIR": str(folder), "FILE": str(folder / "naïve — ok.txt")}
    argv = [files.get(a, a) for a in args]
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv], capture_output=True, env={**env, **ENVS[env_name]}, timeout=300
    )


def exact_path(rec: dict, key: str = "path") -> bytes:
    if f"{key}_bytes_b64" in rec:
        return base64.b64decode(rec[f"{key}_bytes_b64"])
    assert "\ufffd" not in rec[key]
    return rec[key].encode()


def check_paths(folder: Path, recs: list[dict]) -> set[bytes]:
    seen = set()
    for r in recs:
        raw = exact_path(r)
        assert os.path.isfile(raw), raw
        assert r["path"] == raw.decode("utf-8", "replace")  # the readable form: U+FFFD per bad byte
        seen.add(os.path.basename(raw))
    return seen


@pytest.mark.parametrize("env_name", sorted(ENVS))
@pytest.mark.parametrize("command", ["articles", "quotes", "grep"])
def test_json_is_valid_utf8_and_carries_exact_names(hostile, env_name, command):
    args = ["grep", "council", "DIR", "--json"] if command == "grep" else [command, "DIR", "--json"]
    out = run(hostile, *args, env_name=env_name)
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    recs = json.loads(out.stdout.decode("utf-8"))  # strict: raises on any invalid byte
    assert check_paths(hostile[0], recs) == set(NAMES)
    assert b"Traceback" not in out.stderr


@pytest.mark.parametrize("env_name", sorted(ENVS))
def test_entities_and_export_rows_carry_exact_names(hostile, env_name):
    out = run(hostile, "entities", "DIR", "--json", env_name=env_name)
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    mentions = [m for e in json.loads(out.stdout.decode("utf-8")) for m in e["mentions"]]
    assert check_paths(hostile[0], mentions) == set(NAMES)
    rows = run(hostile, "export", "entities", "DIR", env_name=env_name)
    assert rows.returncode == 0, rows.stderr.decode(errors="replace")
    docs = [json.loads(line) for line in rows.stdout.decode("utf-8").splitlines()]
    assert {exact_path(d, "doc") for d in docs} == set(NAMES)


@pytest.mark.parametrize("what", ["quotes", "entities"])
def test_csv_export_is_valid_utf8_with_a_replacement_glyph(hostile, what):
    out = run(hostile, "export", what, "DIR", "--format", "csv")
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    rows = list(csv.DictReader(io.StringIO(out.stdout.decode("utf-8"))))
    assert rows
    if what == "quotes":
        assert any(r["path"].endswith("caf\ufffd.txt") for r in rows)


def test_human_output_shows_a_replacement_glyph_and_no_control_bytes(hostile):
    out = run(hostile, "grep", "council", "DIR")
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    text = out.stdout.decode("utf-8")
    assert "\x1b" not in text
    msgs = run(hostile, "articles", "DIR", str(hostile[0] / "missing.txt"))
    err = msgs.stderr.decode("utf-8")
    assert "\x1b" not in err and "Traceback" not in err


def test_output_file_is_replaced_only_when_written(hostile, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "out.csv"
    target.write_text("precious\n")
    out = run(hostile, "export", "quotes", "DIR", "--format", "csv", "-o", str(target))
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    assert target.read_text(encoding="utf-8").startswith('"id","article","path"')
    assert not [p for p in tmp_path.iterdir() if p.name != "out.csv"]  # no temp file left


def test_write_output_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    from reader.model.store import jsonfile

    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "out.json"
    target.write_text("precious\n")
    target.chmod(0o640)

    def full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        jsonfile.write_output(target, b"new text")
    assert target.read_text() == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]
    monkeypatch.undo()
    jsonfile.write_output(target, b"new text")
    assert target.read_bytes() == b"new text" and (target.stat().st_mode & 0o777) == 0o640


# -- options before, between and after paths, in every subcommand --------------------------------

OPTION_ORDERS = [
    ("articles", "DIR", "--json"),
    ("articles", "FILE", "--json", "DIR"),
    ("entities", "DIR", "--json", "FILE"),
    ("quotes", "DIR", "--json"),
    ("mentions", "Berg", "DIR", "--json"),
    ("find", "Berg", "DIR", "--json", "--kind", "entity"),
    ("grep", "council", "DIR", "--json", "--case-sensitive"),
    ("grep", "--json", "council", "DIR", "--regex"),
    ("timeline", "DIR", "--json", "--by", "year"),
    ("export", "quotes", "DIR", "--format", "csv"),
    ("export", "--format", "csv", "entities", "DIR"),
    ("clip", "list", "FILE", "--json", "DIR"),
    ("correct", "list", "FILE", "--json", "DIR"),
    ("index", "FILE", "DIR"),
    ("cache", "info", "--json"),
]


@pytest.mark.parametrize("args", OPTION_ORDERS, ids=[" ".join(a) for a in OPTION_ORDERS])
def test_options_may_follow_paths(hostile, args):
    out = run(hostile, *args)
    assert out.returncode == 0, out.stderr.decode(errors="replace")
    assert b"unrecognized arguments" not in out.stderr
    if "--json" in args:
        json.loads(out.stdout.decode("utf-8"))
    elif "csv" in args:
        assert out.stdout.startswith((b'"id",', b'"name",'))


def test_cite_and_clip_take_options_after_paths(hostile):
    quotes = json.loads(run(hostile, "quotes", "DIR", "--json").stdout)
    q = quotes[0]["id"]
    cited = run(hostile, "cite", q, "DIR", "--style", "apa")
    assert cited.returncode == 0, cited.stderr.decode(errors="replace")
    added = run(hostile, "clip", "add", "DIR", "--quote", q, "--json")
    assert added.returncode == 0, added.stderr.decode(errors="replace")
    rec = json.loads(added.stdout.decode("utf-8"))
    assert rec["added"] and rec["clipping"]["text"] == quotes[0]["text"]
    listed = json.loads(run(hostile, "clip", "list", "DIR", "--json").stdout.decode("utf-8"))
    assert [c["text"] for c in listed] == [quotes[0]["text"]]
    assert os.path.isfile(exact_path(listed[0]))
    for fmt in ("markdown", "csv", "json"):
        out = run(hostile, "export", "clippings", "DIR", "--format", fmt)
        assert out.returncode == 0, out.stderr.decode(errors="replace")
        out.stdout.decode("utf-8")


# -- the app: y and c on an article whose file name is not UTF-8 ----------------------------------


async def test_clip_and_copy_in_the_app_with_a_latin1_file_name(tmp_path, monkeypatch):
    import pyperclip

    from reader.model.corpus.corpus import Corpus
    from reader.model.store.clippings import Clippings
    from reader.ui.app import ReaderApp
    from reader.ui.screens.citation import CitationScreen

    folder = tmp_path / "latin1"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as f:
        f.write(article(0).encode())
    corpus = Corpus.load([str(folder)])
    corpus.analyse(cache=False)
    assert "\udce9" in corpus.articles[0].path
    monkeypatch.setattr(pyperclip, "determine_clipboard", lambda: pyperclip.init_no_clipboard())
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(".", "y")
        await pilot.pause()
        clips = Clippings.of(corpus)
        assert [c.kind for c in clips] == ["quote"] and clips[0].path == corpus.articles[0].path
        await pilot.press("c")  # no system clipboard: the dialog, and OSC 52 with valid text
        for _ in range(50):
            await pilot.pause(0.1)
            if isinstance(app.screen, CitationScreen):
                break
        assert isinstance(app.screen, CitationScreen)
        assert "We are ready" in app.clipboard
        await pilot.press("escape", "q")
    listed = run((folder, {**os.environ, "PYTHONPATH": str(ROOT)}), "clip", "list", "DIR", "--json")
    rec = json.loads(listed.stdout.decode("utf-8"))[0]
    assert os.path.isfile(exact_path(rec))
