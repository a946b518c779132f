#!/usr/bin/env python3
"""Import throughput per format, and the warm reopen of a mixed folder.

Usage:
  python benchmarks/import_formats.py [--copies 3]

Corpus: the ten Wikinews articles of tests/data/articles (CC BY 2.5), rendered by the test
fixtures (tests/importer_fixtures.py) into every format reader imports: web pages of three CMS
shapes, RSS, newsboat's cache, Nexis Uni DOCX and RTF, Factiva RTF and HTML, ProQuest text, PDF
(reportlab), Word, EPUB, .eml, .mbox, JSON/JSONL; --copies repeats the set (same text, other file
names, so each copy is extracted anew). Cold: `load_files` with the extraction cache off, i.e.
reading, extracting and cutting into articles; reported as articles/s per format (and pages/s
for PDF). Warm: `Corpus.load` of the whole mixed folder twice with a fresh cache in a temp dir,
the second time timed (median of 3): every imported file's text comes from the cache.
The last line is JSON: {"formats": {format: {"files", "articles", "seconds", "articles_per_s"}},
"pdf_pages_per_s", "mixed_files", "mixed_articles", "cold_s", "warm_s"}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import importer_fixtures as fx  # noqa: E402


def build(folder: Path, copies: int) -> dict[str, list[Path]]:
    srcs = fx.articles()
    out: dict[str, list[Path]] = {}

    def add(fmt: str, path: Path) -> None:
        out.setdefault(fmt, []).append(path)

    for c in range(copies):
        for i, s in enumerate(srcs):
            for shape, fn in (("wp", fx.wordpress_page), ("news", fx.newssite_page), ("old", fx.table_page)):
                p = folder / f"{shape}-{c}-{i}.html"
                p.write_text(fn(s) + f"<!-- copy {c} -->", encoding="utf-8")
                add("html", p)
            p = folder / f"report-{c}-{i}.pdf"
            fx.pdf_file(p, s)
            add("pdf", p)
            p = folder / f"doc-{c}-{i}.docx"
            fx.docx_file(p, s)
            add("docx", p)
            p = folder / f"mail-{c}-{i}.eml"
            p.write_bytes(fx.newsletter_message(s).as_bytes() + f"\n<!-- {c} -->".encode())
            add("email", p)
        p = folder / f"feed-{c}.rss"
        p.write_text(fx.rss_feed(srcs) + f"<!-- {c} -->", encoding="utf-8")
        add("feed", p)
        p = folder / f"cache-{c}.db"
        fx.newsboat_db(p, srcs[: 9 + c % 2])
        add("newsboat", p)
        p = folder / f"nexis-{c}.docx"
        fx.nexis_docx(p, srcs)
        add("nexis docx", p)
        p = folder / f"nexis-{c}.rtf"
        p.write_text(fx.rtf_document(fx.nexis_lines(srcs)) + " " * c, encoding="ascii")
        add("nexis rtf", p)
        p = folder / f"factiva-{c}.rtf"
        fx.factiva_rtf(p, srcs)
        p.write_text(p.read_text() + " " * c)
        add("factiva rtf", p)
        p = folder / f"factiva-{c}.html"
        p.write_text(fx.factiva_html(srcs) + " " * c, encoding="utf-8")
        add("factiva html", p)
        p = folder / f"proquest-{c}.txt"
        p.write_text(fx.proquest_txt(srcs) + " " * c, encoding="utf-8")
        add("proquest", p)
        p = folder / f"issue-{c}.epub"
        fx.epub_file(p, srcs, title=f"Wikinews [copy {c}]")
        add("epub", p)
        p = folder / f"letters-{c}.mbox"
        p.write_bytes(fx.mbox_bytes([fx.newsletter_message(s) for s in srcs]) + b" " * c)
        add("mbox", p)
        p = folder / f"scrape-{c}.jsonl"
        p.write_text("\n".join(json.dumps(fx.newsplease_json(s)) for s in srcs) + " " * c, encoding="utf-8")
        add("jsonl", p)
        p = folder / f"scrape-{c}.json"
        p.write_text(json.dumps([fx.trafilatura_json(s) for s in srcs]) + " " * c, encoding="utf-8")
        add("json", p)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # a fresh cache, never the user's
        from reader.model.corpus.corpus import Corpus
        from reader.model.ingest.files import load_files

        folder = Path(tmp) / "mixed"
        folder.mkdir()
        groups = build(folder, args.copies)
        # warm every importer's imports once, so the first format is not charged for them
        for paths in groups.values():
            list(load_files(paths[:1], cache=False))
        results = {}
        print(f"{'format':14} {'files':>5} {'articles':>8} {'seconds':>8} {'articles/s':>10}")
        for fmt, paths in groups.items():
            t0 = time.perf_counter()
            n = sum(len(arts) for _, _, arts, _ in load_files(paths, cache=False))
            dt = time.perf_counter() - t0
            results[fmt] = {
                "files": len(paths),
                "articles": n,
                "seconds": round(dt, 3),
                "articles_per_s": round(n / dt, 1),
            }
            print(f"{fmt:14} {len(paths):5} {n:8} {dt:8.2f} {n / dt:10.1f}")
        from pypdf import PdfReader

        pages = sum(len(PdfReader(p).pages) for p in groups["pdf"])
        pdf_pages_per_s = pages / results["pdf"]["seconds"]
        print(f"pdf: {pages} pages, {pdf_pages_per_s:.1f} pages/s")
        t0 = time.perf_counter()
        cold = Corpus.load([str(folder)])
        cold_s = time.perf_counter() - t0
        warm = []
        for _ in range(3):
            t0 = time.perf_counter()
            c = Corpus.load([str(folder)])
            warm.append(time.perf_counter() - t0)
        assert len(c.articles) == len(cold.articles)
        files = sum(len(p) for p in groups.values())
        print(
            f"mixed folder: {files} files, {len(cold.articles)} articles: "
            f"cold open (extracting, filling the cache) {cold_s:.2f} s, warm reopen {statistics.median(warm):.2f} s (median of 3)"
        )
        print(
            json.dumps(
                {
                    "formats": results,
                    "pdf_pages_per_s": round(pdf_pages_per_s, 1),
                    "mixed_files": files,
                    "mixed_articles": len(cold.articles),
                    "cold_s": round(cold_s, 2),
                    "warm_s": round(statistics.median(warm), 3),
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
