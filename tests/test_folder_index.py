"""Folder listings kept between opens (store/folder_index.py): an unchanged folder is not listed
again, a changed one is, and a record that is damaged, foreign or stale is ignored."""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from pathlib import Path

import pytest

from reader.model.corpus.corpus import Corpus
from reader.model.ingest import discovery
from reader.model.ingest.discovery import DIR, FILE, SKIP, Listing, discover
from reader.model.store import folder_index
from reader.model.store.analysis_cache import FOLDER_MODEL, AnalysisCache

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def story(n: int, body: str = "said the desk") -> str:
    return f"Story {n}\n\nA report numbered {n}, {body}.\n"


def age(*folders: Path) -> None:
    """Old enough for a record: a folder changed just now may change again within its mtime's tick."""
    old = time.time_ns() - 60 * 10**9
    for d in folders:
        os.utime(d, ns=(old, old))


@pytest.fixture
def folder(tmp_path) -> Path:
    d = tmp_path / "news"
    (d / "sub").mkdir(parents=True)
    for i in range(6):
        (d / f"s{i}.txt").write_text(story(i), encoding="utf-8")
    (d / "s1.txt.meta.json").write_text('{"title": "From the sidecar"}', encoding="utf-8")
    (d / "photo.png").write_bytes(b"\x89PNG")
    (d / ".hidden.txt").write_text(story(99), encoding="utf-8")
    (d / "sub" / "inner.txt").write_text(story(7), encoding="utf-8")
    (d / "link.txt").symlink_to(d / "s2.txt")  # the same file twice: read once, by the name first in order
    age(d, d / "sub")
    return d


def scans(monkeypatch) -> list[str]:
    """The folders listed from disk, as they are."""
    seen: list[str] = []
    real = discovery._scan

    def spy(folder, done):
        seen.append(Path(folder).name)
        return real(folder, done)

    monkeypatch.setattr(discovery, "_scan", spy)
    return seen


def shape(c: Corpus) -> tuple:
    return [str(f.path) for f in c.files], [a.title for a in c.articles], sorted(map(str, c.notices))


def folder_records() -> dict[str, bytes]:
    with AnalysisCache() as store:
        db = store.path
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT key, data FROM analyses WHERE model = ?", (FOLDER_MODEL,)).fetchall())


def warm(folder: Path, monkeypatch) -> tuple[tuple, list[str]]:
    """Open twice (the first open makes the cache, the second records the folders); the shape
    of a third open, which lists nothing."""
    Corpus.load([folder])
    Corpus.load([folder])
    assert len(folder_records()) == 2  # the folder and its subfolder
    seen = scans(monkeypatch)
    c = Corpus.load([folder])
    assert seen == []
    return shape(c), seen


def test_an_unchanged_folder_is_not_listed_again_and_reads_the_same(folder, monkeypatch):
    found, notices = discover([folder])
    listed = shape(Corpus.load([folder]))
    assert listed[0] == [str(p) for p in found] and len(found) == 7  # s0-s5 (s2 as link.txt) and sub/inner
    assert [n.message for n in notices] == ["skipped (not a format reader opens)"]
    kept, _ = warm(folder, monkeypatch)
    assert kept == listed
    c = Corpus.load([folder], first=2)  # the app's way: the first files, then the rest
    c.load_more()
    assert shape(c) == listed
    assert next(a.title for a in c.articles if a.source.path.name == "s1.txt") == "From the sidecar"


@pytest.mark.parametrize("change", ["added", "removed", "renamed", "added, mtime put back", "sidecar added"])
def test_a_changed_folder_is_listed_again(folder, monkeypatch, change):
    _, seen = warm(folder, monkeypatch)
    if change.startswith("added"):
        before = folder.stat()
        (folder / "s9.txt").write_text(story(9), encoding="utf-8")
        if "put back" in change:  # its ctime still moved
            os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))
            assert folder.stat().st_mtime_ns == before.st_mtime_ns
    elif change == "removed":
        (folder / "s3.txt").unlink()
    elif change == "renamed":
        (folder / "s3.txt").rename(folder / "t3.txt")
    else:
        (folder / "s4.txt.meta.json").write_text('{"title": "Late sidecar"}', encoding="utf-8")
    c = Corpus.load([folder])
    assert seen == ["news"]  # not its subfolder
    fresh, _ = discover([folder])
    assert [f.path for f in c.files] == fresh
    if change == "sidecar added":
        assert "Late sidecar" in [a.title for a in c.articles]


