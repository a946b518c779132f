"""Authors for citations: the people a byline names, and each name split into family and given parts.

A careful simple split rather than a name-parsing library: the well-kept one (nameparser) is
LGPL, and citations need little: "Last, First" or "First [particle] Last [suffix]", initials
for APA, and a name kept whole (CSL "literal") when it cannot be split honestly (one word,
an agency). Bylines name organisations too ("By Reuters Staff", "The Associated Press"): those
are no author, so a citation falls back to title first rather than invent a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# lower-case words that belong to the family name ("Ludwig van Beethoven": family "van Beethoven")
_PARTICLES = frozenset(
    "van von der den de del della di da dos das du le la ter ten bin ibn al el st. san zu af av".split()
)
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv v phd ph.d. md m.d.".split())
# words that make a byline segment an organisation or a role, not a person
_NOT_PERSON = frozenset(
    "staff press news service services agency agencies wire wires reuters afp ap upi dpa "
    "tass xinhua ria interfax editorial editors editor board correspondent correspondents reporter "
    "reporters writer writers contributor contributors desk team bureau newsroom times post journal "
    "herald tribune guardian telegraph report reports radio television tv online media group daily weekly "
    "associated international national foreign political senior chief special analysis opinion "
    "photographer photographs photos".split()
)
_SPLIT = re.compile(r"\s*(?:,\s*and\s+|\band\b|&|;|\+|,)\s*", re.I)
_PLACE_TAIL = re.compile(r"\s+(?:in|at|from|for|with)\s+[A-Z].*$")  # "Jane Roe in London", "... for Reuters"
_BY = re.compile(r"^\s*(?:by|written by|words by|reporting by|story by)[:\s]+", re.I)
_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[A-Z]\.)$")


@dataclass(frozen=True, slots=True)
class Name:
    """A person's name for a citation: family/given parts, or kept whole (`literal`)."""

    family: str = ""
    given: str = ""
    particle: str = ""  # "van", "de la": CSL's non-dropping particle, part of the family name
    suffix: str = ""
    literal: str = ""

    @property
    def full(self) -> str:
        """As it is written in running text: 'Jane Roe', 'Ludwig van Beethoven', 'Martin Luther King Jr.'."""
        if self.literal:
            return self.literal
        return " ".join(x for x in (self.given, self.particle, self.family) if x) + (
            f" {self.suffix}" if self.suffix else ""
        )

    @property
    def family_full(self) -> str:
        return " ".join(x for x in (self.particle, self.family) if x)

    def inverted(self) -> str:
        """'Roe, Jane' (BibLaTeX and RIS write names this way; commas in parts are impossible)."""
        if self.literal:
            return self.literal
        out = self.family_full
        if self.suffix:
            return f"{out}, {self.suffix}, {self.given}" if self.given else f"{out}, {self.suffix}"
        return f"{out}, {self.given}" if self.given else out

    def initials(self) -> str:
        """APA's initials of the given names: 'Jane Marie' -> 'J. M.', 'Jean-Paul' -> 'J.-P.'."""
        out = []
        for word in self.given.split():
            parts = [p for p in word.split("-") if p]
            out.append("-".join(f"{p[0]}." for p in parts))
        return " ".join(out)

    def csl(self) -> dict:
        """The CSL-JSON name object."""
        if self.literal:
            return {"literal": self.literal}
        d = {"family": self.family, "given": self.given}
        if self.particle:
            d["non-dropping-particle"] = self.particle
        if self.suffix:
            d["suffix"] = self.suffix
        return {k: v for k, v in d.items() if v}


def _titlecase(s: str) -> str:
    """'JANE ROE' -> 'Jane Roe' (bylines are often in capitals); mixed case is kept."""
    if s.upper() != s or not any(c.isalpha() for c in s):
        return s
    return re.sub(r"[^\W\d_]+(?:['’][^\W\d_]+)?", lambda m: m.group(0).capitalize(), s.lower())


