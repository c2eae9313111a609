"""Cascades: if ``attacker`` attacks ``attacked`` on a day, which states do their treaties draw in,
on which side, and through which chain of articles?

The rounds (docs/cascade.md has examples):

* **Round 1** judges the first attack exactly as ``scenario(attacked, attacker)`` does: every defence
  obligation owed to the attacked state; and every **offence** obligation owed to the attacker (its
  obligor would join the attacker against the attacked state).
* Each state drawn in takes a side and becomes a **belligerent** from the next round on; the
  attacked state fights from round 2 (its own self-defence), the attacker from round 1. Every
  belligerent is at war with every belligerent of the other side. Each round judges, against the
  belligerents of the previous one: the defence obligations owed to each belligerent, against each
  state at war with it, and the offence obligations owed to each belligerent, against each state it
  is at war with. A state drawn in is a new belligerent for the next round, and so on until a round
  changes nothing.
* **Which force is an armed attack.** The first attack is one (the premise), and so is the entry of
  a state by an offence obligation (it joins an attack, against the state its ally attacks): they
  trigger defence clauses under every rule. All other force between the two sides is force in the
  war the first attack began: the attacked state's and its defenders' self-defence, and the other
  side's force against them. Whether such force counts as an armed attack on the state it is used
  against (most defence clauses trigger on an armed attack on the party) is the selectable rule
  ``defence_is_attack``: ``"no"`` (the default: the aggressor's allies are not bound by their defence
  clauses, nor a defender's allies by an attack on it by the aggressor or the aggressor's allies),
  ``"judged"`` (it needs judgement: ``bound if judged``) or ``"yes"`` (it counts: the war spreads along
  every alliance). The same rule says whether such force is a war of the beneficiary's own that an
  offence clause covers.
* **Conditions** are scenario's (``judge_obligation``), with these for the force after the first
  attack: where it is used is not given, so a location condition needs judgement (unless it covers
  any territory); named adversaries must be at war with the beneficiary (for offence: be the state
  it fights); the obligor is never the state it would fight. Offence conditions: adversaries as
  above (``adversaries_include_allies``: a state allied with one); location, state of war, on
  request, constitutional processes and the rest need judgement.
* **Verdicts** are scenario's: ``bound``, ``bound_if_judged``, ``not_bound``. An entry's verdict is the
  weakest of what it rests on: the beneficiary's entry, the entry of the state it fights and its
  own link. ``via`` lists those links, by round (the first attack's link first, the entry's own last).
* **Entries.** A state enters a side once, in the first round that draws it in (the strongest
  candidate, then the shortest ``via``, then by treaty, article and codes), and again only to firm
  up (``bound`` after ``bound_if_judged``; ``earlier`` names the first entry). A state that is not
  bound is listed once per side, in the first round that judges it, unless already drawn in on that
  side. The attacker and the attacked state are on their sides by the premise and never enter them.
* **Conflicts of obligations.** A state drawn in on both sides (or an original state drawn in on
  the other side) is reported as a conflict; both entries stay.

Termination: a round that changes nothing ends the cascade, and each round that changes something
adds a belligerent, firms one up or adds an attack; each (state, side) and each attack
(actor, target) changes at most twice. ``max_rounds`` stops earlier (``complete`` is then False
when a further round would change something).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .compiled import CompiledCorpus, CorpusLike, core
from .dates import parse_date
from .errors import UsageError
from .queries.obligations import ObligationAnswer, obligations
from .scenario import (
    ConditionCheck,
    ScenarioAnswer,
    Verdict,
    allied,
    judge_obligation,  # scenario's one-link judgement (docs/cascade.md)
    scenario,
)
from .schema import Conditions

__all__ = [
    "RULES",
    "Attack",
    "CascadeAnswer",
    "Conflict",
    "Entry",
    "Link",
    "Round",
    "cascade",
    "propagate",
    "verdict_of",
    "weakest",
]

Side = Literal["attacked", "attacker"]
Rule = Literal["no", "judged", "yes"]

#: the rule for force in the war after the first attack: is it an armed attack on the state it is used against?
RULES: tuple[Rule, ...] = ("no", "judged", "yes")
_RANK: dict[Verdict, int] = {"not_bound": 0, "bound_if_judged": 1, "bound": 2}
_BY_RANK: tuple[Verdict, ...] = ("not_bound", "bound_if_judged", "bound")
_OTHER: dict[Side, Side] = {"attacked": "attacker", "attacker": "attacked"}
_RULE_VALUE: dict[Rule, Any] = {"no": "fails", "judged": "needs_judgement", "yes": "holds"}
_RULE_RANK: dict[Rule, int] = {"no": 0, "judged": 1, "yes": 2}


def weakest(verdicts: Iterable[Verdict]) -> Verdict:
    """The weakest of several verdicts (``bound`` for none).

    >>> weakest(["bound", "bound_if_judged"])
    'bound_if_judged'
    """
    return min(verdicts, key=_RANK.__getitem__, default="bound")


def verdict_of(checks: Iterable[ConditionCheck]) -> Verdict:
    """Scenario's verdict from checked conditions: one fails → not bound; one needs judgement → bound if judged."""
    values = {c.value for c in checks}
    return "not_bound" if "fails" in values else "bound_if_judged" if "needs_judgement" in values else "bound"


