"""The compiled corpus: every treaty's life evaluated once, queried by date. Immutable and pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .cache import read_folder_cached
from .dates import MAX_DAY, MIN_DAY, PartialDate, parse_date, parse_partial
from .errors import DateFormatError, Problem, RulesError, UnknownReadingError, UnknownTreatyError
from .lifecycle import Life, Supersession, evaluate
from .loader import RulesFolder, read_folder, shipped_rules
from .regions import Regions, load_regions, region_problems
from .schema import EventType, Reading, Treaty
from .states import Registry, State
from .timeline import Segment, Step
from .validate import cross_checks, derivation_problems, relative

if TYPE_CHECKING:
    from .mix import Overlap
    from .panel import Columns
    from .queries_obligations import ObligationAnswer, ObligationIndex
    from .scenario import ScenarioAnswer

__all__ = ["Corpus", "PeriodAnswer", "StatusAnswer", "load"]

DateLike = str | dt.date


@dataclass(frozen=True)
class StatusAnswer:
    """The status of one treaty on one day, with why."""

    date: dt.date
    id: str
    title: str
    status: str
    reason: str | None
    since: dt.date | None
    until: dt.date | None
    parties: tuple[str, ...]
    summary: str
    basis: tuple[Step, ...]
    sources: tuple[str, ...]
    possible: tuple[str, ...] = ()
    assumption: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    depends_on: tuple[Step, ...] = ()

    @property
    def last_day(self) -> dt.date | None:
        """The last day the status holds (``until - 1 day``)."""
        return self.until - dt.timedelta(days=1) if self.until else None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "reason": self.reason,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "parties": list(self.parties),
            "summary": self.summary,
            "basis": [s.to_json() for s in self.basis],
            "sources": list(self.sources),
        }
        if self.possible:
            out["possible"] = list(self.possible)
        if self.depends_on:
            out["depends_on"] = [d.to_json() for d in self.depends_on]
        if self.assumption:
            out["assumption"] = self.assumption
        out.update(self.extra)
        return out


class Corpus:
    """A compiled set of treaties over a state registry.

    >>> c = load()
    >>> c.status("CHN-PRK-1961", "1995-01-01").status
    'in_force'
    """

    def __init__(
        self,
        treaties: Mapping[str, Treaty] | Iterable[Treaty],
        states: Registry | Iterable[State],
        *,
        as_of: DateLike | None = None,
        reading: str | None = None,
        knowledge_date: DateLike | PartialDate | None = None,
        root: Path | None = None,
        folder: RulesFolder | None = None,
        digest: str | None = None,
    ) -> None:
        items = treaties.values() if isinstance(treaties, Mapping) else treaties
        self._treaties: Mapping[str, Treaty] = MappingProxyType({t.id: t for t in sorted(items, key=lambda t: t.id)})
        self.registry = states if isinstance(states, Registry) else Registry(states)
        self.as_of = parse_date(as_of) if as_of is not None else None
        self.reading = reading
        self.root = root
        self._folder = folder
        self.digest = digest  # content hash of the rules folder (keys the compiled cache)
        #: treaties left out when corpora were merged: ``mix.Overlap(atopid, kept, dropped)``
        self.overlaps: list[Overlap] = []
        if reading not in (None, "text") and not any(
            r.name == reading for t in self._treaties.values() for r in t.readings
        ):
            raise UnknownReadingError(
                reading, ["text", *sorted({r.name for t in self._treaties.values() for r in t.readings})]
            )
        self._aliases: dict[str, str] = {}
        for t in self._treaties.values():
            for key in (t.id, *t.aliases):
                self._aliases.setdefault(key.upper(), t.id)
        self.declared_knowledge_date = parse_partial(knowledge_date).earliest if knowledge_date is not None else None
        kd = self.declared_knowledge_date or _latest_known(self._treaties.values())
        if self.as_of is not None and kd is not None:
            kd = min(kd, self.as_of)
        self.knowledge_date: dt.date | None = kd
        self._lives: Mapping[str, Life] = MappingProxyType(self._compile())

    # ------------------------------------------------------------ construction
    def _applied(self, t: Treaty) -> Treaty:
        if self.reading and any(r.name == self.reading for r in t.readings):
            return t.under(self.reading)
        return t

    def _compile(self) -> dict[str, Life]:
        supers: dict[str, list[Supersession]] = {}
        for t in self._treaties.values():
            t2 = self._applied(t)
            sup = t2.clauses.supersedes
            eif = t2.event(EventType.entered_into_force)
            if sup is None or eif is None:
                continue
            if self.as_of is not None and (eif.known_from or eif.date).latest > self.as_of:
                continue
            for old in sup.treaties:
                supers.setdefault(old, []).append(
                    Supersession(t.id, eif.date, sup.article, sup.text, sup.source or eif.source)
                )
        return {
            tid: evaluate(self._applied(t), self.registry, supers.get(tid, ()), self.as_of)
            for tid, t in self._treaties.items()
        }

    def with_options(self, *, as_of: DateLike | None = None, reading: str | None = None) -> Corpus:
        """The same rules evaluated as of another day or under a reading (a new corpus)."""
        out = Corpus(
            self._treaties,
            self.registry,
            as_of=as_of,
            reading=reading,
            root=self.root,
            folder=self._folder,
            knowledge_date=self.declared_knowledge_date,
            digest=self.digest,
        )
        out.overlaps = list(self.overlaps)
        return out

    def readings(self) -> list[tuple[str, Reading]]:
        """Every declared reading as ``(treaty id, reading)``, by treaty id then declaration order."""
        return [(tid, r) for tid, t in self._treaties.items() for r in t.readings]

    def reading_for(self, treaty_id: str) -> str | None:
        """The reading a treaty is evaluated under here (``None``: the text, which it declares no reading for)."""
        t = self.treaty(treaty_id)
        return self.reading if self.reading and any(r.name == self.reading for r in t.readings) else None

    # ------------------------------------------------------------ lookups
    @property
    def ids(self) -> list[str]:
        return list(self._treaties)

    @property
    def treaties(self) -> Mapping[str, Treaty]:
        return self._treaties

    def resolve(self, treaty_id: str) -> str:
        """The canonical id for an id or alias (case-insensitive)."""
        try:
            return self._aliases[treaty_id.strip().upper()]
        except KeyError:
            raise UnknownTreatyError(treaty_id, list(self._treaties)) from None

    def treaty(self, treaty_id: str) -> Treaty:
        return self._treaties[self.resolve(treaty_id)]

    def life(self, treaty_id: str) -> Life:
        """The evaluated life (timeline, memberships, checks) of a treaty."""
        return self._lives[self.resolve(treaty_id)]

    # ------------------------------------------------------------ queries
    def status(self, treaty_id: str, on: DateLike) -> StatusAnswer:
        """The status of a treaty on a day, with its reason, interval and basis."""
        day = parse_date(on)
        life = self.life(treaty_id)
        seg = life.timeline.at(day)
        return self._answer(life, seg, day)

    def status_code(self, treaty_id: str, on: dt.date) -> str:
        """Only the status word of a treaty on a day: the lean path for many point queries.

        ``treaty_id`` must be a canonical id (see ``resolve``) and ``on`` a ``datetime.date``.
        """
        return self._lives[treaty_id].timeline.at(on).status

    def merge(self, other: Corpus) -> Corpus:
        """This corpus and ``other`` as one; this one's treaties win overlaps (``treatyrules.mix``).

        The treaties of ``other`` that describe a treaty already here (same ``atopid`` or id) are left
        out and listed in ``overlaps``; imported ``COW<ccode>`` states map to this registry's states.
        """
        from .mix import merge

        return merge(self, other)

    def panel(
        self,
        unit: str = "directed-dyad-year",
        start: int = 1815,
        end: int = 2018,
        kinds: Iterable[str] | None = None,
        year_rule: str = "any-day",
        cow_only: bool = False,
    ) -> Columns:
        """Obligations as a panel (see ``treatyrules.panel``): columns, no dataframe dependency."""
        from .panel import panel

        return panel(self, unit, start, end, list(kinds) if kinds is not None else None, year_rule, cow_only)

    def statuses(
        self, on: DateLike, *, party: str | None = None, in_force: bool = False, signed_only: bool = True
    ) -> list[StatusAnswer]:
        """Every treaty's status on a day (by id), optionally only a party's or only those in force."""
        day = parse_date(on)
        code = self.registry.canonical(party) if party else None
        out = []
        for _tid, life in self._lives.items():
            seg = life.timeline.at(day)
            if signed_only and seg.status == "not_signed":
                continue
            if in_force and seg.status != "in_force":
                continue
            if code is not None and not self._involves(life, code, day):
                continue
            answer = self._answer(life, seg, day)
            if code is not None:
                from .queries_obligations import membership_of

                ms = membership_of(self, life, code, day)
                if ms is not None:
                    answer = replace(answer, extra={**answer.extra, "membership": ms})
            out.append(answer)
        return out

    # ------------------------------------------------------------ obligations (queries_obligations, scenario)
    @cached_property
    def regions(self) -> Regions:
        """The named regions of the rules folder (``regions.yaml``)."""
        return load_regions(self._folder)

    @cached_property
    def obligation_index(self) -> ObligationIndex:
        """Every directed obligation spell, compiled once for this corpus."""
        from .queries_obligations import ObligationIndex

        return ObligationIndex(list(self._lives.values()), self.registry, self.regions)

    def obligations(
        self,
        on: DateLike,
        *,
        kind: str | None = None,
        obligor: str | None = None,
        beneficiary: str | None = None,
        treaty: str | None = None,
    ) -> list[ObligationAnswer]:
        """Who owes whom what on a day (codes canonical on that day; filters follow continuity)."""
        return self.obligation_index.on(
            parse_date(on),
            kind=kind,
            obligor=obligor,
            beneficiary=beneficiary,
            treaty=self.resolve(treaty) if treaty else None,
        )

    def scenario(
        self, on: DateLike, attacked: str, attacker: str | None = None, location: str | None = None
    ) -> ScenarioAnswer:
        """If ``attacked`` were attacked on a day: who is bound to defend it, and what needs judging."""
        from .scenario import scenario

        return scenario(self, parse_date(on), attacked, attacker, location)

    def timeline(self, treaty_id: str) -> list[Segment]:
        """Every status interval of a treaty."""
        return list(self.life(treaty_id).timeline.segments)

    def problems(self) -> list[Problem]:
        """The derivation's findings for ``validate`` (recorded ends that disagree, notices without clause...)."""
        if self._folder is None:
            return []
        return derivation_problems(self._folder, dict(self._lives))

    # ------------------------------------------------------------ helpers
    def _involves(self, life: Life, code: str, day: dt.date) -> bool:
        """Whether ``code`` is an original party, or holds a party's place on the day (continuity)."""
        return code in life.memberships or code in self.parties_on(life, day)

    def parties_on(self, life: Life, day: dt.date) -> tuple[str, ...]:
        """Party codes on a day: members in force (canonical codes on that day), else the original parties."""
        status = life.timeline.at(day).status
        if status in ("in_force", "suspended", "unknown"):
            chosen = [m for m, ms in life.memberships.items() if ms.timeline.at(day).status in ("in_force", "unknown")]
        else:
            chosen = list(life.treaty.parties)
            if status == "terminated" and life.end is not None:  # the parties as they were at the end
                day = life.end.earliest - dt.timedelta(days=1)
        out = []
        for m in chosen:
            now = self.registry.code_on(m, day) if m in self.registry else m
            out.append(now or m)
        return tuple(dict.fromkeys(out))

    def _answer(self, life: Life, seg: Segment, day: dt.date) -> StatusAnswer:
        t = life.treaty
        assumption = self.assumption_for(day)
        return StatusAnswer(
            date=day,
            id=t.id,
            title=t.title,
            status=seg.status,
            reason=seg.reason if seg.status == "terminated" else None,
            since=seg.start if seg.start != MIN_DAY else None,
            until=seg.end,
            parties=self.parties_on(life, day),
            summary=seg.summary,
            basis=seg.basis,
            sources=tuple(dict.fromkeys([*t.sources, *(s.source for s in seg.basis if s.source)])),
            possible=seg.possible,
            assumption=assumption,
            depends_on=_uncertain_steps(seg),
        )

    def assumption_for(self, day: dt.date) -> str | None:
        """What an answer about ``day`` assumes: no events after the knowledge date (or the as-of day)."""
        if self.knowledge_date is None or day <= self.knowledge_date:
            return None
        if self.as_of is not None and self.knowledge_date == self.as_of:
            return f"evaluated as of {self.as_of}: only events known by then count; this answer assumes no later events"
        return f"the rules record events up to {self.knowledge_date}; this answer assumes no later events"

    # ------------------------------------------------------------ period queries
    def status_over(self, treaty_id: str, period: str | PartialDate) -> PeriodAnswer:
        """Which statuses a treaty had over a whole period (``1996``, ``1996-09``, ``1995/1996``).

        For each status: ``all`` (held every day), ``part`` (held some days, certainly not others),
        ``none`` (never held), or ``unknown`` (uncertain dates leave it open).
        """
        start, end, p = _period(period)
        return self._over(self.life(treaty_id), p, start, end)

    def statuses_over(
        self, period: str | PartialDate, *, party: str | None = None, in_force: bool = False, signed_only: bool = True
    ) -> list[PeriodAnswer]:
        """``status_over`` for every treaty (by id), with the filters of ``statuses``."""
        start, end, p = _period(period)
        code = self.registry.canonical(party) if party else None
        out = []
        for life in self._lives.values():
            ans = self._over(life, p, start, end)
            if signed_only and ans.held.get("not_signed") == "all":
                continue
            if in_force and ans.held["in_force"] == "none":
                continue
            if code is not None and not any(self._involves(life, code, d) for d in (start, *ans.change_days)):
                continue
            out.append(ans)
        return out

    def _over(self, life: Life, p: PartialDate, start: dt.date, end: dt.date) -> PeriodAnswer:
        segs = life.timeline.overlapping(start, end)
        total = (end - start).days
        certain: dict[str, int] = {}
        possible: dict[str, int] = {}
        parts = []
        for seg in segs:
            lo, hi = max(seg.start, start), min(seg.end or MAX_DAY, end)
            n = (hi - lo).days
            certain[seg.status] = certain.get(seg.status, 0) + n
            for st in (*seg.possible, "unknown") if seg.status == "unknown" else (seg.status,):
                possible[st] = possible.get(st, 0) + n
            parts.append(self._answer(life, seg, lo))
        held: dict[str, str] = {}
        for st in sorted({"in_force", *possible}, key=_status_order):
            c, q = certain.get(st, 0), possible.get(st, 0)
            held[st] = "all" if c == total else "none" if q == 0 else "part" if c > 0 and q < total else "unknown"
        return PeriodAnswer(
            p,
            start,
            end,
            life.treaty.id,
            life.treaty.title,
            held,
            tuple(parts),
            tuple(s.start for s in segs if start < s.start < end),
            self.assumption_for(end - dt.timedelta(days=1)),
        )


