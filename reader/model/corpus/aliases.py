"""Corpus-level entities: consistent kinds across articles, and one entity per real-world referent.

`build_entities` runs on every corpus load from the cached per-file analyses, so it avoids
all-pairs comparisons: names are blocked by kind and leading letters before fuzzy matching.

1. Consistency: each name takes its corpus-majority kind (unless its own article clearly says
   otherwise, e.g. a surname of a person named there); a name tagged in one article is tagged
   where it recurs untagged in others (word boundaries, not inside a longer capitalised name),
   except a one-off tag that the rest of the corpus contradicts by leaving the name untagged.
2. Grouping (union-find over name nodes; every merge records `Evidence`):
   - surname -> the full name in the same article ending in it (exactly or as a spelling variant);
     a surname with no full name in its article -> the only full name in the corpus ending in it;
     a surname shared by several full names in the corpus stays apart, and its evidence says so;
     an honorific's gender must agree with the full name's ("Mr. Obama" is not "Michelle Obama":
     it joins a full name of its gender, else stays its own entity; see surnames.py);
   - transliteration variants of one name (anyascii + rapidfuzz), same kind, never two names
     that appear side by side in one article (different people);
   - explicit alias hints from the text ("X (Y)", "also known as", acronym definitions);
   - a name that follows its parent body inside a longer name ("Minsk Group", "OSCE Minsk Group");
   - acronyms <-> expansions anywhere in the corpus, when the expansion is unique;
   - a name in capitals (a dateline's "BAKU") and the same name in mixed case ("Baku");
   - country names and abbreviations (U.S. / United States), nationality variants (Kazakh /
     Kazakhstani); a nationality is `related` to its country (a link, not a merge).
Ids are stable strings for the same corpus: kind + slug of the canonical name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from anyascii import anyascii

from reader.model.analysis.entity_words import shares_surname
from reader.model.analysis.nationalities import country_name, country_of_demonym
from reader.model.analysis.results import AliasHint, FileAnalysis
from reader.model.corpus import corpus_consistency
from reader.model.corpus.alias_groups import Evidence as Evidence  # re-exported: the records' users import them here
from reader.model.corpus.alias_groups import Groups, Node
from reader.model.corpus.entity_records import Entity
from reader.model.corpus.entity_records import EntityMention as EntityMention
from reader.model.corpus.surnames import (
    fold,
    full_name_genders,
    honorific_before,
    resolve_article_surname,
    resolve_corpus_surnames,
    similar,
)


def build_entities(docs: Iterable[tuple[str, str, FileAnalysis]]) -> list[Entity]:
    """Entities of a corpus from (file key, source text, analysis) triples, read once in order
    (each analysis may be decoded as it is read and dropped: only the mentions and hints are kept).
    Their mentions are one MentionTable's rows (corpus/mention_table.py), as a warm open gives them."""
    keys: list[str] = []
    srcs: list[str] = []
    hints: dict[int, list[AliasHint]] = {}

    def read():
        for f, (key, src, fa) in enumerate(docs):
            keys.append(key)
            srcs.append(src)
            if fa.alias_hints:
                hints[f] = fa.alias_hints
            yield src, fa

    mentions = corpus_consistency.consistent_mentions(read())
    groups = Groups()
    node_at: dict[int, dict[tuple[int, int], Node]] = {}  # file -> span -> node, for its hints
    by_file: dict[int, list] = defaultdict(list)
    for m in mentions:
        by_file[m.file].append(m)
    full_names: dict[str, set[str]] = defaultdict(set)  # surname -> person full names (corpus)
    for m in mentions:
        words = m.name.split()
        if m.kind == "PERSON" and len(words) >= 2:
            full_names[words[-1]].add(m.name)

    _merge_spelling_variants(groups, mentions, full_names)
    implied = {f: _shared_surnames(srcs[f], ms) for f, ms in by_file.items()}
    for names in implied.values():
        for name in names:
            full_names[name.split()[-1]].add(name)
    # the honorific gender written before each one-word person name ("Mr. X" m), per article
    persons: dict[int, set[str]] = {}
    honorific: dict[tuple[int, int, int], str | None] = {}
    written: dict[int, dict[str, set[str | None]]] = {}
    for f, ms in by_file.items():
        persons[f] = {m.name for m in ms if m.kind == "PERSON" and len(m.name.split()) >= 2} | implied[f]
        written[f] = defaultdict(set)
        for m in ms:
            if m.kind == "PERSON" and " " not in m.name:
                honorific[(f, m.start, m.end)] = g = honorific_before(srcs[f], m.start)
                written[f][m.name].add(g)
    genders = full_name_genders(mentions, srcs, persons, written)
    # surnames resolved within their own article first, apart for each gendered honorific
    shared: dict[tuple[str, str], Node] = {}  # one tuple per corpus-wide node, not one per mention
    for f, ms in by_file.items():
        local = {s: resolve_article_surname(groups, f, s, gs, persons[f], genders) for s, gs in written[f].items()}
        several: dict[str, Node | None] = {}
        at: dict[tuple[int, int], Node] = {}
        for m in ms:
            node = shared.get((m.kind, m.name))
            if node is None:
                node = shared[(m.kind, m.name)] = ("G", m.kind, m.name)
            if m.kind == "PERSON" and " " not in m.name:
                node = local[m.name][honorific[(f, m.start, m.end)]]
            elif m.kind == "PERSON":
                if m.name not in several:  # the same answer for every mention of the name here
                    several[m.name] = _surname_of_several_words(groups, f, m.name, persons[f])
                node = several[m.name] or node
            at[(m.start, m.end)] = node
            if node not in groups.parent:  # (finding it again changes no root)
                groups.find(node)
        for m in ms:
            m.node = at[(m.start, m.end)]  # two mentions of one span: the last one's node, for both
        if f in hints:  # only the spans its hints name
            spans = [s for h in hints[f] for s in ((h.a_start, h.a_end), (h.b_start, h.b_end))]
            node_at[f] = {s: at[s] for s in spans if s in at}

    resolve_corpus_surnames(groups, full_names, genders)
    _merge_short_forms(groups, mentions)
    _merge_hints(groups, keys, srcs, hints, node_at)
    _merge_capitals(groups)
    _merge_countries_and_nationalities(groups)
    _merge_acronyms(groups)
    # after hints and acronyms, so that 'U.N. X' and 'United Nations X' are known to share a parent
    _merge_parent_prefixed(groups, mentions)
    for done in (by_file, honorific, written, persons):  # freed before the entities' table is made
        done.clear()
    return _entities(groups, mentions)


