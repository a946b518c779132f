"""Entity additions and removals: names the model missed (an honorific before a surname, datelines in
capitals, a name split in two) and words it took for people (a common noun opening its sentence)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from reader.model.analysis.entity_words import (
    CLUB_TAILS,
    COMMON_CAPITALISED,
    COMPANY_TAILS,
    CREDIT_WORDS,
    FACILITY_HEADS,
    GENERIC_WORDS,
    HONORIFICS,
    ORG_HEADS,
    PARTICLES,
    PLACE_HEADS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    inverted_speech_verb,
    name_shaped,
)
from reader.model.analysis.nationalities import country_name, is_group_word, is_place_name
from reader.model.analysis.speech_words import FEMALE_NAMES, MALE_NAMES

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc, Token


Span = tuple[int, int, str]  # view start, view end, kind


# Plural titles before two or more names: "Sens. Ann Bell and Tom Hart", "Reps. X and Y".
_PLURAL_TITLES = ("Sens", "Sens.", "Reps", "Reps.", "Govs", "Govs.", "Drs", "Drs.", "Profs", "Profs.")


def honorific_persons(doc: Doc, spans: list[Span]) -> list[Span]:
    """'Mr X', 'Dr X Y': the proper nouns after an honorific are a person, tagged or not; so are
    the names joined by "and" after a plural title ('Sens. X Y and Z W')."""
    import numpy

    if not len(doc):
        return []
    orth: Any = doc.to_array("ORTH")  # found by array: a Python loop over every token cost more
    wanted = numpy.array([doc.vocab.strings[h] for h in (*HONORIFICS, *_PLURAL_TITLES)], dtype="uint64")
    out = []
    for i in numpy.flatnonzero(numpy.isin(orth[:-1], wanted)).tolist():
        plural = doc[i].text in _PLURAL_TITLES
        j = i + 1
        if plural and doc[j].text == "." and not doc[i].whitespace_:
            j += 1  # ("Sens" "." as two tokens)
        while True:
            k = j
            while j < len(doc) and name_shaped(doc[j]):
                j += 1
            if j > k:
                a, b = doc[k].idx, doc[j - 1].idx + len(doc[j - 1].text)
                if not any(s <= a < e for s, e, _ in spans):
                    out.append((a, b, "PERSON"))
            if not (plural and j > k and j + 1 < len(doc) and doc[j].lower_ in ("and", ",")):
                break
            j += 1
    return out


# "MOSCOW --", "BAKU/YEREVAN --", "LOS ANGELES, Calif. -", "MOSCOW (Reuters) -", "SAN JUAN, Puerto Rico (AP) --"
_DATELINE = re.compile(
    r"(?:^|(?<=\n\n))((?:[A-Z][A-Z.'\- ]{2,}[A-Z.])(?:\s*/\s*[A-Z][A-Z.'\- ]{2,}[A-Z.])*)"
    r"(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?(?:\s*\([^()\n]{1,40}\))?\s*(?:--|\u2014|\u2013|-)\s"
)


def company_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """'the Harwell Foods plant', 'a drug from Norvik Pharma', 'Kelso Athletic have sacked': one to
    three capitalised words and a word that ends a company's or club's name, which the
    model missed or cut short ("[Norvik] Pharma"), are a body. Only where no other name lies on the
    words, or a body's name ends right before the tail."""
    out = []
    starts = {a: (b, k) for a, b, k in spans}
    for t in doc:
        if t.text not in COMPANY_TAILS and t.text not in CLUB_TAILS or t.i == 0:
            continue
        k = t.i
        while k > 0 and t.i - k < 3 and name_shaped(doc[k - 1]):
            k -= 1
        if k == t.i:
            continue
        a, b = doc[k].idx, t.idx + len(t.text)
        cut = starts.get(a)
        if cut is not None and (cut[1] != "ORG" or cut[0] > b):
            continue
        if any(s < b and a < e and (s, e) != (a, cut[0] if cut else -1) for s, e, _ in spans):
            continue
        out.append((a, b, "ORG"))
    return out


def datelines(text: str) -> list[Span]:
    """'MOSCOW -- ...', 'LONDON/PARIS -- ...': the all-caps place names opening a news paragraph
    (`text` is the doc's: `Doc.text` would join its tokens again)."""
    out = []
    for m in _DATELINE.finditer(text):
        pos = m.start(1)
        for part in m.group(1).split("/"):
            lead = len(part) - len(part.lstrip())
            name = part.strip()
            if len(name) >= 3:
                out.append((pos + lead, pos + lead + len(name), "PLACE"))
            pos += len(part) + 1
    return out


