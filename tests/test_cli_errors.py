"""The CLI's contract for bad input, checked in a child process: exit code, one line, no traceback."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ._cli import run_cli as run

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
BASE = ROOT / "fixtures" / "invalid" / "_base"


USAGE = [
    (["status", "--date", "1995-02-30"], ["'1995-02-30'", "1995-02-28"]),
    (["status", "--date", "yesterday"], ["'yesterday'", "e.g. 1961-09-10"]),
    # `status --date 1995` asks about the whole year (issue 4); a day-only command still needs a day
    (["explain", "SUN-PRK-1961", "--date", "1995"], ["'1995'", "1995-01-01"]),
    (["status", "--date", "1995/.."], ["'1995/..'", "both ends"]),
    (
        ["status", "--date", "1995-01-01", "--treaty", "CHN-PRK-1916"],
        ["'CHN-PRK-1916'", "CHN-PRK-1961"],
    ),
    (["status", "--date", "1995-01-01", "--party", "CHX"], ["'CHX'", "CHN"]),
    (["status", "--dat", "1995-01-01"], ["--dat", "--date"]),
    (["status", "--date"], ["--date", "requires an argument"]),
    (["status", "--format", "xml"], ["'xml'", "table"]),
    (["nosuchcommand"], ["nosuchcommand"]),
    ([], ["a command is needed"]),
    (["--rules", "/nonexistent/rules", "status"], ["/nonexistent/rules"]),
    (["validate", "--rules", "/nonexistent/rules"], ["/nonexistent/rules"]),
]


@pytest.mark.parametrize(("args", "needles"), USAGE, ids=[" ".join(a) or "(none)" for a, _ in USAGE])
def test_usage_errors_exit_2_with_one_line(args: list[str], needles: list[str]) -> None:
    res = run(*args)
    assert res.returncode == 2, res.stderr
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    assert "Traceback" not in res.stderr and "Usage:" not in res.stderr
    for n in needles:
        assert n in lines[0]
    assert res.stdout == ""


def _broken_folder(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(BASE, root)
    cases = ROOT / "fixtures" / "invalid"
    shutil.copyfile(cases / "unknown-key-top.yaml", root / "treaties" / "AAA-BBB-2000.yaml")
    (root / "treaties" / "BBB-CCC-2001.yaml").write_bytes(
        (cases / "enum-event-type.yaml").read_bytes().replace(b"AAA-BBB-2000", b"BBB-CCC-2001")
    )
    return root


def test_invalid_rules_exit_1_listing_every_problem(tmp_path: Path) -> None:
    root = _broken_folder(tmp_path)
    res = run("--rules", str(root), "status", "--date", "2001-01-01")
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    assert "AAA-BBB-2000.yaml:3:1: tittle: unknown key 'tittle'; did you mean 'title'?" in res.stderr
    assert "BBB-CCC-2001.yaml:7:12: events.1.type:" in res.stderr
    assert res.stderr.splitlines()[-1].startswith("treatyrules: the rules are invalid (3 errors)")


def test_validate_reports_everything_with_a_summary(tmp_path: Path) -> None:
    root = _broken_folder(tmp_path)
    res = run("validate", "--rules", str(root))
    assert res.returncode == 1
    lines = res.stdout.splitlines()
    assert lines[-1] == "3 errors, 0 warnings"
    assert all(":" in line for line in lines[:-1]) and len(lines) == 4
    js = run("validate", "--rules", str(root), "--format", "json")
    assert js.returncode == 1
    body = json.loads(js.stdout)
    assert (body["errors"], body["warnings"], len(body["problems"])) == (3, 0, 3)
    assert {"file", "line", "col", "field", "severity", "code", "message"} <= set(body["problems"][0])


def test_validate_exits_0_when_only_warnings(tmp_path: Path) -> None:
    root = tmp_path / "rules"
    shutil.copytree(BASE, root)
    shutil.copyfile(
        ROOT / "fixtures" / "invalid" / "recorded-end-contradicts.yaml",
        root / "treaties" / "AAA-BBB-2000.yaml",
    )
    res = run("validate", "--rules", str(root))
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout.splitlines()[-1] == "0 errors, 1 warning"
    assert "warning: events.2: recorded end 2011-01-01 contradicts" in res.stdout
    js = json.loads(run("--rules", str(root), "validate", "--format", "json").stdout)
    assert (js["errors"], js["warnings"]) == (0, 1)


def test_valid_folder_validates_clean(tmp_path: Path) -> None:
    res = run("validate", "--rules", str(BASE))
    assert (res.returncode, res.stdout) == (0, "0 errors, 0 warnings\n")


def test_internal_error_exits_3_with_a_hint(tmp_path: Path) -> None:
    code = (
        "import treatyrules.cli as c\nimport treatyrules.cli.validate as v\n"
        "def boom(*a, **k):\n    raise RuntimeError('boom')\n"
        "v.checked_folder = boom\nraise SystemExit(c.main(['validate']))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert res.returncode == 3
    assert res.stderr.splitlines() == [
        "treatyrules: internal error: RuntimeError: boom (a bug; rerun with --debug for the traceback)"
    ]
    dbg = subprocess.run(
        [sys.executable, "-c", code.replace("['validate']", "['--debug', 'validate']")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert "Traceback" in dbg.stderr and "RuntimeError: boom" in dbg.stderr


def _digest(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir",
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
    }


@pytest.mark.skipif(not (RULES / "treaties").is_dir(), reason="the shipped rules/ folder is not in this checkout")
def test_queries_never_write_to_the_rules_folder(tmp_path: Path) -> None:
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    before = _digest(root)
    from treatyrules.cli import COMMANDS

    for name in sorted(COMMANDS):
        run("--rules", str(root), name, "--help")
        res = run("--rules", str(root), name)
        assert "Traceback" not in res.stderr, (name, res.stderr)
    run("--rules", str(root), "status", "--date", "1995-01-01", "--format", "json")
    run("--rules", str(root), "validate", "--format", "json")
    assert _digest(root) == before
