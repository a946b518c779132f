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


QUOTE, TERM = "quote", "term"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted string (without its marks) and, for a quotation, who said it when known.

    `kind` is QUOTE when the text presents someone as saying or writing the words, TERM for a
    quoted string nobody is said to have said (a title, a scare quote, a term used as a word).
    `speaker` is None when unknown, or when the attribution's confidence was below the bar.
    """

    start: int
    end: int
    text: str
    speaker: str | None = None  # the speaker as best named in the article
    speaker_start: int | None = None  # the mention the speaker was read from
    speaker_end: int | None = None
    cue: str | None = None  # the rule that attributed it ("verb-after", "pronoun", ...)
    kind: str = QUOTE
    confidence: float | None = None  # of the speaker, 0..1
    role_start: int | None = None  # the speaker's role as written near the name ("the CEO of Y")
    role_end: int | None = None
    channel_start: int | None = None  # how it was said: "told Sky News", "in a statement"
    channel_end: int | None = None
    speaker_kind: str | None = None  # PERSON, ORG, NORP, PLACE; DESC for an unnamed source as written

    @property
    def is_quote(self) -> bool:
        return self.kind == QUOTE


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
    quotes: list[QuoteSpan] = field(default_factory=list)  # quotations only
    terms: list[QuoteSpan] = field(default_factory=list)  # quoted terms (kind TERM)
    alias_hints: list[AliasHint] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "mentions": [[m.start, m.end, m.kind, m.text] for m in self.mentions],
            "quotes": [asdict(q) for q in self.quotes],
            "terms": [[q.start, q.end, q.text] for q in self.terms],
            "alias_hints": [asdict(h) for h in self.alias_hints],
        }

    @classmethod
    def from_json(cls, data: dict) -> FileAnalysis:
        return cls(
            mentions=[Mention(int(s), int(e), str(k), str(t)) for s, e, k, t in data["mentions"]],
            quotes=[QuoteSpan(**q) for q in data["quotes"]],
            terms=[QuoteSpan(int(s), int(e), str(t), kind=TERM) for s, e, t in data.get("terms", [])],
            alias_hints=[AliasHint(**h) for h in data.get("alias_hints", [])],
        )
