"""No lost updates (issue 18, item 3): many processes write the user's state at once; nothing is lost.

Six `reader clip add` at once kept 3-5 of 6 when each rewrote a JSON file; `reader correct` in a
shell was undone by the app's next correction. Every writer here races the others for real
(separate processes), and one more writes from this process meanwhile, as the app does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("warm_seeds_cache")  # what is tested is not the analysis
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env(), timeout=300
    )


def start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "reader", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env()
    )


@pytest.fixture
def quotes() -> list[dict]:
    out = run("quotes", str(SEEDS), "--json")  # analyses and fills this test's cache
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_parallel_clip_adds_corrections_and_bookmarks_lose_nothing(quotes):
    from reader.model.store.reading_state import StateStore, corpus_key
    from reader.model.store.user_store import UserStore

    picked = quotes[:6]
    entities = json.loads(run("entities", str(SEEDS), "--json").stdout)
    people = [e for e in entities if e["kind"] == "PERSON"][:3]
    procs = [start("clip", "add", "--quote", q["id"], str(SEEDS), "--json") for q in picked]
    procs += [start("correct", "rename", e["id"], f"Renamed {n}", str(SEEDS)) for n, e in enumerate(people)]

    # meanwhile this process writes too, as an open app does: bookmarks, one save each
    key = corpus_key([str(SEEDS)])
    errors: list[BaseException] = []

    def app_like() -> None:
        try:
            state = StateStore()
            state.store = UserStore(state.path)  # its own connection, like another process
            st = state.load(key)
            for i in range(30):
                st.add_bookmark("app-article", i, f"app {i}")
                state.save(key, st)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    writer = threading.Thread(target=app_like)
    writer.start()
    results = [(p.args, *p.communicate(timeout=300), p.returncode) for p in procs]
    writer.join(timeout=120)
    assert not errors
    for args, _out, err, code in results:
        assert code == 0, (args, err)
        assert "Traceback" not in err

    listed = json.loads(run("clip", "list", str(SEEDS), "--json").stdout)
    assert sorted(c["text"] for c in listed) == sorted(q["text"] for q in picked)
    corrections = json.loads(run("correct", "list", str(SEEDS), "--json").stdout)
    assert sorted(c["id"] for c in corrections) == [1, 2, 3]
    assert sorted(c["value"] for c in corrections) == ["Renamed 0", "Renamed 1", "Renamed 2"]
    marks = StateStore().load(key).bookmarks
    assert sorted(b.offset for b in marks) == list(range(30))


def test_a_correction_from_a_shell_is_not_undone_by_the_next_one_elsewhere(quotes):
    """The app's Corrections object was loaded before `reader correct` ran; its next correction
    must keep the shell's, and reload() says there was one."""
    from reader.model.corpus.corpus import Corpus

    app_corpus = Corpus.load([str(SEEDS)])
    app_corpus.analyse()
    app_corrections = app_corpus.corrections
    assert len(app_corrections) == 0
    people = [e for e in app_corpus.entities if e.kind == "PERSON"]
    shell = run("correct", "rename", people[0].id, "From The Shell", str(SEEDS))
    assert shell.returncode == 0, shell.stderr
    app_corrections.rename(people[1], "From The App")
    assert [c.value for c in app_corrections] == ["From The Shell", "From The App"]
    listed = json.loads(run("correct", "list", str(SEEDS), "--json").stdout)
    assert [c["value"] for c in listed] == ["From The Shell", "From The App"]
    run("correct", "undo", "1", str(SEEDS))
    assert app_corrections.reload() is True and [c.value for c in app_corrections] == ["From The App"]
    assert app_corrections.reload() is False


def test_clip_add_with_a_read_only_state_dir_fails_with_the_message(quotes, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    out = subprocess.run(
        [sys.executable, "-m", "reader", "clip", "add", "--quote", quotes[0]["id"], str(SEEDS)],
        capture_output=True,
        text=True,
        env={**env(), "XDG_STATE_HOME": str(blocker)},  # cannot be created: like a read-only dir
        timeout=300,
    )
    assert out.returncode == 1
    assert "kept for this session only" in out.stderr and "not saved" in out.stderr
    assert "Traceback" not in out.stderr
