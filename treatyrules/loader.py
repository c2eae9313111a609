"""Read a rules folder into validated models, collecting every problem with ``file:line:col``.

Layout: ``states.yaml`` (``{states: [...]}``), optional ``regions.yaml`` and ``corpus.yaml``, and
``treaties/<ID>.yaml`` (one treaty each). Reading never writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problem, RulesError
from .schema import CorpusMeta, Treaty
from .states import State
from .yamlfile import Marks, locate, read_yaml

__all__ = ["RulesFolder", "pydantic_problems", "read_folder", "shipped_rules"]

M = TypeVar("M", bound=BaseModel)


def shipped_rules() -> Path:
    """The rules folder shipped with treatyrules (inside a wheel, or the checkout's ``rules/``)."""
    pkg = Path(__file__).resolve().parent
    for cand in (pkg / "_rules", pkg.parent / "rules"):
        if (cand / "treaties").is_dir():
            return cand
    raise RulesError([Problem(str(pkg / "_rules"), 1, 1, "the shipped rules folder is missing; reinstall treatyrules or pass --rules DIR", code="io")])


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


def _example_for(loc: tuple[Any, ...]) -> str:
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    examples = {
        "date": "e.g. 1961-09-10, 1995-09 or 1995",
        "term": "e.g. P10Y", "period": "e.g. P5Y", "notice": "e.g. P1Y", "notice_before_end": "e.g. P1Y",
        "parties": "e.g. [CHN, PRK]", "party": "e.g. RUS", "type": "e.g. entered_into_force",
        "kind": "e.g. defence", "id": "e.g. CHN-PRK-1961", "source": "e.g. \"UNTS No. 6045\"",
    }
    return examples.get(last, "")


def pydantic_problems(exc: ValidationError, file: str, marks: Marks) -> list[Problem]:
    """Turn pydantic errors into positioned problems."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        line, col = locate(loc, marks)
        fld = ".".join(str(p) for p in loc if not (isinstance(p, str) and p.startswith(("function-", "literal["))))
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        elif err["type"] == "missing":
            msg = "required key is missing"
        ex = _example_for(loc)
        if ex and ex not in msg:
            msg = f"{msg} ({ex})"
        out.append(Problem(file, line, col, msg, fld, code=err["type"]))
    return out


def _validate(model: type[M], data: Any, file: str, marks: Marks, problems: list[Problem], loc: tuple[str | int, ...] = ()) -> M | None:
    if not isinstance(data, dict):
        line, col = locate(loc, marks)
        problems.append(Problem(file, line, col, f"expected a mapping (key: value lines), got {type(data).__name__}", ".".join(map(str, loc)), code="not_mapping"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        sub = {k[len(loc):]: v for k, v in marks.items() if k[: len(loc)] == loc}
        for p in pydantic_problems(exc, file, sub):
            prefix = ".".join(map(str, loc))
            problems.append(Problem(p.file, p.line, p.col, p.message, f"{prefix}.{p.field}" if prefix and p.field else (p.field or prefix), code=p.code))
        return None


def read_folder(root: str | Path) -> RulesFolder:
    """Read every rules file under ``root``; problems are collected, not raised."""
    root = Path(root)
    out = RulesFolder(root)
    if not root.is_dir():
        out.problems.append(Problem(str(root), 1, 1, "not a folder; pass the folder that holds states.yaml and treaties/", code="io"))
        return out
    states_file = root / "states.yaml"
    if states_file.is_file():
        data = _read(states_file, out)
        if data is not None:
            body, marks = data
            if not isinstance(body, dict) or not isinstance(body.get("states"), list):
                out.problems.append(Problem(str(states_file), 1, 1, "expected a mapping with a 'states' list, e.g. states: [{code: CHN, name: China}]", code="not_mapping"))
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
        out.problems.append(Problem(str(tdir), 1, 1, "missing folder treaties/ with one <ID>.yaml per treaty", code="io"))
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
            out.problems.append(Problem(str(f), line, col, f"duplicate treaty id {t.id!r}, also in {out.files[t.id]}", "id", code="duplicate_id"))
            continue
        if f.stem.upper() != t.id:
            line, col = locate(("id",), marks)
            out.problems.append(Problem(str(f), line, col, f"file name {f.name!r} does not match id {t.id!r}; rename it to {t.id}.yaml", "id", code="file_name"))
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
        out.problems.append(Problem(str(f), 1, 1, f"expected a mapping at the top of the file, got {type(body).__name__}", code="not_mapping"))
        return None
    return body, marks
