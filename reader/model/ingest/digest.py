"""Files that hold several headlined stories (daily reports, newsletters), split into stories.

A digest is recognised by its shape, not its source: stories separated by two or more blank
lines (while paragraphs inside a story are separated by one), each opening with a headline line
and carrying body text of its own; optionally preceded by a header (a title and a date line).
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.model.ingest.dates import is_date_only
from reader.model.ingest.metadata import is_headline, text_of
from reader.model.ingest.paragraphs import Para

_MIN_STORY_WORDS = 40


@dataclass(slots=True)
class Digest:
    header: list[Para]
    stories: list[list[Para]]


def split_digest(text: str, paras: list[Para]) -> Digest | None:
    if len(paras) < 6:
        return None
    # Stories are separated by the widest gaps in the file; narrower double gaps (around
    # photo captions, say) stay inside a story.
    sep = max(p.gap_before for p in paras[1:])
    big_gaps = sum(1 for p in paras[1:] if p.gap_before >= sep)
    if sep < 2 or big_gaps > 0.25 * (len(paras) - 1):
        return None  # no separators, or a file spaced by wide gaps throughout
    header = _header(text, paras)
    stories: list[list[Para]] = []
    for i, p in enumerate(paras[len(header) :], start=len(header)):
        starts_segment = i == len(header) or p.gap_before >= sep
        if starts_segment and is_headline(text, p, True) and (not stories or _has_body(text, stories[-1])):
            stories.append([p])
        elif stories:
            stories[-1].append(p)
        else:
            return None
    if len(stories) < 2 or not all(_has_body(text, s) for s in stories):
        return None
    return Digest(header, stories)


def _header(text: str, paras: list[Para]) -> list[Para]:
    """Leading title and date lines that stand before the first story's headline."""
    p0, p1, p2 = paras[0], paras[1], paras[2]
    if (
        is_headline(text, p0, True)
        and is_date_only(" ".join(text_of(text, p1).split()))
        and is_headline(text, p2, True)
    ):
        return [p0, p1]
    return []


def _has_body(text: str, story: list[Para]) -> bool:
    words = sum(len(text_of(text, p).split()) for p in story[1:])
    return words >= _MIN_STORY_WORDS
