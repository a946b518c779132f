"""Test helper: the quotes an analysis finds in an invented passage, as {words: speaker}."""

from __future__ import annotations

from reader.model.analysis.pipeline import analyse_text


def said(nlp, text: str) -> dict:
    """Each quote's words (trailing comma or full stop dropped) and its speaker; every quote's
    text must be the very slice of `text` its offsets give."""
    fa = analyse_text(text, nlp)
    for q in fa.quotes:
        assert q.text == text[q.start : q.end]
    return {q.text.rstrip(",."): q.speaker for q in fa.quotes}