STATUS_ORDER = ("not_signed", "signed", "provisional", "in_force", "suspended", "unknown", "terminated")


def _status_order(status: str) -> tuple[int, str]:
    return (STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER), status)


@dataclass(frozen=True)
class PeriodAnswer:
    """A treaty's statuses over a period ``[start, end)``: which held all of it, part of it, or none.

    ``held``: status -> ``all`` | ``part`` | ``none`` | ``unknown`` (``in_force`` always present; a
    status missing from it is ``none``). ``parts``: one answer per status interval meeting the
    period, clipped to it (``date`` is the first day of the part). ``change_days``: days inside the
    period on which the status changes.
    """

    period: PartialDate
    start: dt.date
    end: dt.date
    id: str
    title: str
    held: Mapping[str, str]
    parts: tuple[StatusAnswer, ...]
    change_days: tuple[dt.date, ...]
    assumption: str | None = None

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "held": dict(self.held),
            "change_days": [d.isoformat() for d in self.change_days],
            "parts": [],
        }
        for i, a in enumerate(self.parts):
            to = self.parts[i + 1].date if i + 1 < len(self.parts) else self.end
            part = {
                "from": a.date.isoformat(),
                "to": to.isoformat(),
                "last_day": (to - dt.timedelta(days=1)).isoformat(),
                "days": (to - a.date).days,
            }
            j = a.to_json()
            for k in ("title", "parties", "sources", "assumption"):
                j.pop(k, None)
            part.update(j)
            out["parts"].append(part)
        if self.assumption:
            out["assumption"] = self.assumption
        return out


