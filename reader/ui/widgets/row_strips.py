"""A row of highlighted text drawn straight into the strip a Line-API widget hands Textual.

The reading pane drew a row the general way: a `Content` of the row with its highlight spans,
`render_segments` over the widget's style, a `Strip` of those, `crop_extend` to the width (a
second Strip) and `apply_offsets` (a third; a `Style.from_meta` and a style addition per
segment, for the mouse selection). A page of rows it has not drawn before (another article on
]/[, a page down) did all of that for each row: about a quarter of a millisecond a row.

`draw` makes the same segments in one pass and one Strip: the text is cut where Content's own
rendering cuts it (at every start and end of a span), each piece takes the style Content gives
it (the widget's style, then the styles of the spans over it in their order, added as
`Style.combine` adds them), kept by that tuple of styles so a combination is made once and not
once per piece, and each segment's style gets the offset meta `apply_offsets` gives it, made
directly instead of through a meta style and an addition. The strips are the ones the general
way makes, segment for segment: text, style and meta (tests/test_ui_article_view_strips.py).
A row that does not fit the width or a scrolled-sideways view is cut as before, by Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from pickle import dumps

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.strip import Strip
from textual.style import Style

# The direct path sets Rich's private Style fields (checked against the pinned Textual's Rich in
# tests/test_ui_textual_names.py); another Rich without them takes the public path, same result.
_FIELDS = "_ansi _style_definition _color _bgcolor _attributes _set_attributes _link _link_id _null _meta _hash"
try:
    from rich.style import _id_generator

    FAST = set(_FIELDS.split()) <= set(getattr(RichStyle, "__slots__", ()))
except ImportError:  # pragma: no cover - a Rich without it
    FAST = False

COMBINED_KEPT = 4096  # combinations of styles kept (a page of rows uses a few dozen)
OFFSET_METAS_KEPT = 16384  # offset metas kept (a page of rows uses a few hundred)

# a highlight: (start, end, style) in the row's columns, as a Content span
Span = tuple[int, int, Style]


# the meta of an offset, as Rich serialises it, and the hash from_meta puts in a link id
_OFFSET_META: dict[tuple[int, int], tuple[bytes, str]] = {}


def with_offset(style: RichStyle | None, x: int, y: int) -> RichStyle:
    """`style` with the offset meta `Strip.apply_offsets(x, y)` gives a segment starting at `x`:
    `style + Style.from_meta({"offset": (x, y)})`, the fields Rich's addition sets, with a link
    id of its own as `from_meta` makes one."""
    if not FAST or style is not None and (style._meta is not None or style._link):
        meta = RichStyle.from_meta({"offset": (x, y)})  # meta to merge, a link to copy
        return style + meta if style else meta
    key = (x, y)
    if (made := _OFFSET_META.get(key)) is None:
        if len(_OFFSET_META) >= OFFSET_METAS_KEPT:
            _OFFSET_META.clear()
        meta = dumps({"offset": key})
        made = _OFFSET_META[key] = (meta, str(hash(meta)))
    meta, meta_hash = made
    new = RichStyle.__new__(RichStyle)
    new._ansi = None
    new._style_definition = None
    if style is None:
        new._color = new._bgcolor = None
        new._attributes = new._set_attributes = 0
    else:
        new._color = style._color
        new._bgcolor = style._bgcolor
        new._attributes = style._attributes
        new._set_attributes = style._set_attributes
    new._link = None
    new._link_id = f"{next(_id_generator)}{meta_hash}"
    new._null = False
    new._meta = meta
    new._hash = None
    return new


class Combined:
    """Rich styles of combinations of styles, by the tuple of styles (the base first): what
    Content.render gives a piece under those spans, made once."""

    __slots__ = ("styles",)

    def __init__(self) -> None:
        self.styles: dict[tuple[Style, ...], RichStyle | None] = {}

    def clear(self) -> None:
        self.styles.clear()

    def __call__(self, key: tuple[Style, ...]) -> RichStyle | None:
        styles = self.styles
        try:
            return styles[key]
        except KeyError:
            pass
        combined = Style.combine(key)
        rich = combined.rich_style if combined else None
        if len(styles) >= COMBINED_KEPT:
            styles.clear()
        styles[key] = rich
        return rich


def pieces(text: str, spans: Sequence[Span], base: Style, combined: Combined) -> list[tuple[str, RichStyle | None]]:
    """`Content(text, spans).render_segments(base)` as (text, rich style) pairs: the text cut at
    every span's start and end, each piece in the combination of the base and the spans over it
    (in the spans' order)."""
    if not spans:
        return [(text, base.rich_style if base else None)]
    cuts = {0, len(text)}
    for a, b, _ in spans:
        cuts.add(a)
        cuts.add(b)
    bounds = sorted(cuts)
    out = []
    for i in range(len(bounds) - 1):
        o, n = bounds[i], bounds[i + 1]
        key = (base, *[style for a, b, style in spans if a <= o < b])
        out.append((text[o:n], combined(key)))
    return out


def draw(
    text: str,
    cell_length: int,
    spans: Sequence[Span],
    base: Style,
    pad: RichStyle,
    combined: Combined,
    width: int,
    scroll_x: int,
    y: int,
) -> Strip:
    """Row `y`: `Strip(Content(text, spans).render_segments(base), cell_length)`, then
    `.crop_extend(scroll_x, scroll_x + width, pad).apply_offsets(scroll_x, y)`."""
    parts = pieces(text, spans, base, combined)
    if scroll_x or cell_length > width:  # cut by Textual, as before
        strip = Strip([Segment(t, s) for t, s in parts], cell_length)
        return strip.crop_extend(scroll_x, scroll_x + width, pad).apply_offsets(scroll_x, y)
    segments = []
    add = segments.append
    x = 0
    for t, s in parts:
        add(Segment(t, with_offset(s, x, y)))
        x += len(t)
    if cell_length < width:
        add(Segment(" " * (width - cell_length), with_offset(pad, x, y)))
    return Strip(segments, width)
