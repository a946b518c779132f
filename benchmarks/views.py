#!/usr/bin/env python3
"""The views at scale: open time and per-keystroke latency of the real widgets, headless.

Usage:
  python benchmarks/views.py [--quick] [--sizes 10k,100k] [--data DIR] [--timeout 900] [--views palette,...] [--gap MS]

Each corpus runs in a fresh process: the real ReaderApp under `App.run_test` (headless, 160x48)
opens it warm, waits until analysis (from the cache) and every background worker has finished, then
drives each view with Pilot key presses:
- palette (ctrl+p; then "palette_no_match": letters that leave no hit), entity view (V), who said what (Q), concordance (K, on the corpus's most
  mentioned entity), timeline (T) and the article list's filter (/ in the list);
- entity navigation in the reading pane: "open" = the jump to the most mentioned entity's first
  mention in reading order (the entity view's pick), then e/ctrl+e, n/N and ]/[ (answered once
  nothing waits for the walk over the corpus: `ReadingPane.waiting_for_walk`);
- "open" = from the key press to the first refresh that shows the view with its rows;
- each keystroke (a query typed a letter at a time; in the timeline: u and the arrows) = from the
  key press to the first refresh that shows the answer to it.
Keys go in as the terminal driver delivers them (Pilot.press would add its 40+ ms wait for idle),
each as soon as the last one is answered, or `--gap` ms after it. Textual draws at most 60 frames a
second, so a key sent just after a frame has its answer drawn no sooner than 16.7 ms after that
frame whatever it costs; a person's keys come 80 ms or more apart: `--gap 20` leaves each key a
frame's time after the last answer, so what is timed is the key's own latency.
A key is answered once the app has taken it and the view shows the answer: a view that answers
from a worker says for what query its rows are in `answered` (the timeline: `computing` is false
again); the palette's answer is the refresh of its hit list for the typed text. The time is that
of the first frame drawn once the key is in no message queue and the view holds its answer (what
the key posted may still be handled after that frame: a worker's end, a highlight bubbling up);
the run goes on once every message it caused has been handled, and a key whose answer changed
nothing on screen is timed at the first refresh after that.
Queries come from the corpus itself (a word of a quote, the start of an entity's name, a word of
a title), so every size gets comparable work.

Corpora: the seeds and 1k with --quick; 10k and 100k otherwise (benchmarks/archive.py writes the
archives and fills their caches, as benchmarks/startup.py explains; --data DIR keeps them there
as archive-<size>/cache-<size>, and an existing pair is reused). Every run copies the cache to a
scratch directory first, so the kept one is never written. The last line is JSON:
{"<size>": {"<view>": {"open_ms", "open_cpu_ms", "p50_ms", "p95_ms", "cpu_p50_ms", "proc_cpu_p50_ms", "keys"},
"ready_s", "rss_mb", "load", "gap_ms"}} (cpu_p50_ms: median CPU time per key of the UI thread, the driver's own polling
included, open_cpu_ms the same for the open; proc_cpu_p50_ms: of the whole process, workers included; rss_mb: the app's peak resident
memory, its own VmHWM); a view that kept one wait beyond --timeout has {"timed_out_after_s"} instead and the run
goes on. `--views` measures only the views named (palette, entities, quotes, concordance, timeline,
list_filter, entity_nav).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import archive  # noqa: E402

DRIVER = (
    archive.PEAK_RSS_MB
    + r"""
import asyncio, json, statistics, sys, time
from pathlib import Path
import reader.ui.app
from reader.cli import open_corpus
from reader.ui.app import ReaderApp
from textual import events
from textual.command import CommandPalette
from textual.keys import _character_to_key

TIMEOUT = float(sys.argv[1])
VIEWS = set(sys.argv[2].split(","))
GAP = float(sys.argv[3]) / 1000  # s between an answer drawn and the next key
out = {}

keys_seen = [0]  # key events the app has taken from the driver
MISS = "qzxj"  # typed after the palette's query: no item has these letters in a row

class Bench(ReaderApp):
    CSS_PATH = str(Path(reader.ui.app.__file__).with_name("reader.tcss"))

    async def on_event(self, event):
        if isinstance(event, events.Key):
            keys_seen[0] += 1
        await super().on_event(event)

    def _display(self, screen, renderable):
        # each frame drawn: the first one that shows the answer to the key being timed is its time
        super()._display(screen, renderable)
        if renderable is not None and not self._batch_count and watching and watching[-1]():
            drawn.append(time.perf_counter())
            watching.clear()

watching = []  # while a key is timed: is what a frame shows now the answer to it?
drawn = []  # the time of that frame

