"""The compiled corpus: every treaty's life evaluated once under one reading and knowledge date.

``CompiledCorpus`` is the immutable core that the query, panel, scenario, mix, explain and report
modules take; ``treatyrules.Corpus`` is the user-facing facade on top of it. What is derived from
the lives once and shared — the obligation spells and their index, the regions — is computed on
first use and kept.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol, TypeVar

from .collector import paused_gc
from .dates import MAX_DAY, DayLike, PartialDate, parse_date, parse_partial
from .errors import Problem, UnknownReadingError
from .knowledge import Knowledge
from .lifecycle import Life, Supersession, evaluate
from .loader import RulesFolder
from .lookup import find_treaty
from .obligations import Keep, Make, Pairs, Row, Spell, holding_on, may_oblige, obligation_rows, obligation_spells
from .regions import Regions, load_regions
from .schema import EventType, Reading, Treaty
from .states import Registry
from .validate import derivation_problems

__all__ = ["CompiledCorpus", "CorpusLike", "HasCompiled", "Overlap", "compile_corpus", "core", "supersessions"]

#: a day as a question takes it (``dates.parse_date``: a date, datetime, Timestamp, datetime64, ISO text, 'today')
DateLike = DayLike

#: an answer about one treaty on one day: a frozen dataclass with a ``date`` field
A = TypeVar("A")


@dataclass(frozen=True)
class Overlap:
    """``dropped`` (from an added corpus) describes the same treaty as ``kept`` (hand-coded)."""

    atopid: int | None
    kept: str
    dropped: str

    def __str__(self) -> str:
        why = f"atopid {self.atopid}" if self.atopid is not None else "the same id"
        return f"{self.dropped} left out: {self.kept} records {why} (the hand-coded treaty wins)"


@dataclass(frozen=True, eq=False)
class CompiledCorpus:
    """Treaties, their registry, and every treaty's evaluated life (see ``compile_corpus``)."""

    treaties: Mapping[str, Treaty]
    registry: Registry
    lives: Mapping[str, Life]
    aliases: Mapping[str, str]
    as_of: dt.date | None = None
    reading: str | None = None
    declared_knowledge_date: dt.date | None = None
    knowledge_date: dt.date | None = None
    overlaps: tuple[Overlap, ...] = ()
    root: Path | None = None
    folder: RulesFolder | None = field(default=None, repr=False)
    digest: str | None = None
    #: each treaty's own knowledge date where folders of different dates were merged (empty: every
    #: treaty has the corpus' ``knowledge_date``); not yet bounded by ``as_of``
    treaty_knowledge: Mapping[str, dt.date] = field(default_factory=lambda: MappingProxyType({}))

    # ------------------------------------------------------------ lookups
    @property
    def ids(self) -> list[str]:
        return list(self.treaties)

    def resolve(self, treaty_id: str | int) -> str:
        """The canonical id of the treaty ``treaty_id`` names: an id or alias (any case), an ATOP atopid
        (``3440``, ``ATOP-3440``), an id spelled with other state codes (``CHN-USSR-1950``) or words of
        its title (``Sino-Soviet``); see ``treatyrules.lookup``."""
        return find_treaty(treaty_id, self.treaties, self.aliases, self.registry, self.replaced)

    @cached_property
    def replaced(self) -> Mapping[int, str]:
        """atopid -> the hand-coded treaty that replaced that ATOP alliance in a mix (the first overlap)."""
        out: dict[int, str] = {}
        for o in self.overlaps:
            if o.atopid is not None:
                out.setdefault(o.atopid, o.kept)
        return MappingProxyType(out)

    def treaty(self, treaty_id: str | int) -> Treaty:
        return self.treaties[self.resolve(treaty_id)]

    def life(self, treaty_id: str | int) -> Life:
        """The evaluated life (timeline, memberships, checks) of a treaty."""
        return self.lives[self.resolve(treaty_id)]

    def readings(self) -> list[tuple[str, Reading]]:
        """Every declared reading as ``(treaty id, reading)``, by treaty id then declaration order."""
        return [(tid, r) for tid, t in self.treaties.items() for r in t.readings]

    def reading_for(self, treaty_id: str) -> str | None:
        """The reading a treaty is evaluated under here (``None``: the text, which it declares no reading for)."""
        return _reading_of(self.treaty(treaty_id), self.reading)

    @cached_property
    def knowledge(self) -> Knowledge:
        """Each treaty's knowledge date and reading as plain data (``treatyrules.knowledge``)."""
        readers = frozenset(tid for tid, t in self.treaties.items() if _reading_of(t, self.reading))
        return Knowledge(
            tuple(self.treaties), self.reading, readers, self.as_of, self.knowledge_date, self.treaty_knowledge
        )

    def knowledge_date_of(self, treaty_id: str) -> dt.date | None:
        """The day up to which the rules record a treaty's events (``Knowledge.knowledge_date_of``)."""
        return self.knowledge.knowledge_date_of(treaty_id)

    def assumption_for(self, day: dt.date, treaty_ids: Iterable[str] | None = None) -> str | None:
        """What an answer about ``day`` assumes: no events after the knowledge date (``Knowledge.assumption_for``)."""
        return self.knowledge.assumption_for(day, treaty_ids)

    # ------------------------------------------------------------ derived once, shared
    @cached_property
    def regions(self) -> Regions:
        """The named regions of the rules folder (``regions.yaml``)."""
        return load_regions(self.folder)

    @cached_property
    def spells_by_treaty(self) -> Mapping[str, tuple[Spell, ...]]:
        """Each treaty's directed obligation spells (the one home of them: queries, panels, the report),
        derived on first look-up of the treaty and kept."""
        return self._spells

    @cached_property
    def _spells(self) -> _SpellsByTreaty:
        return _SpellsByTreaty(self.lives, self.registry)

    def holding_on(self, day: dt.date, make: Make[A], keep: Keep | None = None, treaty: str | None = None) -> list[A]:
        """``make`` of what each spell holding on ``day`` shows (of one treaty, or of all; those ``keep``
        keeps), ordered by treaty, declaration, obligor and beneficiary: ``obligations.holding_on``,
        which derives no spell, or (where two pairs show the same codes) the treaty's spells."""
        ids = (treaty,) if treaty is not None else sorted(self.lives)
        spells = self._spells
        return [x for tid in ids if may_oblige(self.lives[tid], day) for x in spells.holding_on(tid, day, make, keep)]

    def spells_on(self, day: dt.date) -> list[Spell]:
        """The spells holding on ``day``, in the order of ``spells``; only the treaties that may
        oblige on that day (in force, or possibly) have theirs derived."""
        by_treaty = self.spells_by_treaty
        return [
            s
            for tid, life in self.lives.items()
            if may_oblige(life, day)
            for s in by_treaty[tid]
            if s.start <= day and (s.end is None or day < s.end)
        ]

    def obligation_rows(self, treaty_id: str) -> list[Row]:
        """A treaty's spells as plain rows (``obligations.obligation_rows``: no article, conditions or
        basis), derived from what its spells share but not kept (panels compile them once)."""
        return obligation_rows(self.pairs(treaty_id))

    def pairs(self, treaty_id: str) -> Pairs:
        """A treaty's ``obligations.Pairs``: what its spells, rows and answers on a day share (kept)."""
        return self._spells.pairs(treaty_id)

    @cached_property
    def spells(self) -> tuple[Spell, ...]:
        """Every directed obligation spell of every treaty, by treaty id."""
        return tuple(s for spells in self.spells_by_treaty.values() for s in spells)

    # ------------------------------------------------------------ point answers, fast
    def answer_cuts(self, treaty_id: str) -> list[dt.date]:
        """The days on which an answer about a treaty on a day may change other than in its ``date``.

        The treaty's and every membership's status changes; every day a period of its members' and
        parties' lines of continuity begins or ends, or a ccode changes hands (the codes on a day);
        the knowledge date and the day after it (from which an answer carries an assumption).
        Between two cuts a status answer differs only in its ``date`` (``tests/test_status_fast``
        checks that on both sides of every cut).
        """
        tid = self.resolve(treaty_id)
        life = self.lives[tid]
        days = set(life.timeline.change_days())
        for ms in life.memberships.values():
            days.update(ms.timeline.change_days())
        for code in {*life.memberships, *life.treaty.parties}:
            days.update(_code_changes(self.registry, code))
        for known in (self.knowledge_date, self.knowledge_date_of(tid)):
            if known is not None and known < MAX_DAY:
                days.update((known, known + dt.timedelta(days=1)))
        return sorted(days)

    @cached_property
    def _memos(self) -> dict[object, dict[Any, Any]]:
        return {}

    def memo(self, owner: object) -> dict[Any, Any]:
        """A dict kept with this corpus for what ``owner`` (a query's function) derives purely and often,
        keyed as the owner likes (``conditions_json`` per declared ``Conditions``)."""
        got = self._memos.get(owner)
        if got is None:
            got = self._memos.setdefault(owner, {})
        return got

    @cached_property
    def points(self) -> dict[str, Any]:
        """Per treaty, what ``queries.status`` keeps for its fast path: the treaty's ``answer_cuts``
        and the answer built for each piece between two of them."""
        return {}

    def problems(self) -> list[Problem]:
        """The derivation's findings for ``validate`` (recorded ends that disagree, notices without clause...)."""
        if self.folder is None:
            return []
        return derivation_problems(self.folder, dict(self.lives))

    # ------------------------------------------------------------ other views
    def with_options(self, *, as_of: DateLike | None = None, reading: str | None = None) -> CompiledCorpus:
        """The same rules evaluated as of another day or under a reading (every treaty re-evaluated)."""
        return compile_corpus(
            self.treaties.values(),
            self.registry,
            as_of=as_of,
            reading=reading,
            knowledge_date=self.declared_knowledge_date,
            root=self.root,
            folder=self.folder,
            digest=self.digest,
            overlaps=self.overlaps,
            treaty_knowledge=self.treaty_knowledge,
        )

    def evaluate_one(self, treaty: Treaty, reading: str | None = None) -> Life:
        """The life of one (possibly altered) treaty under ``reading`` and this corpus' as-of day.

        Only that treaty is evaluated: what other treaties contribute (their supersession of it) is
        read from their clauses, not re-derived.
        """
        supers = supersessions([*(t for t in self.treaties.values() if t.id != treaty.id), treaty], reading, self.as_of)
        return evaluate(applied(treaty, reading), self.registry, supers.get(treaty.id, ()), self.as_of)


