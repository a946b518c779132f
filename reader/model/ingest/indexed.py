"""A text file as the open index remembers it (reader/model/store/open_index.py): its articles,
titles, dates and blocks as loading computed them, and its text read only when first asked for.

A warm open of 100,000 files then reads none of their text: the list needs titles and dates,
the analysis cache keys need the analysed regions, and only the article on screen needs text.
"""

from __future__ import annotations

import hashlib
import json
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


MAGIC = b"RDC1"


def _le(a: array) -> bytes:
    if sys.byteorder != "little":
        a = array("i", a)
        a.byteswap()
    return a.tobytes()


def _from_le(data: bytes) -> array:
    a = array("i")
    a.frombytes(data)
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


class ChunkRecord:
    """Many files' entries (key, source, articles) as columns: a field of every article is one
    JSON list and the blocks of all of them two int32 arrays, so a warm open decodes one
    record per few hundred files instead of one each. An entry is taken as it is added (the
    corpus may rename an article later: the id read from the file is what is kept)."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.files: list[list] = []
        self.rows: list[list] = []
        self.blocks, self.lines = array("i"), array("i")

    def add(self, key: str, source: SourceFile, arts: list[Article]) -> None:
        self.keys.append(key)
        self.files.append([source.encoding, source.digest, source.size, len(arts)])
        for a in arts:
            packed = a.blocks if isinstance(a.blocks, PackedBlocks) else PackedBlocks.pack(a.blocks)
            self.blocks.extend(packed._b)
            self.lines.extend(packed._l)
            span = list(a.title_span) if a.title_span else None
            self.rows.append(
                [a.id, a.start, a.end, a.title, span, a.publisher, a.date, a.byline, a.url, a.story_index, len(packed)]
            )

    def __len__(self) -> int:
        return len(self.keys)

    def encoded(self) -> bytes:
        """MAGIC, the length of a JSON header (keys, files, article rows), the header, then the
        block and line arrays as little-endian int32 (no base64: a third of the record)."""
        head = json.dumps(
            {"k": self.keys, "f": self.files, "a": self.rows, "nb": len(self.blocks), "nl": len(self.lines)},
            separators=(",", ":"),
        ).encode("utf-8", "surrogateescape")
        return MAGIC + len(head).to_bytes(4, "little") + head + _le(self.blocks) + _le(self.lines)


def read_chunk(raw: bytes) -> dict:
    """The header of a ChunkRecord's bytes, with its arrays as "blocks" and "lines";
    ValueError/TypeError/KeyError when they are not that."""
    if raw[:4] != MAGIC:
        raise ValueError("not a chunk of the open index")
    end = 8 + int.from_bytes(raw[4:8], "little")
    rec = json.loads(raw[8:end])
    nb, nl = int(rec["nb"]), int(rec["nl"])
    if len(raw) != end + 4 * (nb + nl):
        raise ValueError("a chunk's arrays are not the length stated")
    rec["blocks"], rec["lines"] = _from_le(raw[end : end + 4 * nb]), _from_le(raw[end + 4 * nb :])
    return rec


def from_chunk(paths: Sequence[Path], rec: dict) -> list[tuple[IndexedSource, list[Article]]]:
    """The files of a chunk (`read_chunk`), `paths[i]` being the file of its i-th key;
    ValueError/TypeError/KeyError/IndexError when the record is not that shape."""
    files, rows = rec["f"], rec["a"]
    if len(files) != len(paths) or sum(int(f[3]) for f in files) != len(rows):
        raise ValueError("a chunk's files and articles do not add up")
    blocks, lines = rec["blocks"], rec["lines"]
    out, r, bi, li = [], 0, 0, 0
    for path, (encoding, digest, size, n) in zip(paths, files, strict=True):
        source = IndexedSource(path, str(encoding), str(digest), int(size))
        arts = []
        for aid, start, end, title, span, publisher, date, byline, url, story, nb in rows[r : r + n]:
            b = blocks[bi : bi + 5 * nb]
            nl = 2 * sum(b[4::5])
            arts.append(
                Article(  # positional: keywords cost a second at 100,000 articles
                    aid,
                    source,
                    start,
                    end,
                    title,
                    (span[0], span[1]) if span else None,
                    sys.intern(publisher) if publisher else publisher,
                    date,
                    byline,
                    url,
                    PackedBlocks(b, lines[li : li + nl]),  # type: ignore[arg-type]
                    story,
                )
            )
            bi, li = bi + 5 * nb, li + nl
        if not arts:
            raise ValueError("a file without articles")
        r += n
        out.append((source, arts))
    if bi != len(blocks) or li != len(lines):
        raise ValueError("a chunk's blocks do not add up")
    return out
