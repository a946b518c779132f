"""A text file as the open index remembers it (reader/model/store/open_index.py): its articles,
titles, dates and blocks as loading computed them, and its text read only when first asked for.

A warm open of 100,000 files then reads none of their text: the list needs titles and dates,
the analysis cache keys need the analysed regions, and only the article on screen needs text.
"""

from __future__ import annotations

import base64
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
    """An article's blocks as int arrays: per block start, end, kind, reflow and number of
    lines (five ints), and apart the lines' (start, end). Block objects are made only when
    read: 100,000 articles of 20 blocks would otherwise be two million objects."""

    __slots__ = ("_b", "_l")

    def __init__(self, blocks: array, lines: array) -> None:
        if len(blocks) % 5 or sum(blocks[4::5]) * 2 != len(lines):
            raise ValueError("block arrays do not fit together")
        self._b, self._l = blocks, lines

    @classmethod
    def pack(cls, blocks: Sequence[Block]) -> PackedBlocks:
        b, ln = array("i"), array("i")
        for x in blocks:
            b.extend((x.start, x.end, _KIND_NO[x.kind], int(x.reflow), len(x.lines)))
            for s, e in x.lines:
                ln.extend((s, e))
        return cls(b, ln)

    def encoded(self) -> tuple[str, str]:
        """Both arrays as base64 of little-endian int32 (a record parses them as two strings)."""
        return _b64(self._b), _b64(self._l)

    @classmethod
    def decode(cls, blocks: str, lines: str) -> PackedBlocks:
        return cls(_array(blocks), _array(lines))

    def __iter__(self) -> Iterator[Block]:
        b, ln, j = self._b, self._l, 0
        for i in range(0, len(b), 5):
            k = 2 * b[i + 4]
            lines = tuple(zip(ln[j : j + k : 2], ln[j + 1 : j + k : 2], strict=True))
            j += k
            yield Block(b[i], b[i + 1], KINDS[b[i + 2]], lines, bool(b[i + 3]))

    def __len__(self) -> int:
        return len(self._b) // 5

    def __getitem__(self, i):  # type: ignore[override]
        return list(self)[i]

    def __eq__(self, other) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def regions(self, kinds: frozenset[str]) -> list[tuple[int, int]]:
        """(start, end) of the blocks of these kinds, without making Block objects."""
        wanted = {_KIND_NO[k] for k in kinds}
        b = self._b
        return [(s, e) for s, e, k in zip(b[0::5], b[1::5], b[2::5], strict=True) if k in wanted]


def _b64(a: array) -> str:
    if sys.byteorder != "little":
        a = array("i", a)
        a.byteswap()
    return base64.b64encode(a.tobytes()).decode("ascii")


def _array(text: str) -> array:
    a = array("i")
    a.frombytes(base64.b64decode(text, validate=True))  # ValueError when not whole int32s
    if sys.byteorder != "little":
        a.byteswap()
    return a


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
                *PackedBlocks.pack(a.blocks).encoded(),
            ]
            for a in arts
        ],
    }


def from_record(path: Path, rec: dict) -> tuple[IndexedSource, list[Article]]:
    """The file and its articles from a record of `to_record`; ValueError/TypeError/KeyError
    when the record is not that shape."""
    source = IndexedSource(path, str(rec["e"]), str(rec["d"]), int(rec["s"]))
    arts = []
    for aid, start, end, title, span, publisher, date, byline, url, story, blocks, lines in rec["a"]:
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
                blocks=PackedBlocks.decode(blocks, lines),  # type: ignore[arg-type]
                story_index=story,
            )
        )
    if not arts:
        raise ValueError("no articles")
    return source, arts
