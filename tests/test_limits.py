"""Size limits: a huge article is shown whole but analysed in chunks and only in part, with a
notice in the app and the CLI; offsets stay exact. A 50 MB article opens, scrolls to its end
and keeps the UI answering."""

from __future__ import annotations

import random
import re
import time

import pytest
from conftest import messages_shown, wait_for

from reader.cli import main
from reader.model.analysis import limits
from reader.model.analysis import runner as runner_mod
from reader.model.analysis.limits import CHUNK_CHARS, MAX_ANALYSED_CHARS, analysis_chunks
from reader.model.analysis.results import FileAnalysis
from reader.model.corpus.corpus import Corpus
from reader.model.ingest.article import Block
from reader.model.ingest.paragraphs import line_spans
from reader.model.search.corpus_items import build_index
from reader.ui import rows
from reader.ui.app import ReaderApp

PARA = (
    'Mayor Lena Brandt met the council in Hamburg on Monday. "We will rebuild the bridge," '
    "Brandt said after the meeting. The council agreed to meet again in the spring. "
)


def spans_text(text: str, regions) -> str:
    return "".join(text[s:e] for s, e in regions)


# -- chunking ----------------------------------------------------------------------------------


def test_an_ordinary_article_is_one_chunk_of_its_regions():
    text = "Head\n\n" + "Body words here. " * 50 + "\n\nMore.\n"
    regions = [(0, 4), (6, 6 + 17 * 50 - 1), (len(text) - 6, len(text) - 1)]
    assert analysis_chunks(text, regions) == ([regions], None)
    assert analysis_chunks(text, []) == ([[]], None)


def test_chunks_stay_under_the_size_and_cover_the_text_exactly():
    text = "\n\n".join(PARA * (1 + i % 4) for i in range(60))
    regions, pos = [], 0
    for part in text.split("\n\n"):
        regions.append((pos, pos + len(part.rstrip())))
        pos += len(part) + 2
    chunks, stop = analysis_chunks(text, regions, limit=10**9, size=1000)
    assert stop is None and len(chunks) > 10
    for chunk in chunks:
        assert sum(e - s for s, e in chunk) + 2 * (len(chunk) - 1) <= 1000
    flat = [r for chunk in chunks for r in chunk]
    assert flat == sorted(flat)
    # pieces of a split paragraph end after a sentence and lose only the space between them
    assert "".join(text[s:e] for s, e in flat).replace(" ", "") == "".join(text[s:e] for s, e in regions).replace(
        " ", ""
    )
    assert all(text[e - 1] in '."' for s, e in flat)


def test_one_giant_paragraph_is_cut_at_spaces_or_hard():
    text = "word " * 5000
    chunks, _ = analysis_chunks(text, [(0, len(text) - 1)], limit=10**9, size=700)
    assert all(text[s] != " " and text[e - 1] != " " for c in chunks for s, e in c)
    assert all(e - s <= 700 for c in chunks for s, e in c)
    solid = "x" * 5000  # no space at all: cut at the size
    chunks, _ = analysis_chunks(solid, [(0, 5000)], limit=10**9, size=700)
    assert [e - s for c in chunks for s, e in c] == [700] * 7 + [100]


def test_the_cap_stops_analysis_after_a_sentence():
    text = PARA * 100
    chunks, stop = analysis_chunks(text, [(0, len(text) - 1)], limit=1000, size=400)
    assert stop is not None and 500 <= stop <= 1000 and text[stop - 1] == "."
    assert max(e for c in chunks for s, e in c) == stop


# -- wrapping a huge article fast ---------------------------------------------------------------------


def test_fast_wrap_makes_exactly_the_rows_of_the_word_by_word_wrap(monkeypatch):
    """ASCII blocks with single-character gaps wrap by a per-row regex: same rows, 2-3x faster."""
    rng = random.Random(8)
    alphabets = ("ab c\n\tdefghij.\x0b", "abc d\n\n\r", "a b\x1c\x0c c ", "ab\x0b\n", "abcdefghijklmnop q")
    fast_used = 0
    for alphabet in alphabets:
        for _ in range(400):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300)))
            if rng.random() < 0.7:
                text = re.sub(r"\s{2,}", lambda m: m.group()[0], text)
            text = text.strip()
            lines = tuple(line_spans(text, 0, len(text)))
            if not lines:
                continue
            for reflow in (True, False):
                block = Block(0, len(text), "body", lines, reflow)
                width = rng.randint(8, 30)
                fast = list(rows._block_rows(text, block, width))
                fast_used += not rows.WIDE_GAP.search(text)
                with monkeypatch.context() as m:
                    m.setattr(rows, "WIDE_GAP", re.compile(""))  # matches everywhere: word by word
                    assert list(rows._block_rows(text, block, width)) == fast, (text, width, reflow)
    assert fast_used > 500


# -- a capped analysis, for real ------------------------------------------------------------------


