"""Quotation detection and speaker attribution."""

from __future__ import annotations

from typing import Any

from reader.model.spans import Mention, QuoteSpan
from reader.model.textview import TextView


def find_and_attribute(doc: Any, view: TextView, mentions: list[Mention]) -> list[QuoteSpan]:
    return []
