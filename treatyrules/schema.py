"""What rules authors write: pydantic models of a treaty file and its parts.

Every model forbids unknown keys. Dates are partial-date strings (see ``treatyrules.dates``);
durations are ISO 8601. The models only describe; ``lifecycle`` derives what they imply.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, StrictBool, StrictInt, ValidationInfo, field_validator, model_validator

from .atopcoding import AtopCoding
from .dates import MIN_DAY, Duration, PartialDate
from .display import clipped, counted, model_html, model_pretty, plain, yaml_line
from .errors import UnknownReadingError
from .fields import Code, Dur, Model, Parties, PDate

__all__ = [
    "Alternative",
    "Clause",
    "Clauses",
    "Code",
    "Conditions",
    "CorpusMeta",
    "DenunciationClause",
    "Dur",
    "DurationClause",
    "Event",
    "EventType",
    "Location",
    "Model",
    "Obligation",
    "ObligationKind",
    "PDate",
    "Reading",
    "Renewal",
    "SupersedesClause",
    "TerminationClause",
    "Treaty",
]

_ID_PATTERN = r"^[A-Z0-9][A-Z0-9-]*[A-Z0-9]$"


def _repeated(items: Iterable[str]) -> list[str]:
    """The items that occur more than once, sorted; linear in the list's length (a set first: most
    lists repeat nothing, and a ``Counter`` costs ten times as much)."""
    seen = list(items)
    if len(set(seen)) == len(seen):
        return []
    return sorted(k for k, n in Counter(seen).items() if n > 1)


#: What a duration of zero length would mean in each field, and the fix (checked where a period is needed).
_ZERO = {
    "term": "a term of zero length would end the treaty the day it starts; give the term the text states "
    "(e.g. P10Y), or leave 'term' out for a treaty of indefinite duration",
    "period": "a renewal period of zero length renews nothing; give the period the text states (e.g. P5Y)",
    "notice_before_end": "a notice period of zero length; give the notice the text states (e.g. P1Y or P6M)",
    "notice": "a notice period of zero length; give the notice the text states (e.g. P1Y), "
    "or P1D for a denunciation that takes effect the next day",
    "not_before": "a waiting time of zero length; leave 'not_before' out when notice may be given at once",
}


def _not_zero(value: Duration | None, field: str) -> Duration | None:
    if value is not None and value.is_zero:
        raise ValueError(_ZERO[field])
    return value


# ---------------------------------------------------------------- clauses


class Clause(Model):
    """A rule of the treaty's own text, with its article and quoted words."""

    article: str | None = None
    text: str | None = None
    source: str | None = None
    note: str | None = None


class Renewal(Model):
    """Automatic renewal for successive periods unless notice is given ``notice_before_end`` before a period ends."""

    period: Dur
    notice_before_end: Dur = Duration(years=1)

    @field_validator("period", "notice_before_end")
    @classmethod
    def _not_zero(cls, v: Duration, info: ValidationInfo) -> Duration | None:
        return _not_zero(v, str(info.field_name))

    @model_validator(mode="after")
    def _period_longer_than_notice(self) -> Renewal:
        if not self.period.longer_than(self.notice_before_end):
            raise ValueError(
                f"renewal period {self.period} is not longer than its notice {self.notice_before_end}: "
                "no notice could be given within a period; check both (e.g. period: P5Y, notice_before_end: P1Y)"
            )
        return self


class DurationClause(Clause):
    """How long the treaty lasts: a fixed ``term`` (absent = indefinite), maybe renewed."""

    term: Dur | None = None
    renewal: Renewal | None = None
    anchor: Literal["entry_into_force", "signature"] = "entry_into_force"

    @field_validator("term")
    @classmethod
    def _term_not_zero(cls, v: Duration | None) -> Duration | None:
        return _not_zero(v, "term")

    @model_validator(mode="after")
    def _renewal_needs_term(self) -> DurationClause:
        if self.renewal is not None and self.term is None:
            raise ValueError("a renewal needs a fixed 'term' to renew (e.g. term: P10Y)")
        return self


