"""Answers as flat tables: built once in Arrow, converted from there, so every backend has the same
columns and the same types.

A table is a list of columns ``(name, kind)`` and rows (dicts; a missing key is a null). The kinds
and what each backend holds:

| kind   | Arrow     | pandas (Arrow-backed)    | polars  |
|--------|-----------|--------------------------|---------|
| `str`  | `string`  | `string[pyarrow]`        | String  |
| `date` | `date32`  | `date32[day][pyarrow]`   | Date    |
| `int`  | `int64`   | `int64[pyarrow]`         | Int64   |
| `bool` | `bool`    | `bool[pyarrow]`          | Boolean |

Dates stay calendar days (never datetimes, never Python objects); nulls stay nulls in every kind
(an int column with a null stays an int). In pandas compare a date column with ``datetime.date``
(``df[df.since < dt.date(1990, 1, 1)]``), or ``df.astype({"since": "datetime64[s]"})`` for numpy
datetimes. pyarrow, pandas and polars are imported only when a table is asked for (extras
``arrow``, ``pandas``, ``polars``; pandas and polars need pyarrow too).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Literal

from .errors import UsageError

__all__ = ["Column", "Kind", "Tabular", "arrow_table", "columns", "pandas_frame", "pick", "polars_frame"]

Kind = Literal["str", "date", "int", "bool"]
Column = tuple[str, Kind]
_KINDS: dict[str, Kind] = {"str": "str", "date": "date", "int": "int", "bool": "bool"}


def columns(spec: str) -> tuple[Column, ...]:
    """Columns from a compact spec: names separated by spaces, each ``name`` (text) or ``name:kind``.

    >>> columns("date:date id party_count:int")
    (('date', 'date'), ('id', 'str'), ('party_count', 'int'))
    """
    out = []
    for word in spec.split():
        name, _, kind = word.partition(":")
        out.append((name, _KINDS[kind or "str"]))
    return tuple(out)


def pick(obj: object, names: str) -> dict[str, Any]:
    """The attributes ``names`` (separated by spaces) of ``obj``, as a row.

    >>> import datetime as dt
    >>> pick(dt.date(1995, 1, 2), "year day")
    {'year': 1995, 'day': 2}
    """
    return {name: getattr(obj, name) for name in names.split()}


def _require(module: str, extra: str, what: str) -> Any:
    """Import an optional library, or say which extra installs it."""
    try:
        return __import__(module)
    except ImportError:
        raise UsageError(f"{what} needs {module}: pip install 'treatyrules[{extra}]'") from None


def arrow_table(columns: Sequence[Column], rows: Iterable[Mapping[str, Any]]) -> Any:
    """A ``pyarrow.Table`` with exactly ``columns`` (in order, typed by kind) filled from ``rows``."""
    pa = _require("pyarrow", "arrow", "a table of answers")
    types = {"str": pa.string(), "date": pa.date32(), "int": pa.int64(), "bool": pa.bool_()}
    rows = list(rows)
    arrays = [pa.array([r.get(name) for r in rows], type=types[kind]) for name, kind in columns]
    return pa.Table.from_arrays(arrays, schema=pa.schema([(name, types[kind]) for name, kind in columns]))


def pandas_frame(table: Any) -> Any:
    """A ``pandas.DataFrame`` of an Arrow table, every column Arrow-backed (``pd.ArrowDtype``)."""
    pd = _require("pandas", "pandas", "to_pandas")
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def polars_frame(table: Any) -> Any:
    """A ``polars.DataFrame`` of an Arrow table (zero-copy where polars can)."""
    pl = _require("polars", "polars", "to_polars")
    return pl.from_arrow(table)


class Tabular:
    """Mixin: ``to_arrow``, ``to_pandas`` and ``to_polars`` from the class's ``frame_columns`` and the
    instance's ``frame_rows()``."""

    __slots__ = ()
    #: the columns of this type's table, in order
    frame_columns: ClassVar[tuple[Column, ...]] = ()

    def columns(self) -> tuple[Column, ...]:
        """The columns of this object's table: its type's ``frame_columns``."""
        return self.frame_columns

    def frame_rows(self) -> list[dict[str, Any]]:
        """This object's rows of the table."""
        raise NotImplementedError

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` (extra ``arrow``); each type documents its columns (``frame_columns``)."""
        return arrow_table(self.columns(), self.frame_rows())

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` with Arrow-backed columns (extra ``pandas``)."""
        return pandas_frame(self.to_arrow())

    def to_polars(self) -> Any:
        """A ``polars.DataFrame`` (extra ``polars``)."""
        return polars_frame(self.to_arrow())
