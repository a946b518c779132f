"""Ingest: decoding, exact offsets, paragraphs, refusing bad files with a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import write_bad_folder

from reader.model.analysis.textview import build_view
from reader.model.corpus.corpus import Corpus
from reader.model.ingest.decode import DecodeError, decode_bytes
from reader.model.ingest.discovery import discover
from reader.model.ingest.paragraphs import is_hard_wrapped, line_spans, split_paragraphs

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    expect = write_bad_folder(root)
    return root, expect, Corpus.load([root])


def test_every_text_file_listed_with_its_decoded_title(bad):
    root, expect, corpus = bad
    titles = {Path(a.path).name: a.title for a in corpus.articles}
    for name, title in expect.items():
        if title is None:
            assert name not in titles
        else:
            assert titles[name] == title, name


def test_every_refused_file_gets_one_notice_naming_it(bad):
    root, expect, corpus = bad
    for name, title in expect.items():
        notes = [n for n in corpus.notices if Path(n.path).name == name]
        assert len(notes) == (0 if title else 1), (name, notes)


@pytest.mark.parametrize(
    "data,reason",
    [(b"", "empty"), (b" \n\t\n", "whitespace"), (bytes(range(256)) * 8, "binary")],
)
def test_decode_refuses_with_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_decoding_keeps_crlf_and_offsets(tmp_path):
    text = "Head line\r\n\r\nFirst para line one.\r\nline two.\r\n\r\nSecond.\r\n"
    (tmp_path / "a.txt").write_bytes(text.encode())
    corpus = Corpus.load([tmp_path])
    a = corpus.articles[0]
    assert a.text == text  # no newline normalisation
    assert [a.text[b.start : b.end] for b in a.blocks] == ["Head line", "First para line one.\r\nline two.", "Second."]


def test_cp1252_and_utf16_detected():
    assert decode_bytes("\u201cQuoted\u201d caf\u00e9 text in Windows-1252".encode("cp1252")).text.startswith(
        "\u201cQuoted"
    )
    assert decode_bytes("na\u00efve".encode("utf-16")).text == "na\u00efve"
    assert decode_bytes("\ufeffabc".encode("utf-8")).encoding == "utf-8-sig"


def test_folder_recursion_skips_other_files(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "x.md").write_text("Title\n\nBody text here.")
    (tmp_path / "y.txt").write_text("Other\n\nBody text here.")
    (tmp_path / "z.png").write_bytes(b"\x89PNG")
    (tmp_path / "w.pdf").write_bytes(b"%PDF")  # imported (and refused when read: damaged)
    files, notices = discover([tmp_path])
    assert sorted(f.name for f in files) == ["w.pdf", "x.md", "y.txt"]
    assert any("z.png" in n.path and "skipped" in n.message for n in notices)
    corpus = Corpus.load([tmp_path])
    assert len(corpus.articles) == 2
    assert [n.message.split(" (")[0] for n in corpus.notices if "w.pdf" in n.path] == ["refused: damaged PDF"]


def test_missing_path_is_a_notice(tmp_path):
    corpus = Corpus.load([tmp_path / "nope"])
    assert not corpus.articles and "no such file" in corpus.notices[0].message


def test_paragraphs_exact_and_hard_wrap_detected():
    text = (SEEDS / "004_b8afbd4858e189d5.txt").read_text(encoding="utf-8")
    paras = split_paragraphs(text)
    for p in paras:
        assert text[p.start : p.end] == text[p.start : p.end].strip()
    wrapped = [p for p in paras if len(line_spans(text, p.start, p.end)) > 2]
    assert wrapped and all(is_hard_wrapped(text, line_spans(text, p.start, p.end)) for p in wrapped)
    single = (SEEDS / "000_c671ad1916559834.txt").read_text(encoding="utf-8")
    assert not any(is_hard_wrapped(single, line_spans(single, p.start, p.end)) for p in split_paragraphs(single))


def test_view_maps_back_to_source():
    src = "Armen \nSarkissian  said\tso.\n\n\nNext   one."
    paras = split_paragraphs(src)
    view = build_view(src, [(p.start, p.end) for p in paras])
    assert view.text == "Armen Sarkissian said so.\n\nNext one."
    i = view.text.index("Armen Sarkissian")
    s, e = view.source_span(i, i + len("Armen Sarkissian"))
    assert src[s:e] == "Armen \nSarkissian"
    j = view.text.index("Next one")
    s, e = view.source_span(j, j + 8)
    assert src[s:e] == "Next   one"