def join_split_names(text: str, spans: list[Span]) -> list[Span]:
    """'Dries' ORG + 'Mertens' PERSON, or 'Valeska' + 'Paris' both PLACE, one space apart: the model
    split one person's name."""
    out: list[Span] = []
    for a, b, k in spans:
        if out:
            pa, pb, pk = out[-1]
            if (
                pb + 1 == a
                and text[pb] == " "
                and "PERSON" in (k, pk)
                and " " not in text[pa:pb]
                and " " not in text[a:b]
                and not _is_country_or_group(text[pa:pb])
                and not _is_country_or_group(text[a:b])
            ):
                out[-1] = (pa, b, "PERSON")
                continue
            if (
                pb + 1 == a
                and text[pb] == " "
                and k == pk == "PERSON"
                and len(text[pa:b].split()) <= 5
                and text[max(0, pa - 30) : pa].rstrip()[-1:].islower()
            ):
                # "professor [María José][ Lamont Fernández]": two given names, then the surnames
                # (in running text: a headline's "Clinton Trump" stays two)
                out[-1] = (pa, b, "PERSON")
                continue
            if (
                pb + 1 == a
                and text[pb] == " "
                and k == pk == "PLACE"
                and " " not in text[pa:b].replace(" ", "", 1)
                and is_place_name(text[a:b])
                and not is_place_name(text[pa:pb])
                and not is_group_word(text[pa:pb])
            ):
                # "[Valeska][ Paris]": no place is named by a word and then a city; a given name
                # before a surname that is also a place
                out[-1] = (pa, b, "PERSON")
                continue
        out.append((a, b, k))
    return out


def complete_person_names(doc: Doc, text: str, spans: list[Span], titled: list[tuple[int, int]]) -> list[Span]:
    """A one-word person the model cut from the rest of the name, the other word untagged beside
    it: 'illustrator [Johnnie] Christmas.', '[James] To of the X Party' (a surname that is an English
    word), 'with Junius [Ho] defeating'. The word after the name is taken unless the name is the
    surname of someone named in full here ('the Warhol Polaroid exhibits'); the word before it,
    unless the name is a given name ('Crime [Bill]'), or the word opens its sentence and is a
    common noun or capitalised nowhere else inside a sentence ('Police Smith', 'Unlike [Patriot]').
    Not in title-case headlines, where every word is capitalised. `text` is the doc's text."""
    from reader.model.analysis.nlp import common_nouns

    surnames = {t.split()[-1] for a, b, k in spans if k == "PERSON" and len((t := text[a:b]).split()) >= 2}
    taken = bytearray(len(text) + 1)
    for a, b, _ in spans:
        taken[a:b] = b"\x01" * (b - a)
    nouns = common_nouns()
    mid_sentence = {t.text for t in doc if not t.is_sent_start and t.text[:1].isupper()}
    out: list[Span] = []
    for a, b, k in spans:
        tok = doc.char_span(a, b) if k == "PERSON" and " " not in text[a:b] else None
        if tok is None or len(tok) != 1 or any(s <= a < e for s, e in titled):
            out.append((a, b, k))
            continue
        i = tok.start
        after = doc[i + 1] if i + 1 < len(doc) else None
        before = doc[i - 1] if i >= 1 else None
        if (
            after is not None
            and text[a:b] not in surnames
            and doc[i].whitespace_ == " "
            and _name_piece(after, taken)
            and not (i + 2 < len(doc) and doc[i + 2].text[:1].isupper())
        ):
            b = after.idx + len(after.text)
        elif (
            before is not None
            and before.whitespace_ == " "
            and text[a:b].lower() not in FEMALE_NAMES | MALE_NAMES  # a given name comes first
            and _name_piece(before, taken)
            and not inverted_speech_verb(before)
            and not (before.is_sent_start and (before.lower_ in nouns or before.text not in mid_sentence))
        ):
            a = before.idx
        out.append((a, b, k))
    return out


# "Ann Roe of ADPL", "Tom Hart of the NWSC": a body's acronym after a person and "of"
_OF_ACRONYM = re.compile(r" of (?:the )?([A-Z]{2,6})(?![\w.&\-]| [A-Z])")


def acronyms_of_people(text: str, spans: list[Span]) -> list[Span]:
    """The untagged acronym of a body a person is 'of' ('Ann Roe of ADPL'), as ORG: people are
    of a party, a union, a company; not of a place (a country or place code is left alone)."""
    tagged = {(a, b) for a, b, _ in spans}
    starts = {a for a, _, _ in spans}
    out = []
    for _, b, k in spans:
        m = _OF_ACRONYM.match(text, b) if k == "PERSON" else None
        if m and m.start(1) not in starts and m.span(1) not in tagged and not is_place_name(m.group(1)):
            out.append((m.start(1), m.end(1), "ORG"))
    return out


def facility_names(doc: Doc, text: str, spans: list[Span]) -> list[Span]:
    """Untagged names of buildings and stations, a facility word after one to three name words
    ('Shandao Station', 'the Al-Ghaza Hotel'), as places. The name words must be no common
    nouns ('Police Station', 'Town Hall' are descriptions) and must not open the sentence."""
    from reader.model.analysis.nlp import common_nouns

    nouns = common_nouns()
    taken = bytearray(len(text) + 1)
    for a, b, _ in spans:
        taken[a:b] = b"\x01" * (b - a)
    out: list[Span] = []
    for t in doc:
        if t.text not in FACILITY_HEADS or taken[t.idx] or t.i == 0:
            continue
        k = t.i
        while k > 0 and t.i - k < 5:
            if k >= 2 and _hyphen_in_name(doc, k - 1) and name_shaped(doc[k - 2]) and not taken[doc[k - 2].idx]:
                k -= 2  # "Al-Ghaza": a name word, whatever it means alone, glued by a hyphen
            elif _untagged_name_word(doc[k - 1], taken, nouns):
                k -= 1
            else:
                break
        if k < t.i and not doc[k].is_sent_start:
            out.append((doc[k].idx, t.idx + len(t.text), "PLACE"))
    return out


