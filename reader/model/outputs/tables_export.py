"""CSV tables of what reader found: entities (one row per alias group) and quotes (one row per quote).

The csv module does the quoting (every text cell is quoted, numbers are not), so text with
commas, quotation marks, carriage returns and newlines survives exactly; rows end in "\\n"
(spreadsheets and `csv.reader` read both endings). Two exceptions,
because a CSV file is opened by spreadsheets: a text cell that begins with `=`, `+`, `-`, `@`, a
tab or a carriage return would be run as a formula, so it gets a leading `'` (OWASP's advice on
CSV injection); and a file name that is not UTF-8 shows U+FFFD for its stray bytes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

ENTITY_COLUMNS = ("name", "kind", "aliases", "mentions", "articles")
QUOTE_COLUMNS = ("id", "article", "path", "start", "end", "speaker", "speaker_entity", "text")
ALIAS_SEP = "; "


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell a spreadsheet shows as text: formula starters neutralised, valid Unicode."""
    if not isinstance(value, str):
        return value
    from reader.model.outputs.display import valid_text

    value = valid_text(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buf = io.StringIO()
    # every text cell quoted (OWASP's advice, and a lone \r would otherwise go out unquoted)
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    w.writerow(header)
    w.writerows([csv_cell(v) for v in row] for row in rows)
    return buf.getvalue()


def entities_csv(corpus) -> str:
    """name, kind, other names ("; "-separated), mentions, articles; most mentioned first."""
    from reader.model.outputs.records import entities_records

    rows = []
    for r in entities_records(corpus):
        arts = {m["article"] for m in r["mentions"] if m["article"] is not None}
        aliases = ALIAS_SEP.join(a for a in r["aliases"] if a != r["name"])
        rows.append((r["name"], r["kind"], aliases, len(r["mentions"]), len(arts)))
    return csv_text(ENTITY_COLUMNS, rows)


def quotes_csv(corpus) -> str:
    from reader.model.outputs.records import quotes_records

    rows = []
    for r in quotes_records(corpus):
        sp = r["speaker"] or {}
        rows.append(
            (
                r["id"],
                r["article"],
                r["path"],
                r["start"],
                r["end"],
                sp.get("name") or "",
                sp.get("entity") or "",
                r["text"],
            )
        )
    return csv_text(QUOTE_COLUMNS, rows)
