"""Messages posted up to the app (dataclasses; burst-y ones coalesce with can_replace)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class AnalysisProgress(Message):
    """Analysis advanced: `done` of `total` files, `label` names the last one."""

    done: int
    total: int
    label: str

    def can_replace(self, message: Message) -> bool:
        # only the latest progress matters to the status line
        return isinstance(message, AnalysisProgress)


@dataclass
class AnalysisDone(Message):
    """The corpus finished analysing (entities and quotes are available)."""


@dataclass
class AnalysisFailed(Message):
    """Analysis raised; `error` is a one-line description for the user."""

    error: str


@dataclass
class LoadProgress(Message):
    """More files were read in the background: `done` of `total`."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LoadProgress)


@dataclass
class LoadDone(Message):
    """Every file found has been read."""


@dataclass
class CorrectionRequested(Message):
    """A correction key: `op` ("merge", "split", "rename", "kind", "reject", "undo") on `entity`;
    an undo from the corrections list names the correction (`cid`), else it undoes the last."""

    op: str
    entity: object | None = None
    cid: int | None = None


@dataclass
class StoriesGrouped(Message):
    """Wire copies and near-duplicates were grouped (corpus.duplicate_groups(), in the worker):
    `groups` are DuplicateGroups; `error` says why grouping failed (then `groups` is empty)."""

    groups: list
    error: str = ""
