"""A text file as the open index remembers it (reader/model/store/open_index.py): its articles,
titles, dates and blocks as loading computed them, and its text read only when first asked for.

A warm open of 100,000 files then reads none of their text: the list needs titles and dates,
the analysis cache keys need the analysed regions, and only the article on screen needs text.
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path

from reader.model.ingest.article import (
    BODY,
    BOILERPLATE,
    BYLINE,
    CAPTION,
    DATELINE,
    HEADLINE,
    Article,
    Block,
    SourceFile,
)
from reader.model.ingest.decode import DecodeError, decode_bytes
from reader.model.ingest.files import read_bytes

KINDS = (HEADLINE, DATELINE, BYLINE, CAPTION, BODY, BOILERPLATE)
_KIND_NO = {k: i for i, k in enumerate(KINDS)}


class IndexedSource(SourceFile):
    """A SourceFile whose text is read (and checked against its digest) on first use."""

    __slots__ = ("_text", "changed")

    def __init__(self, path: Path, encoding: str, digest: str, size: int) -> None:
        self._text: str | None = None
        self.changed = False  # the bytes on disk are no longer the ones indexed (see `text`)
        SourceFile.__init__(self, path, None, encoding, digest, size)  # type: ignore[arg-type]

    @property  # type: ignore[override]
    def text(self) -> str:
        t = self._text
        if t is None:
            t = self._text = self._read()
        return t

    @text.setter
    def text(self, value: str | None) -> None:
        self._text = value

    def _read(self) -> str:
        """The text the articles' offsets index. A file changed or gone since the open still
        gives text (what is there now, else nothing), flagged `changed`: never an exception."""
        try:
            data = read_bytes(self.path)
        except (OSError, DecodeError):
            self.changed = True
            return ""
        if hashlib.sha256(data).hexdigest() != self.digest:
            self.changed = True
        try:
            return decode_bytes(data).text
        except DecodeError:
            self.changed = True
            return ""


class PackedBlocks(Sequence[Block]):
    """An article's blocks as one int array, per block: start, end, kind, reflow, number of
    lines, then each line's start and end. Block objects are made only when read: 100,000
    articles of 20 blocks would otherwise be two million objects."""

    __slots__ = ("_a",)

    def __init__(self, data: array) -> None:
        self._a = data

    @classmethod
    def pack(cls, blocks: Sequence[Block]) -> PackedBlocks:
        a = array("i")
        for b in blocks:
            a.extend((b.start, b.end, _KIND_NO[b.kind], int(b.reflow), len(b.lines)))
            for s, e in b.lines:
                a.extend((s, e))
        return cls(a)

    def ints(self) -> list[int]:
        return self._a.tolist()

    def __iter__(self) -> Iterator[Block]:
        a, i, n = self._a, 0, len(self._a)
        while i < n:
            k = a[i + 4]
            lines = tuple((a[j], a[j + 1]) for j in range(i + 5, i + 5 + 2 * k, 2))
            yield Block(a[i], a[i + 1], KINDS[a[i + 2]], lines, bool(a[i + 3]))
            i += 5 + 2 * k

    def __len__(self) -> int:
        a, i, count = self._a, 0, 0
        while i < len(a):
            i += 5 + 2 * a[i + 4]
            count += 1
        return count

    def __getitem__(self, i):  # type: ignore[override]
        return list(self)[i]

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def regions(self, kinds: frozenset[str]) -> list[tuple[int, int]]:
        """(start, end) of the blocks of these kinds, without making Block objects."""
        wanted = {_KIND_NO[k] for k in kinds}
        a, i, out = self._a, 0, []
        while i < len(a):
            if a[i + 2] in wanted:
                out.append((a[i], a[i + 1]))
            i += 5 + 2 * a[i + 4]
        return out


def indexable(source: SourceFile, arts: list[Article]) -> bool:
    """What the index can give back whole: a plain text file's articles with the fields the
    text rules set (imported formats, pages and locators are read as before)."""
    return (
        type(source) is SourceFile
        and source.format == "text"
        and bool(arts)
        and all(a.author is None and a.locator is None and not a.pages and not a.summary_only for a in arts)
    )


def to_record(source: SourceFile, arts: list[Article]) -> dict:
    return {
        "e": source.encoding,
        "d": source.digest,
        "s": source.size,
        "a": [
            [
                a.id,
                a.start,
                a.end,
                a.title,
                list(a.title_span) if a.title_span else None,
                a.publisher,
                a.date,
                a.byline,
                a.url,
                a.story_index,
                PackedBlocks.pack(a.blocks).ints(),
            ]
            for a in arts
        ],
    }


def from_record(path: Path, rec: dict) -> tuple[IndexedSource, list[Article]]:
    """The file and its articles from a record of `to_record`; ValueError/TypeError/KeyError
    when the record is not that shape."""
    source = IndexedSource(path, str(rec["e"]), str(rec["d"]), int(rec["s"]))
    arts = []
    for aid, start, end, title, span, publisher, date, byline, url, story, blocks in rec["a"]:
        arts.append(
            Article(
                id=aid,
                source=source,
                start=start,
                end=end,
                title=title,
                title_span=(span[0], span[1]) if span else None,
                publisher=sys.intern(publisher) if publisher else publisher,
                date=date,
                byline=byline,
                url=url,
                blocks=PackedBlocks(array("i", blocks)),  # type: ignore[arg-type]
                story_index=story,
            )
        )
    if not arts:
        raise ValueError("no articles")
    return source, arts
