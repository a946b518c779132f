"""Quote or term: whether a quoted string is presented as someone's words or merely quoted by the
writer (a term, a title, a name, a scare quote). Attribution asks these when no speech cue
settles it.
"""

from __future__ import annotations

from itertools import takewhile
from typing import TYPE_CHECKING

from reader.model.analysis.name_spans import main_clause
from reader.model.analysis.quote_layout import QuoteLayout, RawQuote
from reader.model.analysis.speakers import NameIndex
from reader.model.analysis.speech_words import (
    BE_FORMS,
    CONTENT_PREPOSITIONS,
    NAMING_VERBS,
    SPEAKING_VERBS,
    is_person_noun,
)

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Token

_FINITE = ("VBD", "VBP", "VBZ", "MD")


# Verbs by which a fact-checker or judge grades something ("it was rated 'Mostly True'").
_GRADING = frozenset("rated labeled labelled ruled judged deemed graded scored".split())


def clause_judge(verb: Token) -> Token | None:
    """'When PolitiFact examined the claim, it was labeled "Mostly True"': a passive grading verb
    with no agent of its own is the work of the named subject of its adverbial clause (when or
    after someone examined, reviewed, found ...), which grades it."""
    if verb.lower_ not in _GRADING or not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ != "advcl":
            continue
        subj = next((s for s in c.children if s.dep_ == "nsubj"), None)
        if subj is not None and (subj.ent_type_ in ("PERSON", "ORG") or subj.pos_ == "PROPN"):
            return subj
    return None


def naming(verb: Token) -> bool:
    """'a print called "X"', 'was dubbed "X"', 'known as "X"': the quote names something."""
    if verb.lower_ not in NAMING_VERBS or any(c.dep_ == "prep" and c.lower_ != "as" for c in verb.children):
        return False  # "calling for 'X'" asks for something
    deps = {c.dep_ for c in verb.children}
    if verb.dep_ in ("acl", "amod") and "dobj" in deps and deps & {"oprd", "xcomp", "ccomp"}:
        return False  # "the statement, issued by X, called the ruling 'flawed'": judged, the parse's acl
    if verb.dep_ == "acl" and after_named_person(verb):
        return False  # "a pledge her opponent, Mark Levin, called 'empty rhetoric'": his judgement
    if verb.dep_ in ("acl", "amod") and any(c.dep_ == "nsubj" for c in verb.children):
        return False  # "a performance that critics have called 'career-best'": a clause with its judge
    if verb.dep_ in ("acl", "amod") or verb.lower_ == "known":
        return True
    if any(c.dep_ == "auxpass" for c in verb.children) and any(
        p.dep_ == "pobj" and (p.ent_type_ in ("PERSON", "ORG") or p.pos_ == "PROPN")
        for c in verb.children
        if c.dep_ == "agent"
        for p in c.children
    ):
        return False  # "the plan was called 'a nonstarter' by Ana Ruiz": her judgement, his words
    if clause_judge(verb) is not None:
        return False
    return verb.tag_ == "VBN" and not any(c.dep_ == "nsubj" for c in verb.children)


