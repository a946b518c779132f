"""Pilot tests: the views as they behave over a big corpus (rows gathered and filtered in thread
workers, shown as they come, a page of options at a time), forced here on the seeds by lowering
the sizes under which they work inline. Each answer must equal the inline one."""

from __future__ import annotations

import pytest
from conftest import wait_for

from reader.model.outputs.concordance import concordance
from reader.ui import screens
from reader.ui.app import ReaderApp
from reader.ui.screens import corpus_list
from reader.ui.screens.concordance import ConcordanceScreen
from reader.ui.screens.entities import EntitiesScreen, entity_rows, sort_rows
from reader.ui.screens.quotes import QuotesScreen, quote_rows
from reader.ui.screens.timeline import TimelineScreen
from reader.ui.widgets import article_list
from reader.ui.widgets.list_entries import filter_text

assert screens  # the package, for monkeypatching its modules


@pytest.fixture
def big(monkeypatch):
    """Every corpus counts as big; workers post partial rows as often as they can."""
    monkeypatch.setattr(corpus_list.CorpusListScreen, "INLINE_ARTICLES", 0)
    monkeypatch.setattr(corpus_list.CorpusListScreen, "INLINE_ROWS", 0)
    monkeypatch.setattr(corpus_list, "FIRST_AFTER", 0.0)
    monkeypatch.setattr(corpus_list, "PROGRESS_EVERY", 0.0)
    monkeypatch.setattr(article_list, "INLINE_FILTER", 0)
    import reader.ui.screens.timeline as timeline_mod

    monkeypatch.setattr(timeline_mod, "INLINE_ARTICLES", 0)


def answered(app, screen_type, needle):
    return lambda: isinstance(app.screen, screen_type) and app.screen.answered == needle and not app.screen.gathering


async def open_who_said_what(app, pilot) -> QuotesScreen:
    """Who said what, opened with `Q` and showing its answer to the empty query."""
    await pilot.press("Q")
    await wait_for(pilot, answered(app, QuotesScreen, ""))
    return app.screen


async def test_who_said_what_fills_progressively_then_filters_in_a_worker(analysed, big, monkeypatch):
    gathered: list[tuple[int, bool]] = []
    take = QuotesScreen._take_rows

    def spy(self, rows, texts, done):
        gathered.append((len(rows), done))
        take(self, rows, texts, done)

    monkeypatch.setattr(QuotesScreen, "_take_rows", spy)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_who_said_what(app, pilot)
        want = quote_rows(analysed)
        assert [(r.article, r.start, r.end) for r in screen.shown] == [(r.article, r.start, r.end) for r in want]
        # shown as they came: partial lists first, growing, then the whole one
        assert gathered[-1] == (len(want), True)
        partial = [n for n, done in gathered if not done]
        assert partial and partial == sorted(partial) and partial[-1] <= len(want)
        needle = "said"
        await pilot.press(*needle)
        await wait_for(pilot, answered(app, QuotesScreen, needle))
        expect = [r for r in want if r.matches(needle)]
        assert [(r.article, r.start, r.end) for r in screen.shown] == [(r.article, r.start, r.end) for r in expect]
        assert expect and len(expect) < len(want)
        await pilot.press("backspace")  # a shorter query: every row again is tested, not the kept ones
        await wait_for(pilot, answered(app, QuotesScreen, "sai"))
        assert len(screen.shown) == sum(1 for r in want if r.matches("sai"))


async def test_an_answer_is_drawn_with_a_screenful_of_rows_and_the_rest_after(analysed, big):
    # options are measured as they are built (~0.5 ms a wrapped quote): the frame that answers a
    # key waits only for the rows that fill the list, the next page is built after it
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_who_said_what(app, pilot)
        lst = screen.options
        first = screen._screenful(len(screen.shown))
        lines = [lst.option_lines(o) for o in first]
        assert sum(lines[:-1]) < lst.size.height <= sum(lines)  # the last row built is the one that fills it
        assert len(screen.shown) > screen._fed  # more rows than fill the list
        await pilot.press("x")  # an answer built again: the rest comes once it is drawn
        await pilot.press("backspace")
        await wait_for(pilot, answered(app, QuotesScreen, ""))
        await pilot.pause()
        assert lst.option_count > len(first)


