"""Partial dates, durations and the month-end rule, on both sides of every boundary."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from treatyrules.dates import (
    Duration,
    add,
    in_time,
    parse_date,
    parse_duration,
    parse_partial,
    period_end,
)
from treatyrules.errors import DateFormatError, DurationFormatError

days = st.one_of(
    st.dates(dt.date(1800, 1, 1), dt.date(2100, 12, 31)),
    st.builds(lambda y, m: dt.date(y, m, calendar.monthrange(y, m)[1]), st.integers(1800, 2100), st.integers(1, 12)),
    st.sampled_from([dt.date(y, 2, 29) for y in range(1804, 2100, 4) if calendar.isleap(y)]),
)
durations = st.builds(Duration, st.integers(0, 40), st.integers(0, 24), st.integers(0, 400))


@pytest.mark.parametrize(
    ("text", "lo", "hi", "prec"),
    [
        ("1995", "1995-01-01", "1995-12-31", "year"),
        ("1995-09", "1995-09-01", "1995-09-30", "month"),
        ("1996-02", "1996-02-01", "1996-02-29", "month"),
        ("1900-02", "1900-02-01", "1900-02-28", "month"),
        ("1995-09-07", "1995-09-07", "1995-09-07", "day"),
        ("199X", "1990-01-01", "1999-12-31", "decade"),
        ("19XX", "1900-01-01", "1999-12-31", "century"),
        ("1995-XX", "1995-01-01", "1995-12-31", "year"),
        ("1995-09-XX", "1995-09-01", "1995-09-30", "month"),
        ("1995-09-07?", "1995-09-07", "1995-09-07", "day"),
        ("1995-09~", "1995-09-01", "1995-09-30", "month"),
        ("1995%", "1995-01-01", "1995-12-31", "year"),
    ],
)
def test_partial_date_ranges(text: str, lo: str, hi: str, prec: str) -> None:
    p = parse_partial(text)
    assert (p.earliest.isoformat(), p.latest.isoformat(), p.precision) == (lo, hi, prec)
    assert str(p) == text


@pytest.mark.parametrize(
    "bad", ["1961-09-31", "1961-13", "1961-00-10", "61-09-10", "1961/09/10", "", "199X-05", "1995-XX-07", "0000"]
)
def test_bad_partial_dates_name_the_value(bad: str) -> None:
    with pytest.raises(DateFormatError, match="expected YYYY"):
        parse_partial(bad)


def test_exact_day_required() -> None:
    assert parse_date("2000-02-29") == dt.date(2000, 2, 29)
    with pytest.raises(DateFormatError, match="single day"):
        parse_date("1995")


@given(days)
def test_day_precision_round_trip(d: dt.date) -> None:
    p = parse_partial(d.isoformat())
    assert p.earliest == p.latest == d


@given(st.integers(1000, 2999), st.integers(1, 12))
def test_month_precision_covers_the_month(y: int, m: int) -> None:
    p = parse_partial(f"{y:04d}-{m:02d}")
    assert p.earliest == dt.date(y, m, 1)
    assert p.latest.month == m and (p.latest + dt.timedelta(days=1)).month != m


def test_durations() -> None:
    assert parse_duration("P10Y") == Duration(years=10)
    assert parse_duration("P1Y6M") == Duration(1, 6, 0)
    assert parse_duration("P2W") == Duration(days=14)
    for bad in ("10Y", "P", "P1.5Y", "PT1H"):
        with pytest.raises(DurationFormatError):
            parse_duration(bad)


def test_month_end_rule() -> None:
    assert add(dt.date(2000, 2, 29), Duration(years=1)) == dt.date(2001, 2, 28)
    assert add(dt.date(2000, 2, 29), Duration(years=4)) == dt.date(2004, 2, 29)
    assert add(dt.date(1999, 1, 31), Duration(months=1)) == dt.date(1999, 2, 28)
    # n-th period from the anchor in one step: 31 Jan + 2 months is 31 March, not 28 March
    assert period_end(dt.date(1999, 1, 31), Duration(months=1), Duration(months=1), 1) == dt.date(1999, 3, 31)


@given(days, durations, st.integers(0, 12))
@example(dt.date(2000, 2, 29), Duration(years=1), 3)
def test_nth_period_end_is_anchor_plus_n_terms(anchor: dt.date, term: Duration, n: int) -> None:
    assert period_end(anchor, term, term, n) == add(anchor, term, times=n + 1)


@given(days, durations)
def test_adding_never_goes_back(d: dt.date, dur: Duration) -> None:
    assert add(d, dur) >= d


@given(days, st.integers(0, 5))
@example(dt.date(2021, 2, 28), 1)
def test_notice_in_time_both_sides(deadline: dt.date, years: int) -> None:
    period = Duration(years=years, months=0 if years else 3)
    # the last day a notice is in time, and the day after
    latest = max(
        d
        for d in (deadline - dt.timedelta(days=k) for k in range(0, 370 * years + 400))
        if in_time(d, period, deadline)
    )
    assert in_time(latest, period, deadline)
    assert not in_time(latest + dt.timedelta(days=1), period, deadline)
