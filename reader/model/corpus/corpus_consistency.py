"""Corpus-level consistency of entity mentions, before alias grouping.

Articles in one corpus are about related things, so the kind of a name and whether it is a
name at all carry over between them:
- a name takes the kind the rest of the corpus clearly gives it ("Herat" ORG once, PLACE in three
  other articles), unless its own article makes it a person's surname; after that, one surface
  form has one kind in the whole corpus (majority; a gazetteer place wins a tie); but a country
  name keeps its article's reading as a place or a body (a national team in a match report);
- a name tagged in some article is tagged where it recurs untagged in other articles (whole
  words, not sentence-initial single words, not inside a longer capitalised name);
- a name tagged once but left untagged three or more times elsewhere is a one-off model
  mistake contradicted by the corpus: the tag is dropped and not spread.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from reader.model.analysis.document_consistency import scannable, surname_tails
from reader.model.analysis.entity_words import TITLE_HEADS, TITLE_MODIFIERS
from reader.model.analysis.namescan import NameScanner, covered, inside_longer_name, sentence_start
from reader.model.analysis.nationalities import country_name, is_place_name
from reader.model.analysis.results import FileAnalysis

_TITLES = TITLE_HEADS | TITLE_MODIFIERS
ONE_OFF_UNTAGGED = 3  # untagged recurrences that overrule a single tag


@dataclass(slots=True)
class CorpusMention:
    file: int
    start: int
    end: int
    kind: str
    text: str  # source[start:end], as written (may hold a line break)
    name: str  # whitespace folded, curly apostrophes straightened: the key for grouping
    node: tuple | None = None  # its name node once grouping gave it one (aliases.build_entities)


def fold_name(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


def consistent_mentions(docs: Iterable[tuple[str, FileAnalysis]]) -> list[CorpusMention]:
    """`docs` (source text, analysis) is read once, in order: it may decode each analysis as it
    goes and keep none."""
    folded: dict[str, str] = {}
    mentions = []
    srcs: list[str] = []
    for f, (src, fa) in enumerate(docs):
        srcs.append(src)
        for m in fa.mentions:
            name = folded.get(m.text)
            if name is None:
                name = folded[m.text] = fold_name(m.text)
            mentions.append(CorpusMention(f, m.start, m.end, m.kind, m.text, name))
    surnames = _relabel(mentions)
    return _spread(srcs, mentions, surnames)


def _relabel(mentions: list[CorpusMention]) -> set[tuple[int, str]]:
    """Kinds the corpus clearly gives; returns the (file, surname) pairs kept as persons."""
    corpus: dict[str, Counter] = defaultdict(Counter)
    by_file: dict[int, list[CorpusMention]] = defaultdict(list)
    surnames: set[tuple[int, str]] = set()
    for m in mentions:
        corpus[m.name][m.kind] += 1
        by_file[m.file].append(m)
        if m.kind == "PERSON" and " " in m.name:
            parts = m.name.split(" ")
            surnames.add((m.file, parts[-1]))
            surnames.update((m.file, t) for t in surname_tails(parts))  # "El Amrani" for "Fatima El Amrani"
    # a file at a time: a dict per (file, name) for the whole corpus took gigabytes at 100,000 files;
    # each file's new kinds depend on the corpus's counts, which stay as they were read above
    for f, ms in by_file.items():
        per_name: dict[str, dict[str, int]] = {}
        for m in ms:
            here = per_name.setdefault(m.name, {})
            here[m.kind] = here.get(m.kind, 0) + 1
        new_kind: dict[str, str] = {}
        for name, here in per_name.items():
            total = corpus[name]
            if len(total) < 2 or (f, name) in surnames or _article_decides(name, here):
                continue
            top = sorted(here.items(), key=lambda kv: -kv[1])
            kd, cd = top[0]
            tied = len(top) > 1 and top[1][1] == cd
            others = {k: c - here.get(k, 0) for k, c in total.items() if c - here.get(k, 0) > 0}
            if not others:
                continue
            kc = max(others, key=others.__getitem__)
            if kc != kd and others[kc] >= 2 * cd or tied:
                new_kind[name] = total.most_common(1)[0][0]
        if new_kind:
            for m in ms:
                k = new_kind.get(m.name)
                if k:
                    m.kind = k
    _one_kind_per_name(mentions, surnames)
    return surnames


TIE_ORDER = ("PLACE", "ORG", "PERSON", "NORP")  # a tie between kinds goes to the first


def _one_kind_per_name(mentions: list[CorpusMention], surnames: set[tuple[int, str]]) -> None:
    """One surface form, one kind across the corpus: 'Martuni' is not a place in one article and
    an organisation in the next. The kind most of its mentions have wins (a place name of the
    gazetteer wins a tie as a place). A one-word name that is the surname of a person named in
    full in its own article keeps that reading there ('Washington' for 'George Washington')."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        if (m.file, m.name) not in surnames:
            votes[m.name][m.kind] += 1
    winner: dict[str, str] = {}
    for name, c in votes.items():
        if len(c) < 2:
            continue
        top = max(c.values())
        tied = [k for k in TIE_ORDER if c.get(k) == top]
        if len(tied) > 1 and "PLACE" in tied and (is_place_name(name) or country_name(name)):
            winner[name] = "PLACE"
        else:
            winner[name] = tied[0]
    if winner:
        for m in mentions:
            k = winner.get(m.name)
            if k and (m.file, m.name) not in surnames and not _article_decides(m.name, (m.kind,)):
                m.kind = k


