"""Commands ``obligations`` and ``scenario``: who owes whom, and who is bound when a state is attacked."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from dataclasses import dataclass
from typing import Any

import click

from .. import output
from ..queries.obligations import ObligationAnswer, conditions_words
from ..regions import Regions
from ..scenario import ConditionCheck, ScenarioAnswer
from .context import FORMATS, Ctx, query_date
from .lookup import KIND, state, treaty_id
from .provenance import Provenance, provenance

__all__ = ["Group", "groups", "render_obligations", "render_scenario", "verdict_counts"]

_VERDICT = {"bound": "bound", "not_bound": "not bound", "bound_if_judged": "bound if judged"}
_VALUE = {"holds": "holds", "fails": "fails", "needs_judgement": "needs judgement"}


@click.command()
@click.option("--date", "date_", default="today", show_default=True, help="YYYY-MM-DD or 'today'.")
@click.option("--kind", type=KIND, default=None, help="Only this kind of obligation (defense, nonagg... too).")
@click.option("--party", default=None, help="Only obligations owed by or to this state (code, ccode or name).")
@click.option("--obligor", default=None, help="Only obligations owed by this state (code, ccode or name).")
@click.option("--beneficiary", default=None, help="Only obligations owed to this state.")
@click.option("--treaty", default=None, help="Only this treaty (id, alias, atopid or words of its title).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_obj
def obligations(
    obj: Ctx,
    date_: str,
    kind: str | None,
    party: str | None,
    obligor: str | None,
    beneficiary: str | None,
    treaty: str | None,
    fmt: str,
) -> None:
    """Who owes whom what on a date: directed obligations with their article, conditions and basis.

    States are read as on the date (ccode 365 is the USSR in 1985, Russia in 1995).
    """
    day = query_date(date_)
    corpus = obj.corpus()
    ob, be, pa = (state(corpus, s, day) if s else None for s in (obligor, beneficiary, party))
    tid = treaty_id(corpus, treaty) if treaty else None
    answers: list[ObligationAnswer] = corpus.obligations(day, kind=kind, obligor=ob, beneficiary=be, treaty=tid)
    if pa is not None:
        line = corpus.registry.lineage(pa)
        answers = [a for a in answers if a.obligor in line or a.beneficiary in line]
    prov = provenance(corpus, day, [a.treaty for a in answers])
    click.echo(render_obligations(day, answers, fmt, corpus.regions, prov), nl=False)


def render_obligations(
    day: dt.date, answers: list[ObligationAnswer], fmt: str, regions: Regions, prov: Provenance
) -> str:
    if fmt == "json":
        return output.dumps_json(
            {"date": day.isoformat(), **prov.to_json(), "obligations": [a.to_json() for a in answers]}
        )
    if fmt == "csv":
        return output.render_csv(
            ["date", "treaty", "article", "kind", "obligor", "beneficiary", "certain", "conditions", "assumption"],
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
                    prov.assumption_of(a.treaty),
                ]
                for a in answers
            ],
        )
    n = len(answers)
    head = f"Obligations on {day.isoformat()}: {n} obligation{'s' if n != 1 else ''}\n"
    head += prov.lines(note=prov.shared)
    rows = []
    for a in answers:
        note = conditions_words(a.declared, regions) if a.declared is not None else ""
        if not a.certain:
            note += " (uncertain: the day falls where the sources leave the dates open)"
        if not prov.shared and prov.assumption_of(a.treaty):
            note += f" ({prov.assumption_of(a.treaty)})"
        rows.append(([a.treaty, a.article, a.kind, a.obligor, a.beneficiary], note))
    return head + output.render_table(["TREATY", "ARTICLE", "KIND", "OBLIGOR", "BENEFICIARY"], [20, 7, 14, 7], rows)


@click.command()
@click.option("--date", "date_", default="today", show_default=True, help="YYYY-MM-DD or 'today'.")
@click.option("--attacked", required=True, help="The state attacked (code, alias or name).")
@click.option("--attacker", default=None, help="The attacking state, if known.")
@click.option("--location", default=None, help="Where the attack happens: a region of regions.yaml or a state code.")
@click.option("--detail", is_flag=True, help="One block per obligor instead of identical obligations grouped.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_obj
def scenario(
    obj: Ctx, date_: str, attacked: str, attacker: str | None, location: str | None, detail: bool, fmt: str
) -> None:
    """If a state were attacked on a date: who is bound to defend it, and which conditions need judging.

    The answer opens with the verdict counts; obligations that differ only in their obligor are
    shown once, with their obligors (--detail: one block per obligor).
    """
    day = query_date(date_)
    corpus = obj.corpus()
    answer = corpus.scenario(day, attacked, attacker, location)
    prov = provenance(corpus, day, [o.obligation.treaty for o in answer.obligations])
    click.echo(render_scenario(answer, fmt, prov, detail=detail), nl=False)


#: the verdicts in the order the counts are given
VERDICTS = ("bound", "bound_if_judged", "not_bound")


@dataclass(frozen=True)
class Group:
    """Obligations of one treaty and article with the same verdict and the same checks, one per obligor."""

    treaty: str
    article: str
    verdict: str
    checks: tuple[ConditionCheck, ...]
    obligors: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "treaty": self.treaty,
            "article": self.article,
            "verdict": self.verdict,
            "obligors": list(self.obligors),
            "checks": [c.to_json() for c in self.checks],
        }


def groups(ans: ScenarioAnswer) -> list[Group]:
    """The answer's obligations grouped: same treaty, article, verdict and checks (in answer order)."""
    found: dict[tuple[Any, ...], list[str]] = {}
    for o in ans.obligations:
        key = (o.obligation.treaty, o.obligation.article, o.verdict, o.checks)
        found.setdefault(key, []).append(o.obligation.obligor)
    return [Group(t, a, v, checks, tuple(obligors)) for (t, a, v, checks), obligors in found.items()]


