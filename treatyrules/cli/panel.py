"""``treatyrules panel``: obligations as ATOP-style panels (directed dyad-years, dyad-years, state-years, spells).

The compiled spells (``panel.compile_panel``) are cached as data (``.npz`` bytes, read without
pickle) in the compiled cache (``treatyrules.cache``: checksummed, atomic, bounded), keyed by the
rules folders' content, the engine, the as-of day and the reading; a panel is filled from them on
every run.

The panel's provenance (reading, knowledge date, whether later cells assume no later events) goes
to standard error as one ``treatyrules: panel evaluated ...`` line, so that the CSV and JSON on standard output
(or in ``--out``) stay plain data that ``pandas.read_csv`` reads as it is; Parquet files carry the
same facts in their schema metadata (keys ``treatyrules.reading``, ``treatyrules.as_of``,
``treatyrules.knowledge_date``, ``treatyrules.assumption``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..cache import JsonCodec, cache_dir, cached
from ..cachekey import folder_digest
from ..errors import UsageError
from ..folderfiles import shipped_rules
from ..panel import UNITS, UNIVERSES, YEAR_RULES, Panel, as_year, compile_panel, panel_from
from .context import Ctx, write_out
from .provenance import Provenance, provenance

if TYPE_CHECKING:
    from ..panel.spells import PanelSpells

__all__ = ["panel"]


def _year(text: str, flag: str) -> int:
    try:
        return as_year(text, flag)
    except UsageError as exc:
        raise UsageError(f"{flag} {text!r}: {exc}; give a year such as 1815") from None


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
    "--orient",
    type=click.Choice(["records", "split"]),
    default="records",
    show_default=True,
    help="JSON layout: records (a list of row objects) or split (columns and data); pandas.read_json reads both.",
)
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
@click.option(
    "--universe",
    type=click.Choice(UNIVERSES),
    default="obligations",
    show_default=True,
    help="system: every dyad (or state) of COW system members, 0 where nothing is owed, marked extrapolated "
    "after the knowledge date; obligations: only rows with an obligation.",
)
@click.option("--with-treaties", is_flag=True, help="Add the treaty ids and atopids behind each row.")
@click.option("--with-flags", is_flag=True, help="Add ATOP's condition flags (defcon, defcoadv, ..., olimob).")
@click.option("--with-censoring", is_flag=True, help="Day spells: add left_censored, right_censored.")
@click.option(
    "--days",
    is_flag=True,
    help="Expand day spells to one row per day, written as Parquet partitioned by year into the folder --out.",
)
@click.option(
    "--engine", type=click.Choice(["duckdb", "polars"]), default="duckdb", show_default=True, help="For --days."
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
    orient: str,
    year_rule: str,
    cow_only: bool,
    universe: str,
    with_treaties: bool,
    with_flags: bool,
    with_censoring: bool,
    days: bool,
    engine: str,
    out: Path | None,
) -> None:
    """Obligations as a panel: directed-dyad-year (ATOP's ddyr columns), dyad-year, state-year, directed-dyad-day."""
    y0, y1 = _year(start, "--from"), _year(end, "--to")
    if y0 > y1:
        raise UsageError(f"--from {y0} is after --to {y1}")
    if days and (unit != "directed-dyad-day" or out is None):
        raise UsageError("--days expands day spells: give --unit directed-dyad-day and --out FOLDER")
    key = _key(list(obj.rules_all) or [shipped_rules()], as_of=obj.as_of, reading=obj.reading)  # hashed once
    compiled = cached(key, "panel", lambda: compile_panel(obj.corpus().compiled), _SpellsCodec())
    prov = _provenance(cached(key, "panel-provenance", lambda: provenance(obj.corpus(), None), _PROVENANCE), y1)
    extras = {"with_treaties": with_treaties, "with_flags": with_flags, "with_censoring": with_censoring}
    table = panel_from(compiled, unit, y0, y1, list(kinds) or None, year_rule, cow_only, universe=universe, **extras)
    if days and out is not None:
        n = table.write_days(out, engine)
        click.echo(f"{n:,} day rows in {out} (Parquet, partitioned by year)", err=True)
    else:
        _write(table, fmt, orient, out, prov)
    later = f"; {prov.assumption}" if prov.assumption else ""
    click.echo(f"treatyrules: panel evaluated {prov.how()}{later}.", err=True)


def _write(table: Panel, fmt: str, orient: str, out: Path | None, prov: Provenance) -> None:
    """The panel as text on standard output or in ``out``, or as Parquet with the provenance in its metadata."""
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
        return
    text = table.to_csv() if fmt == "csv" else table.to_json(orient)
    if out is None:
        sys.stdout.write(text)
    else:
        write_out(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def _provenance(prov: Provenance, last_year: int) -> Provenance:
    """The panel's provenance: cells after the knowledge date assume no later events."""
    kd = prov.knowledge_date
    later = f"cells after {kd} assume no later events" if kd is not None and dt.date(last_year, 12, 31) > kd else None
    return replace(prov, assumption=later)


def _key(roots: list[Path], *, as_of: dt.date | None, reading: str | None) -> str | None:
    """The cache key of a panel of the folders' (merged) corpus under ``as_of`` and ``reading``:
    everything the value depends on, the folders' content hashes in order (and the shipped folder's,
    whose registry a folder without ``states.yaml`` reads with; each hash covers the whole engine,
    the panel package included), the as-of day and the reading. None (no caching) when a folder
    cannot be hashed."""
    if cache_dir() is None or not all(p.is_dir() for p in roots):
        return None
    if not all((p / "states.yaml").is_file() for p in roots):
        roots = [*roots, shipped_rules()]
    digests = [folder_digest(p) for p in roots]
    if any(d is None for d in digests):
        return None
    parts = [str(d) for d in digests] + [f"as_of={as_of}", f"reading={reading}"]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class _SpellsCodec:
    """``PanelSpells`` as the ``.npz`` bytes it writes (arrays and text; read back without pickle)."""

    def encode(self, value: PanelSpells) -> bytes:
        buffer = io.BytesIO()
        value.save(buffer)
        return buffer.getvalue()

    def decode(self, data: bytes) -> PanelSpells:
        from ..panel.spells import PanelSpells

        return PanelSpells.read(io.BytesIO(data))


_PROVENANCE: JsonCodec[Provenance] = JsonCodec(Provenance)
