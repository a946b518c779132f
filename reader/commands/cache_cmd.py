"""`reader index [PATH ...]` (analyse ahead of time) and `reader cache info|clear`."""

from __future__ import annotations

import argparse
import sys
import time

from reader.model.outputs.display import terminal_safe
from reader.model.outputs.wording import count


class _Progress:
    """A tqdm bar on a terminal; otherwise a plain line every few seconds (logs, CI)."""

    def __init__(self, remote: bool = False) -> None:
        self.remote = remote  # the model is loaded on the cluster's workers already
        self.bar = None
        self.tty = sys.stderr.isatty()
        self.last = 0.0
        self.started = time.perf_counter()

    def __call__(self, done: int, total: int, label: str) -> None:
        from reader.commands.common import say

        if done == 0:
            files = f"{total} file{'s' * (total != 1)} to analyse"
            say(f"reader: {files} on the cluster" if self.remote else f"reader: {files}; loading the language model")
            if self.tty:
                import tqdm

                tqdm.tqdm.monitor_interval = 0  # no monitor thread: lets analysis fork workers safely
                self.bar = tqdm.tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)
            return
        if self.bar is not None:
            self.bar.set_postfix_str(terminal_safe(label[-30:]), refresh=False)
            self.bar.update(done - self.bar.n)
            return
        now = time.perf_counter()
        if done == total or now - self.last >= 2.0:
            self.last = now
            say(f"reader: analysed {done}/{total} files ({100 * done // max(total, 1)}%, {now - self.started:.0f} s)")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _group_stories(corpus, say) -> None:
    """Wire copies grouped now and kept (store/stories_cache.py), so the app's open finds them."""
    try:
        corpus.duplicate_groups()
    except ImportError as exc:  # datasketch missing: the app says so when it groups
        say(f"reader: wire copies not grouped ({exc})")


def _sentence_store(corpus, say) -> None:
    """A big corpus's palette sentences indexed on disk now, so the app's first palette finds them."""
    from reader.model.search.sentence_store import BIG_CORPUS, big_corpus_store

    if len(corpus.articles) >= BIG_CORPUS and big_corpus_store(corpus) is None:
        say("reader: the palette's sentence index could not be written; the app will try again")


def _quote_store(corpus, say) -> None:
    """A big corpus's palette quotes indexed on disk now, so the app's first palette finds them."""
    from reader.model.search.quote_store import BIG_CORPUS, big_corpus_quotes

    if len(corpus.articles) >= BIG_CORPUS and big_corpus_quotes(corpus) is None:
        say("reader: the palette's quote index could not be written; the app will try again")


def _quote_count(corpus) -> int:
    """Every file's quotes counted without keeping every decoded analysis (gigabytes at 100k files)."""
    quotes_of = getattr(corpus.analyses, "quotes_of", corpus.analyses.get)
    return sum(len(fa.quotes) for i in list(corpus.analyses) if (fa := quotes_of(i)) is not None)


def cmd_index(args: argparse.Namespace) -> int:
    from reader.commands.common import emit_json, load_corpus, say
    from reader.model.store.analysis_cache import AnalysisCache

    t0 = time.perf_counter()
    corpus = load_corpus(args)
    if not corpus.files:  # load_corpus said so
        return 1
    shown = len(corpus.notices)
    engine = _engine(args, say)
    if engine is False:
        return 2
    store = AnalysisCache()
    progress = _Progress(remote=engine is not None)
    try:
        stats = corpus.analyse(progress=progress, cache=store, engine=engine)
    except KeyboardInterrupt:
        progress.close()
        say(f"reader: {count(store.saved, 'newly analysed file')} kept in the cache")
        raise
    finally:
        progress.close()
        store.close()
        if engine is not None:
            engine.close()
    for n in corpus.notices[shown:]:
        say(f"reader: {n}")
    if stats.failed:
        for e in stats.errors:
            say(f"reader: could not analyse {e}")
        say(
            f"reader: {stats.failed} file(s) failed on the cluster after {_retries()} retries; the other "
            f"{stats.analysed} are in the cache; run the command again to retry the rest"
        )
        return 1
    if not stats.cancelled:
        _group_stories(corpus, say)
        _sentence_store(corpus, say)
        _quote_store(corpus, say)
    words = sum(a.words for a in corpus.articles)
    summary = {
        "files": stats.files,
        "articles": len(corpus.articles),
        "words": words,
        "cached": stats.cached,
        "analysed": stats.analysed,
        "entities": len(corpus.entities),
        "quotes": _quote_count(corpus),
        "seconds": round(time.perf_counter() - t0, 2),
        "cache": str(store.path) if store.enabled else None,
    }
    if engine is not None:
        summary["worker_threads"] = stats.n_process
    if args.json:
        emit_json(summary)
    else:
        print(
            f"indexed {count(summary['files'], 'file')} ({count(summary['articles'], 'article')}, "
            f"{count(words, 'word')}): {stats.cached:,} from the cache, {stats.analysed:,} analysed, "
            f"in {summary['seconds']:.1f} s; {count(summary['entities'], 'entity')}, "
            f"{count(summary['quotes'], 'quote')}"
        )
        print(terminal_safe(f"cache: {summary['cache'] or 'unavailable'}"))
    return 0


