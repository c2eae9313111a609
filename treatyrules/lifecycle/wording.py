"""The words of every basis step and status summary: one sentence per kind of fact.

The derivation (the other stages) decides dates; this module only says them. Nothing here is ever
parsed back.
"""

from __future__ import annotations

import datetime as dt

from ..dates import MAX_DAY, MIN_DAY, PartialDate
from ..schema import INFORMATIONAL, DurationClause, Event, EventType, Treaty
from ..timeline import Bound, Step
from .facts import Facts

__all__ = [
    "article",
    "end_summary",
    "fmt",
    "governing",
    "on",
    "quote",
    "regime_words",
    "step_for",
]


def fmt(p: PartialDate) -> str:
    """``1961-09-10``; ``1995 (some day between 1995-01-01 and 1995-12-31)``."""
    if p.exact:
        return p.raw
    if p.earliest == MIN_DAY:
        return f"{p.raw} (some day on or before {p.latest})"
    if p.latest == MAX_DAY:
        return f"{p.raw} (some day on or after {p.earliest})"
    return f"{p.raw} (some day between {p.earliest} and {p.latest})"


def on(p: PartialDate) -> str:
    """``on 1961-09-10``; ``in 1995 (some day between ...)``; ``on some day in 1995-08/1995-09 (...)``."""
    if p.exact:
        return f"on {p.raw}"
    if p.precision == "range":
        return f"on {fmt(p)}"
    return f"in {fmt(p)}"


def article(a: str | None) -> str:
    return f"Art. {a}" if a else "the treaty"


def quote(text: str | None) -> str:
    return f' "{text}"' if text else ""


def step_for(e: Event, text: str) -> Step:
    """A basis step resting on an event (its article, type, date and source)."""
    return Step(text, e.article, e.type.value, e.date.raw, e.source, not e.date.exact)


def span(lo: dt.date, hi: dt.date) -> str:
    """``1995-06-05`` or ``1995-06-05 to 1996-06-05``."""
    return f"{lo}" if lo == hi else f"{lo} to {hi}"


# ------------------------------------------------------------------ start


def signed(e: Event) -> str:
    place = f" at {e.place}" if e.place else ""
    return f"signed {on(e.date)}{place}"


def entered_into_force(e: Event, clause_article: str | None, clause_text: str | None) -> str:
    how = f" under {article(clause_article)}{quote(clause_text)}" if (clause_article or clause_text) else ""
    return f"entered into force {on(e.date)}{how}"


def in_force_for(e: Event) -> str:
    return f"in force for {e.party} from {fmt(e.date)}"


def acceded(member: str, e: Event) -> str:
    return f"{member} acceded; member from {fmt(e.date)}"


def applied_provisionally(e: Event) -> str:
    return f"applied provisionally from {fmt(e.date)}"


def ratified(e: Event) -> str:
    return f"ratified{' by ' + e.party if e.party else ''} {on(e.date)}"


def organisation_dissolved(e: Event) -> str:
    return f"the organisation was dissolved {on(e.date)}; the treaty itself was not terminated"


def amended(e: Event) -> str:
    new = f"; from then {regime_words(e.duration)}" if e.duration is not None else ""
    return f"amended {on(e.date)}{new}"


# ------------------------------------------------------------------ duration


def renewal_words(d: DurationClause) -> str:
    """``, renewed for successive periods of 5 years unless notice is given 1 year before a period ends``."""
    if d.renewal is None:
        return ""
    return (
        f", renewed for successive periods of {d.renewal.period.words()} unless notice is given "
        f"{d.renewal.notice_before_end.words()} before a period ends"
    )


def regime_words(d: DurationClause | None) -> str:
    if d is None or d.term is None:
        return "no fixed term"
    return f"a term of {d.term.words()}{renewal_words(d)}"


def expires(d: DurationClause, origin: str, lo: dt.date, hi: dt.date) -> str:
    assert d.term is not None
    return f"{article(d.article)} fixes a term of {d.term.words()} from {origin}: it expires on {span(lo, hi)}"


def period_name(k: int, d: DurationClause) -> str:
    """``the end of the initial 10-year term``; ``the end of 5-year renewal period 2``."""
    assert d.term is not None
    if k == 0:
        return f"the end of the initial {d.term.adjective()} term"
    assert d.renewal is not None
    return f"the end of {d.renewal.period.adjective()} renewal period {k}"


