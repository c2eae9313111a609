"""``treatyrules panel``: obligations as ATOP-style panels (directed dyad-years, dyad-years, state-years, spells).

The compiled spells (``panel.compile_panel``) are cached as data (``.npz``, read without pickle)
in the user's cache folder, keyed by the rules folders' content, the engine, the as-of day and the
reading; a panel is filled from them on every run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..cache import cache_dir, folder_digest
from ..errors import UsageError
from ..loader import shipped_rules
from ..panel import UNITS, UNIVERSES, YEAR_RULES, Panel, as_year, compile_panel, panel_from
from .context import Ctx

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
    extras = {"with_treaties": with_treaties, "with_flags": with_flags, "with_censoring": with_censoring}
    table = panel_from(compiled, unit, y0, y1, list(kinds) or None, year_rule, cow_only, universe=universe, **extras)
    if days and out is not None:
        n = table.write_days(out, engine)
        click.echo(f"{n:,} day rows in {out} (Parquet, partitioned by year)", err=True)
        return
    _write(table, fmt, orient, out)


def _write(table: Panel, fmt: str, orient: str, out: Path | None) -> None:
    if fmt == "parquet":
        if out is None:
            raise UsageError("--format parquet needs --out FILE")
        table.to_parquet(out)
        return
    text = table.to_csv() if fmt == "csv" else table.to_json(orient)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


def _source_digest() -> str:
    h = hashlib.sha256()
    for f in sorted(_PANEL_SOURCE.glob("*.py")):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _compiled_panel(roots: list[Path], obj: Ctx, *, as_of: dt.date | None, reading: str | None) -> PanelSpells:
    """``panel.compile_panel`` of the folders' (merged) corpus under ``as_of`` and ``reading``, cached by
    everything the value depends on: the folders' content hashes in order, the engine (with the panel
    package, which the folder digest does not cover), the as-of day and the reading."""
    base = cache_dir()
    if base is None or not all(p.is_dir() for p in roots):
        return compile_panel(obj.corpus().compiled)
    parts = [folder_digest(p) for p in roots] + [_source_digest(), f"as_of={as_of}", f"reading={reading}"]
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    return _cached(base / f"{key[:32]}-panel.npz", lambda: compile_panel(obj.corpus().compiled))


def _cached(path: Path, build: Callable[[], PanelSpells]) -> PanelSpells:
    """The spells stored at ``path``, else ``build()`` stored there (atomically; a failed write is no error)."""
    from ..panel.spells import PanelSpells

    try:
        return PanelSpells.read(path)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(fd)
        value.save(tmp)
        os.replace(tmp, path)
    except OSError:
        pass
    return value
