"""Read a rules folder into validated models, collecting every problem with ``file:line:col``.

Layout: ``states.yaml`` (``{states: [...]}``), optional ``regions.yaml`` and ``corpus.yaml``, and
``treaties/<ID>.yaml`` (one treaty each). Reading never writes anything.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .collector import paused_gc
from .errors import Problem, RulesError, closest
from .folderfiles import TOP_FILES, inside, outside, treaty_paths
from .schema import CorpusMeta, Treaty
from .states import State
from .yamlfile import LazyMarks, MarksLike, key_position, locate, read_data

__all__ = ["RulesFolder", "pydantic_problems", "read_folder", "read_states"]

M = TypeVar("M", bound=BaseModel)


@dataclass
class RulesFolder:
    """What a folder holds, validated file by file (cross-file checks come later)."""

    root: Path
    treaties: dict[str, Treaty] = field(default_factory=dict)
    states: list[State] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # treaty id -> file
    marks: dict[str, MarksLike] = field(default_factory=dict)  # file -> marks (lazy where read fast)
    extra: dict[str, Any] = field(default_factory=dict)  # parsed regions.yaml / corpus.yaml data
    meta: CorpusMeta | None = None  # corpus.yaml, validated
    problems: list[Problem] = field(default_factory=list)


_DATE_EXAMPLE = "1961-09-10, 1995-09 or 1995"
_EXAMPLES: dict[str, str] = {
    **dict.fromkeys(("date", "known_from", "counts_from", "since", "until", "began", "ended"), _DATE_EXAMPLE),
    **dict.fromkeys(("term", "period", "notice", "notice_before_end", "not_before"), "P10Y, P6M or P1Y"),
    **dict.fromkeys(("party", "obligor", "beneficiary", "code", "continuator", "absorbed_by"), "PRK"),
    **dict.fromkeys(("adversaries", "excluded"), "[USA, JPN]"),
    **dict.fromkeys(("obligors", "beneficiaries"), "all, or [USA, JPN]"),
    **dict.fromkeys(("source", "place", "note"), '"UNTS No. 6045"'),
    **dict.fromkeys(("text", "description", "condition"), '"valid for ten years"'),
    "title": '"Treaty of Friendship, Co-operation and Mutual Assistance"',
    **dict.fromkeys(("sources", "notes", "aliases", "other", "regions"), '["UNTS No. 6045"]'),
    "parties": "[CHN, PRK]",
    "type": "entered_into_force",
    "kind": "defence",
    "id": "CHN-PRK-1961",
    "by_treaty": "USA-JPN-1960",
    "treaties": "[USA-JPN-1951]",
    "article": '"6"',
    "name": "renewal-20y",
    "atopid": "3440",
    "ccode": "365",
    "anchor": "entry_into_force",
    "territory_of": "party",
    "events": "[{type: signed, date: 1961-07-11, source: ...}]",
    "renewal": "{period: P5Y, notice_before_end: P1Y}",
    "states": "[{code: CHN, name: China}]",
}
_PATTERNS = {
    r"^[A-Z0-9][A-Z0-9-]*[A-Z0-9]$": ("a treaty id of capital letters, digits and hyphens", "CHN-PRK-1961"),
    r"^[A-Z][A-Z0-9]{1,7}$": ("a state code of capital letters (ISO 3166-1 alpha-3)", "PRK"),
    r"^[a-z0-9][a-z0-9-]*$": ("a name of lower-case letters, digits and hyphens", "renewal-20y"),
}
_TYPE_WORDS = {
    "str": "text",
    "int": "a number",
    "float": "a number",
    "bool": "true/false",
    "list": "a list",
    "dict": "a mapping",
    "NoneType": "nothing",
}
_INT_HINTS = {
    "str": "; write plain digits without quotes, a leading zero or '_'",
    "float": "; write it without a decimal point",
    "bool": "; true/false is not a number",
}
_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "int_parsing_size": "a whole number of sensible size",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "float_type": "a number",
    "none_required": "nothing",
}


def _flat(tp: Any) -> list[Any]:
    """The alternatives of a type, with Annotated/Optional/Union unwrapped."""
    origin = get_origin(tp)
    if origin is Annotated:
        return _flat(get_args(tp)[0])
    if origin in (Union, UnionType):
        return [x for a in get_args(tp) for x in _flat(a)]
    return [tp]


def _models_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[type[BaseModel]]:
    """The model classes that describe the mapping at ``loc`` (through nested models, lists, unions).

    >>> from treatyrules.schema import Treaty
    >>> [m.__name__ for m in _models_at(Treaty, ("obligations", 0, "conditions"))]
    ['Conditions']
    """
    cands: list[Any] = [model]
    for part in loc:
        if isinstance(part, int):
            nxt = [get_args(c)[0] for c in cands if get_origin(c) is list and get_args(c)]
        else:
            nxt = [
                f.annotation
                for c in cands
                if isinstance(c, type) and issubclass(c, BaseModel) and (f := c.model_fields.get(part)) is not None
            ]
        if nxt:  # otherwise ``part`` is pydantic's tag of a union branch: stay put
            cands = [x for t in nxt for x in _flat(t)]
    return [c for c in cands if isinstance(c, type) and issubclass(c, BaseModel)]


_TAG_WORDS = frozenset({"str", "int", "bool", "float", "list", "dict", "constrained-str", "none"})


def _is_union_tag(part: Any) -> bool:
    """Whether a pydantic location part names a union branch (``literal['all']``, ``list[...]``)."""
    return isinstance(part, str) and (part in _TAG_WORDS or part.startswith("function-") or "[" in part)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _message(err: Any, model: type[BaseModel] | None, loc: tuple[Any, ...]) -> tuple[str, str]:
    """(message, error code) for one pydantic error: what is wrong, what was expected, an example."""
    kind: str = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    key = next((p for p in reversed(loc) if isinstance(p, str) and not _is_union_tag(p)), "")
    example = _EXAMPLES.get(key, "")
    if kind == "extra_forbidden":
        allowed = sorted({f for m in (_models_at(model, loc[:-1]) if model else []) for f in m.model_fields})
        hint = closest(str(loc[-1]), allowed, n=1)
        if hint:
            return f"unknown key {loc[-1]!r}; did you mean {hint[0]!r}?", "unknown_key"
        return f"unknown key {loc[-1]!r}; expected one of: {', '.join(allowed)}", "unknown_key"
    if kind == "missing":
        msg = f"required key {key!r} is missing"
        return (f"{msg}, e.g. {key}: {example}" if example else msg), "missing"
    if kind in ("enum", "literal_error"):
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = closest(str(value), allowed, n=1) if isinstance(value, str) else []
        sug = f"; did you mean {hint[0]!r}?" if hint else ""
        return f"{_shown(value)} is not one of the allowed values{sug} (expected one of: {', '.join(allowed)})", kind
    if kind == "value_error":
        msg = str(err["msg"]).removeprefix("Value error, ")
        on_field = bool(loc) and isinstance(loc[-1], str) and not _is_union_tag(loc[-1])
        if example and on_field and "e.g." not in msg:
            msg = f"{msg} (e.g. {example})"
        return msg, kind
    if kind == "string_pattern_mismatch":
        what, ex = _PATTERNS.get(str(ctx.get("pattern")), (f"text matching {ctx.get('pattern')}", example))
        return f"{_shown(value)} is not {what}; expected e.g. {ex}", kind
    if kind == "string_too_short":
        n = ctx.get("min_length", 1)
        want = "non-empty text" if n == 1 else f"at least {n} characters"
        return (f"expected {want}, got {_shown(value)}" + (f" (e.g. {key}: {example})" if example else "")), kind
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        msg = f"expected at least {n} item{'s' if n != 1 else ''}, got {ctx.get('actual_length', 0)}"
        return (f"{msg}, e.g. {key}: {example}" if example else msg), kind
    expected = _EXPECTED.get(kind)
    if expected is None:
        msg = str(err["msg"])
        return (f"{msg} (e.g. {key}: {example})" if example else msg), kind
    got = _TYPE_WORDS.get(type(value).__name__, type(value).__name__)
    msg = f"expected {expected}, got {got} {_shown(value)}" if got != "nothing" else f"expected {expected}, got nothing"
    if kind == "string_type" and isinstance(value, (int, float)) and not isinstance(value, bool):
        msg += f"; quote it: '{value}'"
    elif kind == "int_type":
        msg += _INT_HINTS.get(type(value).__name__, "")
    return (f"{msg} (e.g. {key}: {example})" if example else msg), kind


def pydantic_problems(
    exc: ValidationError, file: str, marks: MarksLike, model: type[BaseModel] | None = None
) -> list[Problem]:
    """Turn pydantic errors into positioned problems: where, which field, what was expected, an example.

    ``model`` (the class validated) lets an unknown key suggest the closest allowed key.
    """
    found: list[tuple[tuple[Any, ...] | None, int, Problem]] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        unknown_key = err["type"] == "extra_forbidden"
        path = loc[:-1] if unknown_key else loc  # an unknown key is the user's text, whatever it reads
        tag_at = next((i for i, p in enumerate(path) if _is_union_tag(p)), None)
        plain = tuple(p for p in path if not _is_union_tag(p)) + loc[len(path) :]
        if unknown_key:
            line, col = key_position(plain, marks)
        else:
            line, col = locate(plain, marks)
        msg, code = _message(err, model, loc)
        head = loc[:tag_at] if tag_at is not None else None
        found.append((head, len(loc), Problem(file, line, col, msg, ".".join(map(str, plain)), code=code)))
    # a value that fits no branch of a union gets one problem: the most specific (deepest) branch's
    best: dict[tuple[Any, ...], tuple[int, Problem]] = {}
    for head, depth, prob in found:
        if head is not None and (head not in best or depth > best[head][0]):
            best[head] = (depth, prob)
    return [prob for head, _, prob in found if head is None or best[head][1] is prob]


def _validate(
    model: type[M], data: Any, file: str, marks: MarksLike, loc: tuple[str | int, ...] = ()
) -> tuple[M | None, list[Problem]]:
    """``data`` (found at ``loc`` of ``file``) as a ``model``, or the positioned problems that stop it."""
    prefix = ".".join(map(str, loc))
    if not isinstance(data, dict):
        line, col = locate(loc, marks)
        msg = f"expected a mapping (key: value lines), got {type(data).__name__}"
        return None, [Problem(file, line, col, msg, prefix, code="not_mapping")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        sub = {k[len(loc) :]: v for k, v in marks.items() if k[: len(loc)] == loc}
        found = sorted(pydantic_problems(exc, file, sub, model), key=lambda p: (p.line, p.col))
        return None, [
            Problem(
                p.file,
                p.line,
                p.col,
                p.message,
                f"{prefix}.{p.field}" if prefix and p.field else (p.field or prefix),
                code=p.code,
            )
            for p in found
        ]


@dataclass(frozen=True)
class _File:
    """One rules file as read: its top-level mapping and marks, or the problems that stopped it."""

    path: Path
    body: dict[str, Any] | None = None
    marks: MarksLike = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _read_file(f: Path, real_root: str, checked: bool = False) -> _File:
    """Read one rules file that must lie inside the folder and hold a mapping (``checked``: it is
    known to, being no symlink in a folder that does)."""
    if not checked and not inside(f, real_root):
        return _File(f, problems=[outside(f)])
    try:
        body, kept = read_data(f)
    except RulesError as exc:
        return _File(f, problems=exc.problems)
    marks: MarksLike = LazyMarks(f) if kept is None else kept
    if not isinstance(body, dict):
        msg = f"expected a mapping at the top of the file, got {type(body).__name__}"
        return _File(f, marks=marks, problems=[Problem(str(f), 1, 1, msg, code="not_mapping")])
    return _File(f, body, marks)


def _states(file: _File) -> tuple[list[State], list[Problem]]:
    """The states of a read ``states.yaml``."""
    if file.body is None:
        return [], file.problems
    if not isinstance(file.body.get("states"), list):
        msg = "expected a mapping with a 'states' list, e.g. states: [{code: CHN, name: China}]"
        return [], [Problem(str(file.path), 1, 1, msg, code="not_mapping")]
    states: list[State] = []
    problems: list[Problem] = []
    for i, item in enumerate(file.body["states"]):
        st, found = _validate(State, item, str(file.path), file.marks, ("states", i))
        problems += found
        if st is not None:
            states.append(st)
    return states, problems


def _placement(t: Treaty, file: _File, seen: Mapping[str, Path]) -> tuple[bool, list[Problem]]:
    """Whether a valid treaty is kept (its id is new), and problems with its id or file name."""
    if t.id in seen:
        msg = f"duplicate treaty id {t.id!r}, also in {seen[t.id]}"
        return False, [Problem(str(file.path), *locate(("id",), file.marks), msg, "id", code="duplicate_id")]
    if file.path.stem.upper() != t.id:
        msg = f"file name {file.path.name!r} does not match id {t.id!r}; rename it to {t.id}.yaml"
        return True, [Problem(str(file.path), *locate(("id",), file.marks), msg, "id", code="file_name")]
    return True, []


def read_folder(root: str | Path) -> RulesFolder:
    """Read every rules file under ``root``; problems are collected, not raised.

    Only regular files inside the folder are read: a symlink whose target lies outside it, a
    folder, a FIFO or a device named ``*.yaml`` is a problem of that path, never opened. The cyclic
    garbage collector pauses meanwhile (reading makes many objects and no cycles: 2x faster on ATOP).
    """
    with paused_gc():
        return _read_folder(Path(root))


def read_states(path: str | Path) -> tuple[list[State], list[Problem]]:
    """The states of one ``states.yaml`` and its problems (collected, not raised): what a folder
    without a registry of its own borrows from the shipped one, without reading that folder's treaties."""
    path = Path(path)
    with paused_gc():
        return _states(_states_file(path, os.path.realpath(path.parent)))