async def test_a_letter_that_keeps_the_rows_keeps_their_options(analysed, big):
    rows = quote_rows(analysed)
    hits = lambda q: [i for i, r in enumerate(rows) if r.matches(q)]  # noqa: E731
    word = next(
        w.casefold()
        for r in rows
        for w in r.text.split()
        if w.isalpha() and len(w) >= 7 and hits(w.casefold()[:-1]) == hits(w.casefold())
    )
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_who_said_what(app, pilot)
        await pilot.press(*word[:-1])
        await wait_for(pilot, answered(app, QuotesScreen, word[:-1]))
        before = list(screen.options._options)
        await pilot.press(word[-1])
        await wait_for(pilot, answered(app, QuotesScreen, word))
        assert screen.options._options == before and all(a is b for a, b in zip(screen.options._options, before))
        assert screen.options.highlighted == next(i for i, o in enumerate(before) if not o.disabled)


def test_who_said_what_rows_come_from_the_quote_store(analysed, monkeypatch):
    """A big corpus's rows are read from the palette's quote store, and are the decoded ones."""
    from reader.model.search import quote_store
    from reader.ui.screens.quotes import stored_rows

    decoded = quote_rows(analysed)
    monkeypatch.setattr(quote_store, "BIG_CORPUS", 0)
    assert stored_rows(analysed) is None  # not written yet: the rows are decoded
    assert quote_store.big_corpus_quotes(analysed) is not None
    got = stored_rows(analysed)
    assert got is not None and len(decoded) > 5
    assert [(r.speaker, r.article, r.start, r.end, r.role, " ".join(r.text.split())) for r in got] == [
        (r.speaker, r.article, r.start, r.end, r.role, " ".join(r.text.split())) for r in decoded
    ]
    assert any(r.role for r in got)


async def test_who_said_what_reads_the_store_and_jumps(analysed, big, monkeypatch):
    from reader.model.search import quote_store

    want = quote_rows(analysed)
    monkeypatch.setattr(quote_store, "BIG_CORPUS", 0)
    assert quote_store.big_corpus_quotes(analysed) is not None
    decoded: list = []
    quotes_in = type(analysed).quotes_in
    monkeypatch.setattr(
        type(analysed), "quotes_in", lambda self, a, fa=None: decoded.append(a) or quotes_in(self, a, fa)
    )
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        decoded.clear()  # the reading pane's own (the first article's quotes)
        screen = await open_who_said_what(app, pilot)
        assert [(r.article, r.start, r.end) for r in screen.shown] == [(r.article, r.start, r.end) for r in want]
        assert decoded == []  # no file's analysis decoded to list them
        row = screen.shown[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, QuotesScreen))
        assert app.main.pane.article is row.article
        assert app.query_one("ArticleView").current_span == (row.start, row.end)


@pytest.mark.parametrize("filters_inline", [False, True])
async def test_entity_view_pages_its_options(analysed, big, monkeypatch, filters_inline):
    # rows few enough to filter on the UI thread (filters_inline) still become options a page at a time
    monkeypatch.setattr(corpus_list, "PAGE", 5)
    if filters_inline:
        monkeypatch.setattr(corpus_list.CorpusListScreen, "INLINE_ROWS", 3000)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("V")
        await wait_for(pilot, answered(app, EntitiesScreen, ""))
        screen = app.screen
        assert (len(screen.rows) <= screen.INLINE_ROWS) == filters_inline
        rows = sort_rows(entity_rows(analysed), "mentions")
        assert [r.entity for r in screen.shown] == [r.entity for r in rows]
        lst = screen.options
        assert len(rows) > 40 and lst.option_count < len(rows)  # only pages near the screen are options
        first = lst.option_count
        await pilot.press("down")  # to the list
        for _ in range(first):
            await pilot.press("down")
        assert lst.option_count > first and lst.highlighted == first  # the next page came as needed
        await pilot.press("ctrl+s")  # sorted again in a worker: by articles
        await wait_for(pilot, lambda: screen.sort_by == "articles" and screen.answered == "")
        await wait_for(
            pilot, lambda: [r.entity for r in screen.shown] == [r.entity for r in sort_rows(rows, "articles")]
        )


