"""What a per-file analysis result depends on, as a cache key: the file's bytes, its analysed
regions, the model, and a fingerprint of the analysis code itself.

The fingerprint follows the modules the analysis imports (from `pipeline.py` and `nlp.py`), so
editing a rule invalidates old results while editing corpus-level, storage or UI code does not.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

ANALYSIS_VERSION = 1

# Roots are paths relative to reader/model; modules are followed through their imports.
_ANALYSIS_ROOTS = ("analysis/pipeline.py", "analysis/nlp.py")
_MODEL = Path(__file__).resolve().parent.parent


def analysis_modules(roots: Iterable[str] = _ANALYSIS_ROOTS) -> list[Path]:
    """The model modules `roots` import, transitively, with the roots themselves."""
    seen: dict[str, Path] = {}
    todo = list(roots)
    while todo:
        rel = todo.pop()
        path = _MODEL / rel
        if rel in seen or not path.is_file():
            continue
        seen[rel] = path
        todo.extend(_model_imports(path.read_text(encoding="utf-8")))
    return [seen[k] for k in sorted(seen)]


_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+reader\.model((?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)"
    r"|import[ \t]+reader\.model((?:\.\w+)+))",
    re.M,
)


def _model_imports(source: str) -> set[str]:
    """Paths (relative to reader/model) of the model modules imported anywhere in `source`,
    function-level imports too. A regex, not `ast`: this runs on every start-up and parsing the
    modules cost 0.1 s."""
    out: set[str] = set()
    for sub, what, plain in _IMPORT.findall(source):
        dotted = (plain or sub).strip(".").replace(".", "/")
        if plain:
            out.add(dotted + ".py")
            continue
        if dotted and (_MODEL / f"{dotted}.py").is_file():  # from reader.model.a.b import names
            out.add(dotted + ".py")
            continue
        for w in re.findall(r"\w+", what.split("#")[0]):  # from reader.model[.pkg] import modules
            if w != "as":
                out.add(f"{dotted}/{w}.py" if dotted else f"{w}.py")
    return out


@lru_cache(maxsize=4)
def rules_fingerprint(roots: tuple[str, ...] = _ANALYSIS_ROOTS) -> str:
    h = hashlib.sha256()
    for f in analysis_modules(roots):
        h.update(f.relative_to(_MODEL).as_posix().encode() + b"\0")
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def file_key(digest: str, regions: Iterable[Iterable[tuple[int, int]]], model: str) -> str:
    """The cache key of one file: its bytes' digest, its articles' regions, code and model."""
    h = hashlib.sha256(f"{ANALYSIS_VERSION}\0{rules_fingerprint()}\0{model}\0{digest}\0".encode())
    for art in regions:
        h.update(";".join(f"{s},{e}" for s, e in art).encode() + b"|")
    return h.hexdigest()