def verdict_counts(ans: ScenarioAnswer) -> dict[str, int]:
    """How many obligations have each verdict (every verdict, zeros included)."""
    return {v: sum(1 for o in ans.obligations if o.verdict == v) for v in VERDICTS}


def render_scenario(ans: ScenarioAnswer, fmt: str, prov: Provenance, *, detail: bool = False) -> str:
    if fmt == "json":
        doc = ans.to_json()
        obligations = doc.pop("obligations")
        return output.dumps_json(
            {
                **doc,
                **prov.to_json(),
                "verdicts": verdict_counts(ans),
                "groups": [g.to_json() for g in groups(ans)],
                "obligations": obligations,
            }
        )
    if fmt == "csv":
        return _scenario_csv(ans)
    lines = _scenario_head(ans, prov)
    return "\n".join(lines + (_detail(ans) if detail else _grouped(ans))) + "\n"


def _scenario_csv(ans: ScenarioAnswer) -> str:
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


def _scenario_head(ans: ScenarioAnswer, prov: Provenance) -> list[str]:
    """The question, the verdict counts and the provenance."""
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
    lines.append("Verdicts: " + ", ".join(f"{k} {_VERDICT[v]}" for v, k in verdict_counts(ans).items()) + ".")
    return lines + prov.lines().splitlines()


def _checks_lines(checks: tuple[ConditionCheck, ...]) -> list[str]:
    out: list[str] = []
    for c in checks:
        out += textwrap.wrap(
            f"{c.condition}: {_VALUE[c.value]} - {c.why}", width=78, initial_indent="  ", subsequent_indent="    "
        )
    return out


def _grouped(ans: ScenarioAnswer) -> list[str]:
    """One block per group: who, under which article, the verdict and each condition's value; the whys."""
    lines: list[str] = []
    for g in groups(ans):
        n = len(g.obligors)
        who = g.obligors[0] if n == 1 else f"{n} parties to {g.treaty}"
        where = f"{g.treaty}, Art. {g.article}" if n == 1 else f"Art. {g.article}"
        values = "; ".join(dict.fromkeys(f"{c.condition} {_VALUE[c.value]}" for c in g.checks))
        lines.append("")
        lines += textwrap.wrap(
            f"{who} ({where}): {_VERDICT[g.verdict]}" + (f" - {values}" if values else ""),
            width=80,
            subsequent_indent="    ",
        )
        if n > 1:
            lines += textwrap.wrap(" ".join(g.obligors), width=78, initial_indent="  ", subsequent_indent="  ")
        lines += _checks_lines(g.checks)
    return lines


def _detail(ans: ScenarioAnswer) -> list[str]:
    """The obligor table, each row followed by its checks."""
    table = output.render_table(
        ["OBLIGOR", "TREATY", "ARTICLE", "VERDICT"],
        [7, 20, 7],
        [
            ([o.obligation.obligor, o.obligation.treaty, o.obligation.article, _VERDICT[o.verdict]], None)
            for o in ans.obligations
        ],
    )
    header, *rows = table.rstrip("\n").split("\n")
    lines = [header]
    for row, o in zip(rows, ans.obligations, strict=True):
        lines.append(row)
        lines += _checks_lines(o.checks)
    return lines
