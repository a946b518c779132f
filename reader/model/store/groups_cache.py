"""Corpus-level results (entities with their alias groups and evidence) cached whole.

Rebuilding entity groups from per-file results takes seconds for thousands of articles, so an
unchanged corpus reopens from one stored payload. The key covers every file's cache key (bytes,
regions, model, per-file rules) in order and the code of the corpus-level steps; user
corrections are applied after loading, so editing them never invalidates this.
"""

from __future__ import annotations

import base64
import hashlib
import json

import numpy as np

from reader.model.corpus.aliases import Entity, EntityMention, Evidence
from reader.model.corpus.mention_table import MentionColumns, MentionTable

CORPUS_VERSION = 4  # 4: the columns as raw bytes after a JSON head (3: in base64; 2: number lists; both read once)
MAGIC = b"RDE4"
ROOTS = ("corpus/aliases.py",)  # the corpus-level steps: alias groups, consistency, nationalities


def corpus_key(file_keys: list[str], version: int = CORPUS_VERSION) -> str:
    from reader.model.analysis.fingerprint import rules_fingerprint

    h = hashlib.sha256(f"corpus\0{version}\0{rules_fingerprint(ROOTS)}\0".encode())
    for k in file_keys:
        h.update(k.encode() + b"\0")
    return "corpus:" + h.hexdigest()


def entities_to_bytes(entities: list[Entity]) -> bytes:
    """Every entity's fields in a JSON head, then all mentions as four int32 columns (file,
    start, end, form; each distinct surface form once in the head) as little-endian bytes:
    millions of mentions load as one array, straight from the record (no base64, no copy),
    and stay one (corpus/mention_table.py) instead of an object each."""
    groups = [e.mentions for e in entities]
    first = groups[0] if groups else None
    if isinstance(first, MentionColumns) and first.rows()[0].made_of(groups):  # as build_entities gives them
        table = first.rows()[0]
        offsets = [0, *np.cumsum([len(g) for g in groups]).tolist()]
    else:
        table, offsets = MentionTable.of(groups)
    head = {
        "entities": [
            [
                e.id,
                e.name,
                e.kind,
                e.aliases,
                e.related,
                offsets[n + 1] - offsets[n],
                [[v.rule, v.detail] for v in e.evidence],
            ]
            for n, e in enumerate(entities)
        ],
        "forms": table.forms,
        "rows": len(table),
    }
    raw = json.dumps(head, separators=(",", ":")).encode("utf-8", "surrogatepass")
    return MAGIC + len(raw).to_bytes(4, "little") + raw + table.columns().astype("<i4").tobytes()


def entities_from_bytes(raw: bytes) -> list[Entity]:
    """ValueError/TypeError/KeyError/IndexError when `raw` is not what entities_to_bytes made."""
    if raw[:4] != MAGIC:
        raise ValueError("not a corpus record")
    end = 8 + int.from_bytes(raw[4:8], "little")
    head = json.loads(raw[8:end])
    n = int(head["rows"])
    if len(raw) != end + 16 * n:
        raise ValueError("mention columns are not the length stated")
    cols = np.frombuffer(raw, dtype="<i4", count=4 * n, offset=end).reshape(4, n)
    return _entities(head, MentionTable(cols, list(head["forms"])))


def _entities(head: dict, table: MentionTable) -> list[Entity]:
    out, lo = [], 0
    for eid, name, kind, aliases, related, count, evidence in head["entities"]:
        out.append(_entity(eid, name, kind, aliases, related, MentionColumns(table, lo, lo + count), evidence))
        lo += count
    if lo != len(table):
        raise ValueError("entities do not account for every mention")
    return out


def entities_from_payload(data: dict) -> list[Entity]:
    """Version 3's record (the columns in base64 inside the JSON): read once, written again as
    version 4."""
    n = int(data["rows"])
    raw = base64.b64decode(data["columns"], validate=True)
    if len(raw) != 16 * n:
        raise ValueError("mention columns are not the length stated")
    return _entities(data, MentionTable(np.frombuffer(raw, dtype="<i4").reshape(4, n), list(data["forms"])))


def entities_to_json(entities: list[Entity]) -> list:
    """Version 2's record (JSON number lists per entity): read once, when a cache made before
    version 3 is opened, and written again as version 4."""
    out = []
    for e in entities:
        forms: dict[str, int] = {}
        idx = [forms.setdefault(m.text, len(forms)) for m in e.mentions]
        out.append(
            [
                e.id,
                e.name,
                e.kind,
                e.aliases,
                e.related,
                [m.file for m in e.mentions],
                [m.start for m in e.mentions],
                [m.end for m in e.mentions],
                list(forms),
                idx,
                [[ev.rule, ev.detail] for ev in e.evidence],
            ]
        )
    return out


def entities_from_json(data: list) -> list[Entity]:
    out = []
    for eid, name, kind, aliases, related, files, starts, ends, forms, idx, evidence in data:
        if not len(files) == len(starts) == len(ends) == len(idx):
            raise ValueError("mention columns differ in length")
        texts = [forms[i] for i in idx]
        out.append(
            _entity(eid, name, kind, aliases, related, list(map(EntityMention, files, starts, ends, texts)), evidence)
        )
    return out


def _entity(eid, name, kind, aliases, related, mentions, evidence) -> Entity:
    return Entity(eid, name, kind, list(aliases), list(related), mentions, [Evidence(r, d) for r, d in evidence])


def load_or_build(corpus, store, build):
    """Entities for `corpus` from `store` when its key matches, else `build()` (and store it)."""
    keys = [corpus.file_keys.get(i) for i in range(len(corpus.files))]
    key = corpus_key(keys) if store is not None and keys and None not in keys else None
    if key is None:
        return build()
    raw = store.get_many([key], encoded=True).get(key)
    if isinstance(raw, bytes):
        try:
            return entities_from_bytes(raw)
        except (TypeError, ValueError, IndexError, KeyError):  # an outdated or damaged record: rebuild it
            pass
    for version, read in ((3, entities_from_payload), (2, entities_from_json)):  # older: convert, not rebuild
        old = store.get_payload(corpus_key(keys, version))
        if old is None:
            continue
        try:
            entities = read(old)
        except (TypeError, ValueError, IndexError, KeyError):
            continue
        got = _keep(store, key, entities)
        store.delete(corpus_key(keys, version))
        return got
    return _keep(store, key, build())


def _keep(store, key: str, entities: list[Entity]) -> list[Entity]:
    """The entities stored under `key`, and given back as a warm open reads them (columns)."""
    raw = entities_to_bytes(entities)
    store.put_payloads([(key, "", "corpus", raw)])
    return entities_from_bytes(raw)
