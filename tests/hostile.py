"""Builders for folders of bad and hostile input, shared by tests."""

from __future__ import annotations

from pathlib import Path

BODY = (
    "The committee met on Tuesday to discuss the proposal, which had been delayed twice "
    "since the spring. Members said the plan would be revised before the next session.\n\n"
    "Officials declined to comment on the timing of a vote.\n"
)

MARKUP_TITLE = "[bold red]headline[/] with [Reuters] and [@click=app.quit]click[/]"
ESCAPE_TITLE = "Escape \x1b[31mred\x1b[0m and \x1b]0;PWNED\x07 title \x1b[2J"


def write_bad_folder(root: Path) -> dict[str, str]:
    """Write one file per kind of bad input; returns {file name: expected title or None (refused)}."""
    root.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str | None] = {}

    def put(name: str, data: bytes, title: str | None) -> None:
        (root / name).write_bytes(data)
        expect[name] = title

    put("binary.txt", bytes(range(256)) * 64, None)
    put("empty.txt", b"", None)
    put("blank.txt", b"  \n\n\t \n", None)
    put(
        "cp1252.txt",
        ("Caf\u00e9 owners \u201cwelcome\u201d new rules\n\n" + BODY).encode("cp1252"),
        "Caf\u00e9 owners \u201cwelcome\u201d new rules",
    )
    put("utf16.txt", ("Bar\u00e7a signs a new striker\n\n" + BODY).encode("utf-16"), "Bar\u00e7a signs a new striker")
    put("bom.txt", ("\ufeffM\u00fcller wins the vote\n\n" + BODY).encode("utf-8"), "M\u00fcller wins the vote")
    put(
        "crlf.txt", ("Windows line ends survive\n\n" + BODY).replace("\n", "\r\n").encode(), "Windows line ends survive"
    )
    put("markup.txt", (MARKUP_TITLE + "\n\n[/] body [b]text[/b] " + BODY).encode(), MARKUP_TITLE)
    put("escape.txt", (ESCAPE_TITLE + "\n\nBody \x1b[2J with \x1b]0;x\x07 escapes. " + BODY).encode(), ESCAPE_TITLE)
    put("nul.txt", ("Title with a NUL\x00 byte\n\n" + BODY).encode(), "Title with a NUL\x00 byte")
    put(
        "bidi.txt",
        ("Title with \u202eoverride\u202c inside\n\n" + BODY).encode(),
        "Title with \u202eoverride\u202c inside",
    )
    one_line = "This file has a single long line of text and no headline at all, so its title must come from the first sentence. It goes on."
    put(
        "oneline.txt",
        one_line.encode(),
        "This file has a single long line of text and no headline at all, so its title…",
    )
    para = ("A long article paragraph that keeps going with plain words to make a large file. " * 12) + "\n\n"
    put("huge.txt", ("A very long article\n\n" + para * (10_000_000 // len(para) + 1)).encode(), "A very long article")
    put("photo.jpg", b"\xff\xd8\xff\xe0 not text", None)
    return expect


# Every title, several entity names, speakers and every quote of this corpus carry these.
OSC_TITLE = "\x1b]0;PWNED\x07"  # would set the terminal title
CSI_CLEAR = "\x1b[2J"  # would clear the screen
PAYLOADS = ("[/]", "[@click=app.quit]x[/]", "[Reuters]", "[bold red]", OSC_TITLE, CSI_CLEAR)
ALL_PAYLOADS = " ".join(PAYLOADS)


def write_hostile_corpus(root: Path) -> Path:
    """Two articles (one in a hostile file name) whose titles and quotes hold every payload.

    spaCy reads `Anna <OSC> Kowalski`, `Mara Quinlan<CSI>`, `Bank[/` and `Ministry of
    Finance[@click` as names, so entity names and speakers are hostile too.
    """
    root.mkdir(parents=True, exist_ok=True)
    files = {
        "a.txt": (
            f"Anna {OSC_TITLE} Kowalski defends the budget {ALL_PAYLOADS}\n\n"
            f'WARSAW (Reuters) - "We will not back down {ALL_PAYLOADS}," said Anna {OSC_TITLE} Kowalski.\n\n'
            f'"The plan {ALL_PAYLOADS} is sound," Senator Mara Quinlan{CSI_CLEAR} said on Tuesday.\n\n'
            f'Opposition leader Marek Oyelaran[Reuters] told reporters: "It is a disaster {ALL_PAYLOADS} for families."\n\n'
            "Kowalski met officials of the Bank[/] of Lisbon and the Ministry of Finance[@click=app.quit]x[/] in Warsaw.\n"
        ),
        f"b [Reuters] {CSI_CLEAR}.txt": (
            f"Talks stall in Geneva {ALL_PAYLOADS}\n\n"
            f'GENEVA - Envoy Pieter van Aalst said the talks had stalled. "Nobody wants this {ALL_PAYLOADS}," van Aalst said.\n\n'
            f'"Anna {OSC_TITLE} Kowalski will come {ALL_PAYLOADS}," said Mara Quinlan{CSI_CLEAR}.\n'
        ),
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root
