"""The per-file analysis on a Dask cluster (`reader index --workers N` / `--cluster ADDRESS`).

Workers run the very code of the local path (`pipeline.analyse_jobs` and `merge`) and send back
each file's result encoded as the cache stores it; this process writes the records under the
keys it computed itself (`runner.plan`), so a cache filled on a cluster is the cache a laptop
would have filled. Dask does the scheduling: retries (`retries=`), lost workers, progress
(`as_completed`); we only keep a bounded number of batches in flight so that the texts of a
million articles never sit in the scheduler at once. A worker plugin loads spaCy once per
worker and states which analysis code and model the worker runs: a worker whose code or model
differs from this machine's would file results under keys they do not belong to, so its
results are refused.

Dask is an optional extra (`pip install 'reader[cluster]'`); this module imports it only when
a cluster is asked for.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from reader.model.analysis.runner import AnalyseStats, Pending, Progress, save_encoded

PLUGIN_NAME = "reader-analysis"
TASK_CHARS = 30_000  # characters of analysed text per task: about a second of spaCy on one core
TASK_FILES = 32  # files per task at most
IN_FLIGHT_PER_THREAD = 3  # batches queued per worker thread: never idle, never the whole corpus
RETRIES = 2  # a task that raised or lost its worker is run again this many times
WORKER_WAIT_S = 60.0  # how long to wait for a scheduler's first worker


class ClusterUnavailable(RuntimeError):
    """Dask is missing, the scheduler cannot be reached, or the workers cannot run reader."""


class CodeMismatch(RuntimeError):
    """A worker runs other analysis code or another model than this machine."""


def signature() -> tuple[int, str, str]:
    """What a result depends on besides its input: analysis version, code fingerprint, model."""
    from reader.model.analysis.fingerprint import ANALYSIS_VERSION, rules_fingerprint
    from reader.model.analysis.nlp import model_key

    return ANALYSIS_VERSION, rules_fingerprint(), model_key()


def _import_dask():
    try:
        import distributed
    except ImportError as exc:  # the extra is not installed
        raise ClusterUnavailable(
            f"a cluster needs Dask ({exc.name or 'distributed'} is not installed): pip install 'reader[cluster]'"
        ) from None
    return distributed


def _analysis_plugin(quiet_sigint: bool):
    from distributed.diagnostics.plugin import WorkerPlugin

    class ReaderAnalysis(WorkerPlugin):
        """On each worker: the spaCy pipeline, loaded once, and the worker's `signature()`."""

        name = PLUGIN_NAME
        idempotent = True

        def __init__(self, quiet_sigint: bool) -> None:
            self.quiet_sigint = quiet_sigint
            self.nlp: Any = None
            self.signature: tuple | None = None

        async def setup(self, worker) -> None:
            if self.quiet_sigint:  # our own LocalCluster: Ctrl-C is this process's to handle
                _ignore_sigint()
            loop = asyncio.get_running_loop()
            # Off the event loop, so the worker keeps answering the scheduler while spaCy loads.
            self.nlp, self.signature = await loop.run_in_executor(None, _load)

    return ReaderAnalysis(quiet_sigint)


def _load():
    from reader.model.analysis.nlp import load_pipeline

    return load_pipeline(), signature()


def _ignore_sigint() -> None:
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: the worker was started by other means
        pass


