"""reader: a terminal application for reading news articles closely."""

__version__ = "0.1.0"

import os as _os

# Numpy's OpenBLAS does spaCy's matrix products (`analysis.nlp._numpy_matmul`); by default it
# starts a thread per core, which only contends with reader's own worker processes (one per
# core) and with other work on the machine. Read when numpy loads, so set before anything
# imports it; a value set by the user is kept.
_os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
