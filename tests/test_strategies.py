"""The shipped strategies: valid by construction, biased where dates break, registered for from_type."""

from __future__ import annotations

import datetime as dt

from hypothesis import find, given
from hypothesis import strategies as st

import treatyrules
from treatyrules.corpus import Corpus
from treatyrules.dates import parse_partial
from treatyrules.schema import EventType, Treaty
from treatyrules.states import Registry
from treatyrules.strategies import DEFAULT_CODES, days, event_sequences, partial_dates, treaties


@given(st.from_type(treatyrules.Treaty))
def test_from_type_builds_valid_treaties(t: Treaty) -> None:
    assert isinstance(t, Treaty)
    assert Treaty.model_validate(t.model_dump()) == t


@given(st.from_type(Registry), st.from_type(Corpus))
def test_from_type_builds_registries_and_corpora(r: Registry, c: Corpus) -> None:
    assert set(DEFAULT_CODES) <= set(r.states)
    assert c.ids


@given(treaties(exact=False))
def test_treaties_are_valid_by_construction(t: Treaty) -> None:
    sig = t.event(EventType.signed)
    eif = t.event(EventType.entered_into_force)
    assert sig is not None and set(t.parties) <= set(DEFAULT_CODES)
    if eif is not None:
        assert sig.date.latest <= eif.date.earliest
    for e in t.events:
        if e.type in (
            EventType.notice_of_denunciation,
            EventType.notice_of_non_renewal,
            EventType.withdrawal,
            EventType.suspension,
            EventType.resumption,
        ):
            assert eif is not None and e.date.earliest > eif.date.latest
        if e.type is EventType.notice_of_non_renewal:
            assert t.clauses.duration is not None and t.clauses.duration.renewal is not None


@given(partial_dates())
def test_partial_dates_parse(text: str) -> None:
    p = parse_partial(text)
    assert dt.date(1900, 1, 1) <= p.earliest <= p.latest <= dt.date(2100, 12, 31)


def test_every_partial_form_is_generated() -> None:
    for pattern in (
        r"^\d{4}-\d\d-\d\d$",
        r"\?$",
        r"~$",
        r"%$",
        r"^\d{4}-\d\d$",
        r"-XX$",
        r"^\d{4}$",
        r"^\d{3}X$",
        r"^\d\dXX$",
    ):
        find(partial_dates(), lambda s, pat=pattern: __import__("re").search(pat, s) is not None)


def test_days_reach_february_29_and_month_ends() -> None:
    find(days(), lambda d: (d.month, d.day) == (2, 29))
    find(days(), lambda d: (d + dt.timedelta(days=1)).day == 1 and d.month != 12)
    find(days(), lambda d: (d.month, d.day) == (1, 1))
    boundary = dt.date(1977, 6, 15)
    find(days(boundaries=[boundary]), lambda d: d == boundary + dt.timedelta(days=1))


@given(treaties(), st.data())
def test_event_sequences_follow_the_treaty(t: Treaty, data: st.DataObject) -> None:
    evs = data.draw(event_sequences(t))
    last = max(e.date.latest for e in t.events)
    days_ = [e.date.earliest for e in evs]
    assert days_ == sorted(days_) and all(d > last for d in days_)
    t2 = t.model_copy(update={"events": [*t.events, *evs]})
    assert Treaty.model_validate(t2.model_dump()) == t2


def test_from_type_works_when_strategies_is_imported_first() -> None:
    """Importing treatyrules.strategies before hypothesis must not break the entry-point hook."""
    import subprocess
    import sys

    code = (
        "import treatyrules.strategies\n"
        "from hypothesis import strategies as st\n"
        "import treatyrules\n"
        "assert isinstance(st.from_type(treatyrules.Treaty).example(), treatyrules.Treaty)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


@given(
    st.from_type(treatyrules.Event),
    st.from_type(treatyrules.Obligation),
    st.from_type(treatyrules.Reading),
    st.from_type(treatyrules.StatusAnswer),
)
def test_from_type_builds_every_exported_model(
    e: treatyrules.Event, o: treatyrules.Obligation, r: treatyrules.Reading, a: treatyrules.StatusAnswer
) -> None:
    assert treatyrules.Event.model_validate(e.model_dump()) == e
    assert treatyrules.Obligation.model_validate(o.model_dump()) == o
    assert treatyrules.Reading.model_validate(r.model_dump()) == r
    assert a.status in ("not_signed", "signed", "provisional", "in_force", "suspended", "terminated", "unknown")


@given(st.lists(treaties(), min_size=1, max_size=3, unique_by=lambda t: t.id))
def test_corpus_of_builds_a_registry_for_what_the_treaties_name(ts: list[Treaty]) -> None:
    from treatyrules.strategies import corpus_of

    c = corpus_of(ts)
    assert c.ids == sorted(t.id for t in ts)
    assert set(c.registry.states) == {p for t in ts for p in t.parties}


def test_without_hypothesis_the_import_says_which_extra_to_install() -> None:
    import subprocess
    import sys

    code = "import sys; sys.modules['hypothesis'] = None; import treatyrules.strategies"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 1
    assert "pip install 'treatyrules[testing]'" in res.stderr
