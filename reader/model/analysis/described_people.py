"""Who a definite description means: 'the spokesman' is the one the article brought in as such,
'the Armenian president' the person it gives that role, 'the retired general' the person the
article is about when that person is clearly ahead of anyone else and nothing points elsewhere.
None when the text does not settle it: a wrong name is worse than none.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from reader.model.analysis.article_names import ArticleNames
from reader.model.analysis.descriptions import definite
from reader.model.analysis.name_spans import sents_back
from reader.model.analysis.name_types import VAGUE, Name, Speaker
from reader.model.analysis.nationalities import country_name, country_of_demonym
from reader.model.analysis.speech_words import PERSONAL_PRONOUNS, ROLE_SYNONYMS, TITLE_WORDS, is_person_noun, noun_base

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Token

_ROLE_DEPS = ("amod", "compound", "nmod", "poss", "npadvmod")
# Those who preside over or judge others, never the person a report is about unless it says so.
_PRESIDING = frozenset(
    "judge magistrate justice coroner sheriff recorder referee umpire arbiter adjudicator chairman chairwoman "
    "chairperson chair moderator presiding".split()
)
# Words that make a role another office than the bare role: "shadow chancellor", "deputy mayor".
_OTHER_OFFICE = frozenset(("shadow", "deputy", "vice", "assistant", "junior"))


class DescribedPeople(ArticleNames):
    """The named person a description of a role or a person means."""

    def described_person(self, tok: Token, verb: Token | None) -> Speaker | None:
        """The named person a description means ('the spokesman' -> the one brought in as such;
        'the retired general' -> the person the article is about), or None."""
        holders = self.role_holders(tok)
        if len(holders) == 1:
            return self.speaker(holders[0], "description", "description")
        who = self._described_otherwise(tok, verb)
        if len(holders) > 1 and (who is None or self.full_key_of(who) not in {self.full(n).key for n in holders}):
            # "Carney met President Sheinbaum ... the leader said": both are leaders, and nearness
            # says nothing; only the person the text is on (the subject just before, the main
            # person) settles it, if one of them
            return None
        return who

    def full_key_of(self, spk: Speaker) -> tuple[str, ...]:
        n = next(
            (n for n in self.names if spk.start is not None and self.view.source_span(n.start, n.end)[0] == spk.start),
            None,
        )
        return self.full(n).key if n is not None else ()

    def _described_otherwise(self, tok: Token, verb: Token | None) -> Speaker | None:
        """The person a description means when no role the article gives settles it alone; never
        for one who presides over or judges others ("the judge", "the referee"): in a court or
        match report the person the text is about is the one judged."""
        if noun_base(tok.lower_) in _PRESIDING:
            return None
        spoken_to = self._spoken_to(verb)
        topic = self.topic_before(tok) if definite(tok) and not self._someone_elses(tok) else None
        if topic is not None and self.foreign_to(tok, topic) and self._other_person_near(tok, topic):
            return None  # "X spoke with Y. '...,' the Kenyan leader said", X never tied to Kenya
        if topic is not None and spoken_to is not None and self.full(topic).key not in spoken_to:
            # ("X asked for a delay. '...,' the judge told him": him is X, the judge another)
            return self.speaker(topic, "description", "description")
        if definite(tok) and not self._someone_elses(tok) and spoken_to is not None:
            # "the retired general", "Obama's former strategist": the person the article is about
            who = self.prominent_person(tok, spoken_to)
            if (
                who is not None
                and not self.unnamed_referent(tok, who)
                and not self.other_role(tok, who)
                and not self.titled_otherwise(tok, who)
                and not self.foreign_to(tok, who)
                and not self.named_otherwise(tok, who)
            ):
                return self.speaker(who, "description", "prominent")
        return None

    def topic_before(self, tok: Token) -> Name | None:
        """'X, campaigning in Y, did not mention Z by name. "...," the Democratic nominee said':
        a definite description in the sentence right after one whose main subject is a named
        person, in the same paragraph, with nobody else named outside quotes in its own sentence
        before it, is that person (news writing's variation on the name just given)."""
        back = sents_back(tok, 6)
        own = next(back)
        # (over sentences wholly inside the quote: '"I let them down. It won't happen again," the
        # youngster said' follows the sentence naming him)
        prev = next((s for s in back if not all(self.quoted[t.i] or t.is_punct or t.is_space for t in s)), None)
        if prev is None:
            return None
        if any(
            n.kind == "PERSON" and not self.quoted[n.tok] for n in self._names_in(own.start_char, tok.left_edge.idx)
        ):
            return None
        subjects = [
            n
            for n in self._names_in(prev.start_char, prev.end_char)
            if n.subject == 2
            and n.kind == "PERSON"
            and not self.quoted[n.tok]
            and "\n\n" not in self.view.text[n.start : tok.idx]
        ]
        if len({self.full(n).key for n in subjects}) != 1:
            return None
        topic = subjects[0]
        lemma = noun_base(tok.lower_)
        if lemma in _PRESIDING:
            return None  # ("X appeared in court. '...,' the judge said": not X)
        if any(
            noun_base(t.lower_) == lemma
            and t.i != tok.i
            and not self.quoted[t.i]
            and not (t.dep_ == "appos" and self.by_token.get(t.head.i) is topic)  # ("X, a Londoner, won")
            for t in [*prev, *self.doc[own.start : tok.i]]
        ):
            return None  # "X met the governor. '...,' the governor said": the one just mentioned
        if any(c.dep_ == "poss" and not self.quoted[c.i] and c.lower_ == topic.key[-1] for c in tok.children):
            return None  # "X spoke. X's lawyer said ...": the lawyer is someone of X's, not X
        return None if self.other_role(tok, topic) or self.named_otherwise(tok, topic) else topic

    def named_otherwise(self, tok: Token, who: Name) -> bool:
        """'X hit 1-9 as Offaly beat Kilkenny. "...," the Galway manager said': a team or body
        qualifying the description that neither `who`'s roles nor the sentences just before give,
        when those sentences tie the scene to other places or bodies, means someone else. (Not a
        place: "the Ohio congresswoman" names a seat, the text's variation on the name.)"""
        mods = [
            c.lower_
            for c in tok.children
            if c.dep_ in ("compound", "nmod", "amod")
            and c.pos_ == "PROPN"
            and c.ent_type_ not in ("NORP", "GPE", "LOC")  # (a seat: "the Ohio congresswoman" is hers)
            and country_of_demonym(c.text) is None
        ]
        if not mods:
            return False
        ties = self.roles(who) | self.roles(self.full(who))
        lo = min(s.start_char for s in sents_back(tok, 2))
        near = self.doc.char_span(lo, tok.left_edge.idx, alignment_mode="expand")
        ties |= {t.lower_ for t in near or ()}
        others = [n for n in self._names_in(lo, tok.idx) if n.kind in ("PLACE", "ORG") and not self.quoted[n.tok]]
        return bool(others) and any(m not in ties for m in mods)

    def foreign_to(self, tok: Token, who: Name) -> bool:
        """'the Kenyan leader', 'the Brazilian minister' for a person the text ties to no such
        country (by a role, an "of" phrase or a possessive before the name, "Kenya's X"): the
        nationality the description gives is the only clue to whom it means, and `who` lacks it.
        (Only nationalities: "the California congressman" is often tied by "D-Calif." alone.)"""
        lands = {
            str(country_of_demonym(c.text)).lower()
            for c in tok.children
            if c.dep_ in ("amod", "compound") and c.text[:1].isupper() and country_of_demonym(c.text)
        }
        if not lands:
            return False
        ties = set()
        for n in (who, self.full(who)):
            ties |= self.roles(n) | self._of_phrase(n)
            i = n.first_tok
            if i >= 2 and self.doc[i - 1].lower_ in ("'s", "\u2019s"):
                ties.add(self.doc[i - 2].lower_)  # "Kenya's William Ruto"
        ties |= {land.lower() for t in ties if (land := country_of_demonym(t.title())) is not None}
        return not lands & ties

    def of_another_nation(self, tok: Token, who: Name) -> bool:
        """'the Dutchman' for a person the text ties to another nation ("Frenchman Luc Roy",
        "Roy, a Belgian,"): by a role or an "of" phrase that names a country not the word's."""
        land = country_of_demonym(tok.text)
        ties: set[str] = set()
        for n in (who, self.full(who)):
            t = self.doc[n.root]  # ("Roy, a Belgian,", "Belgian Luc Roy": a nationality beside the name)
            beside = [t.head] if t.dep_ == "appos" else []
            beside += [c for c in t.children if c.dep_ == "appos"] + list(
                self.doc[max(0, n.first_tok - 2) : n.first_tok]
            )
            if n.tok + 1 < len(self.doc) and self.doc[n.tok + 1].text == ",":
                beside += list(self.doc[n.tok + 2 : n.tok + 4])  # (the parse may hang "a Belgian" elsewhere)
            ties |= self.roles(n) | self._of_phrase(n) | {w.lower_ for w in beside}
        lands = {country_of_demonym(t.title()) for t in ties} - {None}
        return bool(lands) and land not in lands

    def _other_person_near(self, tok: Token, who: Name) -> bool:
        """Someone besides `who` is named in the description's sentence or the one before, who
        may be the one the description's nationality fits ("X met Y. '...,' the Kenyan leader
        said"); with `who` alone there ("X was more cautious."), the subject is meant."""
        lo = min(s.start_char for s in sents_back(tok, 2))
        return any(
            n.kind == "PERSON" and self.full(n).key != self.full(who).key and not self.quoted[n.tok]
            for n in self._names_in(lo, tok.idx)
        )

    def titled_otherwise(self, tok: Token, who: Name) -> bool:
        """'Ronald Reagan's budget director once said' in a column about Rep. X: a role owned by a
        named person is someone of theirs; the article's main person is only meant when the text
        gives them no role, or this one ("Obama's former strategist" for an Axelrod named bare),
        or makes them the main subject just before."""
        if not any(c.dep_ == "poss" and c.i in self.by_token for c in tok.children):
            return False
        lo = min(s.start_char for s in sents_back(tok, 3))
        if any(n.subject == 2 and self.full(n).key == who.key for n in self._names_in(lo, tok.left_edge.idx)):
            return False  # the main subject just before ("X urged Y ... 'Z,' W's former aide said")
        roles = self.roles(who) | self.roles(self.full(who))
        held = {r for r in roles if r in TITLE_WORDS or r + "." in TITLE_WORDS or is_person_noun(r)}
        head = noun_base(tok.lower_)
        return bool(held) and not (held & (ROLE_SYNONYMS.get(head, set()) | {head, tok.lower_}))

    def other_role(self, tok: Token, who: Name) -> bool:
        """'X, the Republican nominee, ...' then 'the Democratic nominee said': the text gives `who`
        the description's role with other modifiers, so the description means someone else."""
        lemma = noun_base(tok.lower_)
        roles = self.roles(who) | self.roles(self.full(who))
        # (only a capitalised qualifier, a party, nation or state, can be another's: not "the
        # 63-year-old senator", "the former senator")
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound") and c.text[:1].isupper()}
        return lemma in {noun_base(r) for r in roles} and bool(mods) and not mods & roles

    def _spoken_to(self, verb: Token | None) -> set[tuple[str, ...]] | None:
        """Whom the speech verb's object names ("the mayor warned Jane Roe": Roe's key), never the
        description's speaker; None when the object is a personal pronoun ("the judge told him"):
        whom it means is most often the person the article is about."""
        out: set[tuple[str, ...]] = set()
        for c in verb.children if verb is not None else ():
            if c.dep_ in ("dobj", "dative"):
                if c.lower_ in PERSONAL_PRONOUNS:
                    return None
                n = self.by_token.get(c.i)
                if n is not None:
                    out.add(self.full(n).key)
        return out

    def unnamed_referent(self, tok: Token, who: Name) -> bool:
        """The description means someone the article has not named, not the prominent person
        `who`: the reader meets `who` only after it ("the pilot told the tower ... investigator
        Jane Roe said"), or the noun brought someone in unnamed before ("A 45-year-old man was
        charged ... the man told officers", "Her colleague agreed"; a name beside that mention is the
        role rules' case)."""
        if all(n.start > tok.idx for n in self.names if self.full(n).key == who.key):
            return True
        lemma = noun_base(tok.lower_)
        for t in reversed(self.doc[: tok.left_edge.i]):
            if noun_base(t.lower_) != lemma or self.quoted[t.i]:
                continue
            after = self.doc[t.i + 1 : t.i + 4]
            if any(a.ent_type_ == "PERSON" for a in after):
                return False  # "a man, Tom Hale," / "a pilot named Tom Hale": named there
            if t.dep_ not in ("appos", "attr") and any(c.dep_ == "poss" for c in t.children):
                return True  # "Her colleague agreed. '...,' the colleague said": someone of hers
            if t.dep_ == "poss" and t.head.pos_ == "NOUN" and is_person_noun(t.head.lower_):
                return True  # "The president's spokeswoman, X," then "the president said": not X
            if t.dep_ in ("dobj", "pobj", "dative") and any(
                n.subject and self.full(n).key == who.key for n in self._names_in(t.sent.start_char, t.idx)
            ):
                return True  # "Roe met the governor. '...,' the governor said": not Roe
            for b in reversed(self.doc[max(0, t.i - 8) : t.i]):
                if b.lower_ in ("a", "an"):
                    return True
                if not (b.is_lower or b.like_num or b.text == "-"):
                    break  # only the words of a noun phrase stand between
            return False
        return False

    def prominent_person(self, tok: Token, spoken_to: AbstractSet[tuple[str, ...]] = frozenset()) -> Name | None:
        """The person an article's definite description most likely means: the most mentioned
        person, counting recent mentions as subject double, mentions the reader has not reached
        yet half, and the main subject of the sentences just before most ("X called on Y to
        apologize. ... X's former strategist said" is X); None unless clearly ahead. People named
        inside the description ("Obama's aide"), spoken to (`spoken_to`) or acted on in its own
        sentence are not candidates."""
        inside = {self.full(n).key for n in self.names if tok.left_edge.i <= n.first_tok <= tok.right_edge.i}
        inside |= spoken_to
        # ("After meeting X, the minister spoke": whom the description's own sentence acts on is
        # someone else; a subject there may be the same, "After X landed, the president spoke")
        sent = tok.sent
        inside |= {
            self.full(n).key
            for n in self._names_in(sent.start_char, sent.end_char)
            if self.doc[n.root].dep_ in ("dobj", "pobj", "dative") and not self.quoted[n.tok]
        }
        score: dict[tuple[str, ...], float] = {}
        best_name: dict[tuple[str, ...], Name] = {}
        recent = tok.sent.start_char - 600
        lo = min(s.start_char for s in sents_back(tok, 3))
        topic = None  # the last main-clause subject before the description, in the sentences just before
        topic_sent, joint = -1, False  # (two subjects of that sentence, "X and Y won": neither is it)
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
                here = self.doc[n.tok].sent.start
                joint = here == topic_sent and topic not in (None, f.key)
                topic, topic_sent = f.key, here
        if joint:
            topic = None
        if topic is not None:
            score[topic] += 2.0
        if not score:
            return None
        ranked = sorted(score.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1] and ranked[0][0] != topic:
            return None  # (the most mentioned person who is also the subject just before is meant)
        return best_name[ranked[0][0]]

    def abbreviated_role(self, tok: Token) -> list[Name] | None:
        """'the CM said' after 'Chief Minister Anil Deshpande', 'the PM' after 'Prime Minister X':
        a definite all-capital word of two to four letters spelt by the initials of a role the
        article writes beside named people gives those people (one mention each); None when no
        role is so spelt ("the FBI", "the BBC": a name)."""
        abbr = tok.text.lower()
        if not (tok.text.isupper() and tok.text.isalpha() and 2 <= len(abbr) <= 4 and definite(tok)):
            return None
        if country_name(tok.text) is not None:
            return None  # "the UK", "the US"
        found: dict[tuple[str, ...], Name] = {}
        for n in self.names:
            span = self.role_span(n) if n.kind == "PERSON" and n.start < tok.idx else None
            if span is None:
                continue
            words = self.view.text[span[0] : span[1]].replace("-", " ").split()
            initials = "".join(w[0].lower() for w in words if w.lower() not in ("of", "the", "and", "for", "'s"))
            if abbr in initials and tok.text not in words:  # ("the US" is no "US Secretary")
                found.setdefault(self.full(n).key, n)
        return list(found.values()) if found else None

    def resolve_role(self, tok: Token) -> Name | None:
        """The one named person the article gives the role `tok` describes, or None."""
        holders = self.role_holders(tok)
        return holders[0] if len(holders) == 1 else None

    def role_holders(self, tok: Token) -> list[Name]:
        """The named people the article gives the role `tok` describes ("the Armenian president",
        "President Ana Silva of Brazil" for "the Brazilian president"), as closely matched as the
        best (more of the description's words, named before it): the nearest mention first, one
        mention per person. More than one means the role does not settle who."""
        head = noun_base(tok.lower_)
        syn = ROLE_SYNONYMS.get(head, set()) | {head, tok.lower_}
        mods = [c.lower_ for c in tok.children if c.dep_ in _ROLE_DEPS and c.pos_ != "DET"]
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                mods.extend(t.lower_ for t in c.subtree if t.pos_ in ("PROPN", "NOUN", "ADJ"))
        # a nationality also matches its country: "the Norwegian president", "President X of Norway"
        alts = {m: {m, (country_of_demonym(m.title()) or m).lower()} for m in mods}
        scored: dict[tuple[str, ...], tuple[float, float, Name]] = {}  # person -> (score, -distance, mention)
        for n in self.names:
            if n.kind != "PERSON":
                continue
            roles = (self.roles(n) | self._of_phrase(n)) - self._owners_in_role(n)
            if not roles & syn or (roles & _OTHER_OFFICE) - set(mods):
                continue  # (the shadow chancellor, a deputy mayor: another office than "the chancellor")
            roles |= {land.lower() for r in roles if (land := country_of_demonym(r.title())) is not None}
            matched = sum(1 for m in mods if any(r[:5] == a[:5] for r in roles for a in alts[m]))
            if mods and not matched and not all(m in VAGUE for m in mods):
                continue  # "the band leader" is not every leader
            score = 1.0 + matched
            # prefer mentions before the description, the nearest one
            score += 0.5 if n.start < tok.idx else 0.0
            key = self.full(n).key
            cand = (score, -abs(n.start - tok.idx), n)
            if key not in scored or cand[:2] > scored[key][:2]:
                scored[key] = cand
        if not scored:
            return []
        top = max(score for score, _, _ in scored.values())
        best = [n for _, _, n in sorted((c for c in scored.values() if c[0] == top), key=lambda c: -c[1])]
        if len(best) > 1:
            # one holder named (by any mention) in the last sentences, the other only further
            # back (a headline): the recent one is meant; two named lately are two candidates
            lo = min(s.start_char for s in sents_back(tok, 3))
            recent = {self.full(n).key for n in self.names if lo <= n.start < tok.idx}
            lately = [n for n in best if self.full(n).key in recent]
            if len(lately) == 1:
                return lately
        return best

    def _owners_in_role(self, n: Name) -> set[str]:
        """'The president's spokeswoman, X,': a person noun owning the role written beside the name
        is someone else's role ("Ukraine's President X" keeps Ukraine: a place owns no person)."""
        root = self.doc[n.root]
        near = list(self.doc[max(0, n.first_tok - 8) : n.first_tok])
        if root.dep_ == "appos":
            near += [t for t in root.head.subtree if t.i < n.first_tok]
        return {
            t.lower_
            for t in near
            if t.dep_ == "poss" and t.pos_ == "NOUN" and is_person_noun(t.lower_) and is_person_noun(t.head.lower_)
        }

    def _of_phrase(self, n: Name) -> set[str]:
        """The words of an "of" phrase right after the name: "President Ana Silva of Brazil"."""
        return {
            t.lower_
            for c in self.doc[n.root].children
            if c.dep_ == "prep" and c.lower_ == "of" and c.i == n.tok + 1
            for t in c.subtree
            if t.pos_ in ("PROPN", "NOUN", "ADJ")
        }
