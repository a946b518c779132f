"""Finding the entity a user means by a name they typed, and filtering entities by what is typed.

`lookup` goes by tiers, so an exact name is never beaten by a fuzzy score: an id
("person:jane-doe"), the canonical name as typed, then ignoring case and accents; an alias as typed, then ignoring case and accents; then
typo-aware matching of names and aliases. Within a tier the most mentioned entity wins and the
others are reported, so a command can say that the name was ambiguous.

`EntityMatcher` is the filter the entity view uses: a query matches an entity when it is part of
its canonical name, of one of its aliases or of its kind ("kovalenko" finds Olena Kovalenko
through the alias "Olena Kowalenko"), or, for a longer query, when a word of them is a close
spelling of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from reader.model.search.keys import fold

FUZZY_MIN = 75.0  # WRatio of a typed name against a name or alias, for the last tier
TYPO_MIN = 80.0  # ratio of a typed word against a name's word, for the filter
TYPO_LEN = 5  # shorter queries match only as substrings: a typo of "Iran" is too many things
TYPO_SLACK = 2  # letters a typo may add or drop


@dataclass(slots=True)
class Lookup:
    """The entity chosen for a typed name, how it matched, and the others that matched as well."""

    entity: Any
    how: str  # "id", "name", "name (case ignored)", "alias", "alias (case ignored)", "similar"
    # (entity, how) for every other entity that matched exactly (any exact tier), or, for a
    # "similar" match, the others about as close; most mentioned first within a tier
    others: list[tuple[Any, str]] = field(default_factory=list)

    def ambiguity(self, typed: str) -> str | None:
        """One line for the user when several entities matched, else None."""
        if not self.others:
            return None
        e = self.entity
        shown = "; ".join(f"{o.name} ({o.kind}, {o.id}) {_AS[how]}" for o, how in self.others[:4])
        more = f"; and {len(self.others) - 4} more" if len(self.others) > 4 else ""
        why = {
            "id": "its id",
            "name": "its name",
            "name (case ignored)": "its name, case ignored",
            "alias": "an alias",
            "alias (case ignored)": "an alias, case ignored",
            "similar": "the closest spelling, most mentioned",
        }[self.how]
        return (
            f"{typed!r} matches {len(self.others) + 1} entities: showing {e.name} ({e.kind}, {e.id}), "
            f"by {why}; also {shown}{more} (an id or the exact name picks one)"
        )


_AS = {
    "id": "by its id",
    "name": "by its name",
    "name (case ignored)": "by its name",
    "alias": "as an alias",
    "alias (case ignored)": "as an alias",
    "similar spelling": "by a similar spelling",
}


def _mentions(e) -> int:
    return len(getattr(e, "mentions", ()))


def _ranked(hits: Iterable) -> list:
    unique = {id(e): e for e in hits}
    return sorted(unique.values(), key=lambda e: -_mentions(e))  # stable: ties keep corpus order


def lookup(entities: list, name: str, min_score: float = FUZZY_MIN) -> Lookup | None:
    """The entity `name` names, by tier (see the module docstring); None when nothing is close."""
    typed = " ".join(name.split())
    q = fold(typed)
    if not q or not entities:
        return None
    tiers = (
        ("id", lambda e: e.id == typed),
        ("name", lambda e: e.name == typed),
        ("name (case ignored)", lambda e: fold(e.name) == q),
        ("alias", lambda e: typed in e.aliases),
        ("alias (case ignored)", lambda e: any(fold(a) == q for a in e.aliases)),
    )
    found: list[tuple[Any, str]] = []
    seen: set[int] = set()
    for how, test in tiers:
        for e in _ranked(e for e in entities if test(e)):
            if id(e) not in seen:
                seen.add(id(e))
                found.append((e, how))
    if found:
        return Lookup(found[0][0], found[0][1], found[1:])
    return _similar(entities, q, min_score)


def _similar(entities: list, q: str, min_score: float) -> Lookup | None:
    keys: list[str] = []
    owners: list[int] = []
    for i, e in enumerate(entities):
        for a in {e.name, *e.aliases}:
            keys.append(fold(a))
            owners.append(i)
    scored: dict[int, float] = {}
    for _key, score, k in process.extract(q, keys, scorer=fuzz.WRatio, limit=50, score_cutoff=min_score):
        whole_word = q in keys[k].split()  # "putin" in "vladimir putin"
        s = score + (10 if whole_word else 0)
        scored[owners[k]] = max(scored.get(owners[k], 0.0), s)
    if not scored:
        return None
    top = max(scored.values())
    hits = _ranked(entities[i] for i, s in scored.items() if s >= top - 0.5)
    # a near tie in score is decided by mentions; the rest are "also"
    return Lookup(hits[0], "similar", [(e, "similar spelling") for e in hits[1:]])


def best_entity(entities: list, name: str, min_score: float = FUZZY_MIN):
    """The entity `lookup` chooses, or None."""
    found = lookup(entities, name, min_score)
    return None if found is None else found.entity


class EntityMatcher:
    """Filters entities by a typed query; built once per entity list, asked once per keystroke."""

    def __init__(self, entities: Iterable) -> None:
        self.entities = list(entities)
        # per entity: its folded names and kind, and the words of its names (for typos)
        self._texts: list[tuple[str, ...]] = []
        words: dict[str, list[int]] = {}
        for i, e in enumerate(self.entities):
            names = tuple(fold(n) for n in (e.name, *getattr(e, "aliases", ())))
            self._texts.append((*names, fold(getattr(e, "kind", "") or "")))
            for n in names:
                for w in n.split():
                    if len(w) >= TYPO_LEN - 1:
                        words.setdefault(w, []).append(i)
        self._words = list(words)
        self._owners = [words[w] for w in self._words]

    def matches(self, query: str) -> list[bool]:
        """Per entity (in the order given): whether it matches `query`; every one for an empty query."""
        q = " ".join(fold(query).split())
        if not q:
            return [True] * len(self.entities)
        out = [any(q in t for t in texts) for texts in self._texts]
        if len(q) >= TYPO_LEN and " " not in q:
            for w, _score, k in process.extract(q, self._words, scorer=fuzz.ratio, score_cutoff=TYPO_MIN, limit=None):
                if abs(len(w) - len(q)) <= TYPO_SLACK:  # a slip of a letter or two, not a longer word
                    for i in self._owners[k]:
                        out[i] = True
        return out

    def filter(self, query: str) -> list:
        """The entities matching `query`, in the order given."""
        return [e for e, ok in zip(self.entities, self.matches(query)) if ok]


def entity_matches(entity, query: str) -> bool:
    """Whether one entity matches `query` as the entity view's filter matches (see EntityMatcher)."""
    return EntityMatcher([entity]).matches(query)[0]
