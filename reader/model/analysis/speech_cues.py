"""Speech cues around a quote: the speech verb or noun it hangs from, the verbs that frame it, the
subject phrase a cue gives, and the channel ("told Sky News", "in a statement") it names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model.analysis import channels
from reader.model.analysis.descriptions import age_description
from reader.model.analysis.quote_layout import QuoteLayout, RawQuote
from reader.model.analysis.quote_or_term import after_named_person, clause_judge, naming, own_clause
from reader.model.analysis.speech_idioms import hearing, verbal_attack
from reader.model.analysis.speech_words import (
    BE_FORMS,
    DOCUMENT_NOUNS,
    FINDING_FORMS,
    NOUN_CUES,
    SPEECH_NOUNS,
    is_person_noun,
    is_speech_verb,
    noun_base,
)

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Token

_SUBJ = ("nsubj", "nsubjpass", "csubj")
# Dependency relations through which a verb without a subject borrows its head's subject.
_BORROW = ("conj", "xcomp", "advcl", "ccomp", "acl", "relcl", "pcomp", "prep", "dep", "parataxis")
# Verbs whose object is the one spoken to: in the passive with no agent their subject is the
# addressee ("negotiators who would be told to get '...'"), not the speaker.
_ADDRESSED = frozenset({"told", "asked", "urged", "ordered", "instructed", "advised", "informed", "assured", "warned"})
# Modals of obligation: 'X said reporters should ask "..."' prescribes the words; they are X's.
_PRESCRIBING = frozenset({"should", "must", "ought"})
# "quoted X as saying", "cited X as saying": X says it.
_QUOTED_AS = frozenset("quote quotes quoted quoting cite cites cited citing".split())


def _clause_as_object(v: Token) -> bool:
    """'X's statement about thousands of jobs is "true"' parsed with the finite "is" as the
    object of "about": the quote judges the statement, it is not its words. (A clause after a
    preposition opens with a wh-word or "whether": 'about how it is "safe"'.)"""
    return (
        v.dep_ == "pcomp"
        and v.tag_ in ("VBZ", "VBD", "VBP")
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)
        and not any(c.tag_ in ("WRB", "WP", "WDT") or c.dep_ == "mark" for c in v.subtree if c.i < v.i)
    )


def _owned(noun: Token) -> bool:
    """'her words', 'the words of X': the noun has a possessor or an "of" phrase."""
    return any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in noun.children)


# "speak"/"talk" say nothing of their own; "of"/"about" gives them the words that follow.
# "continued" speaks ("'...,' she continued"); with an infinitive it goes on doing something.
_GOING_ON = frozenset({"continue", "continues", "continued", "continuing"})
_SPEAK_OF = frozenset("speak speaks spoke spoken speaking talk talks talked talking".split())

# Nouns for a view held, in "in his view", "in X's opinion": the clause's quoted words are X's.
STANCE_NOUNS = frozenset("view opinion estimation judgment judgement".split())

# "X was quoted by the Star as saying": the agent only reports X's words; X is the speaker.
_REPORTED_BY = frozenset({"quoted", "cited", "paraphrased"})


def source_per(t: Token) -> bool:
    """'Per a statement from the club, ...', 'per Reuters': "per" as "according to", its object a
    statement, a person or a name (not "per cent", "per game")."""
    if t.lower_ != "per" or t.dep_ != "prep":
        return False
    p = next((p for p in t.children if p.dep_ == "pobj"), None)
    if p is None or p.like_num or any(c.like_num for c in p.children):
        return False
    base = noun_base(p.lower_)
    return (
        p.pos_ == "PROPN"
        and p.text[:1].isupper()
        or p.pos_ == "NOUN"
        and (base in NOUN_CUES or base in DOCUMENT_NOUNS or is_person_noun(p.lower_))
        and any(c.dep_ in ("det", "poss") for c in p.children)
    )


def retort(verb: Token) -> bool:
    """'shot back that ...', 'fired back that ...', 'hit back that ...': a verb with "back" that
    reports a clause introduced by "that" is a reply, whatever the verb."""
    return any(c.lower_ == "back" and c.dep_ in ("advmod", "prt") for c in verb.children) and any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in verb.children
    )


class SpeechCues(QuoteLayout):
    """The quote layout of one article, read for the cues that present words as someone's."""

    # ----- finding the cue ----------------------------------------------------------------

    def governing_verb(self, q: RawQuote, toks: list[Token], a: int, b: int) -> Token | None:
        """A speech verb (or 'according') in the window that the quote hangs from in the parse.
        Where the parse hangs parts of the quote from different words, the cue fewest steps up
        wins ('told a woman who suggested that ... that "X is not Y"': "told", its clause); a
        stop the parse hung on the sentence's root only when no word leads to a cue."""
        lo, hi = q.open_mark, (q.close_mark + 1) if q.close_mark is not None else q.end
        seen = set()
        best: tuple[int, Token] | None = None
        words = [t for t in toks if not t.is_punct]
        for t in words + [t for t in toks if t.is_punct]:
            if best is not None and t.is_punct:
                break
            h = inner = t
            while lo <= h.idx < hi and h.head.i != h.i:
                inner, h = h, h.head
            if lo <= h.idx < hi or h.i in seen:
                if lo <= h.idx < hi and best is None and h.i not in seen:
                    # the quote holds its clause's verb ('In his view, it was "never designed for
                    # this"'): an "in his words/view" phrase outside it on that verb is the cue
                    seen.add(h.i)
                    aside = self.words_aside(h, outside=(lo, hi), stance=True)
                    if aside is not None:
                        best = (0, aside)
                continue
            seen.add(h.i)
            topic = inner.dep_ in ("acomp", "attr") and _clause_as_object(h)
            done = None  # a cue reached from a deed joined to it ("had promised X but delivered Y")
            for step in range(4):
                if not a <= h.idx < b or best is not None and step >= best[0]:
                    break
                if (self.is_cue(h) or self.speech_noun(h) and not topic) and h.i != done:
                    best = (step, h)
                    break
                if h.dep_ == "conj" and h.pos_ == "VERB" and self.is_cue(h.head) and h.head.dep_ == "ccomp":
                    done = h.head.i  # its deed is told by whoever reports the clause, not by it
                aside = self.as_aside(h) or self.words_aside(h, stance=step == 0 and not t.is_punct)
                if aside is not None:
                    best = (step, aside)  # the clause's own "as X put it" comes before a verb further up
                    break
                if h.head.i == h.i or own_clause(h):
                    break
                h = h.head
        return best[1] if best is not None else None

    def as_aside(self, h: Token) -> Token | None:
        """'... is a "lawful source," as a memo put it': a speech aside joined to the clause by
        "as" names who said the clause's words."""
        for c in h.children:
            if c.dep_ == "advcl" and c.i > h.i and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children):
                if self.is_cue(c):
                    return c
        return None

    def words_aside(self, h: Token, outside: tuple[int, int] | None = None, stance: bool = False) -> Token | None:
        """'In her words, the ruling was "a disgrace"', 'in the words of X, ...': a speech noun
        in an "in" phrase of the clause, owned by someone, names who said the clause's words
        ("in other words" has no owner: the writer's own). With `outside`, only a phrase outside
        that span of the text counts; with `stance`, a view held counts too ('in Y's view, it
        was "..."': only for a quote that holds the clause's verb, not a term deeper in it)."""
        for c in h.children:
            if c.dep_ != "prep" or c.lower_ != "in":
                continue
            if outside is not None and outside[0] <= c.idx < outside[1]:
                continue
            for n in c.children:
                if n.dep_ == "pobj" and (self.aside_noun(n) if stance else self.speech_noun(n)) and _owned(n):
                    return n
        return None

    def aside_noun(self, t: Token) -> bool:
        """A noun for what someone said or holds: 'her words', 'his view', 'in X's opinion'."""
        return self.speech_noun(t) or (t.pos_ == "NOUN" and not self.quoted[t.i] and t.lower_ in STANCE_NOUNS)

    def is_cue(self, t: Token) -> bool:
        if self.quoted[t.i]:
            return False
        if t.lower_ == "according" or source_per(t):
            return True
        if t.lower_ in ("put", "puts") and any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children):
            return any(c.dep_ == "dobj" and c.lower_ == "it" for c in t.children)  # "as one aide put it"
        if t.pos_ == "VERB" and (retort(t) or verbal_attack(t) or hearing(t)):
            return True
        if (
            t.pos_ == "VERB"
            and t.lower_ in _SPEAK_OF
            and any(c.dep_ == "prep" and c.lower_ in ("of", "about") for c in t.children)
        ):
            return True  # "spoke of her 'deep sadness'": what she spoke of, in her words
        if t.pos_ == "VERB" and t.lower_ in FINDING_FORMS:
            if t.dep_ in ("ccomp", "conj") and is_speech_verb(t.head.lower_):
                return False  # "X said the emails showed '...'": X's words about the emails
            return any(
                c.dep_ == "nsubj"
                and c.pos_ == "NOUN"
                and noun_base(c.lower_) in DOCUMENT_NOUNS
                and not self.quoted[c.i]
                for c in t.children
            )  # "the audit found that ...": a document's findings are its words
        if t.lower_ in _GOING_ON and any(c.dep_ == "xcomp" for c in t.children):
            return False  # "China would continue to 'uphold ...'": going on doing it, not speaking
        return (
            t.pos_ in ("VERB", "AUX", "NOUN", "PROPN")
            and is_speech_verb(t.lower_)
            and (t.pos_ in ("VERB", "AUX") or t.dep_ in ("compound", "ROOT", "amod"))
        )

    def speech_noun(self, t: Token) -> bool:
        """'Trump's claim that ...', 'a statement calling it ...': a noun for something said."""
        # ("her words" is something said; its base "word" is a term cue, "the word 'resilience'")
        low = t.lower_
        return t.pos_ == "NOUN" and not self.quoted[t.i] and (low == "words" or noun_base(low) in SPEECH_NOUNS)

    def frame_verbs(self, q: RawQuote, toks: list[Token], a: int, b: int) -> list[Token]:
        """Speech verbs outside quotes in the window, nearest the quote first."""
        cands = [t for t in self.window_tokens(a, b) if self.is_cue(t) and not naming(t)]
        return sorted(cands, key=lambda t: min(abs(t.idx - q.open_mark), abs(t.idx - q.end)))

    def _part_in(self, tok: Token, para: tuple[int, int]) -> Token | None:
        """The part of `tok`'s phrase inside paragraph `para`, by its head-most word: the body's
        real subject when the parse hung it under a headline or section heading word."""
        for t in tok.subtree:
            if self.para_of(t.idx) == para and not self.quoted[t.i] and t.pos_ in ("PROPN", "NOUN", "PRON"):
                if self.para_of(t.head.idx) != para:
                    return t
        return None

    def past_dateline(self, c: Token) -> Token:
        """'GENEVA (AP) — The council on Tuesday condemned ...' parsed with the dateline as the
        subject and the real subject as its appositive: a word opening its paragraph, all in
        capitals, set off by a dash, is the dateline; the appositive after the dash speaks."""
        lo, _ = self.para_of(c.idx)
        first = next((t for t in c.lefts if t.dep_ == "compound"), c)  # ("UNITED NATIONS", "SAN JUAN")
        name = self.text[first.idx : c.idx + len(c.text)]
        if self.text[lo : first.idx].strip() or not name.isupper() or len(name) < 3:
            return c
        dash = next((t for t in c.children if t.text in ("\u2014", "\u2013", "--", "-") and t.i > c.i), None)
        if dash is None:
            return c
        appos = next((t for t in c.children if t.dep_ == "appos" and t.i > dash.i), None)
        return appos if appos is not None and not self.quoted[appos.i] else c

    def subject_of(self, verb: Token, depth: int = 0) -> Token | None:
        if verb.lower_ == "per":
            p = next((p for p in verb.children if p.dep_ == "pobj"), None)
            return None if p is None else self.owner_of_cue_noun(p)
        if verb.lower_ == "according":
            for c in verb.children:
                if c.lower_ == "to":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.owner_of_cue_noun(p)
            return None
        if (
            verb.dep_ == "ccomp"
            and self.is_cue(verb.head)
            and any(c.dep_ == "aux" and c.lower_ in _PRESCRIBING for c in verb.children)
        ):
            # 'X said reporters should ask "..."': words X prescribes for others are X's
            return self.subject_of(verb.head, depth + 1)
        if depth > 0 and verb.dep_ == "ccomp" and self.is_cue(verb.head):
            # "X told Y that the news was 'bad' before noting ...": a verb the parse hung on the
            # reported clause speaks for the reporter, not for that clause's subject
            return self.subject_of(verb.head, depth + 1)
        # nearest first: a parse run across a paragraph break may give the verb two subjects
        para = self.para_of(verb.idx)
        for c in sorted(verb.children, key=lambda c: abs(c.i - verb.i)):
            if c.dep_ in _SUBJ and not self.quoted[c.i]:
                if c.i > verb.i and any(o.dep_ in ("dobj", "oprd", "dative") and o.i > c.i for o in verb.children):
                    continue  # "Calls women rude names": an inverted subject ("said X") takes no object
                if self.para_of(c.idx) != para:  # a headline with no full stop parsed into the body
                    part = self._part_in(c, para)
                    if part is None:
                        continue
                    c = part
                c = self.past_dateline(c)
                if (
                    c.dep_ == "nsubjpass"
                    and verb.lower_ in _ADDRESSED
                    and not any(a.dep_ == "agent" for a in verb.children)
                ):
                    return None  # the one told, not the teller, and nobody named telling
                if c.dep_ == "nsubjpass" and verb.lower_ not in _REPORTED_BY:
                    for a in verb.children:
                        if a.dep_ == "agent":
                            for p in a.children:
                                if p.dep_ == "pobj":
                                    return p
                    judge = clause_judge(verb)
                    if judge is not None:
                        return judge  # "When X examined it, it was labeled '...'"
                if (
                    c.lower_ in ("who", "that", "which")
                    and verb.dep_ == "relcl"
                    and verb.head.pos_ not in ("VERB", "AUX")
                ):
                    head = verb.head
                    if head.dep_ == "attr" and head.head.lower_ in BE_FORMS:
                        # "X is a site which aims to '...'": the noun is X's predicate, so X
                        subj = next((s for s in head.head.children if s.dep_ == "nsubj"), None)
                        if subj is not None and not self.quoted[subj.i]:
                            return subj
                    if self.quoted[head.i]:
                        return None  # (not a quoted title: '"X," which ends')
                    return _appositive_owner(head)
                if c.lower_ in ("who", "which") and c.i > 0:
                    # "... turned to the Police Department which reported ...": a relative clause
                    # the parse hung elsewhere (on a verb, even as a relcl) still speaks for the
                    # noun right before it
                    prev = self.doc[c.i - 1] if self.doc[c.i - 1].text != "," else self.doc[max(c.i - 2, 0)]
                    if prev.pos_ in ("NOUN", "PROPN") and not self.quoted[prev.i]:
                        return _appositive_owner(prev)
                return c
        to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if verb.tag_ == "VB" and to is not None and to.i > 0:
            prev = self.doc[to.i - 1]
            if prev.dep_ == "pobj" and prev.head.lower_ == "for" and not self.quoted[prev.i]:
                return prev  # "For a nominee to claim that ...": the nominee claims it
        if verb.tag_ == "VBG" and verb.i > 0:
            prev = self.doc[verb.i - 1]
            if prev.dep_ == "pobj" and prev.head.lower_ in ("with", "without") and not self.quoted[prev.i]:
                return prev  # "an ad which ends with X saying ...": X says it
        inverted = self._inverted_object(verb)
        if inverted is not None:
            return inverted
        described = _description_before(verb)
        if described is not None and not self.quoted[described.i]:
            return described
        if verb.pos_ in ("NOUN", "PROPN"):
            # "The Department of Agriculture notes, '...'" parsed as one noun phrase
            for c in verb.children:
                if c.dep_ in ("nmod", "compound") and c.i < verb.i and not self.quoted[c.i]:
                    return c
        if depth == 0 and verb.dep_ == "xcomp" and verb.head.pos_ in ("VERB", "AUX") and not self.is_cue(verb.head):
            # "it prompted Y to make a comment that ...": the object of the verb above does what
            # the infinitive says (object control); after "X told/urged Y to ..." the words stay X's
            obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
            if obj is not None and not self.quoted[obj.i]:
                return obj
        head = verb.head
        if verb.dep_ == "acl" and after_named_person(verb):
            return self.doc[verb.i - 2]  # "her opponent, Mark Levin, called it '...'": Levin
        if (
            verb.dep_ == "acl"
            and verb.tag_ in ("VBD", "VBN")
            and head.dep_ == "ROOT"
            and head.pos_ in ("PROPN", "NOUN")
            and not self.quoted[head.i]
        ):
            # "Mr. X, the nominee, opened by accusing ...": a sentence parsed as a noun with a
            # clause and no main verb; the noun is the clause's subject (its title is not)
            return head
        if depth < 3 and verb.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
            # "her husband used to tell her, '...'": the subject of the verb the infinitive
            # completes says it (subject control), even when that verb is itself the clause
            # someone else reports ("She said her husband used to tell her")
            own = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and not self.quoted[c.i]]
            if own and not any(c.dep_ == "dobj" and c.i < verb.i for c in head.children):
                if self.para_of(own[0].idx) == self.para_of(verb.idx):
                    return own[0]
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ == "for" and head.head.pos_ == "VERB":
            # "criticized Ann Bell for saying ...", "went after Ann Bell for saying ...": the one
            # blamed or praised for the words said them (object control); with no object the
            # subject did ("apologized for saying ...")
            gov = head.head
            for c in gov.children:
                if c.i >= head.i or self.quoted[c.i]:
                    continue
                if c.dep_ == "dobj":
                    return c
                if c.dep_ == "prep" and c.lower_ in ("after", "at", "on"):
                    obj = next((p for p in c.children if p.dep_ == "pobj"), None)
                    if obj is not None and not self.quoted[obj.i]:
                        return obj
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.lower_ == "as" and head.head.lower_ in _QUOTED_AS:
            # "The agency quoted him as saying ...": the one quoted says it, not who quotes him
            obj = next((c for c in head.head.children if c.dep_ == "dobj" and c.i < head.i), None)
            return obj if obj is not None and not self.quoted[obj.i] else None
        if depth < 3 and verb.dep_ in _BORROW and head.i != verb.i:
            return self.subject_of(head, depth + 1)
        return None

    def _inverted_object(self, verb: Token) -> Token | None:
        """'"...," warned economist Jane Roe.': right after a quote's closing mark, a speech verb
        with no subject whose object is a name or a person ending the clause: the inverted subject, which the
        parse took for the object (verbs that take objects: warn, add, urge, tell)."""
        if verb.i < 2 or not self.doc[verb.i - 1].is_quote or self.doc[verb.i - 2].text not in (",", "?", "!"):
            return None
        if (
            verb.lower_.startswith(("tell", "told"))
            or verb.lower_.startswith("ask")
            and self.doc[verb.i - 2].text != "?"
        ):
            return None  # "told reporters": the object is whom the words were said to
        # ('"Why now?" asked Jane Roe.': after a question "asked" is the inverted speaker's)
        for c in verb.children:
            named = c.pos_ == "PROPN" or any(a.dep_ == "appos" and a.pos_ == "PROPN" for a in c.children)
            if c.dep_ == "dobj" and c.i > verb.i and (named or is_person_noun(c.lower_)) and not self.quoted[c.i]:
                nxt = self.doc[c.right_edge.i + 1] if c.right_edge.i + 1 < len(self.doc) else None
                if nxt is None or nxt.text in (".", ",", ";"):
                    return c
        return None

    def owner_of_cue_noun(self, t: Token) -> Token:
        """'a statement from the campaign' -> campaign; 'an interview' stays as it is."""
        if noun_base(t.lower_) in NOUN_CUES:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return p
                if c.dep_ == "poss":
                    return c
        return t

    # ----- how it was said ----------------------------------------------------------------------

    def channel(self, verb: Token | None, a: int, b: int) -> tuple[int, int] | None:
        """How the words came ('told Sky News', 'in a statement'): `channels.channel`."""
        return channels.channel(self, verb, a, b)