# ---------------------------------------------------------------- the answer


@dataclass(frozen=True)
class Link:
    """One step: in ``round``, ``obligor`` owes ``beneficiary`` ``kind`` under ``treaty`` ``article`` and
    would fight ``against``; ``verdict`` judges this link alone, from ``checks``."""

    round: int
    treaty: str
    article: str
    kind: str
    obligor: str
    beneficiary: str
    against: str
    verdict: Verdict
    checks: tuple[ConditionCheck, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "round": self.round,
            "treaty": self.treaty,
            "article": self.article,
            "kind": self.kind,
            "obligor": self.obligor,
            "beneficiary": self.beneficiary,
            "against": self.against,
            "verdict": self.verdict,
            "checks": [c.to_json() for c in self.checks],
        }

    @property
    def order(self) -> tuple[int, str, str, str, str, str]:
        return (self.round, self.treaty, self.article, self.obligor, self.beneficiary, self.against)


def _judgements(links: Sequence[Link], value: str) -> list[dict[str, Any]]:
    return [
        {
            "round": link.round,
            "treaty": link.treaty,
            "article": link.article,
            "obligor": link.obligor,
            "condition": c.condition,
            "why": c.why,
        }
        for link in links
        for c in link.checks
        if c.value == value
    ]


@dataclass(frozen=True)
class Entry:
    """``state`` enters ``side`` with ``verdict``; ``via``: the links it rests on, by round, its own last."""

    state: str
    side: Side
    verdict: Verdict
    via: tuple[Link, ...]
    #: (round, verdict) of this state's earlier, weaker entry on this side
    earlier: tuple[int, Verdict] | None = None
    conflict: bool = False

    @property
    def link(self) -> Link:
        """The link that draws the state in (the last of ``via``)."""
        return self.via[-1]

    @property
    def round(self) -> int:
        return self.link.round

    @property
    def drawn_in(self) -> bool:
        return self.verdict != "not_bound"

    def needs_judgement(self) -> list[dict[str, Any]]:
        """Every condition of ``via`` that needs judgement, link by link."""
        return _judgements(self.via, "needs_judgement")

    def fails(self) -> list[dict[str, Any]]:
        """The conditions that fail (in a ``not_bound`` entry's own link)."""
        return _judgements(self.via, "fails")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "state": self.state,
            "side": self.side,
            "verdict": self.verdict,
            "against": self.link.against,
            "via": [link.to_json() for link in self.via],
            "needs_judgement": self.needs_judgement(),
            "fails": self.fails(),
            "conflict": self.conflict,
        }
        if self.earlier is not None:
            out["earlier"] = {"round": self.earlier[0], "verdict": self.earlier[1]}
        return out


@dataclass(frozen=True)
class Round:
    """The entries of one round: the attacked state's side first, then by state."""

    number: int
    entries: tuple[Entry, ...]

    def to_json(self) -> dict[str, Any]:
        return {"round": self.number, "entries": [e.to_json() for e in self.entries]}


