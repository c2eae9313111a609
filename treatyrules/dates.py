"""Calendar days, partial dates and durations: the one place where date arithmetic lives.

Rules written once here and nowhere else:

* A status holds on half-open intervals ``[start, end)``; ``end`` is the first day it no longer holds.
* Durations are ISO 8601 (``P10Y``, ``P6M``, ``P1Y6M``, ``P30D``), added with
  ``dateutil.relativedelta``. **Month ends clamp**: adding months or years to a day that does not
  exist in the target month gives that month's last day (2000-02-29 + P1Y = 2001-02-28,
  1999-01-31 + P1M = 1999-02-28).
* The n-th period end is ``anchor + n * term``, computed from the anchor in one addition, never by
  repeated addition (so a 31 January anchor with monthly periods gives 31 March, not 28 March).
* A notice "at least P before" a date ``E`` is in time iff ``notice + P <= E``.
* **The calendar's edges.** Days run from ``MIN_DAY`` (0001-01-01) to ``MAX_DAY`` (9999-12-31).
  ``add`` saturates at both (a period end past 9999-12-31 is 9999-12-31). The day before
  ``MIN_DAY`` does not exist, so the schema refuses an event that would end something on it
  (``schema.Event``; docs/rules-format.md).

Partial and uncertain dates follow a subset of EDTF (levels 0 and 1): ``1995``, ``1995-09``,
``1995-09-07``, unspecified trailing digits (``199X``, ``1995-XX``, ``1995-09-XX``), and the
qualifiers ``?`` (uncertain), ``~`` (approximate) and ``%`` (both). Each parses to a range
``[earliest, latest]``; a qualifier is kept for display and does not widen the range.

Every date field of the rules holds **one day**. Where the sources only bound that day, write the
range it lies in, closed or open: ``1995-08/1995-09`` (EDTF level 1 interval) or
``[1995-08..1995-09]`` (EDTF level 2 "one of"), ``../1995-09`` or ``[..1995-09]`` (on or before the
end of September 1995), ``1995-08/..`` or ``[1995-08..]`` (on or after 1 August 1995). An open end
is ``MIN_DAY`` or ``MAX_DAY``. An *unknown* end (``1995/``) is rejected: EDTF tools fill it with an
arbitrary span (python-edtf adds ten years), which would be picking silently.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .errors import DateFormatError, DateKindError, DateTypeError

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

__all__ = [
    "MAX_DAY",
    "MIN_DAY",
    "DayLike",
    "Duration",
    "PartialDate",
    "add",
    "first_period_end",
    "in_time",
    "parse_date",
    "parse_duration",
    "parse_partial",
    "parse_period",
    "period_end",
    "period_words",
]

MIN_DAY = dt.date(1, 1, 1)
MAX_DAY = dt.date(9999, 12, 31)

_PARTIAL_RX = re.compile(
    r"^(?P<y>[0-9]{4}|[0-9]{3}X|[0-9]{2}XX)"
    r"(?:-(?P<m>[0-9]{2}|XX)(?:-(?P<d>[0-9]{2}|XX))?)?(?P<q>[~?%])?$"
)
_ONE_OF_RX = re.compile(r"^\[(?P<a>[^\]]*?)\.\.(?P<b>[^\]]*)\]$")
_QUALIFIERS = {"~": "approximate", "?": "uncertain", "%": "approximate and uncertain"}
_DURATION_RX = re.compile(r"^P(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<w>\d+)W)?(?:(?P<d>\d+)D)?$")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A day known to lie in ``[earliest, latest]``.

    >>> p = parse_partial("1995")
    >>> p.earliest, p.latest, p.precision
    (datetime.date(1995, 1, 1), datetime.date(1995, 12, 31), 'year')
    >>> parse_partial("1996-02").latest
    datetime.date(1996, 2, 29)
    >>> parse_partial("1961-09-10").exact
    True
    """

    raw: str
    earliest: dt.date
    latest: dt.date
    precision: str  # "day" | "month" | "year" | "decade" | "century" | "range"
    qualifier: str | None = None

    @property
    def exact(self) -> bool:
        """True when the range is a single day (a qualifier is still shown but does not widen it)."""
        return self.earliest == self.latest

    @classmethod
    def of(cls, day: dt.date) -> PartialDate:
        """An exact day."""
        return cls(day.isoformat(), day, day, "day", None)

    @property
    def open(self) -> bool:
        """True when a side of the range is open (``1995/..``, ``../1995``)."""
        return self.earliest == MIN_DAY or self.latest == MAX_DAY

    def __str__(self) -> str:
        return self.raw


