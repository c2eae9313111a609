"""Read a rules folder into validated models, collecting every problem with ``file:line:col``.

Layout: ``states.yaml`` (``{states: [...]}``), optional ``regions.yaml`` and ``corpus.yaml``, and
``treaties/<ID>.yaml`` (one treaty each). Reading never writes anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from .errors import Problem, RulesError, closest
from .schema import CorpusMeta, Treaty
from .states import State
from .yamlfile import Marks, key_position, locate, read_yaml

__all__ = ["RulesFolder", "pydantic_problems", "read_folder", "shipped_rules"]

M = TypeVar("M", bound=BaseModel)


def shipped_rules() -> Path:
    """The rules folder shipped with treatyrules (inside a wheel, or the checkout's ``rules/``)."""
    pkg = Path(__file__).resolve().parent
    for cand in (pkg / "_rules", pkg.parent / "rules"):
        if (cand / "treaties").is_dir():
            return cand
    raise RulesError(
        [
            Problem(
                str(pkg / "_rules"),
                1,
                1,
                "the shipped rules folder is missing; reinstall treatyrules or pass --rules DIR",
                code="io",
            )
        ]
    )


@dataclass
class RulesFolder:
    """What a folder holds, validated file by file (cross-file checks come later)."""

    root: Path
    treaties: dict[str, Treaty] = field(default_factory=dict)
    states: list[State] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)  # treaty id -> file
    marks: dict[str, Marks] = field(default_factory=dict)  # file -> marks
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
    return (f"{msg} (e.g. {key}: {example})" if example else msg), kind


def pydantic_problems(
    exc: ValidationError, file: str, marks: Marks, model: type[BaseModel] | None = None
) -> list[Problem]:
    """Turn pydantic errors into positioned problems: where, which field, what was expected, an example.

    ``model`` (the class validated) lets an unknown key suggest the closest allowed key.
    """
    found: list[tuple[tuple[Any, ...] | None, int, Problem]] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        tag_at = next(
            (i for i, p in enumerate(loc[:-1] if err["type"] == "extra_forbidden" else loc) if _is_union_tag(p)), None
        )
        plain = tuple(p for i, p in enumerate(loc) if i == len(loc) - 1 or not _is_union_tag(p))
        if err["type"] == "extra_forbidden":
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
    model: type[M], data: Any, file: str, marks: Marks, problems: list[Problem], loc: tuple[str | int, ...] = ()
) -> M | None:
    if not isinstance(data, dict):
        line, col = locate(loc, marks)
        problems.append(
            Problem(
                file,
                line,
                col,
                f"expected a mapping (key: value lines), got {type(data).__name__}",
                ".".join(map(str, loc)),
                code="not_mapping",
            )
        )
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        sub = {k[len(loc) :]: v for k, v in marks.items() if k[: len(loc)] == loc}
        for p in sorted(pydantic_problems(exc, file, sub, model), key=lambda p: (p.line, p.col)):
            prefix = ".".join(map(str, loc))
            problems.append(
                Problem(
                    p.file,
                    p.line,
                    p.col,
                    p.message,
                    f"{prefix}.{p.field}" if prefix and p.field else (p.field or prefix),
                    code=p.code,
                )
            )
        return None


def read_folder(root: str | Path) -> RulesFolder:
    """Read every rules file under ``root``; problems are collected, not raised."""
    root = Path(root)
    out = RulesFolder(root)
    if not root.is_dir():
        out.problems.append(
            Problem(str(root), 1, 1, "not a folder; pass the folder that holds states.yaml and treaties/", code="io")
        )
        return out
    states_file = root / "states.yaml"
    if states_file.is_file():
        data = _read(states_file, out)
        if data is not None:
            body, marks = data
            if not isinstance(body, dict) or not isinstance(body.get("states"), list):
                out.problems.append(
                    Problem(
                        str(states_file),
                        1,
                        1,
                        "expected a mapping with a 'states' list, e.g. states: [{code: CHN, name: China}]",
                        code="not_mapping",
                    )
                )
            else:
                for i, item in enumerate(body["states"]):
                    st = _validate(State, item, str(states_file), marks, out.problems, ("states", i))
                    if st is not None:
                        out.states.append(st)
    else:
        out.problems.append(Problem(str(states_file), 1, 1, "missing state registry states.yaml", code="io"))
    for name in ("regions.yaml", "corpus.yaml"):
        f = root / name
        if f.is_file():
            data = _read(f, out)
            if data is not None:
                out.extra[name] = data
                if name == "corpus.yaml":
                    out.meta = _validate(CorpusMeta, data[0], str(f), data[1], out.problems)
    tdir = root / "treaties"
    if not tdir.is_dir():
        out.problems.append(
            Problem(str(tdir), 1, 1, "missing folder treaties/ with one <ID>.yaml per treaty", code="io")
        )
        return out
    for f in sorted(tdir.iterdir()):
        if f.suffix not in (".yaml", ".yml") or f.name.startswith("."):
            continue
        data = _read(f, out)
        if data is None:
            continue
        body, marks = data
        t = _validate(Treaty, body, str(f), marks, out.problems)
        if t is None:
            continue
        if t.id in out.treaties:
            line, col = locate(("id",), marks)
            out.problems.append(
                Problem(
                    str(f),
                    line,
                    col,
                    f"duplicate treaty id {t.id!r}, also in {out.files[t.id]}",
                    "id",
                    code="duplicate_id",
                )
            )
            continue
        if f.stem.upper() != t.id:
            line, col = locate(("id",), marks)
            out.problems.append(
                Problem(
                    str(f),
                    line,
                    col,
                    f"file name {f.name!r} does not match id {t.id!r}; rename it to {t.id}.yaml",
                    "id",
                    code="file_name",
                )
            )
        out.treaties[t.id] = t
        out.files[t.id] = f
    return out


def _read(f: Path, out: RulesFolder) -> tuple[Any, Marks] | None:
    try:
        body, marks = read_yaml(f)
    except RulesError as exc:
        out.problems.extend(exc.problems)
        return None
    out.marks[str(f)] = marks
    if not isinstance(body, dict):
        out.problems.append(
            Problem(
                str(f),
                1,
                1,
                f"expected a mapping at the top of the file, got {type(body).__name__}",
                code="not_mapping",
            )
        )
        return None
    return body, marks