class DenunciationClause(Clause):
    """A party may denounce; the denunciation takes effect ``notice`` after it is given.

    ``not_before``: notice may be given only once the treaty has been in force this long
    (US–Japan 1960 Art. X: P10Y). A denunciation ends the denouncing party's membership; a treaty
    left with fewer than two parties ends.
    """

    notice: Dur = Duration(years=1)
    not_before: Dur | None = None

    @field_validator("notice", "not_before")
    @classmethod
    def _not_zero(cls, v: Duration | None, info: ValidationInfo) -> Duration | None:
        return _not_zero(v, str(info.field_name))


class TerminationClause(Clause):
    """The treaty stays in force until the parties agree (or a stated condition is met)."""

    by_agreement: StrictBool = True
    condition: str | None = None


class SupersedesClause(Clause):
    """This treaty replaces earlier ones when it enters into force."""

    treaties: list[str] = Field(min_length=1)


class Clauses(Model):
    """The clauses that govern a treaty's life (each optional)."""

    entry_into_force: Clause | None = None
    provisional_application: Clause | None = None
    duration: DurationClause | None = None
    denunciation: DenunciationClause | None = None
    termination: TerminationClause | None = None
    supersedes: SupersedesClause | None = None


#: the clauses of a treaty that states none: one shared instance (frozen, every field ``None``)
NO_CLAUSES = Clauses()


# ---------------------------------------------------------------- events


class EventType(StrEnum):
    """Kinds of dated facts."""

    signed = "signed"
    ratified = "ratified"
    provisional_application = "provisional_application"
    entered_into_force = "entered_into_force"
    accession = "accession"
    notice_of_denunciation = "notice_of_denunciation"
    notice_of_non_renewal = "notice_of_non_renewal"
    notice_withdrawn = "notice_withdrawn"
    withdrawal = "withdrawal"
    terminated_by_agreement = "terminated_by_agreement"
    superseded = "superseded"
    dissolved = "dissolved"
    organisation_dissolved = "organisation_dissolved"
    suspension = "suspension"
    resumption = "resumption"
    amended = "amended"
    invoked = "invoked"
    reaffirmed = "reaffirmed"
    lapsed = "lapsed"
    terminated = "terminated"


#: Events that record an outcome as a source states it; the engine checks them against its derivation.
RECORDED = frozenset({EventType.lapsed, EventType.terminated})
#: Notices a party gives; the clauses derive when they take effect.
NOTICES = frozenset({EventType.notice_of_denunciation, EventType.notice_of_non_renewal})
#: Events by which a party leaves (a notice, or a withdrawal effective on its date).
EXITS = NOTICES | {EventType.withdrawal}
#: Events given by one party: they need ``party``.
BY_PARTY = EXITS | {EventType.accession, EventType.notice_withdrawn}
#: Events that suspend or resume obligations.
TOGGLES = frozenset({EventType.suspension, EventType.resumption})
#: Facts that change no status but belong to a basis.
INFORMATIONAL = frozenset(
    {
        EventType.organisation_dissolved,
        EventType.amended,
        EventType.ratified,
        EventType.invoked,
        EventType.reaffirmed,
    }
)


#: Events that end a treaty or a membership: the day before their date is the last day in force.
_ENDINGS = frozenset(
    {
        EventType.withdrawal,
        EventType.terminated_by_agreement,
        EventType.superseded,
        EventType.dissolved,
        EventType.lapsed,
        EventType.terminated,
    }
)
_FIRST_DAY = (
    "{what} ends something on the calendar's first day, 0001-01-01, so its last day in force would be "
    "the day before, which does not exist; date it 0001-01-02 or later, or bound the range "
    "(e.g. 1900/1950 instead of ../1950)"
)


class Alternative(Model):
    """Another date a source gives for the same fact (recorded, not followed)."""

    date: PDate
    source: str
    note: str | None = None


