"""E-mail newsletters (.eml): the subject is the title, the sender's name the publisher, the Date
header the date; the HTML part goes through the web-page extractor (html.py), which leaves out
"view in browser" and unsubscribe furniture; a plain-text part is read as a text file is."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from email.utils import getaddresses

from reader.model.ingest.formats import fields
from reader.model.ingest.formats.record import Extraction, ImportRefused, Record, build

_SIGNATURE = "\n-- \n"


def message_record(msg: EmailMessage, locator: str | None = None) -> Record | None:
    subject = fields.one_line_or_none(str(msg.get("Subject", "") or ""))
    sender = _sender(msg)
    date = fields.iso_date(str(msg.get("Date", "") or ""))
    url = _archived_at(msg)
    paras: list[str] = []
    author = None
    html_part = msg.get_body(preferencelist=("html",))
    if html_part is not None:
        from reader.model.ingest.formats.html import page_record

        html = _content(html_part)
        rec = page_record(html, title_hint=subject) if html.strip() else None
        if rec is not None:
            paras = rec.paragraphs
            author = rec.author
            if subject is None:
                subject = rec.title
    if not paras:
        plain = msg.get_body(preferencelist=("plain",))
        if plain is not None:
            text = _content(plain).replace("\r\n", "\n")
            for cut in (_SIGNATURE, "\n--\n"):
                if cut in text:
                    text = text[: text.rindex(cut)]
            paras = text.split("\n\n")
    if not any(p.strip() for p in paras):
        return None
    return Record(
        paragraphs=paras,
        title=subject,
        publisher=sender,
        date=date,
        url=url,
        author=author,
        byline=author,
        locator=locator,
    )


def _content(part) -> str:
    try:
        value = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        value = payload.decode("utf-8", "replace")
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _sender(msg: EmailMessage) -> str | None:
    try:
        pairs = getaddresses([str(msg.get("From", "") or "")])
    except (TypeError, ValueError, IndexError):
        return None
    for name, addr in pairs:
        if name.strip():
            return " ".join(name.split())
        if addr:
            return addr
    return None


def _archived_at(msg: EmailMessage) -> str | None:
    value = str(msg.get("Archived-At", "") or "").strip().strip("<>")
    return value if value.startswith(("http://", "https://")) else None


def parse_message(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)  # type: ignore[return-value]


def extract(data: bytes, options) -> Extraction:
    msg = parse_message(data)
    if not msg.keys():
        raise ImportRefused("not an e-mail message (no headers)")
    rec = message_record(msg)
    if rec is None:
        raise ImportRefused("the message has no text or HTML part with text")
    return build([rec])
