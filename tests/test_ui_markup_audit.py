"""A static audit of reader/ui: article-derived text reaches the screen only through reader.ui.safe.

A `str` handed to a Textual widget, `notify`, a palette `Hit` or a border title is parsed as
markup (`[/]` crashes, `[Reuters]` vanishes, `[@click=app.quit]` becomes a live link), and
`Content(str)` is literal but lets ESC/BEL through to the terminal. So in reader/ui:

Allowed:
- `safe(...)`, `safe_line(...)`, `join(...)`, `notice_text(...)`, `display_text(...)`,
  `display_line(...)`: the helpers of reader.ui.safe and reader.model.outputs.display;
- string constants (our own words);
- `Content(...)`, `Content.styled(...)` and `str` pieces of `join(...)` built from constants,
  numbers and our own labels: an f-string may interpolate anything but a TEXT_FIELDS name;
- any other expression not built as a `str` here (a variable holding Content, a call);
- a line ending in `# markup-audit: ok (reason)`, for text that is display-mapped already.
Flagged:
- `.notify(...)` without `markup=False`, or whose message or title holds a TEXT_FIELDS name
  not wrapped in `notice_text(...)`;
- a `str` built here (f-string, `+`/`%`, `.format`, `str(...)`, `" ".join`) handed straight to
  a widget: `Static`, `Label`, `Option`, `Hit`, `DiscoveryHit`, `.update(...)`,
  `border_title`, `border_subtitle`, `title`/`sub_title` (app and screen titles), and the
  keywords `placeholder=`, `tooltip=`, `help=`, `prompt=`, `title=`; `title`/`sub_title`
  must not hold article text at all (a Header, or a future Textual, may show them anywhere);
- `Content(...)`, `Content.styled(...)`, `TextArea(...)`, `.load_text(...)`, a hit's `text=`
  (it fills the palette's input) or a `join(...)` piece holding a TEXT_FIELDS name
  (`art.title`, an f-string with `{ent.name}`): literal, but ESC and BEL would reach the terminal;
- `Content.from_markup(...)` or `escape(...)` of anything but a constant (markup escaping misses
  `[Reuters]`: Textualize/textual#6525).
Local variables are followed to what they are assigned in the same function.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "reader" / "ui"

SAFE_CALLS = {"safe", "safe_line", "join", "notice_text", "display_text", "display_line"}
NUMERIC_CALLS = {"len", "int", "float", "round", "abs", "bool", "ord", "isinstance"}
PRAGMA = "# markup-audit: ok"  # on a flagged line, with the reason: text already display-mapped
WIDGET_SINKS = {"Static", "Label", "Option", "Hit", "DiscoveryHit"}
ATTR_SINKS = {"border_title", "border_subtitle", "title", "sub_title"}
KEYWORD_SINKS = {"placeholder", "tooltip", "help", "prompt", "title"}
LITERAL_BUILDERS = {"Content", "styled", "TextArea", "load_text"}  # literal, controls pass through
MARKUP_PARSERS = {"from_markup", "escape"}
# Names that hold article- or file-derived text in this code base; interpolating one into a
# `str` that becomes Content skips the display mapping.
TEXT_FIELDS = {
    "title",
    "name",
    "text",
    "label",
    "speaker",
    "publisher",
    "byline",
    "date",
    "url",
    "path",
    "source",
    "quote",
    "alias",
    "aliases",
    "detail",
    "rule",
    "error",
    "exc",
    "message",
    "msg",
    "notice",
    "notices",
    "help",
    "filename",
    "caption",
    "plain",
    "value",
    "query",
    "needle",
    "note",
}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_str_built(node: ast.expr) -> bool:
    """An expression that builds a `str` here (parsed as markup if handed to a widget)."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return any(
            _is_str_built(x) or (isinstance(x, ast.Constant) and isinstance(x.value, str))
            for x in (node.left, node.right)
        )
    if isinstance(node, ast.IfExp):
        return _is_str_built(node.body) or _is_str_built(node.orelse)
    if isinstance(node, ast.Call):
        n = _name(node.func)
        if n == "format" or (n == "str" and isinstance(node.func, ast.Name)):
            return True
        if n == "join" and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Constant):
            return True  # " ".join(...)
    return False


