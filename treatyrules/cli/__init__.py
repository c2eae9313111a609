"""The ``treatyrules`` command line.

Exit codes: 0 answered (also when nothing is in force); 1 invalid rules (every problem listed as
``file:line:col: message``); 2 usage error (one line naming the bad value and the closest valid
ones); 3 internal error (a short message; ``--debug`` shows the traceback). Queries never write.

Each command lives in its own module, named in ``COMMANDS`` and imported only when it runs, so
``treatyrules status`` loads none of the panel, report or ATOP code.
"""

from __future__ import annotations

import importlib
import sys

import click

from ..errors import RulesError, TreatyRulesError, UsageError
from .context import Ctx, global_options, one_line

__all__ = ["COMMANDS", "cli", "main"]

#: command name -> "module:function" in this package (one command per line)
COMMANDS = {
    "status": "status:status",
    "explain": "explain:explain",
    "timeline": "explain:timeline",
    "readings": "explain:readings",
    "regions": "listing:regions",
    "states": "listing:states",
    "treaties": "listing:treaties",
    "obligations": "obligations:obligations",
    "scenario": "obligations:scenario",
    "cascade": "cascade:cascade_command",
    "report": "report:report_command",
    "panel": "panel:panel",
    "import-atop": "atop:import_atop_cmd",
    "validate": "validate:validate",
}

#: commands that read no rules folder: of the global options they take only ``--debug``
NO_RULES = frozenset({"import-atop"})


class _Commands(click.Group):
    """The subcommands of ``COMMANDS``, each imported when it is asked for, each given the global
    options (``context.global_options``) so that these work before or after the command's name."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None:
            return None
        module, name = spec.split(":")
        command: click.Command = getattr(importlib.import_module(f"{__package__}.{module}"), name)
        have = {p.name for p in command.params}
        command.params.extend(o for o in global_options(rules=cmd_name not in NO_RULES) if o.name not in have)
        return command


@click.group(
    cls=_Commands,
    params=global_options(),
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(package_name="treatyrules")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Is this treaty in force on this date, and why? Derived from the treaties' own clauses.

    The options --rules, --reading, --as-of and --debug may come before or after the command.
    """
    ctx.ensure_object(Ctx)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and turn every failure into a one-line message and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="treatyrules", standalone_mode=False)
        return 0
    except click.exceptions.Abort:
        click.echo("treatyrules: aborted", err=True)
        return 1
    except click.exceptions.NoArgsIsHelpError:
        click.echo("treatyrules: error: a command is needed; see 'treatyrules --help'", err=True)
        return 2
    except click.ClickException as exc:  # click's own usage errors: one line, no 'Usage:' block
        click.echo(f"treatyrules: error: {one_line(exc.format_message())}", err=True)
        return exc.exit_code
    except UsageError as exc:
        click.echo(f"treatyrules: error: {one_line(str(exc))}", err=True)
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
        what = one_line(f"{type(exc).__name__}: {exc}", 160)
        click.echo(f"treatyrules: internal error: {what} (a bug; rerun with --debug for the traceback)", err=True)
        return 3


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
