"""Clauses + events -> the life of one treaty: its status timeline and each party's membership.

Clauses derive, events decide: the end of a renewal period, the effect day of a notice, the end of
a fixed term are derived from clauses; recorded outcomes (``lapsed``, ``terminated``) narrow what the
clauses leave open and are checked against them. A notice ends the notifying party's membership; a
treaty left with fewer than two parties ends. Uncertain dates give ``Bound`` ranges, propagated by
evaluating the (monotone) derivation at both ends of the range.

Retroactivity: an event never changes the status of a day before its own date unless it is declared
``retroactive: true``. The one way the rules can express an earlier effect is a notice whose
``counts_from`` lies so far back that its period would run out before the notice's date; such a
notice takes effect on its date (a denunciation) or at the first period end on or after it (a
notice of non-renewal), with a warning, unless it is declared retroactive, in which case the
derived earlier day is followed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .dates import MAX_DAY, MIN_DAY, PartialDate, add, in_time, period_end
from .schema import RECORDED, DurationClause, Event, EventType, Treaty
from .states import Registry
from .timeline import Bound, Phase, Step, Timeline, build

__all__ = ["Check", "Life", "Membership", "Supersession", "evaluate"]

_MAX_CANDIDATES = 40
TREATY_REASONS = ("expired", "denounced", "by_agreement", "superseded", "dissolved", "party_extinct")


@dataclass(frozen=True, slots=True)
class Supersession:
    """A later treaty that replaces this one when it enters into force."""

    by_treaty: str
    when: PartialDate
    article: str | None
    text: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class Check:
    """A finding of the derivation for ``validate``: a recorded fact against the clauses, etc."""

    severity: str  # "error" | "warning"
    message: str
    event_index: int | None = None
    code: str = "derivation"


@dataclass(frozen=True)
class Membership:
    """One party's spell: from ``start`` (entry into force for it) to ``end`` (first day out)."""

    party: str
    start: Bound | None
    end: Bound | None
    reason: str | None
    timeline: Timeline


@dataclass(frozen=True)
class Life:
    """The evaluated life of one treaty under one reading and knowledge date."""

    treaty: Treaty
    timeline: Timeline
    memberships: dict[str, Membership]
    signature: Bound
    entry_into_force: Bound | None
    end: Bound | None
    checks: tuple[Check, ...]
    steps: tuple[Step, ...]
    suspensions: tuple[tuple[str, str, dt.date, dt.date | None, tuple[Step, ...]], ...] = field(default=())


def _bound_of(p: PartialDate, steps: Iterable[Step] = (), reason: str | None = None) -> Bound:
    return Bound(p.earliest, p.latest, tuple(steps), reason)


def _step_for(e: Event, text: str) -> Step:
    return Step(text, e.article, e.type.value, e.date.raw, e.source)


def _fmt(p: PartialDate) -> str:
    """``1961-09-10``; ``1995 (some day between 1995-01-01 and 1995-12-31)``."""
    if p.exact:
        return p.raw
    if p.earliest == MIN_DAY:
        return f"{p.raw} (some day on or before {p.latest})"
    if p.latest == MAX_DAY:
        return f"{p.raw} (some day on or after {p.earliest})"
    return f"{p.raw} (some day between {p.earliest} and {p.latest})"


def _on(p: PartialDate) -> str:
    """``on 1961-09-10``; ``in 1995 (some day between ...)``; ``on some day in 1995-08/1995-09 (...)``."""
    if p.exact:
        return f"on {p.raw}"
    if p.precision == "range":
        return f"on {_fmt(p)}"
    return f"in {_fmt(p)}"


def _article(a: str | None) -> str:
    return f"Art. {a}" if a else "the treaty"


def _quote(text: str | None) -> str:
    return f' "{text}"' if text else ""


