"""Walking the quotes of one article (no Textual here; the reading pane drives it).

`sorted_quotes` lists them in text order; `step_quote` finds the next or previous one from the
current quote or a position (`.`/`,`); `quote_at` finds the one at the reading position (what `c`
copies).
"""

from __future__ import annotations


def sorted_quotes(corpus, article) -> list:
    return sorted(corpus.quotes_in(article), key=lambda q: (q.start, q.end))


def step_quote(quotes: list, current: tuple[int, int] | None, position: int, step: int) -> int | None:
    """Index of the next (step > 0) or previous quote: from the current quote, else from `position`."""
    if not quotes:
        return None
    if current is not None:
        for i, q in enumerate(quotes):
            if (q.start, q.end) == tuple(current):
                j = i + (1 if step > 0 else -1)
                return j if 0 <= j < len(quotes) else None
        position = current[0] + (1 if step > 0 else 0)
    if step > 0:
        return next((i for i, q in enumerate(quotes) if q.start >= position), None)
    return next((i for i in range(len(quotes) - 1, -1, -1) if quotes[i].start < position), None)


def quote_at(corpus, article, current: tuple[int, int] | None, position: int):
    """The quote holding the current span, else the first quote ending after `position`, else the last one."""
    quotes = sorted_quotes(corpus, article)
    if not quotes:
        return None
    if current is not None:
        for q in quotes:
            if q.start <= current[0] < q.end or (q.start, q.end) == tuple(current):
                return q
    for q in quotes:
        if q.end > position:
            return q
    return quotes[-1]
