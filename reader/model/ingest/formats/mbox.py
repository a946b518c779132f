"""Mailboxes (.mbox): every message an article, read as mail.py reads one .eml.

The messages are split from the bytes already in memory: a message starts at a "From " line at
the top of the file or after a blank line; ">From " lines in bodies are unquoted (mboxrd)."""

from __future__ import annotations

import re

from reader.model.ingest.formats.mail import message_record, parse_message
from reader.model.ingest.formats.record import Extraction, ImportRefused, build

_FROM_LINE = re.compile(rb"(?:\A|(?<=\n\n)|(?<=\n\r\n))From [^\n]*\n")
_QUOTED = re.compile(rb"(?m)^>(>*From )")


def split_mbox(data: bytes) -> list[bytes]:
    starts = [m for m in _FROM_LINE.finditer(data)]
    out = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(data)
        out.append(_QUOTED.sub(rb"\1", data[m.end() : end]))
    return out


def extract(data: bytes, options) -> Extraction:
    messages = split_mbox(data)
    if not messages:
        raise ImportRefused("not a mailbox (no 'From ' line starts a message)")
    records = []
    empty = 0
    for n, raw in enumerate(messages, start=1):
        rec = message_record(parse_message(raw), locator=f"message {n}")
        if rec is None:
            empty += 1
        else:
            records.append(rec)
    notes = [f"{empty} message{'s' * (empty != 1)} without text left out"] if empty and records else []
    out = build(records, notes)
    if not out.records:
        raise ImportRefused("no message in the mailbox has text")
    return out