def evaluate(
    treaty: Treaty,
    registry: Registry,
    superseded_by: Sequence[Supersession] = (),
    as_of: dt.date | None = None,
) -> Life:
    """Derive the life of ``treaty``; ``as_of`` keeps only events certainly known by that day."""
    events = [e for e in treaty.events if as_of is None or (e.known_from or e.date).latest <= as_of]
    indexed = [(i, e) for i, e in enumerate(treaty.events) if e in events]
    checks: list[Check] = []
    steps: list[Step] = []
    clauses = treaty.clauses

    def member_for(code: str | None) -> str | None:
        """The original member a (possibly continuator) code acts for."""
        if code is None:
            return None
        for m in members:
            if code == m or any(code == to for _, to, _ in registry.successions(m)):
                return m
        return code if code in registry else None

    # --- signature and entry into force
    signings = sorted((e for e in events if e.type is EventType.signed), key=lambda e: e.party is not None)
    sig_e = signings[0] if signings else None  # the treaty-wide signature, else a party's
    if sig_e is None:  # not known by the as-of day
        never = build([Phase("not_signed", None, summary="not signed (no signature known)")])
        return Life(treaty, never, {}, Bound(MAX_DAY, MAX_DAY), None, None, tuple(checks), ())
    place = f" at {sig_e.place}" if sig_e.place else ""
    sig_step = _step_for(sig_e, f"signed {_on(sig_e.date)}{place}")
    signature = _bound_of(sig_e.date, [sig_step])
    steps.append(sig_step)

    prov_e = next((e for e in events if e.type is EventType.provisional_application and e.party is None), None)
    eif_e = treaty.event(EventType.entered_into_force)
    if eif_e is not None and eif_e not in events:
        eif_e = None
    eif: Bound | None = None
    if eif_e is not None:
        c = clauses.entry_into_force
        how = f" under {_article(c.article)}{_quote(c.text)}" if c and (c.article or c.text) else ""
        eif_step = _step_for(eif_e, f"entered into force {_on(eif_e.date)}{how}")
        eif = _bound_of(eif_e.date, [eif_step])
        steps.append(eif_step)
        if eif.earliest < signature.earliest:
            checks.append(
                Check(
                    "error",
                    f"entry into force {eif_e.date} is before signature {sig_e.date}",
                    treaty.events.index(eif_e),
                    "order",
                )
            )

    # --- members and their entries
    members: list[str] = list(treaty.parties)
    entries: dict[str, Bound | None] = {m: eif for m in members}
    for _, e in indexed:
        if e.type is EventType.entered_into_force and e.party is not None:
            m = member_for(e.party) or e.party
            if m not in members:
                members.append(m)
            entries[m] = _bound_of(e.date, [_step_for(e, f"in force for {e.party} from {_fmt(e.date)}")])
        elif e.type is EventType.accession:
            assert e.party is not None
            m = e.party
            if m not in members:
                members.append(m)
            b = _bound_of(e.date, [_step_for(e, f"{m} acceded; member from {_fmt(e.date)}")])
            if eif is not None and b.earliest < eif.earliest:
                b = Bound(max(b.earliest, eif.earliest), max(b.latest, eif.latest), (*b.steps, *eif.steps))
            entries[m] = b

    # --- per-member exits
    exits: dict[str, list[Bound]] = {m: [] for m in members}
    regimes = _regimes(clauses.duration, _anchor(clauses.duration, signature, eif), indexed)

    for i, e in indexed:
        if e.type in (EventType.notice_of_denunciation, EventType.notice_of_non_renewal, EventType.withdrawal):
            who = member_for(e.party)
            if who is None or who not in exits:
                checks.append(Check("error", f"{e.type.value} by {e.party}, which is not a party", i, "not_a_party"))
                continue
            duration, anchor = _regime_on(regimes, e.notice_start.earliest)
            ex = _exit_for(e, i, treaty, duration, anchor, eif, checks)
            if ex is not None:
                exits[who].append(ex)
                steps.extend(ex.steps)
    for m in members:
        ext = _extinction(m, registry)
        if ext is not None:
            exits[m].append(ext)

    # --- treaty-level ends
    ends: list[Bound] = []
    expiry = _expiry(regimes, checks)
    if expiry is not None:
        ends.append(expiry)
    for _, e in indexed:
        reason = {
            EventType.terminated_by_agreement: "by_agreement",
            EventType.superseded: "superseded",
            EventType.dissolved: "dissolved",
        }.get(e.type)
        if reason is None:
            continue
        verb = {
            "by_agreement": "terminated by agreement of the parties",
            "superseded": f"superseded by {e.by_treaty}",
            "dissolved": "dissolved",
        }[reason]
        ends.append(_bound_of(e.date, [_step_for(e, f"{verb}, effective {_fmt(e.date)}")], reason))
    for s in superseded_by:
        if any(e.type is EventType.superseded and e.by_treaty == s.by_treaty for _, e in indexed):
            continue
        ends.append(
            _bound_of(
                s.when,
                [
                    Step(
                        f"superseded by {s.by_treaty} on its entry into force, {_fmt(s.when)}"
                        f" ({_article(s.article)} of {s.by_treaty}{_quote(s.text)})",
                        s.article,
                        "superseded",
                        s.when.raw,
                        s.source,
                    )
                ],
                "superseded",
            )
        )
    for _, e in indexed:
        if e.type is EventType.organisation_dissolved:
            steps.append(
                _step_for(e, f"the organisation was dissolved {_on(e.date)}; the treaty itself was not terminated")
            )
        elif e.type is EventType.amended:
            new = f"; from then {_regime_words(e.duration)}" if e.duration is not None else ""
            steps.append(_step_for(e, f"amended {_on(e.date)}{new}"))
        elif e.type is EventType.ratified:
            steps.append(_step_for(e, f"ratified{' by ' + e.party if e.party else ''} {_on(e.date)}"))

    # membership count below two ends the treaty
    member_exit: dict[str, Bound | None] = {m: _earliest(exits[m]) for m in members}
    if eif is not None:
        collapse = _collapse(members, entries, member_exit)
        if collapse is not None:
            ends.append(collapse)
    end = _earliest(ends)

    # recorded outcomes narrow or contradict
    for i, e in indexed:
        if e.type not in RECORDED:
            continue
        rec = e.date
        src_step = _step_for(e, f"a source records the end {_on(rec)}")
        if end is None:
            checks.append(
                Check(
                    "warning",
                    f"a source records the end on {rec} but the clauses and events derive no end",
                    i,
                    "recorded_end",
                )
            )
            steps.append(
                Step(
                    src_step.text + "; the clauses derive no end, so the derivation is followed",
                    None,
                    e.type.value,
                    rec.raw,
                    e.source,
                )
            )
            continue
        ok = _compatible(end, rec)
        if ok and not end.exact:
            lo = max(end.earliest, rec.earliest)
            hi = min(end.latest, rec.latest)
            cands = tuple(c for c in end.candidates if lo <= c <= hi) if end.candidates else None
            if cands:
                lo, hi = cands[0], cands[-1]
            narrowed = Step(
                f"a source records the end {_on(rec)}, which narrows the derived end "
                f"{end.describe()} to {lo if lo == hi else f'{lo} to {hi}'}",
                None,
                e.type.value,
                rec.raw,
                e.source,
            )
            end = Bound(lo, hi, (*end.steps, narrowed), end.reason, cands)
        elif ok:
            end = Bound(
                end.earliest,
                end.latest,
                (
                    *end.steps,
                    Step(f"a source records the same end, {_fmt(rec)}", None, e.type.value, rec.raw, e.source),
                ),
                end.reason,
                end.candidates,
            )
        else:
            checks.append(
                Check(
                    "warning",
                    f"recorded end {rec} contradicts the end the clauses derive ({end.describe()})",
                    i,
                    "recorded_end_mismatch",
                )
            )
            end = Bound(
                end.earliest,
                end.latest,
                (
                    *end.steps,
                    Step(
                        f"a source records the end {_on(rec)}, which contradicts the derived {end.describe()}; "
                        "the derivation from the clauses is followed",
                        None,
                        e.type.value,
                        rec.raw,
                        e.source,
                    ),
                ),
                end.reason,
                end.candidates,
            )
    # recompute member exits capped by the treaty end
    if end is not None:
        for m in members:
            member_exit[m] = _earliest([b for b in (member_exit[m], end) if b is not None])

    # --- treaty timeline
    phases = [Phase("not_signed", None, summary="not yet signed")]
    phases.append(
        Phase("signed", signature, summary=f"signed on {sig_e.date.raw}, not yet in force", basis=(sig_step,))
    )
    if prov_e is not None:
        pb = _bound_of(prov_e.date, [_step_for(prov_e, f"applied provisionally from {_fmt(prov_e.date)}")])
        phases.append(
            Phase("provisional", pb, summary="applied provisionally, not yet in force", basis=(sig_step, *pb.steps))
        )
    suspensions = []
    if eif is not None and (end is None or end.latest > eif.earliest):
        gov = _governing(treaty)
        base = (sig_step, *eif.steps, *([gov] if gov else []))
        summary = f"in force since {eif_e.date.raw if eif_e else ''}" + (f" under {gov.text}" if gov else "")
        inforce = Phase("in_force", eif, summary=summary, basis=base)
        phases.append(inforce)
        # treaty-wide suspension windows: from a suspension to the next resumption, in date order
        # (on one day, suspensions before resumptions), whatever order the file lists them in
        toggles = sorted(
            (
                (e.date.earliest, e.date.latest, 0 if e.type is EventType.suspension else 1, e.date.raw, e.source, e)
                for _, e in indexed
                if e.type in (EventType.suspension, EventType.resumption) and e.obligor is None
            ),
            key=lambda x: x[:5],
        )
        held: tuple[Step, ...] = ()
        for *_, e in toggles:
            if e.type is EventType.suspension and not held:
                sb = _bound_of(e.date, [_step_for(e, f"suspended from {_fmt(e.date)}")])
                phases.append(Phase("suspended", sb, summary=f"suspended since {e.date.raw}", basis=(*base, *sb.steps)))
                held = sb.steps
            elif e.type is EventType.resumption and held:
                rb = _bound_of(e.date, [_step_for(e, f"resumed {_on(e.date)}")])
                phases.append(
                    Phase("in_force", rb, summary=f"in force again since {e.date.raw}", basis=(*base, *held, *rb.steps))
                )
                held = ()
        for _, e in indexed:
            if e.type is EventType.suspension and e.obligor and e.beneficiary:
                res = min(
                    (
                        r
                        for _, r in indexed
                        if r.type is EventType.resumption
                        and r.obligor == e.obligor
                        and r.beneficiary == e.beneficiary
                        and r.date.earliest >= e.date.earliest
                    ),
                    key=lambda r: (r.date.earliest, r.date.latest),
                    default=None,
                )
                suspensions.append(
                    (
                        e.obligor,
                        e.beneficiary,
                        e.date.earliest,
                        res.date.earliest if res else None,
                        (_step_for(e, f"obligations of {e.obligor} to {e.beneficiary} suspended from {_fmt(e.date)}"),),
                    )
                )
        suspensions.sort(key=lambda s: (s[0], s[1], s[2]))
    if end is not None:
        summary = _end_summary(end)
        phases.append(
            Phase("terminated", end, end.reason, summary, (sig_step, *(eif.steps if eif else ()), *end.steps))
        )
    phases = _ordered(phases)
    timeline = build(phases)

    # --- memberships
    memberships: dict[str, Membership] = {}
    for m in members:
        start = entries.get(m)
        mend = member_exit.get(m)
        mph = [Phase("not_party", None, summary=f"{m} not a party in force")]
        if start is not None and (mend is None or mend.latest > start.earliest):
            mph.append(Phase("in_force", start, summary=f"in force for {m}", basis=start.steps))
            if mend is not None:
                mph.append(Phase("terminated", mend, mend.reason, _end_summary(mend, m), mend.steps))
        memberships[m] = Membership(m, start, mend, mend.reason if mend else None, build(_ordered(mph)))

    return Life(
        treaty,
        timeline,
        memberships,
        signature,
        eif,
        end,
        tuple(checks),
        tuple(dict.fromkeys(steps)),
        tuple(suspensions),
    )


