"""Named-entity recognition: spaCy's NER, then general rules that fix its usual news mistakes.

Pipeline per document (all in view coordinates until the end):
1. model spans, trimmed to the name: no determiners, possessive 's, titles ("Prime Minister"),
   caption credits ("Image:"), lower-case modifiers; names inside "pro-X" adjectives dropped;
2. kind fixes from word lists and syntax (`entity_kinds.py`): nationality words are NORP, country
   names tagged ORG are places, "the city of X"/"its capital, X" is a place, org/facility head words;
3. additions (`entity_additions.py`): "Mr X", all-caps datelines ("RUSSIA --"), names the model
   split; removals: names of things the text classes as such ("the Juno spacecraft",
   `named_things.py`), common nouns capitalised by opening a sentence;
4. document consistency (`consistency.py`): majority kind per name, surnames of people,
   recurrences of a tagged name tagged everywhere, title-case headlines re-read from the body;
5. countries that play a match in the article are teams (`sports_teams.py`);
6. explicit alias patterns (`hints.py`): "X (Y)", acronyms, "also known as", "the Y name for".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.model.analysis import alias_hints as hints
from reader.model.analysis import document_consistency as consistency
from reader.model.analysis import named_things, sports_teams
from reader.model.analysis.descriptions import is_role_word
from reader.model.analysis.entity_additions import (
    acronyms_of_people,
    company_names,
    complete_person_names,
    datelines,
    facility_names,
    honorific_persons,
    join_split_names,
    without_opening_modifiers,
    without_sentence_capitals,
)
from reader.model.analysis.entity_kinds import fix_kind
from reader.model.analysis.entity_words import (
    ADJECTIVE_SUFFIXES,
    CREDIT_WORDS,
    GENERIC_WORDS,
    KNOWN_ORGS,
    LEADING_CUT,
    MODIFIER_PREFIXES,
    ORG_HEADS,
    PARTICLES,
    PERSON_TITLES,
    POST_NOMINALS,
    RANK_TAILS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
    TRAILING_CUT,
    appositive_noun,
    inverted_speech_verb,
    name_shaped,
    verb_form,
)
from reader.model.analysis.nationalities import country_name, is_group_word, is_place_name
from reader.model.analysis.results import AliasHint, Mention
from reader.model.analysis.speech_words import PERSON_NOUNS
from reader.model.analysis.textview import TextView

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


LABELS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ORG", "NORP": "NORP"}
POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
_SETTLER_GROUPS = frozenset({"American", "Americans", "Canadian", "Canadians", "Australian", "Australians"})

Span = tuple[int, int, str]  # view start, view end, kind


def recognise(doc: Doc, view: TextView) -> tuple[list[Mention], list[AliasHint]]:
    """Mentions (source coordinates) and explicit alias patterns in one parsed view."""
    spans: list[Span] = []
    strong: set[Span] = set()
    for ent in doc.ents:
        kind = LABELS.get(ent.label_)
        if kind is None:
            continue
        for sp in _clean(doc, ent.start, ent.end, kind):
            spans.append(sp)
            if sp[2] != kind:  # re-typed by a rule: weighs more than the model's guess
                strong.add(sp)
    dated = datelines(view.text)  # a rule's reading of the capitals beats the model's guess at them
    placed = {(a, b) for a, b, _ in dated}
    spans = [s for s in spans if (s[0], s[1]) not in placed]
    strong.update(dated)
    companies = company_names(doc, spans)
    spans = [s for s in spans if not any(s[0] == a for a, _, _ in companies)]  # ("[Norvik] Pharma")
    spans = _resolve_overlaps(spans + honorific_persons(doc, spans) + dated + companies)
    spans = join_split_names(view.text, spans)
    spans = complete_person_names(doc, view.text, spans, consistency.title_case_ranges(view.text))
    spans = sorted(spans + acronyms_of_people(view.text, spans) + facility_names(doc, view.text, spans))
    # names the model labelled as something else (LANGUAGE "English", EVENT "World Cup"): the
    # consistency rules must not tag them or the names inside them
    other = [(e.start_char, e.end_char) for e in doc.ents if e.label_ not in LABELS]
    # spacecraft, storms, drugs, devices: named things, not entities of our kinds (named_things.py)
    spans, things = named_things.drop_things(view.text, spans, named_things.thing_names(doc, spans))
    spans = consistency.apply(doc, view.text, spans, strong, other + things)
    spans = without_sentence_capitals(doc, view.text, spans)
    spans = without_opening_modifiers(doc, view.text, spans)
    spans, teams = sports_teams.retype(view.text, spans)
    spans, found = hints.find(view.text, spans)
    found += [(x, y, "team") for x, y in teams]
    out: list[Mention] = []
    for a, b, kind in spans:
        s, e = view.source_span(a, b)
        out.append(Mention(s, e, kind, view.source[s:e]))
    alias_hints = []
    for (a1, b1), (a2, b2), rule in found:
        s1, e1 = view.source_span(a1, b1)
        s2, e2 = view.source_span(a2, b2)
        alias_hints.append(AliasHint(s1, e1, s2, e2, rule))
    return out, alias_hints


# --- 1. trimming ---------------------------------------------------------------------------


# A score or a tie-break after a player's name ("6-4", "7-6(3)", "-"): digits and their marks only.
_SCORE = re.compile(r"[\d\-\u2013()/]+")
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}|[ap]\.?m\.?|\d{1,2}[ap]\.?m\.?", re.IGNORECASE)
_DOMAIN = re.compile(r"(?:www\.)?[\w\-]+(?:\.[\w\-]+)*\.(?:com|org|net|info|gov|edu|io|co\.uk|[a-z]{2})")
# Letters and digits run together, as product and model codes are written
_MODEL_CODE = re.compile(r"(?=[^\W\d_]*\d)(?=\d*[^\W\d_])\w+")


def _clean(doc: Doc, i: int, j: int, kind: str) -> list[Span]:
    """The trimmed, re-typed span(s) for model entity doc[i:j]; [] when it is not a name."""
    extra: list[Span] = []
    while i < j:  # leading determiners, punctuation, lower-case modifiers ("nonpartisan")
        t = doc[i]
        if t.text in LEADING_CUT or t.is_punct or t.is_space or (t.is_lower and t.text not in PARTICLES):
            i += 1
        else:
            break
    while j > i:  # trailing possessives, punctuation, "Image:" credits, lower-case words
        t = doc[j - 1]
        nxt = doc[j].text if j < len(doc) else ""
        if (
            t.text in POSSESSIVE
            or t.is_space
            or (t.is_punct and t.text != "." and not (t.text == ")" and any(x.text == "(" for x in doc[i:j])))
            or (t.text == "." and j - 1 > i)
            or (t.text in CREDIT_WORDS and nxt == ":")
            or (t.is_lower and kind != "ORG" and not _hyphen_joined(doc, j - 1))
        ):
            j -= 1
        else:
            break
    while j > i + 1 and doc[j - 1].lower_ in TRAILING_CUT:
        j -= 1
    while kind == "PERSON" and j - i >= 3 and doc[j - 1].text in POST_NOMINALS:
        j -= 1  # "Rebecca Thorne KC", "Jane Roe MP": letters after the name, not the name
    # an adjectival compound after a name: "Soviet[-era]", "Russia[-brokered]", "Warhol[-like]"
    if (
        j - i >= 3
        and doc[j - 1].is_lower
        and _hyphen_joined(doc, j - 1)
        and (kind != "PERSON" or doc[j - 1].lower_ in ADJECTIVE_SUFFIXES)
    ):
        j -= 2
    if i >= j:
        return []
    # a paragraph break inside the span (a headline run into the next paragraph): two spans
    for k in range(i + 1, j - 1):
        if doc[k].is_space and "\n" in doc[k].text:
            return _clean(doc, i, k, kind) + _clean(doc, k + 1, j, kind)
    # a possessor or a bracket inside the span: "Ukraine's Defense Ministry", "X (Y"; a dash set off
    # by spaces: "DETROIT \u2014 Acme Motors" (a dateline run into its sentence when the lines are lost)
    for k in range(i + 1, j - 1):
        t = doc[k]
        if (
            t.text in POSSESSIVE
            or t.text in "()[]"
            or (t.text == "/" and doc[k - 1].whitespace_)
            or (t.text in ("\u2014", "\u2013", "--") and doc[k - 1].whitespace_ and t.whitespace_)
        ):
            return _clean(doc, i, k, kind) + _clean(doc, k + 1, j, kind)
    if j - i >= 2 and doc[j - 1].like_num and is_place_name(doc[i : j - 1].text):
        j -= 1  # "Sweden 1 - 0 ...": a score, not part of the name
    while kind == "PERSON" and j - i >= 2 and _SCORE.fullmatch(doc[j - 1].text):
        j -= 1  # "beat [Ann Roe 6-4 6-3]": no person's name ends in a score
    # hyphenated names the model cut short: "Wong Yeung[-tat]", "Bosnia[-Herzegovina]"
    while (
        j + 1 < len(doc)
        and doc[j].text == "-"
        and _hyphen_joined(doc, j + 1)
        and (
            doc[j + 1].text[:1].isupper()
            or (kind == "PERSON" and not verb_form(doc[j + 1].lower_) and doc[j + 1].lower_ not in ADJECTIVE_SUFFIXES)
        )
    ):
        j += 2
    # an organisation name the model cut at "of"/"for": "Joint Council[ for the Welfare of Immigrants]"
    if kind == "ORG" and doc[j - 1].text in ORG_HEADS:
        j = _extend_of_phrase(doc, j)
    # a nationality before a country ("Muslim Albania"), or "Serbian-Croatian"
    parts = _group_or_place_parts(doc, i, j)
    if parts:
        return parts
    # a lower-case adjective before a person ("nonpartisan X Y")
    if (
        kind == "PERSON"
        and j - i >= 3
        and doc[i].is_lower
        and doc[i].is_alpha
        and doc[i].lower_ not in PARTICLES | MODIFIER_PREFIXES
        or kind == "PERSON"
        and j - i >= 2
        and doc[i].is_title
        and doc[i].lower_ in PERSON_NOUNS
    ):
        i += 1  # (or a role written capitalised, as at a sentence's start or in a headline:
        # "Neighbour Jo Roe, 60,", "Teenager Novak stuns top seed")
    # a speech verb inverted before the name at a sentence's start: "Explained Ellis:"
    if kind == "PERSON" and j - i >= 2 and inverted_speech_verb(doc[i]):
        i += 1
    # a name inside a hyphenated modifier: "pro-Beijing", "anti-Western"
    if (
        i >= 2
        and doc[i - 1].text == "-"
        and not doc[i - 2].whitespace_
        and not doc[i - 1].whitespace_
        and doc[i - 2].lower_ in MODIFIER_PREFIXES
    ):
        return []
    if doc[i].lower_ in MODIFIER_PREFIXES and i + 1 <= j and i + 1 < len(doc) and doc[i + 1].text == "-":
        # the name a "pro-<Name>" modifier qualifies, when the model ran them together:
        # "pro-Beijing [DAB]" (not "pan-democrat Lam", whose modifier is no name)
        named = j - i > 3 and doc[i + 2].text[:1].isupper() and doc[i + 3].text[:1].isupper()
        return _clean(doc, i + 3, j, kind) if named else []
    # a given name the model left out after a role noun: "forecaster [Aoife] Brennan"
    if (
        kind == "PERSON"
        and i >= 2
        and _given_name_left_out(doc[i - 1], i, j)
        and (doc[i - 2].is_lower and doc[i - 2].pos_ == "NOUN" or is_group_word(doc[i - 2].text))
    ):  # (or after a party or nationality: "Democrat [Camila] Aravena Soto")
        i -= 1
    # the model tagged the rank alone ("[Det] Con Jo Roe said"): the name after it is the person
    if kind == "PERSON" and all(t.text in TITLE_HEADS or t.text in RANK_TAILS for t in doc[i:j]):
        k = j
        while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].is_alpha and doc[k].text[:1].isupper():
            k += 1
        if k - j >= 2 or k - j == 1 and doc[j].text not in RANK_TAILS:
            j = k
    # titles before a person's name: "Foreign Minister X", "Mr X", "Georgian President X"
    k = _title_length(doc, i, j) or (_title_after_body(doc, i, j) if kind == "PERSON" else 0)
    if k:
        if kind == "PERSON" or doc[i].text in PERSON_TITLES:
            if is_group_word(doc[i].text):
                extra.append((doc[i].idx, doc[i].idx + len(doc[i].text), "NORP"))
            i += k
            kind = "PERSON"
    # a role after an organisation: "State Department Spokesperson" -> "State Department",
    # "NASA Administrator" -> "NASA"
    while (
        kind == "ORG"
        and j - i >= 2
        and doc[j - 1].text in TITLE_HEADS
        and ((j - i >= 3 and doc[j - 2].text in ORG_HEADS) or _acronym(doc[j - 2].text))
    ):
        j -= 1
    if j < len(doc) and doc[j].text in TITLE_HEADS and all(t.text in TITLE_MODIFIERS for t in doc[i:j]):
        return []  # "[Financial] Secretary X": the first words of a title, no body
    # must hold a capitalised word or a digit, and not be a lone generic word ("State")
    if not any(t.text[:1].isupper() or t.like_num for t in doc[i:j]):
        return []
    if j - i == 1 and (doc[i].text in GENERIC_WORDS or doc[i].text in CREDIT_WORDS):
        return []
    if j - i == 1 and i >= 1 and doc[i].text.isupper() and _CLOCK.fullmatch(doc[i - 1].text):
        return []  # "15:11 GMT", "9 a.m. EST": a time zone after a clock time, no body
    if j - i == 1 and _DOMAIN.fullmatch(doc[i].text):
        return []  # "Gawker.com", "example.org": a website's address, not a body or a place
    if j - i == 1 and kind in ("PERSON", "PLACE") and _MODEL_CODE.fullmatch(doc[i].text):
        return []  # "IE6", "A380", "PS5": a product's model, no person or place ("M5S" the party stays)
    m = _place_of_title(doc, i, j)
    if m:  # "Governor of [New Mexico][ Ann Roe]": the place of a title, then its holder's name
        place, name = doc[i:m], doc[m:j]
        if all(t.text in _PORTFOLIOS for t in place):  # "Secretary of [State][ Ann Roe]": no place
            return [(name.start_char, name.end_char, "PERSON")]
        return [(place.start_char, place.end_char, "PLACE"), (name.start_char, name.end_char, "PERSON")]
    span = doc[i:j]
    kind = fix_kind(doc, span, kind)
    if kind == "ORG" and _person_beside_role(doc, span):
        kind = "PERSON"
    return extra + [(span.start_char, span.end_char, kind)]


def _place_of_title(doc: Doc, i: int, j: int) -> int:
    """Where the name starts in 'Governor of [New Mexico Ann Roe]', a span the model ran over the
    place of a title and the unfamiliar name after it: the longest place name after "<title> of"
    that leaves two name words (0: no such split)."""
    if i < 2 or doc[i - 1].lower_ != "of" or not is_role_word(doc[i - 2]) or not doc[i - 2].text[:1].isupper():
        return 0
    for m in range(j - 2, i, -1):
        held = doc[i:m].text
        if (is_place_name(held) or country_name(held) or all(t.text in _PORTFOLIOS for t in doc[i:m])) and all(
            name_shaped(t) for t in doc[m:j]
        ):
            return m
    return 0


# What a title holds besides a place: "Secretary of State", "Minister of Health", "Chief of Staff".
_PORTFOLIOS = frozenset(
    """