class Event(Model):
    """A dated fact with its source.

    ``party``: who gave a notice, acceded, withdrew, or ratified. ``obligor``/``beneficiary``: the
    direction of a suspension or resumption of obligations between two parties only.
    ``counts_from``: the day a notice period runs from, where the notice itself says so.
    """

    type: EventType
    date: PDate
    source: str = Field(min_length=1)
    party: Code | None = None
    obligor: Code | None = None
    beneficiary: Code | None = None
    by_treaty: str | None = None
    counts_from: PDate | None = None
    article: str | None = None
    place: str | None = None
    known_from: PDate | None = None
    retroactive: StrictBool = False

    def __repr__(self) -> str:
        return f"Event({yaml_line(plain(self))})"

    duration: DurationClause | None = None
    alternatives: list[Alternative] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _fields_fit_type(self) -> Event:
        t = self.type
        if t in BY_PARTY and self.party is None:
            raise ValueError(f"a {t.value} event needs 'party' (who gave it), e.g. party: RUS")
        if t is EventType.superseded and not self.by_treaty:
            raise ValueError("a superseded event needs 'by_treaty', e.g. by_treaty: USA-JPN-1960")
        if t is not EventType.superseded and self.by_treaty:
            raise ValueError(f"'by_treaty' belongs only to superseded events, not {t.value}")
        if (self.obligor is None) != (self.beneficiary is None):
            raise ValueError("give both 'obligor' and 'beneficiary' (the suspended direction), or neither")
        if self.obligor is not None and self.party is not None:
            raise ValueError("give 'party' (its participation suspended) or 'obligor'/'beneficiary' (one direction)")
        if self.obligor is not None and t not in TOGGLES:
            raise ValueError(f"'obligor'/'beneficiary' belong to suspension or resumption events, not {t.value}")
        if self.counts_from is not None and t not in NOTICES:
            raise ValueError("'counts_from' belongs only to notice events")
        if self.duration is not None and t is not EventType.amended:
            raise ValueError("'duration' belongs only to amended events")
        return self

    @model_validator(mode="after")
    def _has_a_last_day(self) -> Event:
        if self.type in _ENDINGS and self.date.earliest == MIN_DAY:
            raise ValueError(_FIRST_DAY.format(what=f"a {self.type.value} event dated {self.date}"))
        return self

    @property
    def notice_start(self) -> PartialDate:
        """The day the notice period runs from."""
        return self.counts_from or self.date

    def known_by(self, as_of: dt.date | None) -> bool:
        """Whether the event was certainly known by ``as_of`` (its ``known_from``, else its date, at the latest)."""
        return as_of is None or (self.known_from or self.date).latest <= as_of


# ---------------------------------------------------------------- obligations


class ObligationKind(StrEnum):
    """The five ATOP obligation kinds."""

    defence = "defence"
    offence = "offence"
    neutrality = "neutrality"
    non_aggression = "non_aggression"
    consultation = "consultation"


class Location(Model):
    """Where an attack must happen for the obligation to bite.

    ``forces``: an attack on a party's armed forces, public vessels or aircraft in the ``regions``
    counts, not only one on territory (NATO Art. 6 as amended, US–Philippines Art. V);
    ``forces_regions``: further areas where such an attack on forces counts.
    """

    territory_of: Literal["party", "beneficiary", "any"] | None = None
    regions: list[str] = Field(default_factory=list)
    forces: StrictBool = False
    forces_regions: list[str] = Field(default_factory=list)
    text: str | None = None


class Conditions(Model):
    """What must hold for an obligation to bite; content, not just flags."""

    armed_attack: StrictBool = False
    state_of_war: StrictBool = False
    adversaries: list[Code] = Field(default_factory=list)
    adversaries_include_allies: StrictBool = False
    location: Location | None = None
    non_provocation: StrictBool = False
    constitutional_processes: StrictBool = False
    on_request: StrictBool = False
    threat: StrictBool = False
    other: list[str] = Field(default_factory=list)


#: the conditions of an obligation that states none: one shared instance (models are frozen; its lists
#: are empty and stay so), because building one per obligation was a sixth of reading the ATOP corpus
NO_CONDITIONS = Conditions()


