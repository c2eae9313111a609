"""``treatyrules status``: each treaty's status on a day, or over a period (``--date 1996``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from .. import output
from ..dates import parse_partial
from ..queries import status as _status
from ..queries.status import PeriodAnswer, StatusAnswer
from .context import FORMATS, Ctx, is_period, query_date
from .provenance import Provenance, provenance, provenance_of

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = ["render_period", "render_status", "status"]


@click.command()
@click.option(
    "--date",
    "date_",
    default="today",
    show_default=True,
    help="YYYY-MM-DD or 'today'; a year or month (1996, 1996-09) asks about the whole period.",
)
@click.option(
    "--treaty",
    "treaty_ids",
    multiple=True,
    help="Only this treaty (id, alias, atopid or words of its title; repeatable).",
)
@click.option(
    "--party",
    default=None,
    help="Only treaties with this party (code, ccode, name; read as on the date); with --treaty, its membership.",
)
@click.option("--in-force", is_flag=True, help="Only treaties in force on the date.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_obj
def status(obj: Ctx, date_: str, treaty_ids: tuple[str, ...], party: str | None, in_force: bool, fmt: str) -> None:
    """The status of each treaty on a date: since when, until when, and why."""
    if is_period(date_):
        status_over_period(obj.corpus(), date_, treaty_ids, party, in_force, fmt)
        return
    day = query_date(date_)
    table = None if treaty_ids or party else obj.status_table()
    if table is not None:  # every treaty, no party: the status table (from the cache when warm)
        answers = table.statuses(day, in_force=in_force)
        prov = provenance_of(table.knowledge, day, [a.id for a in answers])
    else:
        answers, prov = _answers(obj.corpus(), day, treaty_ids, party, in_force)
    click.echo(render_status(day, answers, fmt, prov), nl=False)


def _answers(
    corpus: Corpus, day: dt.date, treaty_ids: tuple[str, ...], party: str | None, in_force: bool
) -> tuple[list[StatusAnswer], Provenance]:
    """The answers of ``status`` asked of the corpus (some treaties, a party, or no cache)."""
    from .lookup import treaty_id

    if treaty_ids:
        ids = dict.fromkeys(treaty_id(corpus, t) for t in treaty_ids)
        answers = [_status.status(corpus.compiled, t, day, party=party) for t in ids]
        if in_force:
            answers = [a for a in answers if _status.listed(a.status, in_force=True, signed_only=False)]
    else:
        answers = corpus.statuses(day, party=party, in_force=in_force)
    return answers, provenance(corpus, day, [a.id for a in answers])


def render_status(day: dt.date, answers: list[StatusAnswer], fmt: str, prov: Provenance) -> str:
    if fmt == "json":
        return output.dumps_json(
            {"date": day.isoformat(), **prov.to_json(), "treaties": [a.to_json() for a in answers]}
        )
    if fmt == "csv":
        return output.render_csv(
            [
                "date",
                "id",
                "status",
                "reason",
                "since",
                "until",
                "parties",
                "summary",
                "possible",
                "assumption",
                "reading",
            ],
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
                    a.reading or "text",
                ]
                for a in answers
            ],
        )
    head = f"Status on {day.isoformat()}: {len(answers)} treat{'y' if len(answers) == 1 else 'ies'}\n"
    once = _shared_note(answers, prov)
    head += prov.lines(note=once)
    rows = []
    for a in answers:
        note = f"Under the reading '{a.reading}': {a.summary}" if a.reading else a.summary
        if a.assumption and not once:
            note += f" ({a.assumption})"
        ms = a.extra.get("membership")
        if ms:
            note += f". Membership of {ms['party']}: {ms['status']}{_interval(ms['since'], ms['until'])}."
        parties = "-".join(a.parties)
        if len(parties) > 24:  # a multilateral treaty: count its parties to keep 80 columns
            parties = f"{len(a.parties)} parties"
        rows.append(([a.id, a.status, a.since, a.until, parties], note))
    return head + output.render_table(["ID", "STATUS", "SINCE", "UNTIL", "PARTIES"], [20, 11, 10, 10], rows)


def _period_csv(raw: str, answers: list[PeriodAnswer]) -> str:
    """One row per status part of each treaty's period answer."""
    lines: list[list[object]] = []
    for a in answers:
        for i, part in enumerate(a.parts):
            to = a.parts[i + 1].date if i + 1 < len(a.parts) else a.end
            last = to - dt.timedelta(days=1)
            what = [part.status, part.date, to, last, part.reason, " ".join(part.possible), part.summary]
            lines.append([raw, a.id, a.held["in_force"], *what])
    return output.render_csv(
        ["period", "id", "in_force_held", "status", "from", "to", "last_day", "reason", "possible", "summary"],
        lines,
    )


def _interval(since: str | None, until: str | None) -> str:
    """`` (since A, until B)``, either side left out when open; empty when both are.

    >>> _interval(None, "2009-04-01"), _interval("1968-09-13", None), _interval(None, None)
    (' (until 2009-04-01)', ' (since 1968-09-13)', '')
    """
    parts = [f"since {since}"] * bool(since) + [f"until {until}"] * bool(until)
    return f" ({', '.join(parts)})" if parts else ""


def _shared_note(answers: list[StatusAnswer] | list[PeriodAnswer], prov: Provenance) -> bool:
    """Whether the answer's note is said once, in the head: every row assumes the same (an empty
    answer: the corpus' assumption); otherwise each row that assumes something says so."""
    shared = {a.assumption for a in answers}
    return not answers or shared == {prov.assumption}


def status_over_period(
    corpus: Corpus, text: str, treaty_ids: tuple[str, ...], party: str | None, in_force: bool, fmt: str
) -> None:
    """``status --date 1996``: per treaty, whether each status held all, part or none of the period."""
    from .lookup import treaty_id

    period = parse_partial(text)
    if treaty_ids:
        answers = [corpus.status_over(t, period) for t in dict.fromkeys(treaty_id(corpus, t) for t in treaty_ids)]
        if in_force:
            answers = [a for a in answers if a.held["in_force"] != "none"]
    else:
        answers = corpus.statuses_over(period, party=party, in_force=in_force)
    prov = provenance(corpus, period.latest, [a.id for a in answers])
    click.echo(render_period(period.raw, answers, fmt, prov), nl=False)


def render_period(raw: str, answers: list[PeriodAnswer], fmt: str, prov: Provenance) -> str:
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
                **prov.to_json(),
                "treaties": [a.to_json() for a in answers],
            }
        )
    if fmt == "csv":
        return _period_csv(raw, answers)
    head = (
        f"Status over {raw} ({p.earliest} to {p.latest}, {(end - p.earliest).days} days): "
        f"{len(answers)} treat{'y' if len(answers) == 1 else 'ies'}\n"
    )
    once = _shared_note(answers, prov)
    head += prov.lines(note=once)
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
        if a.assumption and not once:
            note += f" ({a.assumption})"
        rows.append(([a.id, a.held["in_force"]], note))
    return head + output.render_table(["ID", "IN FORCE"], [20], rows)
