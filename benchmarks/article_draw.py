#!/usr/bin/env python3
"""The reading pane drawing a screenful of rows it has not drawn before, this code against another
checkout's, side by side.

Usage:
  python benchmarks/article_draw.py --against /path/to/other/checkout [--rounds 40] [--size 160x48]

What ]/[ (another article) or a page down costs the pane: its kept strips, row texts and Textual's
line cache are dropped, then `render_lines` draws its whole region (borders, padding and all,
through Textual's StylesCache), at four scroll positions of the longest seed with highlights of
every kind, find matches and a current span. The other checkout's `render_line` and the methods
it calls are loaded from its files (its article_view.py and the modules it draws through:
article_row.py, highlight_layers.py, row_strips.py, rows.py, imported apart from this code's)
and run on the same mounted widget, alternating with this code's, round by round (a shared machine's load swings; only a comparison within a run means
anything). Times are the UI thread's CPU time per screenful. Both must draw the same segments.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import re
import statistics
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from textual.geometry import Region  # noqa: E402
from textual.scroll_view import ScrollView  # noqa: E402

from reader.model.corpus.corpus import Corpus  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402
from reader.ui.widgets.article_view import ArticleView  # noqa: E402

CLASSES = ("article-view--person", "article-view--place", "article-view--org", "article-view--norp")
THEIRS = ("render_line", "_render_row", "_draw_row", "_match_spans", "_frame_now", "_spans_in")
# a checkout from before widgets/highlight_layers.py kept the highlights on the view itself
OLD_STATE = {
    "_spans": "spans",
    "_span_maxend": "_span_maxend",
    "_current": "current",
    "_matches": "matches",
    "_match_ends": "_match_ends",
    "_match_current": "match_current",
}


def _reader_modules() -> dict:
    return {k: m for k, m in sys.modules.items() if k == "reader" or k.startswith("reader.")}


def load_other(checkout: Path) -> type:
    """The other checkout's ArticleView, its module's imports (reader.*) its own too."""
    ours = _reader_modules()
    for name in ours:
        del sys.modules[name]
    sys.path.insert(0, str(checkout))
    try:
        module = importlib.import_module("reader.ui.widgets.article_view")
    finally:
        sys.path.remove(str(checkout))
        for name in _reader_modules():
            del sys.modules[name]
        sys.modules.update(ours)
    assert Path(module.__file__ or "").resolve().is_relative_to(checkout.resolve()), module.__file__
    return module.ArticleView


def highlight(view: ArticleView) -> None:
    text = view.article.text
    spans = [
        (m.start(), m.end(), CLASSES[i % 4]) for i, m in enumerate(re.finditer(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*", text))
    ]
    spans += [(m.start(), m.end(), "article-view--quote") for m in re.finditer(r"[\"“][^\"”]{3,400}[\"”]", text)]
    view.set_spans(spans)
    matches = [m.span() for m in re.finditer(r"\bthe\b", text)]
    view.set_matches(matches, len(matches) // 2 if matches else None)


def use(view: ArticleView, other: type | None) -> None:
    """Draw with this code's methods (`other` None) or the other checkout's."""
    for name in (*THEIRS, *OLD_STATE, "render_lines", "_pass"):
        view.__dict__.pop(name, None)
    if other is None:
        return
    if "_spans_in" in other.__dict__:  # the highlights where it keeps them
        for name, now in OLD_STATE.items():
            setattr(view, name, getattr(view.highlights, now))
    for name in THEIRS:
        if name in other.__dict__:
            setattr(view, name, types.MethodType(other.__dict__[name], view))
    if "_pass" in other.__init__.__code__.co_names:  # a style made once per pass (pass_style.py)
        from reader.ui.widgets.pass_style import PassStyle

        view._pass = PassStyle()  # type: ignore[attr-defined]

        def render_lines(crop: Region):
            with view._pass.drawing(view):  # type: ignore[attr-defined]
                return ScrollView.render_lines(view, crop)

        view.render_lines = render_lines  # type: ignore[method-assign]
    elif "render_lines" in other.__dict__:  # what a pass shares made once (article_row.Frame)
        if "_frame" not in other.__dict__["render_lines"].__code__.co_names:
            raise SystemExit("the other checkout's render_lines is not one this benchmark knows how to run")

        def framed(crop: Region):  # its render_lines, which calls super() and cannot be bound here
            view._frame = view._frame_now()
            try:
                return ScrollView.render_lines(view, crop)
            finally:
                view._frame = None

        view.render_lines = framed  # type: ignore[method-assign]


def screenful(view: ArticleView) -> list:
    view._strips.clear()
    view._row_texts.clear()
    view._styles_cache.clear()
    return view.render_lines(Region(0, 0, *view.region.size))


async def main(args: argparse.Namespace) -> None:
    other = load_other(Path(args.against))
    corpus = Corpus.load([str(ROOT / "seeds")])
    width, height = (int(x) for x in args.size.split("x"))
    app = ReaderApp(corpus, analyse=False)
    async with app.run_test(size=(width, height)) as pilot:
        await pilot.pause()
        view = app.query_one(ArticleView)
        view.show(max(corpus.articles, key=lambda a: len(a.text)))
        await pilot.pause()
        highlight(view)
        await pilot.pause()
        view._rows.wrap_until(offset=None, rows=None)
        view._update_virtual_size()
        page = view.scrollable_content_region.height
        tops = sorted({min(top, int(view.max_scroll_y)) for top in (0, page // 2, page, 2 * page)})
        view.set_current(view._rows.starts[5], view._rows.ends[7], comfortable=False)
        times: dict[str, list[float]] = {"other": [], "this": []}
        for r in range(args.rounds):
            for name in ("other", "this") if r % 2 else ("this", "other"):
                use(view, other if name == "other" else None)
                spent = 0.0
                for top in tops:
                    view.scroll_to(y=top, animate=False, immediate=True)
                    t0 = time.thread_time()
                    screenful(view)
                    spent += time.thread_time() - t0
                times[name].append(spent / len(tops) * 1000)
        drawn = {}
        for name in ("other", "this"):
            use(view, other if name == "other" else None)
            drawn[name] = [[(s.text, s.style, s.control) for s in strip] for strip in screenful(view)]
        use(view, None)
    assert drawn["this"] == drawn["other"], "the two draw different segments"
    print(f"{args.size}, {len(drawn['this'])} lines a screenful, {args.rounds} rounds, CPU ms a screenful:")
    for name, label in (("other", args.against), ("this", str(ROOT))):
        v = sorted(times[name])
        print(f"  {label}: median {statistics.median(v):.2f}  min {v[0]:.2f}  p90 {v[int(len(v) * 0.9)]:.2f}")
    ratio = statistics.median(times["this"]) / statistics.median(times["other"])
    print(f"  this / other: median {ratio:.3f}, min {min(times['this']) / min(times['other']):.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, help="another checkout of reader (its article_view.py)")
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--size", default="160x48")
    asyncio.run(main(parser.parse_args()))