def governing(treaty: Treaty) -> Step | None:
    """The clause that keeps the treaty in force, with its denunciation right if it has one."""
    c = treaty.clauses
    den = c.denunciation
    exit_right = ""
    if den is not None:
        after = f" after {den.not_before.words()} in force" if den.not_before else ""
        exit_right = f"; a party may denounce it{after} with notice of {den.notice.words()} ({article(den.article)})"
    if c.duration is not None and c.duration.term is not None:
        d, term = c.duration, c.duration.term
        text = f"{article(d.article)} (a term of {term.words()}{renewal_words(d)}){exit_right}"
        return Step(text, d.article, source=d.source)
    if c.termination is not None:
        t = c.termination
        return Step(f"{article(t.article)}{quote(t.text)}{exit_right}", t.article, source=t.source)
    if den is not None:
        return Step(f"{article(den.article)} (no fixed term{exit_right})", den.article, source=den.source)
    if c.duration is not None:
        d = c.duration
        return Step(f"{article(d.article)}{quote(d.text)}", d.article, source=d.source)
    return None


# ------------------------------------------------------------------ exits


def notice_when(e: Event) -> str:
    """``on 1995-09-10``, with ``, counting from ...`` when the notice says from when it runs."""
    return on(e.date) + (f", counting from {fmt(e.counts_from)}" if e.counts_from else "")


def withdrew(e: Event) -> str:
    how = f"under {article(e.article)}" if e.article else "a unilateral act outside the treaty's own terms"
    return f"{e.party} withdrew, effective {fmt(e.date)} ({how})"


def non_renewal_in_time(e: Event, d: DurationClause, end: dt.date, k: int) -> str:
    assert d.renewal is not None
    return (
        f"{e.party} gave notice of non-renewal {notice_when(e)}, at least {d.renewal.notice_before_end.words()} "
        f"before the period ending {end} ({period_name(k, d)}, {article(d.article)}), "
        f"so the treaty expires for it on {end}"
    )


def non_renewal_open(
    e: Event, d: DurationClause, lo: dt.date, hi: dt.date, deadline: dt.date, cands: tuple[dt.date, ...]
) -> str:
    assert d.renewal is not None
    later = f"a later one on {hi}" if len(cands) == 2 else f"a later one at a later period end, up to {hi}"
    ends_on = " or ".join(str(x) for x in cands) if cands else f"some day between {lo} and {hi}"
    return (
        f"{e.party} gave notice of non-renewal {notice_when(e)}; a notice by {deadline} "
        f"({d.renewal.notice_before_end.words()} before {lo}) ends the treaty on {lo}, {later} "
        f"({article(d.article)}), so the end is {ends_on}"
    )


def denounced(e: Event, clause_article: str | None, notice_words: str, lo: dt.date, hi: dt.date) -> str:
    return (
        f"{e.party} gave notice of denunciation {notice_when(e)}; under {article(clause_article)} it takes effect "
        f"{notice_words} later, on {span(lo, hi)}"
    )


def notice_withdrawn(e: Event, notice: Event, effect: Bound) -> str:
    return (
        f"{e.party} withdrew its {notice.type.value.replace('_', ' ')} of {notice.date.raw} {on(e.date)}, "
        f"before it took effect ({effect.when()}): the notice has no effect"
    )


def merged(member: str, other: str, into: str, day: PartialDate) -> str:
    one = f"{member} and {other} became one state, {into}, {on(day)}"
    return f"{one}: {other}'s membership continues and {member}'s lapses"


def ceased_to_exist(code: str, ended: PartialDate, absorbed_by: str | None) -> str:
    absorbed = f", absorbed by {absorbed_by}" if absorbed_by else ""
    return f"{code} ceased to exist {on(ended)}{absorbed}; its membership lapses"


# ------------------------------------------------------------------ ends

END_VERBS = {
    "by_agreement": "terminated by agreement of the parties",
    "superseded": "superseded by {by}",
    "dissolved": "dissolved",
}


def ended_by_event(e: Event, reason: str) -> str:
    verb = END_VERBS[reason].format(by=e.by_treaty)
    return f"{verb}, effective {fmt(e.date)}"


def superseded_on_entry(by: str, when: PartialDate, clause_article: str | None, text: str | None) -> str:
    return f"superseded by {by} on its entry into force, {fmt(when)} ({article(clause_article)} of {by}{quote(text)})"