def _appositive_owner(noun: Token) -> Token:
    """'Kara Lomax, a college freshman, who said ...': the name a role noun stands beside as an
    appositive is what the relative clause speaks of (the role is only its description)."""
    head = noun.head
    if noun.dep_ == "appos" and noun.pos_ == "NOUN" and head.pos_ == "PROPN" and head.i < noun.i:
        return head
    return noun


def _description_before(verb: Token) -> Token | None:
    """'"...," the 27-year-old told reporters': a speech verb the parse made a modifier of the
    noun after it ("told" an adjective of "reporters"), right after a description of a person
    that follows "the" and nothing but its own words: that description is its subject."""
    if verb.dep_ not in ("amod", "compound", "nmod") or verb.head.i <= verb.i or verb.i < 2:
        return None
    prev = verb.doc[verb.i - 1]
    if not (age_description(prev) or prev.pos_ == "NOUN" and prev.tag_ == "NN" and is_person_noun(prev.lower_)):
        return None
    i = prev.i
    while (
        i > 0
        and verb.doc[i - 1].pos_ in ("ADJ", "NUM", "NOUN", "PUNCT")
        and verb.doc[i - 1].text not in ",\"\u201d'\u2019"
    ):
        i -= 1
    return prev if i > 0 and verb.doc[i - 1].lower_ == "the" else None
