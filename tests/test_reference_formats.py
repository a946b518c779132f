"""Citations researchers import: every style carries author, page, locator and URL; CSL-JSON, RIS and
BibLaTeX parse back with the libraries reference managers' formats are read with (and biber, when installed).

CSL-JSON is checked twice: against a JSON schema written here from the CSL-JSON specification (the
item types and the standard, name and date variables of CSL 1.0.2, in the CSL-JSON shape citeproc-js
documents), restricted to what reader emits; and by a real consumer, citeproc-py, which reads it and
renders a bibliography entry."""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import unquote

import pytest

from reader.model.outputs.citation_styles import HUMAN_STYLES, format_citation
from reader.model.outputs.names import authors_of, split_name
from reader.model.outputs.reference import make_reference, text_fragment_url
from reader.model.outputs.reference_formats import biblatex, csl_json, ris

HOSTILE_TITLE = "Fighting & 50% {odd} $x$ #1 a_b ~ ^ \\ Nears: Key City"
FULL = dict(
    speaker="Jane Doe",
    title="Fighting Nears Key City",
    publisher="Example News",
    date="2020-11-06",
    url="https://example.com/a?x=1&y=2",
    byline="By JANE ROE and Ludwig van Beethoven, Staff Writers",
    page="3",
    locator="NYT-0042",
    accessed="2026-12-01",
)
QUOTE = "Who controls the city, and the roads to it, controls the whole region,"


def refs():
    """Full, partial and hostile references: the cases an export must carry through."""
    return [
        make_reference(QUOTE, **FULL),
        make_reference("Short words.", title="Only a title", date="2020"),
        make_reference("Month only.", publisher="Paper", date="2020-11", speaker_unknown=True, author="Reuters"),
        make_reference(
            'He said "no" \u2014 twice; {then} left.',
            speaker="Ana Vélez-Ortiz",
            title=HOSTILE_TITLE,
            publisher="The [Harbour] Gazette & Co",
            date="last week",
            url="https://example.org/a b{c}\\d",
            author="Roe, Jane; Martin Luther King Jr.",
            page="3\u20134",
            accessed="2026-12-01",
            note="check % the  date",
        ),
    ]


# -- CSL-JSON, as the specification describes it -------------------------------------------
# Item types reader emits (a newspaper article; Zotero maps it to newspaperArticle).
CSL_TYPES = ["article-newspaper"]
_STRING = {"type": "string", "minLength": 1}
# A name: family (with given, particles, suffix) or, for an institution, a literal; never both.
CSL_NAME = {
    "type": "object",
    "properties": {
        "family": _STRING,
        "given": _STRING,
        "dropping-particle": _STRING,
        "non-dropping-particle": _STRING,
        "suffix": _STRING,
        "comma-suffix": {"type": "boolean"},
        "literal": _STRING,
    },
    "additionalProperties": False,
    "oneOf": [
        {"required": ["family"], "not": {"required": ["literal"]}},
        {"required": ["literal"], "not": {"anyOf": [{"required": ["family"]}, {"required": ["given"]}]}},
    ],
}
# A date: "date-parts" holds one date (or two, a range) of year, month, day, as far as known:
# 1 to 3 integers; a date that is not machine-readable is a literal instead.
_DATE_PARTS = {
    "type": "array",
    "minItems": 1,
    "maxItems": 3,
    "prefixItems": [
        {"type": "integer", "minimum": 1},
        {"type": "integer", "minimum": 1, "maximum": 12},
        {"type": "integer", "minimum": 1, "maximum": 31},
    ],
    "items": False,
}
CSL_DATE = {
    "type": "object",
    "properties": {
        "date-parts": {"type": "array", "minItems": 1, "maxItems": 2, "items": _DATE_PARTS},
        "literal": _STRING,
    },
    "additionalProperties": False,
    "oneOf": [{"required": ["date-parts"]}, {"required": ["literal"]}],
}
CSL_ITEM = {
    "type": "object",
    "properties": {
        "id": {"type": ["string", "integer"], "minLength": 1},
        "type": {"enum": CSL_TYPES},
        "title": _STRING,
        "container-title": _STRING,
        "author": {"type": "array", "minItems": 1, "items": CSL_NAME},
        "issued": CSL_DATE,
        "accessed": CSL_DATE,
        "URL": _STRING,
        "page": _STRING,
        "archive_location": _STRING,
        "note": _STRING,
    },
    "required": ["id", "type"],
    "additionalProperties": False,  # a misspelt variable ("container_title") would be dropped on import
}
CSL_SCHEMA = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array", "items": CSL_ITEM}