@lru_cache(maxsize=65536)
def parse_partial(text: str | int | dt.date) -> PartialDate:
    """Parse an EDTF-subset date into its ``[earliest, latest]`` range.

    >>> parse_partial("199X").latest
    datetime.date(1999, 12, 31)
    >>> parse_partial("1995-09~").qualifier
    'approximate'
    >>> parse_partial("1961-09-31")
    Traceback (most recent call last):
    ...
    treatyrules.errors.DateFormatError: '1961-09-31' is not a valid date: day is out of range for month ...
    """
    if isinstance(text, dt.date):
        return PartialDate.of(parse_date(text))
    raw = str(text).strip()
    if "/" in raw or raw.startswith("["):
        return _parse_range(raw)
    return _parse_single(raw)


def _parse_single(raw: str) -> PartialDate:
    m = _PARTIAL_RX.match(raw)
    if m is None:
        raise DateFormatError(raw)
    y, mo, d, q = m["y"], m["m"], m["d"], m["q"]
    qual = _QUALIFIERS.get(q) if q else None
    try:
        if "X" in y:
            if (mo is not None and mo != "XX") or (d is not None and d != "XX"):
                raise DateFormatError(raw, "a month or day cannot follow an unspecified year digit")
            lo_y, hi_y = int(y.replace("X", "0")), int(y.replace("X", "9"))
            prec = "decade" if y.count("X") == 1 else "century"
            return PartialDate(raw, dt.date(max(lo_y, 1), 1, 1), dt.date(hi_y, 12, 31), prec, qual)
        year = int(y)
        if mo is None or mo == "XX":
            if d is not None and d != "XX":
                raise DateFormatError(raw, "a day cannot follow an unspecified month")
            return PartialDate(raw, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", qual)
        month = int(mo)
        if d is None or d == "XX":
            last = calendar.monthrange(year, month)[1]
            return PartialDate(raw, dt.date(year, month, 1), dt.date(year, month, last), "month", qual)
        day = dt.date(year, month, int(d))
        return PartialDate(raw, day, day, "day", qual)
    except ValueError as exc:  # month 13, day 31 in a 30-day month, year 0
        raise DateFormatError(raw, str(exc)) from None


def _parse_range(raw: str) -> PartialDate:
    """``A/B``, ``../B``, ``A/..``, ``[A..B]``, ``[..B]``, ``[A..]``: one day somewhere in the range.

    >>> r = parse_partial("1995-08/1995-09")
    >>> r.earliest, r.latest, r.precision
    (datetime.date(1995, 8, 1), datetime.date(1995, 9, 30), 'range')
    >>> parse_partial("[..1995-09]").earliest == MIN_DAY
    True
    """
    m = _ONE_OF_RX.match(raw)
    if m is not None:
        a, b = m["a"].strip(), m["b"].strip()
        a, b = a or "..", b or ".."
    else:
        parts = raw.split("/")
        if len(parts) != 2:
            raise DateFormatError(raw)
        a, b = parts[0].strip(), parts[1].strip()
        if not a or not b:
            raise DateFormatError(
                raw,
                "an unknown range end is not accepted; write an open end '..' "
                "(e.g. 1995/..) or a closed range (e.g. 1995/1996)",
            )
    if a == ".." and b == "..":
        raise DateFormatError(raw, "a range open at both ends says nothing; leave the date out or bound one side")
    try:
        lo = MIN_DAY if a == ".." else _parse_single(a).earliest
        hi = MAX_DAY if b == ".." else _parse_single(b).latest
    except DateFormatError as exc:  # name the whole value, not one end of it
        raise DateFormatError(
            raw, str(exc).split(" (expected")[0].replace(" is not a valid date", "", 1) if ": " in str(exc) else None
        ) from None
    if lo > hi:
        raise DateFormatError(raw, f"the range starts ({lo}) after it ends ({hi})")
    return PartialDate(raw, lo, hi, "day" if lo == hi else "range", None)


#: what a question about one day accepts (see ``parse_date``); ``numpy.datetime64`` too, typed loosely
#: so that numpy stays optional
DayLike = str | dt.date | Any

_TIME_RX = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_ACCEPTED = (
    "give a datetime.date, a datetime.datetime, a pandas.Timestamp, a numpy.datetime64, "
    "an ISO day such as 1995-01-01, or 'today'"
)


def parse_date(value: DayLike) -> dt.date:
    """One calendar day from what an analyst holds: a ``datetime.date``; a ``datetime.datetime`` or
    ``pandas.Timestamp`` (its own calendar day: the time and any time zone are dropped, never
    converted); a ``numpy.datetime64`` of day precision or finer; an ISO day ``YYYY-MM-DD``, also with
    a time (``1995-01-01T12:00``, ``1995-01-01 00:00:00``: the day as written); ``today`` (any case).

    Anything else is a ``DateFormatError``: a period (``1995``) says what it is and which day to give;
    another type (``None``, an int, a list) says what is accepted.

    >>> parse_date("2000-02-29"), parse_date(dt.datetime(1979, 6, 1, 23, 59))
    (datetime.date(2000, 2, 29), datetime.date(1979, 6, 1))
    >>> parse_date("1979-06-01T12:30:00+08:00")
    datetime.date(1979, 6, 1)
    >>> parse_date("1979")
    Traceback (most recent call last):
    ...
    treatyrules.errors.DateKindError: '1979' is a year (1979-01-01 to 1979-12-31), and this question
    needs a single day: give a day such as 1979-01-01
    >>> parse_date(None)
    Traceback (most recent call last):
    ...
    treatyrules.errors.DateTypeError: None (NoneType) is not a day: give a datetime.date, ...
    """
    if isinstance(value, dt.datetime):  # pandas.Timestamp and pandas.NaT are datetimes too
        return _datetime_day(value)
    if isinstance(value, dt.date):
        return value if type(value) is dt.date else dt.date(value.year, value.month, value.day)
    if isinstance(value, str):
        return _text_day(value)
    if type(value).__name__ == "datetime64":
        return _datetime64_day(value)
    raise DateTypeError(value, _ACCEPTED)


def _datetime_day(value: dt.datetime) -> dt.date:
    try:
        return dt.date(value.year, value.month, value.day)
    except (TypeError, ValueError):  # pandas.NaT: a missing value, no day
        raise DateTypeError(value, "a missing date has no day; " + _ACCEPTED) from None


def _datetime64_day(value: Any) -> dt.date:
    unit = str(value.dtype).removeprefix("datetime64[").rstrip("]")
    if unit in ("Y", "M", "W"):
        raise DateTypeError(
            value, f"a numpy.datetime64 of {unit!r} precision is a period; give it to the day (e.g. 'D')"
        )
    day = value.astype("datetime64[D]").item()
    if not isinstance(day, dt.date):  # NaT, or a year outside 1..9999
        raise DateTypeError(value, "it has no calendar day between 0001-01-01 and 9999-12-31; " + _ACCEPTED)
    return day


def _text_day(text: str) -> dt.date:
    t = text.strip()
    if t.lower() == "today":
        return dt.date.today()
    if _TIME_RX.match(t):
        try:
            return _datetime_day(dt.datetime.fromisoformat(t))
        except ValueError as exc:
            raise DateFormatError(text, str(exc)) from None
    p = parse_partial(t)
    if not p.exact:
        day = p.latest if p.earliest == MIN_DAY else p.earliest
        raise DateKindError(text, f"{period_words(p)}, and this question needs a single day: give a day such as {day}")
    return p.earliest


def parse_period(value: DayLike | PartialDate) -> PartialDate:
    """A period for a question over time: a partial date or range (``1996``, ``1996-09``, ``1995/1996``),
    or one day in any form ``parse_date`` accepts (``today``, a ``datetime``...), as a one-day period.

    >>> parse_period("1996").latest, parse_period(dt.datetime(1996, 9, 10, 8)).raw
    (datetime.date(1996, 12, 31), '1996-09-10')
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, str) and not (value.strip().lower() == "today" or _TIME_RX.match(value.strip())):
        return parse_partial(value)
    return PartialDate.of(parse_date(value))


def period_words(p: PartialDate) -> str:
    """What a partial date is, in words, for messages.

    >>> period_words(parse_partial("1979")), period_words(parse_partial("../1995"))
    ('a year (1979-01-01 to 1979-12-31)', 'an open range (up to 1995-12-31)')
    """
    if ".." in p.raw:
        return f"an open range (up to {p.latest})" if p.earliest == MIN_DAY else f"an open range (from {p.earliest})"
    kind = {"range": "period", "day": "day"}.get(p.precision, p.precision)
    return f"a {kind} ({p.earliest} to {p.latest})"


@dataclass(frozen=True, slots=True)
class Duration:
    """An ISO 8601 duration of years, months and days.

    >>> parse_duration("P1Y6M")
    Duration(years=1, months=6, days=0)
    >>> str(parse_duration("P30Y"))
    'P30Y'
    """

    years: int = 0
    months: int = 0
    days: int = 0

    def __str__(self) -> str:
        out = "P"
        if self.years:
            out += f"{self.years}Y"
        if self.months:
            out += f"{self.months}M"
        if self.days or out == "P":
            out += f"{self.days}D"
        return out

    def __mul__(self, n: int) -> Duration:
        return Duration(self.years * n, self.months * n, self.days * n)

    __rmul__ = __mul__

    def __add__(self, other: Duration) -> Duration:
        return Duration(self.years + other.years, self.months + other.months, self.days + other.days)

    @property
    def is_zero(self) -> bool:
        return not (self.years or self.months or self.days)

    def longer_than(self, other: Duration) -> bool:
        """Whether this lasts longer than ``other``: exactly when both count months (or both days),
        else by approximate days.

        >>> Duration(years=1).longer_than(Duration(months=12)), Duration(months=13).longer_than(Duration(years=1))
        (False, True)
        """
        if not self.days and not other.days:
            return self.years * 12 + self.months > other.years * 12 + other.months
        if not (self.years or self.months or other.years or other.months):
            return self.days > other.days
        return self.approx_days() > other.approx_days()

    def approx_days(self) -> float:
        """Rough length in days, for comparing durations in validation messages only."""
        return self.years * 365.25 + self.months * 30.44 + self.days

    def adjective(self) -> str:
        """'30-year', '6-month', '1-year-6-month'.

        >>> Duration(years=30).adjective()
        '30-year'
        """
        parts = [f"{n}-{u}" for n, u in ((self.years, "year"), (self.months, "month"), (self.days, "day")) if n]
        return "-".join(parts) or "0-day"

    def words(self) -> str:
        """'30 years', '1 year', '6 months', '2 years 6 months'."""
        parts = []
        for n, unit in ((self.years, "year"), (self.months, "month"), (self.days, "day")):
            if n:
                parts.append(f"{n} {unit}{'s' if n != 1 else ''}")
        return " ".join(parts) or "0 days"


@lru_cache(maxsize=4096)
def parse_duration(text: str) -> Duration:
    """Parse ``PnYnMnWnD`` (weeks become 7 days)."""
    m = _DURATION_RX.match(str(text).strip())
    if m is None or text.strip() == "P":
        from .errors import DurationFormatError

        raise DurationFormatError(str(text))
    weeks = int(m["w"] or 0)
    return Duration(int(m["y"] or 0), int(m["m"] or 0), int(m["d"] or 0) + 7 * weeks)


def add(day: dt.date, duration: Duration, times: int = 1) -> dt.date:
    """``day + times * duration`` in one step, clamping to the month's last day.

    >>> add(dt.date(2000, 2, 29), Duration(years=1))
    datetime.date(2001, 2, 28)
    >>> add(dt.date(1999, 1, 31), Duration(months=1), times=2)
    datetime.date(1999, 3, 31)
    >>> add(dt.date(1980, 4, 11), Duration(years=1), times=-1)
    datetime.date(1979, 4, 11)
    """
    try:
        return day + _relativedelta()(
            years=duration.years * times, months=duration.months * times, days=duration.days * times
        )
    except (OverflowError, ValueError):
        return MAX_DAY if times >= 0 else MIN_DAY


@lru_cache(maxsize=1)
def _relativedelta() -> type[relativedelta]:
    """``dateutil.relativedelta``, imported on the first month arithmetic (a warm ``status`` does none)."""
    from dateutil.relativedelta import relativedelta

    return relativedelta


def period_end(anchor: dt.date, term: Duration, renewal: Duration | None, k: int) -> dt.date:
    """End of the k-th period: k=0 is the initial term, k>=1 the k-th renewal period.

    ``anchor + term + k * renewal``, computed from the anchor in one addition.

    >>> period_end(dt.date(1961, 9, 10), Duration(years=10), Duration(years=5), 5)
    datetime.date(1996, 9, 10)
    """
    total = term + (renewal * k if renewal is not None else Duration())
    return add(anchor, total)


def first_period_end(anchor: dt.date, term: Duration, renewal: Duration | None, day: dt.date) -> tuple[dt.date, int]:
    """The first period end on or after ``day`` and its index ``k``; the last representable day at the latest.

    Period ends grow with ``k``, so ``k`` is found by bisection, not by counting periods one by one
    (a daily renewal anchored on 0001-01-01 has millions of them).

    >>> first_period_end(dt.date(1961, 9, 10), Duration(years=10), Duration(years=5), dt.date(1995, 9, 11))
    (datetime.date(1996, 9, 10), 5)
    >>> first_period_end(dt.date(1, 1, 1), Duration(days=1), Duration(days=1), dt.date(9999, 12, 31))
    (datetime.date(9999, 12, 31), 3652057)
    """
    if renewal is None or period_end(anchor, term, None, 0) >= day:
        return period_end(anchor, term, None, 0), 0

    def reached(k: int) -> bool:
        end = period_end(anchor, term, renewal, k)
        return end >= day or end >= MAX_DAY

    hi = 1
    while not reached(hi):
        hi *= 2
    lo = hi // 2  # not reached (or 0, which is known not to be)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if reached(mid) else (mid, hi)
    return period_end(anchor, term, renewal, hi), hi


def in_time(notice: dt.date, period: Duration, deadline: dt.date) -> bool:
    """Whether a notice given on ``notice`` is at least ``period`` before ``deadline``.

    >>> in_time(dt.date(1979, 4, 3), Duration(years=1), dt.date(1980, 4, 11))
    True
    >>> in_time(dt.date(1979, 4, 12), Duration(years=1), dt.date(1980, 4, 11))
    False
    """
    return add(notice, period) <= deadline