class _Audit(ast.NodeVisitor):
    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.lines = source.splitlines()
        self.findings: list[Finding] = []
        self.scopes: list[dict[str, list[ast.expr]]] = [{}]  # local name -> assigned values, per function

    def flag(self, node: ast.AST, what: str) -> None:
        if PRAGMA not in self.lines[node.lineno - 1]:
            self.findings.append(Finding(self.path, node.lineno, what))

    # -- local variables ----------------------------------------------------------------------
    def visit_FunctionDef(self, node) -> None:
        scope: dict[str, list[ast.expr]] = {}
        for sub in ast.walk(node):
            if isinstance(sub, ast.Assign):
                for t in sub.targets:
                    if isinstance(t, ast.Name):
                        scope.setdefault(t.id, []).append(sub.value)
            elif isinstance(sub, (ast.AnnAssign, ast.AugAssign)) and isinstance(sub.target, ast.Name) and sub.value:
                scope.setdefault(sub.target.id, []).append(sub.value)
            elif isinstance(sub, (ast.For, ast.comprehension)) and isinstance(sub.iter, (ast.Tuple, ast.List)):
                for row in sub.iter.elts:  # `for key, name in (("^R", "regex"), ...)`: what each name holds
                    for t, v in _unpack(sub.target, row):
                        scope.setdefault(t, []).append(v)
        self.scopes.append(scope)
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def values(self, node: ast.expr) -> list[ast.expr]:
        """The expression, or every value a local variable of that name is assigned."""
        if isinstance(node, ast.Name) and node.id in self.scopes[-1]:
            return self.scopes[-1][node.id]
        return [node]

    def taint(self, node: ast.expr, seen: frozenset[str] = frozenset()) -> set[str]:
        """TEXT_FIELDS names whose text reaches `node`'s value without display mapping."""
        if isinstance(node, ast.Constant):
            return set()
        if isinstance(node, ast.Call) and _name(node.func) in SAFE_CALLS | NUMERIC_CALLS:
            return set()
        if isinstance(node, ast.Name):
            if node.id in self.scopes[-1] and node.id not in seen:
                return set().union(*(self.taint(v, seen | {node.id}) for v in self.scopes[-1][node.id]))
            return {node.id} if node.id in TEXT_FIELDS and node.id not in seen else set()
        found = {node.attr} if isinstance(node, ast.Attribute) and node.attr in TEXT_FIELDS else set()
        if isinstance(node, ast.Attribute):
            return found  # `art.title` is text; `self.corpus` is not
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                found |= self.taint(child, seen)
        return found

    # -- checks -------------------------------------------------------------------------------
    def check_sink(self, node: ast.expr, where: str) -> None:
        if any(_is_str_built(v) for v in self.values(node)):
            self.flag(node, f"{where} given a str built here (parsed as markup); use safe_line/join/Content")

    def check_literal_piece(self, call: ast.Call, piece: ast.expr, where: str) -> None:
        """A str that becomes literal Content: no article text in it (ESC would reach the terminal)."""
        bad: set[str] = set()
        for v in self.values(piece):
            if _is_str_built(v) or isinstance(v, ast.Attribute):
                bad |= self.taint(v)
        if bad:
            self.flag(call, f"{where} of article text ({', '.join(sorted(bad))}) skips display mapping; use safe_line")

    def check_notice(self, node: ast.Call) -> None:
        kw = {k.arg: k.value for k in node.keywords}
        markup = kw.get("markup")
        if not (isinstance(markup, ast.Constant) and markup.value is False):
            self.flag(node, "notify() without markup=False")
        for key, arg in (("message", node.args[0] if node.args else kw.get("message")), ("title", kw.get("title"))):
            if arg is not None and self.taint(arg):
                self.flag(
                    node,
                    f"notify() {key} holds article text ({', '.join(sorted(self.taint(arg)))}); "
                    "wrap it in notice_text(...)",
                )

    def visit_Call(self, node: ast.Call) -> None:
        n = _name(node.func)
        if n == "notify" and isinstance(node.func, ast.Attribute):
            self.check_notice(node)
        elif n in WIDGET_SINKS:
            for a in node.args[:2] if n == "Hit" else node.args[:1]:
                self.check_sink(a, f"{n}()")
            for k in node.keywords:  # a hit's `text` fills the palette's input when chosen
                if k.arg == "text":
                    self.check_literal_piece(node, k.value, f"{n} text=")
        elif n == "update" and isinstance(node.func, ast.Attribute) and node.args:
            self.check_sink(node.args[0], ".update()")
        elif n in LITERAL_BUILDERS and node.args:
            self.check_literal_piece(node, node.args[0], f"{n}()")
        elif n == "join" and isinstance(node.func, ast.Name):
            for a in node.args:
                self.check_literal_piece(node, a, "join()")
        elif n in MARKUP_PARSERS and node.args and not isinstance(node.args[0], ast.Constant):
            self.flag(node, f"{n}() parses or escapes markup; build Content with reader.ui.safe instead")
        if n != "notify":
            for k in node.keywords:
                if k.arg in KEYWORD_SINKS:
                    self.check_sink(k.value, f"{k.arg}=")
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for t in node.targets:
            if isinstance(t, ast.Attribute) and t.attr in ATTR_SINKS:
                self.check_sink(node.value, t.attr)
                if t.attr in {"title", "sub_title"} and self.taint(node.value):
                    self.flag(node, f"{t.attr} (app or screen title) holds article text; use display_line(...)")
            elif (
                isinstance(t, ast.Name) and t.id in {"TITLE", "SUB_TITLE"} and not isinstance(node.value, ast.Constant)
            ):
                self.flag(node, f"{t.id} must be a constant")
        self.generic_visit(node)


