"""The corpus model: ingest, metadata, entities, aliases, quotes, search, citation, cache.

Nothing in this package imports Textual or Rich (tests/test_import_hygiene.py proves it),
so it can be used from scripts and the CLI without a terminal UI.
"""