def _ordered(phases: list[Phase]) -> list[Phase]:
    """Keep phases whose bounds come in order, cut off at the end.

    A terminated phase cuts off every phase that certainly starts on or after it (a treaty ended by
    agreement before its provisional application began is terminated, not provisional); of the
    rest, a phase starting before the one kept before it is dropped as overtaken.
    """
    head, rest = phases[0], phases[1:]
    end = next((ph for ph in rest if ph.status == "terminated"), None)
    if end is not None:
        assert end.bound is not None
        cut = end.bound.latest
        rest = [ph for ph in rest if ph.status != "terminated" and ph.bound is not None and ph.bound.earliest < cut]
    out = [head]
    for ph in rest:
        assert ph.bound is not None
        prev = out[-1].bound
        if prev is not None and ph.bound.latest < prev.earliest:
            continue
        out.append(ph)
    if end is not None:
        out.append(end)
    return out


def _governing(treaty: Treaty) -> Step | None:
    """The clause that keeps the treaty in force, with its denunciation right if it has one."""
    c = treaty.clauses
    den = c.denunciation
    exit_right = ""
    if den is not None:
        after = f" after {den.not_before.words()} in force" if den.not_before else ""
        exit_right = f"; a party may denounce it{after} with notice of {den.notice.words()} ({_article(den.article)})"
    if c.duration is not None and c.duration.term is not None:
        d = c.duration
        term = c.duration.term
        ren = (
            (
                f", renewed for successive periods of {d.renewal.period.words()} unless notice is given "
                f"{d.renewal.notice_before_end.words()} before a period ends"
            )
            if d.renewal
            else ""
        )
        return Step(f"{_article(d.article)} (a term of {term.words()}{ren}){exit_right}", d.article, source=d.source)
    if c.termination is not None:
        t = c.termination
        return Step(f"{_article(t.article)}{_quote(t.text)}{exit_right}", t.article, source=t.source)
    if den is not None:
        return Step(f"{_article(den.article)} (no fixed term{exit_right})", den.article, source=den.source)
    if c.duration is not None:
        return Step(
            f"{_article(c.duration.article)}{_quote(c.duration.text)}", c.duration.article, source=c.duration.source
        )
    return None


