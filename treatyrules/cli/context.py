"""What every command shares: the rules, reading and as-of day of a run, and how dates are read."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path
from typing import Any

import click

from ..corpus import Corpus, load
from ..dates import parse_date, parse_partial
from ..errors import DateFormatError, UsageError

__all__ = ["FORMATS", "Ctx", "is_period", "one_line", "query_date"]

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