def test_a_file_rewritten_with_the_same_size_is_read_again(folder, monkeypatch):
    warm(folder, monkeypatch)
    victim = folder / "s3.txt"
    before = victim.stat()
    victim.write_text(story(3, "said the DESK"), encoding="utf-8")
    os.utime(victim, ns=(before.st_atime_ns, before.st_mtime_ns))  # even with its mtime put back
    assert victim.stat().st_size == before.st_size
    c = Corpus.load([folder])
    src = next(f for f in c.files if f.path == victim)
    assert "said the DESK" in src.text and not getattr(src, "changed", False)


def test_a_folder_changed_just_now_is_not_recorded(tmp_path):
    d = tmp_path / "fresh"
    d.mkdir()
    (d / "a.txt").write_text(story(1), encoding="utf-8")
    Corpus.load([d])
    Corpus.load([d])
    assert folder_records() == {}  # a change within its mtime's tick would go unseen


def rehead(raw: bytes, **changes) -> bytes:
    """A record with fields of its JSON header changed."""
    end = 8 + int.from_bytes(raw[4:8], "little")
    head = json.loads(raw[8:end]) | changes
    text = json.dumps(head).encode()
    return raw[:4] + len(text).to_bytes(4, "little") + text + raw[end:]


def damaged(raw: bytes) -> list[bytes]:
    """Ways a record can be wrong: not zlib, not ours, cut short, lengths that disagree, an
    unknown kind, a stale stamp."""
    end = 8 + int.from_bytes(raw[4:8], "little")
    head = json.loads(raw[8:end])
    return [
        b"not zlib at all",
        zlib.compress(b'{"st": 1}'),
        zlib.compress(raw[: len(raw) // 2]),
        zlib.compress(raw + b"\0" * 8),
        zlib.compress(rehead(raw, k="?" + head["k"][1:])),
        zlib.compress(rehead(raw, no=head["no"] + 1)),
        zlib.compress(rehead(raw, st=[head["st"][0] + 1, *head["st"][1:]])),
    ]


def test_a_damaged_or_stale_record_is_ignored_and_written_again(folder, monkeypatch):
    listed, seen = warm(folder, monkeypatch)
    key = next(k for k in folder_records() if k.startswith(f"list:{folder}\0"))
    raw = zlib.decompress(folder_records()[key])
    with AnalysisCache() as store:
        db = store.path
    for bad in damaged(raw):
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE analyses SET data = ? WHERE key = ?", (bad, key))
        seen.clear()
        c = Corpus.load([folder])
        assert seen == ["news"] and shape(c) == listed  # no notice about it either
        seen.clear()
        assert shape(Corpus.load([folder])) == listed and seen == []  # written again, and used


def test_records_round_trip_any_name():
    names = ["a.txt", "b\udcff.txt", "d.txt.meta.json", "sub", "z.png"]  # b: not UTF-8, as os.listdir gives it
    listing = Listing(names, FILE + FILE + DIR + DIR + SKIP, [11, 12, 0, 0, 0], [".x", "a.txt.meta.json"])
    stamp = [5, 6, 7, 8]
    back = folder_index.decode(folder_index.encode(listing, stamp), stamp)
    assert back is not None
    assert (back.entries, back.kinds, list(back.inodes), back.others) == (
        listing.entries,
        listing.kinds,
        listing.inodes,
        listing.others,
    )
    assert all(n in back for n in ["a.txt.meta.json", "d.txt.meta.json", "sub", "b\udcff.txt", ".x"])
    assert "c.txt" not in back and "b.txt.meta.json" not in back
    empty = Listing([], "", [], [])
    assert folder_index.decode(folder_index.encode(empty, stamp), stamp) is not None
    assert folder_index.decode(folder_index.encode(listing, stamp), [5, 6, 7, 9]) is None


def test_a_link_is_followed_when_walked_not_when_recorded(folder, monkeypatch, tmp_path):
    (folder / "ext.txt").symlink_to(tmp_path / "later.txt")  # broken for now
    age(folder)
    _, seen = warm(folder, monkeypatch)
    assert "ext.txt" not in [f.path.name for f in Corpus.load([folder]).files]
    (tmp_path / "later.txt").write_text(story(8), encoding="utf-8")  # its folder is not ours
    c = Corpus.load([folder])
    assert seen == [] and "Story 8" in [a.title for a in c.articles]


@pytest.fixture
def big_folder(tmp_path, monkeypatch) -> Path:
    """More entries than a head record keeps (HEAD made small), a sidecar and a subfolder after it."""
    monkeypatch.setattr(folder_index, "HEAD", 3)
    d = tmp_path / "archive"
    (d / "zsub").mkdir(parents=True)
    for i in range(9):
        (d / f"s{i}.txt").write_text(story(i), encoding="utf-8")
    (d / "s7.txt.meta.json").write_text('{"title": "Sidecar past the head"}', encoding="utf-8")
    (d / "zsub" / "inner.txt").write_text(story(10), encoding="utf-8")
    age(d, d / "zsub")
    return d


def whole_reads(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = folder_index.FolderIndex._whole

    def spy(self, folder, stamp):
        seen.append(Path(folder).name)
        return real(self, folder, stamp)

    monkeypatch.setattr(folder_index.FolderIndex, "_whole", spy)
    return seen


def test_the_first_files_come_from_the_head_record_the_rest_from_the_whole(big_folder, monkeypatch):
    listed = shape(Corpus.load([big_folder]))
    assert "Sidecar past the head" in listed[1] and len(listed[0]) == 10
    Corpus.load([big_folder])  # records the folders
    assert any(k.startswith(f"listhead:{big_folder}\0") for k in folder_records())
    seen, wholes = scans(monkeypatch), whole_reads(monkeypatch)
    c = Corpus.load([big_folder], first=2)  # the app's first files: the head suffices
    assert wholes == [] and seen == [] and len(c.files) == 2
    c.load_more()
    assert wholes == ["archive"] and seen == [] and shape(c) == listed


@pytest.mark.parametrize("whole", ["missing", "damaged", "stale"])
def test_a_head_without_its_whole_record_lists_the_rest_of_the_folder(big_folder, monkeypatch, whole):
    listed = shape(Corpus.load([big_folder]))
    Corpus.load([big_folder])
    key = next(k for k in folder_records() if k.startswith(f"list:{big_folder}\0"))
    with AnalysisCache() as store:
        db = store.path
    raw = zlib.decompress(folder_records()[key])
    with sqlite3.connect(db) as conn:
        if whole == "missing":
            conn.execute("DELETE FROM analyses WHERE key = ?", (key,))
        else:
            bad = b"garbage" if whole == "damaged" else zlib.compress(rehead(raw, st=[1, 2, 3, 4]))
            conn.execute("UPDATE analyses SET data = ? WHERE key = ?", (bad, key))
    seen = scans(monkeypatch)
    assert shape(Corpus.load([big_folder])) == listed and seen == ["archive"]


def test_a_whole_record_of_older_code_gets_its_head_on_the_next_open(big_folder, monkeypatch):
    listed = shape(Corpus.load([big_folder]))
    Corpus.load([big_folder])
    with AnalysisCache() as store:
        db = store.path
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM analyses WHERE key LIKE 'listhead:%'")
    assert shape(Corpus.load([big_folder])) == listed  # from the whole record, and its head written
    assert any(k.startswith(f"listhead:{big_folder}\0") for k in folder_records())
    seen = scans(monkeypatch)
    assert shape(Corpus.load([big_folder])) == listed and seen == []


def test_a_head_answers_for_every_name(monkeypatch):
    monkeypatch.setattr(folder_index, "HEAD", 3)
    names = [f"n{i}.txt" for i in range(6)] + ["q.meta.json", "sub"]
    listing = Listing(names, FILE * 6 + DIR + DIR, list(range(1, 7)) + [0, 0], ["n5.txt.meta.json", ".x"])
    stamp = [1, 2, 3, 4]
    raw = folder_index.encode_head(listing, stamp)
    assert folder_index.decode(raw, stamp) is None  # a head is no whole listing
    head = folder_index.decode_head(raw, stamp)
    assert head is not None
    back = folder_index.HeadListing("/nowhere", *head, lambda: listing)
    assert list(zip(back.entries, back.kinds, back.inodes, strict=True)) == list(
        zip(listing.entries, listing.kinds, listing.inodes, strict=True)
    )
    for name in [*names, "n5.txt.meta.json", ".x", "n1.txt.meta.json", "zz.txt", 5]:
        assert (name in back) == (name in listing)


def test_a_damaged_head_record_is_ignored_and_written_again(big_folder, monkeypatch):
    listed = shape(Corpus.load([big_folder]))
    Corpus.load([big_folder])
    key = next(k for k in folder_records() if k.startswith(f"listhead:{big_folder}\0"))
    raw = zlib.decompress(folder_records()[key])
    with AnalysisCache() as store:
        db = store.path
    seen = scans(monkeypatch)
    for bad in [*damaged(raw), zlib.compress(rehead(raw, n=2))]:  # the last: no more entries than its head
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE analyses SET data = ? WHERE key = ?", (bad, key))
        assert shape(Corpus.load([big_folder])) == listed and seen == []  # from the whole record
        assert zlib.decompress(folder_records()[key]) == raw  # and the head written again
