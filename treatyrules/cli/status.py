"""``treatyrules status``: each treaty's status on a day, or over a period (``--date 1996``)."""

from __future__ import annotations

import datetime as dt

import click

from .. import output
from ..corpus import Corpus, PeriodAnswer, StatusAnswer
from ..dates import parse_partial
from .context import FORMATS, Ctx, is_period, query_date

__all__ = ["render_period", "render_status", "status"]


@click.command()
@click.option(
    "--date",
    "date_",
    default="today",
    show_default=True,
    help="YYYY-MM-DD or 'today'; a year or month (1996, 1996-09) asks about the whole period.",
)
@click.option("--treaty", "treaty_ids", multiple=True, help="Only this treaty (id or alias; repeatable).")
@click.option("--party", default=None, help="Only treaties with this party (code, alias or name).")
@click.option("--in-force", is_flag=True, help="Only treaties in force on the date.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_obj
def status(obj: Ctx, date_: str, treaty_ids: tuple[str, ...], party: str | None, in_force: bool, fmt: str) -> None:
    """The status of each treaty on a date: since when, until when, and why."""
    if is_period(date_):
        status_over_period(obj.corpus(), date_, treaty_ids, party, in_force, fmt)
        return
    day = query_date(date_)
    corpus = obj.corpus()
    if treaty_ids:
        answers = [corpus.status(t, day) for t in dict.fromkeys(corpus.resolve(t) for t in treaty_ids)]
        if in_force:
            answers = [a for a in answers if a.status == "in_force"]
    else:
        answers = corpus.statuses(day, party=party, in_force=in_force)
    click.echo(render_status(day, answers, fmt), nl=False)


def render_status(day: dt.date, answers: list[StatusAnswer], fmt: str) -> str:
    if fmt == "json":
        return output.dumps_json({"date": day.isoformat(), "treaties": [a.to_json() for a in answers]})
    if fmt == "csv":
        return output.render_csv(
            ["date", "id", "status", "reason", "since", "until", "parties", "summary", "possible", "assumption"],
            [
                [
                    day.isoformat(),
                    a.id,
                    a.status,
                    a.reason,
                    a.since,
                    a.until,
                    " ".join(a.parties),
                    a.summary,
                    " ".join(a.possible),
                    a.assumption,
                ]
                for a in answers
            ],
        )
    head = f"Status on {day.isoformat()}: {len(answers)} treat{'y' if len(answers) == 1 else 'ies'}\n"
    shared = {a.assumption for a in answers}
    once = len(shared) == 1 and None not in shared
    if once:
        head += output.wrap_note(f"Note: {answers[0].assumption}.")
    rows = []
    for a in answers:
        note = a.summary
        if a.assumption and not once:
            note += f" ({a.assumption})"
        ms = a.extra.get("membership")
        if ms:
            span = f" (since {ms['since']}" + (f", until {ms['until']}" if ms["until"] else "") + ")"
            note += f". Membership of {ms['party']}: {ms['status']}{span if ms['since'] else ''}."
        parties = "-".join(a.parties)
        if len(parties) > 24:  # a multilateral treaty: count its parties to keep 80 columns
            parties = f"{len(a.parties)} parties"
        rows.append(([a.id, a.status, a.since, a.until, parties], note))
    return head + output.render_table(["ID", "STATUS", "SINCE", "UNTIL", "PARTIES"], [20, 11, 10, 10], rows)


def status_over_period(
    corpus: Corpus, text: str, treaty_ids: tuple[str, ...], party: str | None, in_force: bool, fmt: str
) -> None:
    """``status --date 1996``: per treaty, whether each status held all, part or none of the period."""
    period = parse_partial(text)
    if treaty_ids:
        answers = [corpus.status_over(t, period) for t in dict.fromkeys(corpus.resolve(t) for t in treaty_ids)]
        if in_force:
            answers = [a for a in answers if a.held["in_force"] != "none"]
    else:
        answers = corpus.statuses_over(period, party=party, in_force=in_force)
    click.echo(render_period(period.raw, answers, fmt), nl=False)


def render_period(raw: str, answers: list[PeriodAnswer], fmt: str) -> str:
    """Table, JSON or CSV of period answers (JSON shape documented in docs/uncertainty.md)."""
    p = parse_partial(raw)
    end = p.latest + dt.timedelta(days=1)
    if fmt == "json":
        return output.dumps_json(
            {
                "period": {
                    "text": raw,
                    "start": p.earliest.isoformat(),
                    "end": end.isoformat(),
                    "last_day": p.latest.isoformat(),
                    "days": (end - p.earliest).days,
                },
                "treaties": [a.to_json() for a in answers],
            }
        )
    if fmt == "csv":
        lines: list[list[object]] = []
        for a in answers:
            for i, part in enumerate(a.parts):
                to = a.parts[i + 1].date if i + 1 < len(a.parts) else a.end
                lines.append(
                    [
                        raw,
                        a.id,
                        a.held["in_force"],
                        part.status,
                        part.date,
                        to,
                        to - dt.timedelta(days=1),
                        part.reason,
                        " ".join(part.possible),
                        part.summary,
                    ]
                )
        return output.render_csv(
            ["period", "id", "in_force_held", "status", "from", "to", "last_day", "reason", "possible", "summary"],
            lines,
        )
    head = (
        f"Status over {raw} ({p.earliest} to {p.latest}, {(end - p.earliest).days} days): "
        f"{len(answers)} treat{'y' if len(answers) == 1 else 'ies'}\n"
    )
    shared = {a.assumption for a in answers}
    if len(shared) == 1 and None not in shared:
        head += output.wrap_note(f"Note: {answers[0].assumption}.")
    rows: list[tuple[list[str], str]] = []
    for a in answers:
        spans = []
        for i, part in enumerate(a.parts):
            to = a.parts[i + 1].date if i + 1 < len(a.parts) else a.end
            spans.append(f"{part.status} {part.date} to {to - dt.timedelta(days=1)}")
        held = ", ".join(f"{k} {v}" for k, v in a.held.items() if k != "in_force")
        note = "; ".join(spans) + (f" [{held}]" if held else "")
        if a.change_days:
            note += f"; changes on {', '.join(str(d) for d in a.change_days)}"
        rows.append(([a.id, a.held["in_force"]], note))
    return head + output.render_table(["ID", "IN FORCE"], [20], rows)
