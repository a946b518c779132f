"""Where a mention stands among its entity's mentions: "mention 2/7 here · 42 in 8 articles".

The status line shows it after `e`, `n`/`N` and jumps, so that the step from the last mention in
an article to the next article is no surprise. Only mentions inside articles count (as in the
entity view).
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.model.outputs.wording import count


@dataclass(frozen=True, slots=True)
class MentionPosition:
    index: int  # 1-based among the entity's mentions in this article; 0: not at one of them
    here: int  # the entity's mentions in this article
    total: int  # ... in the corpus
    articles: int  # articles that mention it

    def here_text(self) -> str:
        """The part about this article: "mention 2/7 here" (or "7 mentions here" off a mention)."""
        return f"mention {self.index}/{self.here} here" if self.index else f"{count(self.here, 'mention')} here"

    def text(self) -> str:
        return f"{self.here_text()} · {self.total:,} in {count(self.articles, 'article')}"


def entity_totals(corpus, entity) -> tuple[int, int]:
    """(mentions inside articles, articles holding them) for an entity of the corpus."""
    total, seen = 0, set()
    for m in entity.mentions:
        a = corpus.article_at(m.file, m.start)
        if a is not None and m.end <= a.end:
            total += 1
            seen.add(id(a))
    return total, len(seen)


def mention_position(corpus, entity, article, start: int, totals: tuple[int, int] | None = None) -> MentionPosition:
    """The position of the mention of `entity` starting at source offset `start` in `article`
    (index 0 when none starts there). `totals` (from entity_totals) saves a pass over the corpus."""
    here = [s for s, _e, ent in corpus.mentions_in(article) if ent is entity or ent.id == entity.id]
    index = here.index(start) + 1 if start in here else 0
    total, articles = totals if totals is not None else entity_totals(corpus, entity)
    return MentionPosition(index, len(here), total, articles)
