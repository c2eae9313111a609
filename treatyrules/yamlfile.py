"""Safe YAML reading that remembers where every value stood (``file:line:col``).

PyYAML's C parser composes the node tree; one walk records ``path -> (line, col)``, rejects
aliases (no alias bombs) and duplicate keys, and bounds depth and size. Scalars follow YAML 1.2
rather than 1.1: only ``true``/``false`` are booleans (``NO`` is Norway), only plain decimals are
integers, and nothing becomes a date implicitly (dates stay text until our parser reads them).
No tag constructs an object: the safe constructor refuses them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem, RulesError

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Marks", "locate", "read_yaml"]

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
Marks = dict[tuple[str | int, ...], tuple[int, int]]

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """Safe loader with YAML-1.2-like implicit scalars."""


_T = "tag:yaml.org,2002:"
_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag not in (_T + "timestamp", _T + "bool", _T + "int")]
    for ch, rs in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _T + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(_T + "int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))


def _problem(path: str, node_or_mark: Any, message: str, code: str) -> RulesError:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    line = getattr(mark, "line", 0) + 1
    col = getattr(mark, "column", 0) + 1
    return RulesError([Problem(path, line, col, message, code=code)])


def read_yaml(path: str | Path, text: str | bytes | None = None) -> tuple[Any, Marks]:
    """Read one YAML document; return the plain data and its position map.

    Raises ``RulesError`` with one positioned ``Problem`` for any defect of the file itself.
    """
    name = str(path)
    if text is None:
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise RulesError([Problem(name, 1, 1, f"cannot read the file: {exc.strerror}", code="io")]) from None
    else:
        raw = text.encode() if isinstance(text, str) else text
    if len(raw) > MAX_BYTES:
        raise RulesError(
            [Problem(name, 1, 1, f"file is {len(raw)} bytes; rules files are limited to {MAX_BYTES}", code="too_large")]
        )
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise RulesError(
            [Problem(name, line, col, "file is not UTF-8 text; save it as UTF-8", code="encoding")]
        ) from None
    if decoded.startswith("\ufeff"):
        decoded = decoded[1:]
    if not decoded.strip():
        raise RulesError([Problem(name, 1, 1, "file is empty; expected a mapping such as 'id: CHN-PRK-1961'", code="empty")])
    loader = _Loader(decoded)
    try:
        root = loader.get_single_node()
        if root is None:
            raise RulesError([Problem(name, 1, 1, "file holds no YAML document; expected a mapping", code="empty")])
        marks: Marks = {}
        seen: set[int] = set()
        _walk(root, (), name, marks, seen, 0)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = exc.problem or "invalid YAML"
        if exc.context:
            msg = f"{msg} ({exc.context})"
        raise _problem(name, mark, f"YAML syntax: {msg}", "yaml_syntax") from None
    except yaml.YAMLError as exc:
        raise RulesError([Problem(name, 1, 1, f"YAML error: {exc}", code="yaml_syntax")]) from None
    except RecursionError:
        raise RulesError([Problem(name, 1, 1, f"nesting deeper than {MAX_DEPTH} levels", code="too_deep")]) from None
    finally:
        loader.dispose()
    return data, marks


def _walk(node: Node, path: tuple[str | int, ...], name: str, marks: Marks, seen: set[int], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise _problem(name, node, f"nesting deeper than {MAX_DEPTH} levels", "too_deep")
    if id(node) in seen:
        raise _problem(name, node, "YAML anchors and aliases are not allowed in rules files; write the value out", "alias")
    seen.add(id(node))
    if node.tag.startswith("tag:yaml.org,2002:") is False:
        raise _problem(name, node, f"YAML tag {node.tag!r} is not allowed in rules files", "tag")
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, MappingNode):
        keys: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                raise _problem(name, key, "mapping keys must be plain words", "bad_key")
            if key.tag == _T + "merge" or key.value == "<<":
                raise _problem(name, key, "YAML merge keys ('<<') are not allowed in rules files", "alias")
            if key.value in keys:
                raise _problem(name, key, f"duplicate key {key.value!r}; each key may appear once", "duplicate_key")
            keys.add(key.value)
            _walk(value, (*path, key.value), name, marks, seen, depth + 1)
    elif isinstance(node, SequenceNode):
        for i, value in enumerate(node.value):
            _walk(value, (*path, i), name, marks, seen, depth + 1)


def locate(loc: tuple[Any, ...], marks: Mapping[tuple[str | int, ...], tuple[int, int]]) -> tuple[int, int]:
    """Position of the longest prefix of a pydantic error location that exists in ``marks``.

    >>> locate(("events", 2, "date"), {(): (1, 1), ("events",): (5, 1), ("events", 2): (8, 5)})
    (8, 5)
    """
    best = marks.get((), (1, 1))
    cur: tuple[str | int, ...] = ()
    for part in loc:
        nxt = (*cur, part)
        if nxt in marks:
            cur = nxt
            best = marks[cur]
    return best
