"""Telling the user about corpus notices: skipped files at start, cache and size notices later.

Each batch of new notices becomes one notification (reader.model.ingest.notice_summary.summarise): at start
for what loading skipped, and after analysis for what it found (a cache set aside or
unavailable, an article too long to analyse whole). ReaderApp owns one `CorpusNotices`.
"""

from __future__ import annotations

from reader.model.ingest.notice_summary import summarise
from reader.model.outputs.display import display_line


class CorpusNotices:
    """The corpus's notices not shown yet, shown through `app.notify`."""

    def __init__(self, app, corpus) -> None:
        self.app = app
        self.corpus = corpus
        self._shown = 0

    def show_load(self) -> None:
        """What loading skipped or refused (at start, and when every file is read): "5 files skipped"."""
        read = {str(f.path) for f in self.corpus.files}
        self._show(lambda new: summarise(new, read))

    def show_new(self, what: str) -> None:
        """Notices added since the last call, titled "<what> · 2 notices"."""

        def summary(new):
            title, body = summarise(new)
            return f"{what} · {title}", body

        self._show(summary)

    def _show(self, summary) -> None:
        notices = self.corpus.notices
        new = notices[self._shown :]
        self._shown = len(notices)
        if not new:
            return
        title, body = summary(new)
        # one line per notice, each made safe (file names and reasons come from outside)
        text = "\n".join(display_line(line) for line in body.split("\n"))
        self.app.notify(text, title=display_line(title), severity="warning", markup=False, timeout=12)
