"""Citing spans of an analysed corpus: a quote, or any span of an article's source text.

A quote's speaker is its canonical entity's name (the mention it was read from), else the
speaker as the article names them; a span inside a quote is credited to that quote's speaker.
Copying (`c`), clipping (`y`), `reader cite` and `reader clip` all cite through here.
"""

from __future__ import annotations

from reader.model.outputs.citation_styles import format_citation


def quote_speaker(corpus, article, quote) -> str | None:
    """The canonical entity name of the quote's speaker, else its speaker text, else None."""
    return corpus.speaker_name(article, quote)


def quote_role(article, quote) -> str | None:
    """The speaker's role as written near the name ("Malaysia's Prime Minister"), or None."""
    if quote.role_start is None or quote.role_end is None:
        return None
    return article.source.text[quote.role_start : quote.role_end]


def quote_channel(article, quote) -> str | None:
    """How the words were said ("told Sky News", "in a statement"), or None."""
    if quote.channel_start is None or quote.channel_end is None:
        return None
    return article.source.text[quote.channel_start : quote.channel_end]


def quote_holding(corpus, article, start: int, end: int):
    """The quote whose span contains source offsets [start, end), or None."""
    return next((q for q in corpus.quotes_in(article) if q.start <= start and end <= q.end), None)


def span_speaker(corpus, article, start: int, end: int) -> str | None:
    """Who said the words at [start, end): the speaker of the quote holding them, else None."""
    q = quote_holding(corpus, article, start, end)
    return quote_speaker(corpus, article, q) if q is not None else None


def cite(article, text: str, speaker: str | None, style: str = "plain", quote=None) -> str:
    """`text` of `article` cited; with `quote` (the quotation holding it), its role, channel,
    and "speaker unknown" when it has no speaker."""
    return format_citation(
        text,
        speaker=speaker,
        title=article.title,
        publisher=article.publisher,
        date=article.date,
        url=article.url,
        style=style,
        role=quote_role(article, quote) if quote is not None and speaker else None,
        channel=quote_channel(article, quote) if quote is not None else None,
        unattributed=quote is not None and not speaker,
    )


def quote_citation(corpus, article, quote, style: str = "plain") -> str:
    return cite(article, quote.text, quote_speaker(corpus, article, quote), style, quote)


def selection_citation(corpus, article, span: tuple[int, int], style: str = "plain") -> str:
    """The source text at `span`, cited; speaker from the quote holding it, else none."""
    start, end = span
    q = quote_holding(corpus, article, start, end)
    speaker = quote_speaker(corpus, article, q) if q is not None else None
    return cite(article, article.text[start:end], speaker, style, q)
