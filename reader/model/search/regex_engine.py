"""The matching itself: an RE2 pattern over UTF-8 bytes with offsets mapped back to str indices,
or Python's engine (only ever in the search process, search_process.py). No Textual, no state."""

from __future__ import annotations

import re
import time

_CANCEL_EVERY = 256  # matches between two checks of `cancelled` and the deadline

_RE2_CACHE: dict[str, object] = {}


def re2_compile(source: str):
    pat = _RE2_CACHE.get(source)
    if pat is None:
        import re2  # type: ignore[import-untyped]

        opts = re2.Options()
        opts.log_errors = False  # errors come back as exceptions, not lines on stderr
        opts.never_capture = True  # only whole matches are needed: the fastest paths
        pat = re2.compile(source, opts)
        if len(_RE2_CACHE) > 64:
            _RE2_CACHE.clear()
        _RE2_CACHE[source] = pat
    return pat


def run_engine(engine: str, source: str, flags: int, text: str, start: int, end: int, limit):
    """One search, as the search process runs it: (spans, truncated)."""
    if engine == "re2":
        found, truncated, _ = re2_spans(re2_compile(source), text, start, end, limit, None, None)
        return found, truncated
    spans: list[tuple[int, int]] = []
    for m in re.compile(source, flags).finditer(text, start, end):
        s, e = m.span()
        if e == s:
            continue
        if limit is not None and len(spans) >= limit:
            return spans, True
        spans.append((s, e))
    return spans, False


def re2_spans(pattern, text: str, start: int, end: int, limit, cancelled, deadline):
    """(spans, truncated, stopped) of an RE2 pattern over text[start:end], in code point offsets.

    RE2 searches UTF-8 bytes: the whole text is encoded (so `^` and `\\b` see what precedes
    `start`), searched between the byte offsets of start and end, and each match's byte offsets
    are turned back into str indices by decoding the bytes since the previous one (linear in all).
    `stopped` is "cancelled", "deadline" or None."""
    data = text.encode("utf-8", "surrogatepass")
    ascii_ = len(data) == len(text)
    if ascii_:
        bpos, bend = start, end
    else:
        bpos = len(text[:start].encode("utf-8", "surrogatepass"))
        bend = bpos + len(text[start:end].encode("utf-8", "surrogatepass"))
    match = pattern._regexp.Match  # byte offsets, no str round trip per call
    anchor = _unanchored()
    last_b, last_c = bpos, start

    def char_at(b: int) -> int:
        nonlocal last_b, last_c
        if ascii_:
            return b
        last_c += len(data[last_b:b].decode("utf-8", "surrogatepass"))
        last_b = b
        return last_c

    spans: list[tuple[int, int]] = []
    n = 0
    while bpos <= bend:
        n += 1
        if n % _CANCEL_EVERY == 0:
            if cancelled is not None and cancelled():
                return spans, False, "cancelled"
            if deadline is not None and time.monotonic() > deadline:
                return spans, False, "deadline"
        bs, be = match(anchor, data, bpos, bend)[0]
        if bs < 0:
            break
        if be == bs:  # an empty match: step over one character
            bpos = be + _char_len(data, be)
            continue
        if limit is not None and len(spans) >= limit:
            return spans, True, None
        spans.append((char_at(bs), char_at(be)))
        bpos = be
    return spans, False, None


def _char_len(data: bytes, i: int) -> int:
    """Bytes in the UTF-8 sequence starting at i (1 at the end or on a stray byte)."""
    if i >= len(data):
        return 1
    b = data[i]
    return 1 if b < 0xC0 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4


def _unanchored():
    import re2  # type: ignore[import-untyped]

    return re2._Anchor.UNANCHORED
