"""The global options (--rules, --reading, --as-of, --debug): before or after the command, declared once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ._cli import run_cli
from ._cli_inproc import cli

ROOT = Path(__file__).resolve().parents[1]
HONEST = ROOT / "fixtures" / "honest"
BASE = ROOT / "fixtures" / "invalid" / "_base"

AS_OF = ["--as-of", "1996-06-01"]
QUERY = ["status", "--date", "1997-01-01", "--treaty", "SUN-PRK-1961", "--format", "json"]


def _answer(args: list[str]) -> Any:
    code, out, err = cli("--rules", str(HONEST), *args)
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize(
    "args",
    [AS_OF + QUERY, QUERY + AS_OF, QUERY[:3] + AS_OF + QUERY[3:]],
    ids=["before", "after", "between"],
)
def test_as_of_before_or_after_the_command_gives_the_same_answer(args: list[str]) -> None:
    t = _answer(args)["treaties"][0]
    assert (t["status"], t["since"], t["until"]) == ("unknown", "1996-09-10", "2001-09-10")


def test_without_as_of_the_lapse_is_known() -> None:
    t = _answer(QUERY)["treaties"][0]
    assert (t["status"], t["since"]) == ("terminated", "1996-09-10")


def test_reading_after_the_command() -> None:
    q = ["status", "--date", "2025-01-01", "--treaty", "CHN-PRK-1961", "--format", "json"]
    before = _answer(["--reading", "twenty-year-renewal", *q])
    after = _answer([*q, "--reading", "twenty-year-renewal"])
    assert before == after and "20 years" in after["treaties"][0]["summary"]


def test_the_same_value_twice_is_fine_two_values_are_a_usage_error() -> None:
    assert cli(*AS_OF, *QUERY, *AS_OF)[0] == 0
    code, out, err = cli("--rules", str(HONEST), *AS_OF, *QUERY, "--as-of", "1996-06-02")
    assert (code, out) == (2, "")
    assert "--as-of given twice (1996-06-01 and 1996-06-02)" in err


def test_rules_after_the_command_and_validate_rules_is_the_same_option() -> None:
    code, out, _ = cli("status", "--date", "2001-01-01", "--rules", str(BASE), "--format", "json")
    assert code == 0 and [t["id"] for t in json.loads(out)["treaties"]] == ["CCC-AAA-1990"]
    assert cli("validate", "--rules", str(BASE)) == cli("--rules", str(BASE), "validate")
    code, _, err = cli("validate", "--rules", "/nonexistent/rules")
    assert code == 2 and "/nonexistent/rules" in err


def test_every_command_lists_the_global_options_in_its_help() -> None:
    from treatyrules.cli import COMMANDS, NO_RULES

    for name in COMMANDS:
        code, out, _ = cli(name, "--help")
        assert code == 0, name
        flags = ["--debug"] if name in NO_RULES else ["--rules", "--reading", "--as-of", "--debug"]
        assert all(f in out for f in flags), (name, out)
        assert name in NO_RULES or "--reading" in out


def test_report_takes_the_global_reading_and_as_of(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    code, _, err = cli("report", "--treaty", "SUN-PRK-1961", "--as-of", "1990-01-01", "--out", str(out))
    assert code == 0, err
    assert out.is_file()


def test_debug_after_the_command_in_a_child_process() -> None:
    res = run_cli("status", "--date", "1995-01-01", "--treaty", "CHN-PRK-1961", "--debug")
    assert res.returncode == 0 and "CHN-PRK-1961" in res.stdout
