"""``scenario`` on the command line: verdict counts first, identical obligations grouped, --detail per obligor."""

from __future__ import annotations

import json

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
    out = _flat(*FIN)
    lines = out.splitlines()
    assert lines[0] == "If FIN is attacked by RUS on 2025-01-01: 31 defence obligations owed to it"
    assert lines[1] == "Verdicts: 0 bound, 31 bound if judged, 0 not bound."
    flat = " ".join(out.split())
    assert "31 parties to NATO-1949 (Art. 5): bound if judged - armed_attack holds; location holds; other needs" in flat
    assert flat.count("armed_attack: holds") == 1  # once for the group, not 31 times
    assert len(lines) < 25  # was 250 lines
    for code in ("ALB", "USA", "SWE", "TUR"):
        assert code in flat


def test_detail_gives_one_block_per_obligor() -> None:
    out = _flat(*FIN, "--detail")
    assert out.count("armed_attack: holds") == 31
    assert "OBLIGOR TREATY               ARTICLE VERDICT" in out
    assert out.splitlines()[1].startswith("Verdicts: ")


def test_an_obligor_that_is_the_attacker_is_its_own_group() -> None:
    ans = load().scenario("2025-01-01", "TUR", "GRC")
    gs = groups(ans)
    assert [(len(g.obligors), g.verdict) for g in gs] == [(30, "bound_if_judged"), (1, "not_bound")]
    assert gs[1].obligors == ("GRC",)
    assert sum(len(g.obligors) for g in gs) == len(ans.obligations)
    assert verdict_counts(ans) == {"bound": 0, "bound_if_judged": 30, "not_bound": 1}
    flat = " ".join(_flat(*TUR).split())
    assert "Verdicts: 0 bound, 30 bound if judged, 1 not bound." in flat
    assert "GRC (NATO-1949, Art. 5): not bound - attacker fails" in flat


def test_json_has_verdicts_and_groups_beside_every_obligation() -> None:
    doc = json.loads(_flat(*TUR, "--format", "json"))
    assert doc["verdicts"] == {"bound": 0, "bound_if_judged": 30, "not_bound": 1}
    assert [len(g["obligors"]) for g in doc["groups"]] == [30, 1]
    assert len(doc["obligations"]) == 31
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
