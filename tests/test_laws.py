"""The laws of the engine, each a hypothesis property (stated one per line in docs/testing.md)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import assume, given
from hypothesis import strategies as st

import treatyrules
from treatyrules.corpus import Corpus
from treatyrules.dates import MIN_DAY, Duration
from treatyrules.lifecycle import Life, evaluate
from treatyrules.obligations import obligation_spells
from treatyrules.schema import DurationClause, Event, EventType, Renewal, Treaty
from treatyrules.serialize import dump_folder
from treatyrules.states import Registry, State
from treatyrules.strategies import DEFAULT_CODES, corpora, days, durations, registries, treaties

from .reference import ONE, Reference, plus

REGISTRY = registries(DEFAULT_CODES)
TWO = Registry([State(code="CHN", name="China"), State(code="PRK", name="North Korea")])
ORDER = {"not_signed": 0, "signed": 1, "provisional": 2, "in_force": 3, "suspended": 3, "terminated": 4}


def shape(life: Life) -> list[tuple[str, dt.date, dt.date | None, str | None, tuple[str, ...]]]:
    return [(s.status, s.start, s.end, s.reason, s.possible) for s in life.timeline.segments]


def probe_days(life: Life, extra: tuple[dt.date, ...] = ()) -> list[dt.date]:
    """Every change day, the day before it, and a few more."""
    out = {MIN_DAY}
    for d in (*life.timeline.change_days(), *extra):
        out.update({d, d - ONE})
    return sorted(out)


def with_events(t: Treaty, events: list[Event]) -> Treaty:
    return t.model_copy(update={"events": events})


# ---------------------------------------------------------------- 1. changes only where something happens
@given(treaties(), REGISTRY)
def test_status_changes_only_on_event_or_derived_days(t: Treaty, registry: Registry) -> None:
    ref = Reference(t)
    changes = set(evaluate(t, registry).timeline.change_days())
    allowed = {e.date.earliest for e in t.events} | set(ref.denunciation_effects)
    if ref.anchor is not None and ref.d is not None:
        # every period end up to the last change (a renewal period can be longer than any fixed margin)
        limit = max([ref.horizon(5), *changes])
        k = 0
        while ref._period_end(k) <= limit and k < 2000:
            allowed.add(ref._period_end(k))
            k += 1
    assert changes <= allowed, f"status changes on {sorted(changes - allowed)}, where nothing happens"


# ---------------------------------------------------------------- 2. the timeline is a partition, in order
@given(treaties(exact=False), REGISTRY)
def test_timeline_is_an_ordered_partition(t: Treaty, registry: Registry) -> None:
    segs = evaluate(t, registry).timeline.segments
    assert segs[0].start == MIN_DAY and segs[-1].end is None
    for a, b in itertools.pairwise(segs):
        assert a.end == b.start, "segments must be contiguous and half-open"
        assert a.start < b.start, "segments must be non-empty and ordered"
        assert a.status != b.status or a.status == "unknown", f"two {a.status} segments in a row"
    plain = [s for s in segs if s.status != "unknown"]
    assert plain[0].status == "not_signed"
    for a, b in itertools.pairwise(plain):
        ok = ORDER[a.status] < ORDER[b.status] or {a.status, b.status} == {"in_force", "suspended"}
        assert ok, f"{a.status} -> {b.status} is out of order"
    for i, s in enumerate(segs):
        if s.status == "unknown":
            assert 0 < i < len(segs) - 1
            before, after = segs[i - 1].status, segs[i + 1].status
            # the next status is one of the possible ones, or a later one that a certain boundary starts exactly
            # where the window ends (a month-precise provisional application cut off by a termination on its last day)
            assert after in s.possible or all(ORDER[p] < ORDER[after] for p in s.possible), (
                f"unknown before {after} does not list it: {s.possible}"
            )
            lo, hi = ORDER.get(before, -1), ORDER.get(after, 9)
            assert all(lo <= ORDER[p] <= hi for p in s.possible), f"unknown between {before} and {after}: {s.possible}"


# ---------------------------------------------------------------- 3. status(d) is the segment holding d
@given(corpora(exact=False), st.data())
def test_status_agrees_with_the_timeline_interval(corpus: Corpus, data: st.DataObject) -> None:
    for tid in corpus.ids:
        segs = corpus.timeline(tid)
        life = corpus.life(tid)
        for d in [*probe_days(life), data.draw(days(boundaries=life.timeline.change_days()))]:
            holding = [s for s in segs if s.start <= d and (s.end is None or d < s.end)]
            assert len(holding) == 1
            a = corpus.status(tid, d)
            s = holding[0]
            assert (a.status, a.since or MIN_DAY, a.until) == (s.status, s.start, s.end)


# ---------------------------------------------------------------- 4. event order does not matter
@given(treaties(exact=False), REGISTRY, st.randoms(use_true_random=False))
def test_events_in_any_order_give_the_same_timeline(t: Treaty, registry: Registry, rnd: object) -> None:
    evs = list(t.events)
    rnd.shuffle(evs)  # type: ignore[attr-defined]
    assert shape(evaluate(with_events(t, evs), registry)) == shape(evaluate(t, registry))


# ---------------------------------------------------------------- 5. later events never change earlier answers
LATER = (
    EventType.notice_of_denunciation,
    EventType.notice_of_non_renewal,
    EventType.withdrawal,
    EventType.terminated_by_agreement,
    EventType.suspension,
    EventType.resumption,
    EventType.ratified,
)


@given(treaties(), REGISTRY, st.data())
def test_an_event_after_d_never_changes_the_answer_for_d(t: Treaty, registry: Registry, data: st.DataObject) -> None:
    before = evaluate(t, registry)
    d = data.draw(
        days(
            min(e.date.earliest for e in t.events) - 400 * ONE,
            dt.date(2080, 1, 1),
            boundaries=before.timeline.change_days(),
        ),
        label="d",
    )
    when = data.draw(days(d + ONE, d + 30 * 366 * ONE, boundaries=before.timeline.change_days()), label="event day")
    kind = data.draw(st.sampled_from(LATER), label="kind")
    party = data.draw(st.sampled_from(t.parties)) if kind is not EventType.terminated_by_agreement else None
    counts_from = None
    if kind in (EventType.notice_of_denunciation, EventType.notice_of_non_renewal) and data.draw(st.booleans()):
        counts_from = data.draw(days(d - 40 * 366 * ONE, when), label="counts_from").isoformat()
    if kind in (EventType.suspension, EventType.resumption):
        party = None
    new = Event(type=kind, date=when.isoformat(), source="law", party=party, counts_from=counts_from)
    evs = list(t.events)
    evs.insert(data.draw(st.integers(0, len(evs)), label="position"), new)
    after = evaluate(with_events(t, evs), registry)
    assert after.timeline.at(d).status == before.timeline.at(d).status


def test_a_retroactive_notice_may_change_the_past_and_must_be_declared() -> None:
    base = [
        {"type": "signed", "date": "1990-01-01", "source": "s"},
        {"type": "entered_into_force", "date": "1990-06-01", "source": "s"},
    ]
    notice = {
        "type": "notice_of_denunciation",
        "party": "CHN",
        "date": "2000-06-01",
        "counts_from": "1998-01-01",
        "source": "s",
    }

    def life(**extra: object) -> Life:
        t = Treaty.model_validate(
            {
                "id": "T-1",
                "title": "T",
                "parties": ["CHN", "PRK"],
                "clauses": {"denunciation": {"notice": "P1Y"}},
                "events": [*base, {**notice, **extra}],
            }
        )
        return evaluate(t, TWO)

    plain, retro = life(), life(retroactive=True)
    assert plain.end is not None and plain.end.earliest == dt.date(2000, 6, 1)
    assert any(c.code == "retroactive" for c in plain.checks)
    assert retro.end is not None and retro.end.earliest == dt.date(1999, 1, 1)
    assert plain.timeline.at(dt.date(2000, 5, 31)).status == "in_force"
    assert retro.timeline.at(dt.date(2000, 5, 31)).status == "terminated"


# ---------------------------------------------------------------- 6. renewal notice boundary
def _latest_notice(end: dt.date, nb: Duration) -> dt.date:
    """The last day n with n + nb <= end, found by walking (independent of the engine)."""
    n = end - dt.timedelta(days=int(nb.approx_days()) + 40)
    while plus(n + ONE, nb.years, nb.months, nb.days) <= end:
        n += ONE
    return n


@given(
    days(dt.date(1900, 1, 1), dt.date(2050, 12, 31)),
    durations(max_years=10, min_months=6),
    durations(max_years=5, min_months=6),
    st.sampled_from([Duration(months=1), Duration(days=30), Duration(months=3), Duration(months=6)]),
    st.integers(0, 3),
)
def test_renewal_notice_in_time_ends_at_that_period_end_one_day_late_a_period_later(
    eif: dt.date, term: Duration, period: Duration, nb: Duration, k: int
) -> None:
    def end_k(j: int) -> dt.date:
        return plus(eif, term.years + j * period.years, term.months + j * period.months, term.days + j * period.days)

    assume(period.approx_days() > nb.approx_days())  # the schema refuses a renewal period its notice fills
    n = _latest_notice(end_k(k), nb)
    if n <= eif:
        return
    clause = DurationClause(term=term, renewal=Renewal(period=period, notice_before_end=nb))
    for notice, expected in ((n, end_k(k)), (n + ONE, end_k(k + 1))):
        t = Treaty.model_validate(
            {
                "id": "T-1",
                "title": "T",
                "parties": ["CHN", "PRK"],
                "clauses": {"duration": clause},
                "events": [
                    {"type": "signed", "date": eif.isoformat(), "source": "s"},
                    {"type": "entered_into_force", "date": eif.isoformat(), "source": "s"},
                    {"type": "notice_of_non_renewal", "party": "PRK", "date": notice.isoformat(), "source": "s"},
                ],
            }
        )
        life = evaluate(t, TWO)
        assert life.end is not None and (life.end.earliest, life.end.reason) == (expected, "expired"), notice
        assert life.timeline.at(expected - ONE).status == "in_force"
        assert life.timeline.at(expected).status == "terminated"


# ---------------------------------------------------------------- 7. obligations only while in force for both
@given(treaties(exact=False), REGISTRY)
def test_obligation_only_while_in_force_for_both(t: Treaty, registry: Registry) -> None:
    life = evaluate(t, registry)
    for sp in obligation_spells(life, registry):
        for d in {sp.start, (sp.end or dt.date(9999, 1, 1)) - ONE}:
            if not sp.holds(d):
                continue
            need = ("in_force",) if sp.certain else ("in_force", "unknown")
            assert life.timeline.at(d).status in need
            for who in (sp.obligor, sp.beneficiary):
                assert life.memberships[who].timeline.at(d).status in need
    # and conversely: on a day in force for the treaty and both, each declared pair is owed
    for d in probe_days(life):
        if life.timeline.at(d).status != "in_force":
            continue
        for ob in t.obligations:
            a = t.parties[0] if ob.obligors == "all" else ob.obligors[0]
            b = t.parties[1] if ob.beneficiaries == "all" else ob.beneficiaries[0]
            if all(life.memberships[x].timeline.at(d).status == "in_force" for x in (a, b)):
                assert any(
                    s.holds(d) and (s.obligor, s.beneficiary, s.kind) == (a, b, ob.kind.value)
                    for s in obligation_spells(life, registry)
                )


# ---------------------------------------------------------------- 8. determinism
def _answers_json(corpus: Corpus, day_list: list[dt.date]) -> str:
    return json.dumps(
        [[a.to_json() for a in corpus.statuses(d, signed_only=False)] for d in day_list],
        sort_keys=False,
        ensure_ascii=False,
    )


@given(corpora(exact=False), st.lists(days(), min_size=1, max_size=5))
def test_evaluation_is_deterministic(corpus: Corpus, day_list: list[dt.date]) -> None:
    again = Corpus(
        reversed([Treaty.model_validate(t.model_dump()) for t in corpus.treaties.values()]),
        Registry(list(corpus.registry.states.values())[::-1]),
    )
    assert _answers_json(again, day_list) == _answers_json(corpus, day_list)


# ---------------------------------------------------------------- 9. round trip through the serializer
@given(corpora(exact=False), st.lists(days(), min_size=1, max_size=5))
def test_round_trip_through_the_serializer(corpus: Corpus, day_list: list[dt.date]) -> None:
    with TemporaryDirectory() as tmp:
        dump_folder(corpus, Path(tmp))
        back = treatyrules.load(tmp)
    assert back.ids == corpus.ids
    assert dict(back.treaties) == dict(corpus.treaties)
    for tid in corpus.ids:
        probes = probe_days(corpus.life(tid), tuple(day_list))
        assert [back.status(tid, d).to_json() for d in probes] == [corpus.status(tid, d).to_json() for d in probes]


@given(corpora(exact=False), st.data())
def test_corpus_obligations_only_while_in_force_for_both(corpus: Corpus, data: st.DataObject) -> None:
    for tid in corpus.ids:
        life = corpus.life(tid)
        for d in [*probe_days(life), data.draw(days(boundaries=life.timeline.change_days()))]:
            for a in corpus.obligations(d, treaty=tid):
                need = ("in_force",) if a.certain else ("in_force", "unknown")
                assert life.timeline.at(d).status in need
                for who in (a.obligor, a.beneficiary):
                    assert life.memberships[who].timeline.at(d).status in need