def _period(period: str | PartialDate) -> tuple[dt.date, dt.date, PartialDate]:
    p = period if isinstance(period, PartialDate) else parse_partial(period)
    if ".." in p.raw:
        raise DateFormatError(p.raw, "a query period needs both ends, e.g. 1996, 1996-09 or 1995/1996")
    if p.open:  # the first or last representable day: no day after it to end a half-open period
        raise DateFormatError(p.raw, "a query period must lie within the years 0002 to 9998")
    return p.earliest, p.latest + dt.timedelta(days=1), p


def _latest_known(treaties: Iterable[Treaty]) -> dt.date | None:
    """The latest day on which an event of these treaties is known (open-ended dates count from their start)."""
    days = []
    for t in treaties:
        for e in t.events:
            k = e.known_from or e.date
            days.append(k.latest if k.latest != MAX_DAY else k.earliest)
    return max(days, default=None)


def _uncertain_steps(seg: Segment) -> tuple[Step, ...]:
    """The steps of an ``unknown`` answer whose dates are uncertain: the facts the answer depends on."""
    if seg.status != "unknown":
        return ()
    out = []
    for st in seg.basis:
        if st.date is None:
            continue
        try:
            exact = parse_partial(st.date).exact
        except DateFormatError:
            exact = False
        if not exact:
            out.append(st)
    return tuple(out)


