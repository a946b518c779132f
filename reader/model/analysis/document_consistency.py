"""Document-level consistency of entity mentions: one name, one kind, tagged wherever it recurs.

The small model tags a name as PERSON in one sentence and ORG in the next, and misses it in a
third. Within one article a capitalised name nearly always keeps its referent, so:
- title-case headlines ("Georgia Calls for Talks as Russian Forces Near City") are unreliable for the model: there only
  names also found in the body (or countries and nationality words) are kept;
- each name gets its majority kind; a single word that is the last word of a person's full name
  in the article is that person (a surname);
- an ORG-tagged name mostly used after "in"/"from"/"across" is a place; so is a name listed
  with places ("Aghdam, Zangilan and Qubadli");
- every untagged recurrence of a tagged name (and of country and nationality words) is tagged,
  respecting word boundaries and not inside a longer capitalised name.
Spans are (view start, view end, kind).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.model.analysis.entity_words import (
    COMMON_CAPITALISED,
    MODIFIER_PREFIXES,
    ORG_HEADS,
    PARTICLES,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    inverted_speech_verb,
)
from reader.model.analysis.namescan import NameScanner, covered, inside_longer_name
from reader.model.analysis.nationalities import (
    GROUPS,
    PLACES,
    country_name,
    country_names,
    demonym_words,
    is_group_word,
    is_place_name,
)

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc


Span = tuple[int, int, str]
_TITLES = TITLE_HEADS | TITLE_MODIFIERS
LOCATIVE = frozenset({"in", "into", "across", "near", "around", "inside", "throughout", "outside"})
_DIRECTION = (["north"], ["south"], ["east"], ["west"], ["northeast"], ["northwest"], ["southeast"], ["southwest"])
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
_SMALL = frozenset("a an and as at but by for from in into is nor of on or over the to under up with via vs".split())


def apply(
    doc: Doc,
    text: str,
    spans: list[Span],
    strong: AbstractSet[Span] = frozenset(),
    blocked: Sequence[tuple[int, int]] = (),
) -> list[Span]:
    """Consistent spans for one article; `strong` spans were typed by a rule, not the model;
    `blocked` spans (other kinds of names) are never tagged."""
    titled = title_case_ranges(text)
    in_title = lambda a: any(s <= a < e for s, e in titled)  # noqa: E731
    body_names = {text[a:b] for a, b, _ in spans if not in_title(a)}
    body_person_words = {w for a, b, k in spans if k == "PERSON" and not in_title(a) for w in text[a:b].split()}
    spans = [
        s
        for s in spans
        if not in_title(s[0])
        or _known(text[s[0] : s[1]], body_names)
        or _known_person(text[s[0] : s[1]], s[2], body_person_words)
    ]

    kinds = _majority_kinds(text, spans, strong)
    surnames = _surnames(text, spans)
    # a person's surname of several words standing alone that the model took for a work or a
    # product ("Ni Bhriain describes ..." after "Siobhan Ni Bhriain"), unless in marks as a title
    blocked = [
        (a, b)
        for a, b in blocked
        if (" " not in text[a:b] or text[a:b] not in surnames or _in_marks(text, a, b))
        # "English, 19, scored": no language (a nationality or language word only: a surname the
        # model took for a product or a craft, "Atlantis lifted off", stays blocked)
        and not (text[a:b] in surnames and is_group_word(text[a:b]) and _surname_acting(doc, a, b))
    ]
    for name, k in _locative_places(doc, text, spans, kinds).items():
        kinds[name] = k
    listed, added = _listed_places(text, spans, kinds, surnames, blocked)
    for name in listed:
        kinds[name] = "PLACE"
    spans = sorted(spans + added)
    fixed = []
    for a, b, k in spans:
        name = text[a:b]
        if name in surnames and not country_name(name) and (not is_group_word(name) or _surname_acting(doc, a, b)):
            k = "PERSON"
        else:
            k = kinds.get(name, k)
        fixed.append((a, b, k))
    return _recurrences(text, fixed, surnames, titled, blocked, doc)


def _surname_acting(doc: Doc, a: int, b: int) -> bool:
    """'Finn, 19, scored twice', 'English said': a surname that is also a nationality, standing as
    a name does (no article before it, a verb or punctuation after it), after the full name."""
    span = doc.char_span(a, b)
    if span is None or len(span) != 1 or span.start == 0 or span.end >= len(doc):
        return False
    before, after = doc[span.start - 1], doc[span.end]
    return before.lower_ not in ("the", "a", "an") and (after.is_punct or after.pos_ in ("VERB", "AUX"))


def _in_marks(text: str, a: int, b: int) -> bool:
    return text[a - 1 : a] in ('"', "'", "\u2018", "\u201c") or text[b : b + 1] in ('"', "'", "\u2019", "\u201d")


def title_case_ranges(text: str) -> list[tuple[int, int]]:
    """Paragraphs written in title case (headlines): most longer words capitalised."""
    out = []
    pos = 0
    for par in text.split("\n\n"):
        words = [w for w in _WORD.findall(par) if w.lower() not in _SMALL and len(w) > 3]
        caps = sum(1 for w in words if w[0].isupper())
        if (
            len(words) >= 3
            and caps >= len(words) - len(words) // 8
            and not par.rstrip().endswith((".", "\u201d", '"'))
            and not re.search(r"[a-z]{2}[.!?] ", par)
        ):
            out.append((pos, pos + len(par)))
        pos += len(par) + 2
    return out


def _known(name: str, body_names: set[str]) -> bool:
    return name in body_names or bool(country_name(name)) or is_group_word(name)


def _known_person(name: str, kind: str, body_person_words: set[str]) -> bool:
    """A full name in a title-case caption whose surname the body uses for a person."""
    words = name.split()
    return kind == "PERSON" and len(words) >= 2 and words[-1] in body_person_words


def _majority_kinds(text: str, spans: list[Span], strong: AbstractSet[Span]) -> dict[str, str]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for s in spans:
        votes[text[s[0] : s[1]]][s[2]] += 2 if s in strong else 1
    out = {}
    for name, c in votes.items():
        top = c.most_common()
        if len(top) == 1 or top[0][1] > top[1][1]:
            out[name] = top[0][0]
    return out


def _surnames(text: str, spans: list[Span]) -> set[str]:
    """Last words of multi-word person names ('X Y' -> 'Y'); and the surnames of several words
    a name of three or more may end with ('Fatima El Amrani' -> 'El Amrani', 'Siobhán Ní Bhriain'
    -> 'Ní Bhriain', 'Lucía de la Fuente' -> 'de la Fuente' and, at a sentence's start, 'De la
    Fuente'), which the model tags as a body when they stand alone."""
    out = set()
    for a, b, k in spans:
        if k == "PERSON":
            parts = text[a:b].split()
            if len(parts) >= 2 and parts[-1][:1].isupper() and len(parts[-1]) > 2:
                out.add(parts[-1])
            out.update(surname_tails(parts))
    return out


def surname_tails(parts: list[str]) -> list[str]:
    """The surnames of several words a person's name of three or more words may end with, as
    they stand alone ('Lucia de la Fuente' -> 'de la Fuente', 'De la Fuente', 'la Fuente')."""
    out = []
    for n in range(1, len(parts) - 1):
        tail = parts[n:]
        if all(w[:1].isupper() and w not in _TITLES or w in PARTICLES for w in tail):
            out.append(" ".join(tail))
            if tail[0][:1].islower():
                out.append(" ".join([tail[0][:1].upper() + tail[0][1:], *tail[1:]]))
    return out


def _locative_places(doc: Doc, text: str, spans: list[Span], kinds: dict[str, str]) -> dict[str, str]:
    """Names the model typed PERSON/ORG but the article uses as places: 'fighting in X',
    'south of X', 'X and Paris' (coordinated with a place). ORG names with an organisation word
    ("... Party") and the surnames of people are left alone."""
    total: Counter = Counter()
    loc: Counter = Counter()
    places = {text[a:b] for a, b, k in spans if kinds.get(text[a:b], k) == "PLACE"}
    for a, b, k in spans:
        name = text[a:b]
        kind = kinds.get(name, k)
        if kind not in ("ORG", "PERSON") or name.isupper() or any(w in ORG_HEADS for w in name.split()):
            continue
        if kind == "PERSON" and " " in name:
            continue
        total[name] += 1
        before = text[max(0, a - 30) : a].split()
        after = text[b : b + 40].split()
        if before and (before[-1] in LOCATIVE or before[-2:-1] in _DIRECTION and before[-1] == "of"):
            loc[name] += 1
        elif len(before) >= 2 and before[-1] in ("and", "or") and before[-2].strip(",") in places:
            loc[name] += 1
        elif len(after) >= 2 and after[0] in ("and", "or") and after[1].strip(",.") in places:
            loc[name] += 1
    need = {"ORG": 2, "PERSON": 1}
    return {n: "PLACE" for n, c in loc.items() if c >= need[kinds.get(n, "ORG")] and c * 3 >= total[n]}


# What joins the members of a list: commas, "and"/"or", and parentheses ("X (Y), Z and W").
_LIST_GAP = re.compile(r"\s*\)?\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or)\s+|\()\s*\(?\s*")
_LIST_NAME = re.compile(r"[A-Z][\w'\u2019\-]*(?: [A-Z][\w'\u2019\-]*){0,2}")


def _list_gap(text: str, a: int, b: int) -> list[tuple[int, int]] | None:
    """The untagged names between two list members when text[a:b] joins them as a list
    (', ', ' and ', ', Y (Z), '); None when it does not."""
    names: list[tuple[int, int]] = []
    pos = a
    while True:
        m = _LIST_GAP.match(text, pos, b)
        if not m or m.end() == pos:
            return None
        pos = m.end()
        if pos == b:
            return names
        n = _LIST_NAME.match(text, pos, b)
        if not n:
            return None
        names.append(n.span())
        pos = n.end()


def _listed_places(
    text: str, spans: list[Span], kinds: dict[str, str], surnames: set[str], blocked: Sequence[tuple[int, int]]
) -> tuple[set[str], list[Span]]:
    """Names listed with places are places: in 'the Tartar, Aghdam, Khojavend (Martuni), Zangilan
    and Qubadli directions' the model read one name as a person and missed two. A list of three or
    more names, at least half of the tagged ones (and two or more) places: a tagged one-word name, or one
    without an organisation word, that is not someone's surname becomes a place (the names
    returned); untagged names in it become places too when then every tagged one is a place (the
    spans returned)."""
    out: set[str] = set()
    added: list[Span] = []
    ordered = sorted(spans)

    def close(run: list[Span], gaps: list[tuple[int, int]]) -> None:
        if len(run) + len(gaps) < 3:
            return
        names = [text[a:b] for a, b, _ in run]
        kinds_of = [kinds.get(n, k) for n, (_, _, k) in zip(names, run)]
        places = sum(k == "PLACE" for k in kinds_of)
        if places < 2 or places * 2 < len(run) or "NORP" in kinds_of:
            return
        for name, k in zip(names, kinds_of):
            if k == "PLACE" or name in surnames or name.isupper():
                continue
            words = name.split()
            if (k == "PERSON" and len(words) > 1) or any(w in ORG_HEADS for w in words):
                continue
            out.add(name)
            places += 1
        if places == len(run):  # every tagged name a place now
            for a, b in gaps:
                name = text[a:b]
                if not any(s < b and a < e for s, e in blocked) and scannable(name) and not is_group_word(name):
                    added.append((a, b, "PLACE"))

    run: list[Span] = []
    gaps: list[tuple[int, int]] = []
    for sp in ordered:
        between = _list_gap(text, run[-1][1], sp[0]) if run and "\n" not in text[run[-1][1] : sp[0]] else None
        if between is not None:
            run.append(sp)
            gaps.extend(between)
        else:
            close(run, gaps)
            run, gaps = [sp], []
    close(run, gaps)
    return out, added


def _recurrences(
    text: str,
    spans: list[Span],
    surnames: set[str],
    titled: list[tuple[int, int]],
    blocked: Sequence[tuple[int, int]],
    doc: Doc | None = None,
) -> list[Span]:
    """Tag untagged recurrences of the article's names, then of country/nationality words. A
    surname recurring after a given name the model left untagged ("Caleb Prentiss" in an article
    that tagged only "Warren Prentiss") is tagged with it: another person of that family."""
    names: dict[str, str] = {n: "PERSON" for n in surnames}
    for a, b, k in spans:  # already consistent: majority kinds, surnames as persons
        names[text[a:b]] = k
    names = {n: k for n, k in names.items() if scannable(n)}
    taken = bytearray(len(text) + 1)
    for a, b, _ in spans:
        taken[a:b] = b"\x01" * (b - a)
    stop = bytearray(len(text) + 1)
    for a, b in blocked:
        stop[a:b] = b"\x01" * (b - a)
    out = sorted(spans)
    starts, ends = [s[0] for s in out], [s[1] for s in out]
    gone: set[int] = set()
    gaz_scanner, gaz_kinds = _gazetteer()
    for scanner, table in ((NameScanner(names), names), (gaz_scanner, gaz_kinds)):
        for a, b, name in scanner.scan(text):
            if any(stop[a:b]):
                continue
            if any(taken[a:b]):
                parts = covered(starts, ends, a, b) if " " in name and table is names else None
                if parts:  # a longer name of this article split into parts here
                    gone.update(parts)
                    out.append((a, b, table[name]))
                    taken[a:b] = b"\x01" * (b - a)
                continue
            kind = table[name]
            in_title = any(s <= a < e for s, e in titled)
            if table is names and name in surnames and doc is not None and not in_title:
                given = _given_name_before(doc, a, b)
                if given is not None:
                    if not any(taken[given:a]) and not any(stop[given:a]):
                        out.append((given, b, "PERSON"))
                        taken[given:b] = b"\x01" * (b - given)
                    continue
            if not in_title and inside_longer_name(text, a, b, _TITLES, kind == "NORP"):
                continue
            out.append((a, b, kind))
            taken[a:b] = b"\x01" * (b - a)
    out = [s for i, s in enumerate(out) if i not in gone]
    out.sort()
    return out


def _given_name_before(doc: Doc, a: int, b: int) -> int | None:
    """Where a given name compounded into the surname at [a, b) starts ('Caleb' in 'Caleb
    Prentiss', at a sentence's start too): a proper noun the parse joins to the surname, that no
    entity type, title, body or common capitalised word claims."""
    sur = doc.char_span(a, b)
    if sur is None or len(sur) != 1 or sur.start == 0:
        return None
    t = doc[sur.start - 1]
    w = t.text
    if (
        t.pos_ == "PROPN"
        and t.dep_ in ("compound", "flat")
        and t.head.i == sur.start
        and t.is_alpha
        and w[:1].isupper()
        and not w.isupper()
        and t.ent_type_ in ("", "PERSON")
        and t.whitespace_ == " "
        and not inverted_speech_verb(t)  # "Explained Ellis:"
        and w not in _TITLES
        and w not in ORG_HEADS
        and w not in COMMON_CAPITALISED
        and not is_group_word(w)
        and not is_place_name(w)
    ):
        return t.idx
    return None


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[NameScanner, dict[str, str]]:
    kinds = {n: "PLACE" for n in country_names() | PLACES}
    kinds.update({n: "NORP" for n in demonym_words() | GROUPS})
    kinds = {n: k for n, k in kinds.items() if scannable(n)}
    return NameScanner(kinds), kinds


def scannable(name: str) -> bool:
    """Whether a name's bare recurrences may be tagged (not 'State', not one letter)."""
    return (
        len(name) >= 2
        and name not in COMMON_CAPITALISED
        and (name[:1].isupper() or name[:1].isdigit())
        and "\n" not in name
        and name.lower() not in MODIFIER_PREFIXES
    )