def _end_summary(end: Bound, party: str | None = None) -> str:
    last = end.steps[0].text if end.steps else ""
    who = f"for {party} " if party else ""
    when = end.describe()
    when = when if when.startswith("between") else f"on {when}"
    recorded = end.steps[-1] if len(end.steps) > 1 and end.steps[-1].event in ("lapsed", "terminated") else None
    if recorded is not None:
        last = f"{last}; {recorded.text}"
    return f"{end.reason or 'ended'} {who}{when}: {last}" if last else f"{end.reason or 'ended'} {who}{when}"


def _anchor(d: DurationClause | None, signature: Bound, eif: Bound | None) -> Bound | None:
    if d is None:
        return None
    return signature if d.anchor == "signature" else eif


@dataclass(frozen=True, slots=True)
class _Regime:
    """A duration clause in force from ``start`` (None: from the beginning), its periods counted from ``anchor``."""

    start: Bound | None
    duration: DurationClause | None
    anchor: Bound | None
    step: Step | None = None


def _regimes(original: DurationClause | None, anchor: Bound | None, indexed: list[tuple[int, Event]]) -> list[_Regime]:
    """The duration clauses over time: the text's, then each ``amended`` event that carries a new ``duration``.

    An amendment replaces the duration clause from its own date, and the new periods count from that date
    (an extension protocol's term runs from its entry into force, as the Warsaw Treaty's 1985 protocol).
    """
    out = [_Regime(None, original, anchor)]
    amendments = sorted(
        ((e, i) for i, e in indexed if e.type is EventType.amended and e.duration is not None),
        key=lambda p: (p[0].date.earliest, p[0].date.latest),
    )
    for e, _ in amendments:
        b = _bound_of(e.date)
        out.append(
            _Regime(b, e.duration, b, _step_for(e, f"amended {_on(e.date)}; from then {_regime_words(e.duration)}"))
        )
    return out