refreshed = []  # the query each time the palette's hit list is filled
def _spy_on(cls):  # Textual's palette fills its list here; the app's own palette may do it itself
    orig = cls.__dict__["_refresh_command_list"]
    def _spy(self, command_list, commands, clear_current):
        orig(self, command_list, commands, clear_current)
        refreshed.append(self.query_one("CommandInput").value)
    cls._refresh_command_list = _spy
from reader.ui.palette import ReaderPalette
for cls in (CommandPalette, ReaderPalette):
    if "_refresh_command_list" in cls.__dict__:
        _spy_on(cls)

async def after_refresh(app):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    app.screen.call_after_refresh(lambda: fut.done() or fut.set_result(time.perf_counter()))
    return await asyncio.wait_for(fut, TIMEOUT)

async def wait_until(cond, timeout=None):
    end = time.perf_counter() + (timeout or TIMEOUT)
    while not cond():
        if time.perf_counter() > end:
            raise TimeoutError
        await asyncio.sleep(0.0005)

def send(app, key):
    # the key as the terminal driver delivers it (Pilot.press then waits 40 ms or more for idle)
    char = key if len(key) == 1 else None
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    event = events.Key(key, char)
    event.set_sender(app)
    app._driver.send_message(event)

def settled(app):
    # every message handled: the key, and what handling it posted (Input.Changed, callbacks...)
    pumps = [app, *app.screen.walk_children(with_self=True)]
    return all(p._message_queue.empty() for p in pumps)

def key_handled(app):
    # the key is in no queue any more (taken by the app, the screen, the focused widget, bubbled)
    pumps = [app, *app.screen.walk_children(with_self=True)]
    return not any(isinstance(m, events.Key) for p in pumps for m in p._message_queue.values)

cpu = []  # (UI thread, all threads) CPU ms of each timed key: less sensitive to the load than wall time

async def timed(pilot, key, cond):
    # `key`: a key to send, or a call to make (what a view's pick does, e.g. go to an entity)
    app = pilot.app
    if GAP:
        await asyncio.sleep(GAP)
    t0, c0, p0 = time.perf_counter(), time.thread_time(), time.process_time()
    seen = keys_seen[0]
    if callable(key):
        key()
        seen -= 1
    else:
        send(app, key)
    # the key taken by the app first: a view whose answer is already true (the timeline is not
    # computing) would otherwise be timed before it even saw the key
    drawn.clear()
    watching[:] = [lambda: keys_seen[0] > seen and key_handled(app) and cond()]
    await wait_until(lambda: keys_seen[0] > seen and settled(app) and cond())
    done = await after_refresh(app)
    watching.clear()
    cpu.append(((time.thread_time() - c0) * 1000, (time.process_time() - p0) * 1000))
    # the first frame that showed the answer; what the key posted may still have been handled
    # after it (a worker's end, a highlight message bubbling up), and the refresh after those
    # would time a frame that shows nothing new
    return (min([done, *drawn]) - t0) * 1000

def answered(app, screen_type, query=None):
    def cond():
        s = app.screen
        if not isinstance(s, screen_type):
            return False
        got = getattr(s, "answered", query)  # a view that fills in a worker says for what query
        return got == query
    return cond

def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]

def record(name, open_ms, keys):
    key_cpu = cpu[-len(keys):] if keys else []
    open_cpu = cpu[-len(keys) - 1][0] if len(cpu) > len(keys) and open_ms is not None else None
    out[name] = {
        "open_ms": None if open_ms is None else round(open_ms, 1),
        "open_cpu_ms": None if open_cpu is None else round(open_cpu, 1),
        "p50_ms": round(statistics.median(keys), 1) if keys else None,
        "p95_ms": round(pct(keys, 95), 1) if keys else None,
        "cpu_p50_ms": round(statistics.median(c for c, _ in key_cpu), 1) if keys else None,
        "proc_cpu_p50_ms": round(statistics.median(p for _, p in key_cpu), 1) if keys else None,
        "keys": len(keys),
    }
    print(name, out[name], [round(k) for k in keys], [round(c) for c, _ in key_cpu], file=sys.stderr, flush=True)

def busy(app):
    return [w for w in app.workers if not w.is_finished]

async def escape(pilot, screen_type):
    await pilot.press("escape")
    await wait_until(lambda: not isinstance(pilot.app.screen, screen_type))
    await pilot.pause()

async def type_query(pilot, query, screen_type):
    keys = []
    for i, ch in enumerate(query):
        typed = query[: i + 1]
        keys.append(await timed(pilot, ch, answered(pilot.app, screen_type, typed.strip().casefold())))
    return keys

