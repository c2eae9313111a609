"""``treatyrules panel`` as a user runs it: the universe, the extra columns, JSON that pandas reads,
Parquet, day rows written out of core, usage errors, and a cache that is data."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import treatyrules
from treatyrules import atop
from treatyrules.panel import panel

from ._atop_sample import atop_sample
from ._cli import run_cli


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("atop") / "rules"
    atop.import_atop(atop_sample("atop"), out)
    return out


def test_universe_with_treaties_as_csv() -> None:
    r = run_cli("panel", "--from", "1900", "--to", "1900", "--universe", "system", "--with-treaties")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "ccode1,ccode2,year,defense,offense,neutral,nonagg,consul,treaties,atopids,extrapolated"
    assert len(lines) - 1 == 42 * 41  # every ordered pair of the 42 system members of 1900
    assert "2,41,1900,0,0,0,0,0,,,false" in lines  # the US and Haiti: no treaty


@pytest.mark.parametrize("orient", ["records", "split"])
def test_json_reads_back_with_pandas(rules: Path, orient: str) -> None:
    pd = pytest.importorskip("pandas")
    args = ("--rules", str(rules), "panel", "--unit", "directed-dyad-day", "--from", "1950", "--to", "1970")
    r = run_cli(*args, "--with-censoring", "--with-flags", "--format", "json", "--orient", orient)
    assert r.returncode == 0, r.stderr
    df = pd.read_json(io.StringIO(r.stdout), orient=orient)
    want = panel(atop.load(atop_sample("atop")), "directed-dyad-day", 1950, 1970, with_censoring=True, with_flags=True)
    assert list(df.columns) == want.names and len(df) == len(want)
    assert df["left_censored"].tolist() == want["left_censored"]
    assert [d.date() for d in pd.to_datetime(df["start"])] == want["start"]


def test_parquet_file(rules: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "p.parquet"
    r = run_cli("--rules", str(rules), "panel", "--unit", "directed-dyad-day", "--format", "parquet", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert str(pq.read_schema(out).field("start").type) == "date32[day]"


@pytest.mark.parametrize("engine", ["duckdb", "polars"])
def test_day_rows_out_of_core(tmp_path: Path, engine: str) -> None:
    pytest.importorskip(engine)
    out = tmp_path / "days"
    args = ("panel", "--unit", "directed-dyad-day", "--from", "2000", "--to", "2001", "--universe", "system")
    r = run_cli(*args, "--days", "--engine", engine, "--out", str(out))
    assert r.returncode == 0, r.stderr
    spells = panel(treatyrules.load(), "directed-dyad-day", 2000, 2001, universe="system")
    days = sum((e - s).days for s, e in zip(spells["start"], spells["end"], strict=True))
    assert r.stderr.splitlines()[0] == f"{days:,} day rows in {out} (Parquet, partitioned by year)"
    assert r.stderr.splitlines()[1].startswith("treatyrules: panel evaluated under the text")
    assert sorted(p.name for p in out.iterdir()) == ["year=2000", "year=2001"]
    again = run_cli(*args, "--days", "--engine", engine, "--out", str(out))
    assert again.returncode == 2 and "already holds files" in again.stderr


def test_the_days_are_the_spells_expanded(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    p = panel(treatyrules.load(), "directed-dyad-day", 1990, 1990, kinds=["defense"])
    n = p.write_days(tmp_path / "d")
    con = duckdb.connect()
    glob = str(tmp_path / "d" / "**" / "*.parquet")
    rows = con.execute(
        f"select ccode1, ccode2, min(day), max(day), count(*), min(defense) from read_parquet('{glob}') "
        "group by all order by all"
    ).fetchall()
    assert sum(r[4] for r in rows) == n
    first = next(r for r in rows if r[:2] == (2, 20))
    assert first[2].isoformat() == "1990-01-01" and first[3].isoformat() == "1990-12-31" and first[4:] == (365, 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--days", "--out", "x"), "--days expands day spells"),
        (("--unit", "directed-dyad-day", "--days"), "--days expands day spells"),
        (("--with-censoring",), "censoring columns are for day spells"),
        (("--format", "parquet"), "--format parquet needs --out FILE"),
        (("--from", "1990-1992"), "--from"),
        (("--universe", "world"), "Invalid value for '--universe'"),
        (("--orient", "index"), "Invalid value for '--orient'"),
    ],
)
def test_usage_errors_exit_2_in_one_line(args: tuple[str, ...], message: str) -> None:
    r = run_cli("panel", *args)
    assert r.returncode == 2, r.stdout
    assert message in r.stderr and "Traceback" not in r.stderr


def test_the_cache_is_data_and_answers_as_computed(
    rules: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE_DIR", str(tmp_path / "cache"))
    args = ("--rules", str(rules), "panel", "--from", "1880", "--to", "2018", "--with-treaties")
    first = run_cli(*args)
    entries = list((tmp_path / "cache").glob("panel-[0-9a-f]*.trc"))  # the compiled cache's entry (docs/cache.md)
    assert first.returncode == 0 and len(entries) == 1
    warm = run_cli(*args)
    entries[0].write_bytes(b"not an entry")  # damaged: rebuilt, same answer
    damaged = run_cli(*args)
    monkeypatch.setenv("TREATYRULES_CACHE", "0")
    cold = run_cli(*args)
    assert first.stdout == warm.stdout == damaged.stdout == cold.stdout
    assert json.dumps(first.stdout)  # text, nothing else
    assert not list((tmp_path / "cache").glob("*panel*.pickle"))