@dataclass(frozen=True)
class Conflict:
    """``state`` is drawn in on both sides; ``None`` on a side: it is that side's own original state."""

    state: str
    attacked: Entry | None
    attacker: Entry | None

    @property
    def verdict(self) -> Verdict:
        return weakest(e.verdict for e in (self.attacked, self.attacker) if e is not None)

    def to_json(self) -> dict[str, Any]:
        sides: list[dict[str, Any]] = []
        for side, e in (("attacked", self.attacked), ("attacker", self.attacker)):
            if e is None:
                sides.append({"side": side, "round": 0, "verdict": "bound", "as": f"the {side} state"})
                continue
            link = e.link
            sides.append(
                {
                    "side": side,
                    "round": e.round,
                    "verdict": e.verdict,
                    "treaty": link.treaty,
                    "article": link.article,
                    "beneficiary": link.beneficiary,
                }
            )
        return {"state": self.state, "verdict": self.verdict, "sides": sides}


@dataclass(frozen=True)
class CascadeAnswer:
    """Who is drawn in, round by round, when ``attacker`` attacks ``attacked`` on ``date``."""

    date: dt.date
    attacker: str
    attacked: str
    location: str | None
    defence_is_attack: Rule
    max_rounds: int | None
    rounds: tuple[Round, ...]
    conflicts: tuple[Conflict, ...]
    #: False when ``max_rounds`` stopped the rounds before the fixed point
    complete: bool = True
    location_kind: Literal["region", "state"] | None = None
    assumption: str | None = None

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for r in self.rounds for e in r.entries)

    def verdicts(self) -> dict[tuple[str, Side], Verdict]:
        """Each (state, side) judged, with its strongest verdict."""
        out: dict[tuple[str, Side], Verdict] = {}
        for e in self.entries:
            prev = out.get((e.state, e.side))
            if prev is None or _RANK[e.verdict] > _RANK[prev]:
                out[(e.state, e.side)] = e.verdict
        return out

    def drawn_in(self) -> set[tuple[str, Side]]:
        """The (state, side) pairs that are bound or bound if judged."""
        return {k for k, v in self.verdicts().items() if v != "not_bound"}

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "date": self.date.isoformat(),
            "attacker": self.attacker,
            "attacked": self.attacked,
            "location": self.location,
            "defence_is_attack": self.defence_is_attack,
            "max_rounds": self.max_rounds,
            "complete": self.complete,
            "rounds": [r.to_json() for r in self.rounds],
            "conflicts": [c.to_json() for c in self.conflicts],
        }
        if self.assumption is not None:
            out["assumption"] = self.assumption
        return out


# ---------------------------------------------------------------- the war between rounds


@dataclass(frozen=True)
class Attack:
    """``actor`` attacks ``target`` for ``side`` (an armed attack): a first attack, or an entry by an
    offence obligation (against the state its ally fights)."""

    actor: str
    target: str
    side: Side = "attacker"
    verdict: Verdict = "bound"
    via: tuple[Link, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.actor, self.target)


@dataclass(frozen=True)
class _Bel:
    """A belligerent: ``state`` fights for ``side`` (an original state of the attacks, or an entry)."""

    state: str
    side: Side
    verdict: Verdict
    via: tuple[Link, ...] = ()

    @property
    def rank(self) -> int:
        return _RANK[self.verdict]

    @property
    def order(self) -> tuple[int, int, tuple[tuple[int, str, str, str, str, str], ...], str]:
        """The strongest first, then the original states, then by ``via`` and code."""
        return (-self.rank, len(self.via), tuple(x.order for x in self.via), self.state)


@dataclass(frozen=True)
class _War:
    """What the rounds so far have established: the belligerents, the attacks, each (state, side)'s
    best entry as (rank, round), and the (state, side) pairs that are the attacks' premise."""

    belligerents: Mapping[tuple[str, Side], _Bel]
    attacks: Mapping[tuple[str, str], Attack]
    known: Mapping[tuple[str, Side], tuple[int, int]]
    premise: frozenset[tuple[str, Side]]

    def wants(self, state: str, side: Side, rank: int, attack: tuple[str, str] | None) -> bool:
        """Whether a candidate at ``rank`` could change anything: a new or firmer entry, or a firmer attack."""
        prev = self.known.get((state, side))
        if (state, side) not in self.premise and (prev is None or rank > prev[0]):
            return True
        if attack is None or rank == 0:
            return False
        known = self.attacks.get(attack)
        return known is None or rank > _RANK[known.verdict]

    def opposing(self, side: Side) -> list[_Bel]:
        """The belligerents fighting ``side``, strongest first."""
        return sorted((b for b in self.belligerents.values() if b.side != side), key=lambda b: b.order)


