"""``treatyrules report``: the timeline and obligation map as one self-contained HTML file."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .. import report
from ..dates import parse_date
from ..errors import EmptyReportError
from ..report.cascade import cascade_treaties, parse_attack
from .context import Ctx, write_out
from .lookup import treaty_id

__all__ = ["report_command"]


@click.command("report")
@click.option(
    "--party",
    "parties",
    multiple=True,
    help="Treaties of this party (code, alias or name; repeatable). Its node is the map's centre.",
)
@click.option(
    "--treaty", "treaty_ids", multiple=True, help="This treaty (id, alias, atopid or words of its title; repeatable)."
)
@click.option("--all", "all_treaties", is_flag=True, help="Every treaty in the rules.")
@click.option(
    "--from",
    "from_",
    default=None,
    metavar="DATE",
    help="First day shown: YYYY, YYYY-MM or YYYY-MM-DD (default: the earliest signature's year).",
)
@click.option(
    "--to",
    "to",
    default=None,
    metavar="DATE",
    help="Last day shown, inclusive: YYYY, YYYY-MM or YYYY-MM-DD"
    " (default: the end of the year after the knowledge date).",
)
@click.option(
    "--date",
    "date_",
    default=None,
    metavar="YYYY-MM-DD",
    help="Day the obligation map opens on (default: the knowledge date, within the window).",
)
@click.option(
    "--cascade",
    "cascades",
    multiple=True,
    metavar="ATTACKER:ATTACKED",
    help="Add a cascade view of this attack on the opening day, under every --defence-is-attack rule (repeatable; "
    "the page picks the attack and the rule). Without --party, --treaty or --all: the treaties its chains run through.",
)
@click.option("--title", default=None, help="Page heading (default: 'Treaties of PARTY').")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The HTML file to write ('-' for standard output).",
)
@click.pass_obj
def report_command(
    obj: Ctx,
    parties: tuple[str, ...],
    treaty_ids: tuple[str, ...],
    all_treaties: bool,
    from_: str | None,
    to: str | None,
    date_: str | None,
    cascades: tuple[str, ...],
    title: str | None,
    out: Path,
) -> None:
    """Write an HTML report: a timeline of the treaties and an obligation map with a date slider.

    The file needs no network access: its script, styles and data are inlined.
    """
    corpus = obj.corpus()
    named = [treaty_id(corpus, t) for t in treaty_ids]
    day = parse_date(date_) if date_ is not None else None
    attacks = [parse_attack(a) for a in cascades]
    if attacks and not (parties or named or all_treaties):
        on = day or corpus.knowledge_date or dt.date.today()
        named = cascade_treaties(corpus, on, attacks)
        if not named:
            raise EmptyReportError(f"no treaty draws a state into the cascade of {', '.join(cascades)} on {on}")
        title = title or "Cascade: " + "; ".join(f"{a} attacks {b}" for a, b in attacks)
    asked = report.select(corpus, parties, named, all_treaties=all_treaties)
    win = report.window(corpus, asked, from_, to)
    ids = report.within(corpus, asked, win)  # none signed by the window's end: a usage error
    page = report.render(corpus, asked, win, day=day, parties=parties, title=title, cascades=attacks)
    if str(out) == "-":
        sys.stdout.write(page)
        return
    write_out(out, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    n, last = len(ids), (win.end - dt.timedelta(days=1)).isoformat()
    left = [t for t in asked if t not in ids]
    note = f" ({len(left)} left out, signed after {last}: {', '.join(left)})" if left else ""
    click.echo(f"wrote {out}: {n} treat{'y' if n == 1 else 'ies'}, {win.start.isoformat()} to {last}{note}", err=True)
