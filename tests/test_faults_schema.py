"""What the schema refuses so that later arithmetic never meets it: zero-length periods, a renewal no
notice fits in, ends on the calendar's first day, loosely coerced numbers; and linear duplicate checks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from treatyrules import Corpus
from treatyrules.dates import MAX_DAY, MIN_DAY, Duration, add, parse_duration
from treatyrules.schema import DenunciationClause, DurationClause, Event, Renewal, Treaty, _repeated
from treatyrules.states import Registry, State

SIGNED = {"type": "signed", "date": "1950-01-01", "source": "s"}


def _treaty(events: list[dict[str, Any]], **extra: Any) -> Treaty:
    return Treaty.model_validate(
        {"id": "AAA-BBB-1950", "title": "T", "parties": ["AAA", "BBB"], "events": events, **extra}
    )


def _refused(model: Any, data: dict[str, Any], words: str) -> None:
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    assert words in str(info.value), str(info.value)


# ---------------------------------------------------------------- durations


@pytest.mark.parametrize("zero", ["P0Y", "P0D", "P0M", "P0Y0M0D", "P0W"])
@pytest.mark.parametrize(
    ("model", "field", "base", "words"),
    [
        (DurationClause, "term", {}, "a term of zero length"),
        (Renewal, "period", {"notice_before_end": "P1D"}, "a renewal period of zero length"),
        (Renewal, "notice_before_end", {"period": "P5Y"}, "a notice period of zero length"),
        (DenunciationClause, "notice", {}, "a notice period of zero length"),
        (DenunciationClause, "not_before", {}, "a waiting time of zero length"),
    ],
)
def test_zero_length_is_refused_where_a_period_is_needed(
    model: Any, field: str, base: dict[str, str], words: str, zero: str
) -> None:
    _refused(model, {**base, field: zero}, words)
    model.model_validate({**base, field: "P2D"})  # the other side of the boundary


@pytest.mark.parametrize(
    ("period", "notice", "ok"),
    [
        ("P5Y", "P1Y", True),
        ("P1Y", "P11M", True),
        ("P13M", "P1Y", True),
        ("P1Y", "P12M", False),
        ("P1Y", "P1Y", False),
        ("P6M", "P1Y", False),
        ("P31D", "P1M", True),
        ("P30D", "P1M", False),
        ("P2D", "P1D", True),
        ("P1D", "P1D", False),
    ],
)
def test_a_renewal_period_must_be_longer_than_its_notice(period: str, notice: str, ok: bool) -> None:
    data = {"period": period, "notice_before_end": notice}
    if ok:
        Renewal.model_validate(data)
    else:
        _refused(Renewal, data, f"renewal period {parse_duration(period)} is not longer than its notice")


def test_the_default_notice_of_one_year_counts() -> None:
    _refused(Renewal, {"period": "P6M"}, "renewal period P6M is not longer than its notice P1Y")


months = st.builds(Duration, years=st.integers(0, 30), months=st.integers(0, 40))


@given(months, months)
def test_longer_agrees_with_the_calendar_for_whole_months(a: Duration, b: Duration) -> None:
    anchor = dt.date(2001, 1, 1)
    assert a.longer_than(b) == (add(anchor, a) > add(anchor, b))
    assert not (a.longer_than(b) and b.longer_than(a))


@given(st.builds(Duration, days=st.integers(0, 5000)), st.builds(Duration, days=st.integers(0, 5000)))
def test_longer_agrees_with_the_calendar_for_days(a: Duration, b: Duration) -> None:
    assert a.longer_than(b) == (a.days > b.days)


# ---------------------------------------------------------------- the calendar's first day

ENDINGS = ["withdrawal", "terminated_by_agreement", "superseded", "dissolved", "lapsed", "terminated"]


def _ending(kind: str, date: str) -> dict[str, Any]:
    e: dict[str, Any] = {"type": kind, "date": date, "source": "s"}
    if kind == "withdrawal":
        e["party"] = "AAA"
    if kind == "superseded":
        e["by_treaty"] = "CCC-AAA-1990"
    return e


@pytest.mark.parametrize("kind", ENDINGS)
@pytest.mark.parametrize("date", ["0001-01-01", "0001", "../1950", "[..1950]", "0001-01"])
def test_an_end_reaching_the_first_day_is_refused(kind: str, date: str) -> None:
    _refused(Event, _ending(kind, date), "ends something on the calendar's first day, 0001-01-01")


@pytest.mark.parametrize("kind", ENDINGS)
@pytest.mark.parametrize("date", ["0001-01-02", "0001-01-02/1950", "9999-12-31", "1950/.."])
def test_an_end_from_the_second_day_on_is_accepted(kind: str, date: str) -> None:
    Event.model_validate(_ending(kind, date))


def test_a_superseding_treaty_cannot_enter_into_force_on_the_first_day() -> None:
    eif = {"type": "entered_into_force", "date": "0001-01-01", "source": "s"}
    first = {**SIGNED, "date": "0001-01-01"}
    clauses = {"supersedes": {"treaties": ["CCC-AAA-1990"]}}
    with pytest.raises(ValidationError, match="of a treaty that supersedes others"):
        _treaty([first, eif], clauses=clauses)
    _treaty([first, eif])  # without the clause it ends nothing
    _treaty([first, {**eif, "date": "0001-01-02"}], clauses=clauses)


def _registry() -> Registry:
    return Registry([State(code=c, name=c, source="s") for c in ("AAA", "BBB", "CCC")])


@pytest.mark.parametrize(
    "events",
    [
        [{**SIGNED, "date": "0001-01-01"}, {"type": "entered_into_force", "date": "0001-01-01", "source": "s"}],
        [{**SIGNED, "date": "0001-01-01"}, {"type": "suspension", "date": "0001-01-01", "source": "s"}],
        [{**SIGNED, "date": "9999-12-31"}, {"type": "entered_into_force", "date": "9999-12-31", "source": "s"}],
        [
            {**SIGNED, "date": "0001-01-01"},
            {"type": "entered_into_force", "date": "0001-01-01", "source": "s"},
            _ending("withdrawal", "0001-01-02"),
        ],
        [
            {**SIGNED, "date": "0001-01-01"},
            {"type": "entered_into_force", "date": "0001-01-01", "source": "s"},
            {"type": "notice_of_denunciation", "party": "AAA", "date": "9999-12-31", "source": "s"},
        ],
    ],
    ids=["eif-first-day", "suspension-first-day", "eif-last-day", "withdrawal-second-day", "notice-last-day"],
)
def test_what_the_schema_accepts_at_the_edges_evaluates(events: list[dict[str, Any]]) -> None:
    t = _treaty(events, clauses={"denunciation": {"notice": "P1Y"}, "duration": {"term": "P10Y"}})
    corpus = Corpus({t.id: t}, _registry())
    for day in (MIN_DAY, dt.date(1, 1, 2), dt.date(1995, 1, 1), dt.date(9999, 12, 30), MAX_DAY):
        corpus.status(t.id, day)
        corpus.statuses(day)
        corpus.obligations(day)
    assert corpus.timeline(t.id)


# ---------------------------------------------------------------- numbers and duplicates


@pytest.mark.parametrize("value", [True, "017", "1_000", 3445.0, "3445", " 3445 "])
def test_an_atopid_is_a_plain_whole_number(value: Any) -> None:
    with pytest.raises(ValidationError, match="atopid"):
        _treaty([SIGNED], atopid=value)
    assert _treaty([SIGNED], atopid=3445).atopid == 3445


@given(st.lists(st.sampled_from(["AAA", "BBB", "CCC", "DDD", "EEE"]), max_size=30))
def test_repeated_is_the_set_of_items_seen_twice(items: list[str]) -> None:
    assert _repeated(items) == sorted({x for x in items if items.count(x) > 1})


def test_parties_and_readings_twice_name_the_duplicates() -> None:
    with pytest.raises(ValidationError, match="party listed twice: AAA; list each party once"):
        Treaty.model_validate({"id": "A-B", "title": "T", "parties": ["AAA", "BBB", "AAA"], "events": [SIGNED]})
    reading = {"name": "r", "description": "d", "sources": ["s"]}
    with pytest.raises(ValidationError, match="reading declared twice: r"):
        _treaty([SIGNED], readings=[reading, reading])
