"""Corpus-level results (entities with their alias groups and evidence) cached whole.

Rebuilding entity groups from per-file results takes seconds for thousands of articles, so an
unchanged corpus reopens from one stored payload. The key covers every file's cache key (bytes,
regions, model, per-file rules) in order and the code of the corpus-level steps; user
corrections are applied after loading, so editing them never invalidates this.
"""

from __future__ import annotations

import base64
import hashlib

import numpy as np

from reader.model.corpus.aliases import Entity, EntityMention, Evidence
from reader.model.corpus.mention_table import MentionColumns, MentionTable

CORPUS_VERSION = 3  # 3: mentions as int32 columns (2: JSON number lists, still read once)
ROOTS = ("corpus/aliases.py",)  # the corpus-level steps: alias groups, consistency, nationalities


def corpus_key(file_keys: list[str], version: int = CORPUS_VERSION) -> str:
    from reader.model.analysis.fingerprint import rules_fingerprint

    h = hashlib.sha256(f"corpus\0{version}\0{rules_fingerprint(ROOTS)}\0".encode())
    for k in file_keys:
        h.update(k.encode() + b"\0")
    return "corpus:" + h.hexdigest()


def entities_to_payload(entities: list[Entity]) -> dict:
    """Every entity's fields, and all mentions as four int32 columns (file, start, end, form)
    with each distinct surface form once: millions of mentions load as one array, and stay one
    (corpus/mention_table.py) instead of an object each."""
    table, offsets = MentionTable.of([e.mentions for e in entities])
    return {
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
        "columns": base64.b64encode(table.columns().astype("<i4").tobytes()).decode("ascii"),
    }


def entities_from_payload(data: dict) -> list[Entity]:
    n = int(data["rows"])
    raw = base64.b64decode(data["columns"], validate=True)
    if len(raw) != 16 * n:
        raise ValueError("mention columns are not the length stated")
    table = MentionTable(np.frombuffer(raw, dtype="<i4").reshape(4, n), list(data["forms"]))
    out, lo = [], 0
    for eid, name, kind, aliases, related, count, evidence in data["entities"]:
        out.append(_entity(eid, name, kind, aliases, related, MentionColumns(table, lo, lo + count), evidence))
        lo += count
    if lo != n:
        raise ValueError("entities do not account for every mention")
    return out


def entities_to_json(entities: list[Entity]) -> list:
    """Version 2's record (JSON number lists per entity): read once, when a cache made before
    version 3 is opened, and written again as version 3."""
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
    if key is not None:
        data = store.get_payload(key)
        if data is not None:
            try:
                return entities_from_payload(data)
            except (TypeError, ValueError, IndexError, KeyError):  # an outdated or damaged payload: rebuild it
                pass
        old = store.get_payload(corpus_key(keys, 2))  # made before version 3: convert, not rebuild
        if old is not None:
            try:
                entities = entities_from_json(old)
            except (TypeError, ValueError, IndexError):
                pass
            else:
                payload = entities_to_payload(entities)
                if store.put_payload(key, "", "corpus", payload):
                    store.delete(corpus_key(keys, 2))
                return entities_from_payload(payload)
    entities = build()
    if key is not None:
        payload = entities_to_payload(entities)
        store.put_payload(key, "", "corpus", payload)
        return entities_from_payload(payload)  # columns, like a warm open's
    return entities
