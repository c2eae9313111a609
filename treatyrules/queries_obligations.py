"""Who owes whom on a day: the corpus' obligation spells, compiled once and queried by date.

``ObligationIndex`` holds every directed spell of every treaty (see ``obligations``); a query keeps
the spells that hold on the day and match the filters. Party codes in answers are the canonical
codes on that day (``RUS`` for the USSR's rights from 1991-12-26); a filter code matches its whole
line of continuity, so ``SUN`` and ``RUS`` both find the Soviet/Russian obligations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .errors import UnknownKindError
from .lifecycle import Life
from .obligations import Spell, obligation_spells
from .regions import Regions
from .schema import Conditions, ObligationKind
from .states import Registry
from .timeline import Step

if TYPE_CHECKING:
    from .corpus import Corpus

__all__ = ["ObligationAnswer", "ObligationIndex", "conditions_json", "conditions_words", "lineage", "membership_of"]

KINDS = tuple(k.value for k in ObligationKind)


@dataclass(frozen=True)
class ObligationAnswer:
    """One directed obligation on one day: obligor owes beneficiary ``kind`` under ``article``."""

    date: dt.date
    treaty: str
    article: str
    kind: str
    obligor: str
    beneficiary: str
    conditions: dict[str, Any]
    basis: tuple[Step, ...]
    certain: bool = True
    declared: Conditions | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "treaty": self.treaty,
            "article": self.article,
            "kind": self.kind,
            "obligor": self.obligor,
            "beneficiary": self.beneficiary,
            "conditions": self.conditions,
            "basis": [s.to_json() for s in self.basis],
        }
        if not self.certain:
            out["certain"] = False
        return out


def conditions_json(c: Conditions, regions: Regions) -> dict[str, Any]:
    """The declared conditions' content (only those declared), region names with their descriptions.

    >>> conditions_json(Conditions(armed_attack=True, adversaries=["JPN"]), Regions())
    {'armed_attack': True, 'adversaries': ['JPN']}
    """
    out: dict[str, Any] = {}
    for key in ("armed_attack", "state_of_war"):
        if getattr(c, key):
            out[key] = True
    if c.adversaries:
        out["adversaries"] = list(c.adversaries)
        if c.adversaries_include_allies:
            out["adversaries_include_allies"] = True
    if c.location is not None:
        loc: dict[str, Any] = {}
        if c.location.territory_of:
            loc["territory_of"] = c.location.territory_of
        if c.location.regions:
            loc["regions"] = [{"name": n, "description": regions.describe(n)} for n in c.location.regions]
        if c.location.text:
            loc["text"] = c.location.text
        out["location"] = loc
    for key in ("non_provocation", "constitutional_processes", "on_request", "threat"):
        if getattr(c, key):
            out[key] = True
    if c.other:
        out["other"] = list(c.other)
    return out


def conditions_words(c: Conditions, regions: Regions) -> str:
    """The conditions in a short phrase for tables.

    >>> conditions_words(Conditions(armed_attack=True, state_of_war=True), Regions())
    'armed attack; state of war'
    """
    parts = []
    if c.armed_attack:
        parts.append("armed attack")
    if c.state_of_war:
        parts.append("state of war")
    if c.adversaries:
        parts.append("attacker " + " or ".join(c.adversaries) + (" or an ally" if c.adversaries_include_allies else ""))
    if c.location is not None:
        where = []
        if c.location.territory_of:
            where.append(
                {"party": "territory of a party", "beneficiary": "territory of the beneficiary", "any": "anywhere"}[
                    c.location.territory_of
                ]
            )
        where += [f"region {n}" for n in c.location.regions]
        if not where and c.location.text:
            where.append(c.location.text)
        parts.append("in " + " or ".join(where))
    for key, words in (
        ("non_provocation", "not provoked"),
        ("constitutional_processes", "constitutional processes"),
        ("on_request", "on request"),
        ("threat", "threat"),
    ):
        if getattr(c, key):
            parts.append(words)
    parts += list(c.other)
    return "; ".join(parts) if parts else "no conditions"


@lru_cache(maxsize=4096)
def lineage(registry: Registry, code: str) -> frozenset[str]:
    """A state's line of continuity: itself, its continuators and the states it continues.

    >>> from .states import State
    >>> r = Registry([State(code="SUN", name="USSR", ended="1991-12-26", continuator="RUS"),
    ...               State(code="RUS", name="Russia")])
    >>> sorted(lineage(r, "RUS"))
    ['RUS', 'SUN']
    """
    c = registry.canonical(code)
    out = {c, *(to for _, to, _ in registry.successions(c))}
    for other in registry.states:
        if c in {to for _, to, _ in registry.successions(other)}:
            out.add(other)
    return frozenset(out)


class ObligationIndex:
    """Every directed obligation spell of a corpus, compiled once (immutable)."""

    def __init__(self, lives: Sequence[Life], registry: Registry, regions: Regions) -> None:
        self.registry = registry
        self.regions = regions
        self.spells: tuple[Spell, ...] = tuple(s for life in lives for s in obligation_spells(life, registry))

    def on(
        self,
        day: dt.date,
        *,
        kind: str | None = None,
        obligor: str | None = None,
        beneficiary: str | None = None,
        treaty: str | None = None,
    ) -> list[ObligationAnswer]:
        """The obligations holding on ``day`` that match the filters, ordered by treaty, article, pair."""
        if kind is not None and kind not in KINDS:
            raise UnknownKindError(kind, KINDS)
        ob_line = lineage(self.registry, obligor) if obligor else None
        be_line = lineage(self.registry, beneficiary) if beneficiary else None
        hits = [
            s
            for s in self.spells
            if s.holds(day)
            and (kind is None or s.kind == kind)
            and (treaty is None or s.treaty == treaty)
            and (ob_line is None or s.obligor in ob_line)
            and (be_line is None or s.beneficiary in be_line)
        ]
        hits.sort(key=lambda s: (s.treaty, s.index, s.obligor, s.beneficiary))
        return [
            ObligationAnswer(
                day,
                s.treaty,
                s.article,
                s.kind,
                s.obligor,
                s.beneficiary,
                conditions_json(s.conditions, self.regions),
                s.basis,
                s.certain,
                s.conditions,
            )
            for s in hits
        ]


def membership_of(corpus: Corpus, life: Life, code: str, day: dt.date) -> dict[str, Any] | None:
    """A party's membership of a multilateral treaty on a day (``None`` for bilateral treaties).

    ``status``: ``member``, ``not_yet_member``, ``former_member`` or ``unknown``; with ``since``
    (first day of the spell), ``until`` (first day out) and the ``reason`` it ended.
    """
    if not life.treaty.multilateral:
        return None
    line = lineage(corpus.registry, code)
    member = next((m for m in life.memberships if m in line), None)
    if member is None:
        return None
    ms = life.memberships[member]
    seg = ms.timeline.at(day)
    status = {"in_force": "member", "not_party": "not_yet_member", "terminated": "former_member"}.get(
        seg.status, seg.status
    )
    now = corpus.registry.code_on(member, day) if member in corpus.registry else member
    return {
        "party": now or member,
        "status": status,
        "since": ms.start.describe() if ms.start else None,
        "until": ms.end.describe() if ms.end else None,
        "reason": ms.reason if status == "former_member" else None,
        "summary": seg.summary,
    }
