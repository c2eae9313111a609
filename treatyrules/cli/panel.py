"""``treatyrules panel``: obligations as ATOP-style panels (directed dyad-years, dyad-years, state-years, spells).

The compiled spells (``panel.compile_panel``) are cached as data (``.npz``, read without pickle)
in the user's cache folder, keyed by the rules folders' content, the engine, the as-of day and the
reading; a panel is filled from them on every run.

The panel's provenance (reading, knowledge date, whether later cells assume no later events) goes
to standard error as one ``treatyrules: panel evaluated ...`` line, so that the CSV and JSON on standard output
(or in ``--out``) stay plain data that ``pandas.read_csv`` reads as it is; Parquet files carry the
same facts in their schema metadata (keys ``treatyrules.reading``, ``treatyrules.as_of``,
``treatyrules.knowledge_date``, ``treatyrules.assumption``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..cache import cache_dir, folder_digest
from ..errors import UsageError
from ..loader import shipped_rules
from ..panel import UNITS, UNIVERSES, YEAR_RULES, Panel, as_year, compile_panel, panel_from
from .context import Ctx, write_out
from .provenance import Provenance, provenance

if TYPE_CHECKING:
    from ..panel.spells import PanelSpells

__all__ = ["panel"]

_PANEL_SOURCE = Path(__file__).resolve().parents[1] / "panel"


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
    roots = list(obj.rules_all) or [shipped_rules()]
    compiled = _compiled_panel(roots, obj, as_of=obj.as_of, reading=obj.reading)
    prov = _provenance(_cached_provenance(roots, obj), y1)
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


def _cached_provenance(roots: list[Path], obj: Ctx) -> Provenance:
    """The corpus' provenance, cached as JSON beside its spells (loading the corpus is what costs)."""
    base, key = cache_dir(), _key(roots, as_of=obj.as_of, reading=obj.reading)
    if base is None or key is None:
        return provenance(obj.corpus(), None)
    path = base / f"{key[:32]}-panel-provenance.json"
    try:
        d: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        as_of, kd = (None if d[k] is None else dt.date.fromisoformat(str(d[k])) for k in ("as_of", "kd"))
        dates = tuple(dt.date.fromisoformat(str(v)) for v in d["knowledge_dates"])
        return Provenance(str(d["reading"]), tuple(d["readers"]), bool(d["others"]), as_of, kd, None, {}, dates)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    prov = provenance(obj.corpus(), None)
    data = {
        "reading": prov.reading,
        "readers": list(prov.readers),
        "others": prov.others,
        "as_of": prov.as_of and prov.as_of.isoformat(),
        "kd": prov.knowledge_date and prov.knowledge_date.isoformat(),
        "knowledge_dates": [d.isoformat() for d in prov.knowledge_dates],
    }
    _atomic(path, lambda tmp: Path(tmp).write_text(json.dumps(data), encoding="utf-8"))
    return prov


def _source_digest() -> str:
    h = hashlib.sha256()
    for f in sorted(_PANEL_SOURCE.glob("*.py")):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _key(roots: list[Path], *, as_of: dt.date | None, reading: str | None) -> str | None:
    """The cache key of a panel of the folders' (merged) corpus under ``as_of`` and ``reading``: everything
    the value depends on, the folders' content hashes in order, the engine (with the panel package,
    which the folder digest does not cover), the as-of day and the reading."""
    if cache_dir() is None or not all(p.is_dir() for p in roots):
        return None
    parts = [folder_digest(p) for p in roots] + [_source_digest(), f"as_of={as_of}", f"reading={reading}"]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _compiled_panel(roots: list[Path], obj: Ctx, *, as_of: dt.date | None, reading: str | None) -> PanelSpells:
    """``panel.compile_panel`` of the folders' (merged) corpus under ``as_of`` and ``reading``, cached (``_key``)."""
    base, key = cache_dir(), _key(roots, as_of=as_of, reading=reading)
    if base is None or key is None:
        return compile_panel(obj.corpus().compiled)
    return _cached(base / f"{key[:32]}-panel.npz", lambda: compile_panel(obj.corpus().compiled))


def _cached(path: Path, build: Callable[[], PanelSpells]) -> PanelSpells:
    """The spells stored at ``path``, else ``build()`` stored there (atomically; a failed write is no error)."""
    from ..panel.spells import PanelSpells

    try:
        return PanelSpells.read(path)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        pass
    value = build()
    _atomic(path, value.save)
    return value


def _atomic(path: Path, write: Callable[[str], object]) -> None:
    """``write`` a temporary file beside ``path``, then rename it into place; a failed write is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        write(tmp)
        os.replace(tmp, path)
    except OSError:
        pass
