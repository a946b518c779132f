"""`reader clip` and `reader export` from fresh processes: what one adds, the next one exports."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.model.store.clippings import clippings_path
from reader.model.store.reading_state import corpus_key

pytestmark = pytest.mark.usefixtures("warm_seeds_cache")  # what is tested is not the analysis
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run(*args: str) -> subprocess.CompletedProcess:
    # the test's XDG dirs are in the environment, so every process shares one collection and cache
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def ok(*args: str) -> str:
    out = run(*args)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    return out.stdout


def test_clip_add_list_move_remove_and_export(tmp_path):
    quotes = json.loads(ok("quotes", str(SEEDS), "--json"))
    q = next(x for x in quotes if x["speaker"] and len(x["text"]) > 20)
    arts = {a["id"]: a for a in json.loads(ok("articles", str(SEEDS), "--json"))}
    art = arts[q["article"]]
    source = Path(art["path"]).read_text(encoding="utf-8")
    start, end = art["start"] + 10, art["start"] + 60  # a selection: exact source offsets

    added = json.loads(ok("clip", "add", "--quote", q["id"], str(SEEDS), "--json"))
    assert added["added"] and added["count"] == 1 and added["clipping"]["kind"] == "quote"
    assert "Already clipped (1 in collection)" in ok("clip", "add", "--quote", q["id"], str(SEEDS))
    assert "Clipped (2 in collection)" in ok(
        "clip", "add", "--article", art["id"], "--start", str(start), "--end", str(end), "--note", "look", str(SEEDS)
    )

    listed = json.loads(ok("clip", "list", str(SEEDS), "--json"))
    assert [(c["kind"], c["start"], c["end"]) for c in listed] == [
        ("quote", q["start"], q["end"]),
        ("selection", start, end),
    ]
    assert listed[0]["text"] == q["text"] and listed[1]["text"] == source[start:end]
    assert listed[0]["citation"] + "\n" == ok("cite", q["id"], str(SEEDS))  # as `reader cite` and `c` cite it

    ok("clip", "move", "2", "up", str(SEEDS))
    out = tmp_path / "clips.csv"
    ok("export", "clippings", str(SEEDS), "--format", "csv", "-o", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert [r["kind"] for r in rows] == ["selection", "quote"]
    assert rows[0]["text"] == source[start:end] and (rows[0]["start"], rows[0]["end"]) == (str(start), str(end))
    assert rows[0]["article"] == art["id"] and rows[0]["title"] == art["title"] and rows[0]["note"] == "look"
    assert rows[1]["text"] == q["text"] and rows[1]["speaker_or_entity"]
    assert rows[1]["citation"].startswith("\u201c")

    md = ok("export", "clippings", str(SEEDS))  # Markdown is the default
    assert md.startswith("# Clippings: seeds\n") and "## 1. Selection" in md and "## 2. Quote" in md
    assert md.index("## 1. Selection") < md.index("## 2. Quote")
    assert f"\u2014 {rows[1]['speaker_or_entity']}, *" in md or f"\u2014 {rows[1]['speaker_or_entity']}, [" in md
    assert " ".join(q["text"].split()[:3]) in md

    data = json.loads(ok("export", "clippings", str(SEEDS), "--format", "json"))
    assert [d["kind"] for d in data] == ["selection", "quote"]
    assert all(Path(d["path"]).read_text(encoding="utf-8")[d["start"] : d["end"]] == d["text"] for d in data)

    # a note edited after the fact, then the reference-manager forms carry it with the words and their speaker
    assert "Note set:" in ok("clip", "note", "1", "check the date", str(SEEDS))
    assert json.loads(ok("clip", "list", str(SEEDS), "--json"))[0]["note"] == "check the date"
    csl = json.loads(ok("export", "clippings", str(SEEDS), "--format", "csl-json"))
    assert [c["type"] for c in csl] == ["article-newspaper"] * 2 and csl[0]["title"] == art["title"]
    assert "Note: check the date" in csl[0]["note"] and rows[1]["speaker_or_entity"] in csl[1]["note"]
    ris = ok("export", "clippings", str(SEEDS), "--format", "ris")
    assert ris.count("TY  - NEWS") == 2 and ris.count("ER  - ") == 2
    bib = ok("export", "clippings", str(SEEDS), "--format", "biblatex")
    assert bib.count("@article{") == 2 and bib.count("entrysubtype = {newspaper}") == 2
    quote_csl = json.loads(ok("cite", q["id"], str(SEEDS), "--style", "csl-json"))
    assert quote_csl[0]["type"] == "article-newspaper" and " ".join(q["text"].split()[:3]) in quote_csl[0]["note"]
    assert "Note cleared:" in ok("clip", "note", "1", "", str(SEEDS))

    assert "Removed (1 left)" in ok("clip", "remove", "1", str(SEEDS))
    assert [d["kind"] for d in json.loads(ok("clip", "list", str(SEEDS), "--json"))] == ["quote"]
    bad = run("clip", "remove", "7", str(SEEDS))
    assert bad.returncode == 1 and "no clipping 7" in bad.stderr and "Traceback" not in bad.stderr


def test_clip_errors_are_one_line():
    for args, needle in [
        (("clip", "add", str(SEEDS)), "needs --quote"),
        (("clip", "add", "--quote", "qnope", str(SEEDS)), "no quote with id"),
        (("clip", "add", "--article", "nope", "--start", "1", "--end", "4", str(SEEDS)), "no article with id"),
        (("export", "entities", str(SEEDS), "--format", "markdown"), "not offered"),
    ]:
        out = run(*args)
        assert out.returncode in (1, 2) and needle in out.stderr and "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr


def test_garbage_clippings_file_from_the_cli():
    path = clippings_path(corpus_key([str(SEEDS)]))
    path.parent.mkdir(parents=True)
    path.write_text("{ this is not json", encoding="utf-8")
    out = run("clip", "list", str(SEEDS))
    assert out.returncode == 0 and "unreadable" in out.stderr and "Traceback" not in out.stderr
    assert any(p.name.startswith(path.name + ".corrupt-") for p in path.parent.iterdir())
    arts = json.loads(ok("articles", str(SEEDS), "--json"))
    ok(
        "clip",
        "add",
        "--article",
        arts[0]["id"],
        "--start",
        str(arts[0]["start"]),
        "--end",
        str(arts[0]["start"] + 5),
        str(SEEDS),
    )
    assert len(json.loads(ok("clip", "list", str(SEEDS), "--json"))) == 1


def test_export_entities_and_quotes_csv_and_default_unchanged():
    lines = ok("export", "entities", str(SEEDS)).splitlines()
    assert all(set(json.loads(line)) == {"doc", "entities"} for line in lines) and len(lines) == 5
    rows = list(csv.DictReader(io.StringIO(ok("export", "entities", str(SEEDS), "--format", "csv"), newline="")))
    ents = json.loads(ok("entities", str(SEEDS), "--json"))
    assert list(rows[0]) == ["name", "kind", "aliases", "mentions", "articles"]
    assert len(rows) == len(ents)
    top = ents[0]
    assert rows[0]["name"] == top["name"] and int(rows[0]["mentions"]) == len(top["mentions"])
    assert int(rows[0]["articles"]) == len({m["article"] for m in top["mentions"] if m["article"]})
    assert set(filter(None, rows[0]["aliases"].split("; "))) == set(top["aliases"]) - {top["name"]}
    qrows = list(csv.DictReader(io.StringIO(ok("export", "quotes", str(SEEDS), "--format", "csv"), newline="")))
    quotes = json.loads(ok("quotes", str(SEEDS), "--json"))
    assert [r["id"] for r in qrows] == [x["id"] for x in quotes]
    assert [r["text"] for r in qrows] == [x["text"] for x in quotes]
