"""``treatyrules panel``: obligations as ATOP-style panels (directed dyad-years, dyad-years, state-years, spells).

The panel's provenance (reading, knowledge date, whether later cells assume no later events) goes
to standard error as one ``treatyrules: panel evaluated ...`` line, so that the CSV and JSON on standard output
(or in ``--out``) stay plain data that ``pandas.read_csv`` reads as it is; Parquet files carry the
same facts in their schema metadata (keys ``treatyrules.reading``, ``treatyrules.as_of``,
``treatyrules.knowledge_date``, ``treatyrules.assumption``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from dataclasses import replace
from pathlib import Path

import click

from ..cache import JsonCodec, cache_dir, cached, folder_digest
from ..errors import UsageError
from ..loader import shipped_rules
from ..panel import UNITS, YEAR_RULES, Compiled, compile_panel, panel_from
from .context import Ctx, write_out
from .provenance import Provenance, provenance

__all__ = ["panel"]


def _year(text: str, flag: str) -> int:
    try:
        y = int(text)
    except ValueError:
        raise UsageError(f"{flag} {text!r} is not a year; give a year such as 1815") from None
    if not 1 <= y <= 9998:
        raise UsageError(f"{flag} {y} is out of range; give a year between 1 and 9998")
    return y


@click.command()
@click.option("--unit", type=click.Choice(UNITS), default="directed-dyad-year", show_default=True)
@click.option("--from", "start", default="1815", show_default=True, help="First year.")
@click.option("--to", "end", default="2018", show_default=True, help="Last year (included).")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    help="Only this obligation kind (defense, offense, neutral, nonagg, consul; repeatable).",
)
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "parquet"]), default="csv", show_default=True)
@click.option(
    "--year-rule",
    type=click.Choice(YEAR_RULES),
    default="any-day",
    show_default=True,
    help="any-day: a year counts when an obligation holds on at least one day (ATOP); all-days: on every day.",
)
@click.option(
    "--cow-only",
    is_flag=True,
    help="Leave out ccodes outside COW's state system (e.g. ATOP's 8152), as ATOP's dyadic files do.",
)
@click.option("--out", "out", type=click.Path(path_type=Path), default=None, help="Write here instead of stdout.")
@click.pass_obj
def panel(
    obj: Ctx,
    unit: str,
    start: str,
    end: str,
    kinds: tuple[str, ...],
    fmt: str,
    year_rule: str,
    cow_only: bool,
    out: Path | None,
) -> None:
    """Obligations as a panel: directed-dyad-year (ATOP's ddyr columns), dyad-year, state-year, directed-dyad-day."""
    y0, y1 = _year(start, "--from"), _year(end, "--to")
    if y0 > y1:
        raise UsageError(f"--from {y0} is after --to {y1}")
    roots = list(obj.rules_all) or [shipped_rules()]
    key = _key(roots, as_of=obj.as_of, reading=obj.reading)
    compiled: Compiled = cached(key, "panel", lambda: compile_panel(obj.corpus().compiled), _COMPILED)
    prov = _provenance(cached(key, "panel-provenance", lambda: provenance(obj.corpus(), None), _PROVENANCE), y1)
    table = panel_from(compiled, unit, y0, y1, list(kinds) or None, year_rule, cow_only)
    if fmt == "parquet":
        if out is None:
            raise UsageError("--format parquet needs --out FILE")
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise UsageError("--format parquet needs pyarrow: pip install 'treatyrules[arrow]'") from None
        meta = {f"treatyrules.{k}": "" if v is None else str(v) for k, v in prov.to_json().items()}
        arrow = table.to_arrow()
        arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}), **meta})
        write_out(out, lambda tmp: pq.write_table(arrow, tmp))
    else:
        text = table.to_csv() if fmt == "csv" else table.to_json()
        if out is None:
            sys.stdout.write(text)
        else:
            write_out(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    later = f"; {prov.assumption}" if prov.assumption else ""
    click.echo(f"treatyrules: panel evaluated {prov.how()}{later}.", err=True)


def _provenance(prov: Provenance, last_year: int) -> Provenance:
    """The panel's provenance: cells after the knowledge date assume no later events."""
    kd = prov.knowledge_date
    later = f"cells after {kd} assume no later events" if kd is not None and dt.date(last_year, 12, 31) > kd else None
    return replace(prov, assumption=later)


#: how the panel's compiled spells and its provenance are stored (JSON, shape-checked on the way back)
_COMPILED: JsonCodec[Compiled] = JsonCodec(
    tuple[
        list[tuple[str, str, str, dt.date, dt.date | None, bool, int | None]],
        dict[str, list[tuple[int, dt.date, dt.date]]],
    ]
)
_PROVENANCE: JsonCodec[Provenance] = JsonCodec(Provenance)


def _key(roots: list[Path], *, as_of: dt.date | None, reading: str | None) -> str | None:
    """The cache key of a panel of the folders' (merged) corpus under ``as_of`` and ``reading``:
    everything the value depends on, the folders' content hashes in order (and the shipped folder's,
    whose registry a folder without ``states.yaml`` reads with), the engine, the as-of day and the
    reading. None (no caching) when a folder cannot be hashed."""
    if cache_dir() is None or not all(p.is_dir() for p in roots):
        return None
    if not all((p / "states.yaml").is_file() for p in roots):
        roots = [*roots, shipped_rules()]
    digests = [folder_digest(p) for p in roots]
    if any(d is None for d in digests):
        return None
    parts = [str(d) for d in digests] + [f"as_of={as_of}", f"reading={reading}"]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()
