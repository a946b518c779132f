"""Quote verification: a quote as it stands in a draft, checked against the corpus.

Steps: the draft is read into words, marked cuts (`...`, `…`, `[...]`) and marked insertions
(`[his]`); a token index names the articles sharing its rarest words; in each, rapidfuzz's
`partial_ratio_alignment` finds the best window for every run of words between cuts (in order,
so a quote spanning two sentences, or one cut across paragraphs, is found whole); the passage's
words and the draft's are then aligned word by word (rapidfuzz Indel opcodes over words), and
each difference is marked or not. Words are compared by a key that ignores case, curly/straight
marks, punctuation, hyphens and line-end hyphenation ("cease-fire" = "ceasefire", "strate-\\ngic"
= "strategic"), and a run of words that differs only in spacing ("cease fire") counts as the same.

Verdicts: `exact` (every word as in the source), `faithful` (differences only where the draft
marks them: cuts and bracketed insertions), `altered` (a word added, dropped or changed without
a mark, or words reordered), `not-found` (no passage shares enough of its words).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from reader.model.ingest.article import ANALYSED_KINDS, Article
from reader.model.ingest.words import WORD as _WORD
from reader.model.ingest.words import word_key

EXACT, FAITHFUL, ALTERED, NOT_FOUND = "exact", "faithful", "altered", "not-found"
VERDICT_TEXT = {
    EXACT: "exact",
    FAITHFUL: "faithful, with marked cuts or insertions",
    ALTERED: "altered",
    NOT_FOUND: "not found",
}
MIN_MATCHED = 0.6  # share of the draft's own words that must match a passage for it to be "found"
_CANDIDATES = 12  # articles aligned per draft (ranked by the rare words they share with it)
_GAP_MAX = 4000  # characters a marked cut may skip between two runs of the draft's words
_RARE = 3  # the draft's rarest words (by how many articles have them) ...
_OCCURRENCES = 8  # ... and each one's first occurrences in an article anchor word windows

_MARKS = re.compile(r"\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|(?:\.\s*){2}\.|…|\[([^\]]*)\]")
_EDGE_QUOTES = "\"'“”‘’«»„‚‹› \t\r\n"


@dataclass(frozen=True, slots=True)
class DraftToken:
    kind: str  # "word", "cut" or "insert" (a word inside brackets)
    text: str


def parse_draft(draft: str) -> list[DraftToken]:
    """The draft's words, with `...`/`…`/`[...]` as cuts and `[words]` as marked insertions."""
    s = draft.strip(_EDGE_QUOTES)
    out: list[DraftToken] = []
    pos = 0
    for m in _MARKS.finditer(s):
        out += [DraftToken("word", w.group(0)) for w in _WORD.finditer(s, pos, m.start())]
        if m.group(1) is not None:
            out += [DraftToken("insert", w.group(0)) for w in _WORD.finditer(m.group(1))]
        elif not out or out[-1].kind != "cut":
            out.append(DraftToken("cut", "\u2026"))
        pos = m.end()
    out += [DraftToken("word", w.group(0)) for w in _WORD.finditer(s, pos)]
    return out