def _regime_on(regimes: list[_Regime], day: dt.date) -> tuple[DurationClause | None, Bound | None]:
    """The duration clause (and its anchor) in force on a day: a notice is judged under the clause of its day."""
    current = regimes[0]
    for r in regimes[1:]:
        if r.start is not None and r.start.earliest <= day:
            current = r
    return current.duration, current.anchor


def _regime_words(d: DurationClause | None) -> str:
    if d is None or d.term is None:
        return "no fixed term"
    ren = (
        f", renewed for successive periods of {d.renewal.period.words()} unless notice is given "
        f"{d.renewal.notice_before_end.words()} before a period ends"
        if d.renewal
        else ""
    )
    return f"a term of {d.term.words()}{ren}"


def _expiry(regimes: list[_Regime], checks: list[Check]) -> Bound | None:
    """The end of a fixed term without renewal, unless an amendment came before it (then the amended clause rules)."""
    for k, r in enumerate(regimes):
        d, anchor = r.duration, r.anchor
        nxt = regimes[k + 1] if k + 1 < len(regimes) else None
        if d is None or d.term is None or d.renewal is not None or anchor is None:
            continue
        lo, hi = period_end(anchor.earliest, d.term, None, 0), period_end(anchor.latest, d.term, None, 0)
        if nxt is not None and nxt.start is not None and nxt.start.latest < lo:
            continue  # amended before the term ran out
        if nxt is not None and nxt.start is not None:
            checks.append(
                Check(
                    "warning",
                    f"an amendment dated {nxt.start.describe()} comes after the treaty expired ({lo})",
                    None,
                    "amended_after_end",
                )
            )
        origin = "entry into force" if d.anchor == "entry_into_force" else "signature"
        if r.start is not None:
            origin = "the amendment"
        st = Step(
            f"{_article(d.article)} fixes a term of {d.term.words()} from {origin}: it expires on "
            f"{lo.isoformat() if lo == hi else f'{lo} to {hi}'}",
            d.article,
            source=d.source,
        )
        return Bound(lo, hi, (*((r.step,) if r.step else ()), st), "expired")
    return None


