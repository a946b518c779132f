"""The JSON face of the corpus: plain dicts for the CLI, tests and users' scripts."""

from __future__ import annotations

from reader.model.corpus.corpus import Corpus
from reader.model.ingest.article import Article


def article_record(a: Article) -> dict:
    return {
        "id": a.id,
        "path": a.path,
        "title": a.title,
        "publisher": a.publisher,
        "date": a.date,
        "byline": a.byline,
        "author": a.author,
        "url": a.url,
        "start": a.start,
        "end": a.end,
        "title_span": list(a.title_span) if a.title_span else None,
        "paragraphs": [{"start": b.start, "end": b.end, "kind": b.kind} for b in a.blocks],
        "words": a.words,
        "source": source_record(a),
    }


def source_record(a: Article) -> dict:
    """Where the article's text came from: the file, its format, and what extracted the text."""
    src = a.source
    return {
        "path": a.path,
        "format": src.format,
        "locator": a.locator,
        "page": a.page_at(a.start),
        "sha256": src.digest,
        "extractor": src.extractor,
        "version": src.extractor_version,
        "summary_only": a.summary_only,
    }


def articles_records(corpus: Corpus) -> list[dict]:
    return [article_record(a) for a in corpus.articles]


def mention_record(corpus: Corpus, file_index: int, start: int, end: int) -> dict:
    src = corpus.files[file_index]
    art = corpus.article_at(file_index, start)
    return {
        "article": art.id if art else None,
        "path": str(src.path),
        "start": start,
        "end": end,
        "text": src.text[start:end],
    }


def entity_record(corpus: Corpus, e) -> dict:
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "aliases": list(e.aliases),
        "related": list(e.related),
        "mentions": [mention_record(corpus, m.file, m.start, m.end) for m in e.mentions],
        "evidence": [{"rule": ev.rule, "detail": ev.detail} for ev in e.evidence],
    }


def entities_records(corpus: Corpus) -> list[dict]:
    ents = sorted(corpus.entities, key=lambda e: (-len(e.mentions), e.name))
    return [entity_record(corpus, e) for e in ents]


def export_entities_rows(corpus: Corpus) -> list[dict]:
    """JSON Lines rows for shared/tools/score_entities.py: one per source file."""
    rows = []
    for i, f in enumerate(corpus.files):
        ents = [
            {"start": s, "end": e, "text": f.text[s:e], "type": ent.kind, "id": ent.id}
            for s, e, ent in corpus.entity_spans.get(i, [])
        ]
        rows.append({"doc": f.name, "entities": ents})
    return rows


def quote_record(corpus: Corpus, article, q) -> dict:
    """A quotation (kind "quote") or a quoted term (kind "term", never with a speaker)."""
    from reader.model.outputs.corpus_citations import quote_channel, quote_role

    speaker = None
    if q.is_quote and q.speaker:
        ent = corpus.speaker_entity(article, q)
        speaker = {
            "name": ent.name if ent is not None else q.speaker,
            "entity": ent.id if ent else None,
            "start": q.speaker_start,
            "end": q.speaker_end,
            "written": q.speaker,
            "role": quote_role(article, q),
            "role_start": q.role_start,
            "role_end": q.role_end,
            "confidence": q.confidence,
        }
    return {
        "id": corpus.quote_id(article, q),
        "kind": q.kind,
        "article": article.id,
        "path": article.path,
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "speaker": speaker,
        "channel": quote_channel(article, q) if q.is_quote else None,
        "channel_start": q.channel_start if q.is_quote else None,
        "channel_end": q.channel_end if q.is_quote else None,
        "provenance": quote_provenance(corpus, article, q) if q.is_quote else None,
    }


def quote_provenance(corpus: Corpus, article, q) -> dict | None:
    """The earliest dated article carrying the quote's words and the later ones repeating them;
    None when this article is the only one."""
    carriers = corpus.quote_carriers(article, q)
    if not carriers:
        return None

    def where(c) -> dict:
        a = c.article
        return {
            "article": a.id,
            "quote": corpus.quote_id(a, c.quote),
            "title": a.title,
            "publisher": a.publisher,
            "date": a.date,
        }

    first, *later = carriers
    return {"first": where(first), "later": [where(c) for c in later], "is_first": first.article is article}


def quotes_records(corpus: Corpus, terms: bool = False) -> list[dict]:
    """Every quotation; with `terms`, the quoted terms too (kind "term"), in text order."""
    out: list[dict] = []
    for a in corpus.articles:
        found = corpus.quotes_in(a) + (corpus.terms_in(a) if terms else [])
        out.extend(quote_record(corpus, a, q) for q in sorted(found, key=lambda q: (q.start, q.end)))
    return out


def _canonical_speaker(corpus: Corpus, file_index: int, q) -> str | None:
    art = corpus.article_at(file_index, q.start)
    return corpus.speaker_name(art, q) if art is not None else q.speaker


def export_quotes_rows(corpus: Corpus) -> list[dict]:
    """JSON Lines rows for shared/tools/score_quotes.py: one per source file; the speaker is the
    canonical name of the speaker's entity (alias group), else as the article names them, or null."""
    rows = []
    for i, f in enumerate(corpus.files):
        fa = corpus.analyses.get(i)
        quotes = [] if fa is None else fa.quotes
        rows.append(
            {
                "doc": f.name,
                "quotes": [
                    {
                        "start": q.start,
                        "end": q.end,
                        "text": q.text,
                        "speaker": _canonical_speaker(corpus, i, q),
                        "speaker_start": q.speaker_start,
                        "speaker_end": q.speaker_end,
                    }
                    for q in quotes
                ],
            }
        )
    return rows


def _source_record(a: Article) -> dict:
    return {"article": a.id, "path": a.path, "title": a.title, "publisher": a.publisher, "date": a.date}


def passage_record(corpus: Corpus, m) -> dict:
    """A verified passage (verify.Match): where it is, its text, and who said it there (the
    speaker of the quotation holding most of it; null outside a quotation or when unknown)."""
    from reader.model.outputs.corpus_citations import quote_speaker

    quotes = []
    for q in corpus.quotes_in(m.article):
        overlap = min(q.end, m.end) - max(q.start, m.start)
        if overlap > 0:
            quotes.append((overlap, q))
    said = [
        {
            "id": corpus.quote_id(m.article, q),
            "start": q.start,
            "end": q.end,
            "speaker": quote_speaker(corpus, m.article, q),
        }
        for _, q in sorted(quotes, key=lambda t: t[1].start)
    ]
    main = max(quotes, key=lambda t: t[0])[1] if quotes else None
    return {
        **_source_record(m.article),
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "matched": round(m.matched, 3),
        "score": round(m.score, 1),
        "in_quote": main is not None,
        "speaker": quote_speaker(corpus, m.article, main) if main is not None else None,
        "quotes": said,
    }


def verification_record(corpus: Corpus, v) -> dict:
    """`reader verify --json`: the verdict, the passage, who said it, and the word diff."""
    from reader.model.search.verify import VERDICT_TEXT

    rec: dict = {"draft": v.draft, "verdict": v.verdict, "verdict_text": VERDICT_TEXT[v.verdict], "match": None}
    m = v.match
    if m is None:
        return rec
    rec["match"] = passage_record(corpus, m)
    rec["diff"] = [d.to_json() for d in m.diff]
    rec["counts"] = v.counts
    rec["also_in"] = [{**_source_record(o.article), "start": o.start, "end": o.end} for o in v.also_in]
    return rec
