"""The user's corrections to entity groups: merge, split an alias out, rename, change kind, reject.

Corrections are kept per corpus in the user's state database (store/user_store.py) and replayed, in order, over the entities
that `aliases.build_entities` makes on every load, so they survive re-analysis and cache rebuilds.

Entities are named by what survives a rebuild, never by their ids: an `EntityRef` records the kind,
the canonical name and the surface forms (as written, whitespace folded) the entity had when the
user corrected it. It matches an entity of that kind with the same canonical name, or sharing more
than half of the two entities' forms together (Jaccard > 0.5: "Anna Berg"/"Berg" is not "Tomas
Berg"/"Berg"); the most similar wins. A correction whose entity, or surface form, is no longer there
does nothing and is marked stale (`Correction.stale` says why): a stale correction is safer than one
applied to the wrong entity. Undoing a correction removes it and the rest are replayed.

What each one does (ids never change, except that a split-off entity gets a new one):
- merge: the other entity's mentions join the entity, which keeps its name, kind and id;
- split: the mentions written as one surface form leave the entity and become an entity of their
  own (same kind); evidence naming that form leaves with it;
- rename: the canonical name changes (the old name stays an alias while mentions use it);
- kind: the entity's kind changes; nationality->country links to or from it are dropped;
- reject: the entity is not an entity (gone), or one surface form of that kind is not a name
  (its mentions are dropped wherever they are grouped).
Each leaves evidence with rule "user" ("… by you on 2026-11-23").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from anyascii import anyascii

from reader.model.corpus.aliases import Entity, Evidence
from reader.model.corpus.corpus_consistency import fold_name
from reader.model.store.jsonfile import dumps
from reader.model.store.user_store import OnUserStore, open_store

KINDS = ("PERSON", "PLACE", "ORG", "NORP")
OPS = ("merge", "split", "rename", "kind", "reject")
FORMAT = "reader-corrections"


class CorrectionError(ValueError):
    """A correction that cannot be made (one clear sentence for the user)."""


def entity_forms(entity) -> Counter:
    """Surface forms of an entity's mentions (whitespace folded) with their counts."""
    return Counter(fold_name(m.text) for m in entity.mentions)


@dataclass(frozen=True)
class EntityRef:
    kind: str
    name: str
    forms: tuple[str, ...]

    @classmethod
    def of(cls, entity) -> EntityRef:
        return cls(entity.kind, entity.name, tuple(sorted(entity_forms(entity))))

    def find(self, entities: list):
        """The entity this names among `entities`, or None."""
        want = set(self.forms)
        best, best_key = None, None
        for e in entities:
            if e.kind != self.kind:
                continue
            forms = entity_forms(e).keys()
            shared = len(want & forms)
            similar = shared / (len(want) + len(forms) - shared or 1)
            same_name = e.name == self.name
            if not same_name and similar <= 0.5:
                continue
            key = (similar, same_name, len(e.mentions))
            if best_key is None or key > best_key:
                best, best_key = e, key
        return best

    def to_json(self) -> dict:
        return {"kind": self.kind, "name": self.name, "forms": list(self.forms)}

    @classmethod
    def from_json(cls, d) -> EntityRef:
        if not (
            isinstance(d, dict)
            and d.get("kind") in KINDS
            and isinstance(d.get("name"), str)
            and isinstance(d.get("forms"), list)
            and all(isinstance(f, str) for f in d["forms"])
        ):
            raise ValueError("bad entity reference")
        return cls(d["kind"], d["name"], tuple(d["forms"]))