async def test_more_rows_after_the_options_shown_keep_them(analysed, big):
    # a gathering worker's next rows list: options already built for rows that still come first
    # stay (a rebuild costs a frame per snapshot); rows in a new order are built again
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_who_said_what(app, pilot)
        lst = screen.options
        before = list(lst.options)
        assert before and len(screen.shown) > 1
        rows, texts = screen.rows, screen.texts
        more = [*rows, rows[0]]  # one more row, after all the others
        screen._take_rows(more, [*texts, texts[0]], True)
        await wait_for(pilot, lambda: screen._rows_shown is more)
        assert len(screen.shown) == len(rows) + 1
        assert lst.options[: len(before)] == before and all(a is b for a, b in zip(lst.options, before))
        flipped = more[::-1]
        screen._take_rows(flipped, [*texts, texts[0]][::-1], True)
        await wait_for(pilot, lambda: screen._rows_shown is flipped)
        assert lst.options[0] is not before[0]
        assert [(r.article, r.start, r.end) for r in screen.shown] == [(r.article, r.start, r.end) for r in flipped]


async def on_top_entity(pilot, corpus, key: str):
    """Make the most mentioned entity current, then press `key` (a view about it); returns it."""
    top = max(corpus.entities, key=lambda e: len(e.mentions))
    pilot.app.main.go_to_entity(top.id)
    pilot.app.main.article_view.focus()
    await pilot.press(key)
    return top


async def test_concordance_gathers_in_a_worker(analysed, big):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        top = await on_top_entity(pilot, analysed, "K")
        await wait_for(pilot, answered(app, ConcordanceScreen, ""))
        want = concordance(analysed, top)
        assert [(r.article, r.start) for r in app.screen.shown] == [(r.article, r.start) for r in want]


async def test_timeline_charts_in_a_worker(analysed, big):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("T")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen) and app.screen.timeline is not None)
        screen = app.screen
        assert not screen.computing and any(r is not None for r in screen.rows)
        unit = screen.timeline.unit
        await pilot.press("u")
        await wait_for(pilot, lambda: not screen.computing and screen.unit_choice is not None)
        assert screen.timeline.unit == screen.unit_choice and (screen.unit_choice != unit or unit == "day")


async def test_list_filter_answers_from_a_worker(analysed, big):
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        lst = app.main.article_list
        lst.focus()
        word = max(analysed.articles[0].title.split(), key=len).casefold()
        await pilot.press("slash", *word)
        await wait_for(pilot, lambda: lst.answered == word)
        want = [a for a in analysed.articles if word in filter_text(a)]
        assert set(map(id, lst.shown_articles)) == set(map(id, want)) and 0 < len(want) < len(analysed.articles)
        assert "of" in str(lst.border_title)  # "Articles (N of M)": the title follows the answer


def test_a_scan_that_a_newer_keystroke_replaced_stops_within_a_chunk(monkeypatch):
    # a scan over 400k quotes takes 40-70 ms: left to run, it would hold the GIL from the next answer
    monkeypatch.setattr(corpus_list, "CHUNK", 10)
    texts = ["a quote"] * 100
    looks = []

    def stop() -> bool:
        looks.append(1)
        return len(looks) > 2  # the keystroke is replaced while the second chunk is scanned

    got = list(corpus_list.CorpusListScreen.select(None, "quote", texts, texts, None, stop))  # type: ignore[arg-type]
    assert got == list(range(20))
    answers = corpus_list.CorpusListScreen._answers
    screen = type("S", (), {"_kept": None, "NARROWS": True, "select": corpus_list.CorpusListScreen.select})()
    assert list(answers(screen, "quote", texts, texts, lambda: True)) == []  # type: ignore[arg-type]
    assert screen._kept is None  # a scan cut short is not kept as the answer typing on narrows