def _exit_for(
    e: Event,
    index: int,
    treaty: Treaty,
    duration: DurationClause | None,
    anchor: Bound | None,
    eif: Bound | None,
    checks: list[Check],
) -> Bound | None:
    """When a notice or withdrawal ends the party's membership (a range when its date is uncertain)."""
    c = treaty.clauses
    n = e.notice_start
    when = _on(e.date) + (f", counting from {_fmt(e.counts_from)}" if e.counts_from else "")
    if e.type is EventType.withdrawal:
        how = f"under {_article(e.article)}" if e.article else "a unilateral act outside the treaty's own terms"
        return _bound_of(e.date, [_step_for(e, f"{e.party} withdrew, effective {_fmt(e.date)} ({how})")], "withdrawn")
    renewal_notice = e.type is EventType.notice_of_non_renewal or (
        c.denunciation is None and duration is not None and duration.renewal is not None
    )
    if renewal_notice:
        if duration is None or duration.term is None or anchor is None:
            checks.append(
                Check(
                    "error",
                    f"{e.type.value} by {e.party} on {e.date}, but the treaty has no fixed term to renew",
                    index,
                    "notice_without_clause",
                )
            )
            return None
        if duration.renewal is None:
            checks.append(
                Check(
                    "warning",
                    f"{e.type.value} by {e.party} on {e.date} is moot: the treaty expires at its term anyway",
                    index,
                    "moot_notice",
                )
            )
            return None
        ren = duration.renewal
        n_lo = (
            max(n.earliest, anchor.earliest) if n.earliest == MIN_DAY else n.earliest
        )  # open start: not before the anchor
        floor = (None, None) if e.retroactive else (e.date.earliest, e.date.latest)
        lo_end, k_lo = _first_end(anchor.earliest, duration, n_lo, floor[0])
        hi_end, k_hi = _first_end(anchor.latest, duration, n.latest, floor[1])
        if floor[0] is not None and (lo_end, k_lo) != _first_end(anchor.earliest, duration, n_lo):
            checks.append(
                Check(
                    "warning",
                    f"{e.type.value} by {e.party} on {e.date} counts from {e.counts_from}, "
                    "which would end the treaty before the notice was given; it takes effect at the first "
                    "period end after its date (declare 'retroactive: true' if it really took effect "
                    "earlier)",
                    index,
                    "retroactive",
                )
            )
        cands = tuple(period_end(anchor.earliest, duration.term, ren.period, k) for k in range(k_lo, k_hi + 1))
        if not anchor.exact or len(cands) > _MAX_CANDIDATES:
            # an uncertain anchor makes every period end a range; an open notice date gives too many to list
            cands = ()
        deadline = add(lo_end, ren.notice_before_end, -1)
        if lo_end == hi_end:
            text = (
                f"{e.party} gave notice of non-renewal {when}, at least {ren.notice_before_end.words()} before "
                f"the period ending {lo_end} ({_period_name(k_lo, duration)}, {_article(duration.article)}), "
                f"so the treaty expires for it on {lo_end}"
            )
        else:
            later = (
                f"a later one on {hi_end}" if len(cands) == 2 else f"a later one at a later period end, up to {hi_end}"
            )
            ends_on = " or ".join(str(x) for x in cands) if cands else f"some day between {lo_end} and {hi_end}"
            text = (
                f"{e.party} gave notice of non-renewal {when}; a notice by {deadline} "
                f"({ren.notice_before_end.words()} before {lo_end}) ends the treaty on {lo_end}, {later} "
                f"({_article(duration.article)}), so the end is {ends_on}"
            )
        return Bound(lo_end, hi_end, (_step_for(e, text),), "expired", cands if len(cands) > 1 else None)
    d = c.denunciation
    if d is None:
        term = c.termination
        art = f" ({_article(term.article)}{_quote(term.text)})" if term else ""
        checks.append(
            Check(
                "error",
                f"notice of denunciation by {e.party} on {e.date}, but the treaty provides no denunciation{art}",
                index,
                "notice_without_clause",
            )
        )
        return None
    allowed_from = add(eif.earliest, d.not_before) if (d.not_before and eif) else None
    if allowed_from is not None and n.latest < allowed_from:
        checks.append(
            Check(
                "error",
                f"notice of denunciation on {n} is before {_article(d.article)} allows it ({allowed_from})",
                index,
                "premature_notice",
            )
        )
        return None
    lo = add(max(n.earliest, allowed_from or n.earliest), d.notice)
    hi = add(n.latest, d.notice)
    if not e.retroactive and lo < e.date.earliest:
        checks.append(
            Check(
                "warning",
                f"notice of denunciation by {e.party} on {e.date} counts from {e.counts_from}, "
                f"so it would take effect on {lo}, before it was given; it takes effect on its date "
                "instead (declare 'retroactive: true' if it really took effect earlier)",
                index,
                "retroactive",
            )
        )
        lo, hi = max(lo, e.date.earliest), max(hi, e.date.latest)
    text = (
        f"{e.party} gave notice of denunciation {when}; under {_article(d.article)} it takes effect "
        f"{d.notice.words()} later, on {lo if lo == hi else f'{lo} to {hi}'}"
    )
    return Bound(lo, hi, (_step_for(e, text),), "denounced")