class _SpellsByTreaty(Mapping[str, tuple[Spell, ...]]):
    """Treaty id -> its obligation spells, each treaty's derived when first asked for, then kept."""

    def __init__(self, lives: Mapping[str, Life], registry: Registry) -> None:
        self._lives, self._registry = lives, registry
        self._done: dict[str, tuple[Spell, ...]] = {}
        self._pairs: dict[str, Pairs] = {}
        self._rows: dict[str, list[Row]] = {}  # of the treaties ``holding_on`` falls back on

    def __getitem__(self, tid: str) -> tuple[Spell, ...]:
        got = self._done.get(tid)
        if got is None:
            got = self._done[tid] = tuple(obligation_spells(self._lives[tid], self._registry, self.pairs(tid)))
        return got

    def pairs(self, tid: str) -> Pairs:
        """The treaty's ``obligations.Pairs`` (what its spells and its answers on a day share), kept."""
        got = self._pairs.get(tid)
        if got is None:
            got = self._pairs[tid] = Pairs(self._lives[tid], self._registry)
        return got

    def holding_on(self, tid: str, day: dt.date, make: Make[A], keep: Keep | None) -> list[A]:
        """``obligations.holding_on`` for the treaty, else (two pairs alike on the day) from its
        spells' rows holding on the day, in the spells' order by declaration, obligor and beneficiary."""
        pairs = self.pairs(tid)
        got = holding_on(pairs, day, make, keep)
        if got is not None:
            return got
        every = self._rows.get(tid)
        if every is None:  # kept, as the spells were: a treaty falls back on every day its pairs are alike
            every = self._rows[tid] = obligation_rows(pairs)
        rows = [r for r in every if r.start <= day and (r.end is None or day < r.end)]
        rows.sort(key=lambda r: (r.declaration, r.obligor, r.beneficiary))
        out: list[A] = []
        obs = self._lives[tid].treaty.obligations
        for idx, group in itertools.groupby(rows, key=lambda r: r.declaration):
            kind = obs[idx].kind.value
            held = [
                (r.obligor, r.beneficiary, r.obligor_member, r.beneficiary_member, 2 if r.certain else 1)
                for r in group
                if keep is None or keep(kind, r.obligor, r.beneficiary)
            ]
            out += make(tid, idx, obs[idx], pairs, held) if held else ()
        return out

    def __iter__(self) -> Iterator[str]:
        return iter(self._lives)

    def __len__(self) -> int:
        return len(self._lives)