def _surname_of_several_words(groups: Groups, f: int, name: str, persons: set[str]) -> Node | None:
    """'El Amrani', 'de la Fuente' alone in an article that names one person in full ending in it
    ('Fatima El Amrani'): that person there, whatever the name means in other articles."""
    key = name.casefold().split()
    full = {p for p in persons if len(p.split()) > len(key) and p.casefold().split()[-len(key) :] == key}
    if len(full) != 1:
        return None
    node: Node = ("L", f, name)
    p = next(iter(full))
    groups.union(("G", "PERSON", p), node, "surname", f"{name!r} is the surname of {p!r} in the same article")
    return node


def _shared_surnames(src: str, ms: list) -> set[str]:
    """'Khalid and Ruth Baker': the full name a given name joined by "and" to a two-word name
    implies ('Khalid Baker'), another person of that surname in the article, so that a later
    'Mr. Baker' is not settled as the only other Baker of his gender."""
    out = set()
    people = sorted((m for m in ms if m.kind == "PERSON"), key=lambda m: m.start)
    for a, b in zip(people, people[1:]):
        first, full = a.name.split(), b.name.split()
        if shares_surname(src, (a.end, first), (b.start, full)):
            out.add(f"{first[0]} {full[1]}")
    return out


# --- spelling variants ---------------------------------------------------------------------------


