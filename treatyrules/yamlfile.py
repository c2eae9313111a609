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

__all__ = ["KEY", "MAX_BYTES", "MAX_DEPTH", "MAX_INT_DIGITS", "Marks", "key_position", "locate", "read_yaml"]

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_INT_DIGITS = 30
#: Marks holds the position of each value under its path, and of each mapping key under
#: ``(*path, key, KEY)`` (so an unknown key can be reported where the key itself stands).
KEY = "\x00key"
Marks = dict[tuple[str | int, ...], tuple[int, int]]

_CBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_T = "tag:yaml.org,2002:"
#: The only tags a rules file may carry (implicitly or written out): plain data, nothing else.
_INT = _T + "int"
_ALLOWED_TAGS = frozenset(_T + t for t in ("str", "int", "float", "bool", "null", "seq", "map"))
#: libyaml's C composer recurses without a guard and crashes the process around 10,000 levels of
#: nesting. A text with fewer than this many ``[``/``{`` and no line indented this deep cannot
#: nest that far; anything else is composed by the pure-Python loader, whose recursion is guarded.
_C_SAFE_NESTING = 1000


def _yaml12(base: Any) -> Any:
    class Loader(base):  # type: ignore[misc]
        """Safe loader with YAML-1.2-like implicit scalars."""

    Loader.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in rs if tag not in (_T + "timestamp", _T + "bool", _T + "int")]
        for ch, rs in base.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(_T + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    Loader.add_implicit_resolver(_T + "int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
    return Loader


_Loader = _yaml12(_CBase)
_PyLoader = _yaml12(yaml.SafeLoader)
_INDENT_RX = re.compile(r"^[ \t?:-]*", re.M)


def _may_nest_deep(text: str) -> bool:
    """True when ``text`` could nest deeper than the C composer survives (cheap upper bound)."""
    if len(text) < _C_SAFE_NESTING:
        return False
    opens = text.count("[") + text.count("{")
    if opens >= _C_SAFE_NESTING:
        return True
    return opens + max(len(m) for m in _INDENT_RX.findall(text)) >= _C_SAFE_NESTING


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
        raise RulesError(
            [Problem(name, 1, 1, "file is empty; expected a mapping such as 'id: CHN-PRK-1961'", code="empty")]
        )
    loader = (_PyLoader if _may_nest_deep(decoded) else _Loader)(decoded)
    try:
        root = loader.get_single_node()
        if root is None:
            raise RulesError(
                [
                    Problem(
                        name,
                        1,
                        1,
                        "file holds only comments; expected a mapping such as 'id: CHN-PRK-1961'",
                        code="empty",
                    )
                ]
            )
        marks: Marks = {}
        seen: set[int] = set()
        _walk(root, (), name, marks, seen, 0)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise _problem(name, mark, _syntax_message(exc, decoded, mark), "yaml_syntax") from None
    except yaml.YAMLError as exc:
        raise RulesError([Problem(name, 1, 1, f"YAML error: {exc}", code="yaml_syntax")]) from None
    except RecursionError:
        raise RulesError(
            [
                Problem(
                    name,
                    1,
                    1,
                    f"nesting deeper than {MAX_DEPTH} levels; rules files are flatter than that",
                    code="too_deep",
                )
            ]
        ) from None
    except ValueError as exc:  # e.g. an integer longer than Python converts (4300 digits)
        raise RulesError([Problem(name, 1, 1, f"a value cannot be read: {exc}", code="bad_value")]) from None
    finally:
        loader.dispose()
    return data, marks


def _walk(node: Node, path: tuple[str | int, ...], name: str, marks: Marks, seen: set[int], depth: int) -> None:
    if depth > MAX_DEPTH:
        raise _problem(
            name, node, f"nesting deeper than {MAX_DEPTH} levels; rules files are flatter than that", "too_deep"
        )
    if id(node) in seen:
        raise _problem(
            name, node, "YAML anchors and aliases are not allowed in rules files; write the value out", "alias"
        )
    seen.add(id(node))
    if node.tag not in _ALLOWED_TAGS:
        tag = node.tag.replace(_T, "!!")
        raise _problem(
            name,
            node,
            f"YAML tag {tag!r} is not allowed in rules files "
            "(they hold plain text, numbers, lists and mappings); remove the tag",
            "tag",
        )
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, ScalarNode):
        if node.tag == _INT and len(node.value) > MAX_INT_DIGITS:
            raise _problem(
                name,
                node,
                f"a number of {len(node.value)} digits; numbers in rules files have at most "
                f"{MAX_INT_DIGITS} (quote it if it is text)",
                "bad_value",
            )
    elif isinstance(node, MappingNode):
        keys: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                raise _problem(name, key, "mapping keys must be plain words", "bad_key")
            if key.tag == _T + "merge" or key.value == "<<":
                raise _problem(name, key, "YAML merge keys ('<<') are not allowed in rules files", "alias")
            if key.tag not in _ALLOWED_TAGS:
                raise _problem(name, key, f"YAML tag {key.tag!r} is not allowed in rules files; remove the tag", "tag")
            if key.value in keys:
                raise _problem(
                    name,
                    key,
                    f"duplicate key {key.value!r}; each key may appear once (merge the two or delete one)",
                    "duplicate_key",
                )
            keys.add(key.value)
            marks[(*path, key.value, KEY)] = (key.start_mark.line + 1, key.start_mark.column + 1)
            _walk(value, (*path, key.value), name, marks, seen, depth + 1)
    elif isinstance(node, SequenceNode):
        for i, value in enumerate(node.value):
            _walk(value, (*path, i), name, marks, seen, depth + 1)


def _syntax_message(exc: yaml.MarkedYAMLError, text: str, mark: Any) -> str:
    problem = exc.problem or "invalid YAML"
    if "another document" in problem:
        return (
            "a rules file holds one YAML document; "
            "remove the second '---' and what follows, or split it into its own file"
        )
    if "cannot start any token" in problem and mark is not None:
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in line[: mark.column + 1]:
            return "YAML syntax: a tab cannot indent YAML; indent with spaces"
    if "constructor" in problem:  # a tag the safe loader refuses (normally caught earlier)
        return f"YAML syntax: {problem}; rules files take no tags"
    msg = f"YAML syntax: {problem}"
    if exc.context:
        msg = f"{msg} ({exc.context})"
    return msg


def key_position(loc: tuple[Any, ...], marks: Mapping[tuple[str | int, ...], tuple[int, int]]) -> tuple[int, int]:
    """Where the key at the end of ``loc`` stands (falls back to :func:`locate`).

    >>> key_position(("tittle",), {(): (1, 1), ("tittle",): (2, 9), ("tittle", KEY): (2, 1)})
    (2, 1)
    """
    pos = marks.get((*loc, KEY))
    return pos if pos is not None else locate(loc, marks)


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
