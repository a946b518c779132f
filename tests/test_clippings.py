"""The clippings model and its exports, on a small hand-analysed corpus (no spaCy needed)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from reader.model.analysis.results import FileAnalysis, Mention, QuoteSpan
from reader.model.corpus.corpus import Corpus
from reader.model.outputs.clippings_export import CSV_COLUMNS, export_file, render
from reader.model.outputs.corpus_citations import quote_citation
from reader.model.outputs.tables_export import ENTITY_COLUMNS, entities_csv
from reader.model.store import paths
from reader.model.store.clippings import Clipping, Clippings, clip_span, clippings_path
from reader.model.store.user_store import forget_stores

TEXT = (
    "Harbour Talks Stall Again\r\n\r\nPORT MAREN - Talks stalled on Tuesday, a [bold] day.\r\n"
    '"We will not sign, not today," said Ana Velor, the port\'s director.\r\n'
    'Velor added a \x1b[31m note, with "quotes", and\r\na line break.\r\n'
)


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "harbour"
    d.mkdir()
    (d / "talks.txt").write_bytes(TEXT.encode("utf-8"))
    (d / "talks.txt.meta.json").write_text(
        json.dumps({"publisher": "The [Harbour] Gazette", "date": "2021-03-03", "url": "https://example.org/talks"})
    )
    c = Corpus.load([str(d)])
    t = c.articles[0].text
    qs = t.index("We will")
    ms = t.index("Ana Velor")
    vs = t.index("Velor added")
    c.set_analysis(
        0,
        FileAnalysis(
            mentions=[Mention(ms, ms + 9, "PERSON", "Ana Velor"), Mention(vs, vs + 5, "PERSON", "Velor")],
            quotes=[QuoteSpan(qs, t.index(',"') + 1, t[qs : t.index(',"') + 1], "Ana Velor", ms, ms + 9, "said-after")],
        ),
    )
    c.build_entities()
    return c


def spans(corpus):
    art = corpus.articles[0]
    t = art.text
    q = corpus.quotes_in(art)[0]
    vs = t.index("Velor added")
    sel = (t.index("a \x1b[31m"), t.index("line break") + 4)  # crosses ESC and a CRLF
    return art, q, (vs, vs + 5), sel


def test_kinds_text_and_citation(corpus):
    art, q, mention, sel = spans(corpus)
    cq = clip_span(corpus, art, q.start, q.end)
    assert (cq.kind, cq.speaker, cq.text) == ("quote", "Ana Velor", art.source.text[q.start : q.end])
    assert cq.citation == quote_citation(corpus, art, q)
    assert cq.publisher == "The [Harbour] Gazette" and cq.date == "2021-03-03"
    cm = clip_span(corpus, art, *mention)
    assert (cm.kind, cm.entity, cm.who, cm.text) == ("mention", "Ana Velor", "Ana Velor", "Velor")
    cs = clip_span(corpus, art, *sel, note="check this")
    assert cs.kind == "selection" and cs.speaker is None and cs.note == "check this"
    assert cs.text == art.source.text[sel[0] : sel[1]] and "\x1b[31m" in cs.text and "\r\n" in cs.text
    inner = clip_span(corpus, art, q.start, q.start + 7)  # inside the quote: credited to its speaker
    assert (inner.kind, inner.speaker, inner.text) == ("selection", "Ana Velor", "We will")
    with pytest.raises(ValueError):
        clip_span(corpus, art, art.end - 2, art.end + 5)
    with pytest.raises(ValueError):
        clip_span(corpus, art, 10, 10)


def test_add_dedupe_remove_move_and_persist(corpus):
    art, q, mention, sel = spans(corpus)
    store = Clippings.of(corpus)
    assert store.path == paths.user_store_path() and not len(store)
    assert store.add(clip_span(corpus, art, q.start, q.end))
    assert store.add(clip_span(corpus, art, *mention))
    assert not store.add(clip_span(corpus, art, *mention))  # same span again
    assert store.add(clip_span(corpus, art, *sel))
    assert [c.kind for c in store] == ["quote", "mention", "selection"]
    assert store.move(2, -1) == 1
    assert store.move(0, -1) == 0  # already first: stays
    assert [c.kind for c in Clippings.of(corpus)] == ["quote", "selection", "mention"]  # saved at once
    assert store.remove(0).kind == "quote"
    with pytest.raises(IndexError):
        store.remove(5)
    again = Clippings.of(corpus)
    assert [(c.kind, c.start, c.end) for c in again] == [("selection", *sel), ("mention", *mention)]
    assert again[0].text == art.source.text[sel[0] : sel[1]]
    assert not again.notices


def test_garbage_legacy_file_is_set_aside_and_collection_still_works(corpus):
    art, q, _, _ = spans(corpus)
    path = clippings_path(corpus.key)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00{not json at all")
    forget_stores()  # as a new process finds it
    store = Clippings.of(corpus)
    assert not len(store)
    assert len(store.notices) == 1 and "unreadable" in store.notices[0] and "started afresh" in store.notices[0]
    assert any(p.name.startswith(path.name + ".corrupt-") for p in path.parent.iterdir())
    assert store.add(clip_span(corpus, art, q.start, q.end))
    assert [c.kind for c in Clippings.of(corpus)] == ["quote"]


def test_bad_items_are_set_aside_with_a_notice_and_the_rest_load(corpus):
    art, q, mention, _ = spans(corpus)
    good = clip_span(corpus, art, q.start, q.end).to_json()
    other = clip_span(corpus, art, *mention).to_json()
    wrong_types = [  # each its own span, so none is a duplicate of another
        dict(other, note=5, start=1, end=2, text="x"),
        dict(other, title=None, start=2, end=3, text="x"),
        dict(other, start="3"),
        dict(other, speaker=["x"], start=4, end=5, text="x"),
    ]
    path = clippings_path(corpus.key)
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps(
            {
                "format": "reader-clippings",
                "version": 1,
                "data": {"items": [good, {"kind": "poem"}, "nonsense", dict(good, start=9, end=3), *wrong_types]},
            }
        )
    )
    forget_stores()
    store = Clippings.of(corpus)
    assert [c.kind for c in store] == ["quote"]
    assert sum(int(n.split()[0]) for n in store.notices) == 7
    assert all("unreadable clipping(s)" in n and "set aside" in n for n in store.notices)
    for item in store:  # what the list and the exports use: all text
        item.excerpt(), item.who
    again = Clippings.of(corpus)
    assert [c.kind for c in again] == ["quote"] and not again.notices  # set aside once


def test_problem_when_source_changed(corpus):
    art, q, _, _ = spans(corpus)
    item = clip_span(corpus, art, q.start, q.end)
    assert item.problem(corpus) is None
    moved = Clipping.from_json(dict(item.to_json(), start=q.start + 1, end=q.end + 1))
    assert "changed" in moved.problem(corpus)
    gone = Clipping.from_json(dict(item.to_json(), article="nope"))
    assert "not in this corpus" in gone.problem(corpus)


def test_csv_markdown_and_json_exports(corpus, tmp_path):
    art, q, mention, sel = spans(corpus)
    items = [
        clip_span(corpus, art, q.start, q.end),
        clip_span(corpus, art, *mention),
        clip_span(corpus, art, *sel, note="a *note*"),
    ]

    rows = list(csv.reader(io.StringIO(render(items, "csv"), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 4
    rec = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert [r["kind"] for r in rec] == ["quote", "mention", "selection"]
    assert rec[0]["speaker_or_entity"] == "Ana Velor" and rec[1]["speaker_or_entity"] == "Ana Velor"
    assert rec[2]["text"] == art.source.text[sel[0] : sel[1]]  # exact: ESC, CRLF, quotes and commas kept
    assert (int(rec[2]["start"]), int(rec[2]["end"])) == sel
    assert rec[0]["publisher"] == "The [Harbour] Gazette" and rec[0]["date"] == "2021-03-03"
    assert rec[0]["citation"] == items[0].citation and rec[2]["note"] == "a *note*"

    md = render(items, "markdown", "harbour")
    assert md.startswith("# Clippings: harbour\n\n3 item(s), exported ")
    assert (
        "## 1. Quote: Ana Velor\n\n> We will not sign, not today,\n\n— Ana Velor, "
        "[Harbour Talks Stall Again](https://example.org/talks#:~:text=We%20will%20not%20sign%2C%20not%20today), "
        "The \\[Harbour\\] Gazette, March 3, 2021\n" in md
    )
    assert "## 2. Mention: Ana Velor\n\n> Velor\n\n— [Harbour" in md
    assert '## 3. Selection\n\n> a \x1b\\[31m note, with "quotes", and a line\n\n— [Harbour' in md
    assert md.index("## 1.") < md.index("## 2.") < md.index("## 3.")
    assert "*Note:* a \\*note\\*" in md

    data = json.loads(render(items, "json"))
    assert [(d["kind"], d["start"], d["end"]) for d in data] == [
        ("quote", q.start, q.end),
        ("mention", *mention),
        ("selection", *sel),
    ]
    assert all(d["text"] == art.source.text[d["start"] : d["end"]] for d in data)

    out = export_file(items, "csv", "harbour", folder=tmp_path / "out")
    again = export_file(items, "csv", "harbour", folder=tmp_path / "out")
    assert out != again and out.suffix == ".csv"
    assert out.read_bytes().decode("utf-8") == render(items, "csv")


def test_entities_csv(corpus):
    rows = list(csv.reader(io.StringIO(entities_csv(corpus), newline="")))
    assert tuple(rows[0]) == ENTITY_COLUMNS
    assert rows[1] == ["Ana Velor", "PERSON", "Velor", "2", "1"]
