"""``scenario`` on the command line: verdict counts first, identical obligations grouped, --detail per obligor."""

from __future__ import annotations

import json

import pytest

from treatyrules import load
from treatyrules.cli.obligations import groups, verdict_counts

from ._cli import run_cli
from ._cli_inproc import cli

FIN = ["scenario", "--date", "2025-01-01", "--attacked", "FIN", "--attacker", "RUS"]
TUR = ["scenario", "--date", "2025-01-01", "--attacked", "Turkey", "--attacker", "Greece"]


def _flat(*args: str) -> str:
    code, out, err = cli(*args)
    assert code == 0, err
    return out


def test_finland_attacked_opens_with_the_counts_and_shows_nato_once() -> None:
    ans = load().scenario("2025-01-01", "FIN", "RUS")
    n, gs = len(ans.obligations), groups(ans)
    out = _flat(*FIN)
    lines = out.splitlines()
    assert lines[0] == f"If FIN is attacked by RUS on 2025-01-01: {n} defence obligations owed to it"
    counts = verdict_counts(ans)
    assert lines[1] == (
        f"Verdicts: {counts['bound']} bound, {counts['bound_if_judged']} bound if judged, "
        f"{counts['not_bound']} not bound."
    )
    nato = next(g for g in gs if g.treaty == "NATO-1949")
    assert len(nato.obligors) == 31  # NATO's 32 members but FIN
    flat = " ".join(out.split())
    assert "31 parties to NATO-1949 (Art. 5): bound if judged - armed_attack holds; location holds; other needs" in flat
    assert flat.count("armed_attack: holds") == len(gs) < n  # once per group, not once per obligor
    for code in nato.obligors:
        assert code in flat


def test_detail_gives_one_block_per_obligor() -> None:
    n = len(load().scenario("2025-01-01", "FIN", "RUS").obligations)
    out = _flat(*FIN, "--detail")
    assert out.count("armed_attack: holds") == n
    assert "OBLIGOR TREATY               ARTICLE VERDICT" in out
    assert out.splitlines()[1].startswith("Verdicts: ")


def test_an_obligor_that_is_the_attacker_is_its_own_group() -> None:
    ans = load().scenario("2025-01-01", "TUR", "GRC")
    gs = [g for g in groups(ans) if g.treaty == "NATO-1949"]
    assert [(len(g.obligors), g.verdict) for g in gs] == [(30, "bound_if_judged"), (1, "not_bound")]
    assert gs[1].obligors == ("GRC",)
    assert sum(len(g.obligors) for g in groups(ans)) == len(ans.obligations)
    counts = verdict_counts(ans)
    assert counts["not_bound"] == 1 and sum(counts.values()) == len(ans.obligations)
    flat = " ".join(_flat(*TUR).split())
    assert f"Verdicts: 0 bound, {counts['bound_if_judged']} bound if judged, 1 not bound." in flat
    assert "GRC (NATO-1949, Art. 5): not bound - attacker fails" in flat


def test_a_condition_said_twice_is_summed_up_once() -> None:
    twice = [g for g in groups(load().scenario("2025-01-01", "FIN", "RUS")) if len(g.obligors) > 1]
    twice = [g for g in twice if [c.condition for c in g.checks].count("other") > 1]
    if not twice:
        pytest.skip("no obligation owed to FIN with two 'other' conditions in this corpus")
    g = twice[0]
    flat = " ".join(_flat(*FIN).split())
    head = flat[flat.index(f"parties to {g.treaty}") :]
    head = head[: head.index(" ".join(g.obligors[:2]))]
    assert head.count("other needs judgement") == 1
    assert flat.count("other: needs judgement") >= 2  # each is still explained


def test_json_has_verdicts_and_groups_beside_every_obligation() -> None:
    ans = load().scenario("2025-01-01", "TUR", "GRC")
    doc = json.loads(_flat(*TUR, "--format", "json"))
    assert doc["verdicts"] == verdict_counts(ans)
    assert [len(g["obligors"]) for g in doc["groups"]] == [len(g.obligors) for g in groups(ans)]
    assert len(doc["obligations"]) == len(ans.obligations) == sum(doc["verdicts"].values())
    assert {"treaty", "article", "verdict", "obligors", "checks"} == set(doc["groups"][0])


def test_no_obligation_says_so_with_zero_counts() -> None:
    out = _flat("scenario", "--date", "2025-01-01", "--attacked", "Israel")
    assert out.splitlines()[:2] == [
        "If ISR is attacked on 2025-01-01: 0 defence obligations owed to it",
        "Verdicts: 0 bound, 0 bound if judged, 0 not bound.",
    ]


def test_scenario_in_a_child_process() -> None:
    res = run_cli(*FIN)
    assert res.returncode == 0 and "31 parties to NATO-1949" in res.stdout