def _merge_spelling_variants(groups: Groups, mentions: list, full_names: dict[str, set[str]]) -> None:
    """Same-kind names that differ only in transliteration ("Dmitry/Dmitri X", "X Gorbachev/
    Gorbachov"), blocked by kind, word count and leading letters of the first and last words.

    Every word must be a close variant of its counterpart. Two names written differently in the
    same article are taken to be different referents (an article keeps one spelling), except a
    slip in the first word only ("Kristen"/"Kristin X", "Untied/United Nations"). Two surnames
    alone ("Pruett", "Pruitt") are not one name when the corpus writes each in full with other
    given names ("Angela Pruett", "Wade Pruitt"): two families, whose people the variant would
    otherwise join through their surnames."""
    files_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    for m in mentions:
        files_of[(m.kind, m.name)].add(m.file)
    blocks: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for kind, name in files_of:
        if kind == "NORP" or country_name(name) or name.isupper():
            continue
        words = fold(name).split()
        if not words:
            continue
        blocks[(kind, len(words), words[0][:1], words[-1][:2])].append((kind, name))
    for block in blocks.values():
        if len(block) < 2 or len(block) > 200:
            continue
        block.sort()
        for i, (kind, a) in enumerate(block):
            for _, b in block[i + 1 :]:
                wa, wb = a.split(), b.split()
                if files_of[(kind, a)] & files_of[(kind, b)] and not (len(wa) > 1 and wa[1:] == wb[1:]):
                    continue  # side by side: different people, unless only the first word differs
                if kind == "PERSON" and len(wa) == 1 and _other_families(full_names, a, b):
                    continue
                if all(similar(x, y) for x, y in zip(wa, wb)):
                    groups.union(
                        ("G", kind, a), ("G", kind, b), "transliteration", f"{a!r} and {b!r} are spellings of one name"
                    )


def _other_families(full_names: dict[str, set[str]], a: str, b: str) -> bool:
    """Both surnames are written in full in the corpus, and no given name of one is a spelling of a
    given name of the other."""
    firsts_a = {n.split()[0] for n in full_names.get(a, ())}
    firsts_b = {n.split()[0] for n in full_names.get(b, ())}
    return bool(firsts_a and firsts_b) and not any(similar(x, y) for x in firsts_a for y in firsts_b)


# --- short forms ------------------------------------------------------------------------------------


def _merge_short_forms(groups: Groups, mentions: list) -> None:
    """'State Department' = 'US State Department', 'Comic Corps' = 'Comic Corps of Canada':
    an ORG/PLACE name that is another name of the same kind without its leading country word(s)
    or its trailing 'of/for ...' phrase, when the short form only occurs in articles that also
    use the long one (elsewhere it may name another body: another country's "Supreme Court")."""
    files_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    for m in mentions:
        if m.kind in ("ORG", "PLACE"):
            files_of[(m.kind, m.name)].add(m.file)
    for (kind, long), files in files_of.items():
        words = long.split()
        if len(words) < 2:
            continue
        shorts = []
        for k in range(1, min(3, len(words) - 1) + 1):  # a country or nationality before the name
            head = " ".join(words[:k])
            if country_name(head) or country_of_demonym(head):
                shorts.append((" ".join(words[k:]), "country prefix"))
        for k, w in enumerate(words[1:], 1):  # the name before an "of"/"for" phrase
            if w in ("of", "for"):
                shorts.append((" ".join(words[:k]), "short form"))
                break
        for short, rule in shorts:
            key = (kind, short)
            if key in files_of and files_of[key] <= files and not country_name(short):
                what = "its country" if rule == "country prefix" else "the qualifier"
                groups.union(("G", kind, long), ("G", kind, short), rule, f"{short!r} is {long!r} without {what}")


def _merge_parent_prefixed(groups: Groups, mentions: list) -> None:
    """'Minsk Group' = 'OSCE Minsk Group', 'Security Council' = 'UN Security Council': an ORG name
    of two or more words that follows the name of its parent body (an acronym, or another ORG of
    the corpus) inside a longer ORG name is that body wherever it occurs, when only one body's
    longer name ends in it. Longer names whose parents are one body ('U.N. Security Council',
    'United Nations Security Council') are one body first. (A country before a name is different:
    every country has a 'Supreme Court'; see _merge_short_forms.)"""
    orgs = {m.name for m in mentions if m.kind == "ORG"}
    longs_of: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for long in orgs:
        words = long.split()
        for k in range(1, min(3, len(words) - 2) + 1):
            head, short = " ".join(words[:k]), " ".join(words[k:])
            if short not in orgs or country_name(head) or country_of_demonym(head):
                continue
            letters = head.replace(".", "")
            if (k == 1 and 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()) or head in orgs:
                longs_of[short].add((long, head))
    for short, longs in sorted(longs_of.items()):
        if len({groups.find(("G", "ORG", head)) for _, head in longs}) == 1:
            first, head = min(longs)
            for other, other_head in sorted(longs):
                groups.union(
                    ("G", "ORG", first),
                    ("G", "ORG", other),
                    "parent body",
                    f"{first!r} and {other!r} are {short!r} of one parent ({head!r} = {other_head!r})",
                )
        if len({groups.find(("G", "ORG", long)) for long, _ in longs}) != 1:
            continue  # 'Security Council' after two different bodies: which one is meant is unknown
        long, head = min(longs)
        groups.union(
            ("G", "ORG", long),
            ("G", "ORG", short),
            "parent body",
            f"{short!r} is {long!r} without its parent body {head!r}",
        )


