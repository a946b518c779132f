"""Citing spans of an analysed corpus: a quote, or any span of an article's source text.

A quote's speaker is its canonical entity's name (the mention it was read from), else the
speaker as the article names them; a span inside a quote is credited to that quote's speaker.
Copying (`c`), clipping (`y`), `reader cite` and `reader clip` all cite through here.
"""

from __future__ import annotations

from reader.model.outputs.citation_styles import format_reference
from reader.model.outputs.reference import Reference, reference_for


def quote_speaker(corpus, article, quote, mentions: list | None = None) -> str | None:
    """The canonical entity name of the quote's speaker, else its speaker text, else None
    (`mentions`: the article's, when the caller has them)."""
    return corpus.speaker_name(article, quote, mentions)


def quote_role(article, quote) -> str | None:
    """The speaker's role as written near the name ("Malaysia's Prime Minister"), or None."""
    if quote is None or quote.role_start is None or quote.role_end is None:
        return None
    return article.source.text[quote.role_start : quote.role_end]


def quote_channel(article, quote) -> str | None:
    """How the words were said ("told Sky News", "in a statement"), or None."""
    if quote is None or quote.channel_start is None or quote.channel_end is None:
        return None
    return article.source.text[quote.channel_start : quote.channel_end]


def quote_holding(corpus, article, start: int, end: int):
    """The quote whose span contains source offsets [start, end), or None."""
    return next((q for q in corpus.quotes_in(article) if q.start <= start and end <= q.end), None)


def span_speaker(corpus, article, start: int, end: int) -> str | None:
    """Who said the words at [start, end): the speaker of the quote holding them, else None."""
    q = quote_holding(corpus, article, start, end)
    return quote_speaker(corpus, article, q) if q is not None else None


def quote_reference(corpus, article, quote, accessed: str | None = None) -> Reference:
    return reference_for(
        article,
        quote.start,
        quote.end,
        quote_speaker(corpus, article, quote),
        quoted=True,
        accessed=accessed,
        role=quote_role(article, quote),
        channel=quote_channel(article, quote),
    )


def span_reference(corpus, article, start: int, end: int, accessed: str | None = None) -> Reference:
    """The source text at [start, end); a span inside a quote is credited to its speaker (or
    said to have an unknown one)."""
    q = quote_holding(corpus, article, start, end)
    speaker = quote_speaker(corpus, article, q) if q is not None else None
    return reference_for(
        article,
        start,
        end,
        speaker,
        quoted=q is not None,
        accessed=accessed,
        role=quote_role(article, q) if speaker else None,
        channel=quote_channel(article, q),
    )


def quote_citation(corpus, article, quote, style: str = "plain") -> str:
    return format_reference(quote_reference(corpus, article, quote), style)


def selection_citation(corpus, article, span: tuple[int, int], style: str = "plain") -> str:
    """The source text at `span`, cited; speaker from the quote holding it, else none."""
    return format_reference(span_reference(corpus, article, *span), style)
