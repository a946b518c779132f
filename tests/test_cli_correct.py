"""`reader correct ...` from fresh processes: corrections persist and every command reflects them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("warm_seeds_cache")  # what is tested is not the analysis
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess:
    # the XDG dirs conftest set are inherited: state and the analysis cache are shared by the calls
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def entity_list() -> list[dict]:
    out = run("entities", "seeds", "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def entities() -> dict[str, dict]:
    return {e["name"]: e for e in entity_list()}


def ok(*args: str) -> str:
    out = run("correct", *args)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    return out.stdout


def refused(*args: str) -> str:
    out = run("correct", *args)
    assert out.returncode == 1 and out.stdout == "", (out.stdout, out.stderr)
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
    return out.stderr


def test_correct_from_the_command_line():
    before = entities()
    assert {"South Caucasus", "Caucasus", "Martuni", "Elysee"} <= set(before)
    assert ok("merge", "South Caucasus", "Caucasus", "seeds").startswith(
        "#1 merge 'Caucasus' (PLACE) into 'South Caucasus' (PLACE)"
    )
    ok("split", "Martuni", "khojavend", "seeds")  # an alias, case ignored
    ok("kind", before["Elysee"]["id"], "org")  # an id; default PATH: the seeds
    ok("rename", "Kremlin", "The Kremlin")
    ok("reject", "Child Healthcare Center")  # a canonical name: the whole entity
    ok("reject", "RUSSIA")  # an alias only (exact case before ignoring it)

    after = entities()
    south = after["South Caucasus"]
    assert "Caucasus" not in after and "Caucasus" in south["aliases"]
    assert len(south["mentions"]) == len(before["South Caucasus"]["mentions"]) + len(before["Caucasus"]["mentions"])
    assert any(
        ev["rule"] == "user" and ev["detail"].startswith("'Caucasus' merged in by you on ") for ev in south["evidence"]
    )
    assert "Khojavend" not in after["Martuni"]["aliases"]
    assert [e["kind"] for e in entity_list() if e["name"] == "Khojavend"] == ["PLACE"]
    assert after["Elysee"]["kind"] == "ORG"
    assert "The Kremlin" in after and "Kremlin" not in after
    assert "Child Healthcare Center" not in after
    assert "RUSSIA" not in after["Russia"]["aliases"] and "Russia" in after

    # mentions and the scorers' export see the same corrected entities
    m = run("mentions", "The Kremlin", "seeds", "--json")
    assert m.returncode == 0 and json.loads(m.stdout)["name"] == "The Kremlin"
    export = run("export", "entities", "seeds")
    rows = [json.loads(line) for line in export.stdout.splitlines()]
    spans = [x for r in rows for x in r["entities"]]
    assert not any(x["text"] == "Child Healthcare Center" for x in spans)
    assert {x["id"] for x in spans if x["text"] == "Caucasus"} == {south["id"]}

    listed = json.loads(ok("list", "--json"))
    assert [c["id"] for c in listed] == [1, 2, 3, 4, 5, 6] and all(c["stale"] is None for c in listed)
    assert listed[0]["op"] == "merge" and listed[0]["other"]["forms"] == ["Caucasus"]
    assert "#4" in ok("list") and "rename 'Kremlin' (ORG) to 'The Kremlin'" in ok("list")

    assert ok("undo", "4").startswith("undid #4 rename")
    assert ok("undo", "seeds").startswith("undid #6")  # not an id: a PATH
    again = entities()
    assert "Kremlin" in again and "The Kremlin" not in again and "RUSSIA" in again["Russia"]["aliases"]
    assert "Caucasus" not in again  # the others stay


def test_clear_one_line_errors():
    assert "no entity matches 'Qwxzv Plonk'" in refused("merge", "Baku", "Qwxzv Plonk")
    assert "cannot be merged with itself" in refused("merge", "Baku", "place:baku")
    assert "is not a name of 'Baku'" in refused("split", "Baku", "Moscow")
    assert "nothing to split" in refused("split", "Moscow", "Moscow")
    assert "no entity or alias is 'Qwxzv'" in refused("reject", "Qwxzv")
    assert "there are no corrections to undo" in refused("undo")
    assert "there is no correction #9" in refused("undo", "9")
    # two entities of one name: ambiguous, ids tell them apart
    ok("split", "Martuni", "Khojavend")
    ok("rename", "place:khojavend", "Martuni")
    err = refused("reject", "Martuni")
    assert "'Martuni' is ambiguous: " in err and "place:martuni" in err and "place:khojavend" in err
    assert ok("reject", "place:khojavend").startswith("#3 'Martuni' (PLACE) is not an entity")
    bad = run("correct", "kind", "Baku", "MOON")
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_garbage_legacy_corrections_file_is_set_aside_and_commands_work():
    from reader.model.corpus.corrections import corrections_path
    from reader.model.store.reading_state import corpus_key

    path = corrections_path(corpus_key([str(ROOT / "seeds")]))  # as versions before the database kept it
    state = path.parent
    state.mkdir(parents=True)
    path.write_bytes(b"\x00garbage{")
    out = run("entities", "seeds", "--json")
    assert out.returncode == 0 and "Traceback" not in out.stderr
    lines = [line for line in out.stderr.splitlines() if "entity corrections" in line]
    assert len(lines) == 1 and "unreadable" in lines[0] and ".corrupt-" in lines[0]
    assert "Caucasus" in {e["name"] for e in json.loads(out.stdout)}
    assert any(p.name.startswith(path.name + ".corrupt-") for p in state.iterdir())
    assert ok("merge", "South Caucasus", "Caucasus").startswith("#1 ")
