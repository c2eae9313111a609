"""Commands ``obligations`` and ``scenario``: who owes whom, and who is bound when a state is attacked."""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import click

from .. import output
from ..queries.obligations import KINDS, ObligationAnswer, conditions_words
from ..regions import Regions
from ..scenario import ScenarioAnswer
from .context import FORMATS, Ctx, query_date

__all__ = ["render_obligations", "render_scenario"]

_VERDICT = {"bound": "bound", "not_bound": "not bound", "bound_if_judged": "bound if judged"}
_VALUE = {"holds": "holds", "fails": "fails", "needs_judgement": "needs judgement"}


@click.command()
@click.option("--date", "date_", default="today", show_default=True, help="YYYY-MM-DD or 'today'.")
@click.option("--kind", type=click.Choice(KINDS), default=None, help="Only this kind of obligation.")
@click.option("--obligor", default=None, help="Only obligations owed by this state (code, alias or name).")
@click.option("--beneficiary", default=None, help="Only obligations owed to this state.")
@click.option("--treaty", default=None, help="Only this treaty (id or alias).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_obj
def obligations(
    obj: Ctx, date_: str, kind: str | None, obligor: str | None, beneficiary: str | None, treaty: str | None, fmt: str
) -> None:
    """Who owes whom what on a date: directed obligations with their article, conditions and basis."""
    day = query_date(date_)
    corpus = obj.corpus()
    answers = corpus.obligations(day, kind=kind, obligor=obligor, beneficiary=beneficiary, treaty=treaty)
    click.echo(render_obligations(day, answers, fmt, corpus.regions), nl=False)


def render_obligations(day: dt.date, answers: list[ObligationAnswer], fmt: str, regions: Regions) -> str:
    if fmt == "json":
        return output.dumps_json({"date": day.isoformat(), "obligations": [a.to_json() for a in answers]})
    if fmt == "csv":
        return output.render_csv(
            ["date", "treaty", "article", "kind", "obligor", "beneficiary", "certain", "conditions"],
            [
                [
                    day.isoformat(),
                    a.treaty,
                    a.article,
                    a.kind,
                    a.obligor,
                    a.beneficiary,
                    a.certain,
                    json.dumps(a.conditions, ensure_ascii=False, separators=(",", ":")),
                ]
                for a in answers
            ],
        )
    n = len(answers)
    head = f"Obligations on {day.isoformat()}: {n} obligation{'s' if n != 1 else ''}\n"
    rows = []
    for a in answers:
        note = conditions_words(a.declared, regions) if a.declared is not None else ""
        if not a.certain:
            note += " (uncertain: the day falls where the sources leave the dates open)"
        rows.append(([a.treaty, a.article, a.kind, a.obligor, a.beneficiary], note))
    return head + output.render_table(["TREATY", "ARTICLE", "KIND", "OBLIGOR", "BENEFICIARY"], [20, 7, 14, 7], rows)


@click.command()
@click.option("--date", "date_", default="today", show_default=True, help="YYYY-MM-DD or 'today'.")
@click.option("--attacked", required=True, help="The state attacked (code, alias or name).")
@click.option("--attacker", default=None, help="The attacking state, if known.")
@click.option("--location", default=None, help="Where the attack happens: a region of regions.yaml or a state code.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_obj
def scenario(obj: Ctx, date_: str, attacked: str, attacker: str | None, location: str | None, fmt: str) -> None:
    """If a state were attacked on a date: who is bound to defend it, and which conditions need judging."""
    day = query_date(date_)
    answer = obj.corpus().scenario(day, attacked, attacker, location)
    click.echo(render_scenario(answer, fmt), nl=False)


def render_scenario(ans: ScenarioAnswer, fmt: str) -> str:
    if fmt == "json":
        return output.dumps_json(ans.to_json())
    if fmt == "csv":
        return output.render_csv(
            [
                "date",
                "attacked",
                "attacker",
                "location",
                "treaty",
                "article",
                "obligor",
                "verdict",
                "condition",
                "value",
                "why",
            ],
            [
                [
                    ans.date.isoformat(),
                    ans.attacked,
                    ans.attacker,
                    ans.location,
                    o.obligation.treaty,
                    o.obligation.article,
                    o.obligation.obligor,
                    o.verdict,
                    c.condition,
                    c.value,
                    c.why,
                ]
                for o in ans.obligations
                for c in o.checks
            ],
        )
    by = f" by {ans.attacker}" if ans.attacker else ""
    at = ""
    if ans.location:
        at = f" in region {ans.location}" if ans.location_kind == "region" else f" on the territory of {ans.location}"
    n = len(ans.obligations)
    lines = textwrap.wrap(
        f"If {ans.attacked} is attacked{by}{at} on {ans.date.isoformat()}: "
        f"{n} defence obligation{'s' if n != 1 else ''} owed to it",
        width=80,
    )
    table = output.render_table(
        ["OBLIGOR", "TREATY", "ARTICLE", "VERDICT"],
        [7, 20, 7],
        [
            ([o.obligation.obligor, o.obligation.treaty, o.obligation.article, _VERDICT[o.verdict]], None)
            for o in ans.obligations
        ],
    )
    header, *rows = table.rstrip("\n").split("\n")
    lines.append(header)
    for row, o in zip(rows, ans.obligations, strict=True):
        lines.append(row)
        for c in o.checks:
            lines.extend(
                textwrap.wrap(
                    f"{c.condition}: {_VALUE[c.value]} - {c.why}",
                    width=78,
                    initial_indent="  ",
                    subsequent_indent="    ",
                )
            )
    return "\n".join(lines) + "\n"
