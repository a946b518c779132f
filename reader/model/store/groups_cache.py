"""Corpus-level results (entities with their alias groups and evidence) cached whole.

Rebuilding entity groups from per-file results takes seconds for thousands of articles, so an
unchanged corpus reopens from one stored payload. The key covers every file's cache key (bytes,
regions, model, per-file rules) in order and the code of the corpus-level steps; user
corrections are applied after loading, so editing them never invalidates this.
"""

from __future__ import annotations

import hashlib

from reader.model.corpus.aliases import Entity, EntityMention, Evidence

CORPUS_VERSION = 2
ROOTS = ("corpus/aliases.py",)  # the corpus-level steps: alias groups, consistency, nationalities


def corpus_key(file_keys: list[str]) -> str:
    from reader.model.analysis.fingerprint import rules_fingerprint

    h = hashlib.sha256(f"corpus\0{CORPUS_VERSION}\0{rules_fingerprint(ROOTS)}\0".encode())
    for k in file_keys:
        h.update(k.encode() + b"\0")
    return "corpus:" + h.hexdigest()


def entities_to_json(entities: list[Entity]) -> list:
    """Column-wise mentions with each distinct surface form once: half a million mentions parse
    several times faster as flat number lists, and equal forms come back as one string."""
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
            Entity(
                eid,
                name,
                kind,
                list(aliases),
                list(related),
                list(map(EntityMention, files, starts, ends, texts)),
                [Evidence(r, d) for r, d in evidence],
            )
        )
    return out


def load_or_build(corpus, store, build):
    """Entities for `corpus` from `store` when its key matches, else `build()` (and store it)."""
    keys = [corpus.file_keys.get(i) for i in range(len(corpus.files))]
    key = corpus_key(keys) if store is not None and keys and None not in keys else None
    if key is not None:
        data = store.get_payload(key)
        if data is not None:
            try:
                return entities_from_json(data)
            except (TypeError, ValueError, IndexError):  # an outdated or damaged payload: rebuild it
                pass
    entities = build()
    if key is not None:
        store.put_payload(key, "", "corpus", entities_to_json(entities))
    return entities
