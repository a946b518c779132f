"""Search over a corpus: the palette engine and its keys, entity lookup, find in an article."""
