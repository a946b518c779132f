"""Explicit alias patterns in one article's text: where the writer says two names are one.

- acronyms: "North Atlantic Treaty Organization (NATO)" -- the expansion is
  re-spanned as one name (the model often splits it), and the acronym gets its kind;
- parentheses: "Tskhinvali (Tskhinval)", guarded against qualifiers ("Portland (Maine)", "(Democrat)");
  a name in parentheses after a place that is not an alias is a place itself ("Portland (Maine)");
- "X, also known as Y", "X (also called Y)", "X, formerly Y";
- "Y, the Georgian name for X", "Y [the ... name for X]", and "'... Y ...', ... using the ... name for X".
Spans are (view start, view end, kind); a side that is not yet a mention becomes one with the
other side's kind.
"""

from __future__ import annotations

import re

from anyascii import anyascii
from rapidfuzz import fuzz

from reader.model.analysis.entity_words import FACILITY_HEADS, GENERIC_WORDS, KNOWN_ORGS, ORG_HEADS, holds_acronym
from reader.model.analysis.nationalities import country_name, is_group_word

Span = tuple[int, int, str]
Hint = tuple[tuple[int, int], tuple[int, int], str]

_NAME = r"[A-Z][\w'\u2019.\-]*(?: (?:[A-Z][\w'\u2019.\-]*|of|for|and|the|de|al|in))*(?<=[\w.])"
_ACRONYM = re.compile(r" \((?:the )?([A-Z][A-Za-z0-9&.\-]{1,11})\)")
_PAREN = re.compile(r" \((" + r"[A-Z][\w'\u2019\-]*(?: [A-Z][\w'\u2019\-]*){0,2}" + r")\)")
_AKA = re.compile(
    r"(?:,| \()\s*(?:also |otherwise |more commonly |better |formerly )?"
    r"(?:known as|called|named|formerly|dubbed) (?:the )?(" + _NAME + ")"
)
_NAME_FOR = re.compile(r"(?:, |\s?[\[(])the (?:[A-Z][\w\-]+ )+name (?:for|of) (?:the )?(" + _NAME + ")")
_USING_NAME_FOR = re.compile(r"using the (?:[A-Z][\w\-]+ )+name (?:for|of) (?:the )?(" + _NAME + ")")
_FUNCTION = frozenset("of for and the de du des la le in on at to del da di y".split())


def find(text: str, spans: list[Span]) -> tuple[list[Span], list[Hint]]:
    spans = sorted(spans)
    hints: list[Hint] = []
    spans = _acronyms(text, spans, hints)
    by_end = {b: (a, b, k) for a, b, k in spans}
    places: list[tuple[int, int]] = []
    for m in _PAREN.finditer(text):
        x = by_end.get(m.start())
        y0, y1 = m.span(1)
        if x and _alias_in_parens(text, x, text[y0:y1], spans):
            hints.append(((x[0], x[1]), (y0, y1), "parenthesis"))
        elif x and x[2] == "PLACE" and _place_in_parens(text, x, m.end(), text[y0:y1], spans):
            places.append((y0, y1))
    if places:  # "Portland (Maine)", "Khojavend (Martuni)": the name in parentheses is a place too
        spans = sorted(
            [s for s in spans if not any(s[0] < b and a < s[1] for a, b in places)]
            + [(a, b, "PLACE") for a, b in places]
        )
    for m in _AKA.finditer(text):
        x = by_end.get(m.start())
        if x:
            hints.append(((x[0], x[1]), _trim_name(text, *m.span(1)), "also-known-as"))
    for m in _NAME_FOR.finditer(text):
        y = by_end.get(m.start())
        if y:
            hints.append(((y[0], y[1]), _trim_name(text, *m.span(1)), "name-for"))
    for m in _USING_NAME_FOR.finditer(text):
        q = _last_name_in_quote(text, m.start(), spans)
        if q:
            hints.append((q, _trim_name(text, *m.span(1)), "name-for"))
    spans = _ensure_mentions(text, spans, hints)
    return spans, hints


def _trim_name(text: str, a: int, b: int) -> tuple[int, int]:
    """Cut trailing function words and a final sentence period off a matched name."""
    words = text[a:b].split(" ")
    while len(words) > 1 and words[-1] in _FUNCTION:
        words.pop()
    b = a + len(" ".join(words))
    if text[b - 1] == "." and not re.search(r"\.\w\.$|^\w\.$", text[a:b]) and b - a > 2:
        b -= 1
    return a, b


# --- acronyms ----------------------------------------------------------------------------


def _acronyms(text: str, spans: list[Span], hints: list[Hint]) -> list[Span]:
    for m in _ACRONYM.finditer(text):
        acr = m.group(1)
        letters = [c for c in acr if c.isupper() or c.isdigit()]
        if len(letters) < 2 or sum(c.isupper() for c in acr) < 2:
            continue
        x = _expansion(text, m.start(), letters)
        if x is None:
            continue
        a, b = x
        kind = next((k for s, e, k in spans if s == a), None) or next((k for s, e, k in spans if s <= a < e), "ORG")
        if kind == "NORP" or kind == "PERSON":
            kind = "ORG"
        y = m.span(1)
        spans = [s for s in spans if s[1] <= a or s[0] >= b] + [(a, b, kind)]
        spans = [s for s in spans if s[1] <= y[0] or s[0] >= y[1]] + [(y[0], y[1], kind)]
        spans.sort()
        hints.append(((a, b), y, "acronym"))
    return spans