class HasCompiled(Protocol):
    """Anything that holds a compiled corpus (``treatyrules.Corpus``)."""

    @property
    def compiled(self) -> CompiledCorpus: ...


CorpusLike = CompiledCorpus | HasCompiled


def _code_changes(registry: Registry, code: str) -> set[dt.date]:
    """Every day on which the code holding ``code``'s place may change (``Registry.code_days``), and
    each day a ccode spell of its line of continuity begins or ends."""
    if code not in registry:
        return set()
    out = set(registry.code_days(code))
    for c in registry.lineage(code):
        out.update(d.earliest for sp in registry.states[c].ccodes for d in (sp.since, sp.until) if d is not None)
    return out


def core(c: CorpusLike) -> CompiledCorpus:
    """The compiled corpus of a ``Corpus`` (or the compiled corpus itself)."""
    return c if isinstance(c, CompiledCorpus) else c.compiled


def _reading_of(t: Treaty, reading: str | None) -> str | None:
    return reading if reading and any(r.name == reading for r in t.readings) else None


def applied(t: Treaty, reading: str | None) -> Treaty:
    """The treaty as ``reading`` reads it, when it declares that reading; else its text."""
    return t.under(reading) if _reading_of(t, reading) else t


def supersessions(
    treaties: Iterable[Treaty], reading: str | None, as_of: dt.date | None
) -> dict[str, list[Supersession]]:
    """Which treaties each treaty is superseded by on their entry into force (as known by ``as_of``)."""
    out: dict[str, list[Supersession]] = {}
    for t in treaties:
        t2 = applied(t, reading)
        sup = t2.clauses.supersedes
        if sup is None:  # most treaties: their entry into force is not looked up
            continue
        eif = t2.event(EventType.entered_into_force)
        if eif is None or not eif.known_by(as_of):
            continue
        for old in sup.treaties:
            out.setdefault(old, []).append(
                Supersession(t.id, eif.date, sup.article, sup.text, sup.source or eif.source)
            )
    return out