def _article_decides(name: str, kinds: Iterable[str]) -> bool:
    """A country name its article reads as a place or as a body (a national team, "England beat
    France 2-1"), or a known place name its article reads as a place ("in Paris", where another
    article's "Paris" is Valeska Paris): the article's reading stands, whatever other articles
    make of the name."""
    kinds = set(kinds)
    if kinds <= {"PLACE", "ORG"} and country_name(name):
        return True
    return kinds == {"PLACE"} and is_place_name(name)


def _spread(srcs: list[str], mentions: list[CorpusMention], surnames: set[tuple[int, str]]) -> list[CorpusMention]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        votes[m.name][m.kind] += 1
    kinds = {n: c.most_common(1)[0][0] for n, c in votes.items()}
    for n, c in votes.items():  # a team or a person in one article makes none of a place elsewhere
        if kinds[n] != "PLACE" and "PLACE" in c and is_place_name(n):
            kinds[n] = "PLACE"
    # nationality words are already tagged in every article (gazetteer); what is left untagged
    # there was read as something else (the language "English")
    names = [n for n in kinds if scannable(n) and kinds[n] != "NORP"]
    scanner = NameScanner(names)
    by_file: dict[int, list[CorpusMention]] = defaultdict(list)
    for m in mentions:
        by_file[m.file].append(m)
    found: list[CorpusMention] = []
    written: dict[str, str] = {}  # one string per form found, not one per occurrence
    replaced: set[int] = set()
    untagged: Counter = Counter()
    for f, src in enumerate(srcs):
        own = by_file.get(f, [])
        own_names = {m.name for m in own}
        starts, ends = [m.start for m in own], [m.end for m in own]
        taken = bytearray(len(src) + 1)
        for m in own:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        for a, b, name in scanner.scan(src):
            if any(taken[a:b]):
                parts = covered(starts, ends, a, b) if " " in name else None
                if parts and len(parts) == 1 and (f, name) in surnames and own[parts[0]].start == a:
                    continue  # "El Amrani" alone after "Fatima El Amrani": a surname here, whatever elsewhere
                if parts:  # a longer name known elsewhere, split into parts here
                    for i in parts:
                        replaced.add(id(own[i]))
                    found.append(CorpusMention(f, a, b, kinds[name], written.setdefault(t := src[a:b], t), name))
                    taken[a:b] = b"\x01" * (b - a)
                continue
            if inside_longer_name(src, a, b, _TITLES, kinds[name] == "NORP"):
                continue
            untagged[name] += 1
            if " " not in name and name not in own_names and sentence_start(src, a):
                continue  # "Key findings...": a capitalised word, not evidence of the name
            found.append(CorpusMention(f, a, b, kinds[name], written.setdefault(t := src[a:b], t), name))
    # one-off tags that the rest of the corpus leaves untagged
    dropped = {n for n, c in votes.items() if sum(c.values()) == 1 and untagged[n] >= ONE_OFF_UNTAGGED}
    own = [m for m in mentions if m.name not in dropped and id(m) not in replaced]
    return _in_text_order(own, [m for m in found if m.name not in dropped])


def _in_text_order(a: list[CorpusMention], b: list[CorpusMention]) -> list[CorpusMention]:
    """a + b sorted stably by (file, start). Both come in file order: then a file at a time by
    start alone, which makes no key tuple per mention (millions at 100,000 files)."""
    if any(x.file > y.file for x, y in zip(a, a[1:])) or any(x.file > y.file for x, y in zip(b, b[1:])):
        return sorted(a + b, key=lambda m: (m.file, m.start))
    out: list[CorpusMention] = []
    i = j = 0
    while i < len(a) or j < len(b):
        f = min(a[i].file if i < len(a) else b[j].file, b[j].file if j < len(b) else a[i].file)
        lo = len(out)
        while i < len(a) and a[i].file == f:
            out.append(a[i])
            i += 1
        while j < len(b) and b[j].file == f:
            out.append(b[j])
            j += 1
        out[lo:] = sorted(out[lo:], key=_START)
    return out


_START = attrgetter("start")
