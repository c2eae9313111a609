"""What a panel is asked for: the unit, the years, the kinds, the rules and the extra columns, checked once.

Nothing here needs numpy, so ``import treatyrules`` stays light.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..atopcoding import CONDITION_FLAGS
from ..dates import parse_partial
from ..errors import DateFormatError, UsageError

__all__ = [
    "FLAGS",
    "KINDS",
    "KIND_COLUMNS",
    "UNITS",
    "UNIVERSES",
    "YEAR_RULES",
    "Options",
    "as_year",
    "flag_columns",
    "options",
]

#: Our obligation kinds -> ATOP's column names.
KIND_COLUMNS: dict[str, str] = {
    "defence": "defense",
    "offence": "offense",
    "neutrality": "neutral",
    "non_aggression": "nonagg",
    "consultation": "consul",
}
KINDS = tuple(KIND_COLUMNS.values())
UNITS = ("directed-dyad-year", "dyad-year", "state-year", "directed-dyad-day")
YEAR_RULES = ("any-day", "all-days")
UNIVERSES = ("obligations", "system")

#: ATOP's member-level condition flags per kind column (the one home: ``atopcoding.CONDITION_FLAGS``)
FLAGS: dict[str, tuple[str, ...]] = CONDITION_FLAGS
#: ATOP's summary flag per kind: 1 when the kind's pledge is conditional.
SUMMARY = {"defense": "defcon", "offense": "offcon", "neutral": "neucon", "consul": "concon"}


def flag_columns(kinds: Iterable[str]) -> tuple[str, ...]:
    """The flag columns for these kind columns, in ATOP's order: each kind's summary, then its details; ``olimob``.

    >>> flag_columns(["defense", "nonagg"])
    ('defcon', 'defcoadv', 'defcoloc', 'defcocon', 'defconum', 'defcodem', 'defconpr', 'olimob')
    """
    out: list[str] = []
    for k in kinds:
        if k in SUMMARY:
            out += [SUMMARY[k], *FLAGS[k]]
    return (*out, "olimob")


@dataclass(frozen=True)
class Options:
    """A checked panel request (see ``treatyrules.panel.panel``)."""

    unit: str = "directed-dyad-year"
    start: int = 1815
    end: int = 2018
    kinds: tuple[str, ...] = KINDS
    year_rule: str = "any-day"
    cow_only: bool = False
    universe: str = "obligations"
    with_treaties: bool = False
    with_flags: bool = False
    with_censoring: bool = False

    @property
    def any_day(self) -> bool:
        return self.year_rule == "any-day"

    @property
    def days(self) -> bool:
        """Whether the unit is day spells rather than years."""
        return self.unit == "directed-dyad-day"


def options(
    unit: str = "directed-dyad-year",
    start: Any = 1815,
    end: Any = 2018,
    kinds: Iterable[str] | None = None,
    year_rule: str = "any-day",
    cow_only: bool = False,
    universe: str | None = None,
    with_treaties: bool = False,
    with_flags: bool = False,
    with_censoring: bool = False,
) -> Options:
    """Check a request; every mistake is a ``UsageError`` that says what to give instead."""
    if unit not in UNITS:
        raise UsageError(f"unknown panel unit {unit!r}; use one of {', '.join(UNITS)}")
    if year_rule not in YEAR_RULES:
        raise UsageError(f"unknown year rule {year_rule!r}; use any-day or all-days")
    universe = universe or "obligations"
    if universe not in UNIVERSES:
        raise UsageError(f"unknown universe {universe!r}; use system (every dyad of system members) or obligations")
    y0, y1 = as_year(start, "start"), as_year(end, "end")
    if y0 > y1:
        raise UsageError(f"the first year {y0} is after the last year {y1}; give start <= end")
    if with_censoring and unit != "directed-dyad-day":
        raise UsageError("censoring columns are for day spells; use unit directed-dyad-day")
    return Options(
        unit, y0, y1, _kinds(kinds), year_rule, cow_only, universe, with_treaties, with_flags, with_censoring
    )


def _kinds(kinds: Iterable[str] | None) -> tuple[str, ...]:
    if kinds is None:
        return KINDS
    if isinstance(kinds, str):
        kinds = [kinds]
    out = []
    for k in kinds:
        col = KIND_COLUMNS.get(k, k)
        if col not in KINDS:
            raise UsageError(f"unknown obligation kind {k!r}; use {', '.join(KINDS)} (or {', '.join(KIND_COLUMNS)})")
        out.append(col)
    return tuple(c for c in KINDS if c in out) or KINDS


def as_year(value: Any, name: str = "year") -> int:
    """A year from what analysts hold: ``1990``, ``"1990"``, a date, datetime, ``pandas.Timestamp``,
    ``numpy.datetime64`` or an ISO date within one year (``"1990-06"``, ``"1990-06-01"``); between 1 and 9998.

    >>> as_year("1990"), as_year(dt.date(1991, 5, 1)), as_year(" 1815 ")
    (1990, 1991, 1815)
    >>> as_year("199X")
    Traceback (most recent call last):
    ...
    treatyrules.errors.DateFormatError: ...
    """
    if isinstance(value, bool):
        raise DateFormatError(str(value), "give a year such as 1990")
    if isinstance(value, int) or (hasattr(value, "__index__") and not isinstance(value, str)):
        year = int(value)
    elif isinstance(value, dt.date):  # datetime and pandas.Timestamp too
        year = value.year
    elif type(value).__name__ == "datetime64":
        year = int(str(value.astype("datetime64[Y]")))
    elif isinstance(value, str):
        year = _year_of_text(value.strip())
    else:
        raise DateFormatError(repr(value), "give a year such as 1990 (an int, a string, a date or a Timestamp)")
    if not 1 <= year <= 9998:
        raise UsageError(f"{name} year {year} is out of range; give a year between 1 and 9998")
    return year


def _year_of_text(text: str) -> int:
    if text.isdigit():
        return int(text)
    try:
        p = parse_partial(text)
    except DateFormatError:
        raise DateFormatError(text, "give a year such as 1990, or a day within one year") from None
    if p.earliest.year != p.latest.year:
        raise DateFormatError(text, "give one year, such as 1990 (this text spans several)")
    return p.earliest.year
