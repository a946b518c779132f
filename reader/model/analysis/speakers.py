"""Who a subject phrase names: mentions, full names, pronouns and role descriptions.

Everything works in view coordinates on one parsed article; speakers carry source spans.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reader.model.analysis.results import Mention
from reader.model.analysis.speech_words import (
    BODY_NOUNS,
    FEMALE_NAMES,
    HONORIFICS_FEMALE,
    HONORIFICS_MALE,
    MALE_NAMES,
    PERSONAL_PRONOUNS,
    ROLE_SYNONYMS,
    TITLE_WORDS,
    noun_base,
)
from reader.model.analysis.textview import TextView

_POSSESSIVE = ("'s", "\u2019s", "'", "\u2019")
# Modifiers that do not narrow a role down ("the former president", "the top diplomat").
_VAGUE = frozenset("top senior former new current then longtime veteran chief main leading acting".split())
_ROLE_DEPS = ("amod", "compound", "nmod", "poss", "npadvmod")


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    start: int | None  # source span of the mention the name was read from
    end: int | None
    cue: str
    kind: str = "PERSON"


@dataclass(slots=True)
class _Name:
    start: int  # view span
    end: int
    kind: str
    words: tuple[str, ...]  # name words, titles and possessive stripped, as written
    key: tuple[str, ...]  # the same, case-folded, periods dropped
    tok: int  # index of its last token
    subject: int  # 2 subject of a main clause, 1 of another clause, 0 not a subject


def clean_words(text: str) -> list[str]:
    """'Rep. G.K. Butterfield's' -> ['G.K.', 'Butterfield']."""
    words = text.split()
    while words and words[0].lower().strip(",") in TITLE_WORDS and len(words) > 1:
        words.pop(0)
    if words:
        for tail in _POSSESSIVE:
            if words[-1].endswith(tail) and len(words[-1]) > len(tail) + 1:
                words[-1] = words[-1][: -len(tail)]
                break
    while len(words) > 1 and words[-1].lower().strip(".,") in ("jr", "sr", "ii", "iii"):
        words.pop()
    return [w.strip(",") for w in words if w.strip(",")]


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(w.casefold().replace(".", "") for w in words)


