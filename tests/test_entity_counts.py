"""Per-entity counts placed at once with numpy (reader.model.corpus.entity_counts): the same as
counting article by article, kept while the corpus is the same, counted again when it changes."""

from __future__ import annotations

from types import SimpleNamespace

from reader.model.corpus import entity_counts as ec


def brute(corpus):
    """(mentions inside articles, articles holding them) per entity id, one article at a time."""
    inside, holding = {}, {}
    for a in corpus.articles:
        for _, _, ent in corpus.mentions_in(a):
            inside[ent.id] = inside.get(ent.id, 0) + 1
            holding.setdefault(ent.id, set()).add(a.id)
    return inside, holding


def test_counts_match_one_article_at_a_time_and_stories_from_groups(analysed):
    counts = ec.entity_counts(analysed)
    inside, holding = brute(analysed)
    assert counts.inside == [inside.get(e.id, 0) for e in analysed.entities]
    assert counts.articles == [len(holding.get(e.id, ())) for e in analysed.entities]
    assert all(p >= n for p, n in zip(counts.places, counts.articles, strict=True))
    # two made-up stories over the first four articles: numbered from the groups or from a key alike
    arts = analysed.articles
    groups = [SimpleNamespace(members=[arts[0], arts[1]]), SimpleNamespace(members=[arts[2], arts[3]])]
    first = {a.id: g.members[0].id for g in groups for a in g.members}

    def story_key(a):
        return first.get(a.id, a.id)

    by_article = {a.id: a for a in arts}
    want = [len({story_key(by_article[i]) for i in holding.get(e.id, ())}) for e in analysed.entities]
    assert counts.stories(story_key) == want
    assert counts.stories(lambda a: story_key(a), groups) == want
    assert want != counts.articles  # the made-up stories do join articles of some entity


def test_kept_while_the_corpus_is_the_same_counted_again_when_its_entities_change(analysed):
    counts = ec.entity_counts(analysed)
    assert ec.entity_counts(analysed) is counts
    before = analysed.entities
    try:
        analysed.entities = list(before)  # what analysis or a correction does: a new list
        again = ec.entity_counts(analysed)
        assert again is not counts and again.inside == counts.inside
    finally:
        analysed.entities = before
    assert ec.entity_counts(analysed) is not again  # the kept one is of the other list
