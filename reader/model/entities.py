"""Named-entity recognition: spaCy's NER, then general rules that fix its usual news mistakes."""

from __future__ import annotations

from typing import Any

from reader.model.spans import AliasHint, Mention
from reader.model.textview import TextView

LABELS = {"PERSON": "PERSON", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "ORG": "ORG", "NORP": "NORP"}


def recognise(doc: Any, view: TextView) -> tuple[list[Mention], list[AliasHint]]:
    """Mentions (source coordinates) and explicit alias patterns in one parsed view."""
    out: list[Mention] = []
    for ent in doc.ents:
        kind = LABELS.get(ent.label_)
        if kind is None:
            continue
        a, b = ent.start_char, ent.end_char
        text = view.text
        if text[a:b].lower().startswith("the ") and b - a > 4:
            a += 4
        for tail in ("'s", "\u2019s"):
            if text[a:b].endswith(tail) and b - a > len(tail):
                b -= len(tail)
        s, e = view.source_span(a, b)
        out.append(Mention(s, e, kind, view.source[s:e]))
    return out, []
