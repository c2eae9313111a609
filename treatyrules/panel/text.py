"""A panel as text: CSV and JSON (records or split), written fast in Python, or by pyarrow once it is loaded.

Values become text by table look-up: a column's distinct range of ints or days is formatted once
and each row picks its string; a run of 0/1 columns (kinds, flags) is one look-up of its bits.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Mapping
from typing import Any, Protocol

import numpy as np

from ..errors import UsageError


class Panel(Protocol):
    """What the writers read of a ``table.Panel`` (a protocol, so that this module does not import it)."""

    @property
    def _cols(self) -> Mapping[str, Any]: ...
    @property
    def types(self) -> Mapping[str, str]: ...
    @property
    def names(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def __getitem__(self, name: str) -> list[Any]: ...
    def column(self, name: str) -> Any: ...
    def to_arrow(self) -> Any: ...


__all__ = ["csv_arrow", "csv_python", "texts", "to_csv", "to_json"]


def _looked_up(codes: Any, table: list[str]) -> list[str]:
    """``table[c]`` for each code (0-based), as a list."""
    out: list[str] = np.array(table, dtype=object)[codes].tolist()
    return out


def texts(p: Panel, name: str) -> list[str]:
    """A column as text: ints in decimal, dates ISO, marks ``true``/``false``, lists joined by ``;``."""
    kind, col = p.types[name], p._cols[name]
    if kind.startswith("list"):
        return [";".join(map(str, x)) for x in p[name]]
    if kind == "bool":
        return _looked_up(col.astype(np.int8), ["false", "true"])
    if not len(col):
        return []
    lo, hi = int(col.min()), int(col.max())
    if hi - lo > 200_000:  # a wide range: no table
        return p.column(name).astype(str).tolist() if kind == "date32" else list(map(str, col.tolist()))
    values = np.arange(lo, hi + 1)
    table = values.astype("datetime64[D]").astype(str) if kind == "date32" else values.astype(str)
    return _looked_up(col - lo, table.tolist())


def _fields(p: Panel) -> list[list[str]]:
    """The CSV fields as text, each run of 0/1 columns (kinds, flags; up to 10) joined into one field."""
    out: list[list[str]] = []
    run: list[Any] = []
    for name in [*p.names, None]:
        flag = name is not None and p.types[name] == "int8"
        if run and (not flag or len(run) == 10):
            code = sum(c.astype(np.int64) << i for i, c in enumerate(run))
            table = [",".join(str(v >> i & 1) for i in range(len(run))) for v in range(1 << len(run))]
            out.append(_looked_up(code, table))
            run = []
        if flag and name is not None:
            run.append(p._cols[name])
        elif name is not None:
            out.append(texts(p, name))
    return out


def to_csv(p: Panel) -> str:
    """``Panel.to_csv``: by pyarrow when it is already imported (or the panel is large: importing it costs
    more than it saves on small ones), else in Python."""
    if sys.modules.get("pyarrow") is not None or len(p) > 2_000_000:
        try:
            return csv_arrow(p)
        except ImportError:  # no pyarrow
            pass
    return csv_python(p)


def csv_python(p: Panel) -> str:
    body = map(",".join, zip(*_fields(p), strict=True))
    return "\n".join([",".join(p.names), *body]) + "\n"


def csv_arrow(p: Panel) -> str:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pcsv

    t = p.to_arrow()
    for i, name in enumerate(t.column_names):
        if p.types[name].startswith("list"):
            col = t.column(name)
            if p.types[name] == "list<int32>":
                col = pc.cast(col, pa.list_(pa.string()))
            t = t.set_column(i, name, pc.binary_join(col, ";"))
    buf = io.BytesIO()
    pcsv.write_csv(t, buf, pcsv.WriteOptions(include_header=False, quoting_style="none"))
    return ",".join(p.names) + "\n" + buf.getvalue().decode()


def _json_texts(p: Panel, name: str) -> list[str]:
    kind = p.types[name]
    if kind == "date32":
        return ['"' + d + '"' for d in texts(p, name)]
    if kind.startswith("list"):
        return [json.dumps(x, separators=(",", ":")) for x in p[name]]
    return texts(p, name)


def to_json(p: Panel, orient: str = "records") -> str:
    """``Panel.to_json``: records (one row object a line) or split (``columns`` and ``data``)."""
    if orient not in ("records", "split"):
        raise UsageError(f"unknown JSON orient {orient!r}; use records or split")
    names = p.names
    cells = [_json_texts(p, n) for n in names]
    if orient == "records":
        fmt = "{" + ",".join(f"{json.dumps(n)}:%s" for n in names) + "}"
        return "[\n" + ",\n".join(map(fmt.__mod__, zip(*cells, strict=True))) + "\n]\n"
    rows = ",\n".join("[" + ",".join(r) + "]" for r in zip(*cells, strict=True))
    return '{"columns":' + json.dumps(names, separators=(",", ":")) + ',"data":[\n' + rows + "\n]}\n"
