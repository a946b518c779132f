"""One-for-one mapping of source text to characters that are safe to show.

Every control character becomes a single visible symbol, so a display string has exactly the
length of its source and every offset into one is an offset into the other.
"""

from __future__ import annotations

import re


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for c in range(0x20):
        if c == 0x0A:  # newline is structure, kept as is
            continue
        table[c] = chr(0x2400 + c)  # control pictures: NUL -> U+2400 ... US -> U+241F
    table[0x09] = " "  # tab shows as one space (one cell per source character)
    table[0x7F] = "\u2421"  # DEL symbol
    for c in range(0x80, 0xA0):  # C1 controls
        table[c] = "\ufffd"
    # Bidi embeddings, overrides and isolates: shown as a visible mark, never obeyed.
    for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C):
        table[c] = "\u2426"  # a visible, direction-neutral symbol
    # Line/paragraph separators would break rows in a terminal.
    table[0x2028] = "\u21b5"
    table[0x2029] = "\u00b6"
    return table


DISPLAY_TABLE = _build_table()
_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in DISPLAY_TABLE) + "]")


def display_text(text: str) -> str:
    """Return `text` with every control character replaced by one visible symbol."""
    if not _UNSAFE.search(text):
        return text
    return text.translate(DISPLAY_TABLE)


def display_line(text: str) -> str:
    """Like display_text, but newlines shown as a return symbol too (for one-line labels)."""
    return display_text(text).replace("\n", "\u21b5")


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None


def terminal_safe(text: str) -> str:
    """Text for printing to a terminal (human-readable CLI output): controls made visible."""
    return display_text(text)


# JSON escapes C0 controls itself, but with ensure_ascii=False leaves DEL, C1 controls (0x9B is
# CSI on some terminals), bidi controls and line separators raw. Outside string literals JSON
# text is ASCII, so each can be written as a \uXXXX escape that parses back to itself.
_JSON_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in DISPLAY_TABLE if c >= 0x7F) + "]")


def json_safe(json_text: str) -> str:
    """Serialized JSON with every character a terminal could act on written as an escape."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
