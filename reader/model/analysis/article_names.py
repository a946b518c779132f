"""The named people and bodies of one parsed article: each mention read as a name, its fullest
form, the gender the text gives it (`name_genders`), and the role written beside it.

Everything works in view coordinates; speakers carry source spans.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model.analysis.descriptions import is_role_word, role_abbreviation
from reader.model.analysis.entity_words import (
    PARTICLES,
    POST_NOMINALS,
    TITLE_MODIFIERS,
    inverted_after_quote,
    inverted_speech_verb,
    shares_surname,
)
from reader.model.analysis.name_genders import learn_gender
from reader.model.analysis.name_spans import (
    FAMILY,
    KIN,
    aged,
    beside_person_noun,
    common_noun_first,
    from_a_place,
    hyphen_before,
    inverted_object,
    main_clause,
    post_held,
    titled_of,
    up_to_subject,
    with_given_names,
    without_roles,
)
from reader.model.analysis.name_types import SPEAKING_KINDS, VAGUE, Name, Speaker, clean_words, name_key, tail_of
from reader.model.analysis.results import Mention
from reader.model.analysis.speech_words import (
    BODY_NOUNS,
    FEMALE_NAMES,
    MALE_NAMES,
    TITLE_WORDS,
    given_name_gender,
    honorific_gender,
    noun_base,
)
from reader.model.analysis.textview import TextView

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


# Words of a portfolio after "Minister for" ("Foreign Affairs", "Health"): never the name after it.
_PORTFOLIO_WORDS = TITLE_MODIFIERS | {"Affairs", "Justice"}


class ArticleNames:
    """The named things of one article: mentions as names, full names, gender, roles."""

    def __init__(self, doc: Doc, view: TextView, mentions: list[Mention], quoted: bytearray):
        self.doc = doc
        self.quoted = quoted
        self.view = view
        self.names: list[Name] = []
        self.by_token: dict[int, Name] = {}
        for m in mentions:
            a, b = view.view_index(m.start), view.view_index(m.end)
            span = doc.char_span(a, b, alignment_mode="expand") if b > a else None
            if span is None or len(span) == 0 or quoted[span[0].i]:
                continue  # names inside quotes are not speakers of them
            kind = m.kind
            if kind == "PERSON" and len(span) == 1 and from_a_place(span[0]):
                kind = "NORP"  # "the Dubliner said": someone from a place, no one's name
            elif beside_person_noun(span.root) and (kind != "ORG" or span.root.head.lower_ in FAMILY):
                kind = "PERSON"  # "Lowe's widow, Carol," though NER took her for a product or a place
            if kind == "PERSON":
                span = with_given_names(doc, without_roles(span), quoted)
            self._add(span, kind)
        # The parse knows names NER missed: a proper-noun subject with no mention (not a bare
        # title such as "Governor" or "Prime Minister").
        for t in doc:
            inverted = t.dep_ == "dobj" and inverted_object(t)  # '"...," stated Gustafon.'
            if (
                t.pos_ == "PROPN"
                and (
                    t.dep_ in ("nsubj", "nsubjpass")
                    or titled_of(t)
                    or _joined_subject(t)
                    or inverted
                    or beside_person_noun(t)
                )
                and t.i not in self.by_token
                and not quoted[t.i]
            ):
                prev = self.by_token.get(t.i - 1) if t.i > 0 else None
                if t.text in POST_NOMINALS and prev is not None and prev.kind == "PERSON":
                    self.by_token[t.i] = prev  # "Rebecca Thorne KC said": the letters after her name
                    continue
                left = t
                while left.i > 0:
                    p = doc[left.i - 1]
                    if p.pos_ == "PROPN" and p.dep_ in ("compound", "flat") and p.i not in self.by_token:
                        left = p  # (not over a name: "Acme Media Coordinator Dane Lisser")
                    elif p.is_lower and p.lower_ in PARTICLES and p.i not in self.by_token:
                        left = p  # "de la Fuente", "van der Berg": the particles of a surname
                    elif hyphen_before(doc, left.i) and left.i - 2 not in self.by_token:
                        left = doc[left.i - 2]  # "Nkosi-Mthembu": one surname, not cut at its hyphen
                    else:
                        break
                span = doc[left.i : t.i + 1]
                if all(is_role_word(w) for w in span) or role_abbreviation(t) or common_noun_first(span):
                    continue
                while len(span) > 2 and is_role_word(span[0]) and span[0].lower_ not in MALE_NAMES | FEMALE_NAMES:
                    span = span[1:]  # "Pensioner Derek Hollis": a role written capitalised at a sentence's start
                if left.i > 0 and doc[left.i - 1].lower_ == "for":
                    while len(span) > 2 and span[0].text in _PORTFOLIO_WORDS:
                        span = span[1:]  # "Minister for [Health] Ana de la Cruz": the portfolio
                before = doc[max(0, left.i - 2) : left.i]
                if any(any(ch.isdigit() for ch in w.text) for w in before):
                    continue  # "the 13th Amendment": a thing
                person = (t.ent_type_ in ("", "PERSON") or aged(t) or inverted or beside_person_noun(t)) and not any(
                    w.lower_ in ("the", "a", "an") for w in before
                )  # ("Derek Hollis, 81, visits": a person, though the model called him a work)
                self._add(span, "PERSON" if person else "ORG")  # "the Coast Guild": a body
        self.names.sort(key=lambda n: n.start)
        self._shared_surnames()
        self._kin_surnames()
        self._short_bodies()
        self.gender: dict[tuple[str, ...], str] = {}
        self._full: dict[int, Name] = {}
        self._written: dict[tuple[str, ...], set[str]] | None = None
        self.gender.update(learn_gender(self))

    def _shared_surnames(self) -> None:
        """'Khalid and Ruth Baker': a given name joined by "and" to a full name shares its surname
        (a couple, siblings), so a later "Mr. Baker" may be either that person or another Baker."""
        text = self.doc.text
        for a, b in zip(self.names, self.names[1:]):
            if (
                a.kind != "PERSON"
                or b.kind != "PERSON"
                or not shares_surname(text, (a.end, a.words), (b.start, b.words))
            ):
                continue
            a.words = (a.words[0], b.words[-1])
            a.key = name_key(list(a.words))

    def _kin_surnames(self) -> None:
        """'Lowe's widow, Carol,', 'Hanlon's son, Mark,': a given name alone set beside a named
        person's close kin has that person's family name (unless the text gives another)."""
        for n in self.names:
            t = self.doc[n.root]
            if n.kind != "PERSON" or len(n.words) != 1 or not beside_person_noun(t) or t.head.lower_ not in KIN:
                continue
            owner = next((self.by_token.get(c.i) for c in t.head.children if c.dep_ == "poss"), None)
            if owner is not None and owner.kind == "PERSON" and owner is not n:
                n.words = (n.words[0], owner.words[-1])
                n.key = name_key(list(n.words))

    def _short_bodies(self) -> None:
        """'Kestrel denied the claims' after 'Kestrel Systems': one word taken for a person that
        begins the name of a body named before it is that body, shortened; not when a person's
        name holds the word ('Trump' beside 'Donald Trump' and 'the Trump Organization') or it
        is a given name."""
        person_words = {w for n in self.names if n.kind == "PERSON" and len(n.key) > 1 for w in n.key}
        for n in self.names:
            if n.kind != "PERSON" or len(n.key) != 1 or n.titled:
                continue
            w = n.key[0]
            if w in person_words or given_name_gender(w) is not None or w in FEMALE_NAMES or w in MALE_NAMES:
                continue
            if any(o.kind == "ORG" and len(o.key) > 1 and o.key[0] == w and o.start < n.start for o in self.names):
                n.kind = "ORG"

    def _add(self, span: SpacySpan, kind: str) -> None:
        words = clean_words(span.text)
        if not words or not any(w[:1].isupper() for w in words):
            return
        ups = [up_to_subject(post_held(t) if kind == "PERSON" else t) for t in span]
        subj = [
            up
            for t, up in zip(span, ups)
            if up.dep_ in ("nsubj", "nsubjpass")
            or (t.dep_ == "compound" and t.head.tag_ in ("VBD", "VBZ", "VBP") and t.head.i > t.i)  # a misparse
        ]
        # 2: subject of the main clause; 1: of some clause; 0: not a subject
        main = any(main_clause(t.head) for t in subj)
        subject = 2 if main else (1 if subj else 0)
        titled = len(span.text.split()) > len(words) or (
            span.start > 0 and self.doc[span.start - 1].lower_.rstrip(".") in TITLE_WORDS
        )
        root = span[-1].i
        if span[-1].head.i != root and span.start <= span[-1].head.i < span.end:  # (the usual case: the last)
            root = next((t.i for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i), root)
        n = Name(
            span.start_char,
            span.end_char,
            kind,
            tuple(words),
            name_key(words),
            span[-1].i,
            span[0].i,
            subject,
            titled,
            root,
        )
        self.names.append(n)
        for t in span:
            self.by_token[t.i] = n

    def near(self, verb: Token, a: int, b: int) -> list[Name]:
        """Names right next to `verb` inside [a, b) that are not its object ("Said Ellis:")."""
        out = []
        for n in self.names:
            if a <= n.start < b and n.kind in SPEAKING_KINDS:
                gap = min(abs(n.first_tok - verb.i), abs(n.tok - verb.i))
                inverted = n.first_tok == verb.i + 1 and (inverted_speech_verb(verb) or inverted_after_quote(verb))
                if gap <= 1 and (self.doc[n.root].dep_ not in ("dobj", "pobj", "dative", "poss") or inverted):
                    out.append((gap, n))
        return [n for _, n in sorted(out, key=lambda x: x[0])]

    # ----- full names ---------------------------------------------------------------------

    def person_keys(self) -> list[Name]:
        return [n for n in self.names if n.kind == "PERSON"]

    def same_person(self, a: tuple[str, ...], b: tuple[str, ...]) -> bool:
        if not a or not b:
            return False
        if a == b:
            return True
        if len(a) == 1 or len(b) == 1:
            one, many = (a, b) if len(a) == 1 else (b, a)
            # ("Lula" for "Luiz Inácio Lula da Silva", "Boric" for "Gabriel Boric Font": a middle
            # word of a name of three or more that is no particle)
            return (
                one[0] == many[-1]
                or (one[0] == many[0] and len(many) == 2)
                or (len(many) >= 3 and one[0] in many[1:-1] and one[0] not in PARTICLES)
            )
        if a[-1] != b[-1]:
            return False
        if tail_of(a, b) or tail_of(b, a):
            return True  # "Abu Zaid", "de la Fuente", "Das Gupta": a surname of several words alone
        return a[0] == b[0] or a[0][:1] == b[0][:1] and (len(a[0]) == 1 or len(b[0]) == 1)

    def full(self, n: Name) -> Name:
        """The most complete mention of the same person; n itself when that is ambiguous."""
        got = self._full.get(id(n))
        if got is None:
            got = self._full[id(n)] = self._find_full(n)
        return got

    def _find_full(self, n: Name) -> Name:
        if n.kind not in ("PERSON",) and not any(p.key[-1] == n.key[-1] for p in self.person_keys()):
            return n
        cands = [p for p in self.person_keys() if self.same_person(p.key, n.key)]
        if len(n.key) == 1:
            cands = self._of_its_gender(n, cands)
        if not cands:
            return n
        best = max(cands, key=lambda p: (len(p.key), -p.start))
        firsts = {p.key[0] for p in cands if len(p.key) > 1 and not any(tail_of(p.key, o.key) for o in cands)}
        if len(firsts) > 1 and not all(len(f) <= 2 for f in firsts - {best.key[0]}):
            # two people share the surname: keep the mention as written
            if len(n.key) == 1:
                return n
            best = max((p for p in cands if p.key[0] == n.key[0]), key=lambda p: len(p.key), default=n)
        return best

    def honorific_of(self, n: Name) -> str | None:
        """The gender of the honorific written right before the name ("Mr. Obama" m, "Ms. Kim" f)."""
        doc = self.doc
        i = n.first_tok
        while i < n.tok and doc[i].lower_ in TITLE_WORDS:  # a span the parser ran over "Mr."
            i += 1
        for j in range(i - 1, max(i - 3, -1), -1):
            g = honorific_gender(doc[j].lower_)
            if g or doc[j].lower_ not in TITLE_WORDS:
                return g
        return None

    def _of_its_gender(self, n: Name, cands: list[Name]) -> list[Name]:
        """The candidates a one-word name may stand for once honorifics are read: "Mr. Obama" is not
        "Michelle Obama"; with both "Mr." and "Ms." before the surname, a full name of unknown gender
        is neither's; a bare "Obama" beside a full name that an honorific contradicts is ambiguous."""
        if self._written is None:  # the honorific genders written before each one-word name
            self._written = {}
            for m in self.names:
                g = self.honorific_of(m) if m.kind == "PERSON" and len(m.key) == 1 else None
                if g:
                    self._written.setdefault(m.key, set()).add(g)
        written = self._written.get(n.key, set())
        if not written:
            return cands
        full = [p for p in cands if len(p.key) > 1]
        gender = {id(p): self.honorific_of(p) or given_name_gender(p.words[0]) for p in full}
        g = self.honorific_of(n)
        if g is None:  # bare: the plain rule, unless an honorific makes two people of the surname
            if len(written) > 1 or any(gender[id(p)] not in (None, *written) for p in full):
                return []
            return cands
        both = len(written) > 1
        keep = {id(p) for p in full if gender[id(p)] == g or (not both and gender[id(p)] is None)}
        return [p for p in cands if len(p.key) == 1 or id(p) in keep]

    def is_person(self, n: Name) -> bool:
        """A PERSON mention the text treats as a person: a full name, a title or honorific, a known
        gender (NER calls a capitalised substance or spacecraft a person now and then)."""
        if n.kind != "PERSON":
            return False
        f = self.full(n)
        if len(f.key) > 1 or n.titled or f.titled or f.key in self.gender:
            return True
        t = self.doc[n.root]  # "His counterpart, Zubizarreta,": a role set beside the name
        return (
            t.dep_ == "appos" and is_role_word(t.head) or any(c.dep_ == "appos" and is_role_word(c) for c in t.children)
        )

    def speaker(self, n: Name, cue: str, how: str = "name") -> Speaker:
        f = self.full(n)
        s, e = self.view.source_span(n.start, n.end)
        kind = "PERSON" if f.kind == "PERSON" else n.kind
        role = self.role_span(n) or (self.role_span(f) if f is not n else None)
        rs, re_ = self.view.source_span(*role) if role else (None, None)
        return Speaker(" ".join(f.words), s, e, cue, kind, how, rs, re_)

    # ----- gender, for pronouns -------------------------------------------------------------

    def _names_in(self, a: int, b: int) -> list[Name]:
        return [n for n in self.names if a <= n.start < b]

    def _someone_elses(self, tok: Token) -> bool:
        """'the candidate's son', 'his wife': a role held beside someone unnamed, most likely the
        person the article is about; 'the band leader', 'the campaign manager', 'the head of the
        builders' association': a role in a body a common noun names. Neither is the article's
        prominent person. ("Obama's former aide" is: a named owner is only kept out of the
        candidates.)"""
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is not None:
            return self.by_token.get(owner.i) is None
        for c in tok.children:  # "the head of the builders' association": a role in a body not named
            if c.dep_ == "prep" and c.lower_ in ("of", "at"):
                body = next((p for p in c.children if p.dep_ == "pobj"), None)
                if (
                    body is not None
                    and body.pos_ == "NOUN"
                    and self.by_token.get(body.i) is None
                    and noun_base(body.lower_) in BODY_NOUNS
                ):
                    return True
        return any(
            c.dep_ == "compound"
            and c.pos_ == "NOUN"
            and c.text.islower()
            and c.lower_ not in VAGUE
            and not any(k.dep_ == "nummod" for k in c.children)  # (a count: "the two-time champion")
            for c in tok.children
        )

    def owned_earlier(self, tok: Token) -> Token | None:
        """'Tom Hale's lawyer said ... "...," the lawyer said': the nearest earlier mention of the
        description's noun, when a name owns it or it is held for someone ('a lawyer for Tom
        Hale'): the same unnamed person, not the owner the article is about."""
        lemma = noun_base(tok.lower_)
        for t in reversed(self.doc[: tok.left_edge.i]):
            if t.pos_ != "NOUN" or noun_base(t.lower_) != lemma or self.quoted[t.i]:
                continue
            if any(c.dep_ == "appos" and c.i in self.by_token for c in t.children):
                return None  # "Ann Bell's successor, Tom Hale,": named there (the role rules' case)
            for c in t.children:
                held = [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "for" else []
                if c.dep_ == "poss" and c.i in self.by_token or any(p.i in self.by_token for p in held):
                    return t
            return None
        return None

    def gender_of(self, n: Name) -> str | None:
        return self.gender.get(self.full(n).key)

    # ----- roles written beside names ---------------------------------------------------------

    def roles(self, n: Name) -> set[str]:
        out: set[str] = set()
        span = self.role_span(n, wide=True)
        if span is not None:
            a, b = span
            sp = self.doc.char_span(a, b, alignment_mode="expand")
            if sp is not None:
                out.update(t.lower_.rstrip(".") for t in sp if not t.is_punct)
        doc = self.doc
        i = n.first_tok - 1
        while i >= 0 and n.first_tok - i <= 6:
            t = doc[i]
            if t.is_punct or t.pos_ in ("DET", "VERB", "AUX", "PRON", "CCONJ") or t.lower_ in ("'s", "\u2019s"):
                break
            out.add(t.lower_.rstrip("."))
            i -= 1
        root = doc[n.root]
        if root.dep_ == "appos":
            out.update(t.lower_ for t in root.head.subtree if t.i < n.first_tok and not t.is_punct)
        return out

    def role_span(self, n: Name, wide: bool = False) -> tuple[int, int] | None:
        """The role as written next to a name (view span): the appositive after it ("Jane Roe, the
        CEO of Y,"), else the title phrase before it ("Malaysia's Prime Minister, Jane Roe",
        "associate professor Jane Roe")."""
        doc = self.doc
        j = n.tok + 1
        if j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].like_num and doc[j + 2].text == ",":
            j += 2  # "Mary Quinn, 45, a nurse from Leeds": past the age
        if j < len(doc) and doc[j].text == "," and not self.quoted[j]:
            k = j + 1
            end = None
            while k < len(doc) and k - j <= 14:
                t = doc[k]
                if t.text in _APPOSITIVE_ENDS or t.is_quote or t.is_sent_start or self.quoted[t.i]:
                    break
                if t.tag_ in ("WP", "WP$", "WDT") and end is not None:
                    break  # "Jane Roe, a ward sister who has worked there for years": the role ends
                if t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" or t.pos_ == "PRON":
                    end = None
                    break
                end = k
                k += 1
            if (
                end is not None
                and k < len(doc)
                and (doc[k].text in _APPOSITIVE_ENDS or doc[k].tag_ in ("WP", "WP$", "WDT"))
            ):
                while end > j + 1 and doc[end].pos_ in ("CCONJ", "ADP", "DET"):
                    end -= 1  # "the director of X and (whose ...)"
                words = doc[j + 1 : end + 1]
                first = self.by_token.get(words[0].i)
                if any(is_role_word(t) for t in words) and (first is None or first.kind != "PERSON"):
                    return words.start_char, words.end_char  # not "Jane Roe, John Doe, ..."
        # before the name: a run of title words, nouns, adjectives, "of", "'s"
        i = n.first_tok - 1
        comma = i >= 0 and doc[i].text == ","
        if comma:
            i -= 1
        start = None
        while i >= 0 and n.first_tok - i <= 10:
            t = doc[i]
            if self.quoted[t.i] or t.is_sent_end and i < n.first_tok - 1:
                break
            if (
                t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM")
                or t.lower_ in ("of", "'s", "\u2019s", "and", "-")
                or (t.pos_ == "DET" and t.lower_ in ("the", "a", "an"))
            ):
                start = i
                if t.pos_ == "DET":
                    break
                i -= 1
                continue
            break
        if start is None:
            return None
        words = doc[start : n.first_tok - (2 if comma else 1) + 1]
        while len(words) and words[0].lower_ in ("of", "and", "'s", "\u2019s", "-"):
            words = words[1:]
        while len(words) and words[-1].lower_ in ("of", "and", "-", "the", "a", "an"):
            words = words[:-1]
        if not len(words) or not any(is_role_word(t) for t in words):
            return None
        of = next((k for k, t in enumerate(words) if t.lower_ == "of"), len(words))
        if comma and (of == 0 or not is_role_word(words[of - 1])):
            return None  # "..., from the province of X, Jane Roe said": no role of hers
        return words.start_char, words.end_char


# What ends an appositive role after a name ("Jane Roe, professor of law at Yale.").
_APPOSITIVE_ENDS = (",", ";", ")", ":", ".", "\u2014", "--")


def _joined_subject(t: Token) -> bool:
    """'Tom Hale and [Ana Ruiz] argued': a proper noun joined by "and" to a proper-noun subject."""
    return (
        t.dep_ == "conj"
        and t.head.pos_ == "PROPN"
        and t.head.dep_ in ("nsubj", "nsubjpass")
        and any(c.dep_ == "cc" and c.lower_ == "and" for c in t.head.children)
    )
