"""Quotation detection: pairing quotation marks into spans, then setting titles apart (`quoted_names`).

Detection works on `view.text` (paragraphs joined by a blank line). Marks are paired by their
typographic shape and by what stands either side of them, so apostrophes and inch marks never
open a quote and one missing mark cannot flip the pairing of the rest of an article. Speakers
are found by `attribution.attribute`; results are mapped back to source coordinates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.model.analysis import attribution
from reader.model.analysis.quote_layout import RawQuote, credit_at_end
from reader.model.analysis.quote_marks import (
    AFTER_CLOSE,
    BEFORE_OPEN,
    CLOSE,
    DOUBLE_MARKS,
    EITHER,
    OPEN,
    last_stop,
    over_paragraphs,
    pair_single,
)
from reader.model.analysis.quote_segments import segments
from reader.model.analysis.quoted_names import WORD, names_something
from reader.model.analysis.results import QUOTE, TERM, Mention, QuoteSpan
from reader.model.analysis.textview import TextView

if TYPE_CHECKING:  # spaCy is imported only when analysis runs
    from spacy.tokens import Doc


# Markup such as <tweet tweet-author="..."> carries marks that are not quotation.
# a possessive inside a phrase as written: "Russia's foreign ministry", "the club’s board"
_OWNED = re.compile(r"\w['\u2019]s\s+\w")
_TAG = re.compile(r"<[A-Za-z/][^<>\n]{0,3000}>")


def _class(text: str, i: int, lo: int, hi: int) -> int:
    """OPEN, CLOSE or EITHER for the double mark at i, read from its neighbours within [lo, hi)."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    left_open = prev.isspace() or prev in BEFORE_OPEN
    right_closed = nxt.isspace() or nxt in AFTER_CLOSE
    lean = DOUBLE_MARKS[text[i]]
    if left_open and not right_closed:
        # `” word` after a space opens even if typed as a closer; but `—”` or `,”` closes.
        # A straight mark glued between punctuation and a word (`win,"said` / `said,"We`) is
        # either: whether a quote is open decides.
        if lean == EITHER and prev in ",;:":
            return EITHER
        return OPEN if (prev.isspace() or lean != CLOSE) else lean
    if right_closed and not left_open:
        return CLOSE
    if lean == OPEN and prev in ",.!?" and nxt.isspace():
        return CLOSE  # `win,“ she said`: an opener's shape typed (or German „…“ style) as a closer
    return lean


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _masked(text: str) -> str:
    """text with markup tags blanked, so their attribute quotes are not marks, and the typewriter
    marks of some wire and corpus copy (``...'') read as curly ones; the same length."""
    if "``" in text:  # (a closing '' only in such copy: elsewhere it may be two apostrophes)
        text = _BACKTICKS_CLOSE.sub("\u201d ", text.replace("``", "\u201c "))
    if "<" not in text:
        return text
    return _TAG.sub(lambda m: " " * len(m.group()), text)


_BACKTICKS_CLOSE = re.compile(r"(?<=\S)''")


