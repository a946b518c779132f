"""The analysis results kept per file: compact, JSON-friendly, offsets into the source text.

These are what the analysis cache stores and what corpus-level steps (alias groups,
consistency, quote speakers) are computed from. No spaCy objects are ever kept.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

KINDS = ("PERSON", "PLACE", "ORG", "NORP")


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention: source[start:end] is its text."""

    start: int
    end: int
    kind: str  # one of KINDS
    text: str


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation (without its marks) and, when known, who said it."""

    start: int
    end: int
    text: str
    speaker: str | None = None  # the speaker as best named in the article
    speaker_start: int | None = None  # the mention the speaker was read from
    speaker_end: int | None = None
    cue: str | None = None  # the rule that attributed it ("said-after", "pronoun", ...)


@dataclass(frozen=True, slots=True)
class AliasHint:
    """An explicit alias pattern found in text: 'Kyiv (Kiev)', 'X, also known as Y'."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    rule: str


@dataclass(slots=True)
class FileAnalysis:
    """Everything analysis found in one source file."""

    mentions: list[Mention] = field(default_factory=list)
    quotes: list[QuoteSpan] = field(default_factory=list)
    alias_hints: list[AliasHint] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "mentions": [[m.start, m.end, m.kind, m.text] for m in self.mentions],
            "quotes": [asdict(q) for q in self.quotes],
            "alias_hints": [asdict(h) for h in self.alias_hints],
        }

    @classmethod
    def from_json(cls, data: dict) -> FileAnalysis:
        """Raises ValueError (or TypeError, KeyError) when `data` is not a result of this shape:
        a cache row from elsewhere must not reach the code that trusts offsets and kinds."""
        mentions = []
        for s, e, k, t in data["mentions"]:
            if not (_span(s, e) and k in KINDS and type(t) is str):
                raise ValueError("bad mention")
            mentions.append(Mention(s, e, k, t))
        quotes = []
        for q in data["quotes"]:
            q = QuoteSpan(**q)
            if not (_span(q.start, q.end) and type(q.text) is str and _opt(q.speaker, str) and _opt(q.cue, str)):
                raise ValueError("bad quote")
            if not (_opt(q.speaker_start, int) and _opt(q.speaker_end, int)):
                raise ValueError("bad quote speaker")
            quotes.append(q)
        hints = []
        for h in data.get("alias_hints", []):
            h = AliasHint(**h)
            if not (_span(h.a_start, h.a_end) and _span(h.b_start, h.b_end) and type(h.rule) is str):
                raise ValueError("bad alias hint")
            hints.append(h)
        return cls(mentions=mentions, quotes=quotes, alias_hints=hints)


def _span(s, e) -> bool:
    return type(s) is int and type(e) is int and 0 <= s <= e


def _opt(v, t) -> bool:
    return v is None or type(v) is t
