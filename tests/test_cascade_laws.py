"""The laws of cascades, as hypothesis properties over generated alliance worlds: round 1 is
scenario; adding an obligation never removes a state from the drawn-in set (nor weakens a verdict);
no attack, no entry, and every entry rests on the first attack; the answer does not depend on the
order the treaties are loaded in; the rounds terminate (each state enters each side at most once,
then at most once more to firm up); max_rounds cuts a prefix; the rules are ordered."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from treatyrules import Corpus
from treatyrules.cascade import RULES, CascadeAnswer, Entry, Round, propagate
from treatyrules.schema import Obligation, Treaty
from treatyrules.states import State

CODES = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"]
STATES = [State(code=c, name=f"State {c}") for c in CODES]
DAY = dt.date(2000, 1, 1)
RANK = {"not_bound": 0, "bound_if_judged": 1, "bound": 2}


@st.composite
def obligations(draw: st.DrawFn, parties: list[str], article: str) -> Obligation:
    def some() -> Any:
        return draw(st.one_of(st.just("all"), st.lists(st.sampled_from(parties), min_size=1, max_size=2, unique=True)))

    conditions: dict[str, Any] = {
        "armed_attack": draw(st.booleans()),
        "constitutional_processes": draw(st.booleans()),
        "non_provocation": draw(st.booleans()),
    }
    adversaries = draw(st.lists(st.sampled_from(CODES), max_size=1))
    if adversaries:
        conditions["adversaries"] = adversaries
        conditions["adversaries_include_allies"] = draw(st.booleans())
    kind = draw(st.sampled_from(["defence", "defence", "offence"]))
    return Obligation.model_validate(
        {"article": article, "kind": kind, "obligors": some(), "beneficiaries": some(), "conditions": conditions}
    )


@st.composite
def treaties(draw: st.DrawFn, number: int) -> Treaty:
    parties = draw(st.lists(st.sampled_from(CODES), min_size=2, max_size=4, unique=True))
    eif = draw(st.sampled_from(["1950-01-01", "1999-12-31", "2000-01-01", "2000-01-02"]))
    obs = [draw(obligations(parties, str(i + 1))) for i in range(draw(st.integers(1, 3)))]
    return Treaty.model_validate(
        {
            "id": f"T-{number}",
            "title": f"Treaty {number}",
            "parties": parties,
            "obligations": [o.model_dump() for o in obs],
            "events": [
                {"type": "signed", "date": "1950-01-01", "source": "s"},
                {"type": "entered_into_force", "date": eif, "source": "s"},
            ],
        }
    )


@st.composite
def worlds(draw: st.DrawFn) -> tuple[list[Treaty], str, str, str]:
    ts = [draw(treaties(i)) for i in range(draw(st.integers(1, 4)))]
    attacker, attacked = draw(st.lists(st.sampled_from(CODES), min_size=2, max_size=2, unique=True))
    return ts, attacker, attacked, draw(st.sampled_from(RULES))


def _cascade(ts: list[Treaty] | Corpus, attacker: str, attacked: str, rule: str, **kw: Any) -> CascadeAnswer:
    corpus = ts if isinstance(ts, Corpus) else Corpus(ts, STATES)
    return corpus.cascade(DAY, attacker=attacker, attacked=attacked, defence_is_attack=rule, **kw)


@given(worlds())
def test_round_one_is_scenario(world: tuple[list[Treaty], str, str, str]) -> None:
    ts, a, v, rule = world
    corpus = Corpus(ts, STATES)
    ans = corpus.cascade(DAY, attacker=a, attacked=v, defence_is_attack=rule)
    sc = corpus.scenario(DAY, attacked=v, attacker=a)
    first = [e for r in ans.rounds if r.number == 1 for e in r.entries]
    best: dict[str, str] = {}
    for o in sc.obligations:
        if o.obligation.obligor not in best or RANK[o.verdict] > RANK[best[o.obligation.obligor]]:
            best[o.obligation.obligor] = o.verdict
    assert {e.state: e.verdict for e in first if e.side == "attacked"} == best
    offence = {(o.obligor, o.treaty, o.article) for o in corpus.obligations(DAY, kind="offence", beneficiary=a)}
    for e in first:
        assert len(e.via) == 1
        if e.side == "attacker":
            assert (e.link.kind, e.link.beneficiary, e.link.against) == ("offence", a, v)
            assert (e.state, e.link.treaty, e.link.article) in offence


@given(worlds(), st.data())
def test_adding_an_obligation_never_removes_a_state(
    world: tuple[list[Treaty], str, str, str], data: st.DataObject
) -> None:
    ts, a, v, rule = world
    before = _cascade(ts, a, v, rule).verdicts()
    i = data.draw(st.integers(0, len(ts) - 1))
    extra = data.draw(obligations(ts[i].parties, "99"))
    grown = [*ts[:i], ts[i].model_copy(update={"obligations": [*ts[i].obligations, extra]}), *ts[i + 1 :]]
    after = _cascade(grown, a, v, rule).verdicts()
    for key, verdict in before.items():
        if verdict != "not_bound":
            assert key in after and RANK[after[key]] >= RANK[verdict], (key, verdict, after.get(key))


@given(worlds())
def test_no_attack_no_entry_and_every_entry_rests_on_the_first_attack(
    world: tuple[list[Treaty], str, str, str],
) -> None:
    ts, a, v, rule = world
    corpus = Corpus(ts, STATES)
    assert propagate(corpus, DAY, [], defence_is_attack=rule) == ((), (), True)
    for r in corpus.cascade(DAY, attacker=a, attacked=v, defence_is_attack=rule).rounds:
        for e in r.entries:
            assert e.link.round == r.number and all(x.round <= r.number for x in e.via)
            root = e.via[0]
            assert {root.beneficiary, root.against} & {a, v}, e  # the first link answers the first attack's war
            assert root.round in (1, 2)


@given(worlds(), st.randoms(use_true_random=False))
def test_independent_of_load_order(world: tuple[list[Treaty], str, str, str], rnd: Any) -> None:
    ts, a, v, rule = world
    shuffled = list(ts)
    rnd.shuffle(shuffled)
    first = json.dumps(_cascade(ts, a, v, rule).to_json())
    assert json.dumps(_cascade(shuffled, a, v, rule).to_json()) == first


@given(worlds())
def test_terminates_each_state_enters_each_side_once_then_firms_up_once(
    world: tuple[list[Treaty], str, str, str],
) -> None:
    ts, a, v, rule = world
    ans = _cascade(ts, a, v, rule)
    assert ans.complete
    seen: dict[tuple[str, str], list[str]] = {}
    for r in ans.rounds:
        for e in r.entries:
            seen.setdefault((e.state, e.side), []).append(e.verdict)
            assert (e.state, e.side) not in {(a, "attacker"), (v, "attacked")}
    for verdicts in seen.values():
        ranks = [RANK[x] for x in verdicts]
        assert ranks == sorted(set(ranks)) and len([r for r in ranks if r > 0]) <= 2
    assert len(ans.rounds) <= 2 * 2 * len(CODES) + 2


def _unmarked(rounds: tuple[Round, ...]) -> list[list[Entry]]:
    """The entries of each round, without conflict marks and without empty rounds at the end."""
    out = [[replace(e, conflict=False) for e in r.entries] for r in rounds]
    while out and not out[-1]:
        out.pop()
    return out


@given(worlds(), st.integers(1, 4))
def test_max_rounds_cuts_a_prefix(world: tuple[list[Treaty], str, str, str], k: int) -> None:
    ts, a, v, rule = world
    corpus = Corpus(ts, STATES)
    full = _cascade(corpus, a, v, rule)
    cut = _cascade(corpus, a, v, rule, max_rounds=k)
    # a conflict found in a later round also marks the earlier entries of a full answer; a cut
    # answer keeps its empty last rounds (a finished one drops them: they changed no entry)
    assert _unmarked(cut.rounds) == _unmarked(tuple(r for r in full.rounds if r.number <= k))
    assert {c.state for c in cut.conflicts} <= {c.state for c in full.conflicts}
    if len(full.rounds) > k:
        assert not cut.complete
    if cut.complete:
        assert full.rounds == cut.rounds


@given(worlds())
def test_the_rules_are_ordered(world: tuple[list[Treaty], str, str, str]) -> None:
    ts, a, v, _ = world
    corpus = Corpus(ts, STATES)
    no, judged, yes = (_cascade(corpus, a, v, r) for r in RULES)
    assert no.drawn_in() <= judged.drawn_in() == yes.drawn_in()
    strong = yes.verdicts()
    for key, verdict in judged.verdicts().items():
        assert RANK[verdict] <= RANK[strong[key]]