def after_named_person(verb: Token) -> bool:
    """The verb comes right after ", Name," set beside a noun for a person ("her opponent, Mark
    Levin, called"): the parse hung it on that noun as a participle, but the person is its subject."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return False
    name = doc[verb.i - 2]
    return (
        name.dep_ == "appos"
        and name.ent_type_ == "PERSON"
        and name.head.pos_ == "NOUN"
        and is_person_noun(name.head.lower_)
    )


# Verbs by which a person or body brings out a thing ("announced a new 'efficiency programme'"):
# a quoted noun after the writer's own article is that thing's name, not words said.
_LAUNCHING = frozenset(
    "announce announces announced announcing unveil unveils unveiled unveiling launch launches launched "
    "launching introduce introduces introduced introducing".split()
)


def launched_thing(q: RawQuote, toks: list[Token], verb: Token) -> bool:
    """'announces a new "efficiency programme"', 'unveiled its "Fly Green" scheme': the quote is
    (part of) the object of a launching verb, and the noun phrase's article or possessive stands
    outside the marks: the writer names what was launched; nobody is quoted."""
    if verb.lower_ not in _LAUNCHING:
        return False
    lo = q.open_mark
    hi = (q.close_mark + 1) if q.close_mark is not None else q.end
    words = [t for t in toks if not t.is_punct and not t.is_space]
    if not words or len(words) > 5:
        return False
    head = next((t for t in words if not lo <= t.head.idx < hi), None)
    if head is None:
        return False
    outside = False  # more of the noun phrase than its article stands outside the marks
    if head.dep_ in ("compound", "amod", "nmod") and head.head.idx >= hi:
        head, outside = head.head, True  # 'its "Fly Green" scheme'
    if head.dep_ != "dobj" or head.head.i != verb.i:
        return False
    outside = outside or any(c.dep_ in ("amod", "compound") and c.idx < lo for c in head.children)
    # ('announced a "new era for the city"' may be the mayor's words: only the article is outside)
    return outside and any(c.dep_ in ("det", "poss") and c.idx < lo for c in head.children)


def imperative_topic(q: RawQuote, toks: list[Token], verb: Token) -> bool:
    """'Ask any teacher about "learning loss"', 'Mention "net zero" to a farmer': a speech verb
    in the imperative opening its sentence asks the reader to say or raise the words; nobody in
    the text said them (a whole clause in the marks may still be someone's)."""
    if verb.tag_ != "VB" or verb.dep_ != "ROOT" or whole_clause(q, toks):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return False
    first = next((t for t in verb.sent if not t.is_punct and not t.is_space), None)
    return first is not None and first.i == verb.i


def whole_clause(q: RawQuote, toks: list[Token]) -> bool:
    """The marks hold a clause or a long stretch of words, not a term or a short phrase."""
    words = [t for t in toks if not t.is_punct and not t.is_space]
    if len(words) >= 6:
        return True
    if len(words) >= 2 and any(t.tag_ in _FINITE or t.tag_ == "VB" and t.i == words[0].i for t in words):
        return True  # a finite verb, or an imperative ("think again")
    return len(words) >= 3 and toks[-1].text in ("!", "?")


def reports(verb: Token, toks: list[Token]) -> bool:
    """The quote lies in what `verb` reports: reached from the quote by heads, within six
    steps, without passing through a relative clause (a short quoted phrase is then a term of
    the reporter's, not the speaker's words) or an adverbial clause with its own subject."""
    if verb.lower_ in ("according", "per"):
        return True  # "..., according to X" covers its whole sentence
    if _right_before(verb, toks):
        return True  # "with many chanting 'sack the board'": the parse may hang the verb inside
    # "Nobody was hurt, X said, but Y was 'rattled'": a parenthetical cue reports its sentence
    target = {verb.i, verb.head.i} if verb.dep_ == "parataxis" and verb.head.dep_ == "ROOT" else {verb.i}
    for t in toks[:1] + toks[-1:]:
        h = t
        for _ in range(6):
            if h.i in target:
                return True
            if h.dep_ in ("relcl", "acl") and in_comparison(h, verb):
                return True
            if h.dep_ in ("relcl", "acl") or h.head.i == h.i:
                break
            if h.head.i in target and own_clause(h):
                break  # "X called it a 'disgrace' after she blamed 'bias'": her clause, not his report
            h = h.head
    return False


def _right_before(verb: Token, toks: list[Token]) -> bool:
    """The speech verb stands right before the opening mark ('chanting "sack the board"'); one
    that takes a listener ('told "The Times"') does not speak the words that follow."""
    doc = verb.doc
    if not toks or verb.i + 2 > toks[0].i or verb.pos_ != "VERB" or verb.lower_.startswith(("tell", "told")):
        return False
    between = doc[verb.i + 1 : toks[0].i]
    return len(between) == 1 and between[0].is_quote


def in_comparison(h: Token, verb: Token) -> bool:
    """'compared him to a coach at a game who is "working the referees"', 'warned of a storm that
    could "flatten the coast"': a clause on the noun reached through the verb's content
    preposition is part of what the speaker said."""
    for a in h.ancestors:
        if a.i == verb.i:
            return False
        if (
            a.dep_ == "prep"
            and a.lower_ in CONTENT_PREPOSITIONS.get(verb.lower_, ())
            and verb.i in (a.head.i, a.head.head.i)
        ):
            return True  # (on the verb, or on its object: "compared Trump to ...")
    return False


def own_clause(h: Token) -> bool:
    """`h` heads a finite adverbial clause with a subject of its own ("after she blamed ..."):
    said of the speech verb it hangs on, it tells when or why, not what was said ("called for
    NBC to release the 'unedited' version" is what was called for)."""
    if h.dep_ != "advcl" or not any(c.dep_ in ("nsubj", "nsubjpass") for c in h.children):
        return False
    return h.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" for c in h.children)


def modifies_noun(layout: QuoteLayout, q: RawQuote, toks: list[Token]) -> bool:
    """`"rent a desk" offices`, `"work from home" jobs`: the marks hold a modifier of the noun
    right after them, a term of the writer's even when it reads as a clause (the small
    parser often takes the quoted verb for the clause's; the noun then is an argument)."""
    if q.close_mark is None or not toks or layout.text[q.start : q.end][-1:] in ".,;:!?":
        return False
    hi = q.close_mark + 1
    top = next((t for t in toks if not q.open_mark <= t.head.idx < hi), None)
    if top is not None and top.dep_ in ("compound", "amod", "nmod") and top.head.pos_ in ("NOUN", "PROPN"):
        return top.head.idx >= hi
    nxt = toks[-1].nbor() if toks[-1].i + 1 < len(layout.doc) else None
    while nxt is not None and (nxt.is_punct or nxt.is_space) and nxt.idx < hi and nxt.i + 1 < len(layout.doc):
        nxt = nxt.nbor()  # the closing mark
    return (
        nxt is not None
        and nxt.idx == hi + 1
        and nxt.tag_ in ("NN", "NNS")
        and not nxt.ent_type_
        and nxt.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr", "conj", "appos", "compound")
    )


def said_of_subject(layout: QuoteLayout, names: NameIndex, q: RawQuote, toks: list[Token]) -> Token | None:
    """'X admires Y as a "strong leader"', 'he is the "change agent"': a short quote that
    completes what a named person (or he, she, they) does or is in the main clause reads as
    that person's words (the subject is returned); one inside a noun phrase or an aside is a term."""
    lo, hi = q.open_mark, (q.close_mark + 1) if q.close_mark is not None else q.end
    top = next((t for t in toks if not lo <= t.head.idx < hi), None)
    if top is None:
        return None
    dep, head = top.dep_, top.head
    if dep == "pobj" and head.lower_ == "as":
        dep, head = "as", head.head
    if dep not in ("dobj", "attr", "acomp", "oprd", "as") or head.pos_ not in ("VERB", "AUX"):
        return None
    # "he is the 'change agent'", also as what the main verb reports ("showed us he is the ...")
    if not (head.dep_ in ("ROOT", "ccomp") or head.dep_ == "conj" and head.head.dep_ == "ROOT"):
        return None
    if head.dep_ == "ccomp" and head.head.dep_ != "ROOT":
        return None
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subj is None and head.dep_ == "conj":
        subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    if subj is None or layout.quoted[subj.i]:
        return None
    n = names.by_token.get(subj.i)
    if n is None and subj.pos_ == "NOUN":
        # "The governor, Ann Cole, attacked the bill as ...": the name set beside the role
        n = next((m for c in subj.children if c.dep_ == "appos" and (m := names.by_token.get(c.i)) is not None), None)
    if dep == "as" and subj.pos_ == "NOUN" and is_person_noun(subj.lower_):
        return subj  # "the governor attacked the bill as 'a job killer'": what she calls it
    named = (n is not None and n.kind in ("PERSON", "ORG")) or subj.lower_ in ("he", "she", "they")
    return subj if named else None


def cited_work(q: RawQuote, words: list[Token]) -> bool:
    """'"Some Headline" — Publisher, August 15, 2008': a cited title, not speech; the rest of
    the sentence holds no verb, and a date or an organisation follows the quote."""
    after = [t for t in words if t.idx > q.end]
    if not after or any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    return any(t.ent_type_ in ("DATE", "ORG") or t.like_url for t in after)


def cited_headline(q: RawQuote, words: list[Token]) -> bool:
    """'"Some Headline" — Publisher, August 15, 2008' with whatever the text runs on into (a
    source list whose line breaks were lost): a dash right after the marks, then a source and a
    full date ("August 15, 2008") or an address before any verb. '— Jane Roe, 2019' credits a
    speaker and is not one."""
    after = [t for t in words if t.idx > q.end]
    if len(after) < 2 or after[0].text not in ("\u2014", "\u2013", "-", "--"):
        return False
    source = list(takewhile(lambda t: t.pos_ not in ("VERB", "AUX"), after[1:12]))
    dated = [t for t in source if t.ent_type_ == "DATE" and not t.is_punct]
    return len(dated) >= 3 or any(t.like_url for t in source)


def names_channel(q: RawQuote, toks: list[Token], verb: Token) -> bool:
    """'X said on "Meet the Press"', 'wrote in "The Monthly"': the quote is where the words were
    said or written (a show, a paper, a book), the object of a place preposition of the speech
    verb, and its title; the words spoken are elsewhere."""
    hi = (q.close_mark + 1) if q.close_mark is not None else q.end
    top = next((t for t in toks if not q.open_mark <= t.head.idx < hi), None)
    if top is None or top.dep_ != "pobj":
        return False
    prep = top.head
    return prep.dep_ == "prep" and prep.lower_ in ("on", "in") and prep.head.i == verb.i


def subject_keeps_turn(layout: QuoteLayout, own: list[Token], q: RawQuote, last_kind: str) -> bool:
    """The reporter's sentence holding the quote goes on with the last speaker's words only
    when its main subject before the quote is none, or a pronoun that can be that speaker
    ("It's 'closer to violence'"): "A report found the money came from 'crime'", "They
    included a 'consultant'" and "his aides struck a call for 'weapons'" are about someone
    or something else (and in text whose paragraph breaks were lost, "the same paragraph"
    may reach back a long way)."""
    for t in own:
        if t.idx < q.open_mark and t.dep_ == "ROOT" and t.pos_ in ("NOUN", "PROPN"):
            return False  # a noun the parse made the root ("The post, which ..., called X 'Y'")
        if t.idx >= q.open_mark or t.dep_ not in ("nsubj", "nsubjpass") or not main_clause(t.head):
            continue
        if t.pos_ != "PRON" or t.lower_ in ("they", "we") and last_kind == "PERSON":
            return False
    return True


def stance_subject(
    layout: QuoteLayout, names: NameIndex, toks: list[Token], acts: bool = False, root: Token | None = None
) -> Token | None:
    """'Striker Lena Olsen, who scored twice, was more cautious.' or 'Frank Ross disagreed.'
    right before a quote standing alone: a named person made the subject of a sentence that
    only tells their stance (be + adjective, a verb with no object) or that they spoke ('X
    addressed the council on Monday.', 'In an interview with the Herald, X defended the plan.')
    brings in the words that follow (the subject returned). 'Ivan Petrov visited the street.'
    tells of something else, unless `acts` (the caller knows the words are someone's own: any
    verb of the person's doing will do, not a form of "be"). 'X's tone was defiant.' tells X's
    stance too (the owner returned). `root`: the clause's verb where it is not the sentence's
    ('X was blunt: the plan was "dead"')."""
    root = root or next((t for t in toks if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("VERB", "AUX"):
        return None
    kids = [c for c in root.children if c.idx >= toks[0].idx]  # (not across a paragraph break)
    deps = {c.dep_ for c in kids}
    if acts:
        if root.pos_ != "VERB" or root.lower_ in BE_FORMS or root.tag_ == "VBN":
            return None
    elif root.lower_ in BE_FORMS:
        # ("was blunt on Monday" is a stance, "was at the hospital" is not; "X was not." a stance
        # the sentence before gave, denied)
        elliptic = "neg" in deps and deps <= {"nsubj", "neg", "punct", "advmod", "cc"}
        if not elliptic and ("acomp" not in deps or deps & {"ccomp", "xcomp", "attr", "agent"}):
            return None
    elif root.lower_ not in SPEAKING_VERBS and not any(
        _speech_occasion(layout, c) or _own_case(layout, c) for c in kids
    ):
        if deps & {"dobj", "ccomp", "xcomp", "attr", "dative", "oprd", "prep", "agent"}:
            return None
    # (the nearest subject: a headline run into the sentence is parsed as a second one)
    subj = max(
        (c for c in kids if c.dep_ == "nsubj" and c.i < root.i and not layout.quoted[c.i]),
        default=None,
        key=lambda c: c.i,
    )
    subj = subj or next((c for c in kids if c.dep_ == "nsubj" and not layout.quoted[c.i]), None)
    if subj is not None and subj.lower_ in ("he", "she") and not acts:
        # "He is not happy.": the caller reads the pronoun, when no name in the sentence competes
        return subj if not any(toks[0].idx <= m.start <= toks[-1].idx for m in names.names) else None
    n = names.by_token.get(subj.i) if subj is not None else None
    if n is None and subj is not None and subj.pos_ == "NOUN":
        # "The Rovers captain, Neil Garvey, was blunt.": the name set beside the role
        n = next((m for c in subj.children if c.dep_ == "appos" and (m := names.by_token.get(c.i)) is not None), None)
    owner = _manner_owner(layout, subj) if n is None and subj is not None and not acts else None
    if owner is not None and (n := names.by_token.get(owner.i)) is not None and n.kind == "ORG":
        return owner  # "The message from the White House was clear."
    subj = owner or subj
    if n is None or n.kind != "PERSON" or not names.is_person(n):
        return None
    # (a team or body before the role is no second person: "Kings coach Tony Alvarez was blunt.")
    people = {
        names.full(m).key
        for m in names.names
        if toks[0].idx <= m.start <= toks[-1].idx and (m.kind == "PERSON" or m.tok == n.tok)
    }
    return subj if len(people) == 1 else None


# How someone's words came across ("X's tone was defiant.", "The message from Y was clear."): the
# sentence tells the owner's stance.
_MANNER_NOUNS = frozenset("tone message response reply answer reaction verdict mood language rhetoric".split())


def _manner_owner(layout: QuoteLayout, subj: Token) -> Token | None:
    """The owner of a subject that tells how someone spoke ("X's tone", "the message from X")."""
    if subj.pos_ != "NOUN" or subj.lower_ not in _MANNER_NOUNS:
        return None
    for c in subj.children:
        if c.dep_ == "poss" and c.pos_ == "PROPN" and not layout.quoted[c.i]:
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "of"):
            p = next((p for p in c.children if p.dep_ == "pobj"), None)
            if p is not None and p.pos_ == "PROPN" and not layout.quoted[p.i]:
                return p
    return None


# What a speaker puts forward as their own ("X made her case.", "Y gave his verdict."): said of
# the sentence's subject, the sentence tells that they spoke, like "X spoke."
_CASE_NOUNS = frozenset("case argument point pitch verdict message views feelings position objections".split())


def _own_case(layout: QuoteLayout, obj: Token) -> bool:
    """The verb's object is the subject's own case or view ("made her case", "gave his verdict",
    "set out the argument"); another's ("read Smith's message") is not."""
    if obj.dep_ != "dobj" or layout.quoted[obj.i] or obj.pos_ != "NOUN" or obj.lower_ not in _CASE_NOUNS:
        return False
    return all(c.pos_ == "PRON" for c in obj.children if c.dep_ == "poss")


# Occasions of speech a sentence can set its subject's act in: "In an interview with the Herald,
# X defended the plan.", "At a news conference, X took questions."
_OCCASIONS = frozenset(
    "interview speech remarks address briefing conference testimony podcast broadcast call town hall".split()
)


def _speech_occasion(layout: QuoteLayout, prep: Token) -> bool:
    """'in an interview', 'at a news conference', 'during his speech': a preposition of place or
    time whose object is an occasion of speech that nobody else owns."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "during", "on"):
        return False
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or layout.quoted[obj.i] or obj.pos_ != "NOUN" or obj.lower_ not in _OCCASIONS:
        return False
    # ("in Smith's speech": another's words; "in his speech" is the subject's own)
    return not any(c.dep_ == "poss" and c.pos_ != "PRON" for c in obj.children)
