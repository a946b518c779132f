"""One-for-one mapping of source text to characters that are safe to show.

Every control character becomes a single visible symbol, so a display string has exactly the
length of its source and every offset into one is an offset into the other.

File names are data too: a name that is not valid UTF-8 (`caf\xe9.txt` from a Latin-1 system)
reaches Python as a str holding lone surrogates (os.fsdecode), which no UTF-8 output can carry.
Shown, each such byte is U+FFFD; in JSON (`json_text`) the string is that readable form, and a
sibling `<key>_bytes_b64` holds the name's exact bytes in base64.
"""

from __future__ import annotations

import base64
import json
import os
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
    # Lone surrogates: bytes of a file name that were not UTF-8; no terminal can be sent them.
    for c in range(0xD800, 0xE000):
        table[c] = "\ufffd"
    return table


DISPLAY_TABLE = _build_table()
_UNSAFE = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in DISPLAY_TABLE if not 0xD800 <= c < 0xE000) + "\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


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
_JSON_UNSAFE = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in DISPLAY_TABLE if c >= 0x7F and not 0xD800 <= c < 0xE000) + "]"
)


def json_safe(json_text: str) -> str:
    """Serialized JSON with every character a terminal could act on written as an escape."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def valid_text(text: str) -> str:
    """`text` with each lone surrogate (an undecodable file-name byte) as U+FFFD: valid Unicode."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def exact_bytes(text: str) -> bytes:
    """The bytes a str from os.fsdecode stands for (a file name exactly as on disk)."""
    try:
        return os.fsencode(text)
    except UnicodeError:  # not a file name after all: keep what can be kept
        return text.encode("utf-8", "surrogatepass")


def json_ready(data):
    """`data` with every string valid Unicode; a dict value that was not gets `<key>_bytes_b64`.

    Returns `data` itself when nothing needed changing (the usual case)."""
    if isinstance(data, str):
        return valid_text(data)
    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            key = valid_text(k) if isinstance(k, str) else k
            if isinstance(v, str) and has_surrogates(v):
                out[key] = valid_text(v)
                out[f"{key}_bytes_b64"] = base64.b64encode(exact_bytes(v)).decode("ascii")
            else:
                out[key] = json_ready(v)
        return out
    if isinstance(data, (list, tuple)):
        return [json_ready(v) for v in data]
    return data


def json_text(data, **dumps) -> str:
    """`json.dumps(data, ensure_ascii=False, **dumps)`, always valid UTF-8-encodable JSON (json_ready)."""
    text = json.dumps(data, ensure_ascii=False, **dumps)
    if _SURROGATE.search(text):
        text = json.dumps(json_ready(data), ensure_ascii=False, **dumps)
    return text
