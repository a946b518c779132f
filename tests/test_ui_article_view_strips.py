"""The reading pane draws its rows straight into strips (reader.ui.widgets.row_strips): segment for
segment (text, style, offset meta) what Textual's Content rendering, `crop_extend` and
`apply_offsets` made of them, for real text with every kind of highlight and row, a selection,
another theme and two widths."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest
from rich.style import Style as RichStyle
from textual.content import Content, Span
from textual.geometry import Offset, Region
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

from reader.model.corpus.corpus import Corpus
from reader.model.ingest.article import Article, Block, SourceFile
from reader.ui.app import ReaderApp
from reader.ui.rows import KINDS
from reader.ui.widgets import row_strips
from reader.ui.widgets.article_row import GUTTER, MARK_FIRST, MARK_MORE, STYLED_KINDS
from reader.ui.widgets.article_view import ArticleView

ENTITY_CLASSES = ("article-view--person", "article-view--place", "article-view--org", "article-view--norp")


# -- the reference: a row as the pane drew it through Content ------------------------------------
def reference_row(view: ArticleView, row: int) -> Strip:
    """Row `row` built as a Content (the margin, then the text with its spans), rendered by
    Textual over the pane's style, cut to the width and given its offsets."""
    rows = view._rows
    kind = KINDS[rows.kinds[row]]
    spans: list[Span] = []
    mark = ""
    if row in rows.synthetic:
        text = rows.synthetic[row]
    elif kind == "blank":
        text = ""
    else:
        rt = view._row_text(row)
        text = rt.text
        for s, e, cls in view.highlights.spans_in(rt.start, rt.end):
            a, b = rt.src_to_col(max(s, rt.start)), rt.src_to_col(min(e, rt.end), is_end=True)
            if b > a:
                spans.append(Span(a, b, view._style(cls)))
        for i, (s, e) in enumerate(view.highlights.matches):
            if s < rt.end and e > rt.start:
                a, b = rt.src_to_col(max(s, rt.start)), rt.src_to_col(min(e, rt.end), is_end=True)
                if b > a:
                    cls = "article-view--match-current" if i == view.highlights.match_current else "article-view--match"
                    spans.append(Span(a, b, view._style(cls)))
        if view.highlights.current is not None:
            s, e = view.highlights.current
            if s < rt.end and e > rt.start:
                a, b = rt.src_to_col(max(s, rt.start)), rt.src_to_col(min(e, rt.end), is_end=True)
                if b > a:
                    spans.append(Span(a, b, view._style("article-view--current")))
                    mark = MARK_FIRST if rt.start <= s else MARK_MORE
    if kind in STYLED_KINDS and text:
        spans.insert(0, Span(0, len(text), view._style(f"article-view--{kind}")))
    body = Content(text, spans, strip_control_codes=False)  # markup-audit: ok (rows are display_text)
    gutter = Content(mark.ljust(GUTTER), strip_control_codes=False)  # markup-audit: ok (our own glyphs)
    if mark:
        gutter = gutter.stylize(view._style("article-view--mark"), 0, 1)
    content = gutter + body
    selection = view.text_selection
    if selection is not None and text and (sel := selection.get_span(row)) is not None:
        a, b = sel
        b = len(content) if b == -1 else min(b, len(content))
        a = max(a, GUTTER)
        if b > a:
            screen = view.screen
            sel_style = screen.get_visual_style("screen--selection", partial=True)
            sel_style = replace(sel_style, background=screen.get_visual_style("screen--selection").background)
            content = content.stylize(sel_style, a, b)
    strip = Strip(content.render_segments(view.visual_style), content.cell_length)
    scroll_x = int(view.scroll_offset.x)
    width = view.scrollable_content_region.width
    return strip.crop_extend(scroll_x, scroll_x + width, view.rich_style).apply_offsets(scroll_x, row)


def reference_line(view: ArticleView, y: int) -> Strip:
    row = int(view.scroll_offset.y) + y
    if row >= len(view._rows):
        return Strip.blank(view.scrollable_content_region.width, view.rich_style)
    return reference_row(view, row)


def segments(strip: Strip) -> list[tuple]:
    """Everything a segment carries: its text, its style (colours, attributes, meta) and its
    offset meta spelled out."""
    return [(s.text, s.style, s.style.meta if s.style else None, s.control) for s in strip] + [strip.cell_length]


