"""Who a cue names as speaker: the subject of a speech verb, the owner of a statement, a pronoun,
a group or a phrase read through the article's names (`speakers.NameIndex`). The quote rules
(`attribution`) find the cue; this reads the speaker it gives.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader.model.analysis.document_sources import part_of_documents
from reader.model.analysis.elided_lists import ElidedLists
from reader.model.analysis.interviews import answer_paragraph
from reader.model.analysis.name_types import Speaker
from reader.model.analysis.quote_layout import RawQuote
from reader.model.analysis.quote_or_term import clause_judge, naming
from reader.model.analysis.results import Mention
from reader.model.analysis.speakers import someones_body
from reader.model.analysis.speech_idioms import heard_from, hearing
from reader.model.analysis.speech_words import (
    ANSWERING_VERBS,
    DOCUMENT_NOUNS,
    GROUP_PRONOUNS,
    ISSUING_VERBS,
    JUDGING_VERBS,
    PERSONAL_PRONOUNS,
    TITLE_WORDS,
    noun_base,
)
from reader.model.analysis.textview import TextView

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc, Token


# Styles of address that stand for a person: "His Highness", "Her Majesty", "His Excellency".
_STYLES = frozenset(("highness", "majesty", "excellency", "holiness", "eminence"))


def passive_judgement(verb: Token) -> bool:
    """'was criticized for ...', 'has been praised as ...': a judging verb in the passive with no
    agent ("by X") and no judge in its clause (`clause_judge`)."""
    return (
        verb.lower_ in JUDGING_VERBS
        and any(c.dep_ == "auxpass" for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
        and clause_judge(verb) is None
    )


class CueSpeakers(ElidedLists):
    """The speaker a speech verb, a statement noun or a subject phrase gives a quote."""

    def __init__(
        self, doc: Doc, view: TextView, raw: Sequence[RawQuote], mentions: list[Mention], segs: list[tuple[int, int]]
    ):
        super().__init__(doc, view, raw, mentions, segs)
        self.had_subject = False  # set by speaker_from_verb: the verb had a subject in the window

    def noun_speaker(self, noun: Token, q: RawQuote) -> Speaker | None:
        """Whose claim or statement: its possessor, 'from/by X', else who made or issued it."""
        after = noun.right_edge.i + 1  # "rated this claim by X" ("by X" hung on the verb)
        nxt = [noun.head.children] if noun.dep_ == "dobj" and after < len(self.doc) else []
        for c in [*noun.children, *(c for cs in nxt for c in cs if c.i == after)]:
            if c.dep_ == "poss" and not self.quoted[c.i]:
                return self.speaker_of(c, "noun", None, q)
            if c.dep_ == "prep" and (c.lower_ in ("from", "by") or c.lower_ == "of" and noun.lower_ == "words"):
                p = next((p for p in c.children if p.dep_ == "pobj"), None)
                if p is not None and not self.quoted[p.i]:
                    return self.speaker_of(p, "noun", None, q)
        via = noun.head
        if (
            noun.dep_ == "pobj"
            and via.lower_ in ("in", "through", "via")
            and via.dep_ == "prep"
            and via.head.pos_ in ("VERB", "AUX")
            and self.is_cue(via.head)
            and not naming(via.head)
            and self.para_of(via.head.idx) == self.para_of(noun.idx)
        ):
            # "X said in a statement that it was '...'" parsed with the clause on the statement:
            # whoever said it in the statement
            subj = self.subject_of(via.head)
            if subj is not None:
                cue = "verb-before" if via.head.idx < q.start else "verb-after"
                return self.speaker_of(subj, cue, via.head, q)
        if noun.dep_ == "nsubj" and noun.head.dep_ == "pcomp":
            via = noun.head.head  # "with [language pledging ...]" parsed as a clause
        if (
            (noun.dep_ == "pobj" or noun.dep_ == "nsubj" and noun.head.dep_ == "pcomp")
            and via.lower_ == "with"
            and via.dep_ == "prep"
            and via.head.pos_ == "VERB"
            and not any(c.dep_ in ("auxpass", "nsubjpass") for c in via.head.children)  # (not "greeted with chants")
            and self.para_of(via.head.idx) == self.para_of(noun.idx)
        ):
            # "X replaced it with language calling for '...'": X wrote the language
            subj = self.subject_of(via.head)
            if subj is not None:
                return self.speaker_of(subj, "noun", via.head, q)
        if (
            noun.dep_ in ("dobj", "attr", "pobj")
            and noun.head.pos_ in ("VERB", "AUX")
            and noun.head.lower_ not in ANSWERING_VERBS  # "X denied accusations of '...'": not X's
            and (noun.head.lower_ in ISSUING_VERBS or self.is_cue(noun.head) or noun.dep_ != "dobj")
            and self.para_of(noun.head.idx) == self.para_of(noun.idx)  # (a parse run over a break)
        ):
            subj = self.subject_of(noun.head)
            if subj is not None:
                return self.speaker_of(subj, "noun", noun.head, q)
        return None

    def speaker_of(self, tok: Token | None, cue: str, verb: Token | None, q: RawQuote) -> Speaker | None:
        if tok is None or self.quoted[tok.i]:
            return None
        if tok.pos_ == "PRON" and len(tok.text) > 1 and tok.text.isupper():
            return self.names.as_written(tok, cue).but(kind="ORG")  # "WHO said": an acronym, not "who"
        low = tok.lower_
        if low in PERSONAL_PRONOUNS:
            return self.names.resolve_pronoun(tok, PERSONAL_PRONOUNS[low], self.last, self.recent_turn(q))
        if low in GROUP_PRONOUNS:
            return self.names.resolve_group(tok, self.last, lambda d: self.speaker_of(d, cue, None, q))
        group = self.names.partitive_group(tok)
        if group is not None:
            named = self.set_beside(tok, group, cue)  # "Two of its members, Sens. Ann Bell and Tom Hart,"
            return named if named is not None else self.names.as_written(tok, cue)  # "some of the residents"
        group = part_of_documents(tok)
        if group is not None:  # "one of our ads said": as written
            return self.names.as_written(tok, cue, group).but(kind="DOC")
        if tok.pos_ in ("PRON", "DET", "ADJ") and tok.lower_ in ("another", "one", "other"):
            # "Another, former aide Kate Lind, tweeted": the name set beside the pronoun
            beside = next((self.names.by_token.get(c.i) for c in tok.children if c.dep_ == "appos"), None)
            if beside is not None and self.names.is_person(beside):
                return self.names.speaker(beside, cue, "role-name")
        if low == "i":
            return self.labelled_speaker(tok, cue)  # "JOHN OKAFOR: I told him, '...'"
        if low in _STYLES and any(c.dep_ == "poss" and c.lower_ in ("his", "her") for c in tok.children):
            return self.styled(tok, cue)  # "His Highness said": who the article styles so, never "Highness"
        if tok.pos_ == "PRON":
            return None
        spk = self.names.resolve_phrase(tok, cue, verb)
        if (
            spk is not None
            and someones_body(tok)
            and (spk.kind == "PERSON" or noun_base(tok.lower_) not in spk.name.lower())
        ):
            # "Her group has vowed ...", "her campaign dismissed it": that person's body, not the
            # person, nor a body named lately under another name; as written
            return self.names.as_written(tok, cue)
        if spk is not None and spk.how == "as-written" and self.speech_noun(tok):
            owner = self.noun_speaker(tok, q)  # "a comment that described ...": who made it
            if owner is not None and owner.how != "as-written":
                return owner.but(cue=cue, how="owner")
        if spk is not None and spk.kind == "DOC" and not any(c.dep_ == "poss" for c in tok.children):
            # "the statement said": the author of the statement the article just mentioned (or,
            # for court papers, the party named filing them), else its fullest earlier mention; a
            # document nobody is named as writing speaks as written, as an unnamed source does,
            # and so does one whose owner the rules could not name ("the club's statement")
            found = self.document_author(tok) or self.earlier_document(tok, cue) or self.document_writer(tok)
            return found if found is not None else spk
        return spk

    def styled(self, tok: Token, cue: str) -> Speaker | None:
        """The one person whose name the article writes after this style ("His Highness Sheikh X"),
        named before it; else nobody."""
        style = tok.text.lower()
        named = [
            n
            for n in self.names.names
            if n.kind == "PERSON" and n.start < tok.idx and style in self.text[max(0, n.start - 30) : n.start].lower()
        ]
        people = {self.names.full(n).key for n in named}
        return self.names.speaker(named[-1], cue, "style") if len(people) == 1 else None

    def labelled_speaker(self, tok: Token, cue: str) -> Speaker | None:
        """In a transcript, "I" is whoever the paragraph's label names ("Rosa Ibáñez: A friend
        told me ...", "JOHN OKAFOR: I said ...", "OKAFOR: I said ..."): a name of up to four
        capitalised words and a colon opening the paragraph, the same person as a person the
        article names (or the only one of that surname). In the answers of an interview (an "A:"
        label, or none: `interviews`) "I" is the one person its opening paragraphs name, and the
        rest never names again. Anywhere
        else "I" is nobody the rules can name (the writer, or an interviewee left unnamed)."""
        lo, hi = self.para_of(tok.idx)
        head = self.text[lo:hi].lstrip()
        colon = head.find(":")
        words = head[:colon].split() if 0 < colon <= 60 else []
        if words and len(words) <= 4 and all(w[:1].isupper() for w in words):
            label = [w.casefold() for w in words]
            if label not in (["a"], ["answer"]):
                people = {self.names.full(n).key: n for n in self.names.names if n.kind == "PERSON"}
                same = [n for n in people.values() if [w.casefold() for w in self.names.full(n).words] == label]
                if not same and len(label) == 1:
                    same = [n for n in people.values() if self.names.full(n).words[-1].casefold() == label[0]]
                return self.names.speaker(same[0], cue, "pronoun") if len(same) == 1 else None
        k = bisect_right(self.seg_starts, tok.idx) - 1
        first = answer_paragraph(self.text, self.segs, k)
        if first is None:
            return None
        intro = {
            self.names.full(n).key: n
            for n in self.names.names
            if n.kind == "PERSON" and n.start < self.segs[first][0] and self.names.is_person(n)
        }
        if len(intro) != 1:
            return None
        key, who = next(iter(intro.items()))
        if any(self.names.full(n).key == key for n in self.names.names if n.start >= self.segs[first][0]):
            return None  # named again after the questions begin: reported, not answering ("X blamed ...")
        return self.names.speaker(who, cue, "pronoun")

    def set_beside(self, tok: Token, group: Token, cue: str) -> Speaker | None:
        """'One of its members, Sen. Ann Bell,', 'Two of the residents, Ann Bell and Tom Hart,':
        the people a partitive subject names in its appositive (the parse hangs it on either noun)."""
        people = []
        for c in [*tok.children, *group.children]:
            if c.dep_ != "appos" or c.i not in self.names.by_token and noun_base(c.lower_.rstrip(".")) in TITLE_WORDS:
                continue  # ("Sens." the parse set apart from the names)
            for t in (c, *(k for k in c.children if k.dep_ == "conj")):
                n = self.names.by_token.get(t.i)
                if n is None or not self.names.is_person(n):
                    return None  # (a role, a place: not only names)
                people.append(n)
        names = list(dict.fromkeys(" ".join(self.names.full(n).words) for n in people))
        if not names:
            return None
        spk = self.names.speaker(people[0], cue, "role-name")
        return spk if len(names) == 1 else spk.but(name=", ".join(names[:-1]) + " and " + names[-1])

    def speaker_from_verb(self, verb: Token, cue: str, a: int, b: int, q: RawQuote) -> Speaker | None:
        self.had_subject = False
        if passive_judgement(verb):
            # "X has been criticized for his 'reckless' rhetoric": X is judged, not the judge, and
            # nobody is named as judging: the words are someone's, unknown
            self.had_subject = True
            return None
        if hearing(verb):
            # "the court heard that ...": the court is told; the teller is named by "from" or not at all
            self.had_subject = True
            told_by = heard_from(verb)
            return self.speaker_of(told_by, cue, verb, q) if told_by is not None else None
        subj = self.subject_of(verb)
        if (
            subj is not None
            and self.speech_noun(subj)
            and (subj.i == verb.head.i and verb.dep_ == "acl" or subj.head.i == verb.i and verb.dep_ == "pcomp")
        ):
            # "replaced it with language calling for '...'": whoever wrote the language
            owner = self.noun_speaker(subj, q)
            if owner is not None:
                self.had_subject = True
                return owner.but(cue=cue)
        if subj is not None:
            if a <= subj.idx < b:
                self.had_subject = True
                return self.speaker_of(subj, cue, verb, q)
            return None
        if verb.dep_ in ("acl", "relcl") and self.speech_noun(verb.head):
            # "X issued a statement calling it '...'"; else the statement itself, read as a
            # subject ("the statement, issued by X, called it '...'" parsed as the noun's clause)
            spk = self.noun_speaker(verb.head, q) or self.speaker_of(verb.head, cue, None, q)
            if spk is not None:
                return spk.but(cue=cue)
        if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.dep_ == "ROOT" and a <= verb.head.idx < b:
            # "Its president, Karin Voss, called for ...": parsed as a noun with a clause and no
            # main verb; in a sentence of its own the noun is the verb's subject
            spk = self.speaker_of(verb.head, cue, verb, q)
            if spk is not None:
                return spk
        # a parse that missed the subject ("Said Ellis:"): a name right next to the verb
        for n in self.names.near(verb, a, b):
            return self.names.speaker(n, cue)
        return self.name_after_close(verb, q, cue)

    def name_after_close(self, verb: Token, q: RawQuote, cue: str) -> Speaker | None:
        """'"...," Jane Roe, the director of X, told Y' when the parse hung the name inside the
        quote (an appositive of its last noun) and left the verb without a subject: the name
        right after the closing mark, set off by a comma up to the verb; or the name set off last
        in the verbless stretch up to the verb ('"...," the report's author, Dame Jane Roe, said')."""
        if q.close_mark is None or verb.idx < q.close_mark:
            return None
        between = [n for n in self.names.names if q.close_mark < n.start and n.tok < verb.i]
        if not between:
            return None
        first, last = between[0], between[-1]
        after = self.doc[first.tok + 1] if first.tok + 1 < verb.i else None
        if not self.text[q.close_mark + 1 : first.start].strip():
            if first.kind == "PERSON" and (after is None or after.text == ","):
                return self.names.speaker(first, cue)
            return None
        # (nor "Jane Roe's lawyer said")
        stretch = self.doc.char_span(q.close_mark + 1, verb.idx, alignment_mode="expand")
        if stretch is None or any(
            t.pos_ in ("VERB", "AUX") or t.lower_ in ("for", "to") for t in stretch if t.i != verb.i
        ):
            return None  # (a clause of its own, or someone else's: "a spokesman for the owner, Tom Hale,")
        before, after = self.doc[last.first_tok - 1], self.doc[last.tok + 1]
        if last.kind == "PERSON" and before.pos_ != "ADP" and (after.i == verb.i or after.text == ","):
            return self.names.speaker(last, cue, "role-name")
        return None

    def clause_subject(self, words: list[Token], cue: str, q: RawQuote, named_only: bool = False) -> Speaker | None:
        if not words:  # only punctuation before the quote (`:"…`)
            return None
        roots = [t for t in words if t.dep_ == "ROOT" or t.head.i == t.i]
        subjects = [self.subject_of(r) for r in roots or [words[0].sent.root]]
        # the parse may root the sentence inside the quote: any subject of the words' own verbs
        # (not a relative clause's: "a 'worker' with whom the report says he ..." is not his term)
        subjects += [
            t
            for t in words
            if t.dep_ in ("nsubj", "nsubjpass")
            and t.head.i in {w.i for w in words}
            and not any(h.dep_ == "relcl" for h in t.ancestors)
        ]
        para = self.para_of(words[0].idx)
        for subj in subjects:
            if subj is None or self.quoted[subj.i] or self.para_of(subj.idx) != para:
                continue  # (the parse may run a sentence over a paragraph break: "wrote on X.")
            if named_only and not (
                subj.ent_type_
                or subj.lower_ in PERSONAL_PRONOUNS
                or subj.pos_ == "PROPN"
                or subj.i in self.names.by_token  # a name the tagger took for a word ("Trump openly admires")
            ):
                # "He runs the X blog. The blog aims to close 'a gap ...'": a document whose writer
                # the article names speaks for them; one nobody is named as writing, nobody here
                spk = self.document_author(subj, True) if noun_base(subj.lower_) in DOCUMENT_NOUNS else None
                if spk is not None:
                    return spk.but(cue=cue)
                continue
            return self.speaker_of(subj, cue, None, q)
        return None
