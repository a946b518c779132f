"""The reading pane: offsets, resize, selection, highlights, clicks, laziness, analysis hooks."""

from __future__ import annotations

import time

from conftest import messages_shown
from textual.geometry import Offset
from textual.selection import Selection

from reader.model.corpus.corpus import Corpus
from reader.ui.app import ReaderApp
from reader.ui.rows import row_text
from reader.ui.widgets.article_row import GUTTER
from reader.ui.widgets.article_view import ArticleView


def place(view: ArticleView, offset: int) -> tuple[int, int]:
    """(col, row) where source `offset` is displayed (columns count the margin gutter)."""
    row = view._rows.row_of(offset)
    return GUTTER + view._row_text(row).src_to_col(offset), row


def test_row_text_maps_columns_to_source():
    src = "Hello  big\n  world\tagain"
    rt = row_text(src, 0, len(src))
    assert rt.text == "Hello big world again"
    for word in ("Hello", "big", "world", "again"):
        i = src.index(word)
        col = rt.src_to_col(i)
        assert rt.text[col : col + len(word)] == word
        assert rt.col_to_src(col) == i


async def test_top_offset_survives_resize(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        view.focus()
        await pilot.pause()
        await pilot.press("space", "j", "j", "j")
        await pilot.pause()
        top = view.top_offset
        assert top > view.article.start
        for size in ((200, 60), (80, 24), (120, 40), (100, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            y = int(view.scroll_offset.y)
            want = view._rows.row_of(top)
            if y < view.max_scroll_y:
                # the reading position is the top text row again (a blank row may precede it)
                assert want - 1 <= y <= want, size
                assert view.top_offset <= top < view._rows.ends[want], size
            else:  # the end of the article is reached: the position is still on screen
                assert y <= want < y + view.scrollable_content_region.height, size


async def test_selection_returns_exact_source(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 30)):
        view = app.query_one(ArticleView)
        text = view.article.text
        a = text.index("Nikol Pashinyan")
        b = a + len("Nikol Pashinyan")
        (c1, r1), (c2, r2) = place(view, a), place(view, b)
        got, _ = view.get_selection(Selection(Offset(c1, r1), Offset(c2, r2)))
        assert got == "Nikol Pashinyan"
        assert view.selected_span == (a, b)
        # across wrapped rows and a hard line break: the exact source, newline and all
        a2 = text.index("Armenia reported")
        b2 = text.index("Armenian Prime")
        (c1, r1), (c2, r2) = place(view, a2), place(view, b2)
        got, _ = view.get_selection(Selection(Offset(c1, r1), Offset(c2, r2)))
        assert got == text[a2:b2]


async def test_spans_styled_and_clickable(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        text = view.article.text
        a = text.index("Pashinyan")
        b = a + len("Pashinyan")
        view.set_spans([(a, b, "article-view--person")])
        await pilot.pause()
        col, row = place(view, a)
        strip = view.render_line(row - int(view.scroll_offset.y))
        x = 0
        styles = {}
        for seg in strip:
            for _ch in seg.text:
                styles[x] = seg.style
                x += 1
        assert styles[col].underline and not styles[col - 2].underline  # non-colour cue
        gutter = view.styles.gutter
        await pilot.click(ArticleView, offset=(gutter.left + col + 2, gutter.top + row - int(view.scroll_offset.y)))
        await pilot.pause()
        assert view.current_span == (a, b)
        assert "person: Pashinyan" in str(app.query_one("#status-article").render())


async def test_set_current_scrolls_into_view(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ArticleView)
        end = view.article.end - 5
        view.set_current(end - 10, end)
        await pilot.pause()
        row = view._rows.row_of(end - 10)
        top = int(view.scroll_offset.y)
        assert top <= row < top + view.scrollable_content_region.height


async def test_big_article_mounts_lazily(tmp_path):
    para = ("word " * 15 + "\n") * 6 + "\n"
    (tmp_path / "big.txt").write_text("Big Article\n\n" + para * 3000, encoding="utf-8")  # ~1.4 MB
    corpus = Corpus.load([str(tmp_path)])
    app = ReaderApp(corpus, analyse=False)
    t0 = time.perf_counter()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert time.perf_counter() - t0 < 5
        view.show(view.article)
        assert not view._rows.done  # only the first screens are wrapped up front
        for _ in range(100):  # the rest follows in the background, in small steps
            if view._rows.done:
                break
            await pilot.pause(0.05)
        assert view._rows.done
        view.show(view.article)
        view.focus()
        await pilot.press("G")
        await pilot.pause()
        assert view._rows.done
        assert view.scroll_offset.y == view.max_scroll_y
        assert "word" in "".join(s.text for s in view.render_line(view.scrollable_content_region.height - 1))


class Ent:
    kind = "PERSON"


class FakeAnalysedCorpus(Corpus):
    """Analysis without spaCy: one PERSON mention of "Pashinyan" in the first article."""

    def analyse(self, progress=None, cancelled=None):
        for i in range(len(self.files)):
            self.analyses[i] = object()
            progress(i + 1, len(self.files), self.files[i].name)

    def mentions_in(self, article):
        a = article.text.index("Pashinyan") if article is self.articles[0] else 0
        return [(a, a + 9, Ent())] if article is self.articles[0] else []

    def quotes_in(self, article):
        return []

    def terms_in(self, article):
        return []


class FailingCorpus(Corpus):
    def analyse(self, progress=None, cancelled=None):
        raise RuntimeError("no spaCy model [/] installed")


async def test_analysis_applies_highlights(seeds_dir):
    corpus = FakeAnalysedCorpus.load([str(seeds_dir)])
    a = corpus.articles[0].text.index("Pashinyan")
    app = ReaderApp(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.spans_at(a + 1) == [(a, a + 9, "article-view--person")]
        assert "Analysed" in str(app.query_one("#status-analysis").render())


async def test_analysis_failure_keeps_app_usable(seeds_dir):
    app = ReaderApp(FailingCorpus.load([str(seeds_dir)]))
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("no spaCy model [/] installed" in m for m in messages_shown(app))
        assert "unavailable" in str(app.query_one("#status-analysis").render())
        await pilot.press("j", "enter")
        assert app.main.pane.article is app.query_one("ArticleList").articles_in_order[1]


async def test_mouse_drag_selects_exact_source(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.query_one(ArticleView)
        text = view.article.text
        a = text.index("Armenia reported")
        b = text.index("key strategic") + len("key")
        (c1, r1), (c2, r2) = place(view, a), place(view, b - 1)  # the pointer's cell is included
        g = view.styles.gutter
        await pilot.mouse_down(ArticleView, offset=(g.left + c1, g.top + r1))
        await pilot.hover(ArticleView, offset=(g.left + c2, g.top + r2))
        await pilot.mouse_up(ArticleView, offset=(g.left + c2, g.top + r2))
        await pilot.pause()
        assert app.screen.get_selected_text() == text[a:b]
        assert view.selected_span == (a, b)


def test_ui_import_does_not_load_spacy():
    import subprocess
    import sys

    code = "import sys, reader.ui.app; sys.exit(1 if 'spacy' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
