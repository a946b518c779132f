"""How sure an attribution is: a score in 0..1 from what the rules saw, and the bar below which
the speaker is reported as unknown (a wrong name is worse than none).

The score is a logistic model over a few general features of the attribution (which rule
linked quote and speaker, how the subject became a name, what kind of speaker it is, how many
people the paragraph names, ...). Its weights are in `speaker_confidence.json`, fitted by
`benchmarks/train_speaker_confidence.py` on the shared development sets; no spaCy, no
scikit-learn at run time: a dot product and a sigmoid.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

THRESHOLD = 0.5  # below this the speaker is unknown
WEIGHTS = Path(__file__).with_name("speaker_confidence.json")

RULES = (
    "verb-before",
    "verb-after",
    "frame",
    "colon",
    "before-sentence",
    "turn",
    "subject",
    "headline",
    "noun",
    "pronoun",
    "description",
)
HOWS = ("name", "role-name", "pronoun", "description", "prominent", "owner", "as-written", "turn")
KINDS = ("PERSON", "ORG", "GROUP", "DESC")

# Collects (source start, source end, features) for each attributed quote while not None:
# the training script's window into the analysis.
RECORD: list[tuple[int, int, dict[str, float]]] | None = None


def features(spk: Any, art: Any, q: Any, last_conf: float) -> dict[str, float]:
    """The attribution's features, by name (absent = 0)."""
    f: dict[str, float] = {"bias": 1.0}
    f["cue=" + (spk.cue if spk.cue in RULES else "other")] = 1.0
    f["how=" + (spk.how if spk.how in HOWS else "other")] = 1.0
    kind = "GROUP" if spk.kind in ("NORP", "PLACE") else "DESC" if spk.kind == "DOC" else spk.kind
    f["kind=" + (kind if kind in KINDS else "DESC")] = 1.0
    if spk.cue in ("verb-before", "verb-after") and spk.how in ("name", "role-name"):
        f["named_subject_of_speech_verb"] = 1.0  # "X said", "said X": the plainest attribution
    f["full_name"] = 1.0 if len(spk.name.split()) > 1 and kind != "DESC" else 0.0
    if kind == "DESC" and spk.name.split()[:1] and spk.name.split()[0].lower() in ("the", "this", "that"):
        f["definite_description"] = 1.0
    lo, hi = _neighbourhood(art, q)
    people = {n.key for n in art.names.names if lo <= n.start < hi and n.kind == "PERSON"}
    f["people_in_paragraph"] = min(len(people), 4) / 4
    f["quote_words"] = min(len(art.text[q.start : q.end].split()), 40) / 40
    if spk.how in ("pronoun", "turn"):
        f["inherited_confidence"] = last_conf
    if spk.how == "pronoun" and spk.kind == "PERSON":
        f["gender_known"] = (
            1.0 if tuple(w.casefold().replace(".", "") for w in spk.name.split()) in art.names.gender else 0.0
        )
    if spk.how == "pronoun" and spk.start is not None:
        # centering: an antecedent that was a main-clause subject, close by, is the likely referent
        at = art.view.view_index(spk.start)
        n = next((n for n in art.names.names if n.start == at), None)
        if n is not None:
            f["antecedent_main_subject"] = 1.0 if n.subject == 2 else 0.0
            f["antecedent_same_paragraph"] = 1.0 if art.para_start(n.start) == art.para_start(q.open_mark) else 0.0
    if spk.how == "turn":
        f["turn_across_paragraph"] = 1.0 if art.para_start(art.last_pos) != art.para_start(q.open_mark) else 0.0
    return f


def _neighbourhood(art: Any, q: Any) -> tuple[int, int]:
    """The quote's paragraph, no wider than its sentences with two before and one after: where
    the paragraph breaks were lost (wire copy on one line) the paragraph is the whole article,
    and everyone it names would count against every speaker."""
    lo, hi = art.para_of(q.open_mark)
    first = art.doc.char_span(q.open_mark, q.open_mark + 1, alignment_mode="expand")
    last = art.doc.char_span(max(q.open_mark, q.end - 1), max(q.open_mark, q.end - 1) + 1, alignment_mode="expand")
    if first is None or last is None or not len(first) or not len(last):
        return lo, hi
    start = first[0].sent
    for _ in range(2):
        if start.start == 0:
            break
        start = art.doc[start.start - 1].sent
    end = last[-1].sent
    if end.end < len(art.doc):
        end = art.doc[end.end].sent
    return max(lo, start.start_char), min(hi, end.end_char)


@lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    try:
        data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data["weights"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {"bias": 1.0}  # no model: every attribution passes the bar


def score(spk: Any, art: Any, q: Any, last_conf: float = 1.0) -> float:
    """The probability that `spk` is the right speaker of quote `q`."""
    f = features(spk, art, q, last_conf)
    if RECORD is not None:
        s, e = art.view.source_span(q.start, q.end)
        RECORD.append((s, e, f))
    w = _weights()
    z = sum(w.get(k, 0.0) * v for k, v in f.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
