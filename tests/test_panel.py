"""Panels as tables: one set of types on every backend (Arrow, pandas, polars, DuckDB through the
PyCapsule stream), text that reads back (CSV, JSON records and split, Parquet with dates), years as
analysts hold them, a short repr, and an import that needs no numpy."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import treatyrules
from treatyrules import atop
from treatyrules.errors import DateFormatError, UsageError
from treatyrules.panel import Panel, as_year, compile_panel, panel, panel_from, text
from treatyrules.panel.spells import PanelSpells

from ._atop_sample import atop_sample

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = atop.load(atop_sample("atop"))
SHIPPED = treatyrules.load()
UNITS = ("directed-dyad-year", "dyad-year", "state-year", "directed-dyad-day")
#: the one type of each kind of column, as Arrow, pandas and polars name it
TYPES = {
    "int32": ("int32", "int32", "Int32"),
    "int8": ("int8", "int8", "Int8"),
    "date32": ("date32[day]", "datetime64[s]", "Date"),
    "bool": ("bool", "bool", "Boolean"),
    "list<string>": ("list<item: string>", "object", "List(String)"),
    "list<int32>": ("list<item: int32>", "object", "List(Int32)"),
}


def every_column(unit: str, corpus: Any = SAMPLE) -> Panel:
    days = unit == "directed-dyad-day"
    return panel(corpus, unit, 1950, 1970, with_treaties=True, with_flags=True, with_censoring=days)


@pytest.mark.parametrize("unit", UNITS)
def test_one_type_per_column_on_every_backend(unit: str) -> None:
    pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    p = every_column(unit)
    assert len(p) > 0
    arrow = p.to_arrow().schema
    pandas = p.to_pandas().dtypes
    polars = p.to_polars().schema
    for name in p.names:
        want = TYPES[p.types[name]]
        assert (str(arrow.field(name).type), str(pandas[name]), str(polars[name])) == want, name
    assert pl.from_arrow(p.to_arrow()).schema == polars  # the polars frame is the Arrow table's
    assert pl.DataFrame(p).equals(p.to_polars())  # through the PyCapsule stream


@pytest.mark.parametrize("unit", UNITS)
def test_the_backends_hold_the_same_values(unit: str) -> None:
    pytest.importorskip("pyarrow")
    p = every_column(unit)
    records = p.to_records()
    assert p.to_arrow().to_pylist() == records
    assert [dict(r) for r in p.to_polars().to_dicts()] == records
    df = p.to_pandas()
    for name in p.names:
        got = df[name].tolist()
        if p.types[name] == "date32":
            got = [t.date() for t in df[name]]
        assert got == p[name], name


def test_duckdb_and_pandas_take_the_stream() -> None:
    duckdb = pytest.importorskip("duckdb")
    pd = pytest.importorskip("pandas")
    p = every_column("directed-dyad-day")
    assert duckdb.sql("select count(*), min(start) from p").fetchall() == [(len(p), min(p["start"]))]
    if hasattr(pd.DataFrame, "from_arrow"):
        assert pd.DataFrame.from_arrow(p).shape == (len(p), len(p.names))


@pytest.mark.parametrize("unit", UNITS)
def test_csv_is_the_same_text_from_python_and_pyarrow(unit: str) -> None:
    pytest.importorskip("pyarrow")
    for p in (every_column(unit), panel(SHIPPED, unit, 1900, 2030), panel(SAMPLE, unit, 1800, 1801)):
        assert text.csv_python(p) == text.csv_arrow(p)


def test_pyarrow_is_optional(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pyarrow: the same CSV (by the Python writer), pandas and polars where installed, and
    ``to_arrow`` says which extra to install."""
    p = every_column("directed-dyad-day")
    with_arrow = p.to_csv()  # by pyarrow where it is installed
    has = {m: importlib.util.find_spec(m) is not None for m in ("pandas", "polars")}
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now fails
    p = every_column("directed-dyad-day")
    assert p.to_csv() == with_arrow  # the Python writer gives the same text
    if has["polars"]:
        assert p.to_polars().shape == (len(p), len(p.names))
    if has["pandas"]:
        assert len(p.to_pandas()) == len(p)
    with pytest.raises(UsageError, match=r"pip install 'treatyrules\[arrow\]'"):
        every_column("directed-dyad-day").to_arrow()


@pytest.mark.parametrize("unit", UNITS)
@pytest.mark.parametrize("orient", ["records", "split"])
def test_json_reads_back_with_pandas(unit: str, orient: str) -> None:
    pd = pytest.importorskip("pandas")
    p = every_column(unit)
    text = p.to_json(orient)
    json.loads(text)  # plain JSON
    back = pd.read_json(io.StringIO(text), orient=orient, dtype=False)
    assert list(back.columns) == p.names and len(back) == len(p)
    for name in p.names:
        got = back[name].tolist()
        if p.types[name] == "date32":
            got = [dt.date.fromisoformat(d) for d in got]
        assert got == p[name], name


def test_json_of_an_empty_panel() -> None:
    p = panel(SAMPLE, "directed-dyad-year", 1800, 1801)
    assert len(p) == 0
    assert json.loads(p.to_json()) == []
    assert json.loads(p.to_json("split")) == {"columns": p.names, "data": []}
    with pytest.raises(UsageError, match="records or split"):
        p.to_json("index")


