"""What is kept on disk: the analysis cache, reading state, clippings, JSON files, per-user paths."""