def analyse_batch(batch: list[tuple[str, list]]) -> tuple[tuple | None, list[bytes]]:
    """On a worker: (source text, article chunks) per file -> the worker's signature and each
    file's `FileAnalysis.to_json()` encoded as the cache keeps it."""
    from distributed import get_worker

    from reader.model.analysis import pipeline
    from reader.model.store.analysis_cache import encode

    plugin: Any = get_worker().plugins[PLUGIN_NAME]
    results = pipeline.analyse_jobs(((text, r) for text, chunks in batch for r in chunks), plugin.nlp)
    try:
        out = [encode(pipeline.merge([next(results) for _ in chunks]).to_json()) for _text, chunks in batch]
    finally:
        results.close()
    return plugin.signature, out


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Processes started inside inherit SIGINT ignored (Python keeps an inherited SIG_IGN), so
    the terminal's Ctrl-C, sent to the whole process group, reaches only this process: it stops
    the workers itself, and no worker dies printing a traceback."""
    try:
        old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


class DaskEngine:
    """A Dask client (to a scheduler at `address`, or to a LocalCluster of `workers` processes
    of one thread each) that runs per-file analyses: an `Engine` for `runner.analyse_corpus`."""

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        if (address is None) == (workers is None):
            raise ValueError("give a scheduler address or a number of workers")
        if workers is not None and workers < 1:
            raise ValueError("--workers must be at least 1")
        self.address = address
        self.n_workers = workers
        self.client: Any = None
        self.cluster: Any = None
        self.worker_peak_rss: dict[str, int] = {}

    # -- starting and stopping -----------------------------------------------------------------
    def start(self, say: Callable[[str], None] | None = None) -> DaskEngine:
        distributed = _import_dask()
        try:
            if self.address is None:
                with _sigint_ignored():
                    self.cluster = distributed.LocalCluster(
                        n_workers=self.n_workers,
                        threads_per_worker=1,  # spaCy in one thread per process: the GIL allows no more
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                self.client = distributed.Client(self.cluster, set_as_default=False)
            else:
                self.client = distributed.Client(self.address, set_as_default=False, timeout="10s")
                if not self.client.scheduler_info().get("workers"):
                    if say is not None:
                        say(f"reader: waiting for the scheduler's first worker (up to {WORKER_WAIT_S:.0f} s)")
                    self.client.wait_for_workers(1, timeout=WORKER_WAIT_S)
        except (OSError, TimeoutError) as exc:  # asyncio.TimeoutError is TimeoutError since 3.11
            self.close()
            where = self.address or f"a local cluster of {self.n_workers} workers"
            raise ClusterUnavailable(f"cannot use {where}: {exc or type(exc).__name__}") from None
        except BaseException:
            self.close()
            raise
        if say is not None:
            say(f"reader: {self.describe()}; loading the language model on each worker")
        try:
            self.client.register_plugin(_analysis_plugin(quiet_sigint=self.cluster is not None))
        except BaseException as exc:
            self.close()
            if isinstance(exc, Exception):
                raise ClusterUnavailable(
                    f"the workers cannot run reader's analysis ({type(exc).__name__}: {exc}); "
                    "install the same reader, with its spaCy model, on every worker"
                ) from None
            raise
        mine = signature()
        for worker, theirs in self.client.run(_worker_signature).items():
            if tuple(theirs) != mine:
                self.close()
                raise CodeMismatch(_mismatch(worker, tuple(theirs), mine))
        return self

    def describe(self) -> str:
        info = self.client.scheduler_info() if self.client is not None else {}
        workers = info.get("workers", {})
        threads = sum(w.get("nthreads", 0) for w in workers.values())
        where = "a local Dask cluster" if self.cluster is not None else f"the Dask scheduler at {self.address}"
        return f"{where}: {len(workers)} worker{'s' * (len(workers) != 1)}, {threads} thread{'s' * (threads != 1)}"

    def threads(self) -> int:
        try:
            return max(1, sum(self.client.nthreads().values()))
        except Exception:  # the scheduler is momentarily unreachable: keep going with a guess
            return 1

    def close(self) -> None:
        if self.client is not None:
            try:
                self.worker_peak_rss = dict(self.client.run(_peak_rss)) if self.cluster is not None else {}
            except Exception:
                pass
            try:
                self.client.close()
            except Exception:
                pass
            self.client = None
        if self.cluster is not None:
            try:
                self.cluster.close()
            except Exception:
                pass
            self.cluster = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the work ------------------------------------------------------------------------------
    def analyse(
        self,
        corpus,
        pending: Pending,
        store,
        stats: AnalyseStats,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        """Analyse `pending` on the cluster; save each file's result as its batch arrives."""
        from distributed import as_completed

        files = pending.files
        stats.words = sum(e - s for i in files for chunk in pending.regions[i] for s, e in chunk) // 6
        stats.n_process = self.threads()
        if cancelled is not None and cancelled():
            stats.cancelled = True
            return
        if progress is not None:
            progress(0, len(files), "")
        batches = _batches(files, pending.regions)
        run = uuid.uuid4().hex[:8]
        mine = signature()
        futures: dict[Any, list[int]] = {}

        def submit():
            try:
                n, members = next(batches)
            except StopIteration:
                return None
            payload = [(corpus.files[i].text, pending.regions[i]) for i in members]
            fut = self.client.submit(
                analyse_batch, payload, key=f"reader-analyse-{run}-{n}", retries=RETRIES, pure=False
            )
            futures[fut] = members
            return fut

        window = IN_FLIGHT_PER_THREAD * stats.n_process
        for _ in range(window):
            if submit() is None:
                break
        done_files = 0
        checked = time.monotonic()
        queue = as_completed(list(futures), loop=self.client.loop)
        try:
            for fut in queue:
                members = futures.pop(fut)
                if fut.status == "finished":
                    theirs, raws = fut.result()
                    if tuple(theirs) != mine:
                        raise CodeMismatch(_mismatch(_where(fut), tuple(theirs), mine))
                    for i, raw in zip(members, raws):
                        save_encoded(corpus, store, i, pending.keys[i], pending.model, raw)
                    stats.analysed += len(members)
                else:  # failed after its retries (e.g. it killed its workers): the rest go on
                    stats.failed += len(members)
                    if len(stats.errors) < 5:
                        stats.errors.append(_failure(fut, [corpus.files[i].name for i in members]))
                done_files += len(members)
                if progress is not None:
                    progress(done_files, len(files), corpus.files[members[-1]].name)
                if cancelled is not None and cancelled():
                    stats.cancelled = done_files < len(files)
                    break
                if time.monotonic() - checked > 5.0:  # workers may have joined: keep them all busy
                    checked = time.monotonic()
                    window = IN_FLIGHT_PER_THREAD * self.threads()
                while len(futures) < window and (new := submit()) is not None:
                    queue.add(new)
        finally:
            if futures:
                try:
                    self.client.cancel(list(futures))
                except Exception:
                    pass
        if stats.failed:
            stats.cancelled = True  # a partial corpus must not be grouped and cached as whole


