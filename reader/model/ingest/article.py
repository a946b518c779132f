"""Articles and their blocks, as spans of a decoded source file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# Block kinds. Only BODY, HEADLINE and CAPTION blocks are analysed; the rest are shown dimmed.
HEADLINE = "headline"
DATELINE = "dateline"
BYLINE = "byline"
CAPTION = "caption"
BODY = "body"
BOILERPLATE = "boilerplate"
ANALYSED_KINDS = frozenset({HEADLINE, CAPTION, BODY})


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the source: text[start:end], trimmed.

    `lines` are the trimmed source lines of the block; `reflow` says whether they were
    hard-wrapped (display joins them) or meant as separate lines (display keeps them).
    """

    start: int
    end: int
    kind: str
    lines: tuple[tuple[int, int], ...]
    reflow: bool


@dataclass(slots=True)
class SourceFile:
    path: Path
    text: str
    encoding: str
    digest: str  # sha256 of the file's bytes
    size: int  # bytes on disk
    # What the text came from: "text" for .txt/.md; other importers name their format and the
    # extractor (and its version) that turned the file into `text`, which every offset indexes.
    format: str = "text"
    extractor: str | None = None
    extractor_version: str | None = None
    text_digest: str | None = None  # sha256 of `text` when it was extracted, not read as it is

    @property
    def analysis_digest(self) -> str:
        """What analysis results are keyed by: the bytes for a text file, the extracted text else."""
        return self.text_digest or self.digest

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(slots=True)
class Article:
    id: str
    source: SourceFile
    start: int
    end: int
    title: str
    title_span: tuple[int, int] | None  # None when the title was derived, not a headline
    publisher: str | None = None
    date: str | None = None  # ISO 8601
    byline: str | None = None
    url: str | None = None
    blocks: list[Block] = field(default_factory=list)
    story_index: int | None = None  # position within a digest file, else None
    author: str | None = None  # the person(s) who wrote it, as a name ("Jane Roe"), not "By ..."
    locator: str | None = None  # where it sits in its source: a database's document number, a record
    # (offset, page number) pairs, sorted, for sources with pages (PDF): page_at() answers from them
    pages: tuple[tuple[int, int], ...] = ()
    summary_only: bool = False  # a feed entry that carried only a summary, not the article
    _words: int = field(default=-1, init=False, repr=False, compare=False)

    @property
    def path(self) -> str:
        return str(self.source.path)

    @property
    def text(self) -> str:
        return self.source.text

    def page_at(self, offset: int) -> int | None:
        """The page an offset of the source text falls on, when the source has pages."""
        page = None
        for start, number in self.pages:
            if start > offset:
                break
            page = number
        return page

    @property
    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind not in (HEADLINE,)]

    def analysed_regions(self) -> list[tuple[int, int]]:
        packed = getattr(self.blocks, "regions", None)  # ingest/indexed.py's PackedBlocks: no Block objects
        if packed is not None:
            return packed(ANALYSED_KINDS)
        return [(b.start, b.end) for b in self.blocks if b.kind in ANALYSED_KINDS]

    @property
    def format_label(self) -> str:
        """A short tag for lists: '' for plain text, else the format ('html', 'pdf p. 3', 'nexis')."""
        fmt = self.source.format
        if fmt == "text":
            return ""
        page = self.page_at(self.start)
        return f"{fmt} p. {page}" if page is not None else fmt

    @property
    def words(self) -> int:
        if self._words < 0:  # counted once: the status line asks on every open, even of a 50 MB article
            t = self.source.text
            self._words = sum(len(t[b.start : b.end].split()) for b in self.blocks if b.kind != BOILERPLATE)
        return self._words