State Defence Defense Interior Finance Health Economy Trade Energy Education Culture Labour Labor
Agriculture Environment Transport Transportation Justice Commerce Treasury Staff Homeland Security
""".split()
)


def _person_beside_role(doc: Doc, span: SpacySpan) -> bool:
    """'Anouk de Vries, a lawyer', 'his adviser, Arjun Das Gupta,', 'Rep. X': a name the model took
    for a body (names from other cultures, surnames with particles) that is shaped like a person's
    name (two to five name words, particles, initials; no word of a body's name) and set beside a
    role: a role word right before it, or after a comma, or a role noun in an appositive after it;
    or a relative clause on it that begins with "who"."""
    words = [t for t in span if t.text != "-"]
    if not 2 <= len(words) <= 5 or span.text in KNOWN_ORGS or not name_shaped(span[0]):
        return False
    if span.start > 0 and doc[span.start - 1].lower_ in ("the", "a", "an"):
        return False  # "The Congressional Black Caucus, former governor X": a body's name
    for n, t in enumerate(words):
        if n == len(words) - 1 and n > 1 and t.text in ("Jr.", "II", "III", "IV"):
            continue
        initial = len(t.text) == 2 and t.text.endswith(".") and t.text[0].isupper()
        particle = t.is_lower and t.lower_ in PARTICLES
        if t.text in ORG_HEADS or not (initial or particle or name_shaped(t) and not t.text.isupper()):
            return False
    k = span.start - 1
    if k >= 1 and doc[k].text == ",":
        k -= 1  # "his adviser, X"
    if k >= 0 and is_role_word(doc[k]):
        return True
    end = span.end
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "who":
        return True  # "said Siobhan Ni Bhriain, who served as ethics counsel": someone, not something
    return any(
        c.dep_ == "appos" and c.i >= end and is_role_word(c) for t in span for c in t.children
    ) or appositive_noun(doc, end, PERSON_NOUNS)


def _given_name_left_out(t: Token, i: int, j: int) -> bool:
    """A capitalised proper noun compounded into the name doc[i:j], and no title, body or place word."""
    w = t.text
    return (
        t.pos_ == "PROPN"
        and t.dep_ in ("compound", "flat")
        and i <= t.head.i < j
        and t.is_alpha
        and w[:1].isupper()
        and not w.isupper()
        and t.ent_type_ in ("", "PERSON")
        and w not in TITLE_HEADS
        and w not in TITLE_MODIFIERS
        and w not in ORG_HEADS
        and not is_group_word(w)
        and not is_place_name(w)
    )


def _acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _extend_of_phrase(doc: Doc, j: int) -> int:
    """Extend an ORG span ending at j over 'of/for (the) Capitalised Words (and Words)'."""
    end = j
    k = j
    while k < len(doc) and doc[k].lower_ in ("of", "for"):
        k += 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        start = k
        while k < len(doc) and doc[k].text[:1].isupper() and not doc[k].is_punct:
            k += 1
            if (
                k + 1 < len(doc)
                and doc[k].lower_ == "and"
                and doc[k + 1].text[:1].isupper()
                and not is_place_name(doc[k + 1].text)
            ):
                k += 1
        if k == start:
            break
        end = k
    return end


def _group_or_place_parts(doc: Doc, i: int, j: int) -> list[Span]:
    """Split 'Muslim Albania' / 'Serbian-Croatian' into nationality and place names."""
    words: list[tuple[int, int]] = []  # token ranges separated by hyphens
    start = i
    for k in range(i, j):
        if doc[k].text == "-" and k > start:
            words.append((start, k))
            start = k + 1
    words.append((start, j))
    if len(words) == 2 and doc[words[1][0]].text in _SETTLER_GROUPS:
        return []  # "Italian-American" is one group
    if len(words) == 1:
        if j - i < 2 or not is_group_word(doc[i].text):
            return []
        words = [(i, i + 1), (i + 1, j)]
    out: list[Span] = []
    for a, b in words:
        if a >= b:
            return []
        text = doc[a:b].text
        if is_group_word(text):
            out.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), "NORP"))
        elif country_name(text):
            out.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text), "PLACE"))
        else:
            return []
    return out


def _hyphen_joined(doc: Doc, k: int) -> bool:
    """Whether doc[k] is glued to a preceding hyphen that is glued to a word ("Chung-tai")."""
    return (
        k >= 2
        and doc[k - 1].text == "-"
        and not doc[k - 1].whitespace_
        and not doc[k - 2].whitespace_
        and doc[k].text[:1].isalpha()
    )


def _title_length(doc: Doc, i: int, j: int) -> int:
    """How many leading tokens of doc[i:j] form a title, leaving a capitalised name after it."""
    best = 0
    k = i
    while k < j - 1:
        w = doc[k].text
        if w in TITLE_HEADS or (w in RANK_TAILS and best == k - i and best):
            best = k + 1 - i
        elif not (w in TITLE_MODIFIERS or is_group_word(w) or w in ("of", "the") or w[:1].islower()):
            break
        k += 1
    if best:
        rest = doc[i + best : j]
        first = rest[0].text
        if not first[:1].isupper() or country_name(rest.text) or is_group_word(rest.text):
            return 0  # "Captain America", "President of France": not a title + name
    return best


def _title_after_body(doc: Doc, i: int, j: int) -> int:
    """'[Sinn Féin TD Mary Keane]': a body's capitalised name, then a title, then a name of two
    words or more (particles allowed): how many leading tokens are the body and the title."""
    for k in range(i + 1, j - 2):
        if doc[k].text not in TITLE_HEADS:
            continue
        before, after = doc[i:k], doc[k + 1 : j]
        if all(t.text[:1].isupper() for t in before) and all(
            t.text[:1].isupper() or t.text in PARTICLES or t.text == "-" for t in after
        ):
            return k + 1 - i
        return 0
    return 0


def _resolve_overlaps(spans: list[Span]) -> list[Span]:
    """Sorted, non-overlapping: the first span at a position wins, then the longer one."""
    out: list[Span] = []
    for a, b, k in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
        if out and a < out[-1][1]:
            continue
        out.append((a, b, k))
    return out