@dataclass
class Correction:
    id: int
    op: str  # one of OPS
    entity: EntityRef  # the entity corrected (merge: the one that keeps its name)
    other: EntityRef | None = None  # merge: the entity merged into `entity`
    value: str = ""  # split/reject: the surface form ("" rejects the whole entity); rename: name; kind: kind
    created: str = ""  # ISO 8601, local time
    description: str = ""
    stale: str | None = field(default=None, compare=False)  # why it did nothing on the last apply

    @property
    def date(self) -> str:
        return self.created[:10]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "op": self.op,
            "entity": self.entity.to_json(),
            "other": self.other.to_json() if self.other else None,
            "value": self.value,
            "created": self.created,
            "description": self.description,
        }

    @classmethod
    def from_json(cls, d) -> Correction:
        if not isinstance(d, dict) or d.get("op") not in OPS or not isinstance(d.get("id"), int):
            raise ValueError("bad correction")
        other = EntityRef.from_json(d["other"]) if d.get("other") is not None else None
        if (d["op"] == "merge") != (other is not None):
            raise ValueError("bad merge")
        fields = [d.get(k, "") for k in ("value", "created", "description")]
        if not all(isinstance(v, str) for v in fields):
            raise ValueError("bad correction fields")
        if d["op"] == "kind" and fields[0] not in KINDS or d["op"] in ("split", "rename") and not fields[0]:
            raise ValueError("bad correction value")
        return cls(d["id"], d["op"], EntityRef.from_json(d.get("entity")), other, *fields)


# --- applying ----------------------------------------------------------------------------------


def apply_corrections(entities: list[Entity], corrections) -> list[Entity]:
    """`entities` (fresh from aliases.build_entities; changed in place) with `corrections`
    replayed in order; sets each correction's `stale`. Sorted like build_entities' output."""
    items = list(corrections)
    if not items:
        return entities
    ents = list(entities)
    for c in items:
        c.stale = _APPLY[c.op](ents, c)
    ents.sort(key=lambda e: (-len(e.mentions), e.id))
    return ents


def _missing(ref: EntityRef) -> str:
    return f"no {ref.kind} entity named {ref.name!r} any more"


def _merge(ents: list[Entity], c: Correction) -> str | None:
    assert c.other is not None  # a merge always names the other entity
    a, b = c.entity.find(ents), c.other.find(ents)
    if a is None or b is None:
        return _missing(c.entity if a is None else c.other)
    if a is b:
        return None  # already one entity
    a.mentions = sorted(a.mentions + b.mentions, key=lambda m: (m.file, m.start))
    a.evidence += b.evidence + [Evidence("user", f"{b.name!r} merged in by you on {c.date}")]
    a.related += [r for r in b.related if r not in a.related and r != a.id]
    _set_aliases(a)
    ents.remove(b)
    for e in ents:
        if b.id in e.related:
            e.related = [r for r in dict.fromkeys(a.id if r == b.id else r for r in e.related) if r != e.id]
    return None


def _split(ents: list[Entity], c: Correction) -> str | None:
    e = c.entity.find(ents)
    if e is None:
        return _missing(c.entity)
    form = c.value
    out = [m for m in e.mentions if fold_name(m.text) == form]
    if not out:
        return f"{form!r} is no longer grouped with {e.name!r}"
    if len(out) == len(e.mentions):
        return f"{form!r} is the only name of its entity"
    e.mentions = [m for m in e.mentions if fold_name(m.text) != form]
    if e.name == form:
        e.name = entity_forms(e).most_common(1)[0][0]
    _set_aliases(e)
    quoted = repr(form)
    e.evidence = [ev for ev in e.evidence if quoted not in ev.detail]
    e.evidence.append(Evidence("user", f"{form!r} split out by you on {c.date}"))
    ids = {x.id for x in ents}
    new = Entity(_unique_id(f"{e.kind.lower()}:{_slug(form)}", ids), form, e.kind)
    new.mentions = out
    new.evidence = [Evidence("user", f"split from {e.name!r} by you on {c.date}")]
    ents.append(new)
    return None


def _rename(ents: list[Entity], c: Correction) -> str | None:
    e = c.entity.find(ents)
    if e is None:
        return _missing(c.entity)
    if e.name != c.value:
        e.evidence.append(Evidence("user", f"renamed from {e.name!r} by you on {c.date}"))
        e.name = c.value
        _set_aliases(e)
    return None


def _kind(ents: list[Entity], c: Correction) -> str | None:
    e = c.entity.find(ents)
    if e is None:
        return _missing(c.entity)
    if e.kind != c.value:
        e.evidence.append(Evidence("user", f"kind changed from {e.kind} to {c.value} by you on {c.date}"))
        e.kind = c.value
        e.related = []
        _drop_links(ents, {e.id})
    return None


