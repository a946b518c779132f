"""The corpus model, laid out by stage; text flows down this list:

- `ingest/`: formats in, articles out (finding files, decoding, sidecars, metadata, dates,
  digests, paragraphs).
- `analysis/`: per file: the spaCy pass (`pipeline`, `nlp`), entities and their word lists,
  quotes and speakers, what a cached result depends on (`fingerprint`) and the run over a corpus
  (`runner`).
- `corpus/`: across files: consistency, alias groups, the user's corrections, and the `Corpus`
  facade the UI and CLI use.
- `store/`: what is kept on disk: the analysis cache, reading state, clippings, safe JSON files,
  the per-user paths.
- `search/`, `outputs/`: views over a corpus: the palette's engine, entity lookup, find in an
  article; citations, exports, records (the JSON face), the timeline, safe display of text.

Nothing in this package imports Textual or Rich (tests/test_import_hygiene.py proves it), and
spaCy only when analysis runs.
"""