@dataclass(frozen=True)
class _Candidate:
    """What a link would do: the entry it would make (and, by offence, the attack), and its rank order."""

    entry: Entry
    attack: Attack | None
    order: tuple[Any, ...]

    @property
    def key(self) -> tuple[str, Side]:
        return (self.entry.state, self.entry.side)


def _merge(*chains: Sequence[Link]) -> tuple[Link, ...]:
    """The links of several chains once each, by round (then as first met)."""
    return tuple(sorted(dict.fromkeys(x for c in chains for x in c), key=lambda x: x.round))


def _candidate(
    link: Link, side: Side, rank: int, rests_on: Sequence[Sequence[Link]], attacks: str | None
) -> _Candidate:
    """The candidate a built link makes (``attacks``: the state it attacks, for an offence entry)."""
    verdict = _BY_RANK[min(rank, _RANK[link.verdict])]
    via = (*_merge(*rests_on), link)
    attack = Attack(link.obligor, attacks, side, verdict, via) if attacks is not None and rank > 0 else None
    order = (-_RANK[verdict], len(via), tuple(x.order for x in via))
    return _Candidate(Entry(link.obligor, side, verdict, via), attack, order)


# ---------------------------------------------------------------- judging the links of a round


def _anywhere(c: Conditions | None) -> bool:
    """The declared location covers any territory (so where the force is used does not matter)."""
    loc = c.location if c is not None else None
    return loc is not None and loc.territory_of == "any" and not loc.regions and not loc.forces_regions


def _without_premise(checks: Iterable[ConditionCheck]) -> tuple[ConditionCheck, ...]:
    """Checks without scenario's premise of an armed attack (the rule judges it instead)."""
    return tuple(c for c in checks if c.condition != "armed_attack")


@dataclass(frozen=True)
class _Owed:
    """The defence obligations owed to one state, judged once for the force after the first attack:
    scenario's checks with no attacker and no location (``base``), their verdict without the premise
    of an armed attack (``verdicts``), and whether the attacker matters (``by_foe``: adversaries named)."""

    obligations: tuple[ObligationAnswer, ...]
    base: tuple[tuple[ConditionCheck, ...], ...]
    verdicts: tuple[Verdict, ...]
    by_foe: tuple[bool, ...]


