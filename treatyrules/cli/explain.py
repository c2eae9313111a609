"""Commands ``explain``, ``timeline`` (in ``timelines``) and ``readings``.

All honour the global ``--reading`` and ``--as-of`` options.
"""

from __future__ import annotations

import click

from .. import output
from ..explain import explain as explain_answer
from . import lookup
from .context import Ctx, query_date
from .provenance import provenance
from .timelines import timeline

__all__ = ["explain", "readings", "timeline"]


@click.command()
@click.argument("treaty_id")
@click.option("--date", "date_", default="today", show_default=True, help="YYYY-MM-DD or 'today'.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def explain(obj: Ctx, treaty_id: str, date_: str, fmt: str) -> None:
    """The full derivation of a treaty's status on a date: articles, events, sources, disputed
    dates and what every declared reading says."""
    corpus = obj.corpus()
    ex = explain_answer(corpus, lookup.treaty_id(corpus, treaty_id), query_date(date_))
    prov = provenance(corpus, ex.date, [ex.id])
    if fmt == "json":
        doc = ex.to_json()
        head = {k: doc.pop(k) for k in ("id", "title", "date", "reading", "as_of")}
        extra = {"knowledge_date": prov.to_json()["knowledge_date"], "assumption": prov.assumption}
        click.echo(output.dumps_json({**head, **extra, **doc}), nl=False)
        return
    answer_line, _, rest = ex.to_text().partition("\n")  # the first line is the answer itself
    click.echo(f"{answer_line}\n{prov.lines(note=False)}{rest}", nl=False)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def readings(obj: Ctx, fmt: str) -> None:
    """Every declared alternative reading: treaty, name, description, sources."""
    items = obj.base().readings()
    if fmt == "json":
        click.echo(
            output.dumps_json(
                {
                    "readings": [
                        {"treaty": tid, "name": r.name, "description": r.description, "sources": list(r.sources)}
                        for tid, r in items
                    ]
                }
            ),
            nl=False,
        )
        return
    rows = [([tid, r.name], r.description + " Sources: " + "; ".join(r.sources)) for tid, r in items]
    click.echo(
        f"{len(items)} reading{'s' if len(items) != 1 else ''} declared (default: the text)\n"
        + output.render_table(["TREATY", "READING"], [20], rows),
        nl=False,
    )
