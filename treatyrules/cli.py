"""The ``treatyrules`` command line.

Exit codes: 0 answered (also when nothing is in force); 1 invalid rules (every problem listed as
``file:line:col: message``); 2 usage error (one line naming the bad value and the closest valid
ones); 3 internal error (a short message; ``--debug`` shows the traceback). Queries never write.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from . import output
from .corpus import Corpus, StatusAnswer, load, validate_folder
from .dates import parse_date, parse_partial
from .errors import RulesError, TreatyRulesError, UsageError

__all__ = ["main"]

FORMATS = click.Choice(["table", "json", "csv"])


class Ctx:
    """Options shared by every command: rules folder, reading, as-of day."""

    def __init__(self, rules: Path | None, debug: bool, reading: str | None = None,
                 as_of: dt.date | None = None) -> None:
        self.rules = rules
        self.debug = debug
        self.reading = reading
        self.as_of = as_of
        self._base: Corpus | None = None
        self._corpus: Corpus | None = None

    def base(self) -> Corpus:
        """The corpus as the rules read (the text, every known event)."""
        if self._base is None:
            self._base = load(self.rules)
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
    """``today`` or an ISO day."""
    if text.strip().lower() == "today":
        return dt.date.today()
    return parse_date(text)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--rules", type=click.Path(path_type=Path), default=None,
              help="Rules folder (default: the shipped corpus).")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.option("--reading", default=None, metavar="NAME",
              help="Evaluate under a declared alternative reading (see 'readings'); default: the text.")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD",
              help="Evaluate as if only the events known by this day had happened.")
@click.version_option(package_name="treatyrules")
@click.pass_context
def cli(ctx: click.Context, rules: Path | None, debug: bool, reading: str | None, as_of: str | None) -> None:
    """Is this treaty in force on this date, and why? Derived from the treaties' own clauses."""
    ctx.obj = Ctx(rules, debug, reading if reading not in (None, "text") else None,
                  query_date(as_of) if as_of is not None else None)


@cli.command()
@click.option("--date", "date_", default="today", show_default=True,
              help="YYYY-MM-DD or 'today'; a year or month (1996, 1996-09) asks about the whole period.")
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
    t = text.strip().lower()
    return t != "today" and not parse_partial(t).exact


def render_status(day: dt.date, answers: list[StatusAnswer], fmt: str) -> str:
    if fmt == "json":
        return output.dumps_json({"date": day.isoformat(), "treaties": [a.to_json() for a in answers]})
    if fmt == "csv":
        return output.render_csv(
            ["date", "id", "status", "reason", "since", "until", "parties", "summary", "possible", "assumption"],
            [[day.isoformat(), a.id, a.status, a.reason, a.since, a.until, " ".join(a.parties), a.summary,
              " ".join(a.possible), a.assumption] for a in answers],
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
        rows.append(([a.id, a.status, a.since, a.until, "-".join(a.parties)], note))
    return head + output.render_table(["ID", "STATUS", "SINCE", "UNTIL", "PARTIES"], [20, 11, 10, 10], rows)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def validate(obj: Ctx, fmt: str) -> None:
    """Check the rules folder: every error and warning, with file:line:col. Exit 1 on errors."""
    problems = validate_folder(obj.rules)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity != "error"]
    if fmt == "json":
        click.echo(output.dumps_json({"errors": len(errors), "warnings": len(warnings),
                                      "problems": [p.to_json() for p in problems]}), nl=False)
    else:
        for p in problems:
            click.echo(str(p))
        click.echo(f"{len(errors)} error{'s' if len(errors) != 1 else ''}, "
                   f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}")
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
    except click.ClickException as exc:  # click's own usage errors
        click.echo(f"treatyrules: error: {exc.format_message()}", err=True)
        return exc.exit_code
    except UsageError as exc:
        click.echo(f"treatyrules: error: {exc}", err=True)
        return 2
    except RulesError as exc:
        for p in exc.problems:
            click.echo(str(p), err=True)
        n = len(exc.errors)
        click.echo(f"treatyrules: the rules are invalid ({n} error{'s' if n != 1 else ''}); fix them and rerun", err=True)
        return 1
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    except BrokenPipeError:
        return 0
    except (TreatyRulesError, Exception) as exc:
        if debug:
            raise
        click.echo(f"treatyrules: internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)", err=True)
        return 3


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