def compile_corpus(
    treaties: Mapping[str, Treaty] | Iterable[Treaty],
    registry: Registry,
    *,
    as_of: DateLike | None = None,
    reading: str | None = None,
    knowledge_date: DateLike | PartialDate | None = None,
    root: Path | None = None,
    folder: RulesFolder | None = None,
    digest: str | None = None,
    overlaps: Iterable[Overlap] = (),
    treaty_knowledge: Mapping[str, dt.date] | None = None,
    evaluated: Mapping[str, Life] | None = None,
) -> CompiledCorpus:
    """Evaluate every treaty once (by id); ``UnknownReadingError`` when no treaty declares ``reading``.

    ``treaty_knowledge``: the treaties' own knowledge dates, where merged folders differ.
    ``evaluated``: lives already derived for some of these treaties under this registry, reading and
    as-of day, with the supersessions these treaties give them (``mix.merge``'s folders'): kept.
    """
    items = treaties.values() if isinstance(treaties, Mapping) else treaties
    by_id = {t.id: t for t in sorted(items, key=lambda t: t.id)}
    reading = None if reading in (None, "text") else reading
    if reading is not None and not any(r.name == reading for t in by_id.values() for r in t.readings):
        raise UnknownReadingError(reading, ["text", *sorted({r.name for t in by_id.values() for r in t.readings})])
    day = parse_date(as_of) if as_of is not None else None
    aliases: dict[str, str] = {}
    for t in by_id.values():
        for key in (t.id, *t.aliases):
            aliases.setdefault(key.upper(), t.id)
    declared = parse_partial(knowledge_date).earliest if knowledge_date is not None else None
    known = declared or _latest_known(by_id.values())
    if day is not None and known is not None:
        known = min(known, day)
    supers = supersessions(by_id.values(), reading, day)
    done = evaluated or {}
    with paused_gc():  # deriving the lives allocates much and frees little (collector.paused_gc)
        lives = {
            tid: done[tid] if tid in done else evaluate(applied(t, reading), registry, supers.get(tid, ()), day)
            for tid, t in by_id.items()
        }
    return CompiledCorpus(
        MappingProxyType(by_id),
        registry,
        MappingProxyType(lives),
        MappingProxyType(aliases),
        day,
        reading,
        declared,
        known,
        tuple(overlaps),
        root,
        folder,
        digest,
        MappingProxyType({k: v for k, v in (treaty_knowledge or {}).items() if k in by_id}),
    )


def _latest_known(treaties: Iterable[Treaty]) -> dt.date | None:
    """The latest day on which an event of these treaties is known (open-ended dates count from their start)."""
    days = []
    for t in treaties:
        for e in t.events:
            k = e.known_from or e.date
            days.append(k.latest if k.latest != MAX_DAY else k.earliest)
    return max(days, default=None)
