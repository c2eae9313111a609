"""The package's shape: no import cycle between its modules (lazy and TYPE_CHECKING imports counted),
and no function longer than 60 lines except the tables listed here."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "treatyrules"
#: functions allowed over 60 lines, each because a table is the clearest form
LONG_TABLES: dict[str, str] = {}
#: functions over 60 lines not refactored yet, each with the reason; the list may only shrink
PENDING: dict[str, str] = {}


def _module(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> Iterator[str]:
    """Every treatyrules module this file imports, wherever the import statement stands."""
    me = _module(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.startswith("treatyrules"):
                yield target
                for alias in node.names:  # "from . import wording" imports the module treatyrules...wording
                    yield f"{target}.{alias.name}"
        elif isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("treatyrules"))


def _graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in PKG.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        # a module's own packages are initialised before it runs: importing them is no dependency
        graph[name] = {t for t in _imports(path) if t in files and t != name and not name.startswith(t + ".")}
    # a package's __init__ is imported with any of its modules (except by the package's own modules)
    for name, deps in graph.items():
        for t in list(deps):
            parent = t.rpartition(".")[0]
            if parent in files and not name.startswith(parent + ".") and parent != name:
                deps.add(parent)
    return graph


def test_no_import_cycle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                cycle = [*stack[stack.index(m) :], m]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if m not in state:
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n)


def _lengths() -> dict[str, int]:
    out = {}
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                out[f"{_module(path)}.{node.name}"] = (node.end_lineno or node.lineno) - node.lineno + 1
    return out


def test_functions_are_short() -> None:
    lengths = _lengths()
    long = [f"{k}: {n} lines" for k, n in sorted(lengths.items()) if n > 60 and k not in LONG_TABLES | PENDING]
    assert not long, "functions over 60 lines: " + "; ".join(long)
    done = [k for k in PENDING if lengths.get(k, 0) <= 60]
    assert not done, f"no longer over 60 lines, remove from PENDING: {done}"