# -- names -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "byline,expected",
    [
        ("By Jane Roe and John Doe", [("Roe", "Jane"), ("Doe", "John")]),
        ("By JANE ROE, Staff Writer", [("Roe", "Jane")]),
        ("By Jane Roe, John Doe and Ann Lee", [("Roe", "Jane"), ("Doe", "John"), ("Lee", "Ann")]),
        ("Jane Roe in London", [("Roe", "Jane")]),
        ("By Jean-Paul Sartre (Reuters)", [("Sartre", "Jean-Paul")]),
        ("By Reuters Staff", []),
        ("By The Associated Press", []),
        ("Reuters", []),
    ],
)
def test_authors_from_bylines(byline, expected):
    assert [(n.family, n.given) for n in authors_of(None, byline)] == expected


def test_name_parts():
    assert split_name("Ludwig van Beethoven").csl() == {
        "family": "Beethoven",
        "given": "Ludwig",
        "non-dropping-particle": "van",
    }
    assert split_name("Martin Luther King Jr.").csl() == {"family": "King", "given": "Martin Luther", "suffix": "Jr."}
    assert split_name("Roe, Jane").csl() == {"family": "Roe", "given": "Jane"}
    assert split_name("Madonna").csl() == {"literal": "Madonna"}
    assert split_name("Jean-Paul Sartre").initials() == "J.-P."
    # an importer's author wins over the byline, and an agency it names is kept whole
    assert [n.csl() for n in authors_of("Reuters", "By Jane Roe")] == [{"literal": "Reuters"}]
    assert [n.full for n in authors_of(None, "By Jane Roe")] == ["Jane Roe"]


# -- human styles ---------------------------------------------------------------------------------
def test_every_human_style_carries_author_page_locator_and_url():
    for style in HUMAN_STYLES:
        out = format_citation(QUOTE, style=style, **FULL)
        assert "Roe" in out and "Beethoven" in out, style
        assert "3" in out.split("\n", 1)[1] and "NYT-0042" in out, style
        assert "https://example.com/a?x=1&y=2" in out, style
        assert "Jane Doe" in out, style


def test_author_first_in_apa_and_chicago():
    apa = format_citation(QUOTE, style="apa", **FULL).splitlines()[1]
    assert apa.startswith("Roe, J., & van Beethoven, L. (2020, November 6). Fighting Nears Key City. Example News, 3.")
    chicago = format_citation(QUOTE, style="chicago", **FULL).splitlines()[1]
    assert chicago.startswith("Jane Roe and Ludwig van Beethoven, \u201cFighting Nears Key City,\u201d Example News")
    # Chicago gives an access date only for an undated source
    assert "accessed" not in chicago
    undated = format_citation(QUOTE, style="chicago", **{**FULL, "date": None})
    assert "accessed December 1, 2026" in undated


def test_unknown_speaker_is_said_never_invented():
    for style in HUMAN_STYLES:
        out = format_citation("Words.", title="T", speaker=None, speaker_unknown=True, style=style)
        assert "speaker unknown" in out
        plain = format_citation("Words.", title="T", speaker=None, style=style)  # not a quote: nothing said
        assert "unknown" not in plain


