"""No derivation without an end: every search over renewal periods stops at the calendar's edges."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from treatyrules import Corpus, Treaty
from treatyrules.dates import MAX_DAY, Duration, first_period_end, period_end
from treatyrules.explain import explain
from treatyrules.states import State

from ._cli import run_cli

STATES = [State(code="AAA", name="A"), State(code="BBB", name="B")]


def _treaty(signed: str, duration: dict[str, Any], events: list[dict[str, Any]] = ()) -> Treaty:  # type: ignore[assignment]
    return Treaty.model_validate(
        {
            "id": "AAA-BBB-0001",
            "title": "t",
            "parties": ["AAA", "BBB"],
            "clauses": {"duration": {"article": "1", **duration}},
            "events": [
                {"type": "signed", "date": signed, "source": "t"},
                {"type": "entered_into_force", "date": signed, "source": "t"},
                *({"source": "t", **e} for e in events),
            ],
        }
    )


@pytest.mark.parametrize(
    ("signed", "duration", "events"),
    [
        # a daily renewal from the calendar's first day: 3.6 million periods to the last day
        ("0001-01-02", {"term": "P2D", "renewal": {"period": "P2D", "notice_before_end": "P1D"}}, []),
        ("0001-01-02", {"term": "P2D", "renewal": {"period": "P2D", "notice_before_end": "P1D"}},
         [{"type": "notice_of_non_renewal", "party": "AAA", "date": "9999-06-01"}]),
        # a term longer than the calendar
        ("1961-09-10", {"term": "P9000Y", "renewal": {"period": "P5Y", "notice_before_end": "P1Y"}}, []),
        ("1961-09-10", {"term": "P10Y", "renewal": {"period": "P5Y", "notice_before_end": "P1Y"}},
         [{"type": "notice_of_non_renewal", "party": "AAA", "date": "9999-12-30"}]),
    ],
)  # fmt: skip
def test_status_and_explain_at_the_last_day_of_the_calendar(
    signed: str, duration: dict[str, Any], events: list[dict[str, Any]]
) -> None:
    c = Corpus([_treaty(signed, duration, events)], STATES)
    for day in (MAX_DAY, MAX_DAY - dt.timedelta(days=1), dt.date(5000, 6, 15)):
        a = c.status("AAA-BBB-0001", day)
        assert a.status in ("in_force", "terminated", "unknown")
        assert explain(c, "AAA-BBB-0001", day).answer == a


def test_the_first_period_end_agrees_with_counting_periods() -> None:
    anchor, term, period = dt.date(2000, 1, 31), Duration(months=1), Duration(months=1)
    for day in (dt.date(2000, 2, 28), dt.date(2000, 2, 29), dt.date(2000, 3, 1), dt.date(2003, 7, 31)):
        k = 0
        while period_end(anchor, term, period, k) < day:
            k += 1
        assert first_period_end(anchor, term, period, day) == (period_end(anchor, term, period, k), k)
    assert first_period_end(anchor, term, period, MAX_DAY)[0] == MAX_DAY


def test_explain_returns_on_the_shipped_corpus_at_the_last_day() -> None:
    """Fault probe R4: ``explain CHN-PRK-1961 --date 9999-12-31`` never returned."""
    for reading in ((), ("--reading", "twenty-year-renewal")):
        res = run_cli(*reading, "explain", "CHN-PRK-1961", "--date", "9999-12-31", timeout=60)
        assert res.returncode == 0, res.stderr
        assert "CHN-PRK-1961 on 9999-12-31: in_force" in res.stdout