FEWER_THAN_TWO = "fewer than two parties remain, so the treaty ends"


def recorded_end(rec: PartialDate) -> str:
    return f"a source records the end {on(rec)}"


def recorded_end_no_derived(rec: PartialDate) -> str:
    return f"{recorded_end(rec)}; the clauses derive no end, so the derivation is followed"


def recorded_end_narrows(rec: PartialDate, end: Bound, lo: dt.date, hi: dt.date) -> str:
    return f"{recorded_end(rec)}, which narrows the derived end {end.describe()} to {span(lo, hi)}"


def recorded_end_same(rec: PartialDate) -> str:
    return f"a source records the same end, {fmt(rec)}"


def recorded_end_contradicts(rec: PartialDate, end: Bound) -> str:
    return (
        f"{recorded_end(rec)}, which contradicts the derived {end.describe()}; "
        "the derivation from the clauses is followed"
    )


# ------------------------------------------------------------------ summaries

NOT_YET_SIGNED = "not yet signed"
PROVISIONAL = "applied provisionally, not yet in force"


def signed_summary(e: Event) -> str:
    return f"signed on {e.date.raw}, not yet in force"


def in_force_summary(eif_event: Event | None, gov: Step | None) -> str:
    return f"in force since {eif_event.date.raw if eif_event else ''}" + (f" under {gov.text}" if gov else "")


def suspended_from(e: Event) -> str:
    return f"suspended from {fmt(e.date)}"


def suspended_summary(e: Event) -> str:
    return f"suspended since {e.date.raw}"


def resumed(e: Event) -> str:
    return f"resumed {on(e.date)}"


def resumed_summary(e: Event) -> str:
    return f"in force again since {e.date.raw}"


def pair_suspended(e: Event) -> str:
    return f"obligations of {e.obligor} to {e.beneficiary} suspended from {fmt(e.date)}"


def party_suspended(e: Event) -> str:
    return f"the participation of {e.party} (its obligations and the others' to it) suspended from {fmt(e.date)}"


def party_resumed(e: Event) -> str:
    return f"the participation of {e.party} resumed {on(e.date)}"


def party_suspended_summary(e: Event) -> str:
    return f"{e.party}'s participation suspended since {e.date.raw}"


def in_force_again_summary(member: str) -> str:
    return f"in force for {member} again"


def outside_system(code: str, lo: dt.date, hi: dt.date | None) -> str:
    until = f" to {hi - dt.timedelta(days=1)}" if hi else ""
    return (
        f"{code} is outside the interstate system from {lo}{until} (COW State System Membership): "
        "it is not a party in force on those days"
    )


def outside_system_summary(code: str, lo: dt.date, hi: dt.date | None) -> str:
    return f"{code} is outside the interstate system since {lo}" + (f", until {hi}" if hi else "")


def not_party_summary(member: str) -> str:
    return f"{member} not a party in force"


def in_force_for_summary(member: str) -> str:
    return f"in force for {member}"


def end_summary(end: Bound, party: str | None = None) -> str:
    """``expired on 1980-04-11: <the first step>`` (``for CHN`` with a party; a recorded end appended)."""
    last = end.steps[0].text if end.steps else ""
    who = f"for {party} " if party else ""
    when = end.when()
    recorded = end.steps[-1] if len(end.steps) > 1 and end.steps[-1].event in ("lapsed", "terminated") else None
    if recorded is not None:
        last = f"{last}; {recorded.text}"
    return f"{end.reason or 'ended'} {who}{when}: {last}" if last else f"{end.reason or 'ended'} {who}{when}"


def invoked(e: Event) -> str:
    return f"invoked{' by ' + e.party if e.party else ''} {on(e.date)}"


def reaffirmed(e: Event) -> str:
    return f"reaffirmed{' by ' + e.party if e.party else ''} {on(e.date)}"


_INFORMATIONAL = {
    EventType.organisation_dissolved: organisation_dissolved,
    EventType.amended: amended,
    EventType.ratified: ratified,
    EventType.invoked: invoked,
    EventType.reaffirmed: reaffirmed,
}


def informational(facts: Facts) -> tuple[Step, ...]:
    """Steps for the known facts that change no status: ratifications, amendments, invocations, dissolutions."""
    return tuple(step_for(e, _INFORMATIONAL[e.type](e)) for _, e in facts.of_type(*INFORMATIONAL))
