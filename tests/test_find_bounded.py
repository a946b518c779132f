"""No find query can hang: RE2 for what it can run, a killable process for the rest (issue 18, item 1).

The slow cases run in a subprocess with a timeout, so that on code that backtracks the test
fails instead of hanging the suite.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from reader.model.search.find_in_article import (
    FindError,
    FindQuery,
    FindTimeout,
    compile_query,
    find_matches,
)
from reader.model.search.search_process import WORKER

ROOT = Path(__file__).resolve().parent.parent


def run_py(code: str, timeout: float) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout, env=env
    )


@pytest.mark.parametrize(
    "pattern, text",
    [
        (r"(a+)+$", "a" * 40 + "b"),  # the classic: 2^40 ways to fail
        (r"(\w+\s?)+$", "Officials said the committee would meet again " * 3 + "!"),
        (r"(x+x+)+y", "x" * 5000),
    ],
)
def test_catastrophic_regexes_finish_at_once(pattern, text):
    out = run_py(
        f"""
        import time
        from reader.model.search.find_in_article import FindQuery, find_matches
        t = time.monotonic()
        r = find_matches({text!r}, FindQuery({pattern!r}, regex=True))
        print(len(r.spans), round(time.monotonic() - t, 3))
        """,
        timeout=30,
    )
    assert out.returncode == 0, out.stderr
    assert float(out.stdout.split()[1]) < 2


def test_a_phrase_starting_with_a_space_is_linear_on_a_run_of_spaces():
    # Python's engine is quadratic here: `\s+x` tried from each of 200,000 spaces
    out = run_py(
        """
        import time
        from reader.model.search.find_in_article import FindQuery, find_matches
        t = time.monotonic()
        find_matches(" " * 200_000 + "y", FindQuery(" x"))
        print(round(time.monotonic() - t, 3))
        """,
        timeout=30,
    )
    assert out.returncode == 0, out.stderr
    assert float(out.stdout) < 2


def test_a_backtracking_only_regex_is_stopped_at_its_deadline_and_its_process_killed():
    q = FindQuery(r"(?=a)(a+)+$", regex=True)  # lookahead: RE2 cannot run it
    c = compile_query(q)
    assert c.re2_source is None and "lookahead" in c.why_python
    t = time.monotonic()
    with pytest.raises(FindTimeout) as info:
        find_matches("a" * 40 + "b", q, timeout=1.0)
    assert time.monotonic() - t < 5
    assert "lookahead" in str(info.value)
    assert WORKER.pid is None  # killed, not left running
    # the next search starts a fresh process and works
    assert find_matches("xaay", FindQuery(r"(?<=x)a+", regex=True)).spans == [(1, 3)]


def test_a_running_search_is_cancelled_promptly():
    q = FindQuery(r"(?=a)(a+)+$", regex=True)
    t = time.monotonic()
    deadline = t + 0.5
    r = find_matches("a" * 40 + "b", q, timeout=60, cancelled=lambda: time.monotonic() > deadline)
    assert r.cancelled and r.spans == []
    assert time.monotonic() - t < 3
    assert WORKER.pid is None


def test_an_expensive_re2_search_on_a_long_text_is_bounded_too():
    # RE2 is linear in text x program size: a huge program over megabytes runs in the child
    q = FindQuery(r"a.{900}c", regex=True)
    text = ("ab" * 1_500_000)[:3_000_000]
    c = compile_query(q)
    assert c.re2_source is not None and not c.runs_here(text, 0, len(text))
    t = time.monotonic()
    try:
        find_matches(text, q, timeout=1.0)
    except FindTimeout:
        pass
    assert time.monotonic() - t < 5


def test_grep_has_a_time_limit_and_exits_2(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\n" + "a" * 40 + "b\n", encoding="utf-8")
    t = time.monotonic()
    out = subprocess.run(
        [sys.executable, "-m", "reader", "grep", r"(?=a)(a+)+$", str(tmp_path), "--regex", "--timeout", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert time.monotonic() - t < 20
    assert out.returncode == 2
    assert "time limit" in out.stderr and "Traceback" not in out.stderr


def test_grep_stops_at_once_on_sigterm_during_a_slow_search(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\n" + "a" * 40 + "b\n", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", "grep", r"(?=a)(a+)+$", str(tmp_path), "--regex", "--timeout", "600"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    time.sleep(3)  # loaded, searching
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=10)
    assert proc.returncode == 143, err
    assert "stopped by SIGTERM" in err and "Traceback" not in err


# -- the same matches as Python's engine, at the same str offsets --------------------------------

SAMPLE = (
    "Çavuşoğlu said: “We’re ready” — naïve café, 😀 Straße x_y 42 ٣ tabs\there\u00a0nbsp\u2003em "
    "ΣΊΣΥΦΟΣ σίσυφος\nnew line 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 end."
)
PATTERNS = [
    r"\w+",
    r"\W+",
    r"\d+",
    r"\s+",
    r"\S+",
    r"\bcaf\w\b",
    r"\b\w{4}\b",
    r"[^\W\d_]+",
    r"[\w’]+",
    r"^\w+",
    r"\w+$",
    r"(?i)straße|σίσυφος",
    r"(?s)said.*?end",
    r".",
    r"[😀-😂]",
    r"(?a)\w+",
    r"x_y|\u00a0",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_regex_semantics_and_offsets_match_python(pattern):
    want = [m.span() for m in re.finditer(pattern, SAMPLE, re.M) if m.end() > m.start()]
    got = find_matches(SAMPLE, FindQuery(pattern, regex=True, case_sensitive=True)).spans
    assert got == want


@seed(18)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(
        alphabet=st.sampled_from(list("ab é\n😀\u0301\u2003xY’'\"“") + ["\U0001d518"]), min_size=0, max_size=60
    ),
    pattern=st.sampled_from([r"a+", r"\w+", r"\s+", r"é\S*", r"😀+", r"[^a ]+", r"\bY", r"x|😀a", r"^.", r".$"]),
    start=st.integers(0, 20),
)
def test_offsets_are_code_points_on_random_text(text, pattern, start):
    start = min(start, len(text))
    want = [m.span() for m in re.compile(pattern, re.M | re.I).finditer(text, start, len(text)) if m.end() > m.start()]
    got = find_matches(text, FindQuery(pattern, regex=True), start, len(text)).spans
    assert got == want
    for s, e in got:
        assert (
            re.fullmatch(pattern, text[s:e], re.M | re.I | re.S) or "^" in pattern or "$" in pattern or "\\b" in pattern
        )


def test_literal_phrases_keep_their_unicode_whitespace_and_quotes():
    text = "the naïve\u00a0plan — we’re “ready” now 😀 end"
    r = find_matches(text, FindQuery("naïve plan"))
    assert [text[s:e] for s, e in r.spans] == ["naïve\u00a0plan"]
    r = find_matches(text, FindQuery('we\'re "ready"'))
    assert [text[s:e] for s, e in r.spans] == ["we’re “ready”"]
    assert [text[s:e] for s, e in find_matches(text, FindQuery("end")).spans] == ["end"]


def test_lone_surrogates_in_text_do_not_break_offsets():
    text = "ab\udce9cd ab"
    assert find_matches(text, FindQuery("ab")).spans == [(0, 2), (6, 8)]
    assert find_matches(text, FindQuery("cd", regex=True)).spans == [(3, 5)]


def test_regex_errors_still_read_as_python_ones():
    for bad in ("(arm", "[a-", "a{2,1}", "*x"):
        with pytest.raises(FindError) as info:
            compile_query(FindQuery(bad, regex=True))
        assert str(info.value).startswith("invalid regex: ")
