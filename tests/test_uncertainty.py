"""Partial dates on both sides of every boundary they touch; three-valued evaluation; propagation
through notice and renewal rules; recorded outcomes narrowing or contradicting the derivation."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyrules.dates import MAX_DAY, MIN_DAY, parse_partial
from treatyrules.errors import DateFormatError
from treatyrules.schema import Alternative, CorpusMeta, Event
from treatyrules.states import CcodeSpell, State

from ._honest import D, corpus, renewing, treaty

ONE = dt.timedelta(days=1)


# ---------------------------------------------------------------- entry into force of each precision


@pytest.mark.parametrize(
    ("eif", "signed", "first_unknown", "first_in_force"),
    [
        ("1961-09-10", "1961-07-06", None, "1961-09-10"),  # day: no unknown window
        ("1961-09", "1961-07-06", "1961-09-01", "1961-09-30"),  # month of 30 days
        ("1961-08", "1961-07-06", "1961-08-01", "1961-08-31"),  # month of 31 days
        ("1964-02", "1963-07-06", "1964-02-01", "1964-02-29"),  # leap February
        ("1963-02", "1962-07-06", "1963-02-01", "1963-02-28"),  # common February
        ("1900-02", "1899-07-06", "1900-02-01", "1900-02-28"),  # century, not leap
        ("1961", "1960-07-06", "1961-01-01", "1961-12-31"),  # year
        ("196X", "1959-07-06", "1960-01-01", "1969-12-31"),  # decade
        ("1961-09~", "1961-07-06", "1961-09-01", "1961-09-30"),  # qualifier keeps the range
        ("1961-08/1961-09", "1961-07-06", "1961-08-01", "1961-09-30"),  # closed range
        ("[1961-08..1961-09]", "1961-07-06", "1961-08-01", "1961-09-30"),
    ],
)
def test_entry_into_force_precision_boundaries(
    eif: str, signed: str, first_unknown: str | None, first_in_force: str
) -> None:
    c = corpus(treaty([{"type": "signed", "date": signed}, {"type": "entered_into_force", "date": eif}]))
    start = D(first_unknown or first_in_force)
    assert c.status("AAA-BBB-1961", start - ONE).status == "signed"
    if first_unknown is not None:
        a = c.status("AAA-BBB-1961", start)
        assert (a.status, a.since, a.until) == ("unknown", start, D(first_in_force))
        assert set(a.possible) == {"signed", "in_force"}
        assert [s.date for s in a.depends_on] == [eif]
        assert c.status("AAA-BBB-1961", D(first_in_force) - ONE).status == "unknown"
    a = c.status("AAA-BBB-1961", D(first_in_force))
    assert (a.status, a.since) == ("in_force", D(first_in_force))


@pytest.mark.parametrize(
    ("eif", "lo", "hi"),
    [
        ("1961-09", "1971-09-01", "1971-09-30"),
        ("1964-02", "1974-02-01", "1974-02-28"),
        ("1961", "1971-01-01", "1971-12-31"),
    ],
)
def test_fixed_term_end_propagates_the_range(eif: str, lo: str, hi: str) -> None:
    t = treaty(
        [{"type": "signed", "date": "1960-01-05"}, {"type": "entered_into_force", "date": eif}],
        {"duration": {"article": "9", "term": "P10Y"}},
    )
    c = corpus(t)
    assert c.status(t.id, D(lo) - ONE).status == "in_force"
    a = c.status(t.id, D(lo))
    assert (a.status, a.since, a.until) == ("unknown", D(lo), D(hi))
    assert set(a.possible) == {"in_force", "terminated"}
    assert c.status(t.id, D(hi) - ONE).status == "unknown"
    assert (c.status(t.id, D(hi)).status, c.status(t.id, D(hi)).reason) == ("terminated", "expired")


# ---------------------------------------------------------------- notices under the renewal rule


@pytest.mark.parametrize(
    ("notice", "end"),
    [
        ("1995-09-10", "1996-09-10"),  # the last day in time for the 1996 period end
        ("1995-09-11", "2001-09-10"),  # one day late: the treaty renews to 2001
        ("1995-08", "1996-09-10"),
        ("1995-09-01/1995-09-10", "1996-09-10"),
        ("1995-10", "2001-09-10"),
        ("1995-09-11/1995-12", "2001-09-10"),
    ],
)
def test_notice_range_on_one_side_of_the_deadline_is_certain(notice: str, end: str) -> None:
    c = corpus(renewing(notice))
    assert c.status("AAA-BBB-1961", D(end) - ONE).status == "in_force"
    a = c.status("AAA-BBB-1961", D(end))
    assert (a.status, a.reason, a.since) == ("terminated", "expired", D(end))


@pytest.mark.parametrize("notice", ["1995", "1995-09", "1995-09-10/1995-09-11", "1995-09~"])
def test_notice_range_across_the_deadline_is_unknown_between_the_two_ends(notice: str) -> None:
    c = corpus(renewing(notice))
    assert c.status("AAA-BBB-1961", D("1996-09-09")).status == "in_force"
    for day in ("1996-09-10", "1997-01-01", "2001-09-09"):
        a = c.status("AAA-BBB-1961", D(day))
        assert (a.status, a.since, a.until) == ("unknown", D("1996-09-10"), D("2001-09-10"))
        assert a.possible == ("in_force", "terminated")
        assert [s.event for s in a.depends_on] == ["notice_of_non_renewal"]
    assert c.life("AAA-BBB-1961").end.candidates == (D("1996-09-10"), D("2001-09-10"))  # type: ignore[union-attr]
    assert c.status("AAA-BBB-1961", D("2001-09-10")).status == "terminated"


def test_recorded_lapse_narrows_the_range_and_the_basis_says_so() -> None:
    c = corpus(renewing("1995", lapse="1996-09-10"))
    a = c.status("AAA-BBB-1961", D("1997-01-01"))
    assert (a.status, a.reason, a.since) == ("terminated", "expired", D("1996-09-10"))
    assert any("narrows the derived end" in s.text and s.event == "lapsed" for s in a.basis)
    assert c.status("AAA-BBB-1961", D("1996-09-09")).status == "in_force"
    assert not c.life("AAA-BBB-1961").checks


def test_recorded_lapse_that_contradicts_is_a_warning_and_the_derivation_is_followed() -> None:
    c = corpus(renewing("1995", lapse="1998-03-01"))
    checks = c.life("AAA-BBB-1961").checks
    assert [ch.code for ch in checks] == ["recorded_end_mismatch"] and checks[0].severity == "warning"
    a = c.status("AAA-BBB-1961", D("1997-01-01"))
    assert (a.status, a.since, a.until) == ("unknown", D("1996-09-10"), D("2001-09-10"))
    assert any("derivation from the clauses is followed" in s.text for s in a.basis)


def test_denunciation_notice_of_month_precision() -> None:
    t = treaty(
        [
            {"type": "signed", "date": "1954-12-02"},
            {"type": "entered_into_force", "date": "1955-03-03"},
            {"type": "notice_of_denunciation", "party": "AAA", "date": "1978-12"},
        ],
        {"denunciation": {"article": "X", "notice": "P1Y"}},
    )
    c = corpus(t)
    assert c.status(t.id, D("1979-11-30")).status == "in_force"
    a = c.status(t.id, D("1979-12-01"))
    assert (a.status, a.since, a.until) == ("unknown", D("1979-12-01"), D("1979-12-31"))
    assert c.status(t.id, D("1979-12-31")).reason == "denounced"


def test_open_ended_notice_dates() -> None:
    before = corpus(renewing("../1995-09"))  # on or before 1995-09-30: not before entry into force
    a = before.status("AAA-BBB-1961", D("1975-01-01"))
    assert (a.status, a.since, a.until) == ("unknown", D("1971-09-10"), D("2001-09-10"))
    after = corpus(renewing("1995/.."))  # some day from 1995 on: the end may never have come
    a = after.status("AAA-BBB-1961", D("2050-01-01"))
    assert (a.status, a.since, a.until) == ("unknown", D("1996-09-10"), None)  # no latest day: unknown from then on
    assert "no source gives a latest day" in a.summary and str(MAX_DAY) not in a.summary


# ---------------------------------------------------------------- laws

notice_days = st.dates(D("1994-01-01"), D("1996-12-31"))


@given(notice_days, notice_days, st.dates(D("1994-01-01"), D("2003-12-31")))
def test_an_exact_day_inside_the_range_gives_one_of_the_possible_statuses(a: dt.date, b: dt.date, day: dt.date) -> None:
    lo, hi = min(a, b), max(a, b)
    wide = corpus(renewing(f"{lo}/{hi}")).status("AAA-BBB-1961", day)
    exact = corpus(renewing(lo.isoformat())).status("AAA-BBB-1961", day)
    if wide.status == "unknown":
        assert exact.status in wide.possible
    else:
        assert exact.status == wide.status


def _unknown_days(c_days: list[tuple[str, dt.date, dt.date | None]]) -> set[dt.date]:
    out: set[dt.date] = set()
    for status, start, end in c_days:
        if status == "unknown":
            assert end is not None
            out |= {start + dt.timedelta(days=k) for k in range((end - start).days)}
    return out


@given(notice_days, notice_days, notice_days, notice_days)
def test_narrowing_a_notice_range_never_widens_the_unknown_window(
    a: dt.date, b: dt.date, c: dt.date, d: dt.date
) -> None:
    outer = sorted([a, b, c, d])
    lo, hi = outer[0], outer[3]
    ilo, ihi = outer[1], outer[2]
    wide = corpus(renewing(f"{lo}/{hi}")).timeline("AAA-BBB-1961")
    narrow = corpus(renewing(f"{ilo}/{ihi}")).timeline("AAA-BBB-1961")
    assert _unknown_days([(s.status, s.start, s.end) for s in narrow]) <= _unknown_days(
        [(s.status, s.start, s.end) for s in wide]
    )


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_a_month_notice_is_unknown_exactly_when_it_straddles_the_deadline(y: int, m: int) -> None:
    p = parse_partial(f"{y:04d}-{m:02d}")
    t = renewing(p.raw) if D("1961-09-10") <= p.earliest else None
    if t is None:
        return
    life = corpus(t).life("AAA-BBB-1961")
    assert life.end is not None
    deadline_crossed = life.end.earliest != life.end.latest
    # the notice is in time for some period end E iff notice + 1 year <= E; a month straddles one deadline
    ends = [D("1971-09-10").replace(year=1971 + 5 * k) for k in range(0, 40)]
    deadlines = [e.replace(year=e.year - 1) for e in ends]
    assert deadline_crossed == any(p.earliest <= dl < p.latest for dl in deadlines)


# ---------------------------------------------------------------- every date field accepts partial dates


@pytest.mark.parametrize(
    "value",
    [
        "1995",
        "1995-09",
        "1995-09-07",
        "199X",
        "1995-09?",
        "1995-08/1995-09",
        "[1995-08..1995-09]",
        "../1995-09",
        "1995/..",
    ],
)
def test_every_date_field_accepts_partial_dates(value: str) -> None:
    p = parse_partial(value)
    ev = Event.model_validate(
        {
            "type": "notice_of_non_renewal",
            "party": "AAA",
            "date": value,
            "source": "s",
            "counts_from": value,
            "known_from": value,
            "alternatives": [{"date": value, "source": "s"}],
        }
    )
    assert ev.date == ev.counts_from == ev.known_from == p
    assert Alternative.model_validate({"date": value, "source": "s"}).date == p
    st_ = State.model_validate(
        {
            "code": "AAA",
            "name": "A",
            "began": value,
            "ended": value,
            "ccodes": [{"ccode": 1, "since": value, "until": value}],
        }
    )
    assert st_.began == st_.ended == p and CcodeSpell.model_validate({"ccode": 2, "since": value}).since == p
    assert CorpusMeta.model_validate({"knowledge_date": value}).knowledge_date == p


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("1995/", "unknown range end"),
        ("../..", "open at both ends"),
        ("1996/1995", "starts"),
        ("1995/1996/1997", "not a valid date"),
        ("1995-13/1996", "'1995-13': bad month number 13"),
        ("[1995..1994]", "starts"),
    ],
)
def test_bad_ranges_say_the_fix(bad: str, why: str) -> None:
    with pytest.raises(DateFormatError, match=why):
        parse_partial(bad)


def test_open_ends_are_the_calendar_limits() -> None:
    assert parse_partial("../1995").earliest == MIN_DAY and parse_partial("1995/..").latest == MAX_DAY
    assert parse_partial("[..1995]") == parse_partial("[..1995]") and parse_partial("[1995..]").open


# ---------------------------------------------------------------- the edtf package as an oracle


def _edtf_strings() -> st.SearchStrategy[str]:
    y = st.integers(1000, 2999).map(lambda v: f"{v:04d}")
    ym = st.tuples(y, st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}")
    ymd = st.dates(D("1000-01-01"), D("2999-12-31")).map(dt.date.isoformat)
    unspec = st.one_of(
        st.integers(100, 299).map(lambda v: f"{v}X"),
        st.integers(10, 29).map(lambda v: f"{v}XX"),
        y.map(lambda s: f"{s}-XX"),
        ym.map(lambda s: f"{s}-XX"),
    )
    single = st.one_of(y, ym, ymd, unspec)
    qualified = st.tuples(st.one_of(y, ym, ymd), st.sampled_from(["", "?", "~", "%"])).map("".join)
    plain = st.one_of(y, ym, ymd)
    ranges = st.tuples(plain, plain).map(lambda t: tuple(sorted(t, key=lambda s: parse_partial(s).earliest)))
    closed = ranges.filter(lambda t: parse_partial(t[0]).earliest <= parse_partial(t[1]).latest)
    same = closed.filter(lambda t: len(t[0]) == len(t[1]))  # edtf wants one precision inside [a..b]
    return st.one_of(single, qualified, closed.map(lambda t: f"{t[0]}/{t[1]}"), same.map(lambda t: f"[{t[0]}..{t[1]}]"))


@given(_edtf_strings())
def test_parser_agrees_with_the_edtf_package(text: str) -> None:
    edtf = pytest.importorskip("edtf", reason="the edtf package (test oracle) is not installed: pip install edtf")
    ours = parse_partial(text)
    theirs = edtf.parse_edtf(text)
    lo, hi = theirs.lower_strict(), theirs.upper_strict()
    assert (ours.earliest, ours.latest) == (dt.date(*lo[:3]), dt.date(*hi[:3]))
