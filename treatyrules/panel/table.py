"""``Panel``: a typed columnar table, and its hand-offs (CSV, JSON, Arrow, pandas, polars, Parquet).

Each column has one type, whatever the backend: ``int32`` (ccodes, years), ``int8`` (0/1 kinds and
flags), ``date32`` (days), ``bool`` (marks), ``list<string>`` (treaty ids), ``list<int32>``
(atopids). The columns are numpy arrays in Arrow's layout (dates as int32 days since 1970), so
``to_arrow`` wraps them without copying, ``__arrow_c_stream__`` hands them to pandas, polars or
DuckDB through the Arrow PyCapsule interface, and ``to_pandas``/``to_polars`` build the same types
from the same buffers (pandas dates are ``datetime64[s]``, which reaches before 1677; polars
``Date``). numpy is only imported once a panel is built; pyarrow, pandas and polars only by the
method that needs them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError

__all__ = ["ListColumn", "Meta", "Panel"]


@dataclass(frozen=True)
class ListColumn:
    """A list column in Arrow's layout: row ``i`` is ``values[offsets[i]:offsets[i + 1]]`` (looked up in ``items``
    when given)."""

    offsets: Any
    values: Any
    items: tuple[str, ...] | None = None

    def lists(self) -> list[list[Any]]:
        import numpy as np

        vals = np.array(self.items, dtype=object)[self.values] if self.items is not None else self.values
        return [x.tolist() for x in np.split(vals, self.offsets[1:-1])] if len(self.offsets) > 1 else []


@dataclass(frozen=True)
class Meta:
    """What a panel is: unit, years, rule, universe, and the corpus' knowledge date, reading and as-of day."""

    unit: str
    start: int
    end: int
    year_rule: str
    universe: str
    knowledge_date: dt.date | None
    reading: str | None
    as_of: str | None

    def to_json(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["knowledge_date"] = self.knowledge_date.isoformat() if self.knowledge_date else None
        return d


def _need(module: str, extra: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise UsageError(f"{what} needs {module.split('.')[0]}: pip install 'treatyrules[{extra}]'") from None


class Panel:
    """A panel: ordered, typed columns (see the module docstring) and what it is (``meta``).

    ``len(p)``, ``p.names``, ``p["ccode1"]`` (a list), ``p.column("year")`` (a numpy array),
    ``p.to_records()``; ``to_csv``, ``to_json``, ``to_arrow``, ``to_pandas``, ``to_polars``,
    ``to_parquet``, ``write_days``.
    """

    def __init__(self, columns: dict[str, Any], types: dict[str, str], meta: Meta) -> None:
        self._cols = columns
        self.types = types
        self.meta = meta
        self._arrow: Any = None

    # ------------------------------------------------------------ reading
    @property
    def names(self) -> list[str]:
        return list(self._cols)

    def __len__(self) -> int:
        first = next(iter(self._cols.values()), None)
        if first is None:
            return 0
        return len(first.offsets) - 1 if isinstance(first, ListColumn) else int(first.size)

    def column(self, name: str) -> Any:
        """The column as a numpy array (dates as ``datetime64[D]``, lists as an object array of lists)."""
        import numpy as np

        col, kind = self._cols[name], self.types[name]
        if isinstance(col, ListColumn):
            out = np.empty(len(self), dtype=object)
            out[:] = col.lists()
            return out
        return col.astype("datetime64[D]") if kind == "date32" else col

    def __getitem__(self, name: str) -> list[Any]:
        """The column as a list of Python values (ints, dates, bools, lists)."""
        col = self._cols[name]
        out: list[Any] = col.lists() if isinstance(col, ListColumn) else self.column(name).tolist()
        return out

    def rows(self) -> Iterator[tuple[Any, ...]]:
        return zip(*(self[n] for n in self.names), strict=True)

    def to_records(self) -> list[dict[str, Any]]:
        names = self.names
        return [dict(zip(names, r, strict=True)) for r in self.rows()]

    # ------------------------------------------------------------ text
    def to_csv(self) -> str:
        """CSV text with a header: dates as ISO days, marks as ``true``/``false``, lists joined by ``;``.
        Written by pyarrow when it is already imported (or the panel is large), else in Python: the same text."""
        from .text import to_csv

        return to_csv(self)

    def to_json(self, orient: str = "records") -> str:
        """JSON text that ``pandas.read_json`` reads back: ``records`` (a list of row objects, one a line; the
        default) or ``split`` (``{"columns": [...], "data": [[...], ...]}``: ``read_json(..., orient="split")``).
        Dates are ISO days (``pd.to_datetime`` them after reading), marks ``true``/``false``, lists arrays."""
        from .text import to_json

        return to_json(self, orient)

    # ------------------------------------------------------------ dataframes
    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` over the same buffers (needs the ``arrow`` extra); the panel's ``meta`` rides along
        as schema metadata (``treatyrules``), so Parquet files keep it."""
        if self._arrow is None:
            pa = _need("pyarrow", "arrow", "to_arrow")
            arrays = [_arrow_array(pa, self._cols[n], self.types[n]) for n in self.names]
            meta = {b"treatyrules": json.dumps(self.meta.to_json()).encode()}
            self._arrow = pa.Table.from_arrays(arrays, names=self.names, metadata=meta)
        return self._arrow

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """The Arrow PyCapsule stream: ``pl.DataFrame(p)``, ``pd.DataFrame.from_arrow(p)``, ``duckdb.sql("from p")``."""
        return self.to_arrow().__arrow_c_stream__(requested_schema)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` with the panel's types (ints as numpy ints, dates ``datetime64[s]``); needs the
        ``pandas`` extra."""
        pd = _need("pandas", "pandas", "to_pandas")
        return pd.DataFrame({n: _pandas_array(self, n) for n in self.names}, copy=False)

    def to_polars(self) -> Any:
        """A ``polars.DataFrame`` with the panel's types (dates as ``Date``); extra ``polars``."""
        pl = _need("polars", "polars", "to_polars")
        return pl.DataFrame([_polars_series(pl, self, n) for n in self.names])

    def to_parquet(self, path: str | Path) -> None:
        """Write a Parquet file (dates typed ``DATE``, kinds ``INT8``); needs the ``arrow`` extra."""
        pq = _need("pyarrow.parquet", "arrow", "Parquet output")
        pq.write_table(self.to_arrow(), str(path))

    def write_days(self, path: str | Path, engine: str = "duckdb") -> int:
        """Expand day spells to one row per day into Parquet partitioned by year (``path/year=1990/...``);
        see ``treatyrules.panel.outofcore``. Returns the number of day rows written."""
        from .outofcore import write_days

        return write_days(self, Path(path), engine)

    # ------------------------------------------------------------ display
    def __repr__(self) -> str:
        m = self.meta
        known = f"; as known on {m.knowledge_date}" if m.knowledge_date else ""
        uni = "; every dyad of system members" if m.universe == "system" else ""
        names = self.names if len(self.names) <= 10 else [*self.names[:8], "...", self.names[-1]]
        return (
            f"<Panel {m.unit} {m.start}-{m.end}: {len(self):,} rows x {len(self.names)} columns "
            f"({', '.join(names)}); {m.year_rule}{uni}{known}>"
        )

    def _repr_html_(self) -> str:
        import html

        head = "".join(f"<th>{html.escape(n)}</th>" for n in self.names)
        from .text import texts

        rows = list(zip(*(texts(self, n)[:10] for n in self.names), strict=True))
        body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in r) + "</tr>" for r in rows)
        more = f"<p>{len(self) - len(rows):,} more rows</p>" if len(self) > len(rows) else ""
        return f"<p>{html.escape(repr(self))}</p><table><tr>{head}</tr>{body}</table>{more}"


def _arrow_array(pa: Any, col: Any, kind: str) -> Any:
    if isinstance(col, ListColumn):
        values = pa.array(col.values)
        if col.items is not None:
            values = pa.array(list(col.items), pa.string()).take(values)
        return pa.ListArray.from_arrays(pa.array(col.offsets, pa.int32()), values)
    if kind == "date32":
        return pa.array(col, pa.int32()).view(pa.date32())
    return pa.array(col)


def _pandas_array(p: Panel, name: str) -> Any:
    col, kind = p._cols[name], p.types[name]
    if kind == "date32":
        return (col.astype("int64") * 86_400).view("datetime64[s]")
    return p.column(name) if isinstance(col, ListColumn) else col


def _polars_series(pl: Any, p: Panel, name: str) -> Any:
    col, kind = p._cols[name], p.types[name]
    if kind == "date32":
        return pl.Series(name, col, dtype=pl.Int32).cast(pl.Date)
    if isinstance(col, ListColumn):
        return pl.Series(name, col.lists(), dtype=pl.List(pl.String if col.items is not None else pl.Int32))
    return pl.Series(name, col)