def _reject(ents: list[Entity], c: Correction) -> str | None:
    if not c.value:
        e = c.entity.find(ents)
        if e is None:
            return _missing(c.entity)
        ents.remove(e)
        _drop_links(ents, {e.id})
        return None
    form, hit, gone = c.value, False, set()
    for e in ents:
        if e.kind != c.entity.kind:
            continue
        keep = [m for m in e.mentions if fold_name(m.text) != form]
        if len(keep) == len(e.mentions):
            continue
        hit = True
        e.mentions = keep
        if not keep:
            gone.add(e.id)
            continue
        if e.name == form:
            e.name = entity_forms(e).most_common(1)[0][0]
        _set_aliases(e)
        e.evidence.append(Evidence("user", f"{form!r} marked not a name by you on {c.date}"))
    if not hit:
        return f"no {c.entity.kind} mention is written {form!r} any more"
    ents[:] = [e for e in ents if e.id not in gone]
    _drop_links(ents, gone)
    return None


_APPLY = {"merge": _merge, "split": _split, "rename": _rename, "kind": _kind, "reject": _reject}


def _set_aliases(e: Entity) -> None:
    e.aliases = [f for f, _ in entity_forms(e).most_common() if f != e.name]


def _drop_links(ents: list[Entity], ids: set[str]) -> None:
    for e in ents:
        if ids.intersection(e.related):
            e.related = [r for r in e.related if r not in ids]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-") or "x"


def _unique_id(base: str, taken: set[str]) -> str:
    n, cand = 1, base
    while cand in taken:
        n += 1
        cand = f"{base}-{n}"
    return cand


# --- the store ---------------------------------------------------------------------------------


def corrections_path(corpus_key: str) -> Path:
    """Where versions before the state database kept a corpus's corrections (read once, then left)."""
    from reader.model.store import paths

    return paths.state_dir() / "corrections" / f"{corpus_key}.json"


