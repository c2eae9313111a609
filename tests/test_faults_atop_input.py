"""ATOP input is validated as input: every damage of fault-probe.md R12 and §3c is an exit 2 naming
the file, the line and the column, with what was expected (small broken CSVs from fixtures/atop/)."""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyrules import atop
from treatyrules.cli import main
from treatyrules.errors import InputDataError, UsageError

from ._atop_sample import atop_sample
from ._cli import run_cli

SAMPLE = atop_sample("atop")
M, A, P = "atop5_1m.csv", "atop5_1a.csv", "atop5_1aph.csv"
Edit = Callable[[bytes], bytes]


def _data(tmp_path: Path, name: str | None = None, edit: Edit | None = None) -> Path:
    """A copy of the sample under ATOP's names, with one file edited."""
    d = tmp_path / "data"
    shutil.copytree(SAMPLE, d)
    if name is not None and edit is not None:
        (d / name).write_bytes(edit((d / name).read_bytes()))
    return d


def _field(line: int, column: str, value: bytes) -> Edit:
    """Set one value of one line (1 = the header) of a CSV file."""

    def edit(raw: bytes) -> bytes:
        lines = raw.split(b"\n")
        names = lines[0].split(b",")
        cells = lines[line - 1].split(b",")
        cells[names.index(column.encode())] = value
        lines[line - 1] = b",".join(cells)
        return b"\n".join(lines)

    return edit