# --- names in capitals ------------------------------------------------------------------------------


def _merge_capitals(groups: Groups) -> None:
    """'BAKU' (a dateline, a headline in capitals) is 'Baku': a name in capitals joins the same
    name written in mixed case, of the same kind. Acronyms are capitals anyway: 'NATO' has no
    mixed-case twin to join unless the corpus writes 'Nato', which is the same body."""
    mixed: dict[tuple[str, str], list[Node]] = defaultdict(list)
    capitals: list[Node] = []
    for node in list(groups.parent):
        if node[0] != "G":
            continue
        _, kind, name = node
        letters = [c for c in name if c.isalpha()]
        if len(letters) < 3:
            continue
        if name.isupper():
            capitals.append(node)
        else:
            mixed[(kind, name.casefold())].append(node)
    for node in capitals:
        _, kind, name = node
        twins = mixed.get((kind, name.casefold()), [])
        if len({groups.find(t) for t in twins}) == 1:
            twin = min(twins)
            groups.union(twin, node, "capitals", f"{name!r} is {twin[2]!r} written in capitals")


# --- explicit hints, acronyms -----------------------------------------------------------------------


def _merge_hints(groups: Groups, keys: list[str], srcs: list[str], hints: dict[int, list], node_at: dict) -> None:
    for f, hs in hints.items():
        src, at = srcs[f], node_at.get(f, {})
        for h in hs:
            a = at.get((h.a_start, h.a_end))
            b = at.get((h.b_start, h.b_end))
            if a and b:
                groups.union(
                    a,
                    b,
                    "hint:" + h.rule,
                    f"{src[h.a_start : h.a_end]!r} = {src[h.b_start : h.b_end]!r} ({h.rule}) in {keys[f]}",
                )


_FUNCTION = frozenset("of for and the de du des la le in on at to del da di y".split())


def _initials(name: str) -> set[str]:
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    caps = "".join(w[0] for w in words if w.lower() not in _FUNCTION).upper()
    full = "".join(w[0] for w in words).upper()
    return {caps, full}


def _merge_acronyms(groups: Groups) -> None:
    """'NATO' joins 'North Atlantic Treaty Organization' when that is the
    only multi-word name in the corpus with those initials."""
    expansions: dict[str, set[tuple[str, str]]] = defaultdict(set)
    acronyms = []
    for node in list(groups.parent):
        if node[0] != "G":
            continue
        _, kind, name = node
        letters = name.replace(".", "")
        if 2 <= len(letters) <= 8 and letters.isalnum() and letters.isupper() and " " not in name:
            acronyms.append(node)
        elif len(name.split()) >= 2:
            for ini in _initials(name):
                if len(ini) >= 2:
                    expansions[ini].add((kind, name))
    for node in acronyms:
        _, kind, name = node
        # a person's initials are an acronym only of a person ("AP" in a dateline is no 'Angela Pruett')
        cands = {
            c
            for c in expansions.get(name.replace(".", ""), set())
            if c[0] == kind or (kind == "ORG" and c[0] != "PERSON")
        }
        roots = {groups.find(("G",) + c) for c in cands}
        if len(roots) == 1:
            k, full = min(cands)
            groups.union(("G", k, full), node, "acronym", f"{name!r} is the acronym of {full!r}")