def _states_file(path: Path, real_root: str) -> _File:
    """A folder's ``states.yaml`` as read, or the problem that it is missing."""
    return _read_file(path, real_root) if os.path.lexists(path) else _missing(path)


def _read_folder(root: Path) -> RulesFolder:
    if not root.is_dir():
        msg = "not a folder; pass the folder that holds states.yaml and treaties/"
        return RulesFolder(root, problems=[Problem(str(root), 1, 1, msg, code="io")])
    real_root = os.path.realpath(root)
    registry = root / "states.yaml"
    states_file = _states_file(registry, real_root)
    extras = [_read_file(root / n, real_root) for n in TOP_FILES[1:] if os.path.lexists(root / n)]
    tdir = root / "treaties"
    paths, listing = treaty_paths(tdir, real_root) if tdir.is_dir() else ([], _missing(tdir).problems)
    links = _links(tdir) if paths else None
    treaty_files = [_read_file(f, real_root, links is not None and f.name not in links) for f in paths]
    states, problems = _states(states_file)
    meta, found = _meta(extras)
    treaties, files, found_t = _treaties(treaty_files)
    return RulesFolder(
        root,
        treaties=treaties,
        states=states,
        files=files,
        marks={str(f.path): f.marks for f in (states_file, *extras, *treaty_files) if f.body is not None},
        extra={f.path.name: (f.body, f.marks) for f in extras if f.body is not None},
        meta=meta,
        problems=[*problems, *found, *listing, *found_t],
    )