@dataclass(slots=True)
class Diff:
    """One step of the word alignment. `op`: same, cut (source words left out at a marked cut),
    inserted (bracketed draft words, alone or standing for source words), attribution (words
    between two quotations, "he said", left out), dropped / added / changed (unmarked); `start`/
    `end` the source span of the source words (None for added or inserted words)."""

    op: str
    source: str | None
    draft: str | None
    start: int | None
    end: int | None

    def to_json(self) -> dict:
        return {"op": self.op, "source": self.source, "draft": self.draft, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Match:
    article: Article
    start: int  # source offsets of the passage
    end: int
    diff: list[Diff]
    matched: float  # share of the draft's own words found in the passage, in order
    score: float  # rapidfuzz partial ratio of the draft's words against the passage's (0-100)

    @property
    def text(self) -> str:
        return self.article.text[self.start : self.end]

    @property
    def verdict(self) -> str:
        """This passage's verdict (a copy in another article may differ from the best match's)."""
        return _verdict(self.diff)


@dataclass(slots=True)
class Verification:
    draft: str
    verdict: str
    match: Match | None = None
    also_in: list[Match] = field(default_factory=list)  # the same passage in other articles

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(d.op for d in self.match.diff) if self.match else Counter()
        return {k: c.get(k, 0) for k in ("same", "cut", "inserted", "attribution", "dropped", "added", "changed")}


# -- the article side: words with source spans ----------------------------------------------------
@dataclass(slots=True)
class _Words:
    spans: list[tuple[int, int]]
    keys: list[str]
    joined: str  # keys joined by single spaces: the string rapidfuzz aligns against
    starts: list[int]  # where each key starts in `joined`


def _article_words(article: Article) -> _Words:
    spans: list[tuple[int, int]] = []
    keys: list[str] = []
    text = article.text
    for b in article.blocks:
        if b.kind not in ANALYSED_KINDS:
            continue
        for m in _WORD.finditer(text, b.start, b.end):
            spans.append(m.span())
            keys.append(word_key(m.group(0)))
    starts, pos = [], 0
    for k in keys:
        starts.append(pos)
        pos += len(k) + 1
    return _Words(spans, keys, " ".join(keys), starts)


class Verifier:
    """Checks drafts against a corpus; the token index and article words are built on first use."""

    def __init__(self, corpus) -> None:
        self.corpus = corpus
        self._postings: dict[str, list[int]] | None = None
        self._words: dict[int, _Words] = {}

    def _index(self) -> dict[str, list[int]]:
        if self._postings is None:
            postings: dict[str, list[int]] = {}
            for i, a in enumerate(self.corpus.articles):
                for k in set(self._words_of(i, a).keys):
                    postings.setdefault(k, []).append(i)
            self._postings = postings
        return self._postings

    def _words_of(self, i: int, article: Article) -> _Words:
        w = self._words.get(i)
        if w is None:
            w = self._words[i] = _article_words(article)
        return w

    def candidates(self, keys: list[str]) -> list[int]:
        """Articles sharing the draft's words, the rarer words weighing more (idf)."""
        index = self._index()
        n = max(1, len(self.corpus.articles))
        score: dict[int, float] = {}
        for k in set(keys):
            docs = index.get(k, ())
            if docs:
                idf = math.log(1 + n / len(docs))
                for d in docs:
                    score[d] = score.get(d, 0.0) + idf
        return sorted(score, key=lambda d: -score[d])[:_CANDIDATES]

    def verify(self, draft: str) -> Verification:
        tokens = parse_draft(draft)
        own = [t for t in tokens if t.kind == "word"]
        if not own:
            return Verification(draft, NOT_FOUND)
        keys = [word_key(t.text) for t in own]
        index = self._index()
        rare = sorted(set(keys), key=lambda k: (len(index.get(k, ())) or 10**9, -len(k)))[:_RARE]
        matches = []
        for i in self.candidates(keys):
            m = self._align(self.corpus.articles[i], self._words_of(i, self.corpus.articles[i]), tokens, rare)
            if m is not None and m.matched >= MIN_MATCHED:
                matches.append(m)
        if not matches:
            return Verification(draft, NOT_FOUND)
        best_key = max((m.matched, m.score) for m in matches)
        best = [m for m in matches if (m.matched, m.score) == best_key]
        # the same words in several articles (wire copies): the earliest dated one is the match
        best.sort(key=lambda m: (m.article.date is None, m.article.date or "", m.article.id))
        match = best[0]
        others = sorted((m for m in matches if m is not match), key=lambda m: (-m.matched, -m.score))
        return Verification(draft, _verdict(match.diff), match, [m for m in others if m.matched >= 0.95])

    def _align(self, article: Article, words: _Words, tokens: list[DraftToken], rare: list[str]) -> Match | None:
        from rapidfuzz import fuzz

        if not words.keys:
            return None
        runs: list[list[str]] = [[]]  # the draft's own words, split at its cuts
        for t in tokens:
            if t.kind == "cut":
                if runs[-1]:
                    runs.append([])
            elif t.kind == "word":
                runs[-1].append(word_key(t.text))
        runs = [r for r in runs if r]
        if not runs:
            return None
        joined = words.joined

        def place(run: list[str], lo: int, hi: int) -> tuple[int, int] | None:
            """Word indices [a, b] of the best window for `run` in joined[lo:hi]."""
            needle = " ".join(run)
            lo, hi = max(0, lo), min(len(joined), hi)
            if hi <= lo:
                return None
            al = fuzz.partial_ratio_alignment(needle, joined[lo:hi], score_cutoff=50)
            if al is None:
                return None
            a = max(0, bisect.bisect_right(words.starts, lo + al.dest_start) - 1)
            b = max(a, bisect.bisect_left(words.starts, lo + al.dest_end) - 1)
            return a, b

        n_own = sum(len(r) for r in runs)
        extra = 2 + n_own // 2  # the passage may be longer or shorter than the draft
        windows: set[tuple[int, int]] = set()
        # 1. the longest run anchors the passage; the others are placed before and after it, in order
        anchor = max(range(len(runs)), key=lambda r: len(" ".join(runs[r])))
        where = place(runs[anchor], 0, len(joined))
        if where is not None:
            first, last = where
            for r in range(anchor - 1, -1, -1):
                n = len(" ".join(runs[r]))
                got = place(runs[r], words.starts[first] - _GAP_MAX - 2 * n, words.starts[first])
                if got is not None:
                    first = got[0]
            for r in range(anchor + 1, len(runs)):
                n = len(" ".join(runs[r]))
                lo = words.starts[last] + len(words.keys[last]) + 1
                got = place(runs[r], lo, lo + _GAP_MAX + 2 * n)
                if got is not None:
                    last = got[1]
            windows.add((first - extra, last + extra))
        # 2. around each occurrence of the draft's rarest words (a character window can prefer a
        # place where the letters, not the words, agree)
        span = n_own + 2 * extra + (len(runs) - 1) * 40  # a marked cut may leave out a few sentences
        for k in rare:
            for p in [i for i, key in enumerate(words.keys) if key == k][:_OCCURRENCES]:
                windows.add((p - span, p + span))
        best: Match | None = None
        own = [word_key(t.text) for t in tokens if t.kind == "word"]
        for lo_w, hi_w in windows:
            m = self._match(article, words, tokens, own, max(0, lo_w), min(len(words.keys) - 1, hi_w))
            if m is not None and (best is None or (m.matched, m.score) > (best.matched, best.score)):
                best = m
        return best

    def _match(self, article, words, tokens, own, first: int, last: int) -> Match | None:
        from rapidfuzz import fuzz

        diff = _word_diff(words, first, last + 1, tokens)
        self._attribution_gaps(article, diff)
        spans = [(d.start, d.end) for d in diff if d.start is not None and d.end is not None]
        if not spans:
            return None
        same = sum(1 for d in diff if d.op == "same" for _ in (d.draft or "").split())
        passage = " ".join(word_key(article.text[s:e]) for s, e in spans)
        score = fuzz.ratio(" ".join(own), passage)
        return Match(article, spans[0][0], spans[-1][1], diff, min(1.0, same / len(own)), score)

    def _attribution_gaps(self, article: Article, diff: list[Diff]) -> None:
        """Source words the draft leaves out between two quotations ("We will win," he said.
        "We always do.") are the attribution, not the speaker's words: op "attribution"."""
        quotes = [(q.start, q.end) for q in self.corpus.quotes_in(article)]
        if len(quotes) < 2:
            return
        for i, d in enumerate(diff):
            if d.op != "dropped" or d.start is None or d.end is None or not 0 < i < len(diff) - 1:
                continue
            before = any(qs <= (diff[i - 1].end or -1) <= qe for qs, qe in quotes)
            after = any(qs <= (diff[i + 1].start or -1) <= qe for qs, qe in quotes)
            inside = any(qs < d.end and d.start < qe for qs, qe in quotes)
            if before and after and not inside:
                d.op = "attribution"


def _word_diff(words: _Words, a: int, b: int, tokens: list[DraftToken]) -> list[Diff]:
    """Source words [a, b) against the draft's tokens, each difference marked or not.

    The alignment is the longest common subsequence of words (rapidfuzz Indel), so a moved
    phrase shows as dropped in one place and added in another; the differences between two
    runs of equal words form one block. Source words before the first and after the last equal
    word are outside the passage (the search window was wider than the quote): left out.
    """
    from rapidfuzz.distance import Indel

    src = words.keys[a:b]
    dwords = [t for t in tokens if t.kind != "cut"]
    # bracketed words are keyed like any other: where they are the source's own words (the outlet
    # bracketed them too), nothing was changed
    dkeys = [word_key(t.text) for t in dwords]
    cut_before = [False] * (len(dwords) + 1)  # a cut precedes draft word j (j == len: at the end)
    j = 0
    for t in tokens:
        if t.kind == "cut":
            cut_before[j] = True
        else:
            j += 1

    def source_diff(op: str, i1: int, i2: int, draft: str | None = None) -> Diff:
        s, e = words.spans[a + i1][0], words.spans[a + i2 - 1][1]
        return Diff(op, " ".join(src[i1:i2]), draft, s, e)

    blocks: list[tuple[bool, int, int, int, int]] = []  # (equal, i1, i2, j1, j2), differences merged
    for op in Indel.opcodes(src, dkeys):
        equal = op.tag == "equal"
        if blocks and not equal and not blocks[-1][0]:
            _, i1, _, j1, _ = blocks[-1]
            blocks[-1] = (False, i1, op.src_end, j1, op.dest_end)
        else:
            blocks.append((equal, op.src_start, op.src_end, op.dest_start, op.dest_end))
    blocks = _slide(blocks, src, dkeys)
    # source words only, at an edge: outside the passage (the window was wider than the quote)
    while blocks and not blocks[0][0] and blocks[0][3] == blocks[0][4]:
        blocks.pop(0)
    while blocks and not blocks[-1][0] and blocks[-1][3] == blocks[-1][4]:
        blocks.pop()
    # a word or two matching by chance at an edge, far from the rest ("as" ... the passage), is
    # no part of the passage: fold it into the difference next to it
    far = max(4, len(dkeys) // 2)  # source words between a stray word or two and the rest
    folded_head = folded_tail = False
    while len(blocks) > 2 and blocks[0][0] and blocks[0][2] - blocks[0][1] <= 2 and blocks[1][2] - blocks[1][1] >= far:
        blocks[:2] = [(False, blocks[0][1], blocks[1][2], blocks[0][3], blocks[1][4])]
        folded_head = True
    while (
        len(blocks) > 2
        and blocks[-1][0]
        and blocks[-1][2] - blocks[-1][1] <= 2
        and blocks[-2][2] - blocks[-2][1] >= far
    ):
        blocks[-2:] = [(False, blocks[-2][1], blocks[-1][2], blocks[-2][3], blocks[-1][4])]
        folded_tail = True
    # a difference at an edge: the draft's words there stand for as many source words next to
    # the passage (a changed first or last word), or for none when a stray match was folded
    if blocks and not blocks[0][0]:
        _, i1, i2, j1, j2 = blocks[0]
        blocks[0] = (False, i2 if folded_head else max(i1, i2 - (j2 - j1)), i2, j1, j2)
    if blocks and not blocks[-1][0]:
        _, i1, i2, j1, j2 = blocks[-1]
        blocks[-1] = (False, i1, i1 if folded_tail else min(i2, i1 + (j2 - j1)), j1, j2)
    out: list[Diff] = []
    for equal, i1, i2, j1, j2 in blocks:
        drafted = dwords[j1:j2]
        dtext = " ".join(t.text for t in drafted) or None
        if equal:
            out += [source_diff("same", i1 + k, i1 + k + 1, drafted[k].text) for k in range(i2 - i1)]
        elif i1 == i2:
            marked = all(t.kind == "insert" for t in drafted)
            out.append(Diff("inserted" if marked else "added", None, dtext, None, None))
        elif j1 == j2:
            out.append(source_diff("cut" if cut_before[j1] else "dropped", i1, i2))
        elif "".join(src[i1:i2]) == "".join(dkeys[j1:j2]):  # "cease fire" / "ceasefire"
            out.append(source_diff("same", i1, i2, dtext))
        elif all(t.kind == "insert" for t in drafted):  # "[he]" for "Kovalenko": a marked change
            out.append(source_diff("inserted", i1, i2, dtext))
        else:
            out.append(source_diff("changed", i1, i2, dtext))
    return out


def _slide(blocks: list, src: list[str], dkeys: list[str]) -> list:
    """Where a word could match in two places (the "the" of "to the town. The advancing"), put
    the match next to the longer run of equal words, as a reader would: a one-sided difference
    between two equal runs slides left while its last word equals the last word before it."""
    bl = [list(b) for b in blocks]
    for n in range(1, len(bl) - 1):
        left, mid, right = bl[n - 1], bl[n], bl[n + 1]
        if mid[0] or not (left[0] and right[0]) or (mid[1] != mid[2] and mid[3] != mid[4]):
            continue
        while left[2] > left[1] and left[2] - left[1] <= right[2] - right[1]:
            last = src[mid[2] - 1] if mid[3] == mid[4] else dkeys[mid[4] - 1]
            if last != src[left[2] - 1]:
                break
            left[2] -= 1
            left[4] -= 1
            for k in (1, 2, 3, 4):
                mid[k] -= 1
            right[1] -= 1
            right[3] -= 1
    merged: list[tuple] = []
    for b in bl:
        if b[0] and b[1] == b[2]:
            continue  # an equal run slid away entirely
        if merged and not b[0] and not merged[-1][0]:
            merged[-1] = (False, merged[-1][1], b[2], merged[-1][3], b[4])
        else:
            merged.append(tuple(b))
    return merged


def _verdict(diff: list[Diff]) -> str:
    ops = {d.op for d in diff}
    if ops & {"dropped", "added", "changed"}:
        return ALTERED
    if ops & {"cut", "inserted", "attribution"}:
        return FAITHFUL
    return EXACT


def verify(corpus, draft: str) -> Verification:
    return Verifier(corpus).verify(draft)
