"""How sure an attribution is: a score in 0..1 from what the rules saw, and the bar below which
the speaker is reported as unknown (a wrong name is worse than none).

Provisional weights; see `benchmarks/train_speaker_confidence.py`.
"""

from __future__ import annotations

from typing import Any

THRESHOLD = 0.5

_BASE = {
    "verb-before": 0.9,
    "verb-after": 0.95,
    "frame": 0.75,
    "colon": 0.8,
    "before-sentence": 0.8,
    "turn": 0.8,
    "subject": 0.6,
    "headline": 0.7,
    "pronoun": 0.8,
    "description": 0.7,
}
_HOW = {"name": 1.0, "role-name": 0.95, "pronoun": 0.9, "description": 0.8, "owner": 0.85, "as-written": 0.85, "turn": 1.0}


def score(spk: Any, art: Any, q: Any) -> float:
    return _BASE.get(spk.cue, 0.6) * _HOW.get(spk.how, 0.8)
