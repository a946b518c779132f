"""Telling the user about corpus notices: skipped files at start, cache and size notices later.

Each batch of new notices becomes one notification (reader.model.ingest.notice_summary.summarise): at start
for what loading skipped, and after analysis for what it found (a cache set aside or
unavailable, an article too long to analyse whole).
"""

from __future__ import annotations

from reader.model.ingest.notice_summary import summarise
from reader.model.outputs.display import display_line


class NoticesMixin:
    """For ReaderApp: needs `corpus`."""

    _notices_shown = 0

    def show_load_notices(self) -> None:
        """What loading skipped or refused (call once, when the app starts): "5 files skipped"."""
        read = {str(f.path) for f in self.corpus.files}
        self._show_notices(lambda new: summarise(new, read))

    def show_new_notices(self, what: str) -> None:
        """Notices added since the last call, titled "<what> · 2 notices"."""

        def summary(new):
            title, body = summarise(new)
            return f"{what} · {title}", body

        self._show_notices(summary)

    def _show_notices(self, summary) -> None:
        notices = self.corpus.notices
        new = notices[self._notices_shown :]
        self._notices_shown = len(notices)
        if not new:
            return
        title, body = summary(new)
        # one line per notice, each made safe (file names and reasons come from outside)
        text = "\n".join(display_line(line) for line in body.split("\n"))
        self.notify(text, title=display_line(title), severity="warning", markup=False, timeout=12)

    def on_analysis_done(self, _event) -> None:
        self.show_new_notices("Analysis")

    def on_analysis_failed(self, _event) -> None:
        self.show_new_notices("Analysis")
