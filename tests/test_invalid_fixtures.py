"""Every broken file in ``fixtures/invalid/`` produces the error it promises, at the exact place.

Each case is copied into a copy of ``fixtures/invalid/_base`` (a small valid rules folder) and the
folder is validated; the case's ``# expect: [FILE:]LINE:COL substring`` header (or its entry in
``expected.yaml``) names the problem that must be among those reported.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from treatyrules.corpus import validate_folder
from treatyrules.errors import Problem

CASES_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "invalid"
BASE = CASES_DIR / "_base"
DEFAULT_PATH = "treaties/AAA-BBB-2000.yaml"
_EXPECT_RX = re.compile(r"^(?:(?P<file>[^\s:]+):)?(?P<line>\d+):(?P<col>\d+) (?P<text>.+)$")


@dataclass(frozen=True)
class Case:
    name: str
    source: Path
    path: str  # where the case goes inside the rules folder
    file: str  # the file the problem must name (relative to the rules folder)
    line: int
    col: int
    text: str


def _case(source: Path, sidecar: dict[str, dict[str, str]]) -> Case:
    head: dict[str, str] = {}
    for raw in source.read_bytes().splitlines():
        line = raw.decode("utf-8", errors="replace")
        if not line.startswith("# "):
            break
        key, _, value = line[2:].partition(": ")
        head[key.strip()] = value.strip()
    head = {**head, **sidecar.get(source.name, {})}
    assert "expect" in head, f"{source.name}: no '# expect:' header and no entry in expected.yaml"
    m = _EXPECT_RX.match(head["expect"])
    assert m is not None, f"{source.name}: malformed expectation {head['expect']!r}"
    path = head.get("path", DEFAULT_PATH)
    return Case(source.stem, source, path, m["file"] or path, int(m["line"]), int(m["col"]), m["text"])


def _cases() -> list[Case]:
    sidecar = yaml.safe_load((CASES_DIR / "expected.yaml").read_text()) or {}
    return [_case(p, sidecar) for p in sorted(CASES_DIR.glob("*.yaml")) if p.name != "expected.yaml"]


CASES = _cases()


def _run(case: Case, tmp: Path) -> tuple[Path, list[Problem]]:
    root = tmp / "rules"
    shutil.copytree(BASE, root)
    shutil.copyfile(case.source, root / case.path)
    return root, validate_folder(root)


def test_base_folder_is_valid(tmp_path: Path) -> None:
    root = tmp_path / "rules"
    shutil.copytree(BASE, root)
    assert validate_folder(root) == []


def test_there_are_thirty_kinds_of_mistake_or_more() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case_produces_its_error(case: Case, tmp_path: Path) -> None:
    root, problems = _run(case, tmp_path)
    target = (root / case.file).resolve()
    here = [p for p in problems if Path(p.file).resolve() == target]
    hit = [p for p in here if (p.line, p.col) == (case.line, case.col) and case.text in str(p)]
    shown = "\n".join(str(p) for p in problems)
    assert hit, f"expected {case.file}:{case.line}:{case.col} {case.text!r}; got:\n{shown}"


@pytest.mark.parametrize(
    ("name", "field"),
    [("obligors-text", "obligations.0.obligors"), ("beneficiaries-lower-case", "obligations.0.beneficiaries.1")],
)
def test_a_value_that_fits_no_branch_of_a_union_is_one_problem_at_its_field(
    name: str, field: str, tmp_path: Path
) -> None:
    """``obligors: some`` fits neither ``all`` nor a list: one problem, its field without pydantic's branch tag."""
    case = next(c for c in CASES if c.name == name)
    _, problems = _run(case, tmp_path)
    assert [p.field for p in problems] == [field], problems
