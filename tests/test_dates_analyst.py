"""Dates as analysts hold them: every library call takes a date, datetime, pandas.Timestamp,
numpy.datetime64, ISO text or 'today', and anything else is a DateFormatError (never a TypeError)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import treatyrules
from treatyrules.dates import parse_date, parse_period
from treatyrules.errors import DateFormatError, DateKindError, DateTypeError, UsageError
from treatyrules.explain import explain

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

DAY = dt.date(1979, 6, 1)
FORMS: list[Any] = [
    DAY,
    dt.datetime(1979, 6, 1, 23, 59, 59),
    dt.datetime(1979, 6, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=-10))),
    pd.Timestamp("1979-06-01 12:00"),
    pd.Timestamp("1979-06-01 23:30", tz="Asia/Shanghai"),
    np.datetime64("1979-06-01"),
    np.datetime64("1979-06-01T23:59:59.999"),
    "1979-06-01",
    " 1979-06-01 ",
    "1979-06-01T12:30:00+08:00",
    "1979-06-01 00:00:00",
]
BAD: list[Any] = [123, 1979.5, None, [1979, 6, 1], b"1979-06-01", object(), np.datetime64("1979-06"), pd.NaT]

CALLS: dict[str, Callable[[treatyrules.Corpus, Any], object]] = {
    "status": lambda c, d: c.status("CHN-SUN-1950", d),
    "statuses": lambda c, d: c.statuses(d, party="CHN"),
    "obligations": lambda c, d: c.obligations(d, treaty="CHN-SUN-1950"),
    "scenario": lambda c, d: c.scenario(d, "SUN"),
    "cascade": lambda c, d: c.cascade(d, attacker="USA", attacked="SUN"),
    "explain": lambda c, d: explain(c, "CHN-SUN-1950", d),
    "status_over": lambda c, d: c.status_over("CHN-SUN-1950", d),
    "statuses_over": lambda c, d: c.statuses_over(d, party="CHN"),
    "with_options": lambda c, d: c.with_options(as_of=d).as_of,
    "parties_on": lambda c, d: c.parties_on(c.life("WARSAW-1955"), d),
    "assumption_for": lambda c, d: c.assumption_for(d),
}


def _plain(answer: object) -> object:
    """An answer in a form that compares across calls (the JSON where there is one)."""
    to_json = getattr(answer, "to_json", None)
    if to_json is not None:
        return to_json()
    if isinstance(answer, list):
        return [_plain(a) for a in answer]
    return answer


@pytest.mark.parametrize("call", sorted(CALLS))
def test_every_call_takes_every_form_as_the_same_day(corpus: treatyrules.Corpus, call: str) -> None:
    expected = _plain(CALLS[call](corpus, DAY))
    for form in FORMS:
        assert _plain(CALLS[call](corpus, form)) == expected, form


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("bad", BAD, ids=repr)
def test_anything_else_is_a_date_format_error(corpus: treatyrules.Corpus, call: str, bad: object) -> None:
    if bad is None and call == "with_options":
        assert corpus.with_options(as_of=None).as_of is None  # None there means: no as-of day
        return
    with pytest.raises(DateFormatError) as err:
        CALLS[call](corpus, bad)
    assert not isinstance(err.value, TypeError)
    assert "give" in str(err.value)  # the message says what to give instead


def test_today_is_the_machines_day(corpus: treatyrules.Corpus) -> None:
    today = dt.date.today()
    assert parse_date("today") == parse_date(" TODAY ") == today
    assert corpus.status("NATO-1949", "today").date == today
    assert parse_period("today").earliest == today == parse_period("today").latest


def test_the_time_of_day_never_moves_the_day() -> None:
    """The calendar day as written: a time zone is dropped, never converted (both sides of midnight)."""
    assert parse_date(dt.datetime(1979, 5, 31, 23, 59, 59, 999999)) == dt.date(1979, 5, 31)
    assert parse_date(dt.datetime(1979, 6, 1, 0, 0)) == DAY
    assert parse_date(pd.Timestamp("1979-06-01 00:30", tz="UTC").tz_convert("America/New_York")) == dt.date(1979, 5, 31)
    assert parse_date(np.datetime64("1979-05-31T23:59:59")) == dt.date(1979, 5, 31)
    assert parse_date(np.datetime64("1979-06-01T00:00:00")) == DAY


@given(st.dates(), st.times())
def test_every_form_of_a_day_is_that_day(day: dt.date, time: dt.time) -> None:
    stamp = dt.datetime.combine(day, time)
    forms = [day, stamp, day.isoformat(), stamp.isoformat(), np.datetime64(day.isoformat())]
    if 1678 <= day.year <= 2261:  # pandas' nanosecond Timestamp range
        forms.append(pd.Timestamp(stamp))
    assert {parse_date(f) for f in forms} == {day}


def test_a_period_where_a_day_is_needed_says_which_day(corpus: treatyrules.Corpus) -> None:
    with pytest.raises(DateKindError, match=r"'1979' is a year .* give a day such as 1979-01-01"):
        corpus.status("CHN-SUN-1950", "1979")
    with pytest.raises(DateKindError, match="give a day such as 1995-12-31"):
        corpus.status("CHN-SUN-1950", "../1995")
    # a day is still a period: the same question over one day
    assert corpus.status_over("CHN-SUN-1950", "1979-06-01").held["in_force"] == "all"


def test_numpy_periods_and_missing_dates_are_refused_with_the_fix() -> None:
    with pytest.raises(DateTypeError, match="'M' precision is a period"):
        parse_date(np.datetime64("1979-06"))
    with pytest.raises(DateTypeError, match="missing date"):
        parse_date(pd.NaT)
    with pytest.raises(DateTypeError, match="no calendar day"):
        parse_date(np.datetime64("NaT"))
    with pytest.raises(DateFormatError, match=r"1979-06-31T10:00"):
        parse_date("1979-06-31T10:00")


def test_load_refuses_what_is_not_a_folder() -> None:
    for bad in (123, b"rules", [None]):
        with pytest.raises(UsageError, match=r"rules folder as text or a pathlib\.Path"):
            treatyrules.load(bad)  # type: ignore[arg-type]
    with pytest.raises(DateFormatError):
        treatyrules.load(as_of=123)
    assert treatyrules.load(as_of=pd.Timestamp("1996-06-01")).as_of == dt.date(1996, 6, 1)
