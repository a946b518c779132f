"""The shape of the code, checked from its imports (module-level and function-level alike):
no import circles anywhere in `reader`, and dependencies that point one way only:
model <- commands <- cli, model <- ui <- cli; the model imports neither, the UI no command."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "reader"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the reader modules it imports (a `from pkg import mod` counts as `pkg.mod`)."""
    files = {_module_name(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([node.module] if node.module else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            else:
                continue
            deps.update(t for t in targets if t in files and t != name)
        # a package's own __init__ importing its modules is how packages work, not a circle
        graph[name] = {d for d in deps if not (path.name == "__init__.py" and d.startswith(name + "."))}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


FORBIDDEN = {
    "reader.model": ("reader.ui", "reader.commands", "reader.cli", "reader.actions", "reader.signals"),
    "reader.ui": ("reader.commands", "reader.cli"),
    "reader.commands": ("reader.ui", "reader.cli"),
}


def test_dependencies_point_one_way():
    bad = [
        f"{mod} imports {dep}"
        for mod, deps in import_graph().items()
        for layer, banned in FORBIDDEN.items()
        if mod == layer or mod.startswith(layer + ".")
        for dep in deps
        if any(dep == b or dep.startswith(b + ".") for b in banned)
    ]
    assert bad == []


def test_model_stages_are_packages():
    """The tree tells the pipeline: every model module lives in its stage's package."""
    stages = {"ingest", "analysis", "corpus", "store", "search", "outputs"}
    model = ROOT / "model"
    assert stages <= {p.name for p in model.iterdir() if (p / "__init__.py").is_file()}
    loose = {p.stem for p in model.glob("*.py")} - {"__init__", "gcpause"}
    assert loose == set()


def test_the_app_is_composed_not_mixed():
    """ReaderApp is an App that owns its parts (main screen, reading pane, services): no mixins."""
    from textual.app import App

    from reader.ui.app import ReaderApp

    assert ReaderApp.__bases__ == (App,)
    mixins = [
        f"{path.relative_to(ROOT.parent)}: {node.name}"
        for path in (ROOT / "ui").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and "mixin" in node.name.lower()
    ]
    assert mixins == []