class Obligation(Model):
    """A promise declared in an article: obligors owe it to beneficiaries.

    ``obligors``/``beneficiaries`` default to ``all``: each current party to every other.
    ``since``/``until``: the promise applies only on ``[since, until)`` (one version of an amended
    text, an ATOP phase); absent = for the whole life of the treaty.
    """

    article: str
    kind: ObligationKind
    text: str | None = None
    obligors: Parties = "all"
    beneficiaries: Parties = "all"
    conditions: Conditions = Field(default_factory=lambda: NO_CONDITIONS)
    since: PDate | None = None
    until: PDate | None = None

    def __repr__(self) -> str:
        return f"Obligation({yaml_line(plain(self))})"

    source: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _window_ordered(self) -> Obligation:
        if self.since is not None and self.until is not None and self.until.latest < self.since.earliest:
            raise ValueError(f"'until' {self.until} is before 'since' {self.since}; the window is [since, until)")
        return self


# ---------------------------------------------------------------- readings and treaty


class Reading(Model):
    """A named alternative reading, with sources: clauses that replace the text's, events and
    obligations it adds (a contested duty: USA-JPN-1960's Japan -> US defence under Art. V)."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str
    sources: list[str] = Field(min_length=1)
    clauses: Clauses | None = None
    events: list[Event] = Field(default_factory=list)
    obligations: list[Obligation] = Field(default_factory=list)


class Treaty(Model):
    """One treaty: its parties, clauses, obligations, events and alternative readings."""

    id: str = Field(pattern=_ID_PATTERN)
    title: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    parties: list[Code] = Field(min_length=1)
    clauses: Clauses = Field(default_factory=lambda: NO_CLAUSES)
    obligations: list[Obligation] = Field(default_factory=list)
    events: list[Event] = Field(min_length=1)
    readings: list[Reading] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    atopid: StrictInt | None = None
    atop: AtopCoding | None = None
    notes: list[str] = Field(default_factory=list)

    def brief(self) -> str:
        """One line: ``NATO-1949: The North Atlantic Treaty (12 parties, 25 events, 2 obligations)``."""
        n = [counted(len(self.parties), "party", "parties"), counted(len(self.events), "event")]
        return f"{self.id}: {clipped(self.title, 60)} ({', '.join([*n, counted(len(self.obligations), 'obligation')])})"

    def __repr__(self) -> str:
        return f"<Treaty {self.brief()}>"

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        """IPython and hypothesis show a treaty as the YAML of its rules file."""
        model_pretty(p, self, cycle)

    def _repr_html_(self) -> str:
        rows = [(e.type.value, e.date.raw, e.party, e.source) for e in self.events]
        return model_html(self.brief(), ("event", "date", "party", "source"), rows)

    @field_validator("parties")
    @classmethod
    def _unique_parties(cls, v: list[str]) -> list[str]:
        dup = _repeated(v)
        if dup:
            raise ValueError(f"party listed twice: {', '.join(dup)}; list each party once")
        return v

    @model_validator(mode="after")
    def _one_signature(self) -> Treaty:
        if EventType.signed not in [e.type for e in self.events]:
            raise ValueError("a treaty needs a 'signed' event, e.g. {type: signed, date: 1961-07-11, source: ...}")
        wide = [e.type for e in self.events if e.party is None]
        for t in (EventType.signed, EventType.entered_into_force):
            if wide.count(t) > 1:
                raise ValueError(
                    f"more than one treaty-wide {t.value} event; "
                    "give 'party' or record the other date as an alternative"
                )
        dup = _repeated(r.name for r in self.readings)
        if dup:
            raise ValueError(f"reading declared twice: {', '.join(dup)}")
        return self

    @model_validator(mode="after")
    def _supersedes_after_the_first_day(self) -> Treaty:
        clauses = [self.clauses, *(r.clauses for r in self.readings if r.clauses is not None)]
        if any(c.supersedes is not None for c in clauses):
            events = [*self.events, *(e for r in self.readings for e in r.events)]
            for e in events:
                if e.type is EventType.entered_into_force and e.party is None and e.date.earliest == MIN_DAY:
                    what = f"an entry into force dated {e.date} of a treaty that supersedes others"
                    raise ValueError(_FIRST_DAY.format(what=what))
        return self

    @property
    def multilateral(self) -> bool:
        """More than two parties, or open to accession."""
        return len(self.parties) > 2 or any(e.type is EventType.accession for e in self.events)

    def event(self, kind: EventType) -> Event | None:
        """The first treaty-wide event of a kind."""
        for e in self.events:
            if e.type is kind and e.party is None:
                return e
        return None

    def obligation_lists(self) -> Iterator[tuple[tuple[str | int, ...], list[Obligation]]]:
        """The text's obligations and each reading's added obligations, with where each list stands."""
        yield ("obligations",), self.obligations
        for r, reading in enumerate(self.readings):
            yield ("readings", r, "obligations"), reading.obligations

    def event_lists(self) -> Iterator[tuple[tuple[str | int, ...], list[Event]]]:
        """The text's events and each reading's added events, with where each list stands."""
        yield ("events",), self.events
        for r, reading in enumerate(self.readings):
            yield ("readings", r, "events"), reading.events

    def code_lists(self) -> Iterator[tuple[tuple[str | int, ...], list[str], bool]]:
        """Every state code the treaty names, a list at a time, with where it stands: the parties and
        each obligation's obligors, beneficiaries and adversaries (``True``: the place of the list,
        whose items follow it by index), and each event's party, obligor and beneficiary (``False``:
        a list of one, at the code's own place); readings' events and obligations included.

        >>> t = Treaty(id="AAA-BBB-2000", title="t", parties=["AAA", "BBB"],
        ...            events=[{"type": "signed", "date": "2000-01-01", "source": "s"}],
        ...            obligations=[{"article": "1", "kind": "defence", "obligors": ["AAA"]}])
        >>> list(t.code_lists())
        [(('parties',), ['AAA', 'BBB'], True), (('obligations', 0, 'obligors'), ['AAA'], True)]
        """
        yield ("parties",), self.parties, True
        for at, events in self.event_lists():
            for i, e in enumerate(events):
                for key, v in (("party", e.party), ("obligor", e.obligor), ("beneficiary", e.beneficiary)):
                    if v is not None:
                        yield (*at, i, key), [v], False
        for at, obligations in self.obligation_lists():
            for i, o in enumerate(obligations):
                if type(o.obligors) is list:
                    yield (*at, i, "obligors"), o.obligors, True
                if type(o.beneficiaries) is list:
                    yield (*at, i, "beneficiaries"), o.beneficiaries, True
                if o.conditions.adversaries:
                    yield (*at, i, "conditions", "adversaries"), o.conditions.adversaries, True

    def under(self, reading: str | None) -> Treaty:
        """This treaty as a reading reads it (clauses replaced, events and obligations added); ``None`` = the text."""
        if reading is None or reading == "text":
            return self
        for r in self.readings:
            if r.name == reading:
                clauses = self.clauses
                if r.clauses is not None:
                    clauses = self.clauses.model_copy(
                        update={k: getattr(r.clauses, k) for k in r.clauses.model_fields_set}
                    )
                added = {"events": [*self.events, *r.events], "obligations": [*self.obligations, *r.obligations]}
                return self.model_copy(update={"clauses": clauses, **added})
        raise UnknownReadingError(reading, ["text", *[r.name for r in self.readings]])


class CorpusMeta(Model):
    """``corpus.yaml``, optional: facts about the rules folder as a whole.

    ``knowledge_date``: the day up to which the folder records events. Without it, the knowledge
    date is the latest day an event is known (``known_from`` or its date). A partial date counts
    from its earliest day (the cautious side: more answers carry the "assumes no later events" note).

    >>> CorpusMeta.model_validate({"knowledge_date": "2024-07"}).knowledge_date.earliest
    datetime.date(2024, 7, 1)
    """

    knowledge_date: PDate | None = None
    title: str | None = None
    note: str | None = None
    source: str | None = None
    sources: list[str] = Field(default_factory=list)
