"""What every command shares: the rules, reading and as-of day of a run (the global options), how
dates are read, and how output files are written.

The global options (``--rules``, ``--reading``, ``--as-of``, ``--debug``) are declared once, in
``global_options``; the command group adds them to itself and to every subcommand, so they may
come before or after the command's name (``treatyrules status --as-of 1996-06-01``). Each sets the
run's ``Ctx``; given twice with different values, an option is a usage error.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..dates import MIN_DAY, parse_date, parse_partial, period_words
from ..errors import DateFormatError, DateKindError, OutputPathError, UsageError
from ..statustable import StatusTable, cached_table

if TYPE_CHECKING:
    from ..corpus import Corpus

__all__ = [
    "FORMATS",
    "Ctx",
    "global_options",
    "is_period",
    "one_line",
    "query_date",
    "write_out",
]

FORMATS = click.Choice(["table", "json", "csv"])


class Ctx:
    """Options shared by every command: rules folders, reading, as-of day, debug."""

    def __init__(
        self,
        rules: Path | tuple[Path, ...] | None = None,
        debug: bool = False,
        reading: str | None = None,
        as_of: dt.date | None = None,
    ) -> None:
        #: every ``--rules`` folder, in order (several are merged; the first wins overlaps)
        self.rules_all: tuple[Path, ...] = rules if isinstance(rules, tuple) else (rules,) if rules else ()
        self.debug = debug
        self.reading = reading
        self.as_of = as_of
        self._base: Corpus | None = None
        self._corpus: Corpus | None = None

    @property
    def rules(self) -> Path | None:
        """The first ``--rules`` folder (``None``: the shipped corpus)."""
        return self.rules_all[0] if self.rules_all else None

    def add_rules(self, folders: tuple[Path, ...]) -> None:
        """More ``--rules`` folders, after those already given (before or after the command)."""
        self.rules_all += tuple(f for f in folders if f not in self.rules_all)

    def set_reading(self, name: str) -> None:
        self.reading = _once("--reading", self.reading, None if name == "text" else name)

    def set_as_of(self, text: str) -> None:
        self.as_of = _once("--as-of", self.as_of, query_date(text))

    def base(self) -> Corpus:
        """The corpus as the rules read (the text, every known event)."""
        from ..corpus import load  # the engine: only when a command needs it (a warm ``status`` does not)

        if self._base is None:
            self._base = load(list(self.rules_all)) if len(self.rules_all) > 1 else load(self.rules)
        return self._base

    def corpus(self) -> Corpus:
        """The corpus under the run's ``--reading`` and ``--as-of``."""
        if self.reading is None and self.as_of is None:
            return self.base()
        if self._corpus is None:
            self._corpus = self.base().with_options(reading=self.reading, as_of=self.as_of)
        return self._corpus

    def status_table(self) -> StatusTable | None:
        """Every treaty's status pieces under the run's options (``treatyrules.statustable``), from the
        cache when the rules are unchanged; ``None`` without a cache."""
        return cached_table(self.rules_all, self.reading, self.as_of, lambda: self.corpus().compiled)


def _once(flag: str, old: Any, new: Any) -> Any:
    """``new``, unless the option was already given another value (before or after the command)."""
    if old is not None and new != old:
        raise UsageError(f"{flag} given twice ({old} and {new}); give it once, before or after the command")
    return new


def _on_rules(ctx: click.Context, _: click.Parameter, value: tuple[Path, ...]) -> None:
    if value:
        ctx.ensure_object(Ctx).add_rules(value)


def _on_reading(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(Ctx).set_reading(value)


def _on_as_of(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(Ctx).set_as_of(value)


def _on_debug(ctx: click.Context, _: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(Ctx).debug = True


def global_options(*, rules: bool = True) -> list[click.Option]:
    """The global options, new objects each call (``rules=False``: only ``--debug``, for commands
    that read no rules folder)."""
    debug = click.Option(
        ["--debug"], is_flag=True, expose_value=False, callback=_on_debug, help="Show tracebacks for internal errors."
    )
    if not rules:
        return [debug]
    return [
        click.Option(
            ["--rules"],
            type=click.Path(path_type=Path, exists=True, file_okay=False),
            multiple=True,
            expose_value=False,
            callback=_on_rules,
            help="Rules folder (default: the shipped corpus); repeat to mix folders, the first wins overlaps.",
        ),
        click.Option(
            ["--reading"],
            default=None,
            metavar="NAME",
            expose_value=False,
            callback=_on_reading,
            help="Evaluate under a declared alternative reading (see 'readings'); default: the text.",
        ),
        click.Option(
            ["--as-of", "as_of"],
            default=None,
            metavar="YYYY-MM-DD",
            expose_value=False,
            callback=_on_as_of,
            help="Evaluate as if only the events known by this day had happened.",
        ),
        debug,
    ]


# ------------------------------------------------------------ dates


def query_date(text: str) -> dt.date:
    """``today`` or an ISO day; a bad one names the closest valid days, a period says it is one.

    >>> query_date("1995-02-30")
    Traceback (most recent call last):
    ...
    treatyrules.errors.UsageError: '1995-02-30' is not a valid date: day is out of range for month
    (expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 1961-09-10, 1995-09 or 1995, or a range such as
    1995-08/1995-09 or ../1995); did you mean 1995-02-28?
    >>> query_date("1979")
    Traceback (most recent call last):
    ...
    treatyrules.errors.DateKindError: '1979' is a year (1979-01-01 to 1979-12-31), and this question
    needs one day: give a day such as 1979-01-01
    """
    if text.strip().lower() == "today":
        return dt.date.today()
    if is_period(text):
        p = parse_partial(text.strip())
        day = p.latest if p.earliest == MIN_DAY else p.earliest
        raise DateKindError(text, f"{period_words(p)}, and this question needs one day: give a day such as {day}")
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


def is_period(text: str) -> bool:
    """A year, month or range (``1996``, ``1996-09``, ``1995/1996``) rather than one day."""
    t = text.strip().lower()
    try:
        return t != "today" and not parse_partial(t).exact
    except DateFormatError:
        return False  # query_date reports it, with the closest valid days


def one_line(text: str, limit: int = 400) -> str:
    """Whitespace collapsed to single spaces, cut at ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


# ------------------------------------------------------------ output files


def write_out(path: Path, write: Callable[[Path], object]) -> None:
    """Write a file whole or not at all: ``write`` fills a temporary file in the target's folder,
    which then replaces the target. A path that cannot be written is an ``OutputPathError``
    (exit 2) naming it, and leaves no partial file behind."""
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise OutputPathError(path, _why(exc)) from None
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputPathError(path, _why(exc)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _why(exc: OSError) -> str:
    return f"{exc.strerror or exc}; give --out a file in an existing folder you can write to"


def _mode_for(path: Path) -> int:
    """The permissions the written file gets: the replaced file's, else those ``open`` would give."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