def _merge_countries_and_nationalities(groups: Groups) -> None:
    by_country: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for node in list(groups.parent):
        if node[0] != "G":
            continue
        _, kind, name = node
        country = country_name(name) if kind == "PLACE" else country_of_demonym(name) if kind == "NORP" else None
        if country:
            by_country[(kind, country)].append(node)
    for (kind, country), nodes in by_country.items():
        nodes.sort()
        for n in nodes[1:]:
            rule = "country" if kind == "PLACE" else "nationality"
            groups.union(
                nodes[0],
                n,
                rule,
                f"{nodes[0][2]!r} and {n[2]!r} both name {country}"
                if kind == "PLACE"
                else f"{nodes[0][2]!r} and {n[2]!r} are both {country} nationality words",
            )


# --- entities ------------------------------------------------------------------------------------


def _entities(groups: Groups, mentions: list) -> list[Entity]:
    """The entities of the groups; empties `mentions` (each freed once in the entities' table)."""
    from reader.model.corpus.mention_table import MentionColumns, MentionTable  # numpy: loaded when grouping

    members: dict[Node, list] = defaultdict(list)
    roots: dict[Node, Node] = {}
    for m in mentions:
        node = m.node
        root = roots.get(node)
        if root is None:
            root = roots[node] = groups.find(node)
        members[root].append(m)
    mentions.clear()
    out: list[Entity] = []
    used: Counter = Counter()
    for root, ms in members.items():
        kinds = Counter(m.kind for m in ms)
        kind = kinds.most_common(1)[0][0]
        forms = Counter(m.name for m in ms)
        name = _canonical(forms, kind)
        base = f"{kind.lower()}:{_slug(name)}"
        used[base] += 1
        ent = Entity(base, name, kind)
        ent.aliases = [f for f, _ in forms.most_common() if f != name]
        ent.mentions = sorted(ms, key=lambda e: (e.file, e.start))  # CorpusMentions until the table below
        ent.evidence = list(groups.evidence.get(root, []))
        out.append(ent)
    members.clear()
    # stable, unique ids: the bigger entity keeps the plain slug
    out.sort(key=lambda e: (e.id, -len(e.mentions), e.mentions[0].file, e.mentions[0].start))
    seen: Counter = Counter()
    for e in out:
        seen[e.id] += 1
        if seen[e.id] > 1:
            e.id = f"{e.id}-{seen[e.id]}"
    _link_nationalities(out)
    out.sort(key=lambda e: (-len(e.mentions), e.id))
    # every mention a row of one table (no object each): what the corpus-level record holds
    table, offsets = MentionTable.of([e.mentions for e in out], consume=True)
    for n, e in enumerate(out):
        e.mentions = MentionColumns(table, offsets[n], offsets[n + 1])
    return out


def _canonical(forms: Counter, kind: str) -> str:
    """The most complete frequent form: full names over surnames and acronyms, then frequency."""
    if kind == "PLACE":
        for f, _ in forms.most_common():
            c = country_name(f)
            if c and c in forms:
                return c

    def score(f: str) -> tuple:
        acronym = f.replace(".", "").isupper() and " " not in f
        return (not acronym, min(len(f.split()), 3), forms[f], len(f), f)

    return max(forms, key=score)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-") or "x"


def _link_nationalities(ents: list[Entity]) -> None:
    """'Georgian' (NORP) -> the entity of Georgia (PLACE): related, not merged."""
    places: dict[str, str] = {}
    for e in ents:
        if e.kind == "PLACE":
            c = country_name(e.name)
            if c:
                places.setdefault(c, e.id)
    for e in ents:
        if e.kind == "NORP":
            c = country_of_demonym(e.name) or next(
                (country_of_demonym(a) for a in e.aliases if country_of_demonym(a)), None
            )
            if c and c in places:
                e.related.append(places[c])


def export_rows(docs: list[tuple[str, str, FileAnalysis]], entities: list[Entity]) -> list[dict]:
    """One JSON-ready row per document, in the gold-data schema:
    {"doc": key, "entities": [{"start", "end", "text", "type", "id"}]} (type = entity kind)."""
    rows: list[dict[str, Any]] = [{"doc": key, "entities": []} for key, _, _ in docs]
    for e in entities:
        for m in e.mentions:
            rows[m.file]["entities"].append(
                {"start": m.start, "end": m.end, "text": m.text, "type": e.kind, "id": e.id}
            )
    for r in rows:
        r["entities"].sort(key=lambda x: (x["start"], x["end"]))
    return rows