def test_text_fragment_link():
    url = text_fragment_url("https://ex.com/a", "It is - he said, a bad & sad day for all of us here today")
    assert url == "https://ex.com/a#:~:text=It%20is%20%2D%20he,of%20us%20here%20today"
    assert text_fragment_url("https://ex.com/a#top", "a-b, c&d") == "https://ex.com/a#top:~:text=a%2Db%2C%20c%26d"
    # an existing directive is replaced, not stacked
    assert text_fragment_url("https://ex.com/a#:~:text=old", "new") == "https://ex.com/a#:~:text=new"
    start, _, end = url.partition("text=")[2].partition(",")
    assert unquote(start) == "It is - he" and unquote(end) == "of us here today"


# -- machine-readable forms, parsed back ------------------------------------------------------------
def test_csl_schema_rejects_what_it_should():
    """The schema above is a real check: each of these breaks the CSL-JSON data model."""
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(CSL_SCHEMA)
    good = {"id": "a", "type": "article-newspaper", "title": "T", "issued": {"date-parts": [[2020, 11]]}}
    assert validator.is_valid([good])
    bad = [
        {**good, "type": "newspaper"},  # not a CSL type
        {**good, "container_title": "P"},  # not a CSL variable
        {**good, "author": [{"name": "Jane Roe"}]},  # not a name part
        {**good, "author": [{"family": "Roe", "literal": "Jane Roe"}]},  # both
        {**good, "author": [{"given": "Jane"}]},  # no family name
        {**good, "author": "Jane Roe"},  # a name variable is a list of names
        {**good, "issued": {"date-parts": [["2020", "11"]]}},  # strings
        {**good, "issued": {"date-parts": [[2020, 13]]}},  # month 13
        {**good, "issued": {"date-parts": [[2020, 11, 6, 1]]}},  # four parts
        {**good, "issued": {"date-parts": [2020, 11]}},  # not a list of dates
        {**good, "issued": "2020-11"},  # a date is an object
        {**good, "page": 3},  # string variables are strings
        {"type": "article-newspaper", "title": "T"},  # no id
    ]
    for item in bad:
        assert not validator.is_valid([item]), item


