"""Short person names and the full names they stand for: a surname (or a family name written
first, or a given name) joins the full name of the same article ending in it, else the only one of
the corpus; spelling variants of one name count as one (anyascii + rapidfuzz)."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from reader.model.corpus.alias_groups import Evidence, Groups, Node

FUZZY_MIN = 85  # rapidfuzz ratio for spelling variants of one name ("Gorbachev"/"Gorbachov" = 89)


def resolve_surname(groups: Groups, f: int, surname: str, persons: set[str]) -> Node:
    """The node for a one-word person name in file f: the article's full name ending in it."""
    exact = [p for p in persons if p.split()[-1] == surname]
    close = exact or [p for p in persons if similar(p.split()[-1], surname) or slip(p.split()[-1], surname)]
    rule = "surname" if exact else "surname+transliteration"
    if not close:  # "Xi" for "Xi Jinping", "Valeska" for "Valeska X": family name first, or given name
        close = [p for p in persons if p.split()[0] == surname]
        rule = "first name"
    if close and len({groups.find(("G", "PERSON", p)) for p in close}) == 1:
        close = [min(close)]  # one person, maybe spelled two ways in the article
    if len(close) == 1:
        target: Node = ("G", "PERSON", close[0])
        local: Node = ("L", f, surname)
        groups.union(
            target,
            local,
            rule,
            f"{surname!r} is the {'first' if rule == 'first name' else 'last'} "
            f"name of {close[0]!r} in the same article",
        )
        return local
    # no full name (or several) in this article: decided corpus-wide later
    return ("G", "PERSON", surname)


def resolve_corpus_surnames(groups: Groups, full_names: dict[str, set[str]]) -> None:
    """A surname with no full name in its article joins the only corpus full name ending in it."""
    surnames = [n for n in list(groups.parent) if n[0] == "G" and n[1] == "PERSON" and " " not in n[2]]
    for node in surnames:
        s = node[2]
        cands = full_names.get(s, set())
        rule = "surname"
        if not cands:
            cands = {p for key in _similar_keys(s, full_names) for p in full_names[key]}
            rule = "surname+transliteration"
        roots = {groups.find(("G", "PERSON", p)) for p in cands}
        if len(roots) == 1:
            p = min(cands)
            groups.union(
                ("G", "PERSON", p),
                node,
                rule,
                f"{s!r} is the surname of {p!r}, the only full name ending in it in the corpus",
            )
        elif len(roots) > 1:  # say so: the user may know which one is meant
            people = sorted({min(p for p in cands if groups.find(("G", "PERSON", p)) == r) for r in roots})
            shown = ", ".join(repr(p) for p in people[:4]) + (f" and {len(people) - 4} more" if len(people) > 4 else "")
            groups.evidence[groups.find(node)].append(
                Evidence(
                    "surname:ambiguous",
                    f"{s!r} alone is left apart: it is the surname of {len(people)} people in the corpus "
                    f"({shown}); merge it into the one meant if you know (J in the app, `reader correct merge`)",
                )
            )


def _similar_keys(s: str, full_names: dict[str, set[str]]) -> list[str]:
    return [k for k in full_names if k[:2] == s[:2] and similar(k, s)]


@lru_cache(maxsize=65536)
def similar(a: str, b: str) -> bool:
    """Spelling variants of one name: 'Gorbachev'/'Gorbachov', 'Tymoshenko'/'Timoshenko'."""
    if a == b:
        return True
    x, y = fold(a), fold(b)
    if x == y:
        return True
    if min(len(x), len(y)) < 5 or x[0] != y[0] or abs(len(x) - len(y)) > 2:
        return False
    short, long_ = sorted((x, y), key=len)
    if long_.startswith(short) and long_[len(short) :] != "y":
        return False  # 'Thomas'/'Thomasch', 'Robert'/'Roberts': another name; only '-sky'/'-skyy' is a spelling
    # one letter off in a six-letter name ("Dmitry"/"Dmitri") is 83; longer names need 85
    return fuzz.ratio(x, y) >= (FUZZY_MIN if min(len(x), len(y)) > 6 else 80)


def slip(full: str, short: str) -> bool:
    """'Water said' in an article about 'Kathryn Waters': a surname one letter short at its end is a
    slip of the pen within one article, though across articles it is another name ('Robert')."""
    x, y = fold(full), fold(short)
    return len(y) >= 5 and len(x) == len(y) + 1 and x.startswith(y)


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", anyascii(s).lower())
