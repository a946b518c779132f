"""National sports teams: a country that plays a match is a side (ORG), not a place.

A match report names the sides by their countries ("Sweden defeated South Korea 1 - 0",
"Group G - Tunisia 1 - 2 England"), and the model tags them as places. A score with two
different countries beside it in one clause, one of them right at it, marks both as sides; then the article's other
mentions of a side are the team too ("Sweden had more of the ball", "Korea's Kim"), and so are
"the Belgians", except where the name stands as a place ("in Sweden", "from Brazil").
Spans are (view start, view end, kind).
"""

from __future__ import annotations

import re

from reader.model.analysis.document_consistency import LOCATIVE
from reader.model.analysis.nationalities import country_name, country_of_demonym

Span = tuple[int, int, str]
Link = tuple[tuple[int, int], tuple[int, int]]  # (view start, end) of two names of one side

# "1 - 0", "3-2", "1 \u2013 2": one- or two-digit goals (not a year range, a date or a clock time,
# not a share: "1-2 percent")
_SCORE = re.compile(
    r"(?<![\w\-\u2013\u2014/.:,])\d{1,2} ?[\-\u2013\u2014] ?\d{1,2}(?![\w\-\u2013\u2014/.:%]| ?per ?cent)"
)
# what ends a clause: a side stands in the clause of its score
_CLAUSE_END = re.compile(r"[,;:.!?()\[\]\n]")
_NEAR = 4  # words between a side and its score at most ("Sweden defeated South Korea 1 - 0")
_PLACED = LOCATIVE | {"from"}  # not "to": "lost 1 - 2 to England"


def retype(text: str, spans: list[Span]) -> tuple[list[Span], list[Link]]:
    """The spans with the countries that play a match in this article typed ORG, and links from
    a side's other names ("Korea", "the Belgians") to its full name, for alias grouping."""
    sides = _sides(text, spans)
    if not sides:
        return spans, []
    short = {c.split()[-1]: c for c in sides if " " in c}  # "Korea" of "South Korea"
    out: list[Span] = []
    other: list[tuple[tuple[int, int], str]] = []  # a side's other names, with its country
    full: dict[str, tuple[int, int]] = {}  # each side's first mention by its own name
    for a, b, k in spans:
        name = text[a:b]
        country = country_name(name)
        demonym = country_of_demonym(name) if k == "NORP" and name.endswith("s") else None
        if k in ("PLACE", "ORG") and (country in sides or name in short) and not _placed(text, a):
            out.append((a, b, "ORG"))
            if country in sides:
                full.setdefault(country, (a, b))
            else:
                other.append(((a, b), short[name]))
        elif demonym in sides and text[max(0, a - 4) : a].lower() == "the ":
            out.append((a, b, "ORG"))  # "putting the Belgians in the lead"
            other.append(((a, b), demonym))
        else:
            out.append((a, b, k))
    links = [(span, full[c]) for span, c in other if c in full]
    return out, links


def _sides(text: str, spans: list[Span]) -> set[str]:
    """The canonical countries beside a score in one clause: two different ones, one of them
    right at the score ("Korea 1 - 0", "1 - 0 Korea"), the other a few words off at most."""
    countries = [(a, b, c) for a, b, k in spans if k in ("PLACE", "ORG") and (c := country_name(text[a:b]))]
    out: set[str] = set()
    for m in _SCORE.finditer(text):
        near, touching = set(), False
        for a, b, c in countries:
            gap = text[b : m.start()] if b <= m.start() else text[m.end() : a] if a >= m.end() else None
            if gap is not None and not _CLAUSE_END.search(gap) and len(gap.split()) <= _NEAR:
                near.add(c)
                touching = touching or not gap.strip()
        if len(near) >= 2 and touching:
            out |= near
    return out


def _placed(text: str, a: int) -> bool:
    """'in Sweden', 'from Brazil': the name as a place, not a side."""
    before = text[max(0, a - 20) : a].split()
    return bool(before) and before[-1].lower() in _PLACED
