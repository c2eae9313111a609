"""Every rules-folder fault of fault-probe.md §1 is located: R5, R6, R7 (validate side), R8, R9, R11.

Each reproduction copies the shipped rules under tmp_path, breaks them as the probe did and runs the
real command line in a child process with a timeout: a located error (``file:line:col: ...``, one
line each), exit 1, and no hang.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from pathlib import Path

import pytest

from treatyrules.errors import RulesError
from treatyrules.folderfiles import MAX_BYTES, read_rules_bytes
from treatyrules.loader import read_folder
from treatyrules.yamlfile import read_yaml

from ._cli import ROOT, run_cli

LOCATED = re.compile(r"^\S.*:\d+:\d+: \S")


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    out = tmp_path / "W"
    shutil.copytree(ROOT / "rules", out)
    return out


def _run(*args: str) -> tuple[int, list[str]]:
    r = run_cli(*args, timeout=60)
    return r.returncode, (r.stdout + r.stderr).splitlines()


def _fails_located(rules: Path, *expected: str) -> list[str]:
    """``validate`` and ``status`` both exit 1; every problem line is located; ``expected`` lines are there."""
    code, lines = _run("--rules", str(rules), "validate")
    assert code == 1, lines
    problems = lines[:-1]
    assert problems and all(LOCATED.match(line) for line in problems), lines
    for text in expected:
        assert any(text in line for line in problems), (text, lines)
    code, lines = _run("--rules", str(rules), "status", "--date", "1995-01-01")  # with the cache on
    assert code == 1, lines
    assert all(LOCATED.match(line) for line in lines[:-1]) and "the rules are invalid" in lines[-1], lines
    return problems


# ---------------------------------------------------------------- R5: entries that are not rules files


def test_r5_a_folder_named_yaml(rules: Path) -> None:
    (rules / "treaties" / "X.yaml").mkdir()
    _fails_located(rules, f"{rules}/treaties/X.yaml:1:1: not a regular file (a folder)")


def test_r5_a_dangling_symlink_leaving_the_folder(rules: Path) -> None:
    (rules / "treaties" / "X.yaml").symlink_to("/nonexistent")
    _fails_located(rules, f"{rules}/treaties/X.yaml:1:1: a symlink to /nonexistent, outside the rules folder")


def test_r5_a_dangling_symlink_inside_the_folder(rules: Path) -> None:
    (rules / "treaties" / "X.yaml").symlink_to("gone.yaml")
    _fails_located(rules, f"{rules}/treaties/X.yaml:1:1: a symlink to a missing file")


def test_r5_a_symlink_loop(rules: Path) -> None:
    (rules / "treaties" / "X.yaml").symlink_to("X.yaml")
    _fails_located(rules, f"{rules}/treaties/X.yaml:1:1: a symlink loop")


def test_r5_a_symlink_to_a_file_outside_is_refused_not_read(rules: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: SECRET-TEXT\n")
    (rules / "treaties" / "EVIL.yaml").symlink_to(secret)
    problems = _fails_located(rules, f"{rules}/treaties/EVIL.yaml:1:1: a symlink to {secret}, outside the rules folder")
    assert not any("SECRET-TEXT" in p for p in problems)


def test_a_symlink_inside_the_folder_is_followed(rules: Path) -> None:
    (rules / "treaties" / "NATO-1949.yaml").rename(rules / "nato.yaml")
    (rules / "treaties" / "NATO-1949.yaml").symlink_to("../nato.yaml")
    assert read_folder(rules).problems == []


def test_a_treaties_folder_linked_from_outside_is_one_problem(rules: Path, tmp_path: Path) -> None:
    shutil.move(rules / "treaties", tmp_path / "elsewhere")
    (rules / "treaties").symlink_to(tmp_path / "elsewhere")
    problems = read_folder(rules).problems
    assert [(p.file, p.line, p.col, p.code) for p in problems] == [(str(rules / "treaties"), 1, 1, "outside")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_r5_unreadable_file_and_folder_as_a_user(rules: Path) -> None:
    nato = rules / "treaties" / "NATO-1949.yaml"
    nato.chmod(0)
    _fails_located(rules, f"{nato}:1:1: cannot read the file: permission denied")
    nato.chmod(0o644)
    (rules / "treaties").chmod(0)
    try:
        _fails_located(rules, f"{rules}/treaties:1:1: cannot list the folder: permission denied")
    finally:
        (rules / "treaties").chmod(0o755)


def test_r5_unreadable_file_and_folder_are_located(rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same as the user's chmod 000, simulated (these tests may run as root, who reads anything)."""
    nato = str(rules / "treaties" / "NATO-1949.yaml")
    real_open, real_listdir = os.open, os.listdir

    def denied_open(path: str | os.PathLike[str], flags: int, *args: int) -> int:
        if os.fspath(path) == nato:
            raise PermissionError(errno.EACCES, "Permission denied", nato)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", denied_open)
    problems = read_folder(rules).problems
    assert [(p.file, p.line, p.col, p.code) for p in problems] == [(nato, 1, 1, "io")]
    assert "permission denied; make it readable" in problems[0].message

    def denied_listdir(path: str | os.PathLike[str]) -> list[str]:
        if Path(path) == rules / "treaties":
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_listdir(path)

    monkeypatch.setattr(os, "listdir", denied_listdir)
    problems = read_folder(rules).problems
    assert [(p.file, p.code) for p in problems] == [(str(rules / "treaties"), "io")]
    assert "cannot list the folder: permission denied" in problems[0].message


