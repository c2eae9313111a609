"""Rendering answers as text tables (80 columns), JSON and CSV. Deterministic: same input, same bytes."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["dumps_json", "render_csv", "render_table", "wrap_note"]


def dumps_json(obj: Any) -> str:
    """Stable JSON: sorted nowhere but built in a defined order, UTF-8 text, two-space indent."""
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def render_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    return buf.getvalue()


def render_table(
    header: Sequence[str], widths: Sequence[int], rows: Iterable[tuple[Sequence[Any], str | None]], width: int = 80
) -> str:
    """Fixed-width columns, each row optionally followed by an indented, wrapped note line.

    >>> print(render_table(["ID", "STATUS"], [6, 8], [(["A-1", "in_force"], "since 1961")]), end="")
    ID     STATUS
    A-1    in_force
      since 1961
    """
    lines = [_row(header, widths)]
    for cells, note in rows:
        lines.append(_row(["-" if c is None else str(c) for c in cells], widths))
        if note:
            lines.extend(textwrap.wrap(note, width=width - 2, initial_indent="  ", subsequent_indent="  "))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _row(cells: Sequence[Any], widths: Sequence[int]) -> str:
    parts = []
    for c, w in zip(cells, widths, strict=False):
        s = str(c)
        parts.append(s[:w].ljust(w) if w else s)
    parts.extend(str(c) for c in cells[len(widths) :])
    return " ".join(parts)


def wrap_note(text: str, width: int = 80, indent: str = "") -> str:
    """``text`` wrapped to ``width`` columns, each line ending in a newline; words are never broken
    at their hyphens (reading names, ids, dates stay whole).

    >>> print(wrap_note("a b c", width=3), end="")
    a b
    c
    """
    lines = textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)
    return "".join(line + "\n" for line in lines)