def pair_double(text: str, segs: list[tuple[int, int]]) -> list[RawQuote]:
    """Pair double marks across the paragraphs `segs`; see the module docstring."""
    out: list[RawQuote] = []
    open_at: int | None = None  # index of the current opening mark
    nested = 0  # inner quotes open inside the current one
    for si, (lo, hi) in enumerate(segs):
        marks = [m.start() for m in _DOUBLE_MARK.finditer(text, lo, hi)]
        classes = [_class(text, i, lo, hi) for i in marks]
        for k, i in enumerate(marks):
            cls = classes[k]
            if open_at is None:
                if cls != CLOSE:
                    open_at = i
                    nested = 0
                continue
            if text[i] == '"' and text[i - 1].isdigit() and k + 1 < len(marks) and classes[k + 1] == CLOSE:
                continue  # `"At 6'2" he is the tallest."`: an inch mark while the quote goes on
            if nested and cls != OPEN:
                nested -= 1  # the inner quote closes; the outer one goes on
                continue
            if cls == OPEN and _opens_nested(classes, k) and _reporting_clause(text, open_at + 1, i) is None:
                nested += 1  # `“He kept saying “we will see” and left,”`: double marks inside double
                continue
            if cls == OPEN and not (k == 0 and i == lo and open_at < lo):
                cut = _reporting_clause(text, open_at + 1, i)
                if cut is None and _after_sentence(text, open_at, i):
                    # `“First part. “Second part.”`: a quote over paragraphs whose breaks were lost
                    continue
                # An opener while a quote is open: the earlier quote lost its closing mark.
                if cut is None:  # it ended at its last full stop, or before a photo credit there
                    cut = credit_at_end(text, open_at + 1, i) or last_stop(text, open_at + 1, i)
                _emit(text, open_at, None, cut, out)
                open_at = i
            elif cls != OPEN:
                _emit(text, open_at, i, i, out)
                open_at = None
            # else: the re-opening mark of a quote that continues into a new paragraph
        if open_at is not None:
            nxt = segs[si + 1] if si + 1 < len(segs) else None
            if nxt and text[nxt[0]] in DOUBLE_MARKS and _class(text, nxt[0], *nxt) == OPEN:
                continue  # a multi-paragraph quote: the next paragraph re-opens it
            if nxt and _closes_first(text, *nxt) and _reporting_clause(text, open_at + 1, hi) is None:
                # a line break inside a paragraph whose lines looked separate, or a quote that
                # runs on into the next paragraph without a re-opening mark
                continue
            cut = _reporting_clause(text, open_at + 1, hi)  # ", she told reporters." inside it
            _emit(text, open_at, None, hi if cut is None else cut, out)
            open_at = None
    return out


# Any double mark (a regex finds them: a loop over every character cost more than the pairing).
_DOUBLE_MARK = re.compile("[" + re.escape("".join(DOUBLE_MARKS)) + "]")


def _opens_nested(classes: list[int], k: int) -> bool:
    """The opener at marks[k], met while a quote is open, starts a quote inside it: the next mark
    closes it and the rest of the paragraph holds one closer more than openers (the outer one's)."""
    rest = classes[k + 1 :]
    return bool(rest) and rest[0] != OPEN and sum(c != OPEN for c in rest) > sum(c == OPEN for c in rest) + 1


def _after_sentence(text: str, open_at: int, i: int) -> bool:
    """The opener at i follows a finished sentence of the open quote (`. “`), and the open
    quote holds more than a few words: how a flattened multi-paragraph quote re-opens."""
    j = i - 1
    while j > open_at and text[j].isspace():
        j -= 1
    if credit_at_end(text, open_at, i) is not None:
        return False  # a photo caption came between: the quote ended before it
    return j < i - 1 and text[j] in ".!?" and len(text[open_at:j].split()) >= 3


# ", the minister said." / ", said Peter Hall." / ", Jane Roe, a teacher, told reporters on Monday."
# inside an unclosed quote: its closing mark was lost before the comma. The clause runs from the
# comma to the sentence's end: a short subject, a speech verb, a few words after it.
_CLAUSE = re.compile(r",\s+([^.;!?\n\"\u201c\u201d]{1,90})(?=[.;!?])")
_NOT_REPORTERS = frozenset({"i", "we", "you"})  # a speaker telling of themselves, inside the quote
_NOT_CUES = frozenset({"call", "calls", "called", "put", "read"})


def _reporting_clause(text: str, a: int, b: int) -> int | None:
    """Index of the comma that starts a reporting clause in text[a:b] ("..., the minister said.")."""
    from reader.model.analysis.speech_words import is_speech_verb

    for c in range(a, b):
        m = _CLAUSE.match(text, c, b) if text[c] == "," else None
        if m is None:
            continue
        words = [w.strip(",") for w in m.group(1).split()]
        for v, w in enumerate(words[:8]):
            if w[:1].islower() and w not in _NOT_CUES and is_speech_verb(w):
                before, after = words[:v], words[v + 1 :]
                if len(after) > 4 or (not before and not after):
                    break
                if before and before[0].lower() in _NOT_REPORTERS:
                    break
                return m.start()
    return None


