"""Titles, nicknames and terms in quotation marks: quoted words the writer presents as the name
of something ("the documentary '13th'", "so-called 'X'", Robert C. "Bobby" Scott), not as anyone's
speech. Read from the words just before the marks and from the quoted words' shape alone, before
any parse, so that the parse can skip them (`parse_scope`) and attribution never gives them a
speaker.
"""

from __future__ import annotations

import re

from reader.model.analysis.quote_layout import RawQuote
from reader.model.analysis.speech_words import JUDGING_VERBS, MESSAGE_NOUNS, TITLE_CUES, is_speech_verb, noun_base

# Words before a title-case quote that still make it speech ("chanted 'Lock Her Up'").
_SPOKEN_BEFORE = frozenset(
    """said says saying called calling chanted chanting sang singing shouted
shouting wrote tweeted declared yelled yelling told asked answered replied""".split()
)
_MINOR = frozenset("a an and as at but by for from in into of on or the to with vs is are".split())
WORD = re.compile(r"[\w'\u2019.-]+")
_SENTENCE_END = re.compile(r"\n\n|(?<=[.!?])\s+")


# Words after which a title cue is a verb: "meant to show 'X'", "will play 'X'", "they brand 'X'".
_VERB_BEFORE = frozenset("to will would can could may might must should shall did does do they we i you".split())


# What slogans are carried or written on: "placards reading '...'".
_DISPLAYS = frozenset("sign banner placard poster billboard sticker graffiti t-shirt shirt mural".split())

_DETERMINERS = frozenset("the this that his her their its our my your".split())


def judged_work(before: list[str], words: str) -> bool:
    """'called the column "a hit job by people who ..."', 'branded the film "a disgrace"': the
    work is the object of a judging verb and the quote, in lower case, what it was called."""
    return len(before) == 3 and before[-2] in _DETERMINERS and before[-3] in JUDGING_VERBS and words[:1].islower()


def names_something(text: str, q: RawQuote) -> bool:
    """True when the quoted words are a title, a nickname or a so-called term, not speech.

    Read from the words just before the quote ("the book", "so-called", "dubbed") and from its
    shape: a Title Case name of up to 14 words ("The Press Pool", a nickname between a first and
    last name, an exhibition's title with its subtitle) that no speech word introduces or follows.
    """
    if q.headline:
        return False
    lead = _SENTENCE_END.split(text[max(0, q.open_mark - 60) : q.open_mark])[-1]  # this sentence only
    before = WORD.findall(lead.lower())[-3:]
    if (
        before
        and before[-1].strip(".") in TITLE_CUES
        and not lead.rstrip().endswith((".", ";"))
        and not (len(before) >= 2 and before[-2] in _VERB_BEFORE)
        and not judged_work(before, text[q.start : q.end])
        and not (len(before) >= 2 and before[-2] in MESSAGE_NOUNS)  # "an email titled '...'": the sender's
        and not (lead.rstrip().endswith(":") and text[q.start : q.end].rstrip()[-1:] in (".", "!", "?"))
    ):  # ("Moss retains title: 'I did it for my mum.'" introduces a sentence someone says)
        return True  # "the documentary '13th'", "so-called 'X'", "his memoir, 'X'"
    if before[-2:] in (["known", "as"], ["the", "term"], ["the", "word"], ["the", "phrase"], ["the", "words"]):
        return True
    if _example_of_words(before) or _phrase_introduced(lead, text[q.start : q.end]):
        return True  # "a question like 'the greatest woman in the world'": words given as an example
    if len(before) >= 2 and before[-1] in ("reading", "read", "saying") and noun_base(before[-2]) in _DISPLAYS:
        return True  # "signs reading 'Hands off our water'": a slogan carried, not speech
    words = WORD.findall(text[q.start : q.end])
    if (
        not words
        or len(words) > 14
        or text[q.end - 1 : q.end] in "!?"
        or text[q.start : q.end].rstrip(",.")[-1:] in "!?"
    ):
        return False
    title = all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _MINOR for w in words)
    if not title or not any(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False
    if any(_lower_tail(w) for w in words):
        return False  # "Ponzi-like", "Soviet-style": a name made an adjective, no Title Case
    if before and before[-1] in _SPOKEN_BEFORE:
        return False
    close = q.close_mark if q.close_mark is not None else q.end
    after = WORD.findall(text[close + 1 : close + 40])[:2]
    rest = text[close + 1 : close + 3]
    if after and rest.lstrip()[:1] in ",":
        return False  # '"Wonderful Day," she said' (or the paragraph's end): followed by its attribution
    if text[q.end - 1 : q.end] == "." and rest[:1].isspace() and rest.lstrip()[:1].isupper():
        return False  # 'rated it "Mostly False." The ...': ends its sentence as at a paragraph's end
    stop = text[: q.open_mark].rstrip()[-1:]
    if stop in ("", ".", "!", "?", ":"):
        return False  # stands as its own sentence: speech more often than a title
    if len(words) == 1 and not ("-" in words[0] or words[0][:1].isdigit()):
        prev = text[: q.open_mark].rstrip().rsplit(" ", 1)[-1]
        nxt = after[0] if after else ""
        if rest[:1] == " " and noun_base(nxt) in _WORKS:
            return True  # the BBC's "Today" programme, the "Wolfhall" novels
        return prev[:1].isupper() and nxt[:1].isupper()  # Robert C. "Bobby" Scott
    return True


def _lower_tail(word: str) -> bool:
    """A hyphenated word whose later part is a lower-case word ("Ponzi-like", "Obama-era"), not a
    minor one ("Made-in-China") or a capitalised one ("Spider-Man")."""
    parts = word.split("-")
    return len(parts) > 1 and any(p[:1].islower() and p not in _MINOR for p in parts[1:])


# Nouns for words as such, of which "a ... like" gives an example.
_WORDS_AS_SUCH = frozenset("question phrase word term expression slogan line name label catchphrase buzzword".split())


def _example_of_words(before: list[str]) -> bool:
    """'a question like "the greatest woman in the world"': one made-up example of words,
    mentioned, not said by anyone ("calls men names, like 'pigs'" gives the names he called)."""
    return len(before) == 3 and before[0] in ("a", "an") and before[2] == "like" and before[1] in _WORDS_AS_SUCH


def _phrase_introduced(lead: str, words: str) -> bool:
    """'There is a phrase that has spread through offices: "going forward"': a colon after a
    sentence about a word or phrase, no speech verb in it, brings in the phrase itself (not a
    sentence: that may be someone's, "His motto: 'Never give up.'")."""
    if not lead.rstrip().endswith(":") or words.rstrip()[-1:] in (".", "!", "?"):
        return False
    said = WORD.findall(lead.lower())
    return any(noun_base(w) in _PHRASE_NOUNS for w in said) and not any(is_speech_verb(w) for w in said)


_PHRASE_NOUNS = frozenset("phrase word term expression buzzword catchphrase".split())


# The nouns among the title cues: a work or a name the quoted word may stand before as its title.
_WORKS = TITLE_CUES - {"so-called", "dubbed", "titled", "entitled", "nicknamed", "alias", "headlined"}
