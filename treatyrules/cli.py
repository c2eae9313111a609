"""The ``treatyrules`` command line.

Exit codes: 0 answered (also when nothing is in force); 1 invalid rules (every problem listed as
``file:line:col: message``); 2 usage error (one line naming the bad value and the closest valid
ones); 3 internal error (a short message; ``--debug`` shows the traceback). Queries never write.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import click

from . import output
from .corpus import Corpus, StatusAnswer, load, validate_folder
from .dates import parse_date, parse_partial
from .errors import DateFormatError, RulesError, TreatyRulesError, UsageError

__all__ = ["main"]

FORMATS = click.Choice(["table", "json", "csv"])


class Ctx:
    """Options shared by every command: rules folder, reading, as-of day."""

    def __init__(
        self,
        rules: Path | tuple[Path, ...] | None,
        debug: bool,
        reading: str | None = None,
        as_of: dt.date | None = None,
    ) -> None:
        #: every ``--rules`` folder, in order (several are merged; the first wins overlaps)
        self.rules_all: tuple[Path, ...] = rules if isinstance(rules, tuple) else (rules,) if rules else ()
        self.rules = self.rules_all[0] if self.rules_all else None
        self.debug = debug
        self.reading = reading
        self.as_of = as_of
        self._base: Corpus | None = None
        self._corpus: Corpus | None = None

    def base(self) -> Corpus:
        """The corpus as the rules read (the text, every known event)."""
        if self._base is None:
            self._base = load(list(self.rules_all)) if len(self.rules_all) > 1 else load(self.rules)
        return self._base

    def corpus(self, **options: Any) -> Corpus:
        """The corpus under the global ``--reading`` and ``--as-of`` (keyword options override them)."""
        opts: dict[str, Any] = {"reading": self.reading, "as_of": self.as_of}
        opts.update({k: v for k, v in options.items() if v is not None})
        opts = {k: v for k, v in opts.items() if v is not None}
        if not opts:
            return self.base()
        if options:
            return self.base().with_options(**opts)
        if self._corpus is None:
            self._corpus = self.base().with_options(**opts)
        return self._corpus


def query_date(text: str) -> dt.date:
    """``today`` or an ISO day; a bad one names the closest valid days.

    >>> query_date("1995-02-30")
    Traceback (most recent call last):
    ...
    treatyrules.errors.UsageError: '1995-02-30' is not a valid date: day is out of range for month
    (expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1961-09-10, 1995-09 or 1995, or a range such as
    1995-08/1995-09 or ../1995); did you mean 1995-02-28?
    """
    if text.strip().lower() == "today":
        return dt.date.today()
    try:
        return parse_date(text)
    except DateFormatError as exc:
        near = _nearby_days(text.strip())
        if not near or all(n in str(exc) for n in near):
            raise
        raise UsageError(f"{exc}; did you mean {' or '.join(near)}?") from None


def _nearby_days(text: str) -> list[str]:
    """Valid days close to a malformed one: the month's last day, or a partial date's first day."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    if m is None:
        return []
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    if not 1 <= year <= 9999:
        return []
    if m[2] is None or m[3] is None:  # a year or a month: a day is needed
        month = min(max(month, 1), 12)
        return [dt.date(year, month, 1).isoformat()]
    month = min(max(month, 1), 12)
    last = calendar.monthrange(year, month)[1]
    return [dt.date(year, month, min(max(day, 1), last)).isoformat()]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--rules",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    multiple=True,
    help="Rules folder (default: the shipped corpus); repeat to mix folders, the first wins overlaps.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.option(
    "--reading",
    default=None,
    metavar="NAME",
    help="Evaluate under a declared alternative reading (see 'readings'); default: the text.",
)
@click.option(
    "--as-of",
    "as_of",
    default=None,
    metavar="YYYY-MM-DD",
    help="Evaluate as if only the events known by this day had happened.",
)
@click.version_option(package_name="treatyrules")
@click.pass_context
def cli(ctx: click.Context, rules: tuple[Path, ...], debug: bool, reading: str | None, as_of: str | None) -> None:
    """Is this treaty in force on this date, and why? Derived from the treaties' own clauses."""
    ctx.obj = Ctx(
        rules,
        debug,
        reading if reading not in (None, "text") else None,
        query_date(as_of) if as_of is not None else None,
    )