def _period_name(k: int, d: DurationClause) -> str:
    assert d.term is not None
    if k == 0:
        return f"the end of the initial {d.term.adjective()} term"
    assert d.renewal is not None
    return f"the end of {d.renewal.period.adjective()} renewal period {k}"


def _first_end(
    anchor: dt.date, d: DurationClause, notice: dt.date, floor: dt.date | None = None
) -> tuple[dt.date, int]:
    """The first period end (on or after ``floor``, the notice's own date unless it is retroactive)
    that a notice counting from ``notice`` is in time for."""
    assert d.term is not None and d.renewal is not None
    k = 0
    while True:
        end = period_end(anchor, d.term, d.renewal.period, k)
        if end >= MAX_DAY or (in_time(notice, d.renewal.notice_before_end, end) and (floor is None or end >= floor)):
            return end, k
        k += 1


def _extinction(member: str, registry: Registry) -> Bound | None:
    """If the member (through its continuators) ends with no continuator, its membership lapses."""
    if member not in registry:
        return None
    cur = registry.canonical(member)
    chain = [cur] + [to for _, to, _ in registry.successions(cur)]
    last = registry.states[chain[-1]]
    if last.ended is None or last.continuator is not None:
        return None
    absorbed = f", absorbed by {last.absorbed_by}" if last.absorbed_by else ""
    return _bound_of(
        last.ended,
        [
            Step(
                f"{last.code} ceased to exist {_on(last.ended)}{absorbed}; its membership lapses",
                None,
                "state_ended",
                last.ended.raw,
                last.source,
            )
        ],
        "party_extinct",
    )


