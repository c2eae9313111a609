"""Who owes whom on a day: the corpus' obligation spells, compiled once and queried by date.

The compiled corpus holds every directed spell of every treaty, derived once per treaty when a
day first needs it (``CompiledCorpus.spells_on``); a query keeps the spells that hold on the day
and match the filters. Party codes in answers are the canonical codes on that day (``RUS`` for the USSR's rights
from 1991-12-26); a filter code matches its whole line of continuity, so ``SUN`` and ``RUS`` both
find the Soviet/Russian obligations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..compiled import CompiledCorpus, DateLike
from ..dates import parse_date
from ..errors import UnknownKindError
from ..regions import Regions
from ..schema import Conditions, ObligationKind
from ..timeline import Step

__all__ = ["KINDS", "ObligationAnswer", "conditions_json", "conditions_words", "obligations"]

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
        if c.location.forces:
            loc["forces"] = True
        if c.location.forces_regions:
            loc["forces_regions"] = [{"name": n, "description": regions.describe(n)} for n in c.location.forces_regions]
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
        if c.location.forces and c.location.regions:
            where.append("on a party's forces there")
        where += [f"on a party's forces in region {n}" for n in c.location.forces_regions]
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


def obligations(
    c: CompiledCorpus,
    on: DateLike,
    *,
    kind: str | None = None,
    obligor: str | None = None,
    beneficiary: str | None = None,
    treaty: str | None = None,
) -> list[ObligationAnswer]:
    """Who owes whom what on a day, ordered by treaty, article, pair (codes canonical on that day;
    filters follow continuity)."""
    day = parse_date(on)
    if kind is not None and kind not in KINDS:
        raise UnknownKindError(kind, KINDS)
    tid = c.resolve(treaty) if treaty else None
    ob_line = c.registry.lineage(obligor) if obligor else None
    be_line = c.registry.lineage(beneficiary) if beneficiary else None
    hits = [
        s
        for s in c.spells_on(day)
        if (kind is None or s.kind == kind)
        and (tid is None or s.treaty == tid)
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
            conditions_json(s.conditions, c.regions),
            s.basis,
            s.certain,
            s.conditions,
        )
        for s in hits
    ]