class Corrections(OnUserStore):
    """The corrections of one corpus, in order, as the user's state database holds them.

    Iterating gives the corrections. Each change re-reads the corrections first and is one
    transaction, so a correction made meanwhile by another process (`reader correct` in a
    shell while the app is open) is kept and replayed, never overwritten; `reload()` says when
    there were such changes. A record that is not a correction is set aside with a notice.
    `notices` collects messages for the user (a set-aside record, changes kept for this session
    only). Making a correction checks it against the entities as shown.
    """

    def __init__(self, corpus_key: str, store=None):
        super().__init__(store if store is not None else open_store())
        self.key = corpus_key
        self.items: list[Correction] = []
        self.reload()

    @classmethod
    def for_corpus(cls, corpus_key: str) -> Corrections:
        return cls(corpus_key)

    def __iter__(self):
        return iter(list(self.items))

    def __len__(self) -> int:
        return len(self.items)

    def get(self, cid: int) -> Correction | None:
        return next((c for c in self.items if c.id == cid), None)

    def reload(self) -> bool:
        """Read the corrections again; True when they changed since the last read."""
        from reader.model.store.clippings import set_aside

        rows = self.store.read("SELECT rowid, id, data FROM corrections WHERE corpus = ? ORDER BY id", (self.key,))
        items, bad = [], []
        for rowid, cid, data in rows:
            try:
                d = json.loads(data)
                if isinstance(d, dict):
                    d = {**d, "id": cid}
                items.append(Correction.from_json(d))
            except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
                bad.append((rowid, data, str(exc)[:80] or type(exc).__name__))
        if bad:
            set_aside(self.store, "correction", self.key, bad, "corrections")
            self.notices.append(
                f"{len(bad)} unreadable entity correction(s) set aside (kept in the set_aside table of {self.path})"
            )
        before = [(c.id, c.to_json()) for c in self.items]
        known = {c.id: c for c in self.items}
        # the same objects for unchanged corrections: callers hold them (and their `stale`)
        items = [known[c.id] if c.id in known and known[c.id].to_json() == c.to_json() else c for c in items]
        self.items = items
        self._drain()
        return before != [(c.id, c.to_json()) for c in items]

    def _add(self, op: str, entity, description: str, value: str = "", other=None) -> Correction:
        c = Correction(
            0,
            op,
            EntityRef.of(entity),
            EntityRef.of(other) if other is not None else None,
            value,
            datetime.now().astimezone().isoformat(timespec="seconds"),
            description,
        )

        def change(conn):
            row = conn.execute("SELECT next_id FROM correction_ids WHERE corpus = ?", (self.key,)).fetchone()
            top = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM corrections WHERE corpus = ?", (self.key,))
            cid = max(row[0] if row else 1, top.fetchone()[0])  # ids are never reused, even after an undo
            c.id = cid
            conn.execute("INSERT INTO corrections VALUES (?, ?, ?)", (self.key, cid, dumps(c.to_json())))
            conn.execute("INSERT OR REPLACE INTO correction_ids VALUES (?, ?)", (self.key, cid + 1))

        self.store.write(change)
        self.reload()
        return self.get(c.id) or c

    # -- making corrections (entities as currently shown, corrections applied) ------------------
    def merge(self, entity, other) -> Correction:
        """Merge `other` into `entity` (which keeps its name, kind and id)."""
        if entity is other or entity.id == other.id:
            raise CorrectionError(f"{entity.name!r} cannot be merged with itself")
        return self._add("merge", entity, f"merge {_label(other)} into {_label(entity)}", other=other)

    def split(self, entity, form: str) -> Correction:
        forms = entity_forms(entity)
        form = _own_form(entity, form, forms)
        if len(forms) < 2:
            raise CorrectionError(f"{form!r} is the only name of {entity.name!r}: nothing to split")
        return self._add("split", entity, f"split {form!r} out of {_label(entity)}", form)

    def rename(self, entity, name: str) -> Correction:
        name = fold_name(name)
        if not name:
            raise CorrectionError("the new name is empty")
        if name == entity.name:
            raise CorrectionError(f"{entity.name!r} already has that name")
        return self._add("rename", entity, f"rename {_label(entity)} to {name!r}", name)

    def set_kind(self, entity, kind: str) -> Correction:
        kind = kind.upper()
        if kind not in KINDS:
            raise CorrectionError(f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
        if kind == entity.kind:
            raise CorrectionError(f"{entity.name!r} is already {kind}")
        return self._add("kind", entity, f"change {_label(entity)} to {kind}", kind)

    def reject(self, entity, form: str | None = None) -> Correction:
        """`entity` is not an entity; with `form`, only that surface form (of its kind) is not a name."""
        if form is None:
            return self._add("reject", entity, f"{_label(entity)} is not an entity")
        form = _own_form(entity, form, entity_forms(entity))
        return self._add("reject", entity, f"{form!r} is not a {entity.kind} name", form)

    def undo(self, cid: int | None = None) -> Correction:
        """Remove the last correction (as the store has them now), or the one with id `cid`."""
        self.reload()
        c = self.get(cid) if cid is not None else self.items[-1] if self.items else None
        if c is None:
            raise CorrectionError(
                "there are no corrections to undo" if cid is None else f"there is no correction #{cid}"
            )
        self.store.write(
            lambda conn: conn.execute("DELETE FROM corrections WHERE corpus = ? AND id = ?", (self.key, c.id))
        )
        self.reload()
        return c


def _label(entity) -> str:
    return f"{entity.name!r} ({entity.kind})"


def _own_form(entity, form: str, forms: Counter) -> str:
    """The entity's surface form written `form` (exact, else ignoring case)."""
    form = fold_name(form)
    if form in forms:
        return form
    folded = [f for f in forms if f.casefold() == form.casefold()]
    if len(folded) == 1:
        return folded[0]
    names = ", ".join(repr(f) for f, _ in forms.most_common())
    raise CorrectionError(f"{form!r} is not a name of {entity.name!r} (its names: {names})")
