"""Clippings: quotes, entity mentions and selections a reader gathered from one corpus, in their order.

Each item keeps its exact source span (offsets into the article's source file, as every offset
in reader), the text there, who said it or which entity it names, and its citation, plus a
copy of the article's metadata so an export never needs the analysis again. The collection is
one JSON file per corpus in the user state dir (`Corpus.key`), read and written through
JsonFile: a damaged file is set aside with a notice and the collection starts empty.
The app (`y`, `Y`, and copying without a system clipboard) and `reader clip` share it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path

from reader.model.outputs.citation_styles import format_reference
from reader.model.outputs.corpus_citations import quote_holding, quote_speaker
from reader.model.outputs.reference import Reference, make_reference, page_range
from reader.model.store.jsonfile import JsonFile

FORMAT = "reader-clippings"
VERSION = 1
KINDS = ("quote", "mention", "selection")


@dataclass(slots=True)
class Clipping:
    kind: str  # one of KINDS
    article: str  # article id
    path: str  # its source file; start/end are offsets into that file's decoded text
    start: int
    end: int
    text: str  # source text[start:end], exactly
    title: str = ""
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    speaker: str | None = None  # who said it (a quote, or words inside one)
    entity: str | None = None  # the entity a mention names
    note: str = ""
    created: str = ""  # ISO 8601, UTC
    citation: str = ""  # plain style, as `c` copies it
    # provenance for machine-readable citations (absent from clippings saved before they existed)
    byline: str | None = None
    author: str | None = None
    page: str = ""  # the source's page(s) of the span: "3", "3–4"
    locator: str | None = None  # a database's document number
    quoted: bool = False  # the words are (inside) a quotation: no speaker means "speaker unknown"

    @property
    def who(self) -> str:
        """The entity for a mention, else the speaker; '' when neither is known."""
        return (self.entity if self.kind == "mention" else self.speaker) or ""

    def excerpt(self, width: int = 70) -> str:
        """The text on one line, cut to `width` characters with an ellipsis."""
        one = " ".join(self.text.split())
        return one if len(one) <= width else one[: width - 1].rstrip() + "\u2026"

    def reference(self) -> Reference:
        """This clipping as a citation's Reference (accessed: the day it was clipped)."""
        return make_reference(
            self.text,
            self.speaker,
            self.title,
            self.publisher,
            self.date,
            self.url,
            author=self.author,
            byline=self.byline,
            page=self.page,
            locator=self.locator,
            accessed=self.created[:10] or None,
            speaker_unknown=self.quoted,
            note=self.note,
        )

    def problem(self, corpus) -> str | None:
        """Why this clipping no longer points at its text in `corpus` (file changed or not open), else None."""
        art = corpus.article(self.article)
        if art is None:
            return f"its article {self.article} is not in this corpus (the file changed or was not opened)"
        if art.text[self.start : self.end] != self.text:
            return f"the text of {Path(self.path).name} changed since it was clipped"
        return None

    def same_span(self, other: Clipping) -> bool:
        return (self.article, self.start, self.end) == (other.article, other.start, other.end)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Clipping:
        """Raises TypeError/ValueError/KeyError when `data` is not a clipping."""
        known = {f.name for f in fields(cls)}
        item = cls(**{k: v for k, v in data.items() if k in known})
        if item.kind not in KINDS or not isinstance(item.text, str) or not isinstance(item.article, str):
            raise ValueError("not a clipping")
        item.start, item.end = int(item.start), int(item.end)
        if not 0 <= item.start < item.end:
            raise ValueError("bad span")
        return item


