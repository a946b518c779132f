"""reader: a terminal application for reading news articles closely."""

__version__ = "0.1.0"
