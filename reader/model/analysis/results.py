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
    # a rule layer that raised on this text (never cached: a fixed version analyses it again)
    failed: str = ""

    def to_json(self) -> dict:
        out = {
            "mentions": [[m.start, m.end, m.kind, m.text] for m in self.mentions],
            "quotes": [asdict(q) for q in self.quotes],
            "terms": [[q.start, q.end, q.text] for q in self.terms],
            "alias_hints": [asdict(h) for h in self.alias_hints],
        }
        if self.failed:  # (only then: every other record stays as it was)
            out["failed"] = self.failed
        return out

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
            if not (_span(q.start, q.end) and type(q.text) is str and q.kind in (QUOTE, TERM)):
                raise ValueError("bad quote")
            if not all(_opt(v, str) for v in (q.speaker, q.cue, q.speaker_kind)):
                raise ValueError("bad quote speaker")
            ints = (q.speaker_start, q.speaker_end, q.role_start, q.role_end, q.channel_start, q.channel_end)
            if not all(_opt(v, int) for v in ints) or not (q.confidence is None or type(q.confidence) in (int, float)):
                raise ValueError("bad quote speaker")
            quotes.append(q)
        terms = []
        for s, e, t in data.get("terms", []):
            if not (_span(s, e) and type(t) is str):
                raise ValueError("bad term")
            terms.append(QuoteSpan(s, e, t, kind=TERM))
        hints = []
        for h in data.get("alias_hints", []):
            h = AliasHint(**h)
            if not (_span(h.a_start, h.a_end) and _span(h.b_start, h.b_end) and type(h.rule) is str):
                raise ValueError("bad alias hint")
            hints.append(h)
        failed = data.get("failed", "")
        if type(failed) is not str:
            raise ValueError("bad failure note")
        return cls(mentions=mentions, quotes=quotes, terms=terms, alias_hints=hints, failed=failed)


def _span(s, e) -> bool:
    return type(s) is int and type(e) is int and 0 <= s <= e


def _opt(v, t) -> bool:
    return v is None or type(v) is t
