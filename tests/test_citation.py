"""Citation formatting: every style, with all fields and with fields missing."""

from __future__ import annotations

import pytest

from reader.model.outputs.citation_styles import HUMAN_STYLES, STYLES, format_citation

FULL = dict(
    speaker="Jane Doe",
    title="Fighting Nears Key City",
    publisher="Example News",
    date="2020-11-06",
    url="https://example.com/a",
)
QUOTE = 'Who controls the city controls the "region",'


def test_plain():
    out = format_citation(QUOTE, style="plain", **FULL)
    assert out == (
        "“Who controls the city controls the ‘region’” — Jane Doe\n"
        "Fighting Nears Key City, Example News, November 6, 2020, "
        "https://example.com/a#:~:text=Who%20controls%20the%20city%20controls%20the%20%22region%22"
    )


def test_markdown_is_a_blockquote_with_an_attribution_line():
    out = format_citation("Foo *bar*.", style="markdown", **FULL)
    assert out.splitlines() == [
        "> Foo \\*bar\\*.",
        ">",
        "> — Jane Doe, [Fighting Nears Key City](https://example.com/a#:~:text=Foo%20%2Abar%2A.), Example News, "
        "November 6, 2020",
    ]


def test_apa():
    out = format_citation(QUOTE, style="apa", **FULL)
    assert out.splitlines()[1] == "Fighting Nears Key City. (2020, November 6). Example News. https://example.com/a"
    assert out.startswith("“Who controls the city controls the ‘region’” (Jane Doe)")


def test_apa_without_date_says_nd():
    out = format_citation("Yes.", title="A Title", publisher="Paper", style="apa")
    assert out.splitlines()[1] == "A Title. (n.d.). Paper."


def test_chicago():
    out = format_citation(QUOTE, style="chicago", **FULL)
    assert out.splitlines()[1] == "“Fighting Nears Key City,” Example News, November 6, 2020, https://example.com/a."


@pytest.mark.parametrize("style", STYLES)
def test_missing_fields_never_print_none(style):
    for missing in FULL:
        fields = {k: (None if k == missing else v) for k, v in FULL.items()}
        out = format_citation("Quoted words.", style=style, **fields)
        assert "None" not in out and "()" not in out and ",," not in out and ", ," not in out
    bare = format_citation("Quoted words.", style=style)
    assert "None" not in bare and "Quoted words." in bare


def test_partial_date_and_free_text_date():
    assert "November 2020" in format_citation("x", date="2020-11", style="plain")
    assert "(2020)" in format_citation("x", title="T", date="2020", style="apa")
    assert "last week" in format_citation("x", date="last week", style="chicago")


def test_unknown_style_is_refused():
    with pytest.raises(ValueError):
        format_citation("x", style="mla")


def test_journalism_style_with_role_and_channel():
    out = format_citation(
        "We will rebuild the bridge.",
        style="journalism",
        role="the mayor of Eastport",
        channel="told Radio Ten",
        **FULL,
    )
    lines = out.splitlines()
    assert (
        lines[0] == "“We will rebuild the bridge,” Jane Doe, the mayor of Eastport, told Radio Ten on November 6, 2020."
    )
    assert lines[1].startswith("Fighting Nears Key City, Example News, https://example.com/a#:~:text=")


def test_journalism_style_with_a_prepositional_channel_and_no_role():
    out = format_citation(
        "Is it safe?", speaker="Jane Doe", channel="in a statement", date="2020-11-06", style="journalism"
    )
    assert out == "“Is it safe?” Jane Doe said in a statement on November 6, 2020."


@pytest.mark.parametrize(
    "channel, said",
    [
        ("In a statement posted on Facebook", "said in a statement posted on Facebook"),
        ("Speaking to the BBC", "said, speaking to the BBC"),
        ("Writing in The Lancet", "wrote in The Lancet"),
        ("through her lawyer", "said through her lawyer"),
        ("by telephone", "said by telephone"),
        ("tweeted", "tweeted"),
    ],
)
def test_journalism_style_reads_each_channel_as_a_verb_phrase(channel, said):
    out = format_citation("We will win.", speaker="Jane Doe", channel=channel, style="journalism")
    assert out == f"“We will win,” Jane Doe {said}."
    with_role = format_citation("We will win.", speaker="Jane Doe", role="a nurse", channel=channel, style="journalism")
    assert with_role == f"“We will win,” Jane Doe, a nurse, {said}."


@pytest.mark.parametrize("style", HUMAN_STYLES)
def test_unattributed_quote_says_speaker_unknown(style):
    out = format_citation("Quoted words.", title="T", style=style, speaker_unknown=True)
    assert "speaker unknown" in out
    assert "speaker unknown" not in format_citation("Quoted words.", title="T", style=style)
