"""The model's `attribute_ruler`, its one-token patterns applied as array operations.

The ruler (179 patterns in en_core_web_sm: the tag map, one pattern per fine tag setting POS and
MORPH, then exceptions by word, dependency or whitespace) matches every token, and spaCy applies
each match from Python (a Span and a Token per match): on the parsed sentences it cost as much
as the parser. Here every pattern on one token whose conditions are equalities or IN / NOT_IN
sets over TAG, LOWER, DEP or IS_SPACE is a boolean mask over the columns of a whole batch; the
others (several tokens, regexes) run through a spaCy Matcher. Matches are applied in pattern
order, all matched before any is applied and a later pattern overriding an earlier one, as the
ruler does; the result is the ruler's,
attribute for attribute (checked on every shared data set, tests/test_attribute_map.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

# Columns read by the masks, then the ones patterns set (written back only where changed).
_READ: list[int | str] = ["TAG", "LOWER", "DEP", "IS_SPACE"]
_SET: list[int | str] = ["POS", "MORPH", "LEMMA", "TAG", "DEP"]


@lru_cache(maxsize=4)
def mapped(ruler: AttributeRuler) -> TagMappedRuler:
    """The array version of a loaded pipeline's ruler, built once."""
    return TagMappedRuler(ruler)


class TagMappedRuler:
    """Stands for `ruler` (the same `pipe` as a spaCy component)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        from spacy.attrs import IDS  # type: ignore[import-not-found]
        from spacy.matcher import Matcher

        strings = ruler.vocab.strings
        self._matcher = Matcher(ruler.vocab)
        # per pattern, in order: (alternatives as [(column, op, values)] or None for the
        # matcher, token index in the match, {column of _SET: value})
        self._steps: list[tuple[list | None, int, dict[int, int]]] = []
        col_of = {IDS[name]: k for k, name in enumerate(_SET)}
        patterns: list[Any] = ruler.patterns
        for i, p in enumerate(patterns):
            alts = [_conditions(alt, strings) for alt in p["patterns"]]
            attrs = {col_of[a]: v for a, v in ruler.attrs[i].items()}
            if all(c is not None for c in alts):
                self._steps.append((alts, 0, attrs))
            else:
                self._matcher.add(str(i), p["patterns"])
                self._steps.append((None, ruler.indices[i], attrs))
        self._keys = {strings[str(i)]: i for i in range(len(self._steps))}

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        import numpy

        batch = list(docs)
        sizes = [len(d) for d in batch]
        if not sum(sizes):
            yield from batch
            return
        read: Any = numpy.concatenate([d.to_array(_READ) for d in batch if len(d)])
        before: Any = numpy.concatenate([d.to_array(_SET) for d in batch if len(d)])
        out = before.copy()
        starts = numpy.cumsum([0] + sizes)
        found: dict[int, list[int]] = {}  # matcher patterns: token positions in the batch
        if len(self._matcher):
            for k, doc in enumerate(batch):
                for key, s, e in self._matcher(doc, allow_missing=True):
                    i = self._keys[key]
                    at = (s if self._steps[i][1] >= 0 else e) + self._steps[i][1]
                    found.setdefault(i, []).append(int(starts[k]) + at)
        for i, (alts, _, attrs) in enumerate(self._steps):
            if alts is None:
                rows: Any = numpy.array(found.get(i, []), dtype="int64")
            else:
                mask = numpy.zeros(len(read), dtype=bool)
                for conds in alts:
                    mask |= _mask(read, conds)
                rows = numpy.flatnonzero(mask)
            for col, value in attrs.items():  # every mask reads the values before any is set
                out[rows, col] = value
        dep = _SET.index("DEP")
        for k, doc in enumerate(batch):
            a, b = starts[k], starts[k + 1]
            changed = [c for c in range(len(_SET)) if c != dep and (out[a:b, c] != before[a:b, c]).any()]
            if changed:
                doc.from_array([_SET[c] for c in changed], out[a:b, changed])
            for i in numpy.flatnonzero(out[a:b, dep] != before[a:b, dep]).tolist():
                doc[i].dep = int(out[a + i, dep])  # a label alone: from_array would relink the tree
            yield doc


def _conditions(alt: list[dict], strings: Any) -> list[tuple[int, str, Any]] | None:
    """One alternative of a pattern as column conditions; None if the array path cannot take it."""
    if len(alt) != 1:
        return None
    out: list[tuple[int, str, Any]] = []
    for attr, want in alt[0].items():
        if attr not in _READ:
            return None
        col = _READ.index(attr)
        if isinstance(want, bool):
            out.append((col, "==", int(want)))
        elif isinstance(want, str):
            out.append((col, "==", strings.add(want)))
        elif isinstance(want, dict) and len(want) == 1 and next(iter(want)) in ("IN", "NOT_IN"):
            op, values = next(iter(want.items()))
            out.append((col, op, [strings.add(v) for v in values]))
        else:
            return None
    return out


def _mask(read: Any, conds: list[tuple[int, str, Any]]) -> Any:
    import numpy

    mask = numpy.ones(len(read), dtype=bool)
    for col, op, want in conds:
        if op == "==":
            mask &= read[:, col] == numpy.uint64(want)
        else:
            inside = numpy.isin(read[:, col], numpy.array(want, dtype="uint64"))
            mask &= inside if op == "IN" else ~inside
    return mask
