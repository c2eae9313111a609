"""``treatyrules validate``: every error and warning of the rules, located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .. import output
from ..corpus import validate_folder
from ..overlap import overlap_json, overlap_lines
from .context import Ctx

__all__ = ["validate"]


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def validate(obj: Ctx, fmt: str) -> None:
    """Check the rules folders (--rules, default: the shipped corpus): every error and warning, with
    file:line:col, and what mixing several folders leaves out. Exit 1 on errors."""
    folders: tuple[Path | None, ...] = obj.rules_all or (None,)
    problems = [p for f in folders for p in validate_folder(f)]
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    overlaps = obj.base().overlaps if len(folders) > 1 and not errors else []
    if fmt == "json":
        doc: dict[str, Any] = {
            "errors": len(errors),
            "warnings": len(warnings),
            "problems": [p.to_json() for p in problems],
        }
        if len(folders) > 1:
            doc["overlaps"] = [overlap_json(o) for o in overlaps]
        click.echo(output.dumps_json(doc), nl=False)
    else:
        for p in problems:
            click.echo(str(p))
        for o in overlaps:  # each with what it changes, in directed dyad-year cells
            click.echo("overlap: " + "\n".join(overlap_lines(o)))
        click.echo(
            f"{len(errors)} error{'s' if len(errors) != 1 else ''}, "
            f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
        )
    if errors:
        raise SystemExit(1)