# ---------------------------------------------------------------- R8: entries that would block a read


def test_r8_a_fifo_is_reported_not_opened(rules: Path) -> None:
    os.mkfifo(rules / "treaties" / "F.yaml")
    _fails_located(rules, f"{rules}/treaties/F.yaml:1:1: not a regular file (a named pipe)")


def test_r8_dev_zero_as_regions_is_refused(rules: Path) -> None:
    (rules / "regions.yaml").unlink()
    (rules / "regions.yaml").symlink_to("/dev/zero")
    _fails_located(rules, f"{rules}/regions.yaml:1:1: a symlink to /dev/zero, outside the rules folder")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_r8_devices_are_never_opened(device: str) -> None:
    with pytest.raises(RulesError) as info:
        read_rules_bytes(device)
    assert [(p.line, p.col, p.code) for p in info.value.problems] == [(1, 1, "not_regular")]
    assert "not a regular file (a character device)" in info.value.problems[0].message


def test_at_most_a_megabyte_and_a_byte_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (3 * MAX_BYTES))
    with pytest.raises(RulesError, match="file is over 1000000 bytes"):
        read_yaml(big)
    # a file that grows after the stat (as /dev/zero would) is still cut at MAX_BYTES + 1
    real_stat = os.stat

    def small(path: str | os.PathLike[str]) -> os.stat_result:
        st = real_stat(path)
        return os.stat_result((st.st_mode, st.st_ino, st.st_dev, st.st_nlink, st.st_uid, st.st_gid, 10, 0, 0, 0))

    monkeypatch.setattr(os, "stat", small)
    assert len(read_rules_bytes(big)) == MAX_BYTES + 1


# ---------------------------------------------------------------- R6, R11: characters YAML refuses


def test_r6_a_control_character_beside_a_thousand_brackets(rules: Path) -> None:
    (rules / "treaties" / "X.yaml").write_bytes(b'note: "' + b"[" * 1000 + b'"\n\x01\n')
    _fails_located(rules, f"{rules}/treaties/X.yaml:2:1: character U+0001 is not allowed in rules files")


def test_r11_a_nul_in_a_title_is_at_its_line_and_column(rules: Path) -> None:
    path = rules / "treaties" / "CHN-PRK-1961.yaml"
    text = path.read_text()
    at = text.index("Treaty of Friendship") + len("Treaty")
    path.write_text(text[:at] + "\x00" + text[at:])
    line = text[:at].count("\n") + 1
    col = at - text.rfind("\n", 0, at)
    problems = _fails_located(rules, f"{path}:{line}:{col}: character U+0000 is not allowed in rules files")
    assert not any("<unicode string>" in p for p in problems)


def test_nesting_beyond_a_thousand_levels_is_located(rules: Path) -> None:
    (rules / "treaties" / "X.yaml").write_text("id: X\nnotes:\n" + "  " + "- " * 5000 + "x\n")
    _fails_located(rules, f"{rules}/treaties/X.yaml:3:67: nesting deeper than 32 levels")


# ---------------------------------------------------------------- R7, R9: values at the edges


def test_r7_a_supersession_on_the_first_day_of_the_calendar(rules: Path) -> None:
    path = rules / "treaties" / "RUS-PRK-2000.yaml"
    lines = path.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if "type: superseded" in line)  # its date is the next line
    assert '"2024-12-04"' in lines[at + 1]
    lines[at + 1] = lines[at + 1].replace('"2024-12-04"', '"0001-01-01"')
    path.write_text("".join(lines))
    _fails_located(
        rules, f"{path}:{at + 1}:", "a superseded event dated 0001-01-01 ends something on the calendar's first day"
    )


def test_r9_a_197000_party_list_is_checked_in_one_pass(rules: Path) -> None:
    path = rules / "treaties" / "CHN-PRK-1961.yaml"
    text = re.sub(r"parties:\n(  - .*\n)+", "parties: [" + ", ".join(["PRK"] * 197_000) + "]\n", path.read_text())
    path.write_text(text)
    assert path.stat().st_size < MAX_BYTES
    line = next(i for i, t in enumerate(text.splitlines(), start=1) if t.startswith("parties:"))
    _fails_located(rules, f"{path}:{line}:10: parties: party listed twice: PRK; list each party once")
