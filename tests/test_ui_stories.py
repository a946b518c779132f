"""Wire copies in the list pane: a story told more than once shows once, at its earliest member,
with "also in N outlets"; `z` unfolds its copies below it and folds them again. The corpus is
built here: the seeds plus copies of two of them with a byline added (one copy per outlet via a
sidecar, one with no publisher known)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import messages_shown, wait_for

from reader.model.corpus.corpus import Corpus
from reader.ui.app import ReaderApp
from reader.ui.screens.entities import EntitiesScreen, entity_rows
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.list_entries import also_in

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FIRST, SECOND = "000_c671ad1916559834.txt", "001_aff0aa0c764f18b0.txt"  # Bloomberg 2020; no publisher


def copy_with_byline(folder: Path, src: str, name: str, byline: str, meta: dict | None = None) -> None:
    title, _, body = (SEEDS / src).read_text(encoding="utf-8").partition("\n")
    (folder / name).write_text(f"{title}\n\n{byline}\n{body}", encoding="utf-8")
    if meta:
        (folder / f"{Path(name).stem}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


@pytest.fixture
def copies_dir(tmp_path) -> Path:
    folder = tmp_path / "copies"
    folder.mkdir()
    for f in SEEDS.glob("*.txt"):
        (folder / f.name).write_bytes(f.read_bytes())
    copy_with_byline(folder, FIRST, "000_copy_a.txt", "By Jane Roe", {"publisher": "Wire A", "date": "2020-11-02"})
    copy_with_byline(
        folder, FIRST, "000_copy_b.txt", "By JOHN DOE, Staff Writer", {"publisher": "Wire B", "date": "2020-11-03"}
    )
    copy_with_byline(folder, SECOND, "001_copy.txt", "By Wire Staff")
    return folder


def by_file(corpus, name: str):
    return next(a for a in corpus.articles if Path(a.path).name == name)


def lines(lst: ArticleList) -> list[str]:
    """The list pane as shown (its visible lines)."""
    return ["".join(seg.text for seg in lst.render_line(y)).rstrip() for y in range(lst.size.height)]


async def grouped(app, pilot) -> None:
    await wait_for(pilot, lambda: app.main.stories is not None)
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_also_in_counts_outlets_else_copies(copies_dir):
    corpus = Corpus.load([str(copies_dir)])
    a, b, c = (by_file(corpus, n) for n in ("000_copy_a.txt", "000_copy_b.txt", "001_copy.txt"))
    assert also_in([a, b]) == "also in 2 outlets"
    assert also_in([a]) == "also in 1 outlet"
    assert also_in([c]) == "also 1 copy"  # no publisher known
    assert also_in([a, c]) == "also in 2 outlets"  # a copy of unknown publisher counts as one


async def test_story_shown_once_then_unfolded_and_opened(copies_dir):
    corpus = Corpus.load([str(copies_dir)])
    first, copy_a, copy_b = (by_file(corpus, n) for n in (FIRST, "000_copy_a.txt", "000_copy_b.txt"))
    second, copy_c = by_file(corpus, SECOND), by_file(corpus, "001_copy.txt")
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await grouped(app, pilot)
        lst = app.query_one(ArticleList)
        groups = {tuple(a.id for a in g.members) for g in app.main.stories}
        assert groups == {(first.id, copy_a.id, copy_b.id), (second.id, copy_c.id)}  # earliest dated first

        order = lst.articles_in_order
        assert len(order) == len(corpus.articles) - 3
        assert first in order and second in order
        assert not {copy_a.id, copy_b.id, copy_c.id} & {a.id for a in order}
        shown = lines(lst)
        assert shown[1].lstrip("▌ ").startswith("▸ also in 2 outlets · Bloomberg")
        assert shown[3].lstrip("▌ ") == "▸ also 1 copy"
        assert "Articles (11 · 8 stories)" in str(lst.border_title)

        lst.focus()
        await pilot.press("o")  # on the first story: its copies below it, indented
        await pilot.pause()
        order = lst.articles_in_order
        assert order[:3] == [first, copy_a, copy_b] and lst.highlighted is first
        shown = lines(lst)
        assert shown[1].lstrip("▌ ").startswith("▾ also in 2 outlets")
        # copies indented under the story (after the open/unread marker columns)
        assert shown[2].lstrip("▌• ").startswith("Armenia Calls for Peacekeepers") and shown[2].startswith("  ")
        assert shown[3].strip() == "copy · Wire A · 2020-11-02" and shown[3].startswith("     ")
        assert shown[5].strip() == "copy · Wire B · 2020-11-03"

        await pilot.press("j", "j", "enter")  # a copy opens as any article does
        await pilot.pause()
        assert app.main.pane.article is copy_b
        assert "000_copy_b.txt · 3/10" in str(app.main.article_view.border_title)

        lst.focus()
        await pilot.press("o")  # on a copy: folds its story, the cursor on the story
        await pilot.pause()
        assert lst.highlighted is first and copy_b not in lst.articles_in_order
        assert str(app.main.article_view.border_title) == "000_copy_b.txt"  # open, but folded away

        app.main.pane.open(copy_c)  # a folded copy opened from elsewhere (palette, link): it unfolds
        await pilot.pause()
        assert lst.highlighted is copy_c and lst.articles_in_order.index(copy_c) == 2

        await pilot.press("O")  # every story unfolded ...
        await pilot.pause()
        assert len(lst.articles_in_order) == len(corpus.articles)
        await pilot.press("O")  # ... and folded again
        await pilot.pause()
        assert len(lst.articles_in_order) == 8 and lst.highlighted is second

        await pilot.press("s")  # sorting keeps a story and its copies together
        await pilot.press("o")
        await pilot.pause()
        order = lst.articles_in_order
        k = order.index(second)
        assert order[k + 1] is copy_c


async def test_seeds_have_no_stories_and_keep_their_list(seeds_corpus):
    app = ReaderApp(seeds_corpus, analyse=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await grouped(app, pilot)
        lst = app.query_one(ArticleList)
        assert app.main.stories == [] and lst.articles_in_order == seeds_corpus.articles
        assert str(lst.border_title) == "Articles (8) · sort: file order"
        lst.focus()
        await pilot.press("o")
        await pilot.pause()
        assert "This story is told once" in messages_shown(app)


async def test_entity_counts_per_story(copies_dir):
    """`V` counts each entity's stories too (copies once: Corpus.story_key), and sorts on it."""
    from reader.model.analysis.nlp import ModelUnavailable

    corpus = Corpus.load([str(copies_dir)])
    try:
        corpus.analyse(cache=False)
    except ModelUnavailable:  # pragma: no cover - the model is a declared dependency
        pytest.skip("no spaCy model")
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(140, 36)) as pilot:
        await grouped(app, pilot)
        rows = {r.name: r for r in entity_rows(corpus, corpus.story_key)}
        pashinyan = next(r for n, r in rows.items() if n.endswith("Pashinyan"))
        holding = {a.id for a in corpus.articles if any(m[2] is pashinyan.entity for m in corpus.mentions_in(a))}
        assert pashinyan.articles == len(holding)
        assert pashinyan.stories == len({corpus.story_key(corpus.article(i)) for i in holding})
        assert pashinyan.stories == pashinyan.articles - 3  # both stories with copies name him
        assert all(r.stories == r.articles for r in entity_rows(corpus))  # no story_key: no grouping

        await pilot.press("V")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntitiesScreen)
        assert "stories" in screen.options.get_option_at_index(0).prompt.plain
        await pilot.press("ctrl+s", "ctrl+s")
        await pilot.pause()
        assert screen.sort_by == "stories"
        assert [r.stories for r in screen.shown] == sorted((r.stories for r in screen.rows), reverse=True)


def test_list_with_a_folded_story_snapshot(snap_compare, copies_dir):
    async def settle(pilot) -> None:
        await wait_for(pilot, lambda: pilot.app.main.stories is not None)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    app = ReaderApp(Corpus.load([str(copies_dir)]), analyse=False)
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle)


def test_grouping_stops_when_the_worker_is_cancelled(copies_dir):
    """Quitting while copies are grouped must not wait for the grouping to finish."""
    from reader.model.corpus.duplicates import GroupingCancelled
    from reader.ui.background import group_stories

    corpus = Corpus.load([str(copies_dir)])
    with pytest.raises(GroupingCancelled):
        corpus.duplicate_groups(lambda: True)
    posted, asked = [], []

    def quit_meanwhile() -> bool:  # not cancelled when grouping starts, cancelled once it runs
        asked.append(1)
        return len(asked) > 1

    group_stories(corpus, posted.append, quit_meanwhile)  # nothing posted, nothing kept
    assert len(asked) > 1 and posted == [] and corpus._groups is None
    group_stories(corpus, posted.append, lambda: False)
    assert [len(g.members) for g in posted[0].groups] == [3, 2] and not posted[0].error
