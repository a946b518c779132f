"""Copying text out of the app, and "copy quote with citation".

Routes, all tried every time:
1. `App.copy_to_clipboard` (OSC 52): always; fire-and-forget, works over SSH in good terminals.
2. The system clipboard, in a thread worker, when `pyperclip.determine_clipboard()` finds a
   mechanism. A helper program (xclip, xsel, wl-copy, pbcopy, clip.exe) is run here, not by
   pyperclip, so that it is time-boxed: one that hangs (an xclip that never exits) is killed
   after HELPER_TIMEOUT_S with its process group, one that exits non-zero counts as failed, and
   while one runs no second is started. Other mechanisms run in a daemon thread, time-boxed too.
   pyperclip's own calls wait forever and ignore exit codes: a hung helper made `c` silent and
   held quitting on a blank screen (the executor's threads are joined at exit).
3. When there is no system clipboard (or it failed): a modal with the text ready to select with
   the terminal's own selection, and the copied span added to the corpus's clippings (as `y`
   does; `Y` or `reader export clippings` gets it back).
A notification (markup off) says which routes were used, and which failed. ReaderApp owns one
`Copier`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from dataclasses import dataclass
from functools import partial

from reader.model.outputs.display import valid_text
from reader.ui.safe import notice_text

OSC52 = "terminal (OSC 52)"
HELPER_TIMEOUT_S = 2.0  # a clipboard helper takes milliseconds; one that takes this long is hung

# pyperclip's mechanisms that run a program: the program, as pyperclip runs it (clipboard selection)
HELPERS = {
    "copy_xclip": ["xclip", "-selection", "clipboard"],
    "copy_xsel": ["xsel", "-b", "-i"],
    "copy_wl": ["wl-copy"],
    "copy_osx_pbcopy": ["pbcopy", "w"],
    "copy_wsl": ["clip.exe"],
}


@dataclass(frozen=True, slots=True)
class SystemCopy:
    """What the system clipboard route did: `route` names it; `ok`; `problem` says why not."""

    route: str | None  # None: there is no system clipboard here
    ok: bool = False
    problem: str = ""


_lock = threading.Lock()  # one helper at a time
_running: subprocess.Popen | None = None
_stuck: threading.Thread | None = None  # a non-program mechanism that never returned


def system_copy(text: str, timeout: float = HELPER_TIMEOUT_S) -> SystemCopy:
    """Copy `text` to the system clipboard, in at most about `timeout` seconds."""
    try:
        import pyperclip

        copy_fn, _ = pyperclip.determine_clipboard()
    except Exception:  # pyperclip missing or its probing failed: no system clipboard
        return SystemCopy(None)
    if not copy_fn:  # ClipboardUnavailable is falsy
        return SystemCopy(None)
    name = getattr(copy_fn, "__name__", "") or ""
    route = name.removeprefix("copy_").replace("_", "-") if name.startswith("copy_") else "system clipboard"
    if name == "copy_xclip":
        route = "xclip"
    if not _lock.acquire(blocking=False):
        return SystemCopy(route, problem="busy: the previous copy has not finished")
    try:
        if _stuck is not None and _stuck.is_alive():
            return SystemCopy(route, problem=f"did not answer the last time (over {timeout:g} s)")
        data = valid_text(text).encode("utf-8")
        if name in HELPERS:
            return SystemCopy(route, *_run_helper(HELPERS[name], data, timeout))
        return SystemCopy(route, *_call_in_thread(copy_fn, valid_text(text), timeout))
    finally:
        _lock.release()


def _run_helper(cmd: list[str], data: bytes, timeout: float) -> tuple[bool, str]:
    global _running
    try:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,  # never the app's terminal; and xclip's daemon must not hold a pipe
            stderr=subprocess.DEVNULL,
            close_fds=True,
            start_new_session=True,  # its own group: killed whole, and no terminal signals
        )
    except OSError as exc:
        return False, f"could not be started ({exc.strerror or exc})"
    _running = proc
    try:
        proc.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        return False, f"did not finish in {timeout:g} s and was stopped"
    except OSError as exc:  # it died before reading (a broken pipe)
        _kill(proc)
        return False, f"failed ({exc.strerror or exc})"
    finally:
        _running = None
    if proc.returncode != 0:
        return False, f"failed (exit status {proc.returncode})"
    return True, ""


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        proc.wait(timeout=1)
    except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL does not wait
        pass


def _call_in_thread(copy_fn, text: str, timeout: float) -> tuple[bool, str]:
    """A mechanism without a program (Windows, pyobjc, Qt, klipper): a daemon thread, so a
    call that never returns cannot hold the app's exit."""
    global _stuck
    outcome: list = []

    def call() -> None:
        try:
            copy_fn(text)
            outcome.append(None)
        except Exception as exc:
            outcome.append(exc)

    t = threading.Thread(target=call, name="clipboard", daemon=True)
    t.start()
    t.join(timeout)
    if t.is_alive():
        _stuck = t
        return False, f"did not finish in {timeout:g} s"
    if outcome and outcome[0] is not None:
        return False, f"failed ({type(outcome[0]).__name__})"
    return True, ""