def _batches(files: list[int], regions: dict[int, list]) -> Iterator[tuple[int, list[int]]]:
    """Consecutive files in batches of about TASK_CHARS analysed characters."""
    batch: list[int] = []
    chars = 0
    n = 0
    for i in files:
        size = sum(e - s for chunk in regions[i] for s, e in chunk)
        if batch and (chars + size > TASK_CHARS or len(batch) >= TASK_FILES):
            yield n, batch
            n += 1
            batch, chars = [], 0
        batch.append(i)
        chars += size
    if batch:
        yield n, batch


def _worker_signature(dask_worker):  # `Client.run` passes the worker by this name
    return dask_worker.plugins[PLUGIN_NAME].signature


def _peak_rss() -> int:
    """A worker's own peak resident memory in bytes: VmHWM on Linux. Not `ru_maxrss`, which Linux
    carries over fork and exec: a spawned worker reported the peak of the client that started its
    nanny (a client holding 660 MB gave 659 MB for a worker that had used 61)."""
    import resource
    import sys

    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) * 1024
    except (OSError, StopIteration):  # not Linux (macOS reports ru_maxrss in bytes, others KiB)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


def _where(fut) -> str:
    try:
        return str(fut.client.who_has([fut]).get(fut.key, ["a worker"])[0])
    except Exception:
        return "a worker"


def _mismatch(worker: str, theirs: tuple, mine: tuple) -> str:
    return (
        f"worker {worker} runs other analysis code or another model (version {theirs[0]}, code {theirs[1]}, "
        f"model {theirs[2]}) than this machine (version {mine[0]}, code {mine[1]}, model {mine[2]}); "
        "install the same reader and spaCy model on every worker"
    )


def _failure(fut, names: list[str]) -> str:
    try:
        exc = fut.exception(timeout=1)
        why = f"{type(exc).__name__}: {exc}"
    except Exception as err:
        why = type(err).__name__
    first = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"{first}: {why}"
