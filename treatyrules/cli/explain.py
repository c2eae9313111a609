"""Commands ``explain``, ``timeline`` and ``readings``.

All honour the global ``--reading`` and ``--as-of`` options.
"""

from __future__ import annotations

import datetime as dt

import click

from .. import output
from ..dates import MIN_DAY
from ..explain import explain as explain_answer
from .context import FORMATS, Ctx, query_date

__all__ = ["explain", "readings", "timeline"]


@click.command()
@click.argument("treaty_id")
@click.option("--date", "date_", default="today", show_default=True, help="YYYY-MM-DD or 'today'.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def explain(obj: Ctx, treaty_id: str, date_: str, fmt: str) -> None:
    """The full derivation of a treaty's status on a date: articles, events, sources, disputed
    dates and what every declared reading says."""
    ex = explain_answer(obj.corpus(), treaty_id, query_date(date_))
    click.echo(output.dumps_json(ex.to_json()) if fmt == "json" else ex.to_text(), nl=False)


@click.command()
@click.argument("treaty_id")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_obj
def timeline(obj: Ctx, treaty_id: str, fmt: str) -> None:
    """Every status interval [start, end) of a treaty, with its reason and last day."""
    corpus = obj.corpus()
    tid = corpus.resolve(treaty_id)
    rows = []
    for seg in corpus.timeline(tid):
        start = seg.start if seg.start != MIN_DAY else None
        last = seg.end - dt.timedelta(days=1) if seg.end else None
        rows.append((seg, start, last))
    if fmt == "json":
        click.echo(
            output.dumps_json(
                {
                    "id": tid,
                    "title": corpus.treaty(tid).title,
                    "reading": corpus.reading_for(tid) or "text",
                    "as_of": corpus.as_of.isoformat() if corpus.as_of else None,
                    "knowledge_date": corpus.knowledge_date.isoformat() if corpus.knowledge_date else None,
                    "intervals": [
                        {
                            "status": seg.status,
                            "start": start.isoformat() if start else None,
                            "end": seg.end.isoformat() if seg.end else None,
                            "last_day": last.isoformat() if last else None,
                            "reason": seg.reason,
                            "summary": seg.summary,
                            "possible": list(seg.possible),
                            "basis": [b.to_json() for b in seg.basis],
                        }
                        for seg, start, last in rows
                    ],
                }
            ),
            nl=False,
        )
        return
    if fmt == "csv":
        click.echo(
            output.render_csv(
                ["id", "status", "start", "end", "last_day", "reason", "possible", "summary"],
                [
                    [tid, seg.status, start, seg.end, last, seg.reason, " ".join(seg.possible), seg.summary]
                    for seg, start, last in rows
                ],
            ),
            nl=False,
        )
        return
    head = f"Timeline of {tid} (intervals [start, end); '-' = open)\n"
    if corpus.knowledge_date:
        head += output.wrap_note(f"Knowledge date {corpus.knowledge_date}: later intervals assume no later events.")
    click.echo(
        head
        + output.render_table(
            ["STATUS", "START", "END", "LAST DAY", "REASON"],
            [11, 10, 10, 10],
            [([seg.status, start, seg.end, last, seg.reason], seg.summary) for seg, start, last in rows],
        ),
        nl=False,
    )


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
