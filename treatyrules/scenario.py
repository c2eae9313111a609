"""Scenarios: if ``attacked`` is attacked on a day (by ``attacker``, at ``location``), who is bound?

Each defence obligation owed to the attacked state on that day is checked condition by condition;
each condition ``holds``, ``fails`` or ``needs_judgement``, with a one-line why:

* armed attack: holds (the scenario's premise); threat: holds (an attack is more than a threat);
* state of war, non-provocation, constitutional processes, on request, other: need judgement;
* named adversaries: hold when the attacker is one, or (``adversaries_include_allies``) is allied
  with one on that day under a treaty of the corpus; fail otherwise; need judgement without attacker;
* location: every declared part must hold (territory of a party/the beneficiary, each named
  region): fails when one part fails, holds when all hold, else needs judgement. Without
  ``location`` the attack is taken to be on the attacked state's own territory.

Verdict: ``bound`` (every condition holds), ``not_bound`` (one fails), ``bound_if_judged``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .compiled import CompiledCorpus, CorpusLike, core
from .display import HTML_ROWS, Shown, clipped, counted, grouped, html_table, more, sample, tally, text_table
from .errors import UnknownPlaceError
from .frames import Tabular, columns
from .queries.obligations import ObligationAnswer, obligations
from .queries.status import parties_on
from .regions import Region
from .schema import Conditions, Location

__all__ = [
    "CONDITIONS",
    "VERDICTS",
    "ConditionCheck",
    "ScenarioAnswer",
    "ScenarioObligation",
    "allied",
    "check_columns",
    "checks_words",
    "judge_obligation",
    "scenario",
]

Value = Literal["holds", "fails", "needs_judgement"]
Verdict = Literal["bound", "not_bound", "bound_if_judged"]

#: every condition a check can be of, scenario's and cascade's (a table has one column for each)
CONDITIONS = (
    "attacker", "target", "attack", "armed_attack", "threat", "state_of_war", "adversaries", "location",
    "non_provocation", "constitutional_processes", "on_request", "other", "in_force",
)  # fmt: skip
VERDICTS: tuple[Verdict, ...] = ("bound", "bound_if_judged", "not_bound")
_VALUE_RANK = {"fails": 0, "needs_judgement": 1, "holds": 2}


def check_columns(checks: Sequence[ConditionCheck]) -> dict[str, str | None]:
    """``check_<condition>``: the value of each condition checked (the weakest where several, e.g.
    two ``other`` conditions); null for a condition not declared."""
    out: dict[str, str | None] = {f"check_{c}": None for c in CONDITIONS}
    for ch in checks:
        key, prev = f"check_{ch.condition}", out.get(f"check_{ch.condition}")
        if prev is None or _VALUE_RANK[ch.value] < _VALUE_RANK[prev]:
            out[key] = ch.value
    return out


def checks_words(checks: Sequence[ConditionCheck]) -> str:
    """``armed_attack holds; state_of_war needs_judgement``."""
    return "; ".join(f"{ch.condition} {ch.value}" for ch in checks) or "no conditions"


@dataclass(frozen=True)
class ConditionCheck:
    """One condition of one obligation, evaluated against the scenario."""

    condition: str
    value: Value
    why: str

    def to_json(self) -> dict[str, str]:
        return {"condition": self.condition, "value": self.value, "why": self.why}


@dataclass(frozen=True)
class ScenarioObligation:
    """A defence obligation owed to the attacked state, its conditions checked, and the verdict."""

    obligation: ObligationAnswer
    checks: tuple[ConditionCheck, ...]
    verdict: Verdict

    def to_json(self) -> dict[str, Any]:
        out = self.obligation.to_json()
        out["verdict"] = self.verdict
        out["checks"] = [c.to_json() for c in self.checks]
        return out


@dataclass(frozen=True, repr=False)
class ScenarioAnswer(Shown, Tabular):
    """Who is bound to come to the aid of ``attacked`` on ``date``, and what remains to judge.

    Shows itself grouped by treaty, article, verdict and checks (``treatyrules.display``); its table
    (``to_pandas``...): one row per obligation, ``date, attacked, attacker, location, treaty, article,
    kind, obligor, beneficiary, certain, verdict``, one ``check_<condition>`` column per condition of
    ``CONDITIONS`` (holds, fails, needs_judgement; null where not declared), ``why`` (every check's
    why, joined by `` | ``).
    """

    date: dt.date
    attacked: str
    attacker: str | None
    location: str | None
    obligations: tuple[ScenarioObligation, ...]
    #: what ``location`` names: a region of ``regions.yaml`` or a state's territory
    location_kind: Literal["region", "state"] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "attacked": self.attacked,
            "attacker": self.attacker,
            "location": self.location,
            "obligations": [o.to_json() for o in self.obligations],
        }

    html_header = ("treaty", "article", "verdict", "obligors", "checks")
    frame_columns = columns(
        "date:date attacked attacker location treaty article kind obligor beneficiary certain:bool verdict "
        + " ".join(f"check_{c}" for c in CONDITIONS)
        + " why"
    )

    def brief(self) -> str:
        by = f" by {self.attacker}" if self.attacker else ""
        at = f" at {self.location}" if self.location else ""
        verdicts = tally((o.verdict for o in self.obligations), VERDICTS)
        n = counted(len(self.obligations), "obligation")
        return f"{self.attacked} attacked{by}{at} on {self.date}: {n}" + (f"; {verdicts}" if verdicts else "")

    def _groups(self) -> list[tuple[str, str, str, str, str]]:
        """One row per treaty, article, verdict and checks: the obligors that share them."""
        key = lambda o: (o.obligation.treaty, o.obligation.article, o.verdict, checks_words(o.checks))  # noqa: E731
        return [
            (t, art, v, f"{len(g)}: {sample([o.obligation.obligor for o in g], 6)}", w)
            for (t, art, v, w), g in grouped(self.obligations, key)
        ]

    def _lines(self) -> list[str]:
        rows = [(t, art, v, obl, clipped(w, 90)) for t, art, v, obl, w in self._groups()]
        return [self.brief(), *("  " + ln for ln in text_table(self.html_header, rows, limit=90))]

    def _html(self) -> str:
        rows = self._groups()
        notes = more(min(len(rows), HTML_ROWS), len(rows), ".to_pandas() has all")
        return html_table(self.html_header, rows[:HTML_ROWS], caption=self.brief(), notes=notes)

    def frame_rows(self) -> list[dict[str, Any]]:
        head = {"date": self.date, "attacked": self.attacked, "attacker": self.attacker, "location": self.location}
        return [
            {
                **head,
                **{
                    k: getattr(o.obligation, k)
                    for k in ("treaty", "article", "kind", "obligor", "beneficiary", "certain")
                },
                "verdict": o.verdict,
                **check_columns(o.checks),
                "why": " | ".join(f"{ch.condition}: {ch.why}" for ch in o.checks) or None,
            }
            for o in self.obligations
        ]


def allied(corpus: CompiledCorpus, a: str, b: str, day: dt.date) -> str | None:
    """The first treaty (by id) under which ``a`` and ``b`` are allies on ``day``, else ``None``.

    Allies: both are members in force of a treaty in force that declares an obligation between
    them or that ATOP codes as an alliance (has an ``atopid``).
    """
    la, lb = corpus.registry.lineage(a), corpus.registry.lineage(b)
    for tid in corpus.ids:
        life = corpus.life(tid)
        if life.timeline.at(day).status != "in_force":
            continue
        if life.treaty.atopid is not None:
            members = [m for m, ms in life.memberships.items() if ms.timeline.at(day).status == "in_force"]
            if any(m in la for m in members) and any(m in lb for m in members):
                return tid
    for o in obligations(corpus, day):
        if (o.obligor in la and o.beneficiary in lb) or (o.obligor in lb and o.beneficiary in la):
            return o.treaty
    return None


def scenario(
    corpus: CorpusLike, day: dt.date, attacked: str, attacker: str | None = None, location: str | None = None
) -> ScenarioAnswer:
    """Evaluate every defence obligation owed to ``attacked`` on ``day`` (see the module doc)."""
    corpus = core(corpus)
    reg = corpus.registry
    victim = reg.code_on(attacked, day) or reg.canonical(attacked)
    foe = (reg.code_on(attacker, day) or reg.canonical(attacker)) if attacker else None
    place_region: Region | None = None
    place_state: str | None = None
    if location is not None:
        if location in corpus.regions:
            place_region = corpus.regions[location]
        elif location in reg:
            place_state = reg.code_on(location, day) or reg.canonical(location)
        else:
            raise UnknownPlaceError(location, [*corpus.regions, *reg.states])
    out = []
    for ob in obligations(corpus, day, kind="defence", beneficiary=victim):
        checks = judge_obligation(corpus, ob, day, victim, foe, place_region, place_state)
        values = {c.value for c in checks}
        verdict: Verdict = (
            "not_bound" if "fails" in values else ("bound_if_judged" if "needs_judgement" in values else "bound")
        )
        out.append(ScenarioObligation(ob, tuple(checks), verdict))
    where = place_region.name if place_region else place_state
    kind: Literal["region", "state"] | None = "region" if place_region else "state" if place_state else None
    return ScenarioAnswer(day, victim, foe, where, tuple(out), kind)


def judge_obligation(
    corpus: CompiledCorpus,
    ob: ObligationAnswer,
    day: dt.date,
    victim: str,
    foe: str | None,
    region: Region | None,
    state: str | None,
) -> list[ConditionCheck]:
    """Each condition of one obligation against an attack on ``victim`` by ``foe`` at a region or a
    state's territory: ``holds``, ``fails`` or ``needs_judgement``, each with its why (the one link a
    cascade follows)."""
    c = ob.declared or Conditions()
    out: list[ConditionCheck] = []
    if foe is not None and foe in corpus.registry.lineage(ob.obligor):
        out.append(ConditionCheck("attacker", "fails", f"the obligor {ob.obligor} is the attacker itself"))
    if c.armed_attack:
        out.append(ConditionCheck("armed_attack", "holds", f"the scenario's premise: {victim} is attacked"))
    if c.threat:
        out.append(ConditionCheck("threat", "holds", "an armed attack is more than the threat the article requires"))
    if c.state_of_war:
        out.append(
            ConditionCheck(
                "state_of_war",
                "needs_judgement",
                f"whether the attack puts {victim} in a state of war is not a matter of record",
            )
        )
    if c.adversaries:
        out.append(_adversaries(corpus, c, day, foe))
    if c.location is not None:
        out.append(_location(corpus, c.location, ob, day, victim, region, state))
    if c.non_provocation:
        out.append(ConditionCheck("non_provocation", "needs_judgement", f"whether {victim} provoked the attack"))
    if c.constitutional_processes:
        out.append(
            ConditionCheck(
                "constitutional_processes",
                "needs_judgement",
                f"{ob.obligor} acts in accordance with its constitutional processes, and judges what they require",
            )
        )
    if c.on_request:
        out.append(ConditionCheck("on_request", "needs_judgement", f"whether {victim} requests it"))
    for text in c.other:
        out.append(ConditionCheck("other", "needs_judgement", text))
    if not ob.certain:
        out.append(
            ConditionCheck(
                "in_force",
                "needs_judgement",
                "the day falls where the sources leave the treaty's or a membership's dates open",
            )
        )
    return out


def _adversaries(corpus: CompiledCorpus, c: Conditions, day: dt.date, foe: str | None) -> ConditionCheck:
    named = " or ".join(c.adversaries) + (" (or a state allied with one)" if c.adversaries_include_allies else "")
    if foe is None:
        return ConditionCheck("adversaries", "needs_judgement", f"no attacker given; the article names {named}")
    foe_line = corpus.registry.lineage(foe)
    for adv in c.adversaries:
        if adv in foe_line:
            return ConditionCheck("adversaries", "holds", f"the attacker {foe} is named ({named})")
    if c.adversaries_include_allies:
        for adv in c.adversaries:
            tid = allied(corpus, foe, adv, day)
            if tid is not None:
                return ConditionCheck(
                    "adversaries", "holds", f"the attacker {foe} is allied with {adv} under {tid} on {day}"
                )
        return ConditionCheck(
            "adversaries",
            "fails",
            f"the attacker {foe} is not {named}: no alliance of the corpus "
            f"links it to {' or '.join(c.adversaries)} on {day}",
        )
    return ConditionCheck("adversaries", "fails", f"the attacker {foe} is not {named}")


def _location(
    corpus: CompiledCorpus,
    loc: Location,
    ob: ObligationAnswer,
    day: dt.date,
    victim: str,
    region: Region | None,
    state: str | None,
) -> ConditionCheck:
    """Every declared part of the location must hold; an attack on forces in a forces area also counts."""
    target = state or (None if region else victim)
    assumed = "" if (state or region) else f" (no location given: taken to be {victim}'s own territory)"
    forces = _forces(corpus, loc, region)
    if forces is not None:
        return ConditionCheck("location", "holds", forces)
    results = [*_territory(corpus, loc, ob, day, target, region), *_regions(corpus, loc, day, target, region)]
    if not results:
        return ConditionCheck("location", "needs_judgement", (loc.text or "a location is stated") + assumed)
    values = [v for v, _ in results]
    value: Value = "fails" if "fails" in values else "holds" if all(v == "holds" for v in values) else "needs_judgement"
    chosen = [w for v, w in results if v == value] or [w for _, w in results]
    return ConditionCheck("location", value, "; ".join(chosen) + assumed)


Part = tuple[Value, str]


def _forces(corpus: CompiledCorpus, loc: Location, region: Region | None) -> str | None:
    """Why an attack in ``region`` counts as one on a party's forces, vessels or aircraft there, if it does."""
    areas = [*(loc.regions if loc.forces else ()), *loc.forces_regions]
    if region is None or region.name not in areas:
        return None
    where = corpus.regions.describe(region.name)
    return f"an attack on a party's armed forces, public vessels or aircraft in {where} counts"


