"""Quotation marks: their shapes and what may stand beside them, and the pairing of single marks
(a headline's, or the body's in copy that quotes with them: `‘We will win,’ she said.`), so that
apostrophes (`Don't`, `the players’`, `rock ’n’ roll`, `the ’90s`) never open or close a quote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.model.analysis.quote_layout import RawQuote
from reader.model.analysis.quoted_names import WORD

OPEN, CLOSE, EITHER = 1, 2, 3

# Double marks and how they lean when their surroundings say nothing.
DOUBLE_MARKS = {
    '"': EITHER,
    "\u201c": OPEN,
    "\u201d": CLOSE,
    "\u201e": OPEN,
    "\u00ab": OPEN,
    "\u00bb": CLOSE,
    "\u201f": OPEN,
    "\uff02": EITHER,
}
SINGLE_OPENERS = "'\u2018\u2039"
SINGLE_CLOSERS = "'\u2019\u203a"
ALL_MARKS = set(DOUBLE_MARKS) | set(SINGLE_OPENERS) | set(SINGLE_CLOSERS)
# What may stand before an opening mark / after a closing mark.
BEFORE_OPEN = set("([{\u2014\u2013-/:;,") | ALL_MARKS
AFTER_CLOSE = set(".,;:!?)]}\u2014\u2013-/\u2026*") | ALL_MARKS


def last_stop(text: str, a: int, b: int) -> int:
    """End of the last sentence in text[a:b] (after . ! ?), else b: where an unclosed quote stops."""
    for j in range(b - 1, a, -1):
        if text[j] in ".!?" and (j + 1 >= b or text[j + 1].isspace()):
            return j + 1
    return b


def pair_single(
    text: str, lo: int, hi: int, headline: bool = False, dangling: list[int] | None = None
) -> list[RawQuote]:
    """Single-mark quotes in text[lo:hi]: in a headline, or in the body of an article that
    quotes with single marks (`‘We will win,’ she said.`).

    The opener must be ‘ or ' after a space and before a letter; the closer ’ or ' after a
    non-space and before a space or punctuation: so `Azerbaijan’s`, `’90s`, `rock ’n’ roll` and
    `Don't` never pair. An opener that finds no closer in the paragraph is added to `dangling`.
    """
    out: list[RawQuote] = []
    i = lo
    while i < hi:
        at = _SINGLE_OPENER.search(text, i, hi)  # (the characters between open nothing)
        if at is None:
            break
        i = at.start()
        prev = text[i - 1] if i > lo else " "
        first = text[i + 1] if i + 1 < hi else " "
        # in the body an opener stands before a letter: `the '90s` is an elision there
        if (prev.isspace() or prev in BEFORE_OPEN) and (first.isalnum() if headline else opens_words(text, i + 1, hi)):
            for close in _SINGLE_CLOSER.finditer(text, i + 2, hi):
                j = close.start()
                nxt = text[j + 1] if j + 1 < hi else " "
                if text[j] == "\u2018" and text[j - 1] not in ",.!?":
                    continue  # (an opener's shape closes only when typed after the words' punctuation)
                if not text[j - 1].isspace() and (nxt.isspace() or nxt in AFTER_CLOSE):
                    if _plural_possessive(text, i, j, hi) or _elided_letter(text, i, j):
                        continue
                    whole = i == lo and all(not ch.isalnum() for ch in text[j + 1 : hi])
                    # a whole-line quote is a section title; after "with", "of", "the" a name
                    named = WORD.findall(text[lo:i].lower())[-1:] in ([w] for w in _NAMED_AFTER)
                    if j - i - 1 >= 3 and not (headline and (whole or named)):
                        out.append(RawQuote(i + 1, j, i, j, headline=headline))
                    i = j
                    break
            else:
                if dangling is not None:
                    dangling.append(i)
                if (
                    not headline
                    and text[i] == "\u2018"
                    and text[max(lo, i - 2) : i] in (", ", ": ")
                    and hi - i < 1200  # (a paragraph's length: not all of an article run onto one line)
                ):
                    # `X said, ‘The museum ... did not choose them.` and the paragraph ends: a quote
                    # whose closing mark was lost, up to its last full stop (as with double marks)
                    end = last_stop(text, i + 1, hi)
                    if text[end - 1 : end] in ".!?" and len(text[i + 1 : end].split()) >= 4:
                        out.append(RawQuote(i + 1, end, i, None))
                    break
        i += 1
    return out


_SINGLE_OPENER = re.compile("['\u2018]")
_SINGLE_CLOSER = re.compile("['\u2018\u2019]")  # (an opener's shape typed as a closer: see pair_single)
# A decade or year elided after a mark ("the '90s", "in '08"): no quote opens there.
_ELIDED_YEAR = re.compile(r"\d\ds?\b")
# What may open the words of a single-mark quote in the body before its first letter: an ellipsis,
# a bracketed insertion, a nested quote's mark ("'... These thefts', '[He] liked', '“Counter” is').
_LEAD_IN = re.compile('(?:\\.\\.\\.|\u2026|\\[|["\u201c])\\s?(?=[^\\W\\d_])')


def opens_words(text: str, k: int, hi: int) -> bool:
    """text[k:] can be the first words of a quote in single marks in the body: a letter, a figure
    that is no elided year ("'2,300 patients'", not "the '90s"), or a lead-in before a letter."""
    c = text[k] if k < hi else " "
    if c.isalpha():
        return True
    if c.isdigit():
        return _ELIDED_YEAR.match(text, k, hi) is None
    return _LEAD_IN.match(text, k, hi) is not None


def _elided_letter(text: str, i: int, j: int) -> bool:
    """The mark at j closes a letter elided in marks inside the quote opened at i ("'Rock 'n'
    roll saved me,' he said"), not the quote."""
    return j - 2 > i and text[j - 1].isalpha() and text[j - 2] in "'\u2018\u2019" and text[j - 3].isspace()


def _plural_possessive(text: str, i: int, j: int, hi: int) -> bool:
    """The mark at j in `‘We saw the Smiths’ fence,’ she said` is a plural's apostrophe, not the
    closer of the clause opened at i: `s’` before a word, and the clause closes later after its
    punctuation with no other quote opened between."""
    if text[j - 1] not in "sS" or not text[j + 1 : j + 3].strip()[:1].isalpha() or not text[i + 1].isupper():
        return False
    for k in range(j + 2, hi):
        c = text[k]
        if c in "'\u2018" and text[k - 1].isspace() and text[k + 1 : k + 2].isalpha():
            return False  # another quote opens first
        if (
            c in "'\u2019"
            and text[k - 1] in ",.!?"
            and (k + 1 >= hi or text[k + 1].isspace() or text[k + 1] in AFTER_CLOSE)
        ):
            return True
    return False


def over_paragraphs(
    text: str, segs: list[tuple[int, int]], body: list[RawQuote], dangling: Sequence[int] = ()
) -> list[RawQuote]:
    """Single-mark quotes over paragraphs: a paragraph that opens with a single mark and never
    closes it, the next ones re-opening, is one quote up to where a re-opened paragraph closes it
    (`‘First part.` / `‘Second part,’ she said.`), as `pair_double` joins double-mark ones. The
    first paragraph may open the quote after its own words (`X said: ‘First part.`, an opener
    in `dangling` that starts a clause and whose words end a sentence at the paragraph's end)."""
    by_open = {q.open_mark: q for q in body}

    def reopens(k: int) -> bool:
        lo, hi = segs[k]
        return text[lo] in "'\u2018" and opens_words(text, lo + 1, hi)

    def opens_in(k: int) -> int | None:
        lo, hi = segs[k]
        for i in dangling:
            if lo < i < hi:
                words = text[i + 1 : hi].rstrip()
                if text[lo:i].rstrip()[-1:] in (":", ",", ".", "!", "?") and words[-1:] in ".!?\u2026":
                    return i if len(words.split()) >= 3 else None
        return None

    out: list[RawQuote] = []
    k = 0
    while k < len(segs):
        start = opens_in(k)
        m = k + 1 if start is not None else k
        start = segs[k][0] if start is None else start
        while m < len(segs) and reopens(m) and segs[m][0] not in by_open:
            m += 1  # paragraphs that open the quote and leave it open
        if m > k and m < len(segs) and reopens(m):
            last = by_open.pop(segs[m][0])
            by_open.pop(start, None)  # (a quote whose closing mark was lost, to its last full stop)
            out.append(RawQuote(start + 1, last.end, start, last.close_mark))
            k = m + 1
        else:
            k = max(m, k + 1)
    return sorted([*by_open.values(), *out], key=lambda q: q.start)


# Words after which a quoted headline phrase is a name, not speech ("An interview with 'X'").
_NAMED_AFTER = frozenset("with of the a an about for from on in at by to as".split())