@pytest.mark.parametrize("slow", [True, False])
async def test_a_filter_shows_its_first_page_ahead_only_when_its_scan_is_slow(analysed, big, monkeypatch, slow):
    # a second answer is a second frame: worth it only when the whole answer takes a while
    monkeypatch.setattr(corpus_list, "PAGE", 3)
    monkeypatch.setattr(corpus_list, "PARTIAL_FROM", 0)
    monkeypatch.setattr(corpus_list, "PARTIAL_AFTER", -1.0 if slow else 60.0)  # every scan slow, or none
    shown: list[tuple[str, int, bool]] = []
    show = QuotesScreen._show

    def spy(self, answer, rebuild=False):
        shown.append((answer.needle, len(answer.shown), answer.complete))
        show(self, answer, rebuild)

    monkeypatch.setattr(QuotesScreen, "_show", spy)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_who_said_what(app, pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: shown[-1][0] == "e" and shown[-1][2])
        want = sum(1 for r in quote_rows(analysed) if r.matches("e"))
        first_page = [("e", 3, False)] if slow else []
        assert [s for s in shown if s[0] == "e"] == [*first_page, ("e", want, True)] and want > 3
        assert "counting" not in str(app.screen.query_one(".filter-list-count").render())
        screen = app.screen
        first = screen.shown[0].speaker  # its heading counts every match, not the first page's
        n = sum(1 for r in quote_rows(analysed) if r.matches("e") and r.speaker == first)
        assert screen.options.get_option_at_index(0).prompt.plain.endswith(f"({n})")


async def test_timeline_shows_the_chart_before_the_entity_series(analysed, big):
    from reader.model.outputs.timeline import entity_series

    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        top = await on_top_entity(pilot, analysed, "T")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen) and not app.screen.counting)
        screen = app.screen
        lst = screen.options
        while lst._next_page():
            pass
        mentions = [r for r in screen.rows if r is not None and r.span is not None]
        assert [r.article_ids[0] for r in mentions] == [p.article_id for p in entity_series(analysed, top)]


async def test_the_heap_is_frozen_once_the_palette_index_is_built(analysed):
    import gc

    gc.unfreeze()
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.search_index.key is not None)  # built after the first paint
        await app.workers.wait_for_complete()
        assert gc.get_freeze_count() > 0


async def palette_prompts(app, pilot, query: str) -> list[str]:
    """The palette's index once built (it starts after the first paint), then its rows for `query`."""
    from textual.command import CommandList, CommandPalette

    await wait_for(pilot, lambda: app.search_index.key is not None)
    await app.workers.wait_for_complete()
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: CommandPalette.is_open(app))
    await pilot.press(*query)
    lst = app.screen.query_one(CommandList)
    await wait_for(pilot, lambda: lst.option_count > 0)
    return [lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count)]


async def test_a_big_corpus_palette_finds_sentences_on_disk(analysed, monkeypatch):
    from reader.model.search import sentence_store
    from reader.model.search.sentence_store import SentenceStore

    monkeypatch.setattr(sentence_store, "BIG_CORPUS", 0)
    app = ReaderApp(analysed, analyse=False)
    async with app.run_test(size=(120, 36)) as pilot:
        prompts = await palette_prompts(app, pilot, "/ceasefire")
        assert any(isinstance(p, SentenceStore) for p in app.search_index.index.parts)
        assert prompts and all(p.startswith("sentence") for p in prompts)
        assert all("cease" in p.casefold() for p in prompts)


async def test_a_big_corpus_palette_finds_quotes_on_disk_by_their_words_and_speaker(analysed, monkeypatch):
    from reader.model.search import quote_store
    from reader.model.search.quote_store import QuoteStore

    monkeypatch.setattr(quote_store, "BIG_CORPUS", 0)
    app = ReaderApp(analysed, analyse=False)
    speaker = next(
        analysed.speaker_entity(a, q).name
        for a in analysed.articles
        for q in analysed.quotes_in(a)
        if analysed.speaker_entity(a, q) is not None
    )
    async with app.run_test(size=(120, 36)) as pilot:
        prompts = await palette_prompts(app, pilot, '"' + speaker.split()[-1])
        parts = app.search_index.index.parts
        assert any(isinstance(p, QuoteStore) for p in parts)
        assert "quote" not in parts[0].kinds  # in memory: commands, articles, entities only
        assert prompts and all(p.startswith("quote") for p in prompts)
        assert any(speaker in p for p in prompts)  # the help line names the speaker
