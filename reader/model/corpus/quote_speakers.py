"""Who said a quote, as the corpus knows them: the entity of the mention the speaker was read
from (else the entity that goes by the speaker's name), and the name who-said-what shows.

The `Corpus` facade (`corpus` below) answers through these (`speaker_entity`, `speaker_entities`, `speaker_name`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.model.analysis.results import QuoteSpan
from reader.model.ingest.article import Article

if TYPE_CHECKING:
    from reader.model.corpus.aliases import Entity


def names_index(entities: list[Entity]) -> dict[str, Entity]:
    """Casefolded name or alias -> entity; a name shared by several entities: the most
    mentioned (ties: the earliest entity)."""
    by_name: dict[str, Entity] = {}
    ranked = sorted(range(len(entities)), key=lambda i: (len(entities[i].mentions), -i))
    for e in (entities[i] for i in ranked):  # ties: the earliest entity wins
        for name in (e.name, *e.aliases):
            by_name[name.casefold()] = e
    return by_name


def speaker_entity(corpus, article: Article, q: QuoteSpan, mentions: list | None = None):
    """The canonical entity of a quote's speaker: the mention it was read from, else by name.
    `mentions`: the article's `mentions_in`, when the caller has them (one lookup per article)."""
    if not q.speaker or q.speaker_kind == "DESC":
        return None  # an unnamed source ("a company spokesman") is no entity
    if q.speaker_start is not None:
        for s, e, ent in corpus.mentions_in(article) if mentions is None else mentions:
            if s <= q.speaker_start < e or q.speaker_start <= s < (q.speaker_end or s):
                return ent if _fits(q, ent) else None
    return corpus.by_name.get(q.speaker.casefold())


def speaker_entities(corpus, article: Article, quotes: list[QuoteSpan]) -> list:
    """`speaker_entity` of each of the article's `quotes`, matched against the article's
    mentions all at once (mention_table.first_covering) rather than quote by quote."""
    spans = corpus.entity_spans
    columns_within = getattr(spans, "columns_within", None)  # a mention_table.SpanIndex
    named = [i for i, q in enumerate(quotes) if q.speaker and q.speaker_kind != "DESC"]
    if columns_within is None or not named:
        mentions = corpus.mentions_in(article) if named else []
        return [speaker_entity(corpus, article, q, mentions) for q in quotes]
    from reader.model.corpus.mention_table import first_covering  # numpy: imported when used

    out: list = [None] * len(quotes)
    placed = [i for i in named if quotes[i].speaker_start is not None]
    found = first_covering(
        columns_within(corpus.file_index(article), article.start, article.end),
        [(quotes[i].speaker_start or 0, quotes[i].speaker_end or 0) for i in placed],
    )
    ents = spans.entities  # type: ignore[attr-defined]
    gone = set()
    for i, k in zip(placed, found, strict=True):
        out[i] = ents[k] if k >= 0 and _fits(quotes[i], ents[k]) else None
        if k >= 0 and out[i] is None:
            gone.add(i)
    for i in named:
        if out[i] is None and i not in gone:
            out[i] = corpus.by_name.get(quotes[i].speaker.casefold())  # type: ignore[union-attr]
    return out


def _fits(q: QuoteSpan, ent) -> bool:
    """A person's mention inside a speaker that is a body ('The Kallen campaign', 'the Merle
    family') does not make the body that person: the entity fits a speaker of its own kind, or
    one whose words are the entity's name or one of its forms."""
    if ent.kind != "PERSON" or q.speaker_kind in (None, "PERSON"):
        return True
    said = (q.speaker or "").casefold()
    return said == ent.name.casefold() or any(said == a.casefold() for a in ent.aliases)


def speaker_name_of(q: QuoteSpan, ent) -> str | None:
    """`Corpus.speaker_name` of a quote whose speaker's entity (or None) is known already: the
    canonical name of the entity (its alias group), else the speaker as the article names them,
    else None."""
    if ent is None:
        return q.speaker or None
    from reader.model.analysis.name_types import fuller_name  # its word lists: not before the first paint

    return fuller_name(ent.name, [q.speaker, *ent.aliases]) if ent.kind == "PERSON" else ent.name