def _territory(
    corpus: CompiledCorpus, loc: Location, ob: ObligationAnswer, day: dt.date, target: str | None, region: Region | None
) -> list[Part]:
    if loc.territory_of is None:
        return []
    if loc.territory_of == "any":
        return [("holds", "any territory counts")]
    if target is None:
        assert region is not None
        whose = "the beneficiary" if loc.territory_of == "beneficiary" else "a party"
        return [_judge(f"whether the attack in {region.name} is on the territory of {whose}")]
    if loc.territory_of == "beneficiary":
        ok = target in corpus.registry.lineage(ob.beneficiary)
        return [("holds" if ok else "fails", f"{target} {'is' if ok else 'is not'} the beneficiary {ob.beneficiary}")]
    parties = set(parties_on(corpus, corpus.life(ob.treaty), day))
    ok = bool(corpus.registry.lineage(target) & parties)
    return [("holds" if ok else "fails", f"{target} {'is' if ok else 'is not'} a party in force")]


def _regions(
    corpus: CompiledCorpus, loc: Location, day: dt.date, target: str | None, region: Region | None
) -> list[Part]:
    out: list[Part] = []
    for name in loc.regions:
        desc = corpus.regions.describe(name)
        if region is not None:
            same = region.name == name
            out.append(
                ("holds", f"the attack is in {desc}")
                if same
                else _judge(f"whether {region.description} lies in {desc}")
            )
            continue
        assert target is not None
        r = corpus.regions.get(name)
        place = r.place(target, day) if r is not None else "unlisted"
        parts: dict[str, Part] = {
            "in": ("holds", f"{target} lies in {desc}"),
            "out": ("fails", f"{target} lies outside {desc}"),
            "partial": _judge(f"only part of {target}'s territory lies in {desc}: where is the attack?"),
            "unlisted": _judge(f"regions.yaml does not place {target} in or out of {desc}"),
        }
        out.append(parts[place])
    return out


def _judge(why: str) -> Part:
    return ("needs_judgement", why)