def _closes_first(text: str, lo: int, hi: int) -> bool:
    """True when the first double mark in text[lo:hi] closes a quote."""
    for i in range(lo, hi):
        if text[i] in DOUBLE_MARKS:
            return _class(text, i, lo, hi) == CLOSE
    return False


def _emit(text: str, open_mark: int, close_mark: int | None, end: int, out: list[RawQuote]) -> None:
    a, b = _trim(text, open_mark + 1, end)
    if b > a and any(c.isalnum() for c in text[a:b]):
        out.append(RawQuote(a, b, open_mark, close_mark))


def _clause_quoted(text: str, q: RawQuote) -> bool:
    """The quote holds a whole clause: a capital first, punctuation last, several words."""
    inner = text[q.start : q.end]
    return inner[:1].isupper() and inner[-1:] in ",.?!" and len(inner.split()) >= 3


def looks_like_headline(text: str, lo: int, hi: int) -> bool:
    """A short paragraph in title case (most longer words capitalised)."""
    words = text[lo:hi].split()
    if not words or len(words) > 25:
        return False
    long = [w.strip("'\u2018\u2019\"\u201c\u201d") for w in words]
    long = [w for w in long if len(w) >= 4 and w[:1].isalpha()]
    if len(long) < 2:
        return False
    caps = sum(1 for w in long if w[0].isupper())
    return caps >= 0.75 * len(long)


def _cued_single(text: str, q: RawQuote) -> bool:
    """Words in single marks set out as speech in copy that has no other single-mark quotes
    (`'I never thought I'd see this day,' she added.`, the marks of another desk; a lone `kept
    saying 'stop fixing it'`): a whole clause closing on a comma, question or exclamation mark
    whose sentence goes on in lower case with its attribution, a speech verb among its first
    words; or words right after a speech verb ("saying", "said:")."""
    from reader.model.analysis.speech_words import is_speech_verb

    if q.close_mark is None:
        return False
    before = WORD.findall(text[max(0, q.open_mark - 30) : q.open_mark])[-1:]
    glue = text[: q.open_mark].rstrip()[-1:]
    if before and glue not in ".!?" and before[0] not in _NOT_CUES and is_speech_verb(before[0]):
        return len(text[q.start : q.end].split()) >= 3  # ("stop saying 'going forward'": a phrase as such)
    if not _clause_quoted(text, q) or text[q.end - 1] not in ",?!":
        return False
    words = text[q.close_mark + 1 : q.close_mark + 60].split(".")[0].split()[:4]
    return bool(words) and words[0][:1].islower() and any(is_speech_verb(w.strip(",;")) for w in words)


def _inside(q: RawQuote, others: list[RawQuote]) -> bool:
    """q lies within the marks of one of `others`."""
    return any(o.open_mark < q.open_mark and q.end <= o.end for o in others)


def _quotes_in_single_marks(text: str, doubles: list[RawQuote], singles: list[RawQuote]) -> bool:
    """The article quotes with single marks (`‘We won,’ she said.`, as much of the British press
    does): more whole clauses stand in single marks than in double ones, counting neither kind
    inside the other; or it has no other marks. A lone `‘workable’` is no sign of it; nor are
    single marks nested in double ones, as the American press nests them."""
    single = sum(1 for q in singles if _clause_quoted(text, q) and not _inside(q, doubles))
    double = sum(1 for q in doubles if _clause_quoted(text, q) and not _inside(q, singles))
    if single > double:
        return True
    # no double marks outside headlines and several single-marked spans: the article's only
    # marks, partial quotes too (`called the delay ‘unacceptable’ and urged ‘a review’`)
    return (
        not any(not q.headline and not _inside(q, singles) for q in doubles)
        and sum(1 for q in singles if not _inside(q, doubles)) >= 2
    )