@dataclass(frozen=True)
class _Judge:
    """Judges a round's links: scenario's checks, with the cascade's rules for the force after the
    first attacks. The day's defence and offence obligations are fetched once; ``owed``, ``memo`` and
    ``lines`` keep what was judged per state, per (target, foe, obligation) and each state's lineage."""

    corpus: CompiledCorpus
    day: dt.date
    rule: Rule
    firsts: Mapping[tuple[str, str], ScenarioAnswer]
    defence: tuple[ObligationAnswer, ...]
    offences: Mapping[str, tuple[ObligationAnswer, ...]]
    owed: dict[str, _Owed] = field(default_factory=dict)
    memo: dict[tuple[str, str, int], tuple[ConditionCheck, ...]] = field(default_factory=dict)
    lines: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, c: CompiledCorpus, day: dt.date, rule: Rule, firsts: Mapping[tuple[str, str], ScenarioAnswer]
    ) -> _Judge:
        offences: dict[str, list[ObligationAnswer]] = {}
        for o in obligations(c, day, kind="offence"):
            offences.setdefault(o.beneficiary, []).append(o)
        defence = tuple(obligations(c, day, kind="defence"))
        return cls(c, day, rule, firsts, defence, {k: tuple(v) for k, v in offences.items()})

    def line(self, code: str) -> frozenset[str]:
        if code not in self.lines:
            self.lines[code] = self.corpus.registry.lineage(code)
        return self.lines[code]

    def origin(self) -> str:
        return " and ".join(f"{a}'s attack on {t}" for a, t in self.firsts)

    # ------------------------------------------------ the attacks
    def under_attack(self, atk: Attack, n: int, war: _War) -> list[_Candidate]:
        """Defence owed to the target against the attacker; offence owed to the attacker against the target."""
        first = self.firsts.get(atk.key) if not atk.via else None
        if first is not None:
            judged = [(so.obligation, so.checks) for so in first.obligations]
        else:
            owed = self._owed(atk.target)
            judged = [(o, self._against(atk.target, atk.actor, i)) for i, o in enumerate(owed.obligations)]
        out = []
        side = _OTHER[atk.side]
        for o, checks in judged:
            rank = min(_RANK[atk.verdict], _RANK[verdict_of(checks)])
            if war.wants(o.obligor, side, rank, None):
                link = Link(
                    n, o.treaty, o.article, "defence", o.obligor, o.beneficiary, atk.actor, verdict_of(checks), checks
                )
                out.append(_candidate(link, side, rank, [atk.via], None))
        for o in self.offences.get(atk.actor, ()):
            premise = ConditionCheck("attack", "holds", f"{atk.actor} attacks {atk.target}: the war the article covers")
            out.extend(self._offence(o, atk.actor, atk.target, atk.side, premise, n, war, [atk.via], atk.verdict))
        return out

    # ------------------------------------------------ the force between the sides
    def at_war(self, g: _Bel, n: int, war: _War, opposing: Sequence[_Bel]) -> list[_Candidate]:
        """Defence owed to ``g`` against each state at war with it; offence owed to ``g`` against each."""
        out: list[_Candidate] = []
        owed = self._owed(g.state)
        cap = min(g.rank, _RULE_RANK[self.rule])
        for i, o in enumerate(owed.obligations):
            most = cap if owed.by_foe[i] else min(cap, _RANK[owed.verdicts[i]])
            if not war.wants(o.obligor, g.side, most, None):
                continue  # no foe could make it stronger than what is known (``wants`` grows with the rank)
            for y in self._foes(o, owed.by_foe[i], g, opposing):
                base = self._against(g.state, y.state, i) if owed.by_foe[i] else owed.base[i]
                verdict = verdict_of(_without_premise(base)) if owed.by_foe[i] else owed.verdicts[i]
                rank = min(g.rank, y.rank, _RANK[verdict], _RULE_RANK[self.rule])
                if not war.wants(o.obligor, g.side, rank, None):
                    continue
                checks = (self.force(y, g, "armed_attack"), *_without_premise(base))
                link = Link(
                    n, o.treaty, o.article, "defence", o.obligor, o.beneficiary, y.state, verdict_of(checks), checks
                )
                out.append(_candidate(link, g.side, rank, [g.via, y.via], None))
        for o in self.offences.get(g.state, ()):
            for t in self._foes(o, bool(o.declared and o.declared.adversaries), g, opposing):
                premise = self.force(g, t, "attack")
                out.extend(
                    self._offence(
                        o, g.state, t.state, g.side, premise, n, war, [g.via, t.via], _BY_RANK[min(g.rank, t.rank)]
                    )
                )
        return out

    def _foes(self, o: ObligationAnswer, each: bool, g: _Bel, opposing: Sequence[_Bel]) -> list[_Bel]:
        """The states at war with ``g`` to judge ``o`` against: the strongest one the obligor is not
        (``each``: every one, as named adversaries make the foe matter)."""
        out = []
        for y in opposing:
            if o.obligor in self.line(y.state) or y.state in self.line(g.state):
                continue
            out.append(y)
            if not each:
                break
        return out

    def force(self, actor: _Bel, target: _Bel, condition: str) -> ConditionCheck:
        """Whether force in the war is an armed attack (``armed_attack``: on the target, for a defence
        clause; ``attack``: by the actor, for an offence clause): the rule ``defence_is_attack``."""
        a, t = actor.state, target.state
        if actor.side == "attacked":
            how = f"in {'its own' if not actor.via else 'collective'} self-defence"
        else:
            how = f"in the war that {self.origin()} began"
        what = (
            f"an armed attack on {t}"
            if condition == "armed_attack"
            else f"an attack by {a} that an offence clause covers"
        )
        said = {
            "no": f"that is not {what}",
            "judged": f"whether that is {what} needs judgement",
            "yes": f"that counts as {what}",
        }[self.rule]
        why = f"{a} uses force against {t} {how}: {said} (rule defence_is_attack={self.rule})"
        return ConditionCheck(condition, _RULE_VALUE[self.rule], why)

    # ------------------------------------------------ judged once
    def _owed(self, target: str) -> _Owed:
        if target not in self.owed:
            line = self.line(target)
            obs = tuple(o for o in self.defence if o.beneficiary in line)
            base = tuple(
                self._placeless(o, judge_obligation(self.corpus, o, self.day, target, None, None, None)) for o in obs
            )
            self.owed[target] = _Owed(
                obs,
                base,
                tuple(verdict_of(_without_premise(b)) for b in base),
                tuple(bool(o.declared and o.declared.adversaries) for o in obs),
            )
        return self.owed[target]

    def _against(self, target: str, foe: str, i: int) -> tuple[ConditionCheck, ...]:
        """Scenario's checks of the ``i``-th obligation owed to ``target`` when ``foe`` attacks, no place given."""
        key = (target, foe, i)
        if key not in self.memo:
            o = self._owed(target).obligations[i]
            self.memo[key] = self._placeless(o, judge_obligation(self.corpus, o, self.day, target, foe, None, None))
        return self.memo[key]

    def _placeless(self, o: ObligationAnswer, checks: Iterable[ConditionCheck]) -> tuple[ConditionCheck, ...]:
        """Where force after the first attack is used is not given: a location condition needs judgement."""
        if _anywhere(o.declared):
            return tuple(checks)
        return tuple(
            ConditionCheck("location", "needs_judgement", _where(o.beneficiary)) if c.condition == "location" else c
            for c in checks
        )

    def _offence(
        self,
        o: ObligationAnswer,
        actor: str,
        target: str,
        side: Side,
        premise: ConditionCheck,
        n: int,
        war: _War,
        rests_on: Sequence[Sequence[Link]],
        verdict: Verdict,
    ) -> list[_Candidate]:
        """An offence obligation owed to ``actor``: the obligor would join it against ``target``."""
        checks = _offence_checks(self, o, actor, target, premise)
        rank = min(_RANK[verdict], _RANK[verdict_of(checks)])
        if not war.wants(o.obligor, side, rank, (o.obligor, target)):
            return []
        link = Link(n, o.treaty, o.article, "offence", o.obligor, o.beneficiary, target, verdict_of(checks), checks)
        return [_candidate(link, side, rank, rests_on, target)]


