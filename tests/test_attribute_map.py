"""The array version of the model's attribute_ruler sets what the ruler sets, token for token."""

from __future__ import annotations

import pytest

from reader.model.analysis.attribute_map import TagMappedRuler

ATTRS = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "SENT_START"]

TEXTS = [
    # the tag map, and the exceptions: words ("'s", "gonna", "ain't", "y'all"), a dependency
    # ("there is"), alternatives ("gets", "got"), whitespace tokens with and without a label
    'There is no plan, the minister said. "We ain\'t gonna wait," she told reporters.\n\n'
    "Let's see: y'all got it, and he gets it.  The U.S. team's coach — Mr. Lee — left.",
    '"It\'s over," said Ana Silva, 54, a nurse.\n\n\n"C\'mon!" they shouted.   Nobody moved.',
    "",
]


@pytest.fixture(scope="module")
def nlp():
    from reader.model.analysis.nlp import load_pipeline

    return load_pipeline()


def test_mapped_ruler_sets_what_the_ruler_sets(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    mapped = TagMappedRuler(ruler)
    before = [nlp.make_doc(t) for t in TEXTS]
    for name in ("tok2vec", "tagger", "parser"):
        before = list(nlp.get_pipe(name).pipe(before))
    want = [ruler(d.copy()) for d in before]
    got = list(mapped.pipe([d.copy() for d in before]))
    for w, g in zip(want, got):
        assert (w.to_array(ATTRS) == g.to_array(ATTRS)).all()
        assert [(t.left_edge.i, t.right_edge.i) for t in w] == [(t.left_edge.i, t.right_edge.i) for t in g]
    # the texts reach the exceptions, not only the tag map
    lemmas = {t.lemma_ for d in want for t in d}
    assert {"be", "go", "get"} <= lemmas
    assert any(t.is_space and t.dep_ == "dep" for d in want for t in d)
