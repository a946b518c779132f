"""What the app's worker threads do: read the files not read before the first paint (a big
corpus opens in two steps, reader.model.corpus.corpus load_more), then analyse the corpus; and,
in a worker of its own once that is over, group wire copies (`group_stories`).

It only tells the UI how it goes, by posting messages (reader/ui/messages.py); the app handles
them on the event loop.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message import Message

from reader.model.gcpause import made_long_lived
from reader.ui.messages import AnalysisDone, AnalysisFailed, AnalysisProgress, LoadDone, LoadProgress, StoriesGrouped


def load_and_analyse(corpus, analyse: bool, post: Callable[[Message], object], cancelled: Callable[[], bool]) -> None:
    """In a worker thread: the rest of the files, then (when `analyse`) the analysis. What each
    makes lives as long as the corpus: it is frozen before the collector runs again (`made_long_lived`)."""
    if corpus.loading:
        with made_long_lived():  # at 100k articles, a million new objects no collection need scan
            corpus.load_more(progress=lambda done, total, _: post(LoadProgress(done, total)), cancelled=cancelled)
        post(LoadDone())
    if not analyse or cancelled():
        return
    total = sum(1 for i in range(len(corpus.files)) if i not in corpus.analyses)
    post(AnalysisProgress(0, total, "checking the analysis cache"))
    try:
        with made_long_lived():
            corpus.analyse(
                progress=lambda done, total, label: post(AnalysisProgress(done, total, label)), cancelled=cancelled
            )
    except Exception as exc:  # a missing model or a bug in one file must not end the app
        post(AnalysisFailed(f"{type(exc).__name__}: {exc}"))
        return
    if not cancelled():
        post(AnalysisDone())


def group_stories(corpus, post: Callable[[Message], object], cancelled: Callable[[], bool]) -> None:
    """In a worker thread: the stories told more than once (datasketch; seconds at 10k articles)."""
    if cancelled():
        return
    from reader.model.corpus.duplicates import GroupingCancelled

    try:
        with made_long_lived():  # the groups are kept (gcpause.py)
            groups = corpus.duplicate_groups(cancelled)
    except GroupingCancelled:  # the app is quitting
        return
    except Exception as exc:  # e.g. datasketch missing: the list shows every copy, as before
        post(StoriesGrouped([], f"{type(exc).__name__}: {exc}"))
        return
    if not cancelled():
        post(StoriesGrouped(list(groups)))
