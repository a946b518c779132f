"""References in the forms reference managers import: CSL-JSON, RIS and BibLaTeX.

Written by hand (each is a few lines per field); the tests parse every form back with the
libraries that read them (jsonschema with the CSL-JSON schema, rispy, bibtexparser) and run
biber on the BibLaTeX when it is installed. A newspaper article maps to CSL `article-newspaper`,
RIS `NEWS` and BibLaTeX `@article` with `entrysubtype = {newspaper}`, which is what Zotero
and biblatex expect. The quote, its speaker, the reader's note and a text-fragment link to the
passage go in the note (CSL `note`, RIS `N1`, BibLaTeX `annotation`, which styles do not print).
"""

from __future__ import annotations

import json
import re

from anyascii import anyascii

from reader.model.outputs.reference import Reference, date_parts

FORMATS = ("csl-json", "ris", "biblatex")


def note_text(ref: Reference) -> str:
    """The quote and who said it, the reader's note, and the link to the passage, one per line."""
    lines = []
    if ref.quote:
        lines.append(f"\u201c{ref.quote}\u201d" + (f" \u2014 {ref.who}" if ref.who else ""))
    if ref.note:
        lines.append(f"Note: {ref.note}")
    if ref.url and ref.quote:
        lines.append(f"Passage: {ref.fragment_url}")
    return "\n".join(lines)


def cite_keys(refs: list[Reference]) -> list[str]:
    """BibTeX-safe keys, unique within the list: first author's family name (else the title's
    first word), year, the title's first word: 'roe2020fighting', then 'roe2020fighting-2'."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for ref in refs:
        who = ref.authors[0].family or ref.authors[0].literal if ref.authors else ref.publisher
        p = date_parts(ref.date)
        words = [w for w in re.findall(r"[a-z0-9]+", anyascii(ref.title).lower()) if len(w) > 3]
        base = re.sub(r"[^a-z0-9]", "", anyascii(who.split()[-1] if who.split() else "").lower())
        key = (base or "article") + (str(p[0]) if p else "") + (words[0] if words else "")
        n = seen.get(key, 0) + 1
        seen[key] = n
        keys.append(key if n == 1 else f"{key}-{n}")
    return keys


# -- CSL-JSON --------------------------------------------------------------------------------
def _csl_date(iso: str) -> dict | None:
    p = date_parts(iso)
    if p is None:
        return {"literal": iso} if iso else None
    return {"date-parts": [[x for x in p if x is not None]]}


def csl_item(ref: Reference, key: str) -> dict:
    item: dict = {"id": key, "type": "article-newspaper"}
    if ref.title:
        item["title"] = ref.title
    if ref.publisher:
        item["container-title"] = ref.publisher
    if ref.authors:
        item["author"] = [n.csl() for n in ref.authors]
    for field, value in (("issued", _csl_date(ref.date)), ("accessed", _csl_date(ref.accessed))):
        if value:
            item[field] = value
    if ref.url:
        item["URL"] = ref.url
    if ref.page:
        item["page"] = ref.page
    if ref.locator:
        item["archive_location"] = ref.locator
    note = note_text(ref)
    if note:
        item["note"] = note
    return item


def csl_json(refs: list[Reference]) -> str:
    items = [csl_item(r, k) for r, k in zip(refs, cite_keys(refs))]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


# -- RIS ---------------------------------------------------------------------------------------
def _ris_date(iso: str) -> str:
    """RIS DA: 'YYYY/MM/DD/' with empty parts for the precision the date lacks."""
    p = date_parts(iso)
    if p is None:
        return ""
    y, m, d = p
    return f"{y}/{f'{m:02d}' if m else ''}/{f'{d:02d}' if d else ''}/"


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"  # one line per field: RIS has no continuation


def ris_record(ref: Reference, key: str) -> list[str]:
    lines = [_ris_line("TY", "NEWS")]
    lines += [_ris_line("AU", n.inverted()) for n in ref.authors]
    if ref.title:
        lines.append(_ris_line("TI", ref.title))
    if ref.publisher:
        lines.append(_ris_line("T2", ref.publisher))
    p = date_parts(ref.date)
    if p:
        lines += [_ris_line("PY", str(p[0])), _ris_line("DA", _ris_date(ref.date))]
    if ref.url:
        lines.append(_ris_line("UR", ref.url))
    if ref.accessed and date_parts(ref.accessed):
        lines.append(_ris_line("Y2", _ris_date(ref.accessed)))
    if ref.page:
        first, _, last = ref.page.replace("\u2013", "-").partition("-")
        lines.append(_ris_line("SP", first))
        if last:
            lines.append(_ris_line("EP", last))
    if ref.locator:
        lines.append(_ris_line("AN", ref.locator))
    lines.append(_ris_line("ID", key))
    for line in note_text(ref).splitlines():
        lines.append(_ris_line("N1", line))
    lines.append("ER  - ")
    return lines


def ris(refs: list[Reference]) -> str:
    return "\n\n".join("\n".join(ris_record(r, k)) for r, k in zip(refs, cite_keys(refs))) + "\n"


# -- BibLaTeX ----------------------------------------------------------------------------------
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
}
_LATEX_RE = re.compile(r"[\\{}$&#^_%~]")


def latex_escape(s: str) -> str:
    """Text for a BibLaTeX field: LaTeX's special characters escaped, whitespace folded, control
    characters dropped (Unicode stays: biber reads UTF-8)."""
    s = "".join(c for c in " ".join(s.split()) if c.isprintable())
    return _LATEX_RE.sub(lambda m: _LATEX[m.group(0)], s)


def _bib_url(url: str) -> str:
    """url is a verbatim field: braces, backslashes and spaces percent-encoded, % kept."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _bib_name(n) -> str:
    if n.literal:  # an agency or a single name: braces keep biber from splitting it
        return "{" + latex_escape(n.literal) + "}"
    parts = [n.family_full, n.suffix, n.given] if n.suffix else [n.family_full, n.given]
    return ", ".join(latex_escape(p) for p in parts if p)


