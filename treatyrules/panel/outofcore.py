"""Panels that outgrow memory: day spells out, the expansion to one row per day inside DuckDB or polars.

All directed dyads of the system on all days 1816-2026 are about 0.83 billion rows (6.7 GB as
Arrow); their day spells are about 85,000 rows. ``write_days`` hands the spells to an engine that
expands and writes them as it goes, as Parquet partitioned by year (``path/year=1990/*.parquet``,
hive style: ``duckdb.read_parquet("path/**/*.parquet", hive_partitioning=true)``,
``pl.scan_parquet("path/")``, ``pyarrow.dataset.dataset("path", partitioning="hive")``). Columns:
``ccode1, ccode2, day`` (a date), the panel's value columns (kinds, flags, ``extrapolated``), and
``year`` as the partition key; rows within a year are in (ccode1, ccode2, day) order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from ..errors import UsageError

__all__ = ["ENGINES", "day_columns", "write_days"]

ENGINES = ("duckdb", "polars")
_DROP = {"ccode1", "ccode2", "start", "end", "left_censored", "right_censored", "treaties", "atopids"}


class Panel(Protocol):
    """What the expansion reads of a ``treatyrules.panel.Panel``."""

    @property
    def names(self) -> list[str]: ...
    @property
    def meta(self) -> Any: ...
    def to_arrow(self) -> Any: ...
    def to_polars(self) -> Any: ...


def day_columns(p: Panel) -> list[str]:
    """The value columns a day row keeps (the spell's, without its bounds, censoring and treaty lists)."""
    return [n for n in p.names if n not in _DROP]


def write_days(p: Panel, path: Path, engine: str = "duckdb") -> int:
    """Expand ``p``'s day spells into ``path`` (created; must not hold files); the number of day rows."""
    if p.meta.unit != "directed-dyad-day":
        raise UsageError("day rows come from day spells: build the panel with unit directed-dyad-day")
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; use {' or '.join(ENGINES)}")
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise UsageError(f"{path} already holds files; give a new or empty folder for the day rows")
    path.mkdir(parents=True, exist_ok=True)
    return _duckdb(p, path) if engine == "duckdb" else _polars(p, path)


def _duckdb(p: Panel, path: Path) -> int:
    try:
        import duckdb
    except ImportError:
        raise UsageError("engine duckdb needs duckdb: pip install 'treatyrules[duckdb]'") from None
    cols = "".join(f', "{n}"' for n in day_columns(p))
    con = duckdb.connect()
    con.register("spells", p.to_arrow())
    sql = f"""
        SELECT ccode1, ccode2, day{cols}, CAST(year(day) AS INTEGER) AS year
        FROM (SELECT *, start + CAST(unnest(range(0, "end" - start)) AS INTEGER) AS day FROM spells)
    """
    con.execute(f"COPY ({sql}) TO '{_quoted(path)}' (FORMAT parquet, PARTITION_BY (year), OVERWRITE_OR_IGNORE)")
    return _count(con, path)


def _count(con: Any, path: Path) -> int:
    glob = _quoted(path / "**" / "*.parquet")
    row = con.execute(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true)").fetchone()
    return int(row[0]) if row else 0


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def _polars(p: Panel, path: Path) -> int:
    try:
        import polars as pl
    except ImportError:
        raise UsageError("engine polars needs polars: pip install 'treatyrules[polars]'") from None
    if not hasattr(pl, "PartitionBy"):
        raise UsageError("engine polars needs a polars with partitioned sinks (pl.PartitionBy): pip install -U polars")
    lf = (
        p.to_polars()
        .lazy()
        .with_columns(day=pl.date_ranges("start", pl.col("end") - pl.duration(days=1)))
        .explode("day")
        .select("ccode1", "ccode2", "day", *day_columns(p), year=pl.col("day").dt.year().cast(pl.Int32))
    )
    lf.sink_parquet(pl.PartitionBy(path, key="year", include_key=False), mkdir=True)
    return int(pl.scan_parquet(path, hive_partitioning=True).select(pl.len()).collect().item())
