"""What a citation is made of: the quoted words, who said them, and the article they come from.

Every style (the human ones in citation_styles, the machine-readable ones in reference_formats)
formats a `Reference`; `reference_for` builds one from an article and a span of its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date
from urllib.parse import quote as _pct

from reader.model.outputs.names import Name, authors_of

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def clean(value: object) -> str:
    """Text of a field, whitespace folded; '' for None or blank."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def date_parts(iso: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of an ISO date with the precision it has ('2020', '2020-11',
    '2020-11-04'); None for free text or an impossible date."""
    m = _ISO.match(iso or "")
    if not m:
        return None
    y, mo, d = m.groups()
    try:
        _date(int(y), int(mo or 1), int(d or 1))  # reject impossible dates
    except ValueError:
        return None
    return int(y), int(mo) if mo else None, int(d) if d else None


@dataclass(slots=True)
class Reference:
    """One cited passage and its source. Fields are '' or empty when unknown."""

    text: str  # the quoted words, whitespace folded
    speaker: str = ""
    speaker_unknown: bool = False  # quoted words whose speaker reader could not tell
    title: str = ""
    publisher: str = ""
    date: str = ""  # ISO 8601 ("2020", "2020-11", "2020-11-04") or free text
    url: str = ""
    authors: tuple[Name, ...] = ()
    page: str = ""  # "3" or "3–4"
    locator: str = ""  # a database's document number
    accessed: str = ""  # ISO date the source was read or clipped
    note: str = ""  # the reader's own note (clippings)
    role: str = ""  # the speaker's role as the article writes it ("Malaysia's Prime Minister")
    channel: str = ""  # how the words were said ("told Sky News", "in a statement")

    @property
    def quote(self) -> str:
        """The words as cited: a quote cut before its attribution ends in a comma ("Foo," he said)."""
        return self.text.rstrip(",;:").rstrip()

    @property
    def who(self) -> str:
        """The speaker, 'speaker unknown' for a quote nobody could be credited with, else ''."""
        return self.speaker or ("speaker unknown" if self.speaker_unknown else "")

    @property
    def fragment_url(self) -> str:
        """The URL with a text fragment pointing at the quote, or '' without a URL."""
        return text_fragment_url(self.url, self.quote) if self.url else ""


def make_reference(
    text: str,
    speaker: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    date: str | None = None,
    url: str | None = None,
    *,
    authors: tuple[Name, ...] | list[Name] = (),
    author: str | None = None,
    byline: str | None = None,
    page: str | int | None = None,
    locator: str | None = None,
    accessed: str | None = None,
    speaker_unknown: bool = False,
    note: str | None = None,
    role: str | None = None,
    channel: str | None = None,
) -> Reference:
    """A Reference from loose fields; `authors` wins, else they come from `author`/`byline`."""
    names = tuple(authors) or tuple(authors_of(author, byline))
    return Reference(
        text=clean(text),
        speaker=clean(speaker),
        speaker_unknown=bool(speaker_unknown and not clean(speaker)),
        title=clean(title),
        publisher=clean(publisher),
        date=clean(date),
        url=clean(url).replace(" ", "%20"),
        authors=names,
        page=clean(page),
        locator=clean(locator),
        accessed=clean(accessed),
        note=clean(note),
        role=clean(role),
        channel=clean(channel),
    )


def page_range(article, start: int, end: int) -> str:
    """'3', or '3–4' when the span crosses a page break; '' for sources without pages."""
    first = article.page_at(start)
    if first is None:
        return ""
    last = article.page_at(max(start, end - 1))
    return str(first) if last in (None, first) else f"{first}\u2013{last}"


def reference_for(
    article,
    start: int,
    end: int,
    speaker: str | None,
    *,
    quoted: bool = False,
    accessed: str | None = None,
    note: str | None = None,
    role: str | None = None,
    channel: str | None = None,
) -> Reference:
    """The source text at [start, end) of `article`, with its speaker (`quoted`: the words are
    a quotation, so a missing speaker is said to be unknown), the speaker's role and the
    quote's channel as the article writes them."""
    return make_reference(
        article.text[start:end],
        speaker,
        article.title,
        article.publisher,
        article.date,
        article.url,
        author=getattr(article, "author", None),
        byline=article.byline,
        page=page_range(article, start, end),
        locator=getattr(article, "locator", None),
        accessed=accessed or _date.today().isoformat(),
        speaker_unknown=quoted,
        note=note,
        role=role,
        channel=channel,
    )


# -- text fragments (https://wicg.github.io/scroll-to-text-fragment/) ----------------------
_FRAGMENT_WORDS = 4  # words at each end of a long quote: enough to be unique on a page, short to read


def _fragment_encode(s: str) -> str:
    """Percent-encoded for a text directive: everything but unreserved characters, and '-' too
    (the spec reserves '-', ',' and '&' inside the directive)."""
    return _pct(s, safe="").replace("-", "%2D")


def text_fragment_url(url: str, quote: str) -> str:
    """`url#:~:text=start,end` pointing a browser at `quote` (all of it when short); `url` when
    the quote has no words. An existing fragment is kept, an existing directive replaced."""
    words = quote.split()
    if not url or not words:
        return url
    base = url.split(":~:", 1)[0]
    base = base if "#" in base else base + "#"
    if len(words) <= 2 * _FRAGMENT_WORDS:
        directive = _fragment_encode(" ".join(words))
    else:
        directive = (
            _fragment_encode(" ".join(words[:_FRAGMENT_WORDS]))
            + ","
            + _fragment_encode(" ".join(words[-_FRAGMENT_WORDS:]))
        )
    return f"{base}:~:text={directive}"