def stop_helpers() -> None:
    """On quit: a helper still running is killed (its copy would be lost anyway)."""
    proc = _running
    if proc is not None:
        _kill(proc)


class Copier:
    """The copy routes, the citation style (`C` cycles it) and `c` (copy quote with citation)."""

    def __init__(self, app, corpus, clipper) -> None:
        self.app = app
        self.corpus = corpus
        self.clipper = clipper  # a copy that may not paste is kept in the clippings
        self.style = "plain"

    def copy(self, text: str, what: str = "Copied", span: tuple | None = None) -> None:
        """Copy `text`; `span` (article, start, end) is what it cites, clipped when paste may fail."""
        text = valid_text(text)  # no lone surrogate (a file name's stray byte) can reach a terminal or helper
        self.app.copy_to_clipboard(text)  # OSC 52, always
        self.app.run_worker(
            partial(self._with_pyperclip, text, what, span),
            thread=True,
            exit_on_error=False,
            group="clipboard",
            description="clipboard",
        )

    def _with_pyperclip(self, text: str, what: str, span: tuple | None) -> None:
        result = system_copy(text)
        self.app.call_from_thread(self._copied, text, what, result, span)

    def _copied(self, text: str, what: str, result: SystemCopy, span: tuple | None = None) -> None:
        app = self.app
        routes = [OSC52]
        if result.ok:
            routes.append(result.route or "system clipboard")
            app.notify(notice_text(f"{what} via {' + '.join(routes)}"), title="Copied", markup=False)
            return
        clipped = self.clipper.add(*span) if span is not None else None
        if clipped is not None:
            routes.append(f"added to clippings ({clipped[1]}; Y to view)")
        from reader.ui.screens.citation import CitationScreen

        if not isinstance(app.screen, CitationScreen):
            app.push_screen(CitationScreen(text))
        why = f"the system clipboard ({result.route}) {result.problem}" if result.route else "no system clipboard"
        app.notify(
            notice_text(
                f"{what} via {' + '.join(routes)}; {why}, so paste may not work in this terminal: select the text shown"
            ),
            title="Copied",
            severity="warning",
            markup=False,
            timeout=8,
        )

    def copy_quote(self, pane) -> None:
        """`c`: the mouse selection in the reading pane, else the quote at the reading position, cited."""
        # citations load with the first copy, not before the first paint
        from reader.model.outputs.corpus_citations import quote_citation, selection_citation

        art = pane.article
        if art is None:
            return
        sel = pane.selection_span()
        if sel is not None:  # a mouse selection in the reading pane: cite it
            text = selection_citation(self.corpus, art, sel, self.style)
            self.copy(text, f"Selection with {self.style} citation", (art, *sel))
            return
        q = pane.quotes.current
        if q is None:
            self.app.notify(pane.quotes.no_quotes_reason(), markup=False, severity="warning")
            return
        pane.make_current(q.start, q.end)
        text = quote_citation(self.corpus, art, q, self.style)
        self.copy(text, f"Quote with {self.style} citation", (art, q.start, q.end))

    def cycle_style(self) -> None:
        from reader.model.outputs.citation_styles import STYLES

        i = STYLES.index(self.style) if self.style in STYLES else -1
        self.style = STYLES[(i + 1) % len(STYLES)]
        self.app.notify(f"Citation style: {self.style}", markup=False)
