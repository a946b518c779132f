#!/usr/bin/env python3
"""A perturbed copy of a quote gold directory: same quotes, same speakers, other surface.

    python3 benchmarks/quote_perturb.py SRC DST --names [--marks | --single] [--flatten] [--verbs] [--seed N]

SRC holds .txt articles and a gold.jsonl in the shared scorer's schema; DST gets the perturbed
texts and a gold.jsonl whose offsets, quote texts and speakers are recomputed exactly. Each
perturbation is chosen by a flag and is deterministic for a seed (per article):

--names    each person name (gold speakers that spaCy takes for a person, and spaCy's PERSON
           entities) is replaced by a name from another culture: given names and surnames are
           mapped word by word, consistently within an article, so "Ann Bell" and "Bell" alone
           stay one person; new names have two to four words, particles ("van der Berg") and
           hyphens. Gold speaker strings are mapped the same way.
--marks    curly double marks become straight and straight ones curly.
--single   British style: double marks become single (curly), single marks nested inside them
           double.
--flatten  every whitespace run holding a line break becomes one space (tests/flatten.py).
--verbs    "said"/"says" outside the gold quotes becomes another speech verb of the same tense
           (stated, added, noted, remarked, explained); passives and "said to" are kept.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import zlib
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.flatten import flatten  # noqa: E402

Index = Callable[[int], int]
Edit = tuple[int, int, str]  # replace text[start:end] by the string

# (given names, surname as news uses it alone), by the given names' gender
NAMES = {
    "f": [
        ("Ngozi", "Adeyemi-Bello"),
        ("Nguyen Thi", "Lan"),
        ("Priyanka", "Raghunathan"),
        ("Małgorzata", "Wiśniewska"),
        ("Fatima", "El Amrani"),
        ("María José", "Fernández Larraín"),
        ("Camila", "Aravena Soto"),
        ("Anouk", "de Vries"),
        ("Siobhán", "Ní Bhriain"),
        ("Thandiwe", "Dlamini"),
        ("Ioana", "Popescu"),
        ("Lucía", "de la Fuente"),
        ("Adaeze", "Nwosu"),
        ("Deepika", "Venkataraman"),
        ("Zofia", "Kowalczyk-Mazur"),
    ],
    "m": [
        ("Chukwuemeka", "Okonkwo"),
        ("Oluwaseun", "Babatunde"),
        ("Tran Van", "Minh"),
        ("Pham", "Quang Huy"),
        ("Venkatesh", "Subramaniam"),
        ("Arjun", "Das Gupta"),
        ("Krzysztof", "Szczepański-Nowak"),
        ("Wojciech", "Brzęczyszczykiewicz"),
        ("Abdulrahman", "al-Hashimi"),
        ("Youssef", "Abu Zaid"),
        ("Joaquín", "Errázuriz"),
        ("Pieter", "van der Berg"),
        ("Kwame", "Mensah"),
        ("Bongani", "Nkosi-Mthembu"),
        ("Tariq", "bin Khalid"),
    ],
}

_TITLES = frozenset(
    "mr mrs ms miss dr sir dame lord lady prof president sen senator rep gov governor secretary "
    "gen judge justice rev mayor chairman speaker former vice the a an st jr sr ii iii".split()
)
_NAME_WORD = re.compile(r"^[A-Z][\w'’-]*[a-z][\w'’-]*$")  # a capitalised word, not an initial


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, Index]:
    """The text with non-overlapping edits applied, and a map of old offsets to new ones (an
    offset inside a replaced stretch maps into its replacement, clipped to its length)."""
    edits = sorted(edits)
    out: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []  # new minus old offset, for offsets at or after each edit's end
    pos = shift = 0
    for a, b, new in edits:
        if a < pos:
            continue  # overlapping: keep the first
        out.append(text[pos:a])
        out.append(new)
        starts.append(a)
        shifts.append(shift)
        shift += len(new) - (b - a)
        pos = b
    out.append(text[pos:])
    ends = [b for a, b, _ in edits]
    news = [len(new) for _, _, new in edits]
    total = [s + n - (b - a) for s, n, (a, b, _) in zip(shifts, news, edits, strict=False)]

    def index(i: int) -> int:
        k = bisect_right(starts, i) - 1
        if k < 0:
            return i
        if i >= ends[k]:
            return i + total[k]
        return starts[k] + shifts[k] + min(i - starts[k], news[k])

    return "".join(out), index


# ---------------------------------------------------------------- names


def _name_words(name: str) -> list[str]:
    words = [w.rstrip(",.") for w in re.split(r"\s+", name.strip())]
    words = [re.sub(r"['’]s$", "", w) for w in words]
    while words and words[0].lower().rstrip(".") in _TITLES:
        words.pop(0)
    return [w for w in words if w]


def _person_names(text: str, golds: list[str], nlp) -> list[list[str]]:
    """Name word lists of the article's people, in order of first mention: spaCy's PERSON
    entities, and gold speakers spaCy tags as a person somewhere or whose surname a PERSON has."""
    doc = nlp(text)
    people = [_name_words(e.text) for e in doc.ents if e.label_ == "PERSON"]
    person_words = {w for p in people for w in p}
    for g in golds:
        words = _name_words(g)
        if words and all(_NAME_WORD.match(w) for w in words) and words[-1] in person_words:
            people.append(words)
    return [[w for w in p] for p in people if p and all(_NAME_WORD.match(w) for w in p)]


def _gender(text: str, words: list[str]) -> str | None:
    """The person's gender as the text gives it (an honorific before the surname, the given
    name, else the first personal pronoun after the first mention), so that a new name fits
    its pronouns."""
    from reader.model.analysis.speech_words import given_name_gender

    m = re.search(r"\b(Mr|Mrs|Ms|Miss)\.? " + re.escape(words[-1]) + r"\b", text)
    if m:
        return "m" if m.group(1) == "Mr" else "f"
    if len(words) > 1 and given_name_gender(words[0]):
        return given_name_gender(words[0])
    i = max(text.find(" ".join(words)), 0)
    m = re.search(r"\b(he|she|his|her|him|hers)\b", text[i : i + 300], re.I)
    return None if m is None else "f" if m.group(1).lower() in ("she", "her", "hers") else "m"


def name_map(text: str, golds: list[str], nlp, rng: random.Random) -> dict[str, str]:
    """Old name word -> new words: surnames (the last word of a name) to new surnames, given
    names (the first word of a name of two or more words) to new given names of the same
    gender; a word that is a surname anywhere is a surname."""
    pools = {g: rng.sample(names, len(names)) for g, names in NAMES.items()}
    people = _person_names(text, golds, nlp)
    surnames = {p[-1] for p in people}
    mapping: dict[str, str] = {}
    for words in sorted(people, key=len, reverse=True):  # full names first: their gender
        surname = words[-1]
        given = words[0] if len(words) > 1 and words[0] not in surnames else None
        if surname in mapping and (given is None or given in mapping):
            continue
        g = _gender(text, words) or rng.choice("fm")
        new_given, new_surname = pools[g][0]
        pools[g].append(pools[g].pop(0))
        mapping.setdefault(surname, new_surname)
        if given is not None:
            mapping.setdefault(given, new_given)
    return mapping


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] in ".!?\n“‘(—:":
        return True
    return text[j] == '"' and (j == 0 or text[j - 1].isspace())  # an opening straight mark


def name_edits(text: str, mapping: dict[str, str]) -> list[Edit]:
    if not mapping:
        return []
    pat = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(mapping, key=len, reverse=True))) + r")(?![\w-])")
    edits = []
    for m in pat.finditer(text):
        new = mapping[m.group(1)]
        if _sentence_start(text, m.start()):
            new = new[0].upper() + new[1:]
        edits.append((m.start(), m.end(), new))
    return edits


def map_speaker(speaker: str | None, mapping: dict[str, str]) -> str | None:
    if not speaker:
        return speaker
    new, _ = apply_edits(speaker, name_edits(speaker, mapping))
    return new


# ---------------------------------------------------------------- marks


def _opens(text: str, i: int) -> bool:
    """Whether the straight mark at i opens a quotation: after a space or a bracket, or right
    after another mark that opens (a nested quote's marks side by side)."""
    prev = text[i - 1] if i else " "
    if prev.isspace() or prev in "([{—–/":
        return True
    if prev in "\"'“‘":
        return prev in "“‘" or _opens(text, i - 1)
    return False


def mark_edits(text: str, single: bool) -> list[Edit]:
    """Double marks swapped (curly <-> straight) or, when `single`, made British single marks
    with nested single marks made double."""
    edits = []
    depth = 0  # inside a double-quoted stretch (for nested single marks)
    nested = False
    for i, c in enumerate(text):
        if c == "\n" and not (i + 1 < len(text) and text[i + 1] in '"“'):
            depth, nested = 0, False
        if c in '"“”':
            opening = c == "“" or (c == '"' and _opens(text, i))
            if not single:
                edits.append((i, i + 1, '"' if c != '"' else ("“" if opening else "”")))
            else:
                edits.append((i, i + 1, "‘" if opening else "’"))
            depth = 1 if opening else 0
            nested = False
        elif single and depth and c in "‘'" and _opens(text, i) and i + 1 < len(text) and text[i + 1].isalpha():
            edits.append((i, i + 1, "“"))
            nested = True
        elif single and nested and c in "’'" and (i + 1 == len(text) or not text[i + 1].isalpha()):
            edits.append((i, i + 1, "”"))
            nested = False
    return edits


# ---------------------------------------------------------------- verbs

_VERBS = {
    "said": ["stated", "added", "noted", "remarked", "explained"],
    "says": ["states", "adds", "notes", "remarks", "explains"],
}
_SAID = re.compile(r"\b(said|says|Said|Says)\b")
_BE = re.compile(r"\b(is|was|are|were|be|been|being|it's|it’s)\s+$", re.I)


def verb_edits(text: str, quotes: list[dict], rng: random.Random) -> list[Edit]:
    spans = [(q["start"], q["end"]) for q in quotes]
    edits = []
    for m in _SAID.finditer(text):
        a, b = m.span()
        if any(s <= a < e for s, e in spans):
            continue  # the speaker's own words stay
        if _BE.search(text[max(0, a - 12) : a]) or re.match(r"\s+to\b", text[b : b + 4]):
            continue  # "was said", "said to be": no swap keeps the grammar
        new = rng.choice(_VERBS[m.group(1).lower()])
        if m.group(1)[0].isupper():
            new = new.capitalize()
        edits.append((a, b, new))
    return edits


# ---------------------------------------------------------------- one article


def _locate(text: str, speaker: str | None, before: int) -> tuple[int | None, int | None]:
    """The speaker string's occurrence nearest before `before`, else the first after (the gold's
    convention), else None."""
    if not speaker:
        return None, None
    i = text.rfind(speaker, 0, before)
    if i < 0:
        i = text.find(speaker)
    return (i, i + len(speaker)) if i >= 0 else (None, None)


def perturb(text: str, quotes: list[dict], steps: list[str], nlp, rng: random.Random) -> tuple[str, list[dict]]:
    quotes = [dict(q) for q in quotes]
    for step in steps:
        mapping: dict[str, str] = {}
        if step == "names":
            mapping = name_map(text, [q["speaker"] for q in quotes if q.get("speaker")], nlp, rng)
            new, index = apply_edits(text, name_edits(text, mapping))
        elif step in ("marks", "single"):
            new, index = apply_edits(text, mark_edits(text, step == "single"))
        elif step == "flatten":
            new, index = flatten(text)
        elif step == "verbs":
            new, index = apply_edits(text, verb_edits(text, quotes, rng))
        else:
            raise ValueError(step)
        for q in quotes:
            q["start"], q["end"] = index(q["start"]), index(q["end"])
            while q["end"] > q["start"] and new[q["end"] - 1].isspace():
                q["end"] -= 1
            q["text"] = new[q["start"] : q["end"]]
            if mapping:
                q["speaker"] = map_speaker(q.get("speaker"), mapping)
            if q.get("speaker_start") is not None or mapping:
                q["speaker_start"], q["speaker_end"] = _locate(new, q.get("speaker"), q["start"])
        text = new
    return text, quotes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    for step in ("names", "marks", "single", "flatten", "verbs"):
        ap.add_argument(f"--{step}", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    steps = [s for s in ("names", "verbs", "marks", "single", "flatten") if getattr(a, s)]
    nlp = None
    if "names" in steps:
        from reader.model.analysis.nlp import load_pipeline

        nlp = load_pipeline()
    a.dst.mkdir(parents=True, exist_ok=True)
    rows = []
    for line in (a.src / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = (a.src / rec["doc"]).read_text(encoding="utf-8")
        rng = random.Random(a.seed * 1_000_003 + zlib.crc32(rec["doc"].encode()))
        text, rec["quotes"] = perturb(text, rec["quotes"], steps, nlp, rng)
        (a.dst / rec["doc"]).write_text(text, encoding="utf-8")
        rows.append(rec)
    (a.dst / "gold.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(
        f"{len(rows)} articles, {sum(len(r['quotes']) for r in rows)} quotes -> {a.dst} ({', '.join(steps) or 'copy'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
