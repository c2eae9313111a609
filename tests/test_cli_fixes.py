"""The newcomer report's bugs, each reproduced as the report gives it and checked on both sides."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from treatyrules import load
from treatyrules.errors import OutputPathError

from ._cli import run_cli
from ._cli_inproc import cli


def _json(*args: str) -> Any:
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def _flat(*args: str) -> str:
    code, out, err = cli(*args)
    assert code == 0, err
    return " ".join(out.split())


# ------------------------------------------------------------ the parties of a terminated treaty


def test_a_terminated_treaty_lists_the_parties_at_its_end() -> None:
    def parties(day: str) -> list[str]:
        return _json("status", "--date", day, "--treaty", "WARSAW-1955")["treaties"][0]["parties"]  # type: ignore[no-any-return]

    at_end = ["BGR", "CSK", "HUN", "POL", "ROU", "SUN"]  # ALB left in 1968, the GDR ended on 1990-10-03
    assert parties("1990-12-01") == at_end  # in force
    assert parties("1991-06-30") == at_end  # its last day
    assert parties("1991-07-01") == at_end  # dissolved that day
    assert parties("1991-08-01") == at_end  # the report's bug: the eight signatories
    assert parties("1990-10-02") == ["BGR", "CSK", "DDR", "HUN", "POL", "ROU", "SUN"]
    c = load()
    assert c.status("CHN-SUN-1950", "1990-01-01").parties == ("SUN", "CHN")  # bilateral: both, as signed
    assert c.status("SUN-PRK-1961", "2000-01-01").parties == ("RUS", "PRK")  # the codes on its last day


# ------------------------------------------------------------ membership lines


def test_membership_lines_give_the_status_interval_not_the_spell() -> None:
    flat = _flat("status", "--date", "1980-01-01", "--party", "ALB")
    assert "Membership of ALB: not_yet_member (until 2009-04-01)." in flat
    assert "Membership of ALB: former_member (since 1968-09-13)." in flat
    nato = _json("status", "--date", "1980-01-01", "--party", "ALB", "--treaty", "NATO-1949")["treaties"][0]
    ms = nato["membership"]
    assert (ms["status"], ms["since"], ms["until"]) == ("not_yet_member", None, "2009-04-01")
    assert ms["spell"] == {"since": "2009-04-01", "until": None}
    member = _json("status", "--date", "2010-01-01", "--party", "ALB", "--treaty", "NATO-1949")["treaties"][0]
    assert (member["membership"]["status"], member["membership"]["since"]) == ("member", "2009-04-01")
    day_before = _json("status", "--date", "2009-03-31", "--party", "ALB", "--treaty", "NATO-1949")["treaties"][0]
    assert day_before["membership"]["status"] == "not_yet_member"


def test_the_membership_line_is_there_with_treaty_too() -> None:
    alone = _flat("status", "--date", "1980-01-01", "--party", "DDR", "--treaty", "WARSAW-1955")
    assert "Membership of DDR: member (since 1955-06-05, until 1990-10-03)." in alone
    named = _flat("status", "--date", "1980-01-01", "--party", "East Germany")
    assert "Membership of DDR: member (since 1955-06-05, until 1990-10-03)." in named
    other = _json("status", "--date", "1980-01-01", "--party", "JPN", "--treaty", "WARSAW-1955")["treaties"][0]
    assert "membership" not in other  # no member: the treaty, without a line


# ------------------------------------------------------------ timeline --party


def test_timeline_party_shows_the_members_own_spells() -> None:
    doc = _json("timeline", "WARSAW-1955", "--party", "Albania")
    assert doc["party"] == "ALB"
    assert [(i["status"], i["start"], i["end"]) for i in doc["intervals"]] == [
        ("not_yet_member", None, "1955-06-05"),
        ("member", "1955-06-05", "1968-09-13"),
        ("former_member", "1968-09-13", None),
    ]
    assert "suspensions" not in doc
    flat = _flat("timeline", "WARSAW-1955", "--party", "RUS")  # Russia finds the USSR's membership
    assert "Timeline of SUN in WARSAW-1955" in flat


def test_timeline_party_shows_one_direction_suspensions() -> None:
    usa = _json("timeline", "ANZUS-1951", "--party", "USA")
    assert [(s["obligor"], s["beneficiary"], s["start"], s["end"]) for s in usa["suspensions"]] == [
        ("USA", "NZL", "1986-08-11", None)
    ]
    assert _json("timeline", "ANZUS-1951", "--party", "NZL")["suspensions"] == usa["suspensions"]
    assert "suspensions" not in _json("timeline", "ANZUS-1951", "--party", "AUS")  # AUS <-> NZL continue
    flat = _flat("timeline", "ANZUS-1951", "--party", "NZL")
    assert "Suspended in one direction only:" in flat and "USA NZL 1986-08-11" in flat
    assert "USA NZL 1986-08-11" in _flat("timeline", "ANZUS-1951")  # the treaty's timeline says it too
    csv_rows = cli("timeline", "ANZUS-1951", "--party", "USA", "--format", "csv")[1].splitlines()
    assert csv_rows[-1].startswith("ANZUS-1951,USA,suspension,USA,NZL,suspended,1986-08-11,")


def test_timeline_party_that_is_no_party_is_a_usage_error() -> None:
    code, _, err = cli("timeline", "NATO-1949", "--party", "JPN")
    assert code == 2 and "JPN is no party to NATO-1949" in err


# ------------------------------------------------------------ date errors


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["explain", "CHN-SUN-1950", "--date", "1979"], "'1979' is a year (1979-01-01 to 1979-12-31)"),
        (["explain", "CHN-SUN-1950", "--date", "1979-06"], "'1979-06' is a month"),
        (["obligations", "--date", "../1995"], "'../1995' is an open range (up to 1995-12-31)"),
        (["status", "--date", "../1995"], "'../1995' is an open range (up to 1995-12-31)"),
        (["status", "--date", "1995/.."], "'1995/..' is an open range (from 1995-01-01)"),
        (["status", "--date", "0001"], "must lie within the years 0002 to 9998"),
        (["--as-of", "1996", "status"], "'1996' is a year"),
    ],
)
def test_date_errors_never_contradict_themselves(args: list[str], says: str) -> None:
    code, out, err = cli(*args)
    assert (code, out) == (2, "")
    assert says in err
    assert "expected YYYY" not in err  # the text is of an accepted form, only the wrong kind for the question


def test_a_malformed_date_still_lists_the_forms() -> None:
    code, _, err = cli("explain", "CHN-SUN-1950", "--date", "1995-02-30")
    assert code == 2 and "expected YYYY" in err and "did you mean 1995-02-28?" in err


# ------------------------------------------------------------ --out


@pytest.mark.parametrize("command", ["report", "panel"])
def test_an_unwritable_out_is_a_usage_error_naming_the_path(command: str, tmp_path: Path) -> None:
    extra = ["--treaty", "SUN-PRK-1961"] if command == "report" else ["--from", "1990", "--to", "1991"]
    target = tmp_path / "missing" / "x.out"
    res = run_cli(command, *extra, "--out", str(target))
    assert res.returncode == 2, res.stderr
    assert f"cannot write to {target}: No such file or directory; give --out a file" in res.stderr
    assert "Traceback" not in res.stderr
    assert not target.parent.exists()
    folder = tmp_path / "adir"
    folder.mkdir()
    res = run_cli(command, *extra, "--out", str(folder))  # a folder where the file should go
    assert res.returncode == 2 and str(folder) in res.stderr and len(res.stderr.splitlines()) == 1
    assert list(folder.iterdir()) == [] and list(tmp_path.glob(".*.part")) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only folder")
def test_a_read_only_folder_is_a_usage_error(tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        res = run_cli("panel", "--from", "1990", "--to", "1990", "--out", str(ro / "p.csv"))
        assert res.returncode == 2 and "cannot write" in res.stderr
    finally:
        ro.chmod(0o700)


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    from treatyrules.cli import context

    target = tmp_path / "p.csv"
    target.write_text("old\n")

    def boom(tmp: Path) -> None:
        tmp.write_text("half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputPathError, match="No space left on device"):
        context.write_out(target, boom)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["p.csv"]
    context.write_out(target, lambda tmp: tmp.write_text("new\n"))
    assert target.read_text() == "new\n" and [p.name for p in tmp_path.iterdir()] == ["p.csv"]


def test_a_written_report_and_panel_are_whole(tmp_path: Path) -> None:
    page, table = tmp_path / "r.html", tmp_path / "p.csv"
    assert cli("report", "--treaty", "SUN-PRK-1961", "--out", str(page))[0] == 0
    assert page.read_text().rstrip().endswith("</html>")
    assert cli("panel", "--from", "1990", "--to", "1991", "--out", str(table))[0] == 0
    assert table.read_text() == cli("panel", "--from", "1990", "--to", "1991")[1]
    assert oct(table.stat().st_mode & 0o777) != oct(0o600)  # not the temporary file's private mode