def _unpack(target: ast.expr, value: ast.expr) -> list[tuple[str, ast.expr]]:
    if isinstance(target, ast.Name):
        return [(target.id, value)]
    if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
        return [pair for t, v in zip(target.elts, value.elts) for pair in _unpack(t, v)]
    return []


def audit_source(source: str, path: str = "<string>") -> list[Finding]:
    audit = _Audit(path, source)
    audit.visit(ast.parse(source))
    return audit.findings


def test_reader_ui_passes_article_text_only_through_safe():
    findings = []
    for f in sorted(UI.rglob("*.py")):
        findings += audit_source(f.read_text(encoding="utf-8"), str(f.relative_to(UI.parent.parent)))
    assert not findings, "\n".join(map(str, findings))


BAD = [
    ("self.notify(f'Opened {article.title}')", "markup=False"),
    ("self.notify(article.title, markup=False)", "notice_text"),
    ("self.app.notify('Done', markup=True)", "markup=False"),
    ("Static(f'{article.title}')", "parsed as markup"),
    ("Static(article.title + ' (new)')", "parsed as markup"),
    ("view.border_title = f'{art.source.name} · 1/2'", "parsed as markup"),
    ("self.title = art.title + ' · reader'", "parsed as markup"),
    ("label.update('{} said'.format(q.speaker))", "parsed as markup"),
    ("Hit(1.0, f'{item.label}', go)", "parsed as markup"),
    ("Option(Content(f'{ent.name} ({n})'))", "skips display mapping"),
    ("Content(art.title)", "skips display mapping"),
    ("TextArea(quote.text, read_only=True)", "skips display mapping"),
    ("Hit(1.0, safe_line(item.label), go, text=item.label)", "skips display mapping"),
    ("self.sub_title = art.title", "app or screen title"),
    ("join(safe_line(a), f' {q.text}')", "join() of article text"),
    ("Content.from_markup(art.title)", "parses or escapes"),
    ("escape(quote.text)", "parses or escapes"),
    ("def f(self, art):\n    msg = f'Opened {art.title}'\n    self.notify(msg, markup=False)", "notice_text"),
    ("def f(self, art):\n    t = f'{art.title}'\n    self.query_one(Static).update(t)", "parsed as markup"),
]

GOOD = [
    "self.notify(notice_text(f'Opened {article.title}'), title='Opened', markup=False)",
    "self.notify('No quotes here', markup=False, severity='warning')",
    "self.notify('a' if x else 'b', markup=False)",
    "Static(safe_line(article.title))",
    "Static(Content(f'Articles ({len(arts)}) · sort: {lst.sort_label}'))",
    "view.border_title = join(safe_line(art.source.name), f' · {pos}')",
    "Option(join(Content(f'{r.kind:<8} {r.mentions:>5}'), safe_line(r.name, 'bold')), id=f'row-{i}')",
    "Hit(score, label_content(item, m), go, text=display_line(item.label), help=help_content(item))",
    "self.sub_title = display_line(art.title)",
    "Content.styled('Aliases', 'bold')",
    "status.update(join(f'quote {i + 1}/{n} · ', who))",
    "TextArea(display_text(self.text), read_only=True)",
    "def f(self):\n    msg = 'x' if a else 'y'\n    self.notify(msg, markup=False)",
]


def test_audit_flags_each_unsafe_pattern():
    for src, expected in BAD:
        found = audit_source(src)
        assert any(expected in str(f) for f in found), (src, [str(f) for f in found])


def test_audit_accepts_the_safe_patterns():
    for src in GOOD:
        assert audit_source(src) == [], (src, [str(f) for f in audit_source(src)])
