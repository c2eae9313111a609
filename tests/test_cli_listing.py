"""``treaties``, ``states`` and ``regions``: what the rules hold, listed."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from treatyrules import load

from ._cli import run_cli
from ._cli_inproc import cli


def _json(*args: str) -> Any:
    code, out, err = cli(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_treaties_lists_id_title_aliases_atopid_and_status() -> None:
    doc = _json("treaties", "--date", "1985-01-01")
    rows = {t["id"]: t for t in doc["treaties"]}
    assert list(rows) == load().ids
    assert rows["CHN-SUN-1950"]["atopid"] == 3200 and rows["CHN-SUN-1950"]["status"] == "terminated"
    assert "Sino-Soviet Treaty 1950" in rows["CHN-SUN-1950"]["aliases"]
    assert rows["RUS-PRK-2024"]["status"] == "not_signed" and rows["RUS-PRK-2024"]["atopid"] is None
    assert doc["reading"] == "text"
    table = cli("treaties", "--date", "1985-01-01")[1]
    assert table.startswith(f"{len(rows)} treaties, status on 1985-01-01\n")
    assert "WARSAW-1955          in_force    3285" in table


def test_treaties_csv_reads_back() -> None:
    rows = list(csv.DictReader(io.StringIO(cli("treaties", "--format", "csv")[1])))
    assert len(rows) == len(load().ids) and set(rows[0]) == {"date", "id", "atopid", "status", "title", "aliases"}


@pytest.mark.parametrize(("day", "n"), [("1914-07-28", 45), ("1816-01-01", 23)])
def test_states_lists_the_system_on_a_day(day: str, n: int) -> None:
    doc = _json("states", "--date", day)
    assert doc["count"] == n == len(doc["states"])
    reg = load().registry
    import datetime as dt

    assert [s["code"] for s in doc["states"]] == [s.code for s in reg.system_on(dt.date.fromisoformat(day))]


def test_states_gives_ccode_and_letters_as_on_the_day() -> None:
    def row(day: str, code: str) -> Any:
        return next(s for s in _json("states", "--date", day)["states"] if s["code"] == code)

    assert row("1985-01-01", "SUN") == {
        "code": "SUN",
        "ccode": 365,
        "letters": "RUS",
        "name": row("1985-01-01", "SUN")["name"],
    }
    assert row("1995-01-01", "RUS")["ccode"] == 365
    assert (row("1980-01-01", "DEU")["ccode"], row("1980-01-01", "DEU")["letters"]) == (260, "GFR")
    assert (row("1991-01-01", "DEU")["ccode"], row("1991-01-01", "DEU")["letters"]) == (255, "GMY")
    assert not any(s["code"] == "FRA" for s in _json("states", "--date", "1943-01-01")["states"])
    table = cli("states", "--date", "1914-07-28")[1]
    assert table.splitlines()[:3] == [
        "45 states in the interstate system on 1914-07-28",
        "CODE  CCODE COW  NAME",
        "USA   2     USA  United States of America",
    ]


def test_regions_lists_every_region_with_its_treaties() -> None:
    doc = _json("regions")
    names = [r["name"] for r in doc["regions"]]
    assert sorted(names) == sorted(load().regions)
    nato = next(r for r in doc["regions"] if r["name"] == "north-atlantic-art6")
    assert nato["treaties"] == ["NATO-1949"] and {"code": "ALB"} in nato["members"]
    table = cli("regions")[1]
    assert table.startswith(f"{len(names)} regions (scenario --location NAME)")
    assert "pacific-area             ANZUS-1951 USA-KOR-1953 USA-PHL-1951" in table


def test_listing_commands_in_a_child_process() -> None:
    for name in ("treaties", "states", "regions"):
        res = run_cli(name)
        assert res.returncode == 0 and res.stdout and not res.stderr, name