@pytest.fixture
def small_limits(monkeypatch):
    monkeypatch.setattr(limits, "MAX_ANALYSED_CHARS", 2500)
    monkeypatch.setattr(limits, "CHUNK_CHARS", 700)


def long_article(tmp_path, paragraphs: int = 40):
    d = tmp_path / "news"
    d.mkdir()
    body = "\n\n".join(PARA.replace("Lena", name) for name in ("Lena", "Anna", "Maria", "Eva") * (paragraphs // 4))
    (d / "long.txt").write_text("Bridge talks go on\n\n" + body + "\n", encoding="utf-8")
    return d


def test_capped_chunked_analysis_keeps_offsets_exact(tmp_path, small_limits):
    pytest.importorskip("spacy")
    corpus = Corpus.load([long_article(tmp_path)])
    art = corpus.articles[0]
    corpus.analyse(cache=False)
    [notice] = corpus.notices
    assert "cover only its first" in notice.message and notice.path == art.path
    stop = limits.analysis_stop(art)
    fa = corpus.analyses[0]
    assert fa.mentions and fa.quotes
    for m in fa.mentions:
        assert art.text[m.start : m.end] == m.text and m.end <= stop
    for q in fa.quotes:
        assert art.text[q.start : q.end] == q.text and q.end <= stop
    chunks, _ = limits.article_chunks(art)
    assert len(chunks) >= 3
    later = [m for m in fa.mentions if m.start >= chunks[1][0][0]]
    assert later  # chunks after the first were analysed too
    # corpus-level steps stop where analysis stopped: nothing tagged past the cap
    assert all(e <= stop for s, e, _ in corpus.mentions_in(art))


def fake_nlp(corpus, rest, by_file, regions, keys, model, store, stats, progress=None, *rest_args) -> None:
    for i in rest:
        corpus.set_analysis(i, FileAnalysis())
        stats.analysed += 1
        if progress is not None:
            progress(stats.analysed, len(rest), corpus.files[i].name)


def test_cli_says_when_an_article_is_analysed_in_part(tmp_path, small_limits, monkeypatch, capsys):
    monkeypatch.setattr(runner_mod, "_run_nlp", fake_nlp)
    d = long_article(tmp_path)
    assert main(["index", str(d)]) == 0
    err = capsys.readouterr().err
    assert err.count("very long article") == 1 and "long.txt" in err, err


# -- a 50 MB article in the app ---------------------------------------------------------------------


async def test_fifty_megabyte_article_opens_scrolls_and_is_analysed_in_part(tmp_path, monkeypatch):
    para = PARA * 6 + "\n\n"
    d = tmp_path / "huge"
    d.mkdir()
    last = "The very last paragraph of the huge file ends here."
    text = "A very long article\n\n" + para * (50_000_000 // len(para)) + last + "\n"
    (d / "huge.txt").write_text(text, encoding="utf-8")
    timings = {}
    t0 = time.perf_counter()
    corpus = Corpus.load([d])
    timings["load"] = time.perf_counter() - t0
    seen: list = []

    def recording_nlp(corpus, rest, by_file, regions, *args):
        seen.extend(regions[i] for i in rest)
        fake_nlp(corpus, rest, by_file, regions, *args)

    monkeypatch.setattr(runner_mod, "_run_nlp", recording_nlp)
    app = ReaderApp(corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.main.article_view
        view.focus()
        t0 = time.perf_counter()
        await pilot.press("G")
        await pilot.pause()
        timings["G"] = time.perf_counter() - t0
        # G waits for the rows of the whole article; a loaded machine may need more than one pause
        await wait_for(pilot, lambda: view._rows.done and view.scroll_offset.y == view.max_scroll_y, timeout=60)
        assert view.max_scroll_y > 100_000
        shown = "".join(seg.text for y in range(view.scrollable_content_region.height) for seg in view.render_line(y))
        assert "huge file ends here." in shown
        assert view.top_offset > len(text) - 10_000
        await pilot.press("k", "k", "b")
        assert view.scroll_offset.y < view.max_scroll_y
        t0 = time.perf_counter()
        await pilot.press("g")
        await pilot.pause()
        timings["g"] = time.perf_counter() - t0
        assert view.top_offset == corpus.articles[0].start
        notes = messages_shown(app)
        assert any("very long article" in n and "cover only its first" in n for n in notes), notes
        await app.search_index.get()
        await app.workers.wait_for_complete()  # the sentences are the index's second part
        index = app.search_index.index
    print({k: round(v, 2) for k, v in timings.items()})  # reported, not asserted
    [chunks] = seen
    assert sum(e - s for c in chunks for s, e in c) <= MAX_ANALYSED_CHARS
    assert all(sum(e - s for s, e in c) <= CHUNK_CHARS for c in chunks)
    sentences = [it for part in index.parts for it in part._items if it.kind == "sentence"]
    assert 0 < len(sentences) < MAX_ANALYSED_CHARS // 50  # the analysed part only, not 50 MB of it
    assert build_index(corpus, sentences=False)  # and the rest of the index is small too