def _where(target: str) -> str:
    return f"where force is used against {target} is not given (only the first attack's place is)"


def _offence_checks(
    judge: _Judge, o: ObligationAnswer, actor: str, target: str, premise: ConditionCheck
) -> tuple[ConditionCheck, ...]:
    """The checks of an offence obligation owed to ``actor``, whose obligor would join it against ``target``."""
    c = o.declared or Conditions()
    out: list[ConditionCheck] = []
    if o.obligor in judge.line(target):
        out.append(ConditionCheck("target", "fails", f"the obligor {o.obligor} is {target}, the state {actor} fights"))
    out.append(premise)
    if c.adversaries:
        out.append(_offence_adversaries(judge, c, target))
    if c.location is not None and not _anywhere(c):
        where = (c.location.text or "a location is stated") + f"; {_where(target)}"
        out.append(ConditionCheck("location", "needs_judgement", where))
    out.extend(_judged(c, o, actor, target))
    return tuple(out)


def _judged(c: Conditions, o: ObligationAnswer, actor: str, target: str) -> list[ConditionCheck]:
    """The conditions of an offence obligation that are always a matter of judgement."""
    flags = [
        (c.armed_attack, "armed_attack", f"the article names an armed attack; here {actor} is the one attacking"),
        (c.threat, "threat", f"whether {target} threatens {actor} as the article requires"),
        (c.state_of_war, "state_of_war", f"whether {actor} is in a state of war with {target}"),
        (c.non_provocation, "non_provocation", f"whether {actor} was provoked, as the article requires"),
        (
            c.constitutional_processes,
            "constitutional_processes",
            f"{o.obligor} acts in accordance with its constitutional processes, and judges what they require",
        ),
        (c.on_request, "on_request", f"whether {actor} requests it"),
    ]
    out = [ConditionCheck(name, "needs_judgement", why) for on, name, why in flags if on]
    out += [ConditionCheck("other", "needs_judgement", text) for text in c.other]
    if not o.certain:
        why = "the day falls where the sources leave the treaty's or a membership's dates open"
        out.append(ConditionCheck("in_force", "needs_judgement", why))
    return out


