"""``treatyrules import-atop`` and ``treatyrules panel``: ATOP in, panels out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli import Ctx, cli
from .errors import InputDataError, UsageError
from .panel import UNITS, YEAR_RULES

__all__: list[str] = []


@cli.command("import-atop")
@click.argument("data_dir", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Rules folder to write (treaties/ATOP-<atopid>.yaml, states.yaml, corpus.yaml); built aside, then renamed in.",
)
@click.option(
    "--directed",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=None,
    help="ATOP's directed dyad-year file: per-partner obligations of obvary=1 members.",
)
@click.option("--replace", is_flag=True, help="Replace an --out folder that already holds files (whole, never merged).")
def import_atop_cmd(data_dir: Path, out_dir: Path, directed: Path | None, replace: bool) -> None:
    """Import ATOP 5.1 (atop5_1m.csv, atop5_1a.csv, atop5_1aph.csv) into a rules folder."""
    from .atop import import_atop

    if not data_dir.is_dir():
        raise InputDataError(data_dir, "not a folder; pass the folder that holds atop5_1m.csv and atop5_1a.csv")
    imp = import_atop(data_dir, out_dir, directed=directed, replace=replace)
    click.echo(
        f"wrote {len(imp.treaties)} alliances ({imp.rows} member rows) and {len(imp.states)} states "
        f"to {out_dir} (knowledge date {imp.knowledge_date})"
    )


def _year(text: str, flag: str) -> int:
    try:
        y = int(text)
    except ValueError:
        raise UsageError(f"{flag} {text!r} is not a year; give a year such as 1815") from None
    if not 1 <= y <= 9998:
        raise UsageError(f"{flag} {y} is out of range; give a year between 1 and 9998")
    return y


@cli.command()
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
    from .cache import compiled_panel
    from .loader import shipped_rules
    from .panel import panel_from

    roots = list(obj.rules_all) or [shipped_rules()]
    table = panel_from(compiled_panel(roots, obj.corpus), unit, y0, y1, list(kinds) or None, year_rule, cow_only)
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
