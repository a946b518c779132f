"""Bytes to text: BOMs first, then strict UTF-8, then charset-normalizer; binary refused.

Offsets everywhere are indices into the string returned here, exactly as decoded (a CRLF file
keeps its CRs), so nothing after this step may normalise newlines.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Share of control characters (other than tab/newline/CR/FF) above which text is binary.
_MAX_CONTROL_SHARE = 0.05


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_WESTERN = "cp1252"
_CHAOS_SLACK = 0.1


class DecodeError(ValueError):
    """The bytes are not text we can read; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes) -> Decoded:
    if not data:
        raise DecodeError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {enc} after its byte-order mark ({exc.reason})") from None
            return _checked(Decoded(text, enc + ("-sig" if enc == "utf-8" else "")))
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise DecodeError("binary file (not text)")
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise DecodeError("could not detect the text encoding")
    # Single-byte code pages are often indistinguishable on short English text; when
    # Windows-1252 (the usual one for Western news) fits about as well, prefer it.
    for m in matches:
        if _WESTERN in m.could_be_from_charset and m.chaos <= best.chaos + _CHAOS_SLACK:
            try:
                return _checked(Decoded(data.decode(_WESTERN), _WESTERN))
            except UnicodeDecodeError:
                break
    return _checked(Decoded(str(best), best.encoding))


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample and sample.count(b"\x00") > len(sample) // 100:
        return True  # many NULs and no UTF-16 BOM: not text we know how to read
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, _MAX_CONTROL_SHARE * len(sample))


def _checked(d: Decoded) -> Decoded:
    text = d.text
    if not text.strip():
        raise DecodeError("holds only whitespace")
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, _MAX_CONTROL_SHARE * len(sample)):
        raise DecodeError("binary file (not text)")
    return d
