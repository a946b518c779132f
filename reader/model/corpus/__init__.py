"""Corpus-level grouping: consistency across articles, alias groups, corrections, the `Corpus` facade."""