def split_name(name: str) -> Name:
    """Family and given parts of one person's name ('Roe, Jane' or 'Jane Roe')."""
    s = " ".join(name.split()).strip(" ,;")
    if not s:
        return Name()
    if "," in s:  # "Roe, Jane" or "Roe, Jr., Jane" (the inverted form)
        parts = [p.strip() for p in s.split(",") if p.strip()]
        if len(parts) == 3 and parts[1].casefold() in _SUFFIXES:
            return Name(family=parts[0], given=parts[2], suffix=parts[1])
        if len(parts) == 2 and parts[1].casefold() in _SUFFIXES:  # "Martin Luther King, Jr."
            inner = split_name(parts[0])
            return Name(inner.family, inner.given, inner.particle, parts[1], inner.literal)
        if len(parts) == 2:
            fam_words = parts[0].split()
            lead = [w for w in fam_words[:-1] if w.casefold() in _PARTICLES]
            family = " ".join(fam_words[len(lead) :])
            return Name(family=family, given=parts[1], particle=" ".join(lead))
        return Name(literal=s)
    words = s.split()
    suffix = ""
    if len(words) > 2 and words[-1].casefold() in _SUFFIXES:
        suffix = words.pop()
    if len(words) < 2:
        return Name(literal=s)
    family = words.pop()
    particles: list[str] = []
    while len(words) > 1 and words[-1].casefold() in _PARTICLES and words[-1][:1].islower():
        particles.insert(0, words.pop())
    return Name(family=family, given=" ".join(words), particle=" ".join(particles), suffix=suffix)


def _is_person(segment: str) -> bool:
    words = segment.split()
    if not 2 <= len(words) <= 5:
        return False
    if any(w.casefold().strip(".") in _NOT_PERSON for w in words):
        return False
    for w in words:
        if w.casefold() in _PARTICLES or w.casefold() in _SUFFIXES:
            continue
        if not _WORD.match(w):
            return False
    return True


def authors_of(author: str | None, byline: str | None) -> list[Name]:
    """The people who wrote an article: `author` (as importers set it) if given, else the byline's.

    "By Jane Roe and John Doe" gives two names; "By JANE ROE, Staff Writer" gives 'Jane Roe';
    "By Reuters Staff" or a byline that is not a list of names gives none.
    """
    if author and author.strip():
        return _importer_authors(" ".join(author.split()))
    if not byline or not byline.strip():
        return []
    s = _BY.sub("", " ".join(byline.split()))
    s = re.sub(r"\s*(?:\||/|\(|\s[-–—]\s).*$", "", s)  # "Jane Roe | AP", "Jane Roe (Reuters)"
    out: list[Name] = []
    for seg in _SPLIT.split(s):
        seg = _PLACE_TAIL.sub("", _titlecase(seg.strip(" ,;")))
        if _is_person(seg):
            out.append(split_name(seg))
    return out


def _importer_authors(s: str) -> list[Name]:
    """An importer's author field: names separated by ';', 'and' or '&' (each may be inverted,
    'Roe, Jane'), or by commas when no name is inverted. Nothing is dropped: an importer said
    these are the authors, so what is no person's name is kept whole."""
    s = _BY.sub("", s)
    parts = [p for p in re.split(r"\s*;\s*|\s+and\s+|\s*&\s*", s) if p.strip(" ,")]
    if len(parts) == 1 and s.count(",") >= 2 and not any(w.casefold().strip(",") in _SUFFIXES for w in s.split()):
        parts = [p for p in s.split(",") if p.strip()]  # "Jane Roe, John Doe, Ann Lee"
    out = []
    for p in parts:
        p = _titlecase(p.strip(" ,"))
        out.append(split_name(p) if len(p.split()) >= 2 or "," in p else Name(literal=p))
    return out


def join_names(names: list[str], conj: str = "and") -> str:
    """'A', 'A and B', 'A, B, and C' (serial comma, as Chicago and APA write lists)."""
    if len(names) <= 2:
        return f" {conj} ".join(names)
    return ", ".join(names[:-1]) + f", {conj} " + names[-1]
