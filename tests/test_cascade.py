"""Cascades on small hand-made corpora (fixtures/cascade): round 1 is scenario, offence partners,
the rule for force after the first attack (no / judged / yes), attacks by offence entrants,
conflicts of obligations, firmer entries, location, max_rounds, errors, JSON/CSV/table, the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

import treatyrules
from treatyrules.cascade import RULES, CascadeAnswer, Entry, cascade, propagate
from treatyrules.cli import main
from treatyrules.errors import UnknownStateError, UsageError

from .conftest import FIXTURES

CHAIN = FIXTURES / "cascade" / "chain"
ALLIES = FIXTURES / "cascade" / "allies-at-war"
DAY = dt.date(2000, 1, 1)


@pytest.fixture(scope="module")
def chain() -> treatyrules.Corpus:
    return treatyrules.load(CHAIN)


@pytest.fixture(scope="module")
def allies() -> treatyrules.Corpus:
    return treatyrules.load(ALLIES)


def _entries(ans: CascadeAnswer, number: int) -> dict[tuple[str, str], Entry]:
    (r,) = [r for r in ans.rounds if r.number == number]
    return {(e.state, e.side): e for e in r.entries}


def _where(ans: CascadeAnswer) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """Each (state, side) with its entries as (round, verdict)."""
    out: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for r in ans.rounds:
        for e in r.entries:
            out.setdefault((e.state, e.side), []).append((r.number, e.verdict))
    return out


# ---------------------------------------------------------------- round 1


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("location", [None, "north", "VVV"])
def test_round_one_defenders_are_scenario(chain: treatyrules.Corpus, rule: str, location: str | None) -> None:
    ans = chain.cascade(DAY, attacker="AAA", attacked="VVV", location=location, defence_is_attack=rule)
    sc = chain.scenario(DAY, attacked="VVV", attacker="AAA", location=location)
    r1 = [e for e in ans.rounds[0].entries if e.side == "attacked"]
    assert ans.rounds[0].number == 1
    assert [(e.state, e.verdict) for e in r1] == [(o.obligation.obligor, o.verdict) for o in sc.obligations]
    assert [e.link.checks for e in r1] == [o.checks for o in sc.obligations]
    assert all(len(e.via) == 1 and e.link.against == "AAA" for e in r1)
    assert ans.location == sc.location and ans.location_kind == sc.location_kind


def test_round_one_offence_partners_join_the_attacker(chain: treatyrules.Corpus) -> None:
    r1 = _entries(chain.cascade(DAY, attacker="AAA", attacked="VVV"), 1)
    ooo = r1[("OOO", "attacker")]
    assert (ooo.verdict, ooo.link.kind, ooo.link.beneficiary, ooo.link.against) == ("bound", "offence", "AAA", "VVV")
    assert [c.condition for c in ooo.link.checks] == ["attack", "adversaries"]
    # the other side of the boundary: an attack on a state the offence clause does not name
    other = _entries(chain.cascade(DAY, attacker="AAA", attacked="DDD"), 1)
    assert other[("OOO", "attacker")].verdict == "not_bound"
    assert other[("OOO", "attacker")].fails()[0]["why"] == "DDD is not VVV"


def test_nothing_before_the_treaties_are_in_force(chain: treatyrules.Corpus) -> None:
    before = chain.cascade(dt.date(1949, 12, 31), attacker="AAA", attacked="VVV")
    assert before.rounds == () and before.conflicts == () and before.complete
    on = chain.cascade(dt.date(1950, 1, 1), attacker="AAA", attacked="VVV")
    assert ("DDD", "attacked") in on.drawn_in()


# ---------------------------------------------------------------- the rule


def test_default_rule_leaves_the_aggressors_allies_unbound(chain: treatyrules.Corpus) -> None:
    ans = chain.cascade(DAY, attacker="AAA", attacked="VVV")
    assert ans.defence_is_attack == "no"
    eee = _entries(ans, 2)[("EEE", "attacker")]
    assert eee.verdict == "not_bound"
    (fail,) = eee.fails()
    assert fail["condition"] == "armed_attack"
    assert fail["why"] == (
        "VVV uses force against AAA in its own self-defence: that is not an armed attack on AAA "
        "(rule defence_is_attack=no)"
    )
    assert ("HHH", "attacker") not in _where(ans)  # EEE never fights, so its ally is never asked
    assert _where(ans)[("FFF", "attacked")] == [(2, "not_bound")]  # AAA's force against DDD is no attack either


def test_yes_rule_follows_the_attackers_allies_two_links_deep(chain: treatyrules.Corpus) -> None:
    ans = chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack="yes")
    where = _where(ans)
    assert where[("EEE", "attacker")] == [(2, "bound")]
    assert where[("HHH", "attacker")] == [(3, "bound")]
    assert where[("FFF", "attacked")] == [(2, "bound")]
    hhh = _entries(ans, 3)[("HHH", "attacker")]
    assert [(x.round, x.treaty, x.obligor, x.beneficiary, x.against) for x in hhh.via] == [
        (2, "T-EEE-AAA", "EEE", "AAA", "VVV"),
        (3, "T-HHH-EEE", "HHH", "EEE", "VVV"),
    ]
    assert ans.complete


def test_judged_rule_draws_in_the_same_states_if_judged(chain: treatyrules.Corpus) -> None:
    no, judged, yes = (chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack=r) for r in RULES)
    assert no.drawn_in() < judged.drawn_in() == yes.drawn_in()
    hhh = _entries(judged, 3)[("HHH", "attacker")]
    assert hhh.verdict == "bound_if_judged"
    assert [(j["round"], j["condition"]) for j in hhh.needs_judgement()] == [(2, "armed_attack"), (3, "armed_attack")]


@pytest.mark.parametrize("rule", RULES)
def test_an_attack_by_an_offence_entrant_triggers_defence_under_every_rule(
    chain: treatyrules.Corpus, rule: str
) -> None:
    ans = chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack=rule)
    assert _where(ans)[("KKK", "attacked")] == [(1, "not_bound"), (2, "bound")]  # only against OOO
    kkk = _entries(ans, 2)[("KKK", "attacked")]
    assert kkk.link.against == "OOO" and [x.treaty for x in kkk.via] == ["T-OOO-AAA", "T-KKK-VVV"]
    assert [c.condition for c in kkk.link.checks] == ["armed_attack", "adversaries"]
    assert kkk.link.checks[0].value == "holds"


# ---------------------------------------------------------------- conflicts, firmer entries, location


def test_a_state_bound_to_both_sides_is_a_conflict(chain: treatyrules.Corpus) -> None:
    ans = chain.cascade(DAY, attacker="AAA", attacked="VVV")
    (c,) = ans.conflicts
    assert c.state == "XXX" and c.verdict == "bound"
    assert c.attacked is not None and c.attacker is not None
    assert (c.attacked.link.article, c.attacker.link.article) == ("1", "2")
    r1 = _entries(ans, 1)
    assert r1[("XXX", "attacked")].conflict and r1[("XXX", "attacker")].conflict
    assert not r1[("DDD", "attacked")].conflict
    assert ans.to_json()["conflicts"] == [
        {
            "state": "XXX",
            "verdict": "bound",
            "sides": [
                {
                    "side": "attacked",
                    "round": 1,
                    "verdict": "bound",
                    "treaty": "T-XXX",
                    "article": "1",
                    "beneficiary": "VVV",
                },
                {
                    "side": "attacker",
                    "round": 1,
                    "verdict": "bound",
                    "treaty": "T-XXX",
                    "article": "2",
                    "beneficiary": "AAA",
                },
            ],
        }
    ]


def test_allies_at_war_no_conflict_by_default(allies: treatyrules.Corpus) -> None:
    ans = allies.cascade(DAY, attacker="TTT", attacked="GGG")
    assert ans.conflicts == ()
    assert ans.drawn_in() == {("UUU", "attacked"), ("WWW", "attacked")}
    assert _entries(ans, 1)[("TTT", "attacked")].fails()[0]["condition"] == "attacker"


@pytest.mark.parametrize("rule", ["judged", "yes"])
def test_allies_at_war_are_conflicts_when_the_war_counts(allies: treatyrules.Corpus, rule: str) -> None:
    ans = allies.cascade(DAY, attacker="TTT", attacked="GGG", defence_is_attack=rule)
    by = {c.state: c for c in ans.conflicts}
    assert sorted(by) == ["GGG", "TTT", "UUU", "WWW"]
    assert by["GGG"].attacked is None and by["GGG"].attacker is not None  # the attacked state itself
    assert by["TTT"].attacker is None and by["TTT"].attacked is not None
    assert by["UUU"].verdict == ("bound_if_judged" if rule == "judged" else "bound")
    sides = by["GGG"].to_json()["sides"]
    assert sides[0] == {"side": "attacked", "round": 0, "verdict": "bound", "as": "the attacked state"}


def test_a_firmer_chain_enters_again_with_its_earlier_entry(chain: treatyrules.Corpus) -> None:
    yes = chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack="yes")
    assert _where(yes)[("PPP", "attacked")] == [(1, "bound_if_judged"), (2, "bound")]
    firmer = _entries(yes, 2)[("PPP", "attacked")]
    assert firmer.earlier == (1, "bound_if_judged") and firmer.link.article == "2"
    assert firmer.to_json()["earlier"] == {"round": 1, "verdict": "bound_if_judged"}
    # judged: the second chain is no firmer, so no second entry
    judged = chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack="judged")
    assert _where(judged)[("PPP", "attacked")] == [(1, "bound_if_judged")]


def test_where_force_after_the_first_attack_is_used_needs_judgement(chain: treatyrules.Corpus) -> None:
    yes = chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack="yes")
    mmm = _entries(yes, 2)[("MMM", "attacked")]
    assert mmm.verdict == "bound_if_judged"
    loc = [c for c in mmm.link.checks if c.condition == "location"]
    assert [(c.value, c.why) for c in loc] == [
        ("needs_judgement", "where force is used against DDD is not given (only the first attack's place is)")
    ]
    # DDD lies in the region: an attack on DDD itself would satisfy the location
    direct = chain.scenario(DAY, attacked="DDD", attacker="AAA")
    assert [o.verdict for o in direct.obligations if o.obligation.obligor == "MMM"] == ["bound"]


# ---------------------------------------------------------------- max_rounds, no attack, errors


def test_max_rounds_cuts_the_rounds_and_says_so(chain: treatyrules.Corpus) -> None:
    full = chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack="yes")
    assert len(full.rounds) == 3
    for k, complete in ((1, False), (2, False), (3, True), (4, True)):
        cut = chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack="yes", max_rounds=k)
        assert cut.rounds == full.rounds[:k]
        assert cut.complete is complete and cut.to_json()["complete"] is complete
        assert cut.max_rounds == k


def test_no_attack_no_round(chain: treatyrules.Corpus) -> None:
    assert propagate(chain, DAY, []) == ((), (), True)
    rounds, conflicts, complete = propagate(chain, DAY, [("AAA", "VVV")], defence_is_attack="yes")
    ans = chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack="yes")
    assert (rounds, conflicts, complete) == (ans.rounds, ans.conflicts, True)


def test_errors_say_the_fix(chain: treatyrules.Corpus) -> None:
    with pytest.raises(UsageError, match="one state"):
        chain.cascade(DAY, attacker="AAA", attacked="AAA")
    with pytest.raises(UsageError, match="choose one of no, judged, yes"):
        chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack="maybe")
    with pytest.raises(UsageError, match="at least 1"):
        chain.cascade(DAY, attacker="AAA", attacked="VVV", max_rounds=0)
    assert chain.cascade(DAY, attacker="AAA", attacked="VVV", max_rounds=1).rounds
    with pytest.raises(UnknownStateError):
        chain.cascade(DAY, attacker="ZZZ", attacked="VVV")


def test_corpus_cascade_delegates(chain: treatyrules.Corpus) -> None:
    assert chain.cascade("2000-01-01", attacker="AAA", attacked="VVV") == cascade(chain, DAY, "AAA", "VVV")


# ---------------------------------------------------------------- output


VERDICTS = {"bound", "bound_if_judged", "not_bound"}


def test_json_shape(chain: treatyrules.Corpus) -> None:
    out = chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack="yes").to_json()
    keys = "date attacker attacked location defence_is_attack max_rounds complete rounds conflicts"
    assert list(out) == keys.split()
    assert (out["date"], out["attacker"], out["attacked"]) == ("2000-01-01", "AAA", "VVV")
    assert [r["round"] for r in out["rounds"]] == [1, 2, 3]
    for r in out["rounds"]:
        for e in r["entries"]:
            assert {"state", "side", "verdict", "against", "via", "needs_judgement", "fails", "conflict"} <= set(e)
            assert e["verdict"] in VERDICTS and e["side"] in ("attacked", "attacker")
            assert e["via"][-1]["round"] == r["round"]
            for step in e["via"]:
                assert {"treaty", "article", "obligor", "beneficiary", "against", "kind", "checks"} <= set(step)
    json.dumps(out)  # serialisable


def test_assumption_after_the_knowledge_date(chain: treatyrules.Corpus) -> None:
    assert "assumption" not in chain.cascade("2000-12-31", attacker="AAA", attacked="VVV").to_json()
    late = chain.cascade("2001-01-01", attacker="AAA", attacked="VVV")
    assert (
        late.to_json()["assumption"] == "the rules record events up to 2000-12-31; this answer assumes no later events"
    )


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--rules", str(CHAIN), "cascade", "--date", "2000-01-01", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--attacker", "AAA", "--attacked", "VVV")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "If AAA attacks VVV on 2000-01-01: 5 states drawn in (4 with VVV, 2 with AAA)"
    assert "Round 1: 5 drawn in, 1 not bound" in lines and "Round 2: 1 drawn in, 3 not bound" in lines
    assert "DDD     with VVV    bound           T-DDD-VVV           1" in lines
    assert "  for VVV against AAA; CONFLICT: drawn in on both sides" in lines
    assert lines[-2:] == [
        "XXX: with VVV bound (round 1, T-XXX 1 for VVV); with AAA bound (round 1, T-XXX 2",
        "  for AAA)",
    ]


def test_cli_json_and_csv(capsys: pytest.CaptureFixture[str], chain: treatyrules.Corpus) -> None:
    code, out, _ = _run(
        capsys, "--attacker", "AAA", "--attacked", "VVV", "--defence-is-attack", "judged", "--format", "json"
    )
    assert code == 0
    doc = json.loads(out)
    provenance = [doc.pop(k) for k in ("reading", "as_of", "knowledge_date", "assumption")]
    assert provenance == ["text", None, "2000-12-31", None]
    assert doc == chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack="judged").to_json()
    code, out, _ = _run(capsys, "--attacker", "AAA", "--attacked", "VVV", "--format", "csv", "--max-rounds", "1")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 6 and {r["round"] for r in rows} == {"1"}
    xxx = [r for r in rows if r["state"] == "XXX"]
    assert [(r["side"], r["conflict"]) for r in xxx] == [("attacked", "True"), ("attacker", "True")]
    step = {"round": 1, "treaty": "T-XXX", "article": "2", "kind": "offence", "obligor": "XXX", "beneficiary": "AAA"}
    assert json.loads(xxx[1]["via"]) == [{**step, "against": "VVV"}]


@pytest.mark.parametrize(("day", "late"), [("2000-12-31", False), ("2001-01-01", True)])
def test_cli_says_how_it_was_evaluated_on_both_sides_of_the_knowledge_date(
    capsys: pytest.CaptureFixture[str], day: str, late: bool
) -> None:
    args = ["--rules", str(CHAIN), "cascade", "--date", day, "--attacker", "AAA", "--attacked", "VVV"]
    assert main(args) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "Evaluated under the text, with the events recorded up to 2000-12-31." in text
    assert ("Note: the rules record events up to 2000-12-31; this answer assumes no later events." in text) is late
    assert main([*args, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert (doc["reading"], doc["as_of"], doc["knowledge_date"]) == ("text", None, "2000-12-31")
    assert ("assumes no later events" in str(doc["assumption"])) is late and (doc["assumption"] is None) is not late


def test_cli_says_the_reading_and_the_knowledge_day_asked(capsys: pytest.CaptureFixture[str]) -> None:
    honest = ["--rules", str(FIXTURES / "honest")]
    q = ["cascade", "--date", "2022-01-01", "--attacker", "RUS", "--attacked", "PRK"]
    assert main([*honest, "--reading", "twenty-year-renewal", *q, "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["reading"] == "twenty-year-renewal" and doc["reading_declared_by"] == ["CHN-PRK-1961"]
    assert main([*honest, "--reading", "twenty-year-renewal", *q]) == 0
    assert "Evaluated under the reading 'twenty-year-renewal'" in " ".join(capsys.readouterr().out.split())
    assert main(["--rules", str(CHAIN), "--as-of", "2000-06-01", *q[:3], "--attacker", "AAA", "--attacked", "VVV"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "Evaluated under the text, as of 2000-06-01 (only the events known by then count)." in text


def test_cli_says_when_max_rounds_stopped_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--attacker", "AAA", "--attacked", "VVV", "--max-rounds", "1")
    assert code == 0 and "Stopped after 1 rounds (--max-rounds): a further round would change the answer." in out
    code, out, _ = _run(capsys, "--attacker", "AAA", "--attacked", "VVV", "--max-rounds", "2")
    assert code == 0 and "Stopped" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--attacker", "AAA", "--attacked", "AAA"], "one state (AAA)"),
        (["--attacker", "ZZZ", "--attacked", "VVV"], "ZZZ"),
        (["--attacker", "AAA", "--attacked", "VVV", "--max-rounds", "0"], "--max-rounds"),
        (["--attacker", "AAA", "--attacked", "VVV", "--defence-is-attack", "maybe"], "--defence-is-attack"),
        (["--attacked", "VVV"], "--attacker"),
    ],
)
def test_cli_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = _run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("treatyrules: error: ") and message in err and "Traceback" not in err


def test_deterministic(chain: treatyrules.Corpus) -> None:
    a = chain.cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack="yes").to_json()
    b = treatyrules.load(CHAIN).cascade(DAY, attacker="AAA", attacked="VVV", defence_is_attack="yes").to_json()
    assert json.dumps(a) == json.dumps(b)


# ---------------------------------------------------------------- the shipped corpus


def test_shipped_russia_estonia(corpus: treatyrules.Corpus) -> None:
    day = dt.date(2026, 1, 1)
    no = corpus.cascade(day, attacker="RUS", attacked="EST")
    sc = corpus.scenario(day, attacked="EST", attacker="RUS")
    assert {e.state for e in no.rounds[0].entries} == {o.obligation.obligor for o in sc.obligations}
    assert _where(no)[("PRK", "attacker")] == [(2, "not_bound")]
    judged = corpus.cascade(day, attacker="RUS", attacked="EST", defence_is_attack="judged")
    assert _where(judged)[("PRK", "attacker")] == [(2, "bound_if_judged")]
    assert ("CHN", "attacker") in judged.drawn_in() and ("CHN", "attacker") not in no.drawn_in()


def test_shipped_greece_turkey(corpus: treatyrules.Corpus) -> None:
    day = dt.date(2026, 1, 1)
    assert corpus.cascade(day, attacker="TUR", attacked="GRC").conflicts == ()
    torn = {c.state for c in corpus.cascade(day, attacker="TUR", attacked="GRC", defence_is_attack="judged").conflicts}
    assert {"USA", "FRA", "GRC", "TUR"} <= torn
