"""Hostile text (markup, escapes, NUL, bidi overrides) shows literally and never acts."""

from __future__ import annotations

import pytest
from textual.content import Content, Span

from reader.model.corpus.corpus import Corpus
from reader.ui.app import ReaderApp
from reader.ui.messages import AnalysisFailed
from reader.ui.safe import join, notice_text, safe, safe_line
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView

HOSTILE_TITLE = "[bold red]x[/] [Reuters] [@click=app.quit]quit[/] \x1b[31mRED \u202eevil"
HOSTILE_BODY = (
    "Officials said [/] and [b]not bold[/b] then \x1b]0;PWNED\x07 and \x1b[2J cleared.\n"
    "A NUL \x00 here and an override \u202egnirts\u202c there, [sic] as [AP] reported.\n"
)
CONTROL = {chr(c) for c in range(0x20) if c != 0x0A} | {"\x7f", "\u202e", "\u202c"}


@pytest.fixture
def hostile_corpus(tmp_path):
    d = tmp_path / "hostile"
    d.mkdir()
    (d / "a.txt").write_text(f"{HOSTILE_TITLE}\n\n{HOSTILE_BODY}\nSecond paragraph [Photo: AP].\n", encoding="utf-8")
    (d / "b [weird] \x1b[31m.txt").write_text(
        "Plain title\n\nBody with [@click=app.quit]a link[/].\n", encoding="utf-8"
    )
    return Corpus.load([str(d)])


def screen_text(widget) -> tuple[str, list]:
    segs = [s for y in range(widget.scrollable_content_region.height) for s in widget.render_line(y)]
    return "".join(s.text for s in segs), segs


def test_safe_helpers_are_literal_and_one_for_one():
    for text in (HOSTILE_TITLE, HOSTILE_BODY):
        c = safe(text)
        assert len(c.plain) == len(text)  # offsets survive
        assert not CONTROL & set(c.plain.replace("\n", ""))
        assert "[bold red]x[/]" in safe_line(HOSTILE_TITLE).plain
        assert "\n" not in safe_line(text).plain
    assert "\x1b" not in notice_text(HOSTILE_BODY)


async def test_hostile_corpus_shows_literal_text(hostile_corpus):
    app = ReaderApp(hostile_corpus, analyse=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        lst, view = app.query_one(ArticleList), app.query_one(ArticleView)
        list_text, list_segs = screen_text(lst)
        view_text, view_segs = screen_text(view)
        assert "[bold red]x[/] [Reuters]" in list_text
        flat = " ".join(view_text.split())
        for literal in (
            "[bold red]x[/]",
            "[Reuters]",
            "[@click=app.quit]quit[/]",
            "␛[31mRED",
            "[/] and [b]not bold[/b]",
            "␛]0;PWNED␇",
            "␛[2J",
            "NUL ␀ here",
            "[sic] as [AP]",
            "[Photo: AP]",
        ):
            assert literal in flat, literal
        for seg in (*list_segs, *view_segs):
            assert not CONTROL & set(seg.text), repr(seg.text)
            assert seg.style is None or not seg.style.link, "no live links from article text"
        # border titles and the other file name are literal too
        assert "\x1b" not in view._border_title.plain
        await pilot.press("j", "enter")
        await pilot.pause()
        assert "[weird] ␛[31m" in view._border_title.plain
        view_text, _ = screen_text(view)
        assert "[@click=app.quit]a link[/]" in " ".join(view_text.split())
        # clicking the would-be link does nothing (the app keeps running)
        await pilot.click(ArticleView, offset=(6, 5))
        await pilot.pause()
        assert app.is_running


async def test_hostile_notification_is_literal(hostile_corpus):
    app = ReaderApp(hostile_corpus, analyse=False)
    async with app.run_test(size=(120, 30)) as pilot:
        app.post_message(AnalysisFailed(HOSTILE_TITLE + " [/]"))
        await pilot.pause()
        notes = list(app._notifications)
        assert notes and not notes[-1].markup
        assert "[bold red]x[/]" in notes[-1].message and "\x1b" not in notes[-1].message
        assert app.is_running


def test_join_makes_the_content_that_adding_the_pieces_makes():
    # one step instead of a Content per piece: the same text, spans and width, control codes
    # dropped from a piece made without stripping them as `+` drops them, offsets as `+` counts them
    pieces = [
        "  “",
        safe_line("We will not\x1b[31m go\nback, 東京", "italic"),
        Content("raw \x07bell", [Span(0, 3, "bold"), Span(4, 9, "dim")], strip_control_codes=False),
        "",
        safe_line("", "dim"),
        Content("[b]not markup[/b]"),
        safe_line("Ruth Baker · The Harbour Gazette", "dim"),
    ]
    for sep in ("", " · ", "\x1b"):
        for n in range(len(pieces) + 1):
            added = Content("")
            for i, p in enumerate(pieces[:n]):
                if i and sep:
                    added = added + Content(sep)
                added = added + (p if isinstance(p, Content) else Content(p))
            got = join(*pieces[:n], sep=sep)
            assert (got.plain, list(got.spans), got.cell_length) == (
                added.plain,
                list(added.spans),
                added.cell_length,
            )
