"""Hypothesis strategies for treaty rules: days, durations, partial dates, clauses, events, treaties,
state registries, corpora and event sequences. Needs ``pip install 'treatyrules[testing]'``.

Every strategy is hand-written (``@st.composite``) so that what it builds is valid by construction:
a signature before entry into force, notices after it (and after a denunciation clause's
``not_before``), a renewal's notice period shorter than its term, party codes from the registry.
Days are biased toward the places where date arithmetic breaks: month ends, 29 February,
1 January and 31 December, and the boundaries a rule derives (period ends minus the notice period).

>>> from hypothesis import given
>>> from treatyrules.strategies import treaties
>>> @given(treaties())
... def test_signed_first(t):
...     assert t.event(EventType.signed) is not None
>>> test_signed_first()

``register()`` (run by hypothesis' entry point) makes ``st.from_type(treatyrules.Treaty)`` work.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

try:
    from hypothesis import strategies as st
    from hypothesis.strategies import DrawFn
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "treatyrules.strategies needs hypothesis: pip install 'treatyrules[testing]' (or pip install hypothesis)"
    ) from exc

from .corpus import Corpus, StatusAnswer
from .dates import Duration, PartialDate, add, parse_partial
from .schema import (
    BY_PARTY,
    Clauses,
    DenunciationClause,
    DurationClause,
    Event,
    EventType,
    Obligation,
    ObligationKind,
    Reading,
    Renewal,
    TerminationClause,
    Treaty,
)
from .states import Registry, State

__all__ = [
    "DEFAULT_CODES",
    "corpora",
    "corpus_of",
    "days",
    "denunciation_clauses",
    "duration_clauses",
    "durations",
    "event_sequences",
    "events",
    "obligations",
    "partial_dates",
    "readings",
    "register",
    "registries",
    "states",
    "status_answers",
    "termination_clauses",
    "treaties",
]

#: Party codes used when no registry is given (ISO alpha-3 shaped; the registry strategy names them).
DEFAULT_CODES: tuple[str, ...] = ("CHN", "PRK", "RUS", "USA", "JPN", "KOR", "PHL", "TWN")
MIN = dt.date(1900, 1, 1)
MAX = dt.date(2100, 12, 31)
SOURCE = "hypothesis"
ONE = dt.timedelta(days=1)

T = TypeVar("T")


def _clip(day: dt.date, lo: dt.date, hi: dt.date) -> dt.date:
    return min(max(day, lo), hi)


@st.composite
def days(
    draw: DrawFn,
    min_value: dt.date = MIN,
    max_value: dt.date = MAX,
    boundaries: Sequence[dt.date] = (),
) -> dt.date:
    """A day in ``[min_value, max_value]``, often a month end, 29 February, 1 January, 31 December,
    or within two days of one of ``boundaries``.

    >>> from hypothesis import given
    >>> @given(days(dt.date(2000, 1, 1), dt.date(2000, 12, 31)))
    ... def check(d):
    ...     assert dt.date(2000, 1, 1) <= d <= dt.date(2000, 12, 31)
    >>> check()
    """
    if max_value < min_value:
        raise ValueError(f"days(): min_value {min_value} is after max_value {max_value}")
    kind = draw(st.sampled_from(("any", "month_end", "feb29", "year_edge", "boundary")))
    if kind == "month_end":
        y = draw(st.integers(min_value.year, max_value.year))
        m = draw(st.integers(1, 12))
        return _clip(dt.date(y, m, calendar.monthrange(y, m)[1]), min_value, max_value)
    if kind == "feb29":
        leap = [
            y
            for y in range(min_value.year, max_value.year + 1)
            if calendar.isleap(y) and min_value <= dt.date(y, 2, 29) <= max_value
        ]
        if leap:
            return dt.date(draw(st.sampled_from(leap)), 2, 29)
    if kind == "year_edge":
        y = draw(st.integers(min_value.year, max_value.year))
        return _clip(draw(st.sampled_from((dt.date(y, 1, 1), dt.date(y, 12, 31)))), min_value, max_value)
    inside = [b for b in boundaries if min_value - 2 * ONE <= b <= max_value + 2 * ONE]
    if kind == "boundary" and inside:
        b = draw(st.sampled_from(inside))
        return _clip(b + draw(st.integers(-2, 2)) * ONE, min_value, max_value)
    return draw(st.dates(min_value, max_value))


@st.composite
def durations(draw: DrawFn, max_years: int = 10, min_months: int = 0) -> Duration:
    """A non-zero ISO 8601 duration: whole years, months, years and months, or days
    (at least ``min_months`` long).

    >>> from hypothesis import given
    >>> @given(durations(max_years=3, min_months=6))
    ... def check(d):
    ...     assert not d.is_zero and d.approx_days() >= 6 * 28
    >>> check()
    """
    kind = draw(st.sampled_from(("Y", "M", "YM", "D")))
    lo_y = max(1, -(-min_months // 12))
    if kind == "Y" or max_years * 12 < max(min_months, 1):
        return Duration(years=draw(st.integers(lo_y, max(lo_y, max_years))))
    if kind == "M":
        return Duration(months=draw(st.integers(max(1, min_months), max(max(1, min_months), 12 * max_years))))
    if kind == "YM" and max_years >= 1:
        return Duration(years=draw(st.integers(1, max_years)), months=draw(st.integers(1, 11)))
    lo_d = max(1, min_months * 31)
    return Duration(days=draw(st.integers(lo_d, max(lo_d, 366 * max_years))))


_FORMS = ("day", "day?", "day~", "month", "month%", "month-XX", "year", "year?", "year-XX", "decade", "century")


def _form(day: dt.date, form: str) -> str:
    y, m, d = f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}"
    return {
        "day": f"{y}-{m}-{d}",
        "day?": f"{y}-{m}-{d}?",
        "day~": f"{y}-{m}-{d}~",
        "month": f"{y}-{m}",
        "month%": f"{y}-{m}%",
        "month-XX": f"{y}-{m}-XX",
        "year": y,
        "year?": f"{y}?",
        "year-XX": f"{y}-XX",
        "decade": f"{y[:3]}X",
        "century": f"{y[:2]}XX",
    }[form]


@st.composite
def partial_dates(
    draw: DrawFn,
    min_value: dt.date = MIN,
    max_value: dt.date = MAX,
    boundaries: Sequence[dt.date] = (),
    forms: Sequence[str] = _FORMS,
) -> str:
    """An EDTF-subset date string that ``dates.parse_partial`` accepts, whose whole range
    ``[earliest, latest]`` lies within ``[min_value, max_value]`` (exact when no wider form fits).

    Forms: ``1995-09-07``, ``1995-09-07?``, ``1995-09-07~``, ``1995-09``, ``1995-09%``,
    ``1995-09-XX``, ``1995``, ``1995?``, ``1995-XX``, ``199X``, ``19XX``.

    >>> from hypothesis import given
    >>> @given(partial_dates(dt.date(1990, 1, 1), dt.date(1999, 12, 31)))
    ... def check(s):
    ...     p = parse_partial(s)
    ...     assert dt.date(1990, 1, 1) <= p.earliest <= p.latest <= dt.date(1999, 12, 31)
    >>> check()
    """
    day = draw(days(min_value, max_value, boundaries))
    fitting = []
    for f in forms:
        p = parse_partial(_form(day, f))
        if min_value <= p.earliest and p.latest <= max_value:
            fitting.append(f)
    if not fitting:
        return day.isoformat()
    return _form(day, draw(st.sampled_from(fitting)))


# ---------------------------------------------------------------- clauses

_NOTICE_CHOICES = (
    Duration(months=1),
    Duration(days=30),
    Duration(months=3),
    Duration(months=6),
    Duration(days=90),
    Duration(years=1),
    Duration(years=2),
)


@st.composite
def duration_clauses(
    draw: DrawFn, renewal: bool | None = None, term: bool | None = None, max_years: int = 10
) -> DurationClause:
    """A duration clause: a fixed term with or without renewal (``renewal=None``: either), or
    indefinite (``term=False``). A renewal's notice period is shorter than the term and the period."""
    has_term = draw(st.booleans()) if term is None else term
    if not has_term:
        return DurationClause(article="1", text="indefinite")
    t = draw(durations(max_years=max_years, min_months=6))
    anchor = draw(st.sampled_from(("entry_into_force", "entry_into_force", "signature")))
    has_renewal = draw(st.booleans()) if renewal is None else renewal
    if not has_renewal:
        return DurationClause(article="1", term=t, anchor=anchor)
    period = draw(durations(max_years=max(1, max_years // 2), min_months=6))
    notice = draw(st.sampled_from([n for n in _NOTICE_CHOICES if t.longer_than(n) and period.longer_than(n)]))
    return DurationClause(article="1", term=t, anchor=anchor, renewal=Renewal(period=period, notice_before_end=notice))


@st.composite
def denunciation_clauses(draw: DrawFn, not_before: bool | None = None) -> DenunciationClause:
    """A denunciation clause: notice period, with or without ``not_before`` (``None``: either)."""
    notice = draw(st.sampled_from(_NOTICE_CHOICES))
    nb = draw(st.booleans()) if not_before is None else not_before
    return DenunciationClause(article="2", notice=notice, not_before=draw(durations(max_years=10)) if nb else None)


@st.composite
def termination_clauses(draw: DrawFn) -> TerminationClause:
    """Termination by agreement of the parties (maybe with a stated condition)."""
    cond = draw(st.sampled_from((None, "until the parties agree otherwise")))
    return TerminationClause(article="3", by_agreement=True, condition=cond)


@st.composite
def obligations(draw: DrawFn, parties: Sequence[str]) -> Obligation:
    """An obligation among ``parties``: everyone to everyone, or one direction."""
    kind = draw(st.sampled_from(list(ObligationKind)))
    if len(parties) >= 2 and draw(st.booleans()):
        a, b = draw(st.permutations(list(parties)))[:2]
        return Obligation(article="4", kind=kind, obligors=[a], beneficiaries=[b])
    return Obligation(article="4", kind=kind)


# ---------------------------------------------------------------- events


def _date_text(draw: DrawFn, lo: dt.date, hi: dt.date, exact: bool, boundaries: Sequence[dt.date] = ()) -> str:
    if exact or draw(st.integers(0, 3)) > 0:  # mostly exact even when partial dates are allowed
        return draw(days(lo, hi, boundaries)).isoformat()
    return draw(partial_dates(lo, hi, boundaries))


@st.composite
def events(
    draw: DrawFn,
    types: Sequence[EventType] = (
        EventType.signed,
        EventType.ratified,
        EventType.entered_into_force,
        EventType.terminated_by_agreement,
        EventType.suspension,
        EventType.resumption,
    ),
    parties: Sequence[str] = DEFAULT_CODES[:2],
    min_value: dt.date = MIN,
    max_value: dt.date = MAX,
    exact: bool = True,
) -> Event:
    """One event of one of ``types`` (a party drawn from ``parties`` where the type needs one)."""
    kind = draw(st.sampled_from(list(types)))
    text = _date_text(draw, min_value, max_value, exact)
    party = draw(st.sampled_from(list(parties))) if kind in _NEEDS_PARTY else None
    return Event(type=kind, date=text, source=SOURCE, party=party)


_NEEDS_PARTY = BY_PARTY


def _ev(kind: EventType, text: str, party: str | None = None) -> Event:
    return Event(type=kind, date=text, source=SOURCE, party=party)


def _period_ends(anchor: dt.date, d: DurationClause, until: dt.date) -> list[dt.date]:
    """Period ends up to ``until`` and the last in-time notice day before each (for biasing days)."""
    assert d.term is not None
    out: list[dt.date] = []
    k = 0
    while k < 200:
        end = add(anchor, d.term + (d.renewal.period * k if d.renewal else Duration()))
        if end > until:
            break
        out.append(end)
        if d.renewal is not None:
            out.append(add(end, d.renewal.notice_before_end, -1))
        else:
            break
        k += 1
    return out


@st.composite
def treaties(
    draw: DrawFn,
    *,
    codes: Sequence[str] = DEFAULT_CODES,
    n_parties: int = 2,
    exact: bool = True,
    start: dt.date = dt.date(1940, 1, 1),
    end: dt.date = dt.date(2040, 12, 31),
    span_years: int = 30,
    max_notices: int = 2,
    treaty_id: str | None = None,
) -> Treaty:
    """A treaty valid by construction.

    Signature in ``[start, end]``; entry into force (usually) on or after it; provisional
    application between them; a duration clause (indefinite, fixed, or renewed), maybe a
    denunciation clause (maybe with ``not_before``) and termination by agreement; notices of
    non-renewal or denunciation only where a clause provides for them and only after entry into
    force (and ``not_before``); treaty-wide suspension windows after entry into force; a withdrawal
    or termination by agreement now and then; obligations among the parties. Later events fall
    within ``span_years`` of the signature. ``exact=False`` lets some dates be partial (each range
    still respects the order above). Party codes come from ``codes``.
    """
    parties = draw(st.permutations(list(codes)))[:n_parties]
    sig_day = draw(days(start, end))
    clauses = draw(_clauses())
    evs = [_ev(EventType.signed, sig_day.isoformat()), *draw(_entry(sig_day, parties, exact))]
    eif = next((parse_partial(e.date.raw) for e in evs if e.type is EventType.entered_into_force), None)
    after = (eif.latest if eif else sig_day) + ONE  # later events come strictly after entry into force (or signature)
    horizon = max(add(sig_day, Duration(years=span_years)), after)
    boundaries: list[dt.date] = []
    if eif is not None:
        boundaries = _boundaries(clauses, sig_day, eif.earliest, horizon)
        evs += draw(_notices(clauses, parties, eif.latest, after, horizon, boundaries, exact, max_notices))
        evs += draw(_suspensions(after, horizon))
    if draw(st.integers(0, 4)) == 0 and after <= horizon:
        evs.append(_ev(EventType.terminated_by_agreement, draw(days(after, horizon, boundaries)).isoformat()))
    obs = draw(st.lists(obligations(parties), max_size=2))
    tid = treaty_id or f"{'-'.join(parties)}-{sig_day.year}"
    return Treaty(
        id=tid,
        title=f"Treaty between {' and '.join(parties)} ({sig_day.year})",
        parties=parties,
        clauses=clauses,
        obligations=obs,
        events=draw(st.permutations(evs)),
        sources=[SOURCE],
    )


@st.composite
def _clauses(draw: DrawFn) -> Clauses:
    """A duration clause (none, indefinite, fixed or renewed), maybe a denunciation clause and termination."""
    shape = draw(st.sampled_from(("none", "indefinite", "fixed", "renewed", "renewed")))
    out: dict[str, Any] = {}
    if shape != "none":
        out["duration"] = draw(duration_clauses(renewal=shape == "renewed", term=shape != "indefinite"))
    denunciation = draw(st.one_of(st.none(), denunciation_clauses()))
    if denunciation is not None:
        out["denunciation"] = denunciation
    if draw(st.booleans()):
        out["termination"] = draw(termination_clauses())
    return Clauses(**out)


@st.composite
def _entry(draw: DrawFn, sig_day: dt.date, parties: Sequence[str], exact: bool) -> list[Event]:
    """Entry into force (nine times in ten) with ratifications before it, and now and then provisional application."""
    out: list[Event] = []
    eif_lo = None
    if draw(st.integers(0, 9)) > 0:
        text = _date_text(draw, sig_day, add(sig_day, Duration(years=2)), exact)
        eif_lo = parse_partial(text).earliest
        out.append(_ev(EventType.entered_into_force, text))
        for party in parties:
            if draw(st.booleans()):
                out.append(_ev(EventType.ratified, draw(days(sig_day, eif_lo)).isoformat(), party))
    if draw(st.integers(0, 4)) == 0:
        hi = eif_lo or add(sig_day, Duration(years=2))
        out.append(_ev(EventType.provisional_application, _date_text(draw, sig_day, hi, exact)))
    return out


def _boundaries(clauses: Clauses, sig_day: dt.date, eif: dt.date, horizon: dt.date) -> list[dt.date]:
    """The days a rule derives (period ends, last in-time notice days) that days should be biased to."""
    duration, denunciation = clauses.duration, clauses.denunciation
    if duration is None or duration.term is None:
        return []
    anchor = eif if duration.anchor == "entry_into_force" else sig_day
    out = _period_ends(anchor, duration, horizon)
    ends = out[::2] if duration.renewal is not None else out
    if denunciation is not None:  # denunciations taking effect on a period end (ties)
        out += [add(e, denunciation.notice, -1) for e in ends]
    return out + ends


@st.composite
def _notices(
    draw: DrawFn,
    clauses: Clauses,
    parties: Sequence[str],
    eif_hi: dt.date,
    after: dt.date,
    horizon: dt.date,
    boundaries: Sequence[dt.date],
    exact: bool,
    max_notices: int,
) -> list[Event]:
    """Notices the clauses provide for, after entry into force (and ``not_before``); now and then a withdrawal."""
    duration, denunciation = clauses.duration, clauses.denunciation
    types: list[EventType] = []
    if duration is not None and duration.renewal is not None:
        types.append(EventType.notice_of_non_renewal)
    if denunciation is not None or (duration is not None and duration.renewal is not None):
        types.append(EventType.notice_of_denunciation)
    out: list[Event] = []
    for _ in range(draw(st.integers(0, max_notices)) if types else 0):
        kind = draw(st.sampled_from(types))
        lo = after
        if kind is EventType.notice_of_denunciation and denunciation is not None and denunciation.not_before:
            lo = max(lo, add(eif_hi, denunciation.not_before))
        if lo > horizon:
            continue
        out.append(_ev(kind, _date_text(draw, lo, horizon, exact, boundaries), draw(st.sampled_from(parties))))
    if draw(st.integers(0, 9)) == 0:
        day = draw(days(after, horizon, boundaries)).isoformat()
        out.append(_ev(EventType.withdrawal, day, draw(st.sampled_from(parties))))
    return out


@st.composite
def _suspensions(draw: DrawFn, after: dt.date, horizon: dt.date) -> list[Event]:
    """Treaty-wide suspension windows, one after another (the last maybe never resumed)."""
    out: list[Event] = []
    cur = after
    for _ in range(draw(st.integers(0, 2))):
        if cur + 2 * ONE > horizon:
            break
        s = draw(days(cur, horizon - ONE))
        out.append(_ev(EventType.suspension, s.isoformat()))
        if draw(st.integers(0, 3)) == 0:
            break  # suspended for good
        r = draw(days(s + ONE, horizon))
        out.append(_ev(EventType.resumption, r.isoformat()))
        cur = r + ONE
    return out


# ---------------------------------------------------------------- states, registries, corpora


@st.composite
def states(draw: DrawFn, code: str | None = None, continuators: Sequence[str] = ()) -> State:
    """A state entry; with ``continuators`` it may end (on a day) and be continued by one of them."""
    c = code or draw(st.from_regex(r"\A[A-Z]{3}\Z"))
    ended = continuator = None
    ends = draw(st.booleans()) if continuators else False
    if ends:
        ended = draw(days()).isoformat()
        continuator = draw(st.sampled_from(list(continuators)))
    return State(code=c, name=f"State {c}", ended=ended, continuator=continuator, source=SOURCE)


@st.composite
def registries(draw: DrawFn, codes: Sequence[str] = DEFAULT_CODES, extinctions: bool = False) -> Registry:
    """A registry naming ``codes``; ``extinctions=True`` lets some states end with a continuator
    (always a state that itself does not end)."""
    out = []
    codes = list(codes)
    lasting = codes[-1:]
    for c in codes:
        cont = [x for x in lasting if x != c] if extinctions else []
        out.append(draw(states(c, cont)))
    return Registry(out)


@st.composite
def corpora(draw: DrawFn, max_treaties: int = 3, codes: Sequence[str] = DEFAULT_CODES, exact: bool = True) -> Corpus:
    """A compiled corpus of up to ``max_treaties`` treaties (distinct ids) over a registry of ``codes``."""
    registry = draw(registries(codes))
    n = draw(st.integers(1, max_treaties))
    ts = [draw(treaties(codes=codes, exact=exact)) for _ in range(n)]
    ts = [t.model_copy(update={"id": f"{t.id}-{i}"}) for i, t in enumerate(ts)]
    return Corpus(ts, registry)


def corpus_of(treaties: Sequence[Treaty], *, as_of: dt.date | None = None) -> Corpus:
    """A compiled corpus of ``treaties`` over a registry of exactly the codes they name (no draw needed).

    >>> corpus_of([Treaty(id="AAA-BBB-2000", title="t", parties=["AAA", "BBB"],
    ...                   events=[{"type": "signed", "date": "2000-01-01", "source": "s"}])]).ids
    ['AAA-BBB-2000']
    """
    codes = sorted({c for t in treaties for _, named, _ in t.code_lists() for c in named})
    return Corpus(treaties, [State(code=c, name=f"State {c}", source=SOURCE) for c in codes], as_of=as_of)


@st.composite
def readings(draw: DrawFn, codes: Sequence[str] = DEFAULT_CODES[:2]) -> Reading:
    """A named reading: another duration clause, or an added event, or an added obligation."""
    name = draw(st.from_regex(r"\A[a-z][a-z0-9-]{2,12}\Z"))
    what = draw(st.sampled_from(("clauses", "events", "obligations")))
    body: dict[str, Any] = {"name": name, "description": f"reading {name}", "sources": [SOURCE]}
    if what == "clauses":
        body["clauses"] = Clauses(duration=draw(duration_clauses()))
    elif what == "events":
        body["events"] = [draw(events(parties=codes))]
    else:
        body["obligations"] = [draw(obligations(codes))]
    return Reading(**body)


@st.composite
def status_answers(draw: DrawFn) -> StatusAnswer:
    """The answer about one treaty of a drawn corpus on a drawn day."""
    corpus = draw(corpora())
    return corpus.status(draw(st.sampled_from(corpus.ids)), draw(days()))


def _latest_day(t: Treaty) -> dt.date:
    return max(e.date.latest for e in t.events)


def _status_after(t: Treaty) -> tuple[bool, bool]:
    """(in force known, suspended at the end of the recorded events) — for event sequences."""
    eif = t.event(EventType.entered_into_force) is not None
    susp = False
    for e in sorted(t.events, key=lambda e: e.date.earliest):
        if e.type is EventType.suspension and e.obligor is None:
            susp = True
        elif e.type is EventType.resumption and e.obligor is None:
            susp = False
    return eif, susp


@st.composite
def event_sequences(draw: DrawFn, treaty: Treaty, max_size: int = 4, span_years: int = 20) -> list[Event]:
    """Events that can be applied to ``treaty`` after its latest recorded event, in date order:
    notices its clauses provide for, withdrawal, termination by agreement, ratification, and
    suspension/resumption alternating with the treaty's suspension state. Empty before entry into force
    except ratifications and termination by agreement."""
    eif, susp = _status_after(treaty)
    day = _latest_day(treaty) + ONE
    horizon = add(day, Duration(years=span_years))
    d = treaty.clauses.duration
    den = treaty.clauses.denunciation
    eif_e = treaty.event(EventType.entered_into_force)
    out: list[Event] = []
    for _ in range(draw(st.integers(0, max_size))):
        if day > horizon:
            break
        kinds: list[EventType] = [EventType.ratified, EventType.terminated_by_agreement]
        if eif:
            kinds += [EventType.withdrawal, EventType.resumption if susp else EventType.suspension]
            if d is not None and d.renewal is not None:
                kinds.append(EventType.notice_of_non_renewal)
            if (
                den is not None
                and eif_e is not None
                and (den.not_before is None or add(eif_e.date.latest, den.not_before) <= day)
            ):
                kinds.append(EventType.notice_of_denunciation)
        kind = draw(st.sampled_from(kinds))
        when = draw(days(day, min(horizon, day + 3 * 366 * ONE)))
        party = draw(st.sampled_from(list(treaty.parties))) if kind in _NEEDS_PARTY | {EventType.ratified} else None
        out.append(_ev(kind, when.isoformat(), party))
        if kind is EventType.suspension:
            susp = True
        elif kind is EventType.resumption:
            susp = False
        day = when + ONE
    return out


def register() -> None:
    """Make ``st.from_type`` build valid rules objects: every model ``treatyrules`` exports (Treaty,
    Event, Obligation, Reading, State, Registry, Corpus, StatusAnswer, Duration, PartialDate) and the
    clauses (DurationClause, DenunciationClause, TerminationClause)."""
    pairs: list[tuple[type[Any], Callable[[], st.SearchStrategy[Any]]]] = [
        (Treaty, treaties),
        (Event, events),
        (Obligation, lambda: obligations(DEFAULT_CODES[:2])),
        (Reading, readings),
        (StatusAnswer, status_answers),
        (Registry, registries),
        (State, states),
        (Corpus, corpora),
        (Duration, durations),
        (PartialDate, lambda: partial_dates().map(parse_partial)),
        (DurationClause, duration_clauses),
        (DenunciationClause, denunciation_clauses),
        (TerminationClause, termination_clauses),
    ]
    for cls, make in pairs:
        st.register_type_strategy(cls, st.deferred(make))


# When this module is the first to import hypothesis, the entry-point hook runs before ``register``
# exists and leaves the registration to this line (registering twice is harmless).
register()