def _offence_adversaries(judge: _Judge, c: Conditions, target: str) -> ConditionCheck:
    named = " or ".join(c.adversaries) + (" (or a state allied with one)" if c.adversaries_include_allies else "")
    if any(a in judge.line(target) for a in c.adversaries):
        return ConditionCheck("adversaries", "holds", f"{target} is named ({named})")
    if c.adversaries_include_allies:
        for adv in c.adversaries:
            tid = allied(judge.corpus, target, adv, judge.day)
            if tid is not None:
                return ConditionCheck(
                    "adversaries", "holds", f"{target} is allied with {adv} under {tid} on {judge.day}"
                )
    return ConditionCheck("adversaries", "fails", f"{target} is not {named}")


# ---------------------------------------------------------------- rounds to a fixed point


def _settle(n: int, cands: Sequence[_Candidate], war: _War) -> tuple[list[Entry], _War, bool]:
    """A round's new entries, the war after it, and whether it changed the war."""
    best: dict[tuple[str, Side], Entry] = {}
    for c in sorted(cands, key=lambda c: c.order):
        best.setdefault(c.key, c.entry)
    entries, known, bels = [], dict(war.known), dict(war.belligerents)
    for key in sorted(best, key=lambda k: (k[1] != "attacked", k[0])):
        e, prev = best[key], war.known.get(key)
        rank = _RANK[e.verdict]
        if key in war.premise or (prev is not None and (rank <= prev[0] or rank == 0)):
            continue
        earlier = (prev[1], _BY_RANK[prev[0]]) if prev is not None and prev[0] > 0 else None
        entries.append(replace(e, earlier=earlier))
        known[key] = (rank, n)
        if rank > 0:
            bels[key] = _Bel(e.state, e.side, e.verdict, e.via)
    attacks = dict(war.attacks)
    for c in sorted((c for c in cands if c.attack is not None), key=lambda c: c.order):
        assert c.attack is not None
        prev_attack = attacks.get(c.attack.key)
        if prev_attack is None or _RANK[c.attack.verdict] > _RANK[prev_attack.verdict]:
            attacks[c.attack.key] = c.attack
    changed = bels != dict(war.belligerents) or attacks != dict(war.attacks)
    return entries, _War(bels, attacks, known, war.premise), changed


def _round(judge: _Judge, war: _War, n: int) -> tuple[list[Entry], _War, bool]:
    """Judge round ``n`` against the war so far."""
    cands = [c for atk in war.attacks.values() for c in judge.under_attack(atk, n, war)]
    opposing = {side: war.opposing(side) for side in ("attacked", "attacker")}
    for g in war.belligerents.values():
        cands.extend(judge.at_war(g, n, war, opposing[g.side]))
    return _settle(n, cands, war)


def propagate(
    corpus: CorpusLike,
    on: dt.date | str,
    attacks: Sequence[tuple[str, str]],
    *,
    location: str | None = None,
    max_rounds: int | None = None,
    defence_is_attack: str = "no",
) -> tuple[tuple[Round, ...], tuple[Conflict, ...], bool]:
    """The rounds that ``attacks`` (each ``(attacker, attacked)``, judged in round 1 as ``scenario``
    judges it) set off, the conflicts of obligations, and whether they reached the fixed point. No
    attack, no round.

    The attackers are on the ``attacker`` side, the attacked states on the ``attacked`` side; the
    attacked states fight from round 2. ``cascade`` is this with one attack, and its answer.
    """
    c, day = core(corpus), parse_date(on) if isinstance(on, str) else on
    return _propagate(c, day, _firsts(c, day, attacks, location), _rule(defence_is_attack), max_rounds)


def _firsts(
    c: CompiledCorpus, day: dt.date, attacks: Sequence[tuple[str, str]], location: str | None
) -> dict[tuple[str, str], ScenarioAnswer]:
    """Scenario's answer for each first attack, by (attacker, attacked) in canonical codes."""
    out = {}
    for attacker, attacked in attacks:
        first = scenario(c, day, attacked, attacker, location)
        assert first.attacker is not None
        if first.attacker in c.registry.lineage(first.attacked):
            raise UsageError(f"the attacker and the attacked state are one state ({first.attacker}); name two states")
        out[(first.attacker, first.attacked)] = first
    return out


