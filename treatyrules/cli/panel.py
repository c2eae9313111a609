"""``treatyrules panel``: obligations as ATOP-style panels (directed dyad-years, dyad-years, state-years, spells)."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path

import click

from ..cache import cache_dir, cached, folder_digest
from ..errors import UsageError
from ..loader import shipped_rules
from ..panel import UNITS, YEAR_RULES, Compiled, compile_panel, panel_from
from .context import Ctx

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
    compiled = _compiled_panel(roots, obj, as_of=obj.as_of, reading=obj.reading)
    table = panel_from(compiled, unit, y0, y1, list(kinds) or None, year_rule, cow_only)
    if fmt == "parquet":
        if out is None:
            raise UsageError("--format parquet needs --out FILE")
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise UsageError("--format parquet needs pyarrow: pip install 'treatyrules[arrow]'") from None
        pq.write_table(table.to_arrow(), out)
        return
    text = table.to_csv() if fmt == "csv" else table.to_json()
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


def _compiled_panel(roots: list[Path], obj: Ctx, *, as_of: dt.date | None, reading: str | None) -> Compiled:
    """``panel.compile_panel`` of the folders' (merged) corpus under ``as_of`` and ``reading``, cached by
    everything the value depends on: the folders' content hashes in order, the engine, the as-of day and
    the reading."""
    key = None
    if cache_dir() is not None and all(p.is_dir() for p in roots):
        parts = [folder_digest(p) for p in roots] + [f"as_of={as_of}", f"reading={reading}"]
        key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
    return cached(key, "panel", lambda: compile_panel(obj.corpus().compiled))