#: On a tie (two ends on one day) the reason reported is the first of these, whatever the events' order.
REASON_PRECEDENCE = ("expired", "by_agreement", "superseded", "dissolved", "denounced", "withdrawn", "party_extinct")


def _precedence(b: Bound) -> tuple[dt.date, dt.date, int, str]:
    rank = REASON_PRECEDENCE.index(b.reason) if b.reason in REASON_PRECEDENCE else len(REASON_PRECEDENCE)
    return b.earliest, b.latest, rank, b.steps[0].text if b.steps else ""


def _earliest(bounds: Iterable[Bound | None]) -> Bound | None:
    """The first of several possible ends (the min of both range ends)."""
    bs = [b for b in bounds if b is not None]
    if not bs:
        return None
    first = min(bs, key=_precedence)
    lo = min(b.earliest for b in bs)
    hi = min(b.latest for b in bs)
    if lo == first.earliest and hi == first.latest:
        ties = [b for b in bs if (b.earliest, b.latest) == (lo, hi)]
        if len(ties) == 1:
            return first
        # several causes end it on the same day (a withdrawal and the state's extinction): keep every step
        return Bound(lo, hi, tuple(dict.fromkeys(s for b in ties for s in b.steps)), first.reason, first.candidates)
    return Bound(lo, hi, tuple(dict.fromkeys(s for b in bs for s in b.steps)), first.reason)


def _collapse(members: list[str], entries: dict[str, Bound | None], exits: dict[str, Bound | None]) -> Bound | None:
    """The day fewer than two members remain (after at least two were in force), as a range."""

    def day(pick: Callable[[Bound], dt.date]) -> dt.date | None:
        points: list[tuple[dt.date, int]] = []
        for m in members:
            s = entries.get(m)
            if s is None:
                continue
            points.append((pick(s), +1))
            x = exits.get(m)
            if x is not None:
                points.append((pick(x), -1))
        points.sort(key=lambda p: (p[0], -p[1]))  # same-day entries first: a hand-off is no dip
        count, peak = 0, 0
        for d, delta in points:
            count += delta
            peak = max(peak, count)
            if peak >= 2 and count < 2:
                return d
        return None

    lo = day(lambda b: b.earliest)
    hi = day(lambda b: b.latest)
    if lo is None or hi is None:
        return None
    lo, hi = min(lo, hi), max(lo, hi)
    causes = sorted(
        (x for x in exits.values() if x is not None and x.earliest <= hi and x.latest >= lo), key=_precedence
    )
    reason = causes[0].reason if causes else "denounced"
    if reason == "withdrawn":  # a treaty has no 'withdrawn' reason: a party leaving it is a denunciation
        reason = "denounced"
    cands = causes[0].candidates if len(causes) == 1 else None
    steps = tuple(s for c in causes for s in c.steps)
    if len(members) > 2:
        steps = (*steps, Step("fewer than two parties remain, so the treaty ends"))
    return Bound(lo, hi, steps, reason, cands)


def _compatible(end: Bound, rec: PartialDate) -> bool:
    if rec.latest < end.earliest or rec.earliest > end.latest:
        return False
    if end.candidates:
        return any(rec.earliest <= c <= rec.latest for c in end.candidates)
    return True
