"""How a treaty starts: signature, provisional application, entry into force, and who is a member from when."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..schema import Clauses, Event, EventType
from ..states import Registry
from ..timeline import Bound, Step
from ..vocabulary import Severity
from . import wording as w
from .facts import Facts
from .model import Check

__all__ = ["Roster", "Start", "derive_roster", "derive_start", "member_for"]


@dataclass(frozen=True, slots=True)
class Start:
    """The treaty's signature, provisional application and entry into force (each with its basis)."""

    signature: Bound
    signature_event: Event
    signature_step: Step
    provisional: Event | None
    entry_into_force: Bound | None
    entry_event: Event | None


@dataclass(frozen=True, slots=True)
class Roster:
    """The members (original parties first, then later entrants) and, for each, every entry into force
    for it in file order (the treaty's own first, for an original party; ``lifecycle.spells`` pairs
    them with the exits)."""

    members: tuple[str, ...]
    entries: Mapping[str, tuple[Bound, ...]]


def bound_of(e: Event, text: str | None = None, reason: str | None = None) -> Bound:
    """The event's date as a bound, with one basis step when ``text`` is given."""
    steps = (w.step_for(e, text),) if text is not None else ()
    return Bound(e.date.earliest, e.date.latest, steps, reason)


def derive_start(facts: Facts, clauses: Clauses) -> tuple[Start | None, tuple[Check, ...]]:
    """Signature (the treaty-wide one, else a party's), provisional application and entry into force."""
    signings = sorted((e for _, e in facts.of_type(EventType.signed)), key=lambda e: e.party is not None)
    if not signings:  # not known by the as-of day
        return None, ()
    sig_e = signings[0]
    signature = bound_of(sig_e, w.signed(sig_e))
    eif_e = facts.treaty_wide(EventType.entered_into_force)
    eif = None
    checks: tuple[Check, ...] = ()
    if eif_e is not None:
        c = clauses.entry_into_force
        eif = bound_of(eif_e, w.entered_into_force(eif_e, c.article if c else None, c.text if c else None))
        if eif.earliest < signature.earliest:
            message = f"entry into force {eif_e.date} is before signature {sig_e.date}"
            checks = (Check(Severity.error, message, facts.treaty.events.index(eif_e), "order"),)
    prov = facts.treaty_wide(EventType.provisional_application)
    return Start(signature, sig_e, signature.steps[0], prov, eif, eif_e), checks


def member_for(code: str | None, members: tuple[str, ...], registry: Registry) -> str | None:
    """The member a (possibly continuator) code acts for; a registry state that is no member stands for itself."""
    if code is None:
        return None
    return registry.member_for(code, members) or (code if code in registry else None)


def derive_roster(facts: Facts, start: Start, registry: Registry) -> Roster:
    """Original parties enter with the treaty; accessions and party-level entries into force add members."""
    members = list(facts.treaty.parties)
    eif = start.entry_into_force
    entries: dict[str, list[Bound]] = {m: [eif] if eif is not None else [] for m in members}
    for _, e in facts.of_type(EventType.entered_into_force, EventType.accession):
        if e.type is EventType.entered_into_force and e.party is not None:
            m = member_for(e.party, tuple(members), registry) or e.party
            entry = bound_of(e, w.in_force_for(e))
        elif e.type is EventType.accession:
            assert e.party is not None
            m = e.party
            entry = _accession(e, m, eif)
        else:
            continue
        if m not in members:
            members.append(m)
        entries.setdefault(m, []).append(entry)
    return Roster(tuple(members), {m: tuple(b) for m, b in entries.items()})


def _accession(e: Event, member: str, eif: Bound | None) -> Bound:
    """An accession counts from its date, but not before the treaty itself entered into force."""
    b = bound_of(e, w.acceded(member, e))
    if eif is not None and b.earliest < eif.earliest:
        b = Bound(max(b.earliest, eif.earliest), max(b.latest, eif.latest), (*b.steps, *eif.steps))
    return b
