"""Who a subject phrase names: a mention, a pronoun, a role, a document or a description.

Everything works in view coordinates on one parsed article; speakers carry source spans.
A phrase that cannot speak ("the rest of it", "the results") names nobody.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model.analysis.article_names import (
    SPEAKING_KINDS,
    VAGUE,
    ArticleNames,
    Name,
    Speaker,
    clean_words,
    definite,
    introduced_source,
    is_role_word,
    main_clause,
    name_key,
    noun_gender,
    owned,
    sents_back,
)
from reader.model.analysis.speech_words import (
    BODY_NOUNS,
    COLLECTIVE_NOUNS,
    DOCUMENT_NOUNS,
    PERSONAL_PRONOUNS,
    ROLE_SYNONYMS,
    is_person_noun,
    noun_base,
)

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


_ROLE_DEPS = ("amod", "compound", "nmod", "poss", "npadvmod")


class NameIndex(ArticleNames):
    """The named things of one article and the rules that read a subject token as one of them."""

    # ----- reading a subject ------------------------------------------------------------------

    def resolve_pronoun(self, tok: Token, gender: str, last: Speaker | None, last_para: bool) -> Speaker | None:
        """He/she: a person named in this sentence before the pronoun; else, going back sentence
        by sentence, the named main subject (a sentence led by the same pronoun continues the
        chain); else the current speaker when the turn is recent; else a person the last
        sentence names. Only people (not things NER called people), of a gender the text does
        not contradict."""
        sents = [tok.sent] + [
            s for s in list(sents_back(tok, 8))[1:] if not all(self.quoted[t.i] or t.is_punct for t in s)
        ][:3]  # sentences wholly inside quotes name nobody who speaks

        def fits(n: Name) -> bool:
            return self.is_person(n) and self.gender_of(n) in (None, gender)

        here = [n for n in self._names_in(sents[0].start_char, tok.idx) if fits(n)]
        if here:
            subj = [n for n in here if n.subject] or here
            return self.speaker(subj[-1], "pronoun", "pronoun")
        desc = self._described_subject(sents[0], gender, tok)
        if desc is not None:
            return desc
        last_fits = (
            last is not None
            and last.kind == "PERSON"
            and self.gender.get(name_key(clean_words(last.name)), gender) == gender
        )
        fallback: Name | None = None
        for i, sent in enumerate(sents[1:], 1):
            cands = [n for n in self._names_in(sent.start_char, sent.end_char) if fits(n)]
            main = [n for n in cands if n.subject == 2]
            if main:
                return self.speaker(main[-1], "pronoun", "pronoun")
            desc = self._described_subject(sent, gender, tok)
            if desc is not None:
                return desc
            if self._pronoun_leads(sent, gender):
                continue  # "He said ...": the same person as ours, named further back
            subj = [n for n in cands if n.subject]
            if subj:
                return self.speaker(subj[-1], "pronoun", "pronoun")
            if cands:
                fallback = cands[-1] if i == 1 else None
                break
        if last_fits and last is not None and (last_para or fallback is None):
            if fallback is None or " ".join(self.full(fallback).words) == last.name or last_para:
                return last.but(cue="pronoun", how="pronoun")
        if fallback is not None:
            return self.speaker(fallback, "pronoun", "pronoun")
        if last is None and not any(self.is_person(n) for n in self.names if n.start < tok.idx):
            # a lede that names its subject only later ("He vowed ... At one point, he called her
            # 'X.' ... Donald Trump came out swinging"): nobody before, so the first person made
            # the main subject soon after
            ahead = [n for n in self.names if tok.idx < n.start < tok.idx + 800 and fits(n) and n.subject == 2]
            if ahead:
                return self.speaker(ahead[0], "pronoun", "pronoun")
        return None

    def _described_subject(self, sent: SpacySpan, gender: str, tok: Token) -> Speaker | None:
        """'My husband has met them ... and he would say': the first subject of the sentence,
        before the pronoun, is one person described but not named ('my husband', 'the
        spokeswoman', 'a spokesman' brought in speaking) of a gender that fits: the pronoun's referent is who that description
        means (a named person when the article gives the role, else the description)."""
        t = next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and not self.quoted[t.i]), None)  # first subject
        if t is not None and t.i < tok.i and t.i not in self.by_token:
            if t.tag_ != "NN" or not is_person_noun(t.lower_) or noun_gender(t.lower_) not in (None, gender):
                return None
            if noun_base(t.lower_) in COLLECTIVE_NOUNS or not (definite(t) or owned(t) or introduced_source(t)):
                return None
            if self.names_in_phrase(t, None) or any(self.by_token.get(c.i) for c in t.children if c.dep_ == "poss"):
                return None  # "the CEO, Jane Roe", "Jane Roe's aide": the named person leads
            spk = self.resolve_phrase(t, "pronoun")
            if spk is not None and self.gender.get(name_key(clean_words(spk.name)), gender) != gender:
                spk = self.as_written(t, "pronoun")  # the description meant someone else than its guess
            return spk.but(cue="pronoun", how="pronoun") if spk is not None else None
        return None

    def _pronoun_leads(self, sent: SpacySpan, gender: str) -> bool:
        """The sentence's main subject is a pronoun of this gender."""
        for t in sent:
            if t.dep_ == "nsubj" and main_clause(t.head) and not self.quoted[t.i]:
                return PERSONAL_PRONOUNS.get(t.lower_) == gender
        return False

    def resolve_group(self, tok: Token, last: Speaker | None) -> Speaker | None:
        """They/it/we: a plural subject just before ("the two leaders said they..."), else a body."""
        if tok.lower_ not in ("it", "they"):
            return None
        if tok.lower_ == "they":
            depth = 2
            for k, sent in enumerate(sents_back(tok, 4)):
                if k >= depth:
                    break
                subj = [
                    t
                    for t in sent
                    if t.i < tok.i
                    and t.dep_ in ("nsubj", "nsubjpass")
                    and not self.quoted[t.i]
                    and (
                        t.tag_ in ("NNS", "NNPS")
                        or any(c.dep_ == "conj" for c in t.children)
                        or self.partitive_group(t) is not None
                    )
                ]
                for t in reversed(subj):
                    part = self.partitive_group(t)
                    if part is not None:
                        return self.as_written(t, "pronoun")  # "a bunch of them called and they said"
                    joint = self.people_named_in(t)
                    if joint is not None:
                        return joint
                    n = self.by_token.get(t.i)
                    if n is not None and n.kind in SPEAKING_KINDS:
                        return self.speaker(n, "pronoun", "pronoun")
                    if n is None and (is_person_noun(t.lower_) or noun_base(t.lower_) in BODY_NOUNS):
                        return self.as_written(t, "pronoun")
                if k == depth - 1 and self._they_leads(sent, tok):
                    depth = min(depth + 1, 4)  # "They sent a letter. ... they wrote": the chain goes on
        for sent in sents_back(tok, 3):
            # a body; or a one-word name NER took for a person that the text never treats as one
            # (no first name, title or gender: "Politifact did a fact-check ... they announced")
            cands = [
                n
                for n in self._names_in(sent.start_char, min(sent.end_char, tok.idx))
                if n.subject and (n.kind == "ORG" or n.kind == "PERSON" and not self.is_person(n))
            ]
            if cands:
                return self.speaker(cands[-1], "pronoun", "pronoun").but(kind="ORG")
            body = [  # "the ministry said ... 'X,' it said": that body, named if the article names it
                t
                for t in sent
                if t.i < tok.i and t.dep_ == "nsubj" and t.tag_ == "NN" and noun_base(t.lower_) in BODY_NOUNS
            ]
            if tok.lower_ == "it" and body and not self.quoted[body[-1].i]:
                spk = self.resolve_phrase(body[-1], "pronoun")
                return spk.but(cue="pronoun", how="pronoun") if spk is not None else None
        if last is not None and last.kind not in ("PERSON", "DOC" if tok.lower_ == "they" else "PERSON"):
            return last.but(cue="pronoun", how="pronoun")  # (a document is an "it", never a "they")
        return None

    def _they_leads(self, sent: SpacySpan, tok: Token) -> bool:
        """The sentence (before `tok`) has "they" as its main subject."""
        return any(
            t.dep_ == "nsubj" and t.lower_ == "they" and t.i != tok.i and main_clause(t.head) and not self.quoted[t.i]
            for t in sent
        )

    def people_named_in(self, t: Token) -> Speaker | None:
        """'Ann Bell and Tom Hart', 'critics like Senators Ann Bell and Tom Hart': a plural subject
        that names two or more people is those people (speaker: the first, named with the rest)."""
        people = [n for n in self.names_in_phrase(t, None) if self.is_person(n)]
        names = list(dict.fromkeys(" ".join(self.full(n).words) for n in people))
        if len(names) < 2:
            return None
        return self.speaker(people[0], "pronoun", "pronoun").but(name=", ".join(names[:-1]) + " and " + names[-1])

    def names_in_phrase(self, tok: Token, verb: Token | None) -> list[Name]:
        """People named inside the subject phrase of `tok` as the one who speaks: "Malaysia's Prime
        Minister, Jane Roe", "the CEO of Y, John Doe", "professor Jane Roe"; not "a spokesman for
        John Doe" nor "John Doe's lawyer"."""
        lo = tok.left_edge.i
        hi = tok.right_edge.i
        if verb is not None and verb.i > hi and verb.i - hi <= 8:
            between = self.doc[hi + 1 : verb.i]
            if all(
                t.pos_ in ("PROPN", "PUNCT", "NOUN", "ADJ", "DET", "ADP", "CCONJ", "PART", "SPACE") for t in between
            ):
                hi = verb.i - 1  # the parse left an appositive name out of the subject
        out: list[Name] = []
        role = is_role_word(tok)
        for n in self.names:
            if not (lo <= n.first_tok and n.tok <= hi) or n.kind not in SPEAKING_KINDS:
                continue
            if n.kind != "PERSON" and not (role and n.first_tok > tok.i and self.doc[n.first_tok - 1].text == ","):
                continue  # "Norway's Prime Minister, Ingrid Dahl" even when NER took her for a body
            nxt = self.doc[n.tok + 1] if n.tok + 1 < len(self.doc) else None
            if nxt is not None and nxt.lower_ in ("'s", "\u2019s", "'", "\u2019"):
                continue  # "John Doe's lawyer"
            prev = self.doc[n.first_tok - 1] if n.first_tok > lo else None
            if prev is not None and prev.pos_ == "ADP":
                continue  # "a spokesman for John Doe"
            if prev is not None and prev.text == "(" and out:
                continue  # "Jane Roe (D-Ohio)": a tag in brackets qualifies the name before it
            if (
                prev is not None
                and prev.pos_ == "PROPN"
                and self.by_token.get(prev.i) is None
                and not is_role_word(prev)
            ):
                continue
            out.append(n)
        return out

    def resolve_phrase(self, tok: Token, cue: str, verb: Token | None = None) -> Speaker | None:
        n = self.by_token.get(tok.i)
        if n is not None and n.kind in SPEAKING_KINDS:
            if n.kind != "PERSON":
                named = self.names_in_phrase(tok, verb)
                if named:  # "Acme CEO John Doe" parsed with Acme as the head
                    return self.speaker(named[-1], cue, "role-name")
            return self.speaker(n, cue)
        for c in sorted(tok.children, key=lambda c: c.dep_ != "appos"):
            # "the Armenian president, X" names X; "the CNN host" does not name CNN
            cn = self.by_token.get(c.i)
            if (
                cn is not None
                and cn.kind in SPEAKING_KINDS
                and (c.dep_ == "appos" or c.dep_ in ("compound", "flat") and tok.pos_ == "PROPN")
            ):
                named = self.names_in_phrase(tok, verb)
                if named and self.doc[cn.first_tok - 1].text == "(" and named[-1] is not cn:
                    # "the niece, Sen. Jane "JJ" Roe (D-Ohio)" hung on "Ohio": the tag is no speaker
                    return self.speaker(named[-1], cue, "role-name")
                return self.speaker(cn, cue, "role-name")
        named = self.names_in_phrase(tok, verb)
        if named:
            return self.speaker(named[-1], cue, "role-name")
        lemma = noun_base(tok.lower_)
        if lemma in DOCUMENT_NOUNS:
            return self.resolve_document(tok, cue)
        if tok.pos_ == "PROPN" and tok.text[:1].isupper() and not is_role_word(tok):
            return self.as_written(tok, cue)  # a name NER missed
        if tok.pos_ not in ("NOUN", "PROPN") and not (tok.dep_ in ("nsubj", "nsubjpass") and definite(tok)):
            return None  # (a subject with a determiner is a noun whatever its tag: "the daily wrote")
        # "a spokesman", "two aides", "31 percent": someone the article does not name
        specific = self.specific(tok)
        if lemma in BODY_NOUNS:
            if specific:
                body = self.named_body(tok, lemma)
                if body is not None:
                    return self.speaker(body, "description", "description")
            return self.as_written(tok, cue)
        if not is_person_noun(tok.lower_):
            return None  # "the rest of it", "the results": nothing that speaks
        if lemma in COLLECTIVE_NOUNS:
            return self.as_written(tok, cue)  # "the football team": several people, none by name
        if specific:
            earlier = self.owned_earlier(tok) if definite(tok) else None
            if earlier is not None:  # "the lawyer" after "Tom Hale's lawyer": not Hale
                return self.as_written(earlier, cue)
            role = self.resolve_role(tok)
            if role is not None:
                return self.speaker(role, "description", "description")
            if definite(tok) and not self._someone_elses(tok):
                # "the retired general", "Obama's former strategist": the person the article is about
                who = self.prominent_person(tok)
                if who is not None:
                    return self.speaker(who, "description", "prominent")
        return self.as_written(tok, cue)

    def prominent_person(self, tok: Token) -> Name | None:
        """The person an article's definite description most likely means: the most mentioned
        person, counting recent mentions as subject double, mentions the reader has not reached
        yet half, and the main subject of the sentences just before most ("X called on Y to
        apologize. ... X's former strategist said" is X); None unless clearly ahead. People named
        inside the description ("Obama's aide") are not candidates."""
        inside = {self.full(n).key for n in self.names if tok.left_edge.i <= n.first_tok <= tok.right_edge.i}
        score: dict[tuple[str, ...], float] = {}
        best_name: dict[tuple[str, ...], Name] = {}
        recent = tok.sent.start_char - 600
        lo = min(s.start_char for s in sents_back(tok, 3))
        topic = None  # the last main-clause subject before the description, in the sentences just before
        for n in self.names:
            if n.kind != "PERSON" or not self.is_person(n) or n.start > tok.idx + 400:
                continue
            f = self.full(n)
            if f.key in inside:
                continue
            weight = 1.0 if n.start < tok.idx else 0.5
            gain = 1.0 + (1.0 if n.subject and n.start >= recent else 0.0)
            score[f.key] = score.get(f.key, 0.0) + weight * gain
            best_name[f.key] = f
            if n.subject == 2 and lo <= n.start < tok.left_edge.idx and self.doc[f.tok].ent_type_ == "PERSON":
                topic = f.key
        if topic is not None:
            score[topic] += 2.0
        if not score:
            return None
        ranked = sorted(score.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1] and ranked[0][0] != topic:
            return None  # (the most mentioned person who is also the subject just before is meant)
        return best_name[ranked[0][0]]

    def specific(self, tok: Token) -> bool:
        det = {c.lower_ for c in tok.children if c.dep_ in ("det", "nummod")}
        return not (det - {"the", "this", "that"}) and tok.tag_ not in ("NNS", "NNPS")

    def named_body(self, tok: Token, lemma: str) -> Name | None:
        """'the ministry' after 'the Defence Ministry'; 'the company' for the one company named lately."""
        orgs = [n for n in self.names if n.kind == "ORG" and n.start < tok.idx]
        named = [n for n in orgs if lemma in {noun_base(w) for w in n.key}]
        if named:
            return named[-1]
        recent = [n for n in orgs if n.subject and tok.idx - n.start < 1500]
        return recent[-1] if recent else None

    def resolve_document(self, tok: Token, cue: str) -> Speaker | None:
        """'X's statement', 'a letter from X', 'the report by X' -> X; else the document as written."""
        for c in tok.children:
            owner = None
            if c.dep_ == "poss" or c.dep_ == "compound" and self.by_token.get(c.i) is not None:
                owner = c  # "X's statement", "a GAO report"
            elif c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                owner = next((p for p in c.children if p.dep_ == "pobj"), None)
            if owner is not None and not self.quoted[owner.i]:
                if owner.lower_ in PERSONAL_PRONOUNS or owner.lower_ in ("its", "their"):
                    return None  # the pronoun's antecedent is the rule above us to find
                spk = self.resolve_phrase(owner, cue)
                if spk is not None and spk.how == "as-written" and c.dep_ == "prep":
                    break  # "a statement from the two agencies": nobody named, the document speaks
                if spk is not None:
                    return spk.but(how="owner")
        spk = self.as_written(tok, cue)
        return spk.but(kind="DOC")

    def earlier_mention(self, tok: Token) -> Token | None:
        """'a joint statement from ...' for a later 'the joint statement': the nearest earlier mention
        of the same noun, if it has every modifier of `tok` (else it is another document)."""
        if not definite(tok) or any(c.dep_ == "poss" for c in tok.children):
            return None
        lemma = noun_base(tok.lower_)
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
        for t in reversed(self.doc[: tok.left_edge.i]):
            if noun_base(t.lower_) != lemma or self.quoted[t.i] or t.dep_ and t.pos_ != "NOUN":
                continue
            if not t.dep_:
                return None  # in a sentence left unparsed (far from any quote): not to be read
            return t if mods <= {c.lower_ for c in t.children if c.dep_ in ("amod", "compound")} else None
        return None

    def partitive_group(self, tok: Token) -> Token | None:
        """'some of the residents', 'one of our ads', 'all of them', 'forty percent of voters',
        'a bunch of them': a quantity of a plural group that can speak (people or bodies).
        Returns the group's word; None when `tok` is no such quantity or the group names
        things that cannot speak ("the rest of it", "the results of the survey")."""
        lemma = noun_base(tok.lower_)
        if tok.pos_ in ("PROPN", "VERB", "AUX") or is_person_noun(tok.lower_) or lemma in BODY_NOUNS:
            return None  # a head that speaks itself: the other rules read it
        if lemma in DOCUMENT_NOUNS or lemma in COLLECTIVE_NOUNS:
            return None
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if group is None or self.quoted[group.i]:
            return None
        if group.lower_ in ("them", "us", "those", "these"):
            return group
        n = self.by_token.get(group.i)
        if n is not None:
            return group if n.kind in ("ORG", "NORP") else None  # "half of Americans"
        plural = group.tag_ in ("NNS", "NNPS")
        base = noun_base(group.lower_)
        if plural and (is_person_noun(group.lower_) or base in BODY_NOUNS):
            return group  # (a part of some documents stands for nobody, as a document does)
        return None

    def as_written(self, tok: Token, cue: str, right: Token | None = None) -> Speaker:
        """The subject phrase itself: 'the foreign ministry', 'a Dow spokeswoman' (to `right`)."""
        left = tok.left_edge
        right = right or tok
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "at", "for", "with") and c.right_edge.i - tok.i <= 6:
                right = c.right_edge
        while left.i < tok.i and "\n\n" in self.doc[left.i : tok.i].text:  # never over a paragraph break
            left = self.doc[left.i + 1]
        words = self.doc[left.i : right.i + 1]
        a, b = words.start_char, words.end_char
        s, e = self.view.source_span(a, b)
        lemma = noun_base(tok.lower_)
        kind = "ORG" if lemma in BODY_NOUNS else "DESC"
        return Speaker(self.view.source[s:e], s, e, cue, kind, "as-written")

    def resolve_role(self, tok: Token) -> Name | None:
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
            if mods and not matched and not all(m in VAGUE for m in mods):
                continue  # "the band leader" is not every leader
            score = 1.0 + matched
            # prefer mentions before the description, the nearest one
            score += 0.5 if n.start < tok.idx else 0.0
            score -= abs(n.start - tok.idx) / 1e6
            if score > best_score:
                best, best_score = n, score
        return best
