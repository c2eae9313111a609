"""Command ``cascade``: who the treaties draw in, round by round, when one state attacks another."""

from __future__ import annotations

import json
import textwrap
from typing import Any

import click

from .. import output
from ..cascade import RULES, CascadeAnswer, Entry, Link, Round
from .context import FORMATS, Ctx, query_date
from .provenance import Provenance, provenance

__all__ = ["cascade_command", "render_cascade", "treaties"]

_VERDICT = {"bound": "bound", "not_bound": "not bound", "bound_if_judged": "bound if judged"}
_RULE_WORDS = {
    "no": "is no armed attack on the state it is used against",
    "judged": "is an armed attack on the state it is used against only if judged so",
    "yes": "counts as an armed attack on the state it is used against",
}
#: the conditions whose failure is the rule's (scenario's armed-attack premise holds, it never fails)
_RULE_CONDITIONS = ("armed_attack", "attack")


@click.command("cascade")
@click.option("--date", "date_", default="today", show_default=True, help="YYYY-MM-DD or 'today'.")
@click.option("--attacker", required=True, help="The attacking state (code, alias or name).")
@click.option("--attacked", required=True, help="The state attacked (code, alias or name).")
@click.option(
    "--location", default=None, help="Where the first attack happens: a region of regions.yaml or a state code."
)
@click.option(
    "--defence-is-attack",
    "rule",
    type=click.Choice(RULES),
    default="no",
    show_default=True,
    help="Does force in the war after the first attack (self-defence, and the other side's force against "
    "those who defend) count as an armed attack on the state it is used against? no, judged or yes.",
)
@click.option("--max-rounds", type=click.IntRange(min=1), default=None, help="Stop after this many rounds.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_obj
def cascade_command(
    obj: Ctx,
    date_: str,
    attacker: str,
    attacked: str,
    location: str | None,
    rule: str,
    max_rounds: int | None,
    fmt: str,
) -> None:
    """If one state attacked another on a date: who their treaties draw in, on which side, through which articles."""
    day = query_date(date_)
    corpus = obj.corpus()
    answer = corpus.cascade(
        day, attacker=attacker, attacked=attacked, location=location, max_rounds=max_rounds, defence_is_attack=rule
    )
    click.echo(render_cascade(answer, fmt, provenance(corpus, day, treaties(answer))), nl=False)


def treaties(ans: CascadeAnswer) -> list[str]:
    """The treaties of every link of the answer, in the order they first appear."""
    return list(dict.fromkeys(link.treaty for e in ans.entries for link in e.via))


def render_cascade(ans: CascadeAnswer, fmt: str, prov: Provenance) -> str:
    """The answer as a table per round (``table``), JSON (the public shape with the provenance keys
    ``reading``, ``as_of``, ``knowledge_date`` and ``assumption``) or CSV (one row per entry)."""
    if fmt == "json":
        doc = ans.to_json()
        doc.pop("assumption", None)
        rounds, conflicts = doc.pop("rounds"), doc.pop("conflicts")
        return output.dumps_json({**doc, **prov.to_json(), "rounds": rounds, "conflicts": conflicts})
    if fmt == "csv":
        return _csv(ans)
    parts = [_head(ans, prov), *(_round(ans, r) for r in ans.rounds), _conflicts(ans)]
    return "\n".join(p for p in parts if p)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _csv(ans: CascadeAnswer) -> str:
    header = ["date", "attacker", "attacked", "defence_is_attack", "round", "state", "side", "verdict"]
    header += ["treaty", "article", "kind", "beneficiary", "against", "conflict", "needs_judgement", "fails", "via"]
    rows = []
    for r in ans.rounds:
        for e in r.entries:
            link = e.link
            rows.append(
                [
                    *(ans.date.isoformat(), ans.attacker, ans.attacked, ans.defence_is_attack, r.number, e.state),
                    *(e.side, e.verdict, link.treaty, link.article, link.kind, link.beneficiary, link.against),
                    *(e.conflict, _compact(e.needs_judgement()), _compact(e.fails())),
                    _compact([_step(x) for x in e.via]),
                ]
            )
    return output.render_csv(header, rows)


def _step(link: Link) -> dict[str, Any]:
    return {k: v for k, v in link.to_json().items() if k not in ("checks", "verdict")}


def _head(ans: CascadeAnswer, prov: Provenance) -> str:
    drawn = ans.drawn_in()
    sides = {s: len({st for st, sd in drawn if sd == s}) for s in ("attacked", "attacker")}
    at = ""
    if ans.location:
        at = f" in region {ans.location}" if ans.location_kind == "region" else f" on the territory of {ans.location}"
    n, c = len(ans.rounds), len(ans.conflicts)
    text = (
        f"If {ans.attacker} attacks {ans.attacked}{at} on {ans.date.isoformat()}: "
        f"{_states(len({st for st, _ in drawn}))} drawn in ({sides['attacked']} with {ans.attacked}, "
        f"{sides['attacker']} with {ans.attacker}) over {n} round{'s' if n != 1 else ''}; "
        f"{c} conflict{'s' if c != 1 else ''} of obligations"
    )
    rule = (
        f"Rule (--defence-is-attack {ans.defence_is_attack}): force in the war after the first attack "
        f"(self-defence, and the other side's force against those who defend) {_RULE_WORDS[ans.defence_is_attack]}."
    )
    out = output.wrap_note(text) + output.wrap_note(rule)
    if not ans.complete:
        stop = f"Stopped after {ans.max_rounds} rounds (--max-rounds): a further round would change the answer."
        out += output.wrap_note(stop)
    return out + prov.lines()


def _states(n: int) -> str:
    return f"{n} state{'s' if n != 1 else ''}"


def _round(ans: CascadeAnswer, r: Round) -> str:
    drawn = sum(1 for e in r.entries if e.drawn_in)
    counts = [f"{drawn} drawn in"] if drawn else []
    if len(r.entries) > drawn:
        counts.append(f"{len(r.entries) - drawn} not bound")
    head = f"Round {r.number}: {', '.join(counts) or 'no entry'}\n"
    side = {"attacked": f"with {ans.attacked}", "attacker": f"with {ans.attacker}"}
    rows = [([e.state, side[e.side], _VERDICT[e.verdict], e.link.treaty, e.link.article], _note(e)) for e in r.entries]
    return head + output.render_table(["STATE", "SIDE", "VERDICT", "TREATY", "ARTICLE"], [7, 11, 15, 19], rows)


def _note(e: Entry) -> str:
    """What the table says under an entry: for whom against whom, what it rests on, what to judge or what fails."""
    link = e.link
    act = "joins" if link.kind == "offence" else "for"
    words = [f"{act} {link.beneficiary} against {link.against}"]
    earlier = [f"{x.treaty} {x.article}: {x.obligor} for {x.beneficiary} (round {x.round})" for x in e.via[:-1]]
    if earlier:
        words.append("after " + "; ".join(earlier))
    judge = list(dict.fromkeys(c["condition"] for c in e.needs_judgement()))
    if judge and e.drawn_in:
        words.append("to judge: " + ", ".join(judge))
    fails = [c for c in link.checks if c.value == "fails"]
    if fails:
        words.append(
            "fails: "
            + "; ".join(
                f"{c.condition} (the rule)" if c.condition in _RULE_CONDITIONS else f"{c.condition} - {c.why}"
                for c in fails
            )
        )
    if e.earlier is not None:
        words.append(f"firmer than its round-{e.earlier[0]} entry ({_VERDICT[e.earlier[1]]})")
    if e.conflict:
        words.append("CONFLICT: drawn in on both sides")
    return "; ".join(words)


def _conflicts(ans: CascadeAnswer) -> str:
    if not ans.conflicts:
        return "Conflicts of obligations: none\n"
    lines = [f"Conflicts of obligations: {len(ans.conflicts)}"]
    for c in ans.conflicts:
        text = f"{c.state}: {_side(ans, c.attacked, 'attacked')}; {_side(ans, c.attacker, 'attacker')}"
        lines.extend(textwrap.wrap(text, width=80, subsequent_indent="  "))
    return "\n".join(lines) + "\n"


def _side(ans: CascadeAnswer, e: Entry | None, side: str) -> str:
    if e is None:
        return "the attacked state" if side == "attacked" else "the attacker"
    with_ = ans.attacked if side == "attacked" else ans.attacker
    link = e.link
    return f"with {with_} {_VERDICT[e.verdict]} (round {e.round}, {link.treaty} {link.article} for {link.beneficiary})"