def _untagged_name_word(t: Token, taken: bytearray, nouns: frozenset[str]) -> bool:
    return (
        name_shaped(t)
        and not any(taken[t.idx : t.idx + len(t.text)])
        and t.lower_ not in nouns
        and not t.is_stop
        and t.text not in COMMON_CAPITALISED
        and t.text not in TITLE_HEADS
        and t.text not in TITLE_MODIFIERS
        and t.ent_type_ in ("", "FAC", "ORG", "GPE", "LOC")
    )


def _hyphen_in_name(doc: Doc, k: int) -> bool:
    """'Al-Ghaza': a hyphen glued to the words on both sides, a name word after it."""
    return (
        doc[k].text == "-"
        and k > 0
        and k + 1 < len(doc)
        and not doc[k - 1].whitespace_
        and not doc[k].whitespace_
        and doc[k + 1].text[:1].isupper()
    )


def _name_piece(t: Token, taken: bytearray) -> bool:
    """An untagged capitalised word that may be part of a person's name: no function word, title,
    body or place word, no date, nationality or known place."""
    w = t.text
    return (
        name_shaped(t)
        and w[1:].replace("-", "").islower()
        and not any(taken[t.idx : t.idx + len(w)])
        and not t.is_stop  # "My Santorum was sweet", "Your X": a word opening the sentence
        and t.ent_type_ in ("", "PERSON")
        and w not in HONORIFICS
        and w not in TITLE_HEADS
        and w not in TITLE_MODIFIERS
        and w not in ORG_HEADS
        and w not in PLACE_HEADS
        and w not in FACILITY_HEADS
        and w not in COMMON_CAPITALISED
        and w not in GENERIC_WORDS
        and w not in CREDIT_WORDS
        and not is_group_word(w)
        and not is_place_name(w)
    )


def _is_country_or_group(name: str) -> bool:
    return bool(country_name(name)) or is_group_word(name)


def without_opening_modifiers(doc: Doc, text: str, spans: list[Span]) -> list[Span]:
    """'Nonpartisan Paul Tse and ...': a word that opens the sentence and a person's name of three
    words, written in lower case elsewhere in the article ('nonpartisan Junius Ho'), is a
    modifier capitalised by its place, not part of the name (a particle or a given name is)."""
    lower = None
    out = []
    for a, b, k in spans:
        first = text[a:b].split(" ", 1)[0]
        if k == "PERSON" and len(text[a:b].split()) >= 3 and first.isalpha() and first[1:].islower():
            tok = doc.char_span(a, a + len(first))
            if tok is not None and len(tok) == 1 and tok[0].is_sent_start:
                if lower is None:
                    lower = {t.text for t in doc if t.is_lower}
                low = first.lower()
                if low in lower and low not in PARTICLES and low not in FEMALE_NAMES and low not in MALE_NAMES:
                    a += len(first) + 1  # (not "Bin Khalid X" after "bin Khalid X", nor "Will")
        out.append((a, b, k))
    return out


def without_sentence_capitals(doc: Doc, text: str, spans: list[Span]) -> list[Span]:
    """Drop a one-word person (or body, see below) that is an English common noun capitalised only because it opens
    its sentence ("Turnout was low.", "Inflation rose again."), is no given name, and is named
    nowhere else in the text ("Price said" stays a person in an article about Ann Price).
    `text` is the doc's text (`doc.text` joins every token anew at each call)."""
    from reader.model.analysis.nlp import common_nouns

    nouns = common_nouns()
    if not nouns:
        return spans
    elsewhere: dict[str, int] = {}
    for a, b, _ in spans:
        for w in text[a:b].split():
            elsewhere[w] = elsewhere.get(w, 0) + 1
    out = []
    for a, b, kind in spans:
        word = text[a:b]
        low = word.lower()
        plural = low.endswith("s") and low not in nouns and (low[:-1] in nouns or low[:-3] + "y" in nouns)
        if kind in ("PERSON", "ORG") and " " not in word and (low in nouns or plural) and elsewhere.get(word, 0) == 1:
            tok = doc.char_span(a, b)
            if (
                tok is not None
                and len(tok) == 1
                and tok[0].is_sent_start
                and low not in FEMALE_NAMES
                and low not in MALE_NAMES
                # a body's name may be a word ("Shell", "Next"): not a plural ("Unions said"), nor
                # a word standing alone as a headline ("Closure")
                and (kind == "PERSON" or plural or _alone(tok[0]))
            ):
                continue
        out.append((a, b, kind))
    return out


def _alone(t: Token) -> bool:
    """The word is all its sentence holds but punctuation (a one-word headline)."""
    return all(w.i == t.i or w.is_punct or w.is_space for w in t.sent)
