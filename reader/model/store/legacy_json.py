"""The JSON files older versions of reader kept, read once into the state database (user_store).

`reading-state.json` (every corpus's position, entity and bookmarks), `clippings/<corpus>.json`
and `corrections/<corpus>.json`. They are read through JsonFile, so a damaged one is moved aside
with a notice, as before; each is then left where it was. Records go in as they are: checking
them is the loaders' job (a bad one is set aside there, with a notice).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from reader.model.store.jsonfile import JsonFile, dumps

FORMATS = {
    "reading": ("reader-state", "reading state"),
    "clippings": ("reader-clippings", "clippings"),
    "corrections": ("reader-corrections", "entity corrections"),
}


def legacy_files(state_dir: Path) -> Iterator[tuple[str, str | None, Path]]:
    """(kind, corpus key or None, path) of each legacy file present."""
    reading = state_dir / "reading-state.json"
    if reading.is_file():
        yield "reading", None, reading
    for kind in ("clippings", "corrections"):
        folder = state_dir / kind
        try:
            names = sorted(folder.glob("*.json"))
        except OSError:
            continue
        for p in names:
            if p.is_file():
                yield kind, p.stem, p


def migrate_file(conn: sqlite3.Connection, kind: str, key: str | None, path: Path) -> list[str]:
    """Copy one legacy file's records into the database (inside the caller's transaction); notices."""
    fmt, what = FORMATS[kind]
    jf = JsonFile(path, fmt, what=what)
    data = jf.read()
    if kind == "reading":
        _reading(conn, data)
    elif kind == "clippings":
        bad = _clippings(conn, key or "", data)
        if bad:
            jf.notices.append(f"{bad} unreadable clipping(s) in {path} set aside")
    else:
        bad = _corrections(conn, key or "", data)
        if bad:
            jf.notices.append(f"{bad} unreadable entity correction(s) in {path} set aside")
    return jf.notices


def _int(v) -> int | None:
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _clippings(conn: sqlite3.Connection, corpus: str, data: dict) -> int:
    """Copy the clippings; how many were not records at all (set aside here)."""
    items = data.get("items")
    bad = 0
    row = conn.execute("SELECT coalesce(max(position), 0) FROM clippings WHERE corpus = ?", (corpus,)).fetchone()
    pos = row[0]
    for d in items if isinstance(items, list) else []:
        pos += 1
        if not isinstance(d, dict):
            bad += 1
            conn.execute(
                "INSERT INTO set_aside VALUES ('clipping', ?, ?, 'not a record', strftime('%s','now'))",
                (corpus, dumps(d)),
            )
            continue
        art = d.get("article") if isinstance(d.get("article"), str) else None
        conn.execute(
            'INSERT OR IGNORE INTO clippings (corpus, position, article, start, "end", data) VALUES (?,?,?,?,?,?)',
            (corpus, pos, art, _int(d.get("start")), _int(d.get("end")), dumps(d)),
        )
    return bad


def _corrections(conn: sqlite3.Connection, corpus: str, data: dict) -> int:
    """Copy the corrections; how many had no id (set aside here: an id orders the replay)."""
    items = data.get("corrections")
    taken = {r[0] for r in conn.execute("SELECT id FROM corrections WHERE corpus = ?", (corpus,))}
    nxt = max([_int(data.get("next_id")) or 1, *(i + 1 for i in taken)])
    bad = 0
    for d in items if isinstance(items, list) else []:
        cid = _int(d.get("id")) if isinstance(d, dict) else None
        if cid is None:
            bad += 1
            conn.execute(
                "INSERT INTO set_aside VALUES ('correction', ?, ?, 'no id', strftime('%s','now'))", (corpus, dumps(d))
            )
            continue
        if cid in taken:
            cid = nxt
        taken.add(cid)
        nxt = max(nxt, cid + 1)
        conn.execute("INSERT OR REPLACE INTO corrections VALUES (?, ?, ?)", (corpus, cid, dumps(d)))
    conn.execute(
        "INSERT INTO correction_ids VALUES (?, ?) ON CONFLICT(corpus) DO UPDATE SET next_id = max(next_id, excluded.next_id)",
        (corpus, nxt),
    )
    return bad


def _reading(conn: sqlite3.Connection, data: dict) -> None:
    """Each corpus's entry, leniently: a field of the wrong type is dropped (the loader checks again)."""
    corpora = data.get("corpora")
    for corpus, entry in corpora.items() if isinstance(corpora, dict) else []:
        if not isinstance(entry, dict):
            continue
        text = {k: entry.get(k) if isinstance(entry.get(k), str) else None for k in ("last_article", "entity")}
        saved = entry.get("saved")
        saved = float(saved) if isinstance(saved, (int, float)) and not isinstance(saved, bool) else 0.0
        raw_filter = entry.get("list_filter")
        list_filter = raw_filter if isinstance(raw_filter, str) else ""
        conn.execute(
            "INSERT OR IGNORE INTO reading VALUES (?, ?, ?, ?, ?)",
            (corpus, text["last_article"], text["entity"], saved, list_filter[:200]),
        )
        read = entry.get("read")
        conn.executemany(
            "INSERT OR IGNORE INTO read_articles VALUES (?, ?)",
            [(corpus, a) for a in (read if isinstance(read, list) else []) if isinstance(a, str)],
        )
        scroll = entry.get("scroll")
        conn.executemany(
            "INSERT OR IGNORE INTO positions VALUES (?, ?, ?)",
            [
                (corpus, str(a), o)
                for a, o in (scroll.items() if isinstance(scroll, dict) else [])
                if _int(o) is not None and o >= 0
            ],
        )
        marks = entry.get("bookmarks")
        for b in marks if isinstance(marks, list) else []:
            if isinstance(b, dict) and isinstance(b.get("article_id"), str) and _int(b.get("offset")) is not None:
                note = b.get("note") if isinstance(b.get("note"), str) else ""
                created = b.get("created")
                created = float(created) if isinstance(created, (int, float)) and not isinstance(created, bool) else 0.0
                conn.execute(
                    "INSERT OR IGNORE INTO bookmarks VALUES (?, ?, ?, ?, ?)",
                    (corpus, b["article_id"], b["offset"], note, created),
                )
