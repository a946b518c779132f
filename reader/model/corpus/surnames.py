"""Short person names and the full names they stand for: a surname (or a family name written
first, or a given name) joins the full name of the same article ending in it, else the only one of
the corpus; spelling variants of one name count as one (anyascii + rapidfuzz)."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from reader.model.analysis.speech_words import given_name_gender, honorific_gender
from reader.model.corpus.alias_groups import Evidence, Groups, Node

FUZZY_MIN = 85  # rapidfuzz ratio for spelling variants of one name ("Gorbachev"/"Gorbachov" = 89)


_GENDER = {"m": "a man's", "f": "a woman's"}


def honorific_before(src: str, start: int) -> str | None:
    """The gender of the honorific written right before a name ("Mr. Obama" m, "Ms. Kim" f)."""
    before = src[max(0, start - 16) : start]
    if not before[-1:].isspace() or not before.split():
        return None
    return honorific_gender(before.split()[-1].lstrip("(\"'\u201c\u2018"))


def full_name_genders(
    mentions: list, srcs: list[str], persons: dict[int, set[str]], written: dict[int, dict[str, set[str | None]]]
) -> dict[str, str]:
    """The gender of each person's full name in the corpus: that of the honorifics written before
    it ("Mrs. Jane Roe") when they agree, else its given name's ("Michelle Obama" f), else what
    the corpus says of it: in articles where it is the only full name a surname may stand for,
    the honorific written with that surname ("Kim Jong-un" ... "Mr. Kim"), by a clear majority."""
    seen: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "PERSON" and " " in m.name:
            g = honorific_before(srcs[m.file], m.start)
            seen.setdefault(m.name, set()).update([g] if g else [])
    out = {}
    for name, gs in seen.items():
        g = (next(iter(gs)) if len(gs) == 1 else None) or given_name_gender(name.split()[0])
        if g:
            out[name] = g
    votes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for f, names in written.items():
        for surname, hon in names.items():
            said = hon - {None}
            close = _article_candidates(surname, persons[f])[0] if len(said) == 1 else []
            if len(close) == 1 and close[0] not in out:
                votes[close[0]][0 if "m" in said else 1] += 1
    for name, (men, women) in votes.items():
        if max(men, women) >= 2 * max(1, min(men, women)):  # one article alone says nothing new of itself
            out[name] = "m" if men > women else "f"
    return out


def _article_candidates(surname: str, persons: set[str]) -> tuple[list[str], str]:
    """The article's full names a one-word person name may stand for, and by which rule."""
    exact = [p for p in persons if p.split()[-1] == surname]
    close = exact or [p for p in persons if similar(p.split()[-1], surname) or slip(p.split()[-1], surname)]
    rule = "surname" if exact else "surname+transliteration"
    if not close:  # "Xi" for "Xi Jinping", "Valeska" for "Valeska X": family name first, or given name
        close = [p for p in persons if p.split()[0] == surname]
        rule = "first name"
    if not close:  # "Lau" for "Edmund Lau Chi-wing", "Lula" for "Luiz Inacio Lula da Silva"
        close = [p for p in persons if surname in p.split()[1:-1]]
        rule = "middle name"
    return close, rule


def _join_article_name(groups: Groups, local: Node, surname: str, close: list[str], rule: str) -> bool:
    """Join `local` to the one person `close` names (maybe spelled two ways in the article)."""
    if close and len({groups.find(("G", "PERSON", p)) for p in close}) == 1:
        close = [min(close)]
    if len(close) != 1:
        return False
    groups.union(
        ("G", "PERSON", close[0]),
        local,
        rule,
        f"{surname!r} is the {rule.split()[0] if rule in ('first name', 'middle name') else 'last'} name of {close[0]!r} in the same article",
    )
    return True


def _say_apart(groups: Groups, node: Node, rule: str, detail: str) -> None:
    groups.evidence[groups.find(node)].append(Evidence(rule, detail))


