"""Counts in words a person reads: "1 mention", "2 mentions", "1,204 articles"."""

from __future__ import annotations

IRREGULAR = {"has": "have", "is": "are", "was": "were", "analysis": "analyses", "person": "people"}


def plural(n: int, noun: str) -> str:
    """The noun for n of it ("mention" -> "mentions" unless n == 1)."""
    if n == 1:
        return noun
    head, _, last = noun.rpartition(" ")
    if last in IRREGULAR:
        return f"{head} {IRREGULAR[last]}".lstrip()
    if last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u", ""):
        return noun[:-1] + "ies"
    return noun + "es" if noun.endswith(("s", "x", "ch", "sh")) else noun + "s"


def count(n: int, noun: str) -> str:
    """'1 mention', '2 mentions', '12,000 mentions'."""
    return f"{n:,} {plural(n, noun)}"
