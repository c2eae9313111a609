"""Lifecycle rules on small hand-made treaties: renewal arithmetic, notices, denunciation, month ends."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from treatyrules.dates import Duration, add
from treatyrules.lifecycle import evaluate
from treatyrules.schema import Treaty
from treatyrules.states import Registry, State

ONE = dt.timedelta(days=1)
REG = Registry(
    [
        State(code="AAA", name="A"),
        State(code="BBB", name="B"),
        State(code="CCC", name="C"),
        State(code="OLD", name="Old", ended="1991-12-26", continuator="NEW"),
        State(code="NEW", name="New"),
        State(code="GON", name="Gone", ended="1990-10-03", absorbed_by="AAA"),
    ]
)


def treaty(
    clauses: dict[str, Any], *events: dict[str, Any], eif: str = "1961-09-10", parties: tuple[str, ...] = ("AAA", "BBB")
) -> Treaty:
    evs = [
        {"type": "signed", "date": "1961-07-06", "source": "t"},
        {"type": "entered_into_force", "date": eif, "source": "t"},
        *events,
    ]
    return Treaty.model_validate(
        {"id": "T-1", "title": "T", "parties": list(parties), "clauses": clauses, "events": evs}
    )


RENEW = {"duration": {"article": "6", "term": "P10Y", "renewal": {"period": "P5Y", "notice_before_end": "P1Y"}}}


def status(t: Treaty, day: dt.date) -> tuple[str, str | None]:
    seg = evaluate(t, REG).timeline.at(day)
    return seg.status, seg.reason


def test_notice_just_in_time_vs_one_day_late() -> None:
    # period ends 1996-09-10; the last day for a 1-year notice is 1995-09-10
    on_time = treaty(RENEW, {"type": "notice_of_non_renewal", "party": "AAA", "date": "1995-09-10", "source": "t"})
    late = treaty(RENEW, {"type": "notice_of_non_renewal", "party": "AAA", "date": "1995-09-11", "source": "t"})
    end = dt.date(1996, 9, 10)
    assert status(on_time, end - ONE) == ("in_force", None)
    assert status(on_time, end) == ("terminated", "expired")
    assert status(late, end) == ("in_force", None)
    assert status(late, dt.date(2001, 9, 9)) == ("in_force", None)
    assert status(late, dt.date(2001, 9, 10)) == ("terminated", "expired")


def test_no_notice_renews_forever() -> None:
    t = treaty(RENEW)
    assert status(t, dt.date(2400, 1, 1)) == ("in_force", None)


def test_fixed_term_without_renewal_expires() -> None:
    t = treaty({"duration": {"term": "P20Y"}})
    assert status(t, dt.date(1981, 9, 9)) == ("in_force", None)
    assert status(t, dt.date(1981, 9, 10)) == ("terminated", "expired")


@pytest.mark.parametrize(
    ("eif", "end"), [("2000-02-29", "2010-02-28"), ("2004-02-29", "2024-02-29"), ("1999-01-31", "2009-01-31")]
)
def test_month_end_anchor(eif: str, end: str) -> None:
    term = "P20Y" if eif.startswith("2004") else "P10Y"
    t = treaty({"duration": {"term": term}}, eif=eif)
    e = dt.date.fromisoformat(end)
    assert status(t, e - ONE)[0] == "in_force" and status(t, e)[0] == "terminated"


def test_29_february_renewals_anchor_not_repeated() -> None:
    """Periods of 1 year from 2000-02-29: the 4th period ends 2004-02-29, not 2004-02-28."""
    t = treaty(
        {"duration": {"term": "P1Y", "renewal": {"period": "P1Y", "notice_before_end": "P1M"}}},
        {"type": "notice_of_non_renewal", "party": "AAA", "date": "2003-12-01", "source": "t"},
        eif="2000-02-29",
    )
    assert status(t, dt.date(2004, 2, 28))[0] == "in_force"
    assert status(t, dt.date(2004, 2, 29))[0] == "terminated"


def test_denunciation_with_initial_period() -> None:
    clauses = {"denunciation": {"article": "X", "notice": "P1Y", "not_before": "P10Y"}}
    ok = treaty(clauses, {"type": "notice_of_denunciation", "party": "BBB", "date": "1971-09-10", "source": "t"})
    assert status(ok, dt.date(1972, 9, 9)) == ("in_force", None)
    assert status(ok, dt.date(1972, 9, 10)) == ("terminated", "denounced")
    early = treaty(clauses, {"type": "notice_of_denunciation", "party": "BBB", "date": "1971-09-09", "source": "t"})
    life = evaluate(early, REG)
    assert life.timeline.at(dt.date(1990, 1, 1)).status == "in_force"
    assert [c.code for c in life.checks] == ["premature_notice"]


def test_notice_without_clause_is_reported_not_applied() -> None:
    t = treaty(
        {"termination": {"article": "VII", "by_agreement": True}},
        {"type": "notice_of_denunciation", "party": "AAA", "date": "1970-01-01", "source": "t"},
    )
    life = evaluate(t, REG)
    assert life.timeline.at(dt.date(2000, 1, 1)).status == "in_force"
    assert life.checks[0].code == "notice_without_clause"


def test_termination_by_agreement_and_dissolution() -> None:
    t = treaty({}, {"type": "terminated_by_agreement", "date": "1980-01-01", "source": "t"})
    assert status(t, dt.date(1979, 12, 31)) == ("in_force", None)
    assert status(t, dt.date(1980, 1, 1)) == ("terminated", "by_agreement")
    d = treaty({}, {"type": "dissolved", "date": "1991-07-01", "source": "t"})
    assert status(d, dt.date(1991, 7, 1)) == ("terminated", "dissolved")


def test_continuity_and_extinction() -> None:
    cont = treaty({}, parties=("OLD", "BBB"))
    assert status(cont, dt.date(1995, 1, 1)) == ("in_force", None)
    gone = treaty({}, parties=("GON", "BBB"))
    assert status(gone, dt.date(1990, 10, 2)) == ("in_force", None)
    assert status(gone, dt.date(1990, 10, 3)) == ("terminated", "party_extinct")


def test_multilateral_notice_ends_only_that_membership() -> None:
    clauses = {"denunciation": {"article": "13", "notice": "P1Y"}}
    t = treaty(
        clauses,
        {"type": "notice_of_denunciation", "party": "CCC", "date": "1980-01-01", "source": "t"},
        parties=("AAA", "BBB", "CCC"),
    )
    life = evaluate(t, REG)
    assert life.timeline.at(dt.date(1990, 1, 1)).status == "in_force"
    assert life.memberships["CCC"].timeline.at(dt.date(1980, 12, 31)).status == "in_force"
    assert life.memberships["CCC"].timeline.at(dt.date(1981, 1, 1)).status == "terminated"
    assert life.memberships["AAA"].timeline.at(dt.date(1990, 1, 1)).status == "in_force"


def test_uncertain_notice_gives_unknown_window() -> None:
    t = treaty(RENEW, {"type": "notice_of_non_renewal", "party": "AAA", "date": "1995", "source": "t"})
    seg = evaluate(t, REG).timeline.at(dt.date(1997, 1, 1))
    assert (seg.status, seg.start, seg.end) == ("unknown", dt.date(1996, 9, 10), dt.date(2001, 9, 10))
    assert set(seg.possible) == {"in_force", "terminated"}


def test_recorded_end_that_contradicts_is_a_warning() -> None:
    t = treaty(
        RENEW,
        {"type": "notice_of_non_renewal", "party": "AAA", "date": "1995-01-01", "source": "t"},
        {"type": "lapsed", "date": "1997-01-01", "source": "x"},
    )
    life = evaluate(t, REG)
    assert life.end is not None and life.end.earliest == dt.date(1996, 9, 10)
    assert [c.code for c in life.checks] == ["recorded_end_mismatch"]


@given(st.dates(dt.date(1962, 1, 1), dt.date(2030, 12, 31)))
@example(dt.date(1995, 9, 10))
@example(dt.date(1995, 9, 11))
def test_non_renewal_ends_at_first_period_end_in_time(notice: dt.date) -> None:
    t = treaty(RENEW, {"type": "notice_of_non_renewal", "party": "AAA", "date": notice.isoformat(), "source": "t"})
    end = evaluate(t, REG).end
    assert end is not None and end.exact
    anchor = dt.date(1961, 9, 10)
    ends = [add(anchor, Duration(years=10 + 5 * k)) for k in range(30)]
    expected = next(e for e in ends if add(notice, Duration(years=1)) <= e)
    assert end.earliest == expected


def test_amendment_extends_a_fixed_term_from_its_own_date() -> None:
    """A protocol replacing the duration clause before the term runs out: the new term runs from it."""
    t = treaty(
        {"duration": {"term": "P10Y"}},
        {"type": "amended", "date": "1970-01-01", "source": "t", "duration": {"term": "P5Y"}},
    )
    assert status(t, dt.date(1971, 9, 10)) == ("in_force", None)  # the original end no longer applies
    assert status(t, dt.date(1974, 12, 31)) == ("in_force", None)
    assert status(t, dt.date(1975, 1, 1)) == ("terminated", "expired")


def test_amendment_after_expiry_is_reported_and_does_not_revive() -> None:
    t = treaty(
        {"duration": {"term": "P10Y"}},
        {"type": "amended", "date": "1972-01-01", "source": "t", "duration": {"term": "P5Y"}},
    )
    life = evaluate(t, REG)
    assert life.timeline.at(dt.date(1971, 9, 10)).status == "terminated"
    assert [c.code for c in life.checks] == ["amended_after_end"]


def test_notice_is_judged_under_the_clause_of_its_day() -> None:
    """After an amendment to 20-year periods, a notice counts against the amended period ends."""
    amended = {
        "type": "amended",
        "date": "1985-05-31",
        "source": "t",
        "duration": {"term": "P20Y", "renewal": {"period": "P10Y", "notice_before_end": "P1Y"}},
    }
    before = treaty(
        RENEW, amended, {"type": "notice_of_non_renewal", "party": "AAA", "date": "1980-01-01", "source": "t"}
    )
    after = treaty(
        RENEW, amended, {"type": "notice_of_non_renewal", "party": "AAA", "date": "1990-01-01", "source": "t"}
    )
    assert evaluate(before, REG).end.earliest == dt.date(1981, 9, 10)  # type: ignore[union-attr]
    assert evaluate(after, REG).end.earliest == dt.date(2005, 5, 31)  # type: ignore[union-attr]
    assert status(after, dt.date(2005, 5, 30)) == ("in_force", None)
