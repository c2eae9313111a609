"""Commands that list what the rules hold: ``treaties``, ``states`` (the system on a day) and ``regions``."""

from __future__ import annotations

from collections.abc import Callable

import click

from .. import output
from ..regions import Region
from .context import FORMATS, Ctx, query_date
from .provenance import provenance

__all__ = ["regions", "states", "treaties"]


def _on_a_day(what: str) -> Callable[[Callable[..., None]], click.Command]:
    """A listing command with ``--date`` (the day ``what`` is for) and ``--format``."""

    def wrap(f: Callable[..., None]) -> click.Command:
        f = click.pass_obj(f)
        f = click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)(f)
        f = click.option("--date", "date_", default="today", show_default=True, help=f"The day {what}.")(f)
        return click.command()(f)

    return wrap


@_on_a_day("of the status shown")
def treaties(obj: Ctx, date_: str, fmt: str) -> None:
    """Every treaty of the rules: id, title, aliases, ATOP atopid and its status on the date."""
    day = query_date(date_)
    corpus = obj.corpus()
    rows = [(t, corpus.status_code(t.id, day)) for t in corpus.treaties.values()]
    prov = provenance(corpus, day, [t.id for t, _ in rows])
    if fmt == "json":
        items = [
            {"id": t.id, "title": t.title, "aliases": list(t.aliases), "atopid": t.atopid, "status": st}
            for t, st in rows
        ]
        click.echo(output.dumps_json({"date": day.isoformat(), **prov.to_json(), "treaties": items}), nl=False)
        return
    if fmt == "csv":
        body = [[day.isoformat(), t.id, t.atopid, st, t.title, "; ".join(t.aliases)] for t, st in rows]
        click.echo(output.render_csv(["date", "id", "atopid", "status", "title", "aliases"], body), nl=False)
        return
    head = f"{len(rows)} treat{'y' if len(rows) == 1 else 'ies'}, status on {day.isoformat()}\n" + prov.lines()
    table = [
        ([t.id, st, t.atopid], t.title + (f" (also: {'; '.join(t.aliases)})" if t.aliases else "")) for t, st in rows
    ]
    click.echo(head + output.render_table(["ID", "STATUS", "ATOPID"], [20, 11], table), nl=False)


@_on_a_day("of the system (YYYY-MM-DD or 'today')")
def states(obj: Ctx, date_: str, fmt: str) -> None:
    """The members of the interstate system on a date (COW), in ccode order: code, ccode, COW letters, name."""
    day = query_date(date_)
    reg = obj.corpus().registry
    rows = [(s.code, reg.ccode(s.code, day), reg.letters(s.code, day), s.name) for s in reg.system_on(day)]
    if fmt == "json":
        items = [{"code": c, "ccode": cc, "letters": lt, "name": n} for c, cc, lt, n in rows]
        click.echo(output.dumps_json({"date": day.isoformat(), "count": len(rows), "states": items}), nl=False)
        return
    if fmt == "csv":
        click.echo(
            output.render_csv(["date", "code", "ccode", "letters", "name"], [[day.isoformat(), *r] for r in rows]),
            nl=False,
        )
        return
    head = f"{len(rows)} state{'s' if len(rows) != 1 else ''} in the interstate system on {day.isoformat()}\n"
    table = output.render_table(["CODE", "CCODE", "COW", "NAME"], [5, 5, 4], [(list(r), None) for r in rows])
    click.echo(head + table, nl=False)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def regions(obj: Ctx, fmt: str) -> None:
    """The named regions that location conditions use (regions.yaml): name, treaties, description."""
    items = list(obj.corpus().regions.values())
    if fmt == "json":
        click.echo(output.dumps_json({"regions": [_region_json(r) for r in items]}), nl=False)
        return
    rows = [
        ([r.name, " ".join(r.treaties) or "-"], f"{r.description} ({_members(r)})")
        for r in sorted(items, key=lambda r: r.name)
    ]
    head = f"{len(items)} region{'s' if len(items) != 1 else ''} (scenario --location NAME)\n"
    click.echo(head + output.render_table(["NAME", "TREATIES"], [24], rows), nl=False)


def _members(r: Region) -> str:
    partial = sum(1 for m in r.members if m.partial)
    part = f", {partial} in part" if partial else ""
    return f"{len(r.members)} states listed{part}, {len(r.excluded)} excluded"


def _region_json(r: Region) -> dict[str, object]:
    return {
        "name": r.name,
        "description": r.description,
        "treaties": list(r.treaties),
        "members": [m.model_dump(mode="json", exclude_none=True, exclude_defaults=True) for m in r.members],
        "excluded": list(r.excluded),
        "text": r.text,
        "source": r.source,
    }