def test_parquet_types_dates_as_dates(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    p = every_column("directed-dyad-day")
    p.to_parquet(tmp_path / "p.parquet")
    schema = pq.ParquetFile(tmp_path / "p.parquet").schema
    assert str(schema.column(p.names.index("start")).logical_type) == "Date"
    assert str(schema.column(p.names.index("defense")).logical_type) == "Int(bitWidth=8, isSigned=true)"
    back = pq.read_table(tmp_path / "p.parquet")
    assert back.to_pylist() == p.to_records()
    meta = json.loads(back.schema.metadata[b"treatyrules"])
    assert meta["unit"] == "directed-dyad-day" and meta["knowledge_date"] == "2018-12-31"


def test_csv_marks_and_lists() -> None:
    p = every_column("directed-dyad-day")
    lines = p.to_csv().splitlines()
    assert lines[0].split(",")[-4:] == ["treaties", "atopids", "left_censored", "right_censored"]
    first = dict(zip(lines[0].split(","), lines[1].split(","), strict=True))
    assert first["treaties"] == "ATOP-9001" and first["atopids"] == "9001"
    assert first["left_censored"] in ("true", "false")


# ---------------------------------------------------------------- years


@pytest.mark.parametrize(
    "value",
    [1990, "1990", " 1990 ", np.int64(1990), dt.date(1990, 7, 1), dt.datetime(1990, 7, 1, 12), "1990-07", "1990-07-01"],
)
def test_years_as_analysts_hold_them(value: object) -> None:
    assert as_year(value) == 1990


def test_years_from_pandas_and_numpy() -> None:
    pd = pytest.importorskip("pandas")
    assert as_year(pd.Timestamp("1990-12-31")) == 1990
    assert as_year(np.datetime64("1990-12-31T23:59:59.123456789")) == 1990
    a = panel(SAMPLE, "directed-dyad-year", pd.Timestamp("1955-01-01"), "1960")
    b = panel(SAMPLE, "directed-dyad-year", 1955, 1960)
    assert a.to_csv() == b.to_csv() and a.meta.start == 1955


@pytest.mark.parametrize("value", ["199X", "1990/1991", "x", True, 1.5, None, "1990-01..1991-02"])
def test_what_is_no_year_says_so(value: object) -> None:
    with pytest.raises(DateFormatError, match="give"):
        as_year(value)


def test_year_range_boundaries() -> None:
    assert as_year(1) == 1 and as_year(9998) == 9998
    for bad in (0, 9999, "0"):
        with pytest.raises(UsageError, match="between 1 and 9998"):
            as_year(bad)
    with pytest.raises(UsageError, match="after the last year"):
        panel(SAMPLE, "directed-dyad-year", 1961, 1960)
    assert len(panel(SAMPLE, "directed-dyad-year", 1960, 1960)) > 0


def test_unknown_options_say_what_to_give() -> None:
    for kw, msg in [
        ({"unit": "dyad-day"}, "use one of"),
        ({"year_rule": "most-days"}, "any-day or all-days"),
        ({"kinds": ["alliance"]}, "unknown obligation kind"),
        ({"universe": "world"}, "use system"),
        ({"with_censoring": True}, "unit directed-dyad-day"),
    ]:
        with pytest.raises(UsageError, match=msg):
            panel(SAMPLE, **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------- the object


def test_repr_is_short_and_says_what_the_panel_is() -> None:
    p = panel(SAMPLE, "directed-dyad-year", 1950, 1960)
    r = repr(p)
    assert len(r) < 300 and "directed-dyad-year 1950-1960" in r and "as known on 2018-12-31" in r
    assert "<table>" in p._repr_html_() and "<td>1950</td>" in p._repr_html_()
    wide = every_column("directed-dyad-year")
    assert len(repr(wide)) < 300


def test_columns_as_lists_and_arrays() -> None:
    p = panel(SAMPLE, "directed-dyad-day", 1940, 2018, kinds=["defence"])
    assert p.names == ["ccode1", "ccode2", "start", "end", "defense"]
    assert isinstance(p["start"][0], dt.date) and isinstance(p["ccode1"][0], int)
    assert p.column("start").dtype == np.dtype("datetime64[D]")
    assert next(iter(p.rows())) == tuple(p.to_records()[0].values())


def test_compiled_spells_round_trip_without_pickle(tmp_path: Path) -> None:
    s = compile_panel(SAMPLE)
    s.save(tmp_path / "s.npz")
    back = PanelSpells.read(tmp_path / "s.npz")
    assert back.treaties == s.treaties and back.knowledge == s.knowledge
    for unit in UNITS:
        assert panel_from(back, unit, 1880, 2018).to_csv() == panel_from(s, unit, 1880, 2018).to_csv()
    np.savez(tmp_path / "other.npz", meta=np.array('{"format": "something else"}'))
    with pytest.raises(ValueError, match="not a treatyrules-panel-spells"):
        PanelSpells.read(tmp_path / "other.npz")


def test_compiled_once_per_corpus() -> None:
    assert compile_panel(SAMPLE) is compile_panel(SAMPLE.compiled)
    assert compile_panel(SAMPLE.compiled.with_options(as_of="1960-01-01")) is not compile_panel(SAMPLE)


def test_import_needs_no_numpy() -> None:
    code = "import sys, treatyrules, treatyrules.panel, treatyrules.cli; print('numpy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
