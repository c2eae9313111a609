"""``treatyrules validate``: every error and warning of the rules, located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .. import output
from ..collector import paused_gc
from ..corpus import Corpus, checked_folder
from ..errors import Problem
from ..folderfiles import shipped_rules
from ..loader import RulesFolder
from ..overlap import overlap_json, overlap_lines
from .context import Ctx

__all__ = ["validate"]


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def validate(obj: Ctx, fmt: str) -> None:
    """Check the rules folders (--rules, default: the shipped corpus): every error and warning, with
    file:line:col, and what mixing several folders leaves out. Exit 1 on errors."""
    with paused_gc():  # reading, deriving and counting allocate much and free little
        failed = _report(obj.rules_all or (None,), fmt)
    if failed:  # the corpora were freed before the collector resumed, so it has little to walk
        raise SystemExit(1)


def _report(folders: tuple[Path | None, ...], fmt: str) -> bool:
    """Print every problem of the folders and the overlaps of their merge; whether there were errors."""
    checked = _checked(folders)
    problems = [p for found, _ in checked for p in found]
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    overlaps = _merged([c for _, c in checked]).overlaps if len(folders) > 1 and not errors else ()
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
    return bool(errors)


def _checked(folders: tuple[Path | None, ...]) -> list[tuple[list[Problem], Corpus | None]]:
    """Each folder's problems, and its corpus when it has no errors (``corpus.checked_folder``: read
    once, through the cache, and compiled once, for the merge too), in the order given. The shipped
    folder, when it is one of them, is checked first: the others without ``states.yaml`` take its states."""
    order = sorted(range(len(folders)), key=lambda i: not _is_shipped(folders[i]))
    shipped: RulesFolder | None = None
    done: dict[int, tuple[list[Problem], Corpus | None]] = {}
    for i in order:
        done[i] = checked_folder(folders[i], shipped=shipped)
        corpus = done[i][1]
        if shipped is None and corpus is not None and _is_shipped(folders[i]):
            shipped = corpus.compiled.folder
    return [done[i] for i in range(len(folders))]


def _is_shipped(folder: Path | None) -> bool:
    try:
        return folder is None or folder.resolve() == shipped_rules().resolve()
    except (OSError, RuntimeError):  # a symlink loop is not the shipped folder
        return False


def _merged(corpora: list[Corpus | None]) -> Corpus:
    """The folders' corpora merged in order, the first winning overlaps (as ``load`` of the list does)."""
    out = corpora[0]
    assert out is not None
    for c in corpora[1:]:
        assert c is not None
        out = out.merge(c)
    return out
