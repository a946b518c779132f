"""Where a quote was first reported: the earliest dated article carrying it, and the later ones
repeating it (wire copies, other outlets quoting the same words).

Two quotes carry the same words when their word keys (ingest/words.py: case, marks and hyphens
ignored) are equal, or when one's words, six or more, run inside the other's (an outlet quoting
part of a longer quotation). Quotes of fewer than four words ("intense", "no basis") are
left out: such phrases recur without one source. Carriers are ordered by date, the undated last.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.model.analysis.results import QuoteSpan
from reader.model.ingest.article import Article
from reader.model.ingest.words import word_keys

MIN_WORDS = 4  # shorter quotes are common phrases, not a traceable quotation
MIN_PART = 6  # a part of a longer quote counts as repeating it from this many words
_GRAM = 6


@dataclass(frozen=True, slots=True)
class Carrier:
    article: Article
    quote: QuoteSpan


def _date_key(c: Carrier) -> tuple:
    a = c.article
    return (a.date is None, a.date or "", a.path, c.quote.start)


def quote_families(corpus) -> dict[tuple[str, int, int], list[Carrier]]:
    """(article id, quote start, end) -> every carrier of the same words, earliest first; only
    quotes carried by two or more articles are keys."""
    quotes: list[tuple[Carrier, str]] = []
    for a in corpus.articles:
        for q in corpus.quotes_in(a):
            keys = word_keys(q.text)
            if len(keys) >= MIN_WORDS:
                quotes.append((Carrier(a, q), " " + " ".join(keys) + " "))
    parent = list(range(len(quotes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    by_key: dict[str, int] = {}
    grams: dict[str, list[int]] = {}
    for i, (_c, key) in enumerate(quotes):
        if key in by_key:
            union(i, by_key[key])
            continue
        by_key[key] = i
        words = key.split()
        for g in {" ".join(words[k : k + _GRAM]) for k in range(len(words) - _GRAM + 1)}:
            grams.setdefault(g, []).append(i)
    for i, (_c, key) in enumerate(quotes):  # a part of a longer quotation
        words = key.split()
        if len(words) < MIN_PART or by_key.get(key) != i:
            continue
        for j in set(grams.get(" ".join(words[:_GRAM]), ())):
            if j != i and len(quotes[j][1]) > len(key) and key in quotes[j][1]:
                union(i, j)
    families: dict[int, list[Carrier]] = {}
    for i, (c, _key) in enumerate(quotes):
        families.setdefault(find(i), []).append(c)
    out: dict[tuple[str, int, int], list[Carrier]] = {}
    for carriers in families.values():
        if len({c.article.id for c in carriers}) < 2:
            continue
        carriers.sort(key=_date_key)
        for c in carriers:
            out[(c.article.id, c.quote.start, c.quote.end)] = carriers
    return out