class NameIndex:
    """The named things of one article and the rules that read a subject token as one of them."""

    def __init__(self, doc: Any, view: TextView, mentions: list[Mention], quoted: bytearray):
        self.doc = doc
        self.quoted = quoted
        self.view = view
        self.names: list[_Name] = []
        self.by_token: dict[int, _Name] = {}
        for m in mentions:
            a, b = view.view_index(m.start), view.view_index(m.end)
            span = doc.char_span(a, b, alignment_mode="expand") if b > a else None
            if span is None or len(span) == 0 or quoted[span[0].i]:
                continue  # names inside quotes are not speakers of them
            self._add(span, m.kind)
        # The parse knows names NER missed: a proper-noun subject with no mention.
        for t in doc:
            if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass") and t.i not in self.by_token and not quoted[t.i]:
                left = t
                while left.i > 0 and doc[left.i - 1].pos_ == "PROPN" and doc[left.i - 1].dep_ in ("compound", "flat"):
                    left = doc[left.i - 1]
                self._add(doc[left.i : t.i + 1], "PERSON" if t.ent_type_ in ("", "PERSON") else "ORG")
        self.names.sort(key=lambda n: n.start)
        self.gender: dict[tuple[str, ...], str] = {}
        self._learn_gender()

    def _add(self, span: Any, kind: str) -> None:
        words = clean_words(span.text)
        if not words or not any(w[:1].isupper() for w in words):
            return
        subj = [
            t
            for t in span
            if t.dep_ in ("nsubj", "nsubjpass") or (t.dep_ == "appos" and t.head.dep_ in ("nsubj", "nsubjpass"))
        ]
        # 2: subject of the main clause; 1: of some clause; 0: not a subject
        main = any(_main_clause(t.head if t.dep_ != "appos" else t.head.head) for t in subj)
        subject = 2 if main else (1 if subj else 0)
        n = _Name(span.start_char, span.end_char, kind, tuple(words), _key(words), span[-1].i, subject)
        self.names.append(n)
        for t in span:
            self.by_token[t.i] = n

    def near(self, verb: Any, a: int, b: int) -> list[_Name]:
        """Names within three tokens of `verb` inside [a, b), the nearest first."""
        out = []
        for n in self.names:
            if a <= n.start < b:
                span = self.doc.char_span(n.start, n.end, alignment_mode="expand")
                gap = min(abs(span.start - verb.i), abs(span.end - 1 - verb.i))
                if gap <= 3:
                    out.append((gap, n))
        return [n for _, n in sorted(out, key=lambda x: x[0])]

    # ----- full names ---------------------------------------------------------------------

    def person_keys(self) -> list[_Name]:
        return [n for n in self.names if n.kind == "PERSON"]

    def same_person(self, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        if not a or not b:
            return False
        if a == b:
            return True
        if len(a) == 1 or len(b) == 1:
            one, many = (a, b) if len(a) == 1 else (b, a)
            return one[0] == many[-1] or (one[0] == many[0] and len(many) == 2)
        if a[-1] != b[-1]:
            return False
        return a[0] == b[0] or a[0][:1] == b[0][:1] and (len(a[0]) == 1 or len(b[0]) == 1)

    def full(self, n: _Name) -> _Name:
        """The most complete mention of the same person; n itself when that is ambiguous."""
        if n.kind not in ("PERSON",) and not any(p.key[-1] == n.key[-1] for p in self.person_keys()):
            return n
        cands = [p for p in self.person_keys() if self.same_person(p.key, n.key)]
        if not cands:
            return n
        best = max(cands, key=lambda p: (len(p.key), -p.start))
        firsts = {p.key[0] for p in cands if len(p.key) > 1}
        if len(firsts) > 1 and not all(len(f) <= 2 for f in firsts - {best.key[0]}):
            # two people share the surname: keep the mention as written
            if len(n.key) == 1:
                return n
            best = max((p for p in cands if p.key[0] == n.key[0]), key=lambda p: len(p.key), default=n)
        return best

    def speaker(self, n: _Name, cue: str):
        f = self.full(n)
        s, e = self.view.source_span(n.start, n.end)
        kind = "PERSON" if f.kind == "PERSON" else n.kind
        return Speaker(" ".join(f.words), s, e, cue, kind)

    # ----- gender, for pronouns -------------------------------------------------------------

    def _learn_gender(self) -> None:
        votes: dict[tuple[str, ...], list[int]] = {}
        doc = self.doc
        for n in self.names:
            if n.kind != "PERSON":
                continue
            key = self.full(n).key
            first = doc.char_span(n.start, n.end, alignment_mode="expand")
            if first is not None and first.start > 0:
                prev = doc[first.start - 1].lower_
                if prev in HONORIFICS_MALE:
                    votes.setdefault(key, [0, 0])[0] += 6
                elif prev in HONORIFICS_FEMALE:
                    votes.setdefault(key, [0, 0])[1] += 6
        for sent in doc.sents:
            people = {self.full(n).key for n in self._names_in(sent.start_char, sent.end_char) if n.kind == "PERSON"}
            if len(people) != 1:
                continue
            key = next(iter(people))
            v = votes.setdefault(key, [0, 0])
            for t in sent:
                g = PERSONAL_PRONOUNS.get(t.lower_)
                if g:
                    v[0 if g == "m" else 1] += 1
        for n in self.names:
            if n.kind == "PERSON" and len(n.key) > 1:
                first = n.key[0]
                v = votes.setdefault(self.full(n).key, [0, 0])
                if first in MALE_NAMES:
                    v[0] += 6
                elif first in FEMALE_NAMES:
                    v[1] += 6
        for key, (m, f) in votes.items():
            if m != f:
                self.gender[key] = "m" if m > f else "f"

    def _names_in(self, a: int, b: int) -> list[_Name]:
        return [n for n in self.names if a <= n.start < b]

    # ----- reading a subject ------------------------------------------------------------------

    def resolve_pronoun(self, tok: Any, gender: str, last: Any):
        sents = list(_sents_back(tok, 4))
        fits = lambda n: n.kind == "PERSON" and self.gender.get(self.full(n).key, gender) == gender  # noqa: E731
        # a named subject in this sentence or the last few, nearest first
        for i, sent in enumerate(sents):
            stop = tok.idx if i == 0 else sent.end_char
            cands = [n for n in self._names_in(sent.start_char, stop) if fits(n)]
            subj = [n for n in cands if n.subject == 2] or [n for n in cands if n.subject]
            if subj:
                return self.speaker(subj[-1], "pronoun")
            if i == 0 and cands:
                return self.speaker(cands[-1], "pronoun")
        if last is not None and last.kind == "PERSON":
            key = _key(clean_words(last.name))
            if self.gender.get(key, gender) == gender:
                return Speaker(last.name, last.start, last.end, "pronoun", "PERSON")
        for sent in sents:
            cands = [n for n in self._names_in(sent.start_char, min(sent.end_char, tok.idx)) if fits(n)]
            if cands:
                return self.speaker(cands[-1], "pronoun")
        return None

    def resolve_group(self, tok: Any, last: Any):
        if tok.lower_ not in ("it", "they"):
            return None
        if tok.lower_ == "they":
            # a plural subject just before: "The two leaders said they agreed ..."
            for sent in _sents_back(tok, 2):
                subj = [
                    t
                    for t in sent
                    if t.i < tok.i
                    and t.dep_ in ("nsubj", "nsubjpass")
                    and not self.quoted[t.i]
                    and (t.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in t.children))
                ]
                if subj:
                    t = subj[-1]
                    n = self.by_token.get(t.i)
                    return self.speaker(n, "pronoun") if n is not None else self.as_written(t, "pronoun")
        for sent in _sents_back(tok, 3):
            cands = [
                n for n in self._names_in(sent.start_char, min(sent.end_char, tok.idx)) if n.kind == "ORG" and n.subject
            ]
            if cands:
                return self.speaker(cands[-1], "pronoun")
        if last is not None and last.kind != "PERSON":
            return Speaker(last.name, last.start, last.end, "pronoun", last.kind)
        return None

    def resolve_phrase(self, tok: Any, cue: str):
        n = self.by_token.get(tok.i)
        if n is not None:
            return self.speaker(n, cue)
        for c in sorted(tok.children, key=lambda c: c.dep_ != "appos"):
            # "the Armenian president, X" names X; "the CNN host" does not name CNN
            if c.i in self.by_token and (c.dep_ == "appos" or c.dep_ in ("compound", "flat") and tok.pos_ == "PROPN"):
                return self.speaker(self.by_token[c.i], cue)
        if tok.pos_ != "NOUN":
            return None
        lemma = noun_base(tok.lower_)
        det = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod")}
        # "a spokesman", "two aides", "31 percent": someone the article does not name
        specific = not (det - {"the", "this", "that"}) and tok.tag_ != "NNS"
        if lemma in BODY_NOUNS and specific:
            # "the ministry" after "the Defence Ministry": the named body
            named = [
                n
                for n in self.names
                if n.kind == "ORG" and n.start < tok.idx and lemma in {noun_base(w) for w in n.key}
            ]
            if named:
                return self.speaker(named[-1], "description")
        if lemma not in BODY_NOUNS and specific:
            n = self.resolve_role(tok)
            if n is not None:
                return self.speaker(n, "description")
        return self.as_written(tok, cue)

    def as_written(self, tok: Any, cue: str):
        """The subject phrase itself: 'the foreign ministry', 'a Dow spokeswoman'."""
        left = tok.left_edge
        right = tok
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "at", "for", "with") and c.right_edge.i - tok.i <= 6:
                right = c.right_edge
        words = self.doc[left.i : right.i + 1]
        a, b = words.start_char, words.end_char
        s, e = self.view.source_span(a, b)
        return Speaker(self.view.source[s:e], s, e, cue, "ORG" if noun_base(tok.lower_) in BODY_NOUNS else "DESC")

    def resolve_role(self, tok: Any) -> _Name | None:
        """The named person the article gives the role `tok` describes ("the Armenian president")."""
        head = noun_base(tok.lower_)
        syn = ROLE_SYNONYMS.get(head, set()) | {head, tok.lower_}
        mods = [c.lower_ for c in tok.children if c.dep_ in _ROLE_DEPS and c.pos_ != "DET"]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                mods.extend(t.lower_ for t in c.subtree if t.pos_ in ("PROPN", "NOUN", "ADJ"))
        best, best_score = None, 0.0
        for n in self.names:
            if n.kind != "PERSON":
                continue
            roles = self.roles(n)
            if not roles & syn:
                continue
            matched = sum(1 for m in mods if any(r[:5] == m[:5] for r in roles))
            if mods and not matched and not all(m in _VAGUE for m in mods):
                continue  # "the band leader" is not every leader
            score = 1.0 + matched
            # prefer mentions before the description, the nearest one
            score += 0.5 if n.start < tok.idx else 0.0
            score -= abs(n.start - tok.idx) / 1e6
            if score > best_score:
                best, best_score = n, score
        return best

    def roles(self, n: _Name) -> set[str]:
        doc = self.doc
        out: set[str] = set()
        first = doc.char_span(n.start, n.end, alignment_mode="expand")
        if first is None:
            return out
        i = first.start - 1
        while i >= 0 and first.start - i <= 6:
            t = doc[i]
            if t.is_punct or t.pos_ in ("DET", "VERB", "AUX", "PRON", "CCONJ") or t.lower_ in ("'s", "\u2019s"):
                break
            out.add(t.lower_.rstrip("."))
            i -= 1
        j = first.end
        if j < len(doc) and doc[j].text == ",":
            k = j + 1
            while k < len(doc) and k - j <= 12 and doc[k].text not in (",", ".", ";", ")") and not doc[k].is_quote:
                out.add(doc[k].lower_)
                k += 1
        root = first.root
        if root.dep_ == "appos":
            out.update(t.lower_ for t in root.head.subtree if t.i < first.start and not t.is_punct)
        return out


def _main_clause(verb: Any) -> bool:
    """True for the sentence root or a verb conjoined to it."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT" or verb.head.i == verb.i


def _sents_back(tok: Any, n: int):
    """tok's sentence and up to n-1 sentences before it, nearest first."""
    sent = tok.sent
    doc = tok.doc
    for _ in range(n):
        yield sent
        if sent.start == 0:
            return
        sent = doc[sent.start - 1].sent