def assert_rows_drawn_alike(view: ArticleView, label: str) -> int:
    """Every row of the article, page by page: the pane's own lines and the reference's, row by
    row (drawn anew and from the kept strips) and as whole passes through Textual's styles."""
    rows = view._rows
    view._rows.wrap_until(offset=None, rows=None)
    view._update_virtual_size()
    height = view.scrollable_content_region.height
    compared = 0
    for top in range(0, len(rows) + height, height):
        view.scroll_to(y=top, animate=False, immediate=True, force=True)
        for _ in range(2):  # drawn anew, then kept
            for y in range(height):
                ours, theirs = view.render_line(y), reference_line(view, y)
                assert segments(ours) == segments(theirs), (label, top, y)
                compared += 1
        region = Region(0, 0, *view.region.size)
        view._styles_cache.clear()
        view._strips.clear()
        ours_pass = view.render_lines(region)
        view.render_line = lambda y: reference_line(view, y)  # type: ignore[method-assign]
        try:
            view._styles_cache.clear()
            theirs_pass = view.render_lines(region)
        finally:
            del view.render_line
        assert [segments(s) for s in ours_pass] == [segments(s) for s in theirs_pass], (label, top)
        if int(view.scroll_offset.y) < top:  # the last page
            break
    return compared


# -- highlights of every kind, found in the text by general patterns -------------------------------
def highlight(view: ArticleView) -> None:
    art = view.article
    text = art.text
    spans = []
    names = list(re.finditer(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*", text[art.start : art.end]))
    for i, m in enumerate(names):
        s, e = art.start + m.start(), art.start + m.end()
        spans.append((s, e, ENTITY_CLASSES[i % 4]))
        if i % 3 == 0:  # overlapping: a longer one from the name on, ending anywhere (in a gap too)
            spans.append((s, min(art.end, e + 17), "article-view--org"))
        if i % 5 == 0 and e + 1 < art.end:  # one that starts in the gap after a name
            spans.append((e, e + 6, "article-view--norp"))
    quotes = [
        (art.start + m.start(), art.start + m.end())
        for m in re.finditer(r"[“\"][^”\"]{2,600}[”\"]", text[art.start : art.end])
    ]
    spans += [(s, e, "article-view--quote") for s, e in quotes]
    view.set_spans(spans)
    matches = [
        (art.start + m.start(), art.start + m.end()) for m in re.finditer(r"(?i)\bthe\b", text[art.start : art.end])
    ]
    view.set_matches(matches, len(matches) // 2 if matches else None)
    if quotes:  # the longest quote is current: a mark on its first row, another on the rest
        s, e = max(quotes, key=lambda q: q[1] - q[0])
    else:
        s, e = art.start, min(art.end, art.start + 200)
    view.set_current(s, e, comfortable=False)


def invented_article() -> Article:
    """An article with no headline (its title is drawn as a row of its own), a dateline, wide
    characters, a tab and hard line breaks kept as lines, a control character and a word longer
    than the row."""
    paras = [
        ("dateline", "GENEVA, March 3 —"),
        ("byline", "By Ruth Baker and Tomás Ortega"),
        ("body", "The Harbour Council met on Tuesday.\tIts chair, Ruth Baker, said “we will not go back” twice."),
        ("body", "東京の会議で合意した。 Delegates from Ｆｕｌｌ Ｗｉｄｔｈ Ltd signed   the accord\x07 at noon."),
        ("caption", "Ruth Baker at the Harbour Council. " + "x" * 150),
        ("body", "Line one of a list\nLine two of a list\n  Line three, indented"),
        ("boilerplate", "Copyright 2024 The Harbour Gazette. All rights reserved."),
    ]
    text = ""
    blocks = []
    for kind, para in paras:
        start = len(text)
        text += para
        lines = []
        pos = start
        for line in para.split("\n"):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        blocks.append(Block(start, len(text), kind, tuple(lines), "\n" not in para))
        text += "\n\n"
    source = SourceFile(Path("/invented/harbour.txt"), text, "utf-8", "0" * 64, len(text.encode()))
    return Article(
        "invented",
        source,
        0,
        len(text),
        "Harbour Council agrees on the accord after a long night of talks in Geneva",
        None,
        publisher="The Harbour Gazette",
        date="2024-03-03",
        byline="Ruth Baker",
        blocks=blocks,
    )


async def test_every_row_is_drawn_as_content_draws_it(seeds_dir):
    corpus = Corpus.load([str(seeds_dir)])
    articles = [*corpus.articles, invented_article()]
    kinds_seen: set[str] = set()
    synthetic_seen = marks_seen = 0
    for size in ((160, 48), (72, 30)):  # the measure's full width, and narrower than it
        app = ReaderApp(corpus, analyse=False)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            view = app.query_one(ArticleView)
            for art in articles:
                view.show(art)
                await pilot.pause()
                highlight(view)
                await pilot.pause()
                label = f"{size} {art.title[:30]}"
                assert assert_rows_drawn_alike(view, label) > len(view._rows)
                rows = view._rows
                kinds_seen |= {KINDS[k] for k in rows.kinds}
                synthetic_seen += len(rows.synthetic)
                frame = view._frame_now()
                marks_seen += sum(
                    view._draw_row(r, frame).text[:1] in (MARK_FIRST, MARK_MORE) for r in range(len(rows))
                )
                # a mouse selection over several rows, from inside the margin to mid-row
                first = rows.row_of(art.start + (art.end - art.start) // 3)
                view.scroll_to(y=max(0, first - 2), animate=False, immediate=True, force=True)
                y0 = first - int(view.scroll_offset.y)
                inside = next(r for r in range(first + 1, first + 5) if view._row_text(r).text) - first + y0
                unselected = segments(view.render_line(inside))
                app.screen.selections = {view: Selection(Offset(1, first), Offset(17, first + 5))}
                assert view.text_selection is not None and y0 >= 0
                assert segments(view.render_line(inside)) != unselected  # drawn selected
                assert_rows_drawn_alike(view, label + " selected")
                app.screen.selections = {view: Selection(None, None)}  # select all
                assert_rows_drawn_alike(view, label + " all selected")
                app.screen.selections = {}
                view.selection_updated(None)
            # another theme: the highlights' styles are made anew, and drawn alike
            app.theme = "textual-light" if app.theme != "textual-light" else "nord"
            await pilot.pause()
            for art in articles[-2:]:
                view.show(art)
                highlight(view)
                await pilot.pause()
                assert_rows_drawn_alike(view, f"{size} {app.theme} {art.title[:30]}")
    assert kinds_seen == set(KINDS)  # every kind of row, the title and metadata rows included
    assert synthetic_seen and marks_seen


# -- the drawing itself, against Content for invented rows -----------------------------------------
@pytest.mark.parametrize("fast", [True, False])
def test_a_row_is_drawn_as_content_crop_extend_and_apply_offsets_make_it(fast, monkeypatch):
    # the direct path (Rich's private fields set, FAST) and the public one another Rich would take
    monkeypatch.setattr(row_strips, "FAST", fast)
    rnd = random.Random(19)
    styles = [
        Style(bold=True),
        Style.parse("italic #ff0000"),
        Style.parse("on #202020"),
        Style.parse("reverse underline"),
        Style(),  # a null style: a cut in the text, no style of its own
        Style.parse("dim #00ff00 on #000010 strike"),
        Style.from_meta({"@click": "app.bell"}),  # meta of its own: merged with the offsets
        Style(link="https://example.org"),  # a link: copied
    ]
    bases = [Style.parse("#e0e0e0 on #101010"), Style()]
    texts = ["", "  ", "  Ruth Baker said “no” twice.", "▶ 東京の会議で合意 and then", "┃ x\x07y zz", "  " + "w" * 40]
    combined = row_strips.Combined()
    pads = [RichStyle.parse("on #101010"), RichStyle()]
    checked = 0
    for _ in range(600):
        text = rnd.choice(texts)
        n = len(text)
        spans = []
        for _ in range(rnd.randrange(0, 6)):
            a = rnd.randrange(0, n + 1)
            b = rnd.randrange(a, n + 1)  # empty ones too
            spans.append((a, b, rnd.choice(styles)))
        base, pad = rnd.choice(bases), rnd.choice(pads)
        content = Content(text, [Span(a, b, s) for a, b, s in spans], strip_control_codes=False)
        cells = content.cell_length
        for width in {max(0, cells - 3), cells, cells + 5}:
            for scroll_x in (0, 2):
                y = rnd.randrange(0, 10_000)
                theirs = (
                    Strip(content.render_segments(base), cells)
                    .crop_extend(scroll_x, scroll_x + width, pad)
                    .apply_offsets(scroll_x, y)
                )
                ours = row_strips.draw(text, cells, spans, base, pad, combined, width, scroll_x, y)
                assert segments(ours) == segments(theirs), (text, spans, width, scroll_x)
                assert [s.style.link for s in ours] == [s.style.link for s in theirs]
                checked += 1
    assert checked > 1500


def test_each_segment_has_a_link_id_of_its_own_as_apply_offsets_gives_it():
    # Textual repaints a widget when the pointer moves to a segment with another link id
    style = RichStyle.parse("bold on #101010")
    a, b = row_strips.with_offset(style, 3, 7), row_strips.with_offset(style, 3, 7)
    theirs = style + RichStyle.from_meta({"offset": (3, 7)})
    assert a == b == theirs and a.meta == theirs.meta == {"offset": (3, 7)}
    assert a._link_id and b._link_id and a._link_id != b._link_id
    assert a._link_id.endswith(str(hash(a._meta))) and theirs._link_id.endswith(str(hash(a._meta)))
