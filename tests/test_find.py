"""Find in article, the model side (no Textual) and `reader grep`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.model.search.find_in_article import (
    MAX_MATCHES,
    FindError,
    FindQuery,
    FindResult,
    compile_query,
    find_matches,
    first_from,
    position_label,
    step,
)

ROOT = Path(__file__).resolve().parent.parent

TEXT = "Putin said.\nThe PUTIN plan; putin’s aides\nsaid the\n  plan was  new. Say it: 'plan'."


def spans_text(text: str, result: FindResult) -> list[str]:
    return [text[s:e] for s, e in result.spans]


def test_literal_is_case_insensitive_by_default_with_exact_offsets():
    r = find_matches(TEXT, FindQuery("putin"))
    assert spans_text(TEXT, r) == ["Putin", "PUTIN", "putin"]
    assert all(TEXT[s:e].lower() == "putin" for s, e in r.spans)
    assert spans_text(TEXT, find_matches(TEXT, FindQuery("putin", case_sensitive=True))) == ["putin"]


def test_literal_treats_regex_characters_as_text():
    text = "a.b axb (x) [x] a+b"
    assert spans_text(text, find_matches(text, FindQuery("a.b"))) == ["a.b"]
    assert spans_text(text, find_matches(text, FindQuery("(x)"))) == ["(x)"]
    assert spans_text(text, find_matches(text, FindQuery("[x]"))) == ["[x]"]
    assert spans_text(text, find_matches(text, FindQuery("a+b"))) == ["a+b"]


def test_whitespace_in_a_phrase_matches_line_breaks_and_runs():
    r = find_matches(TEXT, FindQuery("said the plan"))
    assert spans_text(TEXT, r) == ["said the\n  plan"]
    assert spans_text(TEXT, find_matches(TEXT, FindQuery("plan was new"))) == ["plan was  new"]


def test_straight_quotes_match_curly_ones():
    assert spans_text(TEXT, find_matches(TEXT, FindQuery("putin's"))) == ["putin’s"]
    assert spans_text(TEXT, find_matches(TEXT, FindQuery("'plan'"))) == ["'plan'"]


def test_regex_mode_and_line_anchors():
    r = find_matches(TEXT, FindQuery(r"p\w+n\b", regex=True))
    assert spans_text(TEXT, r) == ["Putin", "PUTIN", "plan", "putin", "plan", "plan"]
    # ^ is a line start: the hard-wrapped "said" at the start of line 3, not "Putin said"
    r = find_matches(TEXT, FindQuery(r"^said", regex=True))
    assert [s for s, _ in r.spans] == [TEXT.index("said the")]


def test_empty_matches_are_skipped_and_empty_queries_find_nothing():
    assert find_matches(TEXT, FindQuery("x*", regex=True)).spans == []
    assert find_matches(TEXT, FindQuery("", regex=True)).spans == []
    assert find_matches(TEXT, FindQuery("   ")).spans == []
    assert FindQuery("  ").empty and not FindQuery(" ", regex=True).empty


@pytest.mark.parametrize("bad", ["(arm", "[a-", "a{2,1}", "*x", "(?P<n>a)(?P<n>b)"])
def test_invalid_regex_is_a_find_error_with_a_readable_message(bad):
    with pytest.raises(FindError) as info:
        find_matches(TEXT, FindQuery(bad, regex=True))
    assert str(info.value).startswith("invalid regex: ")
    assert "\n" not in str(info.value)
    compile_query(FindQuery(bad))  # as a literal the same text is fine


def test_bounds_limit_and_truncation():
    text = "ab " * 50
    inner = find_matches(text, FindQuery("ab"), 3, 9)
    assert inner.spans == [(3, 5), (6, 8)]
    capped = find_matches(text, FindQuery("ab"), limit=10)
    assert len(capped.spans) == 10 and capped.truncated
    assert capped.total_label() == "10+"
    exact = find_matches(text, FindQuery("ab"), limit=50)
    assert len(exact.spans) == 50 and not exact.truncated
    assert len(find_matches("x " * (MAX_MATCHES + 5), FindQuery("x")).spans) == MAX_MATCHES


def test_cancelled_search_stops_early():
    text = "ab " * 20_000
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return True

    r = find_matches(text, FindQuery("ab"), limit=None, cancelled=cancelled)
    assert calls and len(r.spans) < 20_000


def test_first_from_step_and_labels():
    spans = [(5, 7), (10, 12), (20, 22)]
    assert first_from(spans, 0) == 0
    assert first_from(spans, 10) == 1
    assert first_from(spans, 11) == 2
    assert first_from(spans, 21) == 0  # past the last: wraps to the first
    assert first_from([], 3) is None
    assert step(0, 3, 1) == (1, False)
    assert step(2, 3, 1) == (0, True)
    assert step(0, 3, -1) == (2, True)
    assert step(None, 3, -1) == (2, False)
    assert step(None, 0, 1) == (None, False)
    assert position_label(2, FindResult(spans)) == "3 of 3"
    assert position_label(0, FindResult([(0, 1)] * 12345, truncated=True)) == "1 of 12,345+"
    assert position_label(None, FindResult([])) == "no matches"
    assert position_label(None, None) == ""


# -- reader grep ----------------------------------------------------------------------------
def grep(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", "grep", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_grep_json_offsets_are_exact(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Talks Resume\n\nThe minister said\nthe talks would resume. [bold]x[/]\n", encoding="utf-8"
    )
    out = grep("said the talks", str(tmp_path), "--json")
    assert out.returncode == 0, out.stderr
    recs = json.loads(out.stdout)
    assert len(recs) == 1
    r = recs[0]
    text = Path(r["path"]).read_text(encoding="utf-8")
    assert text[r["start"] : r["end"]] == r["text"] == "said\nthe talks"
    assert set(r) == {"article", "path", "start", "end", "text"}
    human = grep("[bold]", str(tmp_path))
    assert human.returncode == 0 and "[bold]x[/]" in human.stdout


def test_grep_regex_errors_and_no_match_exit_codes(tmp_path):
    (tmp_path / "a.txt").write_text("Title Here\n\nBody text with 2020 and 2021 in it.\n", encoding="utf-8")
    out = grep(r"20\d\d", str(tmp_path), "--regex", "--json")
    assert [r["text"] for r in json.loads(out.stdout)] == ["2020", "2021"]
    bad = grep("(20", str(tmp_path), "--regex")
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "invalid regex" in bad.stderr and "Traceback" not in bad.stderr
    none = grep("zzzqqq", str(tmp_path))
    assert none.returncode == 1 and none.stdout == ""
    case = grep("body", str(tmp_path), "--case-sensitive", "--json")
    assert case.returncode == 1 and json.loads(case.stdout) == []