async def guarded(pilot, name, section):
    # one view's measurements; a wait past TIMEOUT is recorded as such and the run goes on
    if name not in VIEWS:
        return
    try:
        await section()
    except TimeoutError:
        out[name] = {"timed_out_after_s": TIMEOUT}
        print(name, out[name], file=sys.stderr, flush=True)
        for _ in range(3):  # back to the main screen, however long the view takes to let go
            if pilot.app.screen is pilot.app.main:
                break
            send(pilot.app, "escape")
            await asyncio.sleep(1)
            await wait_until(lambda: settled(pilot.app), 3 * TIMEOUT)

async def main():
    t0 = time.perf_counter()
    corpus = open_corpus(sys.argv[4:])
    app = Bench(corpus)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_until(lambda: corpus.analysed and not corpus.loading and not busy(app), 4 * TIMEOUT)
        await pilot.pause()
        out["ready_s"] = round(time.perf_counter() - t0, 1)
        print("ready", out["ready_s"], file=sys.stderr, flush=True)
        main = app.main
        from reader.ui.screens.concordance import ConcordanceScreen
        from reader.ui.screens.entities import EntitiesScreen
        from reader.ui.screens.quotes import QuotesScreen
        from reader.ui.screens.timeline import TimelineScreen

        # queries from the corpus: the most mentioned entity, a word of a quote, a title word
        top = max(corpus.entities, key=lambda e: len(getattr(e, "mentions", ())))
        ent_q = top.name.split()[-1][:6].lower()
        quote_q = next(
            (w for art in corpus.articles[:50] for q in corpus.quotes_in(art) for w in q.text.split()
             if w.isalpha() and len(w) >= 7),
            "minister",
        ).lower()
        title_q = next(w for a in corpus.articles for w in a.title.split() if w.isalpha() and len(w) >= 6).lower()

        async def palette():
            refreshed.clear()
            open_ms = await timed(pilot, "ctrl+p", lambda: isinstance(app.screen, CommandPalette) and refreshed)
            keys = []
            for i, ch in enumerate(ent_q):
                typed = ent_q[: i + 1]
                keys.append(await timed(pilot, ch, lambda typed=typed: refreshed and refreshed[-1] == typed))
            record("palette", open_ms, keys)
            # then letters that leave no hit (a typo): the answer is the empty list
            keys = []
            for i, ch in enumerate(MISS):
                typed = ent_q + MISS[: i + 1]
                keys.append(await timed(pilot, ch, lambda typed=typed: refreshed and refreshed[-1] == typed))
            record("palette_no_match", None, keys)
            await escape(pilot, CommandPalette)

        def filter_view(name, key, screen_type, q):
            async def run():
                main.article_view.focus()
                await pilot.pause()
                open_ms = await timed(pilot, key, answered(app, screen_type, ""))
                record(name, open_ms, await type_query(pilot, q, screen_type))
                await escape(pilot, screen_type)
            return run

        async def timeline():
            main.article_view.focus()
            await pilot.pause()
            charted = lambda: isinstance(app.screen, TimelineScreen) and not getattr(app.screen, "computing", False)  # noqa: E731
            open_ms = await timed(pilot, "T", charted)
            keys = []
            for k in ("u", "down", "down", "u", "up", "u", "down", "u", "u", "down"):
                keys.append(await timed(pilot, k, charted))
            record("timeline", open_ms, keys)
            await escape(pilot, TimelineScreen)

        async def list_filter():
            lst = main.article_list
            lst.focus()
            await pilot.pause()
            # shown: laid out (it has a region) as well as focused
            open_ms = await timed(pilot, "slash", lambda: main.list_filter.has_focus and main.list_filter.region.height > 0)
            keys = []
            for i, ch in enumerate(title_q):
                typed = title_q[: i + 1]
                keys.append(await timed(pilot, ch, lambda typed=typed: getattr(lst, "answered", lst.filter_text) == typed))
            record("list_filter", open_ms, keys)
            await pilot.press("escape")
            await pilot.pause()

        await guarded(pilot, "palette", palette)
        await guarded(pilot, "entities", filter_view("entities", "V", EntitiesScreen, ent_q))
        await guarded(pilot, "quotes", filter_view("quotes", "Q", QuotesScreen, quote_q))
        main.go_to_entity(top.id)  # the concordance and the timeline are about the most mentioned entity
        await guarded(pilot, "concordance", filter_view("concordance", "K", ConcordanceScreen, "the "))
        await guarded(pilot, "timeline", timeline)
        async def entity_nav():
            # the most mentioned entity from its first mention in reading order (the entity
            # view's pick: "open"), then e/ctrl+e (names on screen), n/N (within the article) and
            # ]/[ (across articles); a key is answered once nothing waits for the walk over the corpus
            pane = main.pane
            walked = lambda: not getattr(pane, "waiting_for_walk", False)  # noqa: E731
            main.article_view.focus()
            await pilot.pause()
            open_ms = await timed(pilot, lambda: main.go_to_entity(top.id), walked)
            keys = []
            for k in ("right_square_bracket", "right_square_bracket", "n", "N", "left_square_bracket",
                      "e", "n", "right_square_bracket", "ctrl+e", "e", "left_square_bracket", "e"):
                keys.append(await timed(pilot, k, walked))
            record("entity_nav", open_ms, keys)

        await guarded(pilot, "list_filter", list_filter)
        await guarded(pilot, "entity_nav", entity_nav)
        app.exit()

