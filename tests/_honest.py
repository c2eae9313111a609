"""Helpers for the uncertainty, readings, as-of and explain tests: tiny treaties built in code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from treatyrules.corpus import Corpus
from treatyrules.schema import Treaty
from treatyrules.states import State

from ._cli import run_cli  # noqa: F401  (the tests of issue 4 import it from here)

STATES = [State(code="AAA", name="Aland"), State(code="BBB", name="Bland")]
D = dt.date.fromisoformat


def treaty(
    events: list[dict[str, Any]],
    clauses: dict[str, Any] | None = None,
    readings: list[dict[str, Any]] | None = None,
    tid: str = "AAA-BBB-1961",
) -> Treaty:
    """A two-party test treaty; every event gets a source."""
    evs = [{"source": "test fixture", **e} for e in events]
    return Treaty.model_validate(
        {
            "id": tid,
            "title": "Test treaty",
            "parties": ["AAA", "BBB"],
            "clauses": clauses or {},
            "events": evs,
            "readings": readings or [],
        }
    )


RENEWING = {"duration": {"article": "6", "term": "P10Y", "renewal": {"period": "P5Y", "notice_before_end": "P1Y"}}}


def renewing(notice: str | None, lapse: str | None = None, **extra: Any) -> Treaty:
    """SUN-PRK-1961's shape: in force 1961-09-10, 10 years then 5-year renewals, 1-year notice."""
    events: list[dict[str, Any]] = [
        {"type": "signed", "date": "1961-07-06"},
        {"type": "entered_into_force", "date": "1961-09-10"},
    ]
    if notice is not None:
        events.append({"type": "notice_of_non_renewal", "party": "AAA", "date": notice, **extra})
    if lapse is not None:
        events.append({"type": "lapsed", "date": lapse})
    return treaty(events, RENEWING)


def corpus(*treaties: Treaty, **options: Any) -> Corpus:
    return Corpus(list(treaties), STATES, **options)