def detect(view: TextView, segs: list[tuple[int, int]] | None = None) -> list[RawQuote]:
    """Every quotation in the view, before telling speech from titles (view coordinates)."""
    text = _masked(view.text)
    segs = segments(view) if segs is None else segs
    found = pair_double(text, segs)
    heads = [looks_like_headline(text, lo, hi) for lo, hi in segs]
    body: list[RawQuote] = []
    dangling: list[int] = []
    for (lo, hi), head in zip(segs, heads):
        if not head:
            body.extend(pair_single(text, lo, hi, dangling=dangling))
        elif not any(text[i] in DOUBLE_MARKS for i in range(lo, hi)):
            found.extend(pair_single(text, lo, hi, headline=True))
    body = over_paragraphs(text, [s for s, head in zip(segs, heads) if not head], body, dangling)
    if _quotes_in_single_marks(text, found, body):
        # double marks then hold quotes inside quotes (`'we were told "wait", so we did'`) or titles
        found = [q for q in found if not _inside(q, body)] + [q for q in body if not _inside(q, found)]
    else:
        cued = [q for q in body if _cued_single(text, q) and not _inside(q, found)]
        found = [q for q in found if not _inside(q, cued)] + cued
    found.sort(key=lambda q: q.start)
    return found


_DETECTED = "reader.quotes.detected"  # the key of `detected`'s result in Doc.user_data


def detected(view: TextView, doc: Doc | None = None) -> tuple[list[tuple[int, int]], list[RawQuote]]:
    """The view's paragraphs (`segments`) and quotations (`detect`), found once per view: the
    parse scope reads them before the parse and `find_and_attribute` after it. Kept in
    `doc.user_data` from one to the other (and taken out there), for this view's text only."""
    got = doc.user_data.pop(_DETECTED, None) if doc is not None else None
    if got is not None and got[0] is view.text:
        return got[1], got[2]
    segs = segments(view)
    return segs, detect(view, segs)


def keep_detected(doc: Doc, view: TextView) -> list[RawQuote]:
    """`detected(view)`, kept in `doc` for `find_and_attribute`."""
    segs, raw = detected(view)
    doc.user_data[_DETECTED] = (view.text, segs, raw)
    return raw


def find_and_attribute(doc: Doc, view: TextView, mentions: list[Mention]) -> list[QuoteSpan]:
    """Quoted strings of one parsed view, quotations with their speakers and quoted terms
    (kind TERM), in source coordinates."""
    segs, raw = detected(view, doc)
    if not raw:
        return []
    titles = [q for q in raw if names_something(view.text, q)]
    raw = [q for q in raw if not names_something(view.text, q)]
    found = attribution.attribute(doc, view, raw, mentions, segs)
    out: list[QuoteSpan] = []
    for q in titles:
        s, e = view.source_span(q.start, q.end)
        out.append(QuoteSpan(s, e, view.source[s:e], kind=TERM))
    for q, got in zip(raw, found):
        s, e = view.source_span(q.start, q.end)
        if not got.said:
            out.append(QuoteSpan(s, e, view.source[s:e], kind=TERM))
            continue
        cs, ce = view.source_span(*got.channel) if got.channel else (None, None)
        spk = got.speaker
        if spk is None:
            out.append(QuoteSpan(s, e, view.source[s:e], channel_start=cs, channel_end=ce))
            continue
        out.append(
            QuoteSpan(
                s,
                e,
                view.source[s:e],
                spk.name,
                spk.start,
                spk.end,
                spk.cue if spk.how in ("name", "role-name", "turn") else spk.how,
                QUOTE,
                round(spk.confidence, 3),
                spk.role_start,
                spk.role_end,
                cs,
                ce,
                # a document as written is an unnamed source, and so is a phrase as written owned by
                # a name ("Russia's foreign ministry": not Russia, though it starts at that mention)
                "DESC" if spk.kind == "DOC" or spk.how == "as-written" and _OWNED.search(spk.name) else spk.kind,
            )
        )
    out.sort(key=lambda x: (x.start, x.end))
    return out


def export_rows(quotes: Iterable[QuoteSpan]) -> list[dict]:
    """Quote rows in the gold schema of the evaluation data (used by scripts and `export`)."""
    return [
        {
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "speaker": q.speaker,
            "speaker_start": q.speaker_start,
            "speaker_end": q.speaker_end,
            "cue": q.cue,
        }
        for q in sorted(quotes, key=lambda q: (q.start, q.end))
    ]
