"""``treatyrules import-atop``: the ATOP dataset into a rules folder."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import InputDataError

__all__: list[str] = []


@click.command("import-atop")
@click.argument("data_dir", type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Rules folder to write (treaties/ATOP-<atopid>.yaml, corpus.yaml); built aside, then renamed in.",
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
    from ..atop import import_atop

    if not data_dir.is_dir():
        raise InputDataError(data_dir, "not a folder; pass the folder that holds atop5_1m.csv and atop5_1a.csv")
    imp = import_atop(data_dir, out_dir, directed=directed, replace=replace)
    click.echo(
        f"wrote {len(imp.treaties)} alliances ({imp.rows} member rows) in registry codes "
        f"to {out_dir} (knowledge date {imp.knowledge_date})"
    )
    for left in imp.left_out:
        click.echo(f"left out: {left}")
    if imp.outside:
        n = len(imp.outside)
        click.echo(f"{n} member rows use a ccode on a day no registry state held it: each read as the nearest holder")