def _propagate(
    c: CompiledCorpus,
    day: dt.date,
    firsts: Mapping[tuple[str, str], ScenarioAnswer],
    rule: Rule,
    max_rounds: int | None,
) -> tuple[tuple[Round, ...], tuple[Conflict, ...], bool]:
    """The rounds from the first attacks, the conflicts (their entries marked) and ``complete``."""
    if max_rounds is not None and max_rounds < 1:
        raise UsageError(f"max_rounds must be at least 1 (got {max_rounds}); leave it out to run to the fixed point")
    judge = _Judge.of(c, day, rule, firsts)
    premise: frozenset[tuple[str, Side]] = frozenset(
        {(a, "attacker") for a, _ in firsts} | {(t, "attacked") for _, t in firsts}
    )
    bels: dict[tuple[str, Side], _Bel] = {(a, "attacker"): _Bel(a, "attacker", "bound") for a, _ in firsts}
    war = _War(bels, {k: Attack(*k) for k in firsts}, {}, premise)
    rounds, complete = _rounds(judge, war, [_Bel(t, "attacked", "bound") for _, t in firsts], max_rounds)
    conflicts = _conflicts(rounds, {a for a, _ in firsts}, {t for _, t in firsts})
    return _mark(rounds, conflicts), conflicts, complete


def _rounds(
    judge: _Judge, war: _War, defenders: Sequence[_Bel], max_rounds: int | None
) -> tuple[tuple[Round, ...], bool]:
    """Rounds until one changes nothing (``defenders``, the attacked states, fight from round 2)."""
    rounds: list[Round] = []
    n, changed = 0, bool(war.attacks)
    while changed:
        if max_rounds is not None and n >= max_rounds:
            entries, _, more = _round(judge, war, n + 1)
            complete = not (entries or more)
            return _trimmed(rounds) if complete else tuple(rounds), complete
        n += 1
        entries, war, changed = _round(judge, war, n)
        if n == 1 and defenders:
            war = replace(war, belligerents={**war.belligerents, **{(b.state, b.side): b for b in defenders}})
            changed = True
        rounds.append(Round(n, tuple(entries)))
    return _trimmed(rounds), True


def _trimmed(rounds: list[Round]) -> tuple[Round, ...]:
    """The rounds of a finished cascade without empty ones at the end (rounds that only judged what
    was known; a cut cascade keeps them, as later rounds may follow)."""
    while rounds and not rounds[-1].entries:
        rounds.pop()
    return tuple(rounds)


def _conflicts(rounds: Sequence[Round], attackers: set[str], attacked: set[str]) -> tuple[Conflict, ...]:
    """States drawn in on both sides (their strongest entry on each), or an original state drawn in
    on the other side."""
    best: dict[tuple[str, Side], Entry] = {}
    for e in (e for r in rounds for e in r.entries if e.drawn_in):
        prev = best.get((e.state, e.side))
        if prev is None or _RANK[e.verdict] > _RANK[prev.verdict]:
            best[(e.state, e.side)] = e
    out = []
    for s in sorted({s for s, _ in best}):
        a, b = best.get((s, "attacked")), best.get((s, "attacker"))
        if (a is not None or s in attacked) and (b is not None or s in attackers):
            out.append(Conflict(s, a, b))
    return tuple(out)


def _mark(rounds: Sequence[Round], conflicts: Sequence[Conflict]) -> tuple[Round, ...]:
    torn = {c.state for c in conflicts}
    return tuple(
        Round(r.number, tuple(replace(e, conflict=e.drawn_in and e.state in torn) for e in r.entries)) for r in rounds
    )


def cascade(
    corpus: CorpusLike,
    on: dt.date | str,
    attacker: str,
    attacked: str,
    *,
    location: str | None = None,
    max_rounds: int | None = None,
    defence_is_attack: str = "no",
) -> CascadeAnswer:
    """Who is drawn in when ``attacker`` attacks ``attacked`` on a day (see the module doc)."""
    c = core(corpus)
    day = parse_date(on) if isinstance(on, str) else on
    rule = _rule(defence_is_attack)
    firsts = _firsts(c, day, [(attacker, attacked)], location)
    (((a, v), first),) = firsts.items()
    rounds, conflicts, complete = _propagate(c, day, firsts, rule, max_rounds)
    return CascadeAnswer(
        day,
        a,
        v,
        first.location,
        rule,
        max_rounds,
        rounds,
        conflicts,
        complete,
        first.location_kind,
        c.assumption_for(day),
    )


def _rule(value: str) -> Rule:
    for r in RULES:
        if value == r:
            return r
    raise UsageError(f"unknown rule defence_is_attack={value!r}; choose one of {', '.join(RULES)}")