def clip_span(corpus, article, start: int, end: int, note: str = "") -> Clipping:
    """A clipping of article source text [start, end).

    Its kind follows the span: exactly a quote is a quote (with its speaker), exactly an entity
    mention is a mention (with the entity's name), anything else a selection (credited to the
    speaker of the quote holding it, if any). Raises ValueError when the span is not inside
    the article.
    """
    if not (article.start <= start < end <= article.end):
        raise ValueError(
            f"{start}-{end} is not a span of article {article.id} (its text is at {article.start}-{article.end})"
        )
    kind, speaker, entity = "selection", None, None
    quote = next((q for q in corpus.quotes_in(article) if (q.start, q.end) == (start, end)), None)
    mention = next((ent for s, e, ent in corpus.mentions_in(article) if (s, e) == (start, end)), None)
    holder = quote or quote_holding(corpus, article, start, end)
    if holder is not None:
        speaker = quote_speaker(corpus, article, holder)
    if quote is not None:
        kind = "quote"
    elif mention is not None:
        kind, entity = "mention", mention.name
    text = article.text[start:end]
    item = Clipping(
        kind,
        article.id,
        article.path,
        start,
        end,
        text,
        article.title,
        article.publisher,
        article.date,
        article.url,
        speaker,
        entity,
        note,
        datetime.now(UTC).isoformat(timespec="seconds"),
        "",
        article.byline,
        getattr(article, "author", None),
        page_range(article, start, end),
        getattr(article, "locator", None),
        holder is not None,
    )
    ref = item.reference()
    ref.note = ""  # the citation cites the source; the note stays the reader's
    item.citation = format_reference(ref)
    return item


def clippings_path(corpus_key: str) -> Path:
    from reader.model.store import paths

    return paths.state_dir() / "clippings" / f"{corpus_key}.json"


class Clippings:
    """The clippings of one corpus, in the user's order; every change is saved at once.

    `notices` collects messages for the user (a damaged file set aside, unreadable items
    dropped, a failed save).
    """

    def __init__(self, path: str | Path, label: str = ""):
        self.label = label  # names the corpus in exports
        self._file = JsonFile(path, FORMAT, VERSION, what="clippings")
        self.notices = self._file.notices
        self.items: list[Clipping] = []
        raw = self._file.read().get("items")
        bad = 0
        for d in raw if isinstance(raw, list) else []:
            try:
                self.items.append(Clipping.from_json(d))
            except (TypeError, ValueError, KeyError, AttributeError):
                bad += 1
        if bad:
            self.notices.append(f"{bad} unreadable clipping(s) in {self.path} were dropped")

    @classmethod
    def of(cls, corpus) -> Clippings:
        return cls(clippings_path(corpus.key), corpus_label(corpus.paths))

    @property
    def path(self) -> Path:
        return self._file.path

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    def __getitem__(self, index: int) -> Clipping:
        return self.items[index]

    def index_of(self, item: Clipping) -> int | None:
        return next((i for i, x in enumerate(self.items) if x.same_span(item)), None)

    def add(self, item: Clipping) -> bool:
        """Append `item`; False (nothing changes) when its span is already clipped."""
        if self.index_of(item) is not None:
            return False
        self.items.append(item)
        self.save()
        return True

    def remove(self, index: int) -> Clipping:
        """Remove and return the item at `index` (IndexError when there is none)."""
        if not 0 <= index < len(self.items):
            raise IndexError(f"no clipping {index + 1} (there are {len(self.items)})")
        item = self.items.pop(index)
        self.save()
        return item

    def move(self, index: int, step: int) -> int:
        """Move the item at `index` by `step` places (clamped at the ends); its new index."""
        if not 0 <= index < len(self.items):
            raise IndexError(f"no clipping {index + 1} (there are {len(self.items)})")
        to = max(0, min(len(self.items) - 1, index + step))
        if to != index:
            self.items.insert(to, self.items.pop(index))
            self.save()
        return to

    def set_note(self, index: int, note: str) -> Clipping:
        """Set (or, with '', clear) the note of the item at `index`; the item."""
        if not 0 <= index < len(self.items):
            raise IndexError(f"no clipping {index + 1} (there are {len(self.items)})")
        item = self.items[index]
        item.note = note.strip()
        self.save()
        return item

    def save(self) -> bool:
        return self._file.write({"corpus": self.label, "items": [x.to_json() for x in self.items]})


def corpus_label(paths) -> str:
    """A short name for what was opened: its folder and file names."""
    return ", ".join(Path(p).name or str(p) for p in paths)