def _cli(*args: str) -> tuple[int, str, str]:
    """The command line in this process (``tests/_cli.run_cli`` runs it in a child, more slowly)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def _import_fails(data: Path, tmp_path: Path, *expected: str) -> str:
    code, stdout, stderr = _cli("import-atop", str(data), "--out", str(tmp_path / "out"))
    assert code == 2, (code, stdout, stderr)
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    for text in expected:
        assert text in lines[0], lines[0]
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.glob(".out*")), "a temporary sibling was left behind"
    return lines[0]


# ---------------------------------------------------------------- one value


@pytest.mark.parametrize(
    ("name", "line", "column", "value", "expected"),
    [
        (M, 3, "member", b"abc", "expected a whole number"),
        (M, 3, "yrent", b"19x5", "'19x5' is not a year; expected a year between 1 and 9998"),
        (M, 3, "yrent", b"0", "expected a year between 1 and 9998"),
        (M, 3, "yrexit", b"99999", "'99999' is not a year; expected a year between 1 and 9998 (or 0"),
        (M, 3, "moent", b"13", "between 0 and 12"),
        (M, 3, "dayent", b"32", "between 0 and 31"),
        (M, 3, "defense", b"2", "expected 0, 1 or a blank"),
        (M, 3, "terrres", b"-1", "expected a whole number"),
        (A, 2, "begyr", b"0", "expected a year between 1 and 9998"),
        (A, 2, "begyr", b"", "expected a year between 1 and 9998"),
        (P, 2, "endmo", b"x", "'x' is not a valid value"),
        (M, 3, "member", b"2\x00", "a NUL byte"),
        (M, 3, "version", b"5.\xe9", "byte 0xE9, which is not UTF-8"),
        (A, 2, "specthrt", b"\xff", "byte 0xFF, which is not UTF-8"),
    ],
)
def test_a_garbled_value_names_file_line_and_column(
    tmp_path: Path, name: str, line: int, column: str, value: bytes, expected: str
) -> None:
    data = _data(tmp_path, name, _field(line, column, value))
    _import_fails(data, tmp_path, f"{name}:{line}: column '{column}':", expected)


def test_31_february_is_not_a_day(tmp_path: Path) -> None:
    edit = _field(3, "dayent", b"31")
    data = _data(tmp_path, M, lambda raw: _field(3, "moent", b"2")(edit(raw)))
    _import_fails(data, tmp_path, f"{M}:3: column 'dayent':", "-02-31 is not a day of the calendar")


def test_an_exit_before_the_entry_is_refused(tmp_path: Path) -> None:
    data = _data(tmp_path, M, _field(2, "yrexit", b"1900"))
    _import_fails(data, tmp_path, f"{M}:2: column 'yrexit':", "the end 1900-12-31 is before the start 1950-03-01")


def test_a_day_without_a_month_and_an_ongoing_exit_with_a_month(tmp_path: Path) -> None:
    _import_fails(_data(tmp_path, M, _field(3, "moent", b"0")), tmp_path, "column 'dayent'", "a day without a month")
    shutil.rmtree(tmp_path / "data")
    bad_exit = _field(2, "yrexit", b"0")
    _import_fails(_data(tmp_path, M, bad_exit), tmp_path, "column 'moexit'", "a month or day without a year")


# ---------------------------------------------------------------- whole rows and files


def test_a_short_row_names_the_first_missing_column(tmp_path: Path) -> None:
    def cut(raw: bytes) -> bytes:
        lines = raw.split(b"\n")
        lines[2] = b",".join(lines[2].split(b",")[:5])
        return b"\n".join(lines)

    _import_fails(_data(tmp_path, M, cut), tmp_path, f"{M}:3: column 'dayent':", "the row has 5 values")


def test_a_long_row_is_refused(tmp_path: Path) -> None:
    def longer(raw: bytes) -> bytes:
        lines = raw.split(b"\n")
        lines[1] += b",7"
        return b"\n".join(lines)

    _import_fails(_data(tmp_path, A, longer), tmp_path, f"{A}:2:", "remove the extra values")


def test_a_file_cut_mid_row_is_refused(tmp_path: Path) -> None:
    data = _data(tmp_path, M, lambda raw: raw[: len(raw) // 2])
    _import_fails(data, tmp_path, M, "the file may be cut")


@pytest.mark.parametrize(
    ("content", "expected"),
    [(b"", "the file is empty"), (b"\n\n", "the file is empty"), (b"atopid,mem", "the header lacks member")],
)
def test_empty_or_header_cut_files_are_errors(tmp_path: Path, content: bytes, expected: str) -> None:
    _import_fails(
        _data(tmp_path, M, lambda raw: content + b"\n" if content.strip() else content), tmp_path, M, expected
    )


def test_a_header_only_file_has_no_alliances(tmp_path: Path) -> None:
    data = _data(tmp_path, M, lambda raw: raw.split(b"\n")[0] + b"\n")
    _import_fails(data, tmp_path, f"{M}:2:", "header but no rows")


@pytest.mark.parametrize(("name", "column"), [(M, "atopid"), (M, "member"), (P, "phase"), (A, "endday")])
def test_a_wrong_header_names_what_is_missing(tmp_path: Path, name: str, column: str) -> None:
    def rename(raw: bytes) -> bytes:
        head, _, rest = raw.partition(b"\n")
        names = [b"renamed" if n == column.encode() else n for n in head.split(b",")]
        return b",".join(names) + b"\n" + rest

    _import_fails(_data(tmp_path, name, rename), tmp_path, f"{name}:1:", f"the header lacks {column}")


def test_a_column_named_twice_is_refused(tmp_path: Path) -> None:
    def twice(raw: bytes) -> bytes:
        head, _, rest = raw.partition(b"\n")
        return head.replace(b"terrres", b"olimob") + b"\n" + rest

    _import_fails(_data(tmp_path, M, twice), tmp_path, f"{M}:1: column 'olimob':", "names this column twice")


def test_rows_that_do_not_match_across_files(tmp_path: Path) -> None:
    data = _data(tmp_path, M, _field(2, "atopid", b"9999"))
    _import_fails(data, tmp_path, f"{M}:2: column 'atopid':", "atopid 9999 is not in atop5_1a.csv")


def test_a_member_file_cut_at_a_line_end_is_caught_by_the_member_lists(tmp_path: Path) -> None:
    data = _data(tmp_path, M, lambda raw: b"\n".join(raw.split(b"\n")[:-2]) + b"\n")
    _import_fails(data, tmp_path, f"{A}:8: column 'mem1':", "alliance 9007 lists members [220, 565]")


def test_a_ccode_no_registry_state_holds_is_an_error_of_its_row(tmp_path: Path) -> None:
    data = _data(tmp_path, M, _field(4, "statthr1", b"999"))  # 9002's named threat
    _import_fails(data, tmp_path, f"{M}:4: column 'statthr1':", "ccode 999 is no state of the registry")
    data = _data(tmp_path / "m", M, _field(3, "member", b"999"))  # 9001's second member, listed as such
    for name in (A, P):
        (data / name).write_bytes(_field(2, "mem2", b"999")((data / name).read_bytes()))
    _import_fails(data, tmp_path, f"{M}:3: column 'member':", "ccode 999 is no state of the registry at any time")


def test_a_phase_file_cut_at_a_line_end_is_caught(tmp_path: Path) -> None:
    data = _data(tmp_path, P, lambda raw: b"\n".join(raw.split(b"\n")[:-2]) + b"\n")
    _import_fails(data, tmp_path, f"{M}:", "column 'phase'", "is not in atop5_1aph.csv")


@pytest.mark.parametrize("name", [M, A])
def test_a_missing_or_unreadable_atop_file_is_a_usage_error(tmp_path: Path, name: str) -> None:
    data = _data(tmp_path)
    (data / name).unlink()
    _import_fails(data, tmp_path, f"{name}: missing ATOP file {name}")
    (data / name).mkdir()  # a folder where the file belongs
    _import_fails(data, tmp_path, f"{name}: missing ATOP file {name}")


def test_a_missing_data_folder_is_a_usage_error(tmp_path: Path) -> None:
    _import_fails(tmp_path / "nowhere", tmp_path, "nowhere: not a folder")


def test_the_real_command_line_exits_2_on_damaged_input(tmp_path: Path) -> None:
    data = _data(tmp_path, M, _field(3, "yrent", b"19x5"))
    r = run_cli("import-atop", str(data), "--out", str(tmp_path / "out"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and f"{M}:3: column 'yrent':" in r.stderr, r.stderr


def test_input_data_error_is_a_usage_error_and_public() -> None:
    import treatyrules

    assert issubclass(treatyrules.InputDataError, UsageError)
    err = InputDataError("x.csv", "bad", 3, "yrent")
    assert (err.file, err.line, err.column, str(err)) == ("x.csv", 3, "yrent", "x.csv:3: column 'yrent': bad")


# ---------------------------------------------------------------- not damage


def _written(data: Path, out: Path) -> dict[str, bytes]:
    atop.import_atop(data, out)
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.yaml"))}


def test_a_byte_order_mark_and_crlf_lines_are_accepted(tmp_path: Path) -> None:
    want = _written(SAMPLE, tmp_path / "plain")
    for name in (M, A, P):
        d = tmp_path / f"bom-{name}"
        shutil.copytree(SAMPLE, d)
        (d / name).write_bytes(b"\xef\xbb\xbf" + (d / name).read_bytes().replace(b"\n", b"\r\n"))
        assert _written(d, tmp_path / f"out-{name}") == want


def test_blank_lines_between_rows_are_skipped(tmp_path: Path) -> None:
    want = _written(SAMPLE, tmp_path / "plain")
    data = _data(tmp_path, M, lambda raw: raw.replace(b"\n", b"\n\n", 2))
    assert _written(data, tmp_path / "out") == want


# ---------------------------------------------------------------- the law: a cut file never imports


_FILES = {name: (SAMPLE / name).read_bytes() for name in (M, A, P)}


@given(st.sampled_from(sorted(_FILES)), st.data())
def test_every_truncation_of_any_file_is_refused(name: str, data: st.DataObject) -> None:
    raw = _FILES[name]
    cut = data.draw(st.integers(0, len(raw) - 1), label="cut at byte")
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        for n, content in _FILES.items():
            (folder / n).write_bytes(content[:cut] if n == name else content)
        with pytest.raises(InputDataError) as info:
            atop.build(folder)
        assert info.value.file.endswith((M, A, P))
