"""The palette's verify mode: `!` then a quote as it stands in a draft (issue 17).

The app owns one `QuoteChecker`, which keeps one `Verifier` (reader/model/search/verify.py) per
corpus: the Verifier caches a token index and every article's words, so it is reused until more
files arrive. Verification runs in one worker thread of its own, never on the event loop: typing
waits a moment before a draft is checked, a draft still queued when a newer one arrives is
skipped, and one check never runs beside another (the machine has two cores; a Verifier is not
built for concurrent use). The hits (verdict, passage, speaker, where, the word diff) are built
in that thread as plain data and turned into display-safe Content on the loop.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from textual.content import Content, Span

from reader.model.outputs.display import display_line
from reader.ui.safe import join, safe_line

SIGIL = "!"
PAUSE_S = 0.3  # typing pause before a draft is checked: a check may take a good part of a second
MIN_WORDS = 3  # fewer words match too much to tell anything
MAX_HITS = 8  # the best passage and the wire copies carrying the same words
VERDICT_STYLE = {
    "exact": "bold $success",
    "faithful": "bold $accent",
    "altered": "bold $warning",
    "not-found": "bold $error",
}
VERDICT_TAG = {"exact": "exact", "faithful": "faithful", "altered": "altered", "not-found": "not found"}
EDGE_QUOTES = "\"'“”‘’«»„‚‹› \t"
HINT = "Type or paste a quote from your draft (… or [...] marks a cut, [words] an insertion)"


def verify_query(query: str) -> str | None:
    """The draft when `query` is in verify mode (`!` first), else None."""
    s = query.lstrip()
    return s[1:].strip() if s.startswith(SIGIL) else None


@dataclass(slots=True)
class Checked:
    """One passage a draft was checked against, as the palette shows it (plain data)."""

    verdict: str
    article_id: str
    start: int
    end: int
    passage: str  # the source words, whitespace folded (untrusted: shown through reader.ui.safe)
    speaker: str | None
    in_quote: bool
    analysed: bool  # the passage's file is analysed (else who said it is not known yet)
    where: str  # title · publisher · date
    diff: list[str] = field(default_factory=list)  # compact differences, in order ("−the", "a→b")
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Checks:
    draft: str
    words: int  # the draft's own words
    passages: list[Checked]  # the best first; [] when not found


def _diff_texts(m) -> tuple[list[str], dict[str, int]]:
    """The differences of a match as short phrases, with the source's own words."""
    text = m.article.text
    out: list[str] = []
    counts: dict[str, int] = {}
    for d in m.diff:
        if d.op == "same":
            continue
        counts[d.op] = counts.get(d.op, 0) + 1
        src = " ".join(text[d.start : d.end].split()) if d.start is not None and d.end is not None else ""
        if d.op == "cut":
            out.append(f"…({len(src.split())} words cut)")
        elif d.op == "attribution":
            out.append("(attribution left out)")
        elif d.op == "inserted":
            out.append(f"[{d.draft}] for “{src}”" if src else f"[{d.draft}]")
        elif d.op == "dropped":
            out.append(f"−“{src}”")
        elif d.op == "added":
            out.append(f"+“{d.draft}”")
        else:  # changed
            out.append(f"“{src}”→“{d.draft}”")
    return out, counts


def check(corpus, verifier, draft: str) -> Checks:
    """In the worker thread: verify `draft` and describe each passage found."""
    from reader.model.outputs.records import passage_record
    from reader.model.search.verify import parse_draft

    words = sum(1 for t in parse_draft(draft) if t.kind == "word")
    if words < MIN_WORDS:
        return Checks(draft, words, [])
    v = verifier.verify(draft)
    out = []
    for m in ([v.match] + v.also_in)[:MAX_HITS] if v.match is not None else []:
        rec = passage_record(corpus, m)
        diff, counts = _diff_texts(m)
        out.append(
            Checked(
                m.verdict,
                m.article.id,
                m.start,
                m.end,
                " ".join(m.text.split()),
                rec["speaker"],
                rec["in_quote"],
                corpus.file_index(m.article) in corpus.analyses,
                " · ".join(x for x in (rec["title"], rec["publisher"], rec["date"]) if x),
                diff,
                counts,
            )
        )
    return Checks(draft, words, out)


class QuoteChecker:
    """The app's one Verifier, run in a thread of its own (see the module docstring)."""

    def __init__(self, corpus) -> None:
        self.corpus = corpus
        self.verifier = None
        self._articles = -1  # len(corpus.articles) the verifier was made for
        self._executor: ThreadPoolExecutor | None = None
        self._latest: str | None = None

    def _verifier(self):
        n = len(self.corpus.articles)
        if self.verifier is None or n != self._articles:  # more files were read: a new index
            from reader.model.search.verify import Verifier

            self.verifier, self._articles = Verifier(self.corpus), n
        return self.verifier

    def _run(self, draft: str) -> Checks | None:
        if draft != self._latest:
            return None  # a newer draft is waiting: skip this one
        return check(self.corpus, self._verifier(), draft)

    async def check(self, draft: str) -> Checks | None:
        """The checks of `draft`, or None when a newer draft replaced it. Cancelled (the palette
        does that on every keystroke) during the pause, nothing runs."""
        self._latest = draft
        await asyncio.sleep(PAUSE_S)
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader-verify")
        return await asyncio.get_running_loop().run_in_executor(self._executor, self._run, draft)

    def close(self) -> None:
        self._latest = None  # queued drafts are skipped
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


# -- display: Content only --------------------------------------------------------------------
def _tag(verdict: str) -> Content:
    tag = VERDICT_TAG[verdict]
    return Content(f"{tag:<10}", [Span(0, len(tag), VERDICT_STYLE[verdict])])


def hit_label(c: Checked, width: int) -> Content:
    """The verdict, then the passage in quotation marks (truncated to the palette's width)."""
    passage = join("“", safe_line(c.passage), "”")
    return join(_tag(c.verdict), passage.truncate(max(10, width - 10), ellipsis=True))


def who_text(c: Checked) -> str:
    if c.speaker:
        return f"said by {c.speaker}"
    if not c.analysed:
        return "who said it: known when analysis finishes"
    return "speaker unknown" if c.in_quote else "not inside a quotation in the source"


def hit_help(c: Checked, width: int, copies: int = 0) -> Content:
    """Who said it, the word diff (in full when it leaves room for the place, else its counts),
    then where; cut to the palette's width, the place last, so the diff stays in sight."""
    parts = [who_text(c)]
    if c.diff:
        full = "diff: " + "  ".join(c.diff)
        room = width - len(display_line(parts[0])) - 3 - 24  # keep a glimpse of the title
        parts.append(
            full if len(display_line(full)) <= room else "diff: " + ", ".join(f"{n} {op}" for op, n in c.counts.items())
        )
    parts.append(c.where or "untitled")
    if copies:
        parts.append(f"earliest of {copies + 1} with these words")
    return safe_line(" · ".join(parts), "dim").truncate(max(10, width), ellipsis=True)


def not_found_label(draft: str, width: int) -> Content:
    words = draft.strip(EDGE_QUOTES)  # the draft's own quotation marks: ours go round it
    return join(_tag("not-found"), join("“", safe_line(words), "”").truncate(max(10, width - 10), ellipsis=True))


def hint_label() -> Content:
    return Content.styled(HINT, "dim italic")


def not_found_help(words: int) -> Content:
    from reader.model.search.verify import MIN_MATCHED

    return Content.styled(f"no passage in the corpus has {MIN_MATCHED:.0%} of these {words} words in order", "dim")
