"""Reading state: round trip, damaged files, atomic writes."""

from __future__ import annotations

import json
import sqlite3

import pytest

from reader.model.store import paths
from reader.model.store.reading_state import ReadingState, StateStore, corpus_key
from reader.model.store.user_store import UserStore, forget_stores


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    for var in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    yield
    forget_stores()


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


def legacy(content: bytes) -> None:
    """A reading-state file as versions before the state database wrote it."""
    path = paths.state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xffgarbage{{{",
        b'{"format": "reader-state", "corp',
        b"[1, 2, 3]",
        b'{"format": "something-else", "corpora": {}}',
    ],
)
def test_damaged_legacy_file_gives_notice_and_defaults(content):
    legacy(content)
    store = StateStore()
    assert store.load("k") == ReadingState()
    assert len(store.notices) == 1 and "unreadable" in store.notices[0]
    assert not paths.state_path().exists() and list(paths.state_dir().glob("reading-state.json.corrupt-*"))
    assert store.save("k", sample()) and StateStore().load("k").last_article == "abc-2"


def test_legacy_file_is_read_once_and_bad_fields_are_dropped_not_fatal():
    legacy(
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
        ).encode()
    )
    store = StateStore()
    got = store.load("k")
    assert got.last_article is None and got.scroll == {"b": 30}
    assert [(b.article_id, b.offset) for b in got.bookmarks] == [("a", 3)]
    assert not store.notices
    assert paths.state_path().exists()  # left where it was, and not read again
    got.add_bookmark("z", 1)
    store.save("k", got)
    forget_stores()
    assert [b.article_id for b in StateStore().load("k").bookmarks] == ["a", "z"]


def test_damaged_database_is_set_aside_with_one_notice():
    p = paths.user_store_path()
    p.parent.mkdir(parents=True)
    p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    store = StateStore()
    assert store.load("k") == ReadingState()
    assert len(store.notices) == 1 and "moved it aside" in store.notices[0]
    assert store.save("k", sample()) and StateStore().load("k").last_article == "abc-2"
    assert list(p.parent.glob("state.sqlite3.corrupt-*"))


def test_a_full_disk_is_one_notice_and_the_session_keeps_its_changes():
    store = StateStore()
    assert store.save("k", sample())
    on_disk = sqlite3.connect(paths.user_store_path())
    pages = on_disk.execute("PRAGMA page_count").fetchone()[0]
    store.store._conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL
    st = store.load("k")
    for i in range(200):
        st.add_bookmark("abc-3", i, "x" * 200)
        store.save("k", st)
    assert len(store.notices) == 1 and "full" in store.notices[0] and "this session only" in store.notices[0]
    assert len(store.load("k").bookmarks) == 202  # in memory, for the session
    assert 2 <= len(on_disk.execute("SELECT * FROM bookmarks").fetchall()) < 202  # what fitted, whole
    on_disk.close()


def test_unwritable_state_dir_never_raises(tmp_path):
    (tmp_path / "blocker").write_text("a file, not a folder")
    store = StateStore(tmp_path / "blocker" / "state.sqlite3")
    assert store.load("k") == ReadingState()
    assert store.save("k", sample()) is False and len(store.notices) == 1
    assert store.save("k", sample()) is False and len(store.notices) == 1  # one notice, not one per save
    assert store.load("k").last_article == "abc-2"  # kept for the session


def test_two_windows_keep_each_others_bookmarks_and_positions(tmp_path):
    db = tmp_path / "s.sqlite3"
    one, two = StateStore(db), StateStore(db)
    two.store = UserStore(db)  # another process: its own connection
    a, b = one.load("k"), two.load("k")
    a.add_bookmark("x", 1, "from one")
    a.scroll["x"] = 100
    assert one.save("k", a)
    b.add_bookmark("y", 2, "from two")
    b.scroll["y"] = 200
    assert two.save("k", b)
    assert {m.note for m in b.bookmarks} == {"from one", "from two"}  # the save brought the other's in
    a.remove_bookmark("x", 1)
    one.save("k", a)
    got = StateStore(db).load("k")
    assert [m.note for m in got.bookmarks] == ["from two"] and got.scroll == {"x": 100, "y": 200}


def test_read_marks_merge_across_windows_and_the_list_filter_is_kept(tmp_path):
    db = tmp_path / "s.sqlite3"
    one, two = StateStore(db), StateStore(db)
    two.store = UserStore(db)
    a, b = one.load("k"), two.load("k")
    a.read |= {"x", "y"}
    a.list_filter = "radio free"
    one.save("k", a)
    b.read.add("z")
    two.save("k", b)
    assert b.read == {"x", "y", "z"} and b.list_filter == ""  # theirs joined; its own filter kept
    a.read.discard("y")
    one.save("k", a)
    got = StateStore(db).load("k")
    assert got.read == {"x", "z"} and got.list_filter == "radio free"


def test_legacy_read_marks_and_filter_are_read_once():
    legacy(
        json.dumps(
            {"format": "reader-state", "data": {"corpora": {"k": {"read": ["a", 3, "b"], "list_filter": "gaza"}}}}
        ).encode()
    )
    got = StateStore().load("k")
    assert got.read == {"a", "b"} and got.list_filter == "gaza"