def _expansion(text: str, end: int, letters: list[str]) -> tuple[int, int] | None:
    """The words just before `end` whose initials spell the acronym, as a view span."""
    words = [(w.start(), w.end(), w.group()) for w in re.finditer(r"[\w'\u2019.&\-]+", text[max(0, end - 200) : end])]
    off = max(0, end - 200)
    words = [(a + off, b + off, w) for a, b, w in words]
    if not words or words[-1][1] != end:
        return None
    n = len(letters)
    for first in range(len(words) - 1, max(-1, len(words) - 3 * n - 2), -1):
        seq = words[first:]
        w0 = seq[0][2]
        if not (w0[:1].isupper() or w0[:1].isdigit()):
            continue
        if _spells([w for _, _, w in seq], [c.upper() for c in letters]):
            return seq[0][0], seq[-1][1]
    return None


def _spells(words: list[str], letters: list[str]) -> bool:
    """Whether the capitalised words' initials (function words optional) spell `letters`."""

    def go(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(letters)
        w = words[i]
        optional = w.lower() in _FUNCTION
        if optional and go(i + 1, j):
            return True
        parts = [p for p in re.split(r"-", w) if p]  # "Al-Qaeda" may give one or two letters
        for take in {1, len(parts)} if len(parts) > 1 else {1}:
            if j + take <= len(letters) and all(p[:1].upper() == letters[j + t] for t, p in enumerate(parts[:take])):
                if go(i + 1, j + take):
                    return True
        return False

    return len(words) <= 2 * len(letters) + 2 and go(0, 0)


# --- parentheses and quotes -----------------------------------------------------------------


def _alias_in_parens(text: str, x: Span, y: str, spans: list[Span]) -> bool:
    """'Tskhinvali (Tskhinval)' is an alias; '(Maine)', '(Democrat)', '(AFP)', '(R)' are not."""
    xs = text[x[0] : x[1]]
    if y.isupper() or is_group_word(y) or country_name(y) or country_name(xs) or x[2] == "NORP":
        return False
    if fuzz.ratio(anyascii(xs).lower(), anyascii(y).lower()) >= 60:
        return True  # a spelling variant: "Tskhinvali (Tskhinval)"
    if x[2] == "PERSON" and holds_acronym(y):
        return False  # "Farah Ismail (Nee Soon GRC)": a seat or a party; no one's name holds an acronym
    other = {k for a, b, k in spans if text[a:b] == y}
    if other and x[2] not in other:
        return False
    if y.split()[-1] in FACILITY_HEADS:
        return True  # a building is no region: 'Masjid al-Haram (Grand Mosque)' is one place
    return not (x[2] == "PLACE" or other == {"PLACE"})  # a place after a place is a qualifier


def _place_in_parens(text: str, x: Span, after: int, y: str, spans: list[Span]) -> bool:
    """Whether the name in 'X (Y)' after a place X is a place: not a wire service after a dateline
    ('MOSCOW (Reuters) -'), an abbreviation, a group or an organisation, nor a name the article
    gives another kind."""
    if text[x[0] : x[1]].isupper() or re.match(r"\s*(?:--|[-\u2013\u2014])", text[after : after + 4]):
        return False
    words = y.split()
    if y.isupper() or is_group_word(y) or y in KNOWN_ORGS or any(w in ORG_HEADS or w in GENERIC_WORDS for w in words):
        return False
    return not {k for a, b, k in spans if text[a:b] == y} - {"PLACE"}


def _last_name_in_quote(text: str, pos: int, spans: list[Span]) -> tuple[int, int] | None:
    """The last name inside the quotation that closes shortly before `pos` in the same sentence."""
    window = text[max(0, pos - 300) : pos]
    close = max(window.rfind("\u201d"), window.rfind('"'))
    if close < 0 or re.search(r"[.!?] ", window[close:]):
        return None
    close += max(0, pos - 300)
    opening = max(text.rfind("\u201c", 0, close), text.rfind('"', 0, close))
    if opening < 0:
        return None
    inside = [s for s in spans if opening < s[0] and s[1] <= close]
    names = list(re.finditer(r"(?<!^)(?<![.!?\u201c\"] )\b[A-Z][\w\-]+", text[opening + 1 : close]))
    best = (inside[-1][0], inside[-1][1]) if inside else None
    if names:
        a, b = names[-1].span()
        cand = (a + opening + 1, b + opening + 1)
        if best is None or cand[0] > best[0]:
            best = cand
    return best


def _ensure_mentions(text: str, spans: list[Span], hints: list[Hint]) -> list[Span]:
    """Make both sides of every hint a mention, typed like the side that already is one."""
    kind_at = {(a, b): k for a, b, k in spans}
    for (a1, b1), (a2, b2), _ in hints:
        k = kind_at.get((a1, b1)) or kind_at.get((a2, b2))
        if k is None:
            continue
        for a, b in ((a1, b1), (a2, b2)):
            if kind_at.get((a, b)) != k:  # untagged, or typed apart from the name it equals
                spans = [s for s in spans if s[1] <= a or s[0] >= b] + [(a, b, k)]
                kind_at[(a, b)] = k
    return sorted(spans)