def _links(folder: Path) -> set[str] | None:
    """The names in ``folder`` that are symlinks, from one listing (no call per file), or None when
    it cannot be listed. Every other entry of a folder inside the rules folder lies inside it too."""
    try:
        with os.scandir(folder) as entries:
            return {e.name for e in entries if e.is_symlink()}
    except OSError:
        return None


def _missing(path: Path) -> _File:
    what = (
        "state registry states.yaml" if path.name == "states.yaml" else "folder treaties/ with one <ID>.yaml per treaty"
    )
    return _File(path, problems=[Problem(str(path), 1, 1, f"missing {what}", code="io")])


def _meta(extras: list[_File]) -> tuple[CorpusMeta | None, list[Problem]]:
    """``corpus.yaml`` validated, with the reading problems of both extra files (regions are checked later)."""
    problems = [p for f in extras for p in f.problems]
    for f in extras:
        if f.path.name == "corpus.yaml" and f.body is not None:
            meta, found = _validate(CorpusMeta, f.body, str(f.path), f.marks)
            return meta, problems + found
    return None, problems


def _treaties(files: list[_File]) -> tuple[dict[str, Treaty], dict[str, Path], list[Problem]]:
    """The valid treaties by id, the file of each, and every problem of the files (in file order)."""
    treaties: dict[str, Treaty] = {}
    paths: dict[str, Path] = {}
    problems: list[Problem] = []
    for file in files:
        problems += file.problems
        if file.body is None:
            continue
        t, found = _validate(Treaty, file.body, str(file.path), file.marks)
        problems += found
        if t is None:
            continue
        keep, found = _placement(t, file, paths)
        problems += found
        if keep:
            treaties[t.id] = t
            paths[t.id] = file.path
    return treaties, paths, problems
