"""Interviews printed as questions and answers: which paragraphs ask, and whether a paragraph
answers. In an answer, "I" is the interviewee (`cue_speakers.CueSpeakers.labelled_speaker`).

A question is a paragraph labelled as one ("Q:", "Q.", "Question:", "Interviewer:"), set in bold
("**How did it feel?**"), or a short paragraph that only asks (it ends with a question mark and
holds no quotation marks). An article is an interview when it asks at least twice and either
labels or bolds its questions, or its opening paragraphs say it is one ("we spoke to her", "in an
interview"); its answers are the paragraphs after the first question that ask nothing.
"""

from __future__ import annotations

import re

_LABELLED = re.compile(r"(?:Q|Question|Interviewer)\s*[:.]\s", re.IGNORECASE)
_BOLD = re.compile(r"\*\*[^*\n]+\?\s*\*\*\s*$")
_MARKS = "\"\u201c\u201d\u2018\u2019'"
# Words of an opening paragraph that present what follows as an interview.
_INTRO = re.compile(
    r"\b(?:interview(?:ed)?|spoke (?:to|with) (?:us|him|her|them)|talked to (?:us|him|her)|"
    r"we asked (?:him|her|them)|asked (?:him|her) about|sat down with)\b",
    re.IGNORECASE,
)


def _asks(text: str, lo: int, hi: int) -> int:
    """2 for a question labelled or set in bold, 1 for a short paragraph that only asks, else 0."""
    para = text[lo:hi].strip()
    if _LABELLED.match(para) or _BOLD.match(para):
        return 2
    plain = para.strip("* ")
    if plain.endswith("?") and len(plain.split()) <= 30 and not any(c in plain for c in _MARKS):
        return 1
    return 0


def answer_paragraph(text: str, segs: list[tuple[int, int]], k: int) -> int | None:
    """When paragraph `k` answers in an interview: the index of the paragraph its first question
    stands in (the paragraphs before it introduce the interviewee), else None."""
    asks = [_asks(text, lo, hi) for lo, hi in segs]
    first = next((i for i, a in enumerate(asks) if a), None)
    if first is None or k <= first or asks[k] or sum(1 for a in asks if a) < 2:
        return None
    if not any(a == 2 for a in asks) and not any(_INTRO.search(text, lo, hi) for lo, hi in segs[:first]):
        return None
    return first