asyncio.run(main())
out["rss_mb"] = round(peak_rss_mb())  # the app's own peak (archive.PEAK_RSS_MB says why not ru_maxrss)
print(json.dumps(out))
"""
)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def corpus_for(label: str, data: Path) -> tuple[list[str], Path]:
    """The files and a filled cache for `label` (seeds, 1k, 10k, 100k), made in `data` if missing."""
    if label == "seeds":
        return [str(ROOT / "seeds")], data / "cache-seeds"
    n = int(label.rstrip("k")) * 1000
    folder = archive.make_archive(data / f"archive-{label}", n, min(n, 1000))
    cache = data / f"cache-{label}"
    filled = cache / "filled.json"
    if not filled.exists():
        donor = data / "cache-10k"  # the 10k archive holds the same distinct articles: their records serve
        done = archive.fill_cache(
            folder,
            cache,
            donor=donor if donor.exists() else None,
            log=lambda m: print(f"{label}: {m}", file=sys.stderr),
        )
        print(f"{label}: cache filled: {done}", file=sys.stderr)
        filled.write_text(json.dumps({"files": n}), encoding="utf-8")
    return [str(folder)], cache


VIEWS = ("palette", "entities", "quotes", "concordance", "timeline", "list_filter", "entity_nav")


def run(label: str, data: Path, timeout: float, views: str = ",".join(VIEWS), gap: float = 0.0) -> dict:
    paths, kept = corpus_for(label, data)
    with tempfile.TemporaryDirectory() as scratch:
        cache = Path(scratch) / "cache"
        if kept.exists():
            shutil.copytree(kept, cache, symlinks=True)
        driver = Path(scratch) / "views_driver.py"  # a file: Textual resolves CSS paths via the class's file
        driver.write_text(DRIVER, encoding="utf-8")
        before = load()
        out = subprocess.run(
            [sys.executable, str(driver), str(timeout), views, str(gap), *paths],
            capture_output=True,
            text=True,
            # this checkout's code, not an installed copy of reader
            env=dict(archive.env_for(cache), PYTHONPATH=str(ROOT)),
            cwd=ROOT,
            timeout=timeout * 60,
        )
        if out.returncode != 0:
            raise SystemExit(f"{label}: driver failed: {out.stderr[-3000:]}")
        got = json.loads(out.stdout.strip().splitlines()[-1])
    for line in out.stderr.splitlines():  # each view's figures, then its keys' wall and UI-thread CPU ms
        if line.startswith(VIEWS):
            print(f"{label}: {line}", file=sys.stderr)
    got["load"] = f"{before} → {load()}"
    got["gap_ms"] = gap
    print(f"{label}: {json.dumps(got)}", file=sys.stderr, flush=True)
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="the seeds and 1k only")
    ap.add_argument("--sizes", default="10k,100k", help="corpora without --quick (default 10k,100k)")
    ap.add_argument("--data", type=Path, help="keep archives and caches here (reused on later runs)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds any one wait may take")
    ap.add_argument("--views", default=",".join(VIEWS), help="the views to measure (default: all)")
    ap.add_argument("--gap", type=float, default=0.0, help="ms from an answer drawn to the next key (default 0)")
    args = ap.parse_args()
    if unknown := set(args.views.split(",")) - set(VIEWS):
        ap.error(f"unknown view(s) {', '.join(sorted(unknown))}: choose from {', '.join(VIEWS)}")
    labels = ["seeds", "1k"] if args.quick else [x.strip() for x in args.sizes.split(",") if x.strip()]
    result = {}
    with tempfile.TemporaryDirectory() as scratch:
        data = args.data or Path(scratch)
        data.mkdir(parents=True, exist_ok=True)
        for label in labels:
            result[label] = run(label, data, args.timeout, args.views, args.gap)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