def resolve_article_surname(
    groups: Groups, f: int, surname: str, honorifics: set[str | None], persons: set[str], genders: dict[str, str]
) -> dict[str | None, Node]:
    """The node of a one-word person name in file f for each honorific gender it is written with
    there (None: no gendered honorific): the article's full name ending in it, unless the
    honorific and the full name's given name disagree ("Mr. Obama" is not "Michelle Obama").

    A gendered surname with no full name of its gender here is decided corpus-wide (node "S");
    a bare one keeps the plain rule unless the article holds two people of that surname (the
    full name and an honorific of the other gender, or both honorifics): then it is left apart."""
    close, rule = _article_candidates(surname, persons)
    both = {"m", "f"} <= honorifics
    out: dict[str | None, Node] = {}
    for g in sorted(h for h in honorifics if h):
        # with both honorifics here, a full name of unknown gender is one of two people: not settled
        fit = [p for p in close if genders.get(p) == g or (not both and p not in genders)]
        local: Node = ("L", f, surname, g)
        out[g] = local if _join_article_name(groups, local, surname, fit, rule) else ("S", g, surname)
        other = sorted(p for p in close if genders.get(p, g) != g)
        if other and out[g] == local:  # (an "S" node says so corpus-wide)
            _say_apart(
                groups,
                out[g],
                "surname:gender",
                f"{surname!r} after a {'man' if g == 'm' else 'woman'}'s honorific is not "
                + ", ".join(repr(p) for p in other[:3])
                + f" ({_GENDER['f' if g == 'm' else 'm']} name) in the same article",
            )
    if None not in honorifics:
        return out
    local = ("L", f, surname)
    gendered = {groups.find(n) for n in out.values()}
    people = {groups.find(("G", "PERSON", p)) for p in close}
    if not gendered or (len(people) == 1 and gendered <= people) or len(people) > 1:
        # no honorific here, or all of them agree with its one full name, or several full names
        # (decided corpus-wide, where they make it ambiguous): the plain rule
        out[None] = local if _join_article_name(groups, local, surname, close, rule) else ("G", "PERSON", surname)
    elif not people and len(out) == 1:
        out[None] = next(iter(out.values()))  # "Mr. Obama ... Obama": the one Obama of the article
    else:  # two people of that surname here: which one a bare mention means is not settled
        out[None] = local
        _say_apart(
            groups,
            local,
            "surname:ambiguous",
            f"{surname!r} alone is left apart: the article names two people of that surname "
            "(a full name and an honorific of the other gender, or both honorifics)",
        )
    return out


def _corpus_candidates(s: str, full_names: dict[str, set[str]]) -> tuple[set[str], str]:
    cands = full_names.get(s, set())
    if cands:
        return cands, "surname"
    return {p for key in _similar_keys(s, full_names) for p in full_names[key]}, "surname+transliteration"


def resolve_corpus_surnames(groups: Groups, full_names: dict[str, set[str]], genders: dict[str, str]) -> None:
    """A surname with no full name in its article joins the only corpus full name ending in it
    (of the honorific's gender, if it has one); a bare surname, the only person of that surname
    in the corpus (a full name or a gendered surname left on its own)."""
    nodes = list(groups.parent)
    on_own: dict[str, set[Node]] = defaultdict(set)  # surname -> gendered surname nodes
    for node in nodes:
        if node[0] != "S":
            continue
        _, g, s = node
        cands, rule = _corpus_candidates(s, full_names)
        both = ("S", "f" if g == "m" else "m", s) in groups.parent
        fit = {p for p in cands if genders.get(p) == g or (not both and p not in genders)}
        _join_corpus_name(groups, node, s, fit, rule, set())
        on_own[s].add(node)
        other = sorted(cands - fit)
        if other:
            _say_apart(
                groups,
                node,
                "surname:gender",
                f"{s!r} after a {'man' if g == 'm' else 'woman'}'s honorific is not "
                + ", ".join(repr(p) for p in other[:3])
                + f" ({_GENDER['f' if g == 'm' else 'm']} name)",
            )
    for node in nodes:
        if node[0] == "G" and node[1] == "PERSON" and " " not in node[2]:
            s = node[2]
            cands, rule = _corpus_candidates(s, full_names)
            _join_corpus_name(groups, node, s, cands, rule, on_own.get(s, set()))


def _join_corpus_name(groups: Groups, node: Node, s: str, cands: set[str], rule: str, others: set[Node]) -> None:
    roots = {groups.find(("G", "PERSON", p)) for p in cands} | {groups.find(n) for n in others}
    if len(roots) == 1:
        if cands:
            p = min(cands)
            target: Node = ("G", "PERSON", p)
            detail = f"{s!r} is the surname of {p!r}, the only full name ending in it in the corpus"
        else:
            target = min(others)
            detail = f"{s!r} alone is the only {s} of the corpus, written with an honorific elsewhere"
        groups.union(target, node, rule, detail)
    elif len(roots) > 1:  # say so: the user may know which one is meant
        named = {groups.find(("G", "PERSON", p)) for p in cands}
        people = sorted({min(p for p in cands if groups.find(("G", "PERSON", p)) == r) for r in named})
        shown = ", ".join(repr(p) for p in people[:4]) + (f" and {len(people) - 4} more" if len(people) > 4 else "")
        if len(roots) > len(named):
            shown += f"{' and ' if shown else ''}{len(roots) - len(named)} known only as Mr./Ms. {s}"
        _say_apart(
            groups,
            node,
            "surname:ambiguous",
            f"{s!r} alone is left apart: it is the surname of {len(roots)} people in the corpus "
            f"({shown}); merge it into the one meant if you know (J in the app, `reader correct merge`)",
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