def test_csl_json_validates_against_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads(csl_json(refs()))
    jsonschema.Draft202012Validator(CSL_SCHEMA).validate(data)
    full, title_only, month, hostile = data
    assert full["type"] == "article-newspaper" and full["container-title"] == "Example News"
    assert full["author"] == [
        {"family": "Roe", "given": "Jane"},
        {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
    ]
    assert full["issued"] == {"date-parts": [[2020, 11, 6]]} and full["accessed"] == {"date-parts": [[2026, 12, 1]]}
    assert title_only["issued"] == {"date-parts": [[2020]]} and month["issued"] == {"date-parts": [[2020, 11]]}
    assert hostile["issued"] == {"literal": "last week"}
    assert full["page"] == "3" and full["archive_location"] == "NYT-0042" and full["URL"] == FULL["url"]
    assert full["note"].startswith("\u201cWho controls the city, and the roads to it, controls the whole region\u201d")
    assert "\u2014 Jane Doe" in full["note"] and "#:~:text=" in full["note"]
    assert "speaker unknown" in month["note"] and month["author"] == [{"literal": "Reuters"}]
    assert hostile["title"] == HOSTILE_TITLE and hostile["author"][1]["suffix"] == "Jr."
    assert len({item["id"] for item in data}) == len(data)


def test_csl_json_renders_with_citeproc_py():
    """A real CSL processor reads our CSL-JSON and formats a bibliography entry from it with a
    style it ships (Harvard, Cite Them Right)."""
    pytest.importorskip("citeproc")
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    data = json.loads(csl_json(refs()))
    source = CiteProcJSON(data)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in data:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = [str(e) for e in bibliography.bibliography()]
    assert len(entries) == len(data)
    full = next(e for e in entries if "Fighting Nears Key City" in e)
    assert full.startswith("Roe, J. and van Beethoven, L. (2020)")  # authors, family name first
    assert "Example News" in full and "p. 3" in full and FULL["url"] in full
    hostile = next(e for e in entries if HOSTILE_TITLE in e)  # every special character intact
    assert "King, M.L., Jr." in hostile and "The [Harbour] Gazette & Co" in hostile
    agency = next(e for e in entries if "Paper" in e)
    assert agency.startswith("Reuters (2020)")  # an agency is one literal name, not split


def test_ris_parses_back():
    rispy = pytest.importorskip("rispy")
    text = ris(refs())
    parsed = rispy.loads(text)
    assert len(parsed) == 4 and all(r["type_of_reference"] == "NEWS" for r in parsed)
    full = parsed[0]
    assert full["authors"] == ["Roe, Jane", "van Beethoven, Ludwig"]
    assert full["title"] == "Fighting Nears Key City" and full["secondary_title"] == "Example News"
    assert full["date"] == "2020/11/06/" and full["year"] == "2020" and full["urls"] == [FULL["url"]]
    assert full["access_date"] == "2026/12/01/" and full["start_page"] == "3"
    assert full["accession_number"] == "NYT-0042"
    assert any("Jane Doe" in n for n in full["notes"])
    assert parsed[2]["date"] == "2020/11//"
    assert parsed[3]["title"] == HOSTILE_TITLE and (parsed[3]["start_page"], parsed[3]["end_page"]) == ("3", "4")
    assert all(line[:2].isalnum() and line[2:6] == "  - " for line in text.splitlines() if line)


def _bib_library(text):
    bibtexparser = pytest.importorskip("bibtexparser")
    mw = bibtexparser.middlewares
    lib = bibtexparser.parse_string(
        text, append_middleware=[mw.LatexDecodingMiddleware(), mw.SeparateCoAuthors(), mw.SplitNameParts()]
    )
    assert not lib.failed_blocks
    return lib


def test_biblatex_parses_back_with_specials_escaped():
    text = biblatex(refs())
    lib = _bib_library(text)
    assert len(lib.entries) == 4 and all(e.entry_type == "article" for e in lib.entries)
    full = lib.entries[0].fields_dict
    assert full["entrysubtype"].value == "newspaper" and full["journaltitle"].value == "Example News"
    assert full["date"].value == "2020-11-06" and full["urldate"].value == "2026-12-01"
    names = full["author"].value
    assert [(n.last, n.first, n.von) for n in names] == [(["Roe"], ["Jane"], []), (["Beethoven"], ["Ludwig"], ["van"])]
    hostile = lib.entries[3].fields_dict
    # pylatexenc decodes \textasciicircum{} to the modifier letter; everything else comes back as written
    assert hostile["title"].value.replace("\u02c6", "^") == HOSTILE_TITLE
    assert "date" not in hostile  # free text is no biblatex date
    assert hostile["pages"].value in ("3--4", "3\u20134")
    assert "{" not in text.split("url = {", 1)[1].split("}", 1)[0]  # the verbatim url has no raw braces
    assert [lib.entries[i].fields_dict["date"].value for i in (1, 2)] == ["2020", "2020-11"]


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber not installed (apt-get install biber)")
def test_biber_reads_the_biblatex_without_errors(tmp_path):
    """biber's tool mode parses the file and checks every entry against biblatex's data model."""
    bib = tmp_path / "refs.bib"
    bib.write_text(biblatex(refs()), encoding="utf-8")
    out = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", bib.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    log = out.stdout + out.stderr
    assert out.returncode == 0, log
    assert "ERROR" not in log
    warnings = [line for line in log.splitlines() if line.startswith("WARN")]
    # the only warnings allowed: a field biblatex requires that the article does not have (no byline, no date)
    assert all("Missing mandatory field" in w for w in warnings), warnings
    assert not [w for w in warnings if "roe2020fighting" in w]  # the full reference is clean