@cli.command()
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
    if _is_period(date_):
        from .cli_explain import status_over_period

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


def _is_period(text: str) -> bool:
    """A year, month or range (``1996``, ``1996-09``, ``1995/1996``) rather than one day."""
    t = text.strip().lower()
    try:
        return t != "today" and not parse_partial(t).exact
    except DateFormatError:
        return False  # query_date reports it, with the closest valid days


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


@cli.command()
@click.option(
    "--rules",
    "rules",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    default=None,
    help="Rules folder to check (default: the group's --rules, else the shipped corpus).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def validate(obj: Ctx, rules: Path | None, fmt: str) -> None:
    """Check the rules folder: every error and warning, with file:line:col. Exit 1 on errors."""
    folders = (rules,) if rules is not None else obj.rules_all or (None,)
    problems = [p for f in folders for p in validate_folder(f)]
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    overlaps = obj.base().overlaps if len(folders) > 1 and not errors else []
    if fmt == "json":
        doc: dict[str, Any] = {
            "errors": len(errors),
            "warnings": len(warnings),
            "problems": [p.to_json() for p in problems],
        }
        if len(folders) > 1:
            doc["overlaps"] = [{"atopid": o.atopid, "kept": o.kept, "dropped": o.dropped} for o in overlaps]
        click.echo(output.dumps_json(doc), nl=False)
    else:
        for p in problems:
            click.echo(str(p))
        for o in overlaps:
            click.echo(f"overlap: {o}")
        click.echo(
            f"{len(errors)} error{'s' if len(errors) != 1 else ''}, "
            f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}"
        )
    if errors:
        raise SystemExit(1)


# Commands of other concepts live in their own modules (``treatyrules/cli_<concept>.py``), each
# decorating functions with ``@cli.command()``; they register themselves when imported here.
_COMMAND_MODULES = ("cli_obligations", "cli_explain", "cli_atop", "cli_report")


def _register_commands() -> None:
    import importlib
    import importlib.util

    for name in _COMMAND_MODULES:
        if importlib.util.find_spec(f"{__package__}.{name}") is not None:
            importlib.import_module(f"{__package__}.{name}")


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and turn every failure into a one-line message and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        _register_commands()
        cli.main(args=args, prog_name="treatyrules", standalone_mode=False)
        return 0
    except click.exceptions.Abort:
        click.echo("treatyrules: aborted", err=True)
        return 1
    except click.exceptions.NoArgsIsHelpError:
        click.echo("treatyrules: error: a command is needed; see 'treatyrules --help'", err=True)
        return 2
    except click.ClickException as exc:  # click's own usage errors: one line, no 'Usage:' block
        click.echo(f"treatyrules: error: {_one_line(exc.format_message())}", err=True)
        return exc.exit_code
    except UsageError as exc:
        click.echo(f"treatyrules: error: {_one_line(str(exc))}", err=True)
        return 2
    except RulesError as exc:
        for p in exc.problems:
            click.echo(str(p), err=True)
        n = len(exc.errors)
        click.echo(
            f"treatyrules: the rules are invalid ({n} error{'s' if n != 1 else ''}); fix them and rerun", err=True
        )
        return 1
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    except BrokenPipeError:
        return 0
    except (TreatyRulesError, Exception) as exc:
        if debug:
            raise
        what = _one_line(f"{type(exc).__name__}: {exc}", 160)
        click.echo(f"treatyrules: internal error: {what} (a bug; rerun with --debug for the traceback)", err=True)
        return 3


def _one_line(text: str, limit: int = 400) -> str:
    """Whitespace collapsed to single spaces, cut at ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
