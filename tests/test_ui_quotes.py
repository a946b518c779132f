"""Pilot tests: walking quotes with ./, and the "who said what" view (Q)."""

from __future__ import annotations

from reader.model.outputs.corpus_citations import quote_speaker as speaker_name
from reader.ui.app import ReaderApp
from reader.ui.quote_nav import sorted_quotes, step_quote
from reader.ui.screens.quotes import QuotesScreen, quote_rows
from reader.ui.widgets.article_view import ArticleView

SHUSHI = "Who controls Shushi controls Artsakh"


def status(app) -> str:
    return str(app.query_one("#status-article").render())


def article_with_quotes(corpus, n=2):
    return next(a for a in corpus.articles if len(corpus.quotes_in(a)) >= n)


def shushi(corpus):
    for a in corpus.articles:
        for q in corpus.quotes_in(a):
            if SHUSHI in q.text:
                return a, q
    raise AssertionError("Shushi quote not found")


def test_step_quote_model():
    class Q:
        def __init__(self, s, e):
            self.start, self.end = s, e

    qs = [Q(10, 20), Q(30, 40), Q(50, 60)]
    assert step_quote(qs, None, 0, 1) == 0
    assert step_quote(qs, None, 35, 1) == 2
    assert step_quote(qs, None, 35, -1) == 1
    assert step_quote(qs, (30, 40), 0, 1) == 2
    assert step_quote(qs, (30, 40), 0, -1) == 0
    assert step_quote(qs, (50, 60), 0, 1) is None
    assert step_quote(qs, (10, 20), 0, -1) is None
    assert step_quote([], None, 0, 1) is None


async def test_walk_quotes_forward_and_back(analysed):
    art = article_with_quotes(analysed)
    quotes = sorted_quotes(analysed, art)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.main.pane.open(art)
        view = app.query_one(ArticleView)
        view.focus()
        await pilot.pause()
        for i, q in enumerate(quotes):
            await pilot.press("full_stop")
            await pilot.pause()
            assert view.current_span == (q.start, q.end)
            who = speaker_name(analysed, art, q) or "speaker unknown"
            assert status(app) == f"quote {i + 1}/{len(quotes)} · {who}"
        await pilot.press("full_stop")  # past the last: stays
        await pilot.pause()
        assert view.current_span == (quotes[-1].start, quotes[-1].end)
        await pilot.press("comma")
        await pilot.pause()
        assert view.current_span == (quotes[-2].start, quotes[-2].end)
        assert status(app).startswith(f"quote {len(quotes) - 1}/{len(quotes)} · ")


async def test_shushi_quote_status_names_harutyunyan(analysed):
    art, q = shushi(analysed)
    quotes = sorted_quotes(analysed, art)
    i = next(k for k, x in enumerate(quotes) if x is q)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        app.main.pane.open(art)
        view = app.query_one(ArticleView)
        view.focus()
        await pilot.pause()
        for _ in range(i + 1):
            await pilot.press("full_stop")
        await pilot.pause()
        assert view.current_span == (q.start, q.end)
        assert status(app) == f"quote {i + 1}/{len(quotes)} · Arayik Harutyunyan"


def test_rows_group_by_speaker(analysed):
    rows = quote_rows(analysed)
    assert len(rows) == sum(len(analysed.quotes_in(a)) for a in analysed.articles)
    assert any(r.speaker == "Arayik Harutyunyan" and SHUSHI in r.text for r in rows)
    speakers = [r.speaker for r in rows]
    # grouped: each speaker's rows are contiguous
    seen = []
    for s in speakers:
        if not seen or seen[-1] != s:
            assert s not in seen
            seen.append(s)


async def test_who_said_what_lists_and_jumps(analysed):
    art, q = shushi(analysed)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("Q")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuotesScreen)
        assert any(r.speaker == "Arayik Harutyunyan" and SHUSHI in r.text for r in screen.shown)
        await pilot.press(*"controls Shushi")
        await pilot.pause()
        assert screen.shown and all(
            "controls shushi" in r.text.casefold() or "controls shushi" in r.speaker.casefold() for r in screen.shown
        )
        assert screen.shown[0].speaker == "Arayik Harutyunyan"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, QuotesScreen)
        assert app.main.pane.article is art
        view = app.query_one(ArticleView)
        assert view.current_span == (q.start, q.end)
        assert "Arayik Harutyunyan" in status(app)


async def test_copy_cites_mouse_selection(analysed):
    art, q = shushi(analysed)
    app = ReaderApp(analysed, analyse=False)
    copied: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.copier.copy = lambda text, what="Copied", span=None: copied.append(text)
        app.main.pane.open(art)
        view = app.query_one(ArticleView)
        view.focus()
        await pilot.pause()
        s = q.start + q.text.index("Shushi")
        view.selected_span = (s, s + len("Shushi controls"))
        await pilot.press("c")
        await pilot.pause()
        assert copied and "Shushi controls" in copied[-1] and "Arayik Harutyunyan" in copied[-1]
        assert SHUSHI not in copied[-1]  # the selection, not the whole quote
        # outside every quote: cited without a speaker
        inside = [(x.start, x.end) for x in analysed.quotes_in(art)]
        t = art.start
        while any(a <= t < b or a < t + 5 <= b for a, b in inside) or not art.text[t : t + 5].strip():
            t += 1
        view.selected_span = (t, t + 5)
        await pilot.press("c")
        await pilot.pause()
        from reader.model.outputs.citation_styles import format_citation

        assert copied[-1] == format_citation(
            art.text[t : t + 5], speaker=None, title=art.title, publisher=art.publisher, date=art.date, url=art.url
        )
