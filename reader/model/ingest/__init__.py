"""Ingest: source files in, articles out (finding, decoding, sidecars, metadata, dates, digests)."""
