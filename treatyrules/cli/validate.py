"""``treatyrules validate``: every error and warning of the rules, located."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .. import output
from ..corpus import Corpus, load
from ..errors import Problem, RulesError
from ..overlap import overlap_json, overlap_lines
from ..regions import region_problems
from ..validate import cross_checks, relative
from .context import Ctx

__all__ = ["validate"]


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def validate(obj: Ctx, fmt: str) -> None:
    """Check the rules folders (--rules, default: the shipped corpus): every error and warning, with
    file:line:col, and what mixing several folders leaves out. Exit 1 on errors."""
    folders: tuple[Path | None, ...] = obj.rules_all or (None,)
    checked = [_checked(f) for f in folders]
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
    if errors:
        raise SystemExit(1)


def _checked(path: Path | None) -> tuple[list[Problem], Corpus | None]:
    """Every problem of one folder (``corpus.validate_folder``'s), and its corpus when it has no errors:
    read once (through the cache: positions are re-read from the files that need them), compiled once,
    and reused for the merge."""
    try:
        corpus = load(path)
    except RulesError as exc:
        return exc.problems, None
    folder, registry = corpus.compiled.folder, corpus.compiled.registry
    if folder is None:  # pragma: no cover - load always keeps its folder
        return corpus.problems(), corpus
    found = folder.problems + cross_checks(folder, registry) + region_problems(folder, registry) + corpus.problems()
    return relative(found, Path.cwd()), corpus


def _merged(corpora: list[Corpus | None]) -> Corpus:
    """The folders' corpora merged in order, the first winning overlaps (as ``load`` of the list does)."""
    out = corpora[0]
    assert out is not None
    for c in corpora[1:]:
        assert c is not None
        out = out.merge(c)
    return out
