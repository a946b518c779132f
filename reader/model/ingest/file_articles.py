"""One decoded file cut into its articles: a text file by the text rules (one article, or a
digest's stories), an imported file by its records; front matter, sidecar and format fields
fill in what the text does not say."""

from __future__ import annotations

from reader.model.ingest.article import Article, SourceFile
from reader.model.ingest.formats.record import Extraction
from reader.model.ingest.sidecar import front_matter


def articles_of(source: SourceFile, overrides: dict[str, str] | None = None) -> list[Article]:
    """Cut one decoded file into its articles (several when it is a digest of stories)."""
    text = source.text
    fields, body_start = front_matter(text) if source.path.suffix.lower() == ".md" else ({}, 0)
    fields = {**fields, **(overrides or {})}
    arts = _text_articles(source, body_start, len(text), source.digest[:12])
    for a in arts:
        _apply(a, fields, title=a.story_index is None)
    return arts


def _text_articles(source: SourceFile, start: int, end: int, base_id: str) -> list[Article]:
    """The articles of text[start:end] read by the text rules: one, or a digest's stories."""
    # the text rules (their regexes) load with the first file read: a warm open reads none
    from reader.model.ingest import metadata as md
    from reader.model.ingest.dates import find_date
    from reader.model.ingest.digest import split_digest
    from reader.model.ingest.paragraphs import split_paragraphs

    text = source.text
    paras = split_paragraphs(text, start, end)
    if not paras:
        return []
    digest = split_digest(text, paras)
    if digest is None:
        return [_article(source, base_id, paras, None)]
    header_text = " ".join(md.text_of(text, p) for p in digest.header)
    header_date = find_date(header_text) if header_text else None
    stories = [_article(source, f"{base_id}-{i + 1}", ps, i) for i, ps in enumerate(digest.stories)]
    publisher = next((a.publisher for a in reversed(stories) if a.publisher), None)
    for a in stories:
        if header_date and (not a.date or len(a.date) < len(header_date)):
            a.date = header_date  # the header's full date beats a copyright year
        a.publisher = a.publisher or publisher
    return stories


def _article(source: SourceFile, art_id: str, paras, story_index: int | None) -> Article:
    from reader.model.ingest import metadata as md

    text = source.text
    headline = md.is_headline(text, paras[0], len(paras) > 1)
    blocks = md.classify(text, paras, headline)
    if headline:
        title, title_span = " ".join(md.text_of(text, paras[0]).split()), (paras[0].start, paras[0].end)
    else:
        title, title_span = md.derived_title(text, blocks), None
    return Article(
        id=art_id,
        source=source,
        start=paras[0].start,
        end=paras[-1].end,
        title=title,
        title_span=title_span,
        publisher=md.publisher_from(text, blocks),
        date=md.date_from(text, blocks),
        byline=md.byline_from(text, blocks),
        blocks=blocks,
        story_index=story_index,
    )


def _apply(a: Article, fields: dict[str, str], title: bool) -> None:
    if title and fields.get("title"):
        a.title = fields["title"]
    for key in ("publisher", "url", "byline"):
        if fields.get(key):
            setattr(a, key, fields[key])
    if fields.get("date"):  # checked by sidecar.clean_fields: ISO 8601
        a.date = fields["date"]


def articles_of_extraction(
    source: SourceFile, extraction: Extraction, overrides: dict[str, str] | None = None
) -> list[Article]:
    """The articles of an imported file: one per record, its metadata from the format's fields
    (the text's own headline, byline and date lines fill what the format did not say)."""
    from reader.model.ingest import metadata as md
    from reader.model.ingest.paragraphs import split_paragraphs

    text = source.text
    base_id = source.digest[:12]
    multi = len(extraction.records) > 1
    out: list[Article] = []
    for i, rec in enumerate(extraction.records):
        if rec.titled:
            paras = split_paragraphs(text, rec.start, rec.end)
            if not paras:
                continue
            blocks = md.classify(text, paras, True)
            arts = [
                Article(
                    id=f"{base_id}-{i + 1}" if multi else base_id,
                    source=source,
                    start=paras[0].start,
                    end=paras[-1].end,
                    title=" ".join(md.text_of(text, paras[0]).split()),
                    title_span=(paras[0].start, paras[0].end),
                    publisher=md.publisher_from(text, blocks),
                    date=md.date_from(text, blocks),
                    byline=md.byline_from(text, blocks),
                    blocks=blocks,
                    story_index=i if multi else None,
                )
            ]
        elif multi:
            paras = split_paragraphs(text, rec.start, rec.end)
            if not paras:
                continue
            arts = [_article(source, f"{base_id}-{i + 1}", paras, i)]
        else:  # one untitled record (a PDF, a plain Word file): read as a text file, digests too
            arts = _text_articles(source, rec.start, rec.end, base_id)
        for a in arts:
            meta = rec.meta
            for key in ("publisher", "date", "url", "byline"):
                if meta.get(key):
                    setattr(a, key, meta[key])
            a.author = meta.get("author") or a.byline or None
            a.locator = meta.get("locator") or None
            a.pages = tuple(rec.pages)
            a.summary_only = rec.summary_only
            _apply(a, overrides or {}, title=not multi and len(arts) == 1)
        out.extend(arts)
    return out