def biblatex_entry(ref: Reference, key: str) -> str:
    fields: list[tuple[str, str]] = [("entrysubtype", "newspaper")]
    if ref.authors:
        fields.append(("author", " and ".join(_bib_name(n) for n in ref.authors)))
    if ref.title:
        fields.append(("title", latex_escape(ref.title)))
    if ref.publisher:
        fields.append(("journaltitle", latex_escape(ref.publisher)))
    if date_parts(ref.date):
        fields.append(("date", _iso_precise(ref.date)))
    if ref.page:
        fields.append(("pages", latex_escape(ref.page.replace("\u2013", "--"))))
    if ref.url:
        fields.append(("url", _bib_url(ref.url)))
        if date_parts(ref.accessed):
            fields.append(("urldate", _iso_precise(ref.accessed)))
    if ref.locator:
        fields.append(("note", latex_escape(f"Document {ref.locator}")))
    note = note_text(ref)
    if note:  # one paragraph: a blank line would end the field's text in LaTeX
        fields.append(("annotation", latex_escape("; ".join(note.splitlines()))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{{key},\n{body}\n}}\n"


def _iso_precise(iso: str) -> str:
    y, m, d = date_parts(iso)  # type: ignore[misc]
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if m and d else "")


def biblatex(refs: list[Reference]) -> str:
    return "\n".join(biblatex_entry(r, k) for r, k in zip(refs, cite_keys(refs)))


def render_references(refs: list[Reference], fmt: str) -> str:
    """`refs` in `fmt` (one of FORMATS), as text ending in a newline."""
    if fmt == "csl-json":
        return csl_json(refs)
    if fmt == "ris":
        return ris(refs)
    if fmt == "biblatex":
        return biblatex(refs)
    raise ValueError(f"unknown reference format {fmt!r}; choose one of {', '.join(FORMATS)}")