def _folder_problems(folder: RulesFolder, registry: Registry) -> list[Problem]:
    """Every problem of a folder that does not need the derivation: files, cross-file, regions."""
    return folder.problems + cross_checks(folder, registry) + region_problems(folder, registry)


def load(
    path: str | Path | Sequence[str | Path] | None = None, *, as_of: DateLike | None = None, reading: str | None = None
) -> Corpus:
    """Load and compile a rules folder (default: the shipped ``rules/``), or several merged in order.

    With a list of folders the first one's treaties win every overlap (``Corpus.merge``).
    Raises ``RulesError`` listing every problem when a folder is invalid.
    """
    if isinstance(path, (list, tuple)):
        if not path:
            return load(None, as_of=as_of, reading=reading)
        out = load(path[0], as_of=as_of, reading=reading)
        for p in path[1:]:
            out = out.merge(load(p, as_of=as_of, reading=reading))
        return out
    root = Path(path) if isinstance(path, (str, Path)) else shipped_rules()
    folder, digest = read_folder_cached(root)
    registry = Registry(folder.states)
    problems = _folder_problems(folder, registry)
    errors = [p for p in problems if p.severity == "error"]
    if errors and digest is not None:  # re-read for file:line:col positions
        folder, digest = read_folder(root), None
        registry = Registry(folder.states)
        problems = _folder_problems(folder, registry)
        errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise RulesError(relative(problems, Path.cwd()))
    kd = folder.meta.knowledge_date if folder.meta is not None else None
    return Corpus(
        folder.treaties,
        registry,
        as_of=as_of,
        reading=reading,
        knowledge_date=kd,
        root=root,
        folder=folder,
        digest=digest,
    )


def validate_folder(path: str | Path | None = None) -> list[Problem]:
    """Every problem in a rules folder, warnings included, without raising."""
    root = Path(path) if path is not None else shipped_rules()
    folder = read_folder(root)
    registry = Registry(folder.states)
    problems = _folder_problems(folder, registry)
    if not any(p.severity == "error" for p in problems):
        corpus = Corpus(folder.treaties, registry, root=root, folder=folder)
        problems += corpus.problems()
    return relative(problems, Path.cwd())