def _engine(args: argparse.Namespace, say):
    """None for the local path; a started DaskEngine for --workers/--cluster; False when that
    failed (the reason said)."""
    if args.workers is None and args.cluster is None:
        return None
    if args.workers is not None and args.cluster is not None:
        say("reader: give --workers (a cluster on this machine) or --cluster (an existing one), not both")
        return False
    if args.workers is not None and args.workers < 1:
        say("reader: --workers must be at least 1")
        return False
    from reader.model.analysis.cluster import ClusterUnavailable, CodeMismatch, DaskEngine

    try:
        return DaskEngine(address=args.cluster, workers=args.workers).start(say)
    except (ClusterUnavailable, CodeMismatch) as exc:
        say(f"reader: {exc}")
        return False


def _retries() -> int:
    from reader.model.analysis.cluster import RETRIES

    return RETRIES


def cmd_cache(args: argparse.Namespace) -> int:
    from reader.commands.common import emit_json, say
    from reader.model.analysis.fingerprint import ANALYSIS_VERSION
    from reader.model.analysis.nlp import model_key
    from reader.model.store.analysis_cache import AnalysisCache

    with AnalysisCache() as store:
        for m in store.notices:
            say(f"reader: {m}")
        if args.action == "clear":
            seen = len(store.notices)
            n = store.clear()
            for m in store.notices[seen:]:
                say(f"reader: {m}")
            if args.json:
                emit_json({"path": str(store.path), "removed": n})
            else:
                print(terminal_safe(f"removed {count(n, 'cached analysis')} from {store.path}"))
            return 0
        info = store.info()
    data = {
        "path": info.path,
        "size": info.size,
        "entries": info.entries,
        "extracted": info.extractions,
        "models": info.models,
        "current_model": model_key(),
        "analysis_version": ANALYSIS_VERSION,
        "enabled": info.enabled,
    }
    if args.json:
        emit_json(data)
        return 0
    print(terminal_safe(f"path:     {info.path}{'' if info.enabled else '  (unavailable)'}"))
    print(f"size:     {_size(info.size)}")
    print(f"entries:  {info.entries:,}")
    print(f"extracted: {count(info.extractions, 'imported file')} (web pages, PDFs, exports, ...)")
    print(f"model:    {data['current_model']}")
    for model, n in sorted(info.models.items()):
        if model != data["current_model"]:
            print(f"          {count(n, 'entry')} from {model}")
    return 0


def _size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def register(sub, add) -> None:
    sp = add("index", cmd_index, "analyse files ahead of time into the analysis cache, with progress on stderr")
    sp.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="analyse on a Dask cluster of N worker processes on this machine (one thread each; "
        "needs pip install 'reader[cluster]')",
    )
    sp.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="analyse on a running Dask cluster, e.g. tcp://scheduler:8786 (every worker needs the same "
        "reader and spaCy model); the cache is written here",
    )
    sp = sub.add_parser(
        "cache",
        help="show (info) or empty (clear) the analysis cache",
        description="show (info) or empty (clear) the analysis cache",
    )
    sp.add_argument("action", nargs="?", choices=("info", "clear"), default="info")
    sp.add_argument("--json", action="store_true", help="print JSON")
    sp.set_defaults(func=cmd_cache)
