"""Reading state: round trip, damaged files, atomic writes."""

from __future__ import annotations

import json

import pytest

from reader.model.store import jsonfile
from reader.model.store.reading_state import ReadingState, StateStore, corpus_key


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    for var in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))


def sample() -> ReadingState:
    s = ReadingState(last_article="abc-2", entity="PERSON:anna berg")
    s.scroll["abc-2"] = 1234
    s.add_bookmark("abc-2", 500, "the deal quote")
    s.add_bookmark("abc-1", 10)
    return s


def test_round_trip_in_user_state_dir(tmp_path):
    store = StateStore()
    assert str(store.path).startswith(str(tmp_path / "xdg_state_home"))
    key = corpus_key(["/x/news", "/x/more"])
    assert store.save(key, sample())
    got = StateStore().load(key)
    assert (got.last_article, got.scroll, got.entity) == ("abc-2", {"abc-2": 1234}, "PERSON:anna berg")
    assert [(b.article_id, b.offset, b.note) for b in got.bookmarks] == [
        ("abc-2", 500, "the deal quote"),
        ("abc-1", 10, ""),
    ]
    assert StateStore().load("other corpus") == ReadingState()


def test_corpus_key_ignores_order_and_spelling(tmp_path):
    (tmp_path / "a").mkdir()
    assert corpus_key([tmp_path / "a", tmp_path]) == corpus_key([str(tmp_path), f"{tmp_path}/a/../a"])
    assert corpus_key([tmp_path / "a"]) != corpus_key([tmp_path])


def test_corpora_do_not_clobber_each_other():
    store = StateStore()
    store.save("one", ReadingState(last_article="x"))
    store.save("two", ReadingState(last_article="y"))
    assert store.load("one").last_article == "x" and store.load("two").last_article == "y"


def test_bookmarks_add_remove():
    s = ReadingState()
    s.add_bookmark("a", 5)
    s.add_bookmark("a", 5, "note")  # same place: re-noted, not doubled
    s.add_bookmark("a", 9)
    s.add_bookmark("b", 1)
    assert [(b.offset, b.note) for b in s.bookmarks_of("a")] == [(5, "note"), (9, "")]
    assert s.remove_bookmark("a", 5) == 1 and s.remove_bookmark("a", 5) == 0
    assert s.remove_bookmark("a") == 1 and [b.article_id for b in s.bookmarks] == ["b"]


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xffgarbage{{{",
        b'{"format": "reader-state", "corp',
        b"[1, 2, 3]",
        b'{"format": "something-else", "corpora": {}}',
    ],
)
def test_damaged_file_gives_notice_and_defaults(content):
    store = StateStore()
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(content)
    assert store.load("k") == ReadingState()
    assert len(store.notices) == 1 and "unreadable" in store.notices[0]
    assert not store.path.exists() and list(store.path.parent.glob("reading-state.json.corrupt-*"))
    assert store.save("k", sample()) and StateStore().load("k").last_article == "abc-2"


def test_bad_fields_are_dropped_not_fatal():
    store = StateStore()
    store.path.parent.mkdir(parents=True)
    store.path.write_text(
        json.dumps(
            {
                "format": "reader-state",
                "data": {
                    "corpora": {
                        "k": {
                            "last_article": 7,
                            "scroll": {"a": -1, "b": 30, "c": "x"},
                            "entity": None,
                            "bookmarks": [{"article_id": "a", "offset": 3}, {"offset": "nope"}, "junk"],
                        }
                    }
                },
            }
        )
    )
    got = store.load("k")
    assert got.last_article is None and got.scroll == {"b": 30}
    assert [(b.article_id, b.offset) for b in got.bookmarks] == [("a", 3)]
    assert not store.notices


def test_write_is_atomic(monkeypatch):
    store = StateStore()
    store.save("k", sample())
    before = store.path.read_bytes()

    def boom(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jsonfile.os, "fsync", boom)
    assert store.save("k", ReadingState(last_article="new")) is False
    assert "No space left" in store.notices[-1]
    assert store.path.read_bytes() == before  # the old file, whole
    assert [p.name for p in store.path.parent.iterdir()] == [store.path.name]  # no temp file left
    monkeypatch.undo()


def test_unwritable_state_dir_never_raises(tmp_path):
    (tmp_path / "blocker").write_text("a file, not a folder")
    store = StateStore(tmp_path / "blocker" / "state.json")
    assert store.load("k") == ReadingState()
    assert store.save("k", sample()) is False and len(store.notices) == 1
