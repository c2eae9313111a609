"""Scenarios: conditions that hold, fail and need judgement, and the verdicts they give."""

from __future__ import annotations

import json

import pytest

import treatyrules
from treatyrules.cli import main
from treatyrules.errors import UnknownPlaceError
from treatyrules.scenario import ScenarioAnswer, ScenarioObligation


def _one(ans: ScenarioAnswer, obligor: str, treaty: str) -> ScenarioObligation:
    hits = [o for o in ans.obligations if o.obligation.obligor == obligor and o.obligation.treaty == treaty]
    assert len(hits) == 1, [(o.obligation.obligor, o.obligation.treaty) for o in ans.obligations]
    return hits[0]


def _value(o: ScenarioObligation, condition: str) -> str:
    return next(c.value for c in o.checks if c.condition == condition)


def test_prk_attacked_by_usa_2025(corpus: treatyrules.Corpus) -> None:
    ans = corpus.scenario("2025-01-01", "PRK", attacker="USA")
    assert sorted((o.obligation.obligor, o.obligation.treaty, o.obligation.article) for o in ans.obligations) == [
        ("CHN", "CHN-PRK-1961", "II"),
        ("RUS", "RUS-PRK-2024", "4"),
    ]
    for o in ans.obligations:
        assert _value(o, "armed_attack") == "holds"
        assert _value(o, "state_of_war") == "needs_judgement"
        assert o.verdict == "bound_if_judged"


def test_named_adversary_ally_of_japan_holds(corpus: treatyrules.Corpus) -> None:
    # USA-JPN-1951 in force from 1952-04-28: the USA is an ally of Japan on 1955-01-01
    o = _one(corpus.scenario("1955-01-01", "CHN", attacker="USA"), "SUN", "CHN-SUN-1950")
    assert _value(o, "adversaries") == "holds"
    assert "USA-JPN-1951" in next(c.why for c in o.checks if c.condition == "adversaries")
    assert o.verdict == "bound_if_judged"  # state of war still to judge


@pytest.mark.parametrize(("day", "value"), [("1952-04-27", "fails"), ("1952-04-28", "holds")])
def test_named_adversary_boundary_of_the_alliance(corpus: treatyrules.Corpus, day: str, value: str) -> None:
    o = _one(corpus.scenario(day, "CHN", attacker="USA"), "SUN", "CHN-SUN-1950")
    assert _value(o, "adversaries") == value
    if value == "fails":
        assert o.verdict == "not_bound"


def test_named_adversary_itself_and_unknown_attacker(corpus: treatyrules.Corpus) -> None:
    assert (
        _value(_one(corpus.scenario("1955-01-01", "SUN", attacker="JPN"), "CHN", "CHN-SUN-1950"), "adversaries")
        == "holds"
    )
    assert _value(_one(corpus.scenario("1955-01-01", "SUN"), "CHN", "CHN-SUN-1950"), "adversaries") == "needs_judgement"


def test_location_holds_and_bound(corpus: treatyrules.Corpus) -> None:
    o = _one(corpus.scenario("1980-01-01", "POL"), "SUN", "WARSAW-1955")
    assert _value(o, "location") == "holds"
    assert o.verdict == "bound"


def test_location_partial_needs_judgement(corpus: treatyrules.Corpus) -> None:
    o = _one(corpus.scenario("1980-01-01", "SUN"), "POL", "WARSAW-1955")
    assert _value(o, "location") == "needs_judgement"


def test_location_fails(corpus: treatyrules.Corpus) -> None:
    # Art. V of USA-JPN-1960 covers the territories under the administration of Japan only
    o = _one(corpus.scenario("2000-01-01", "JPN", location="USA"), "USA", "USA-JPN-1960")
    assert _value(o, "location") == "fails"
    assert o.verdict == "not_bound"
    o2 = _one(corpus.scenario("2000-01-01", "JPN"), "USA", "USA-JPN-1960")
    assert _value(o2, "location") == "holds"


def test_location_by_region(corpus: treatyrules.Corpus) -> None:
    o = _one(corpus.scenario("2000-01-01", "AUS", location="pacific-area"), "USA", "ANZUS-1951")
    assert _value(o, "location") == "holds"
    o2 = _one(corpus.scenario("2000-01-01", "AUS", location="europe"), "USA", "ANZUS-1951")
    assert _value(o2, "location") == "needs_judgement"


def test_attacker_is_the_obligor(corpus: treatyrules.Corpus) -> None:
    o = _one(corpus.scenario("2000-01-01", "BEL", attacker="USA"), "USA", "NATO-1949")
    assert _value(o, "attacker") == "fails" and o.verdict == "not_bound"


def test_unknown_location(corpus: treatyrules.Corpus) -> None:
    with pytest.raises(UnknownPlaceError):
        corpus.scenario("2000-01-01", "BEL", location="atlantis")


def test_cli_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenario", "--date", "2025-01-01", "--attacked", "PRK", "--attacker", "USA", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["attacked"] == "PRK" and len(out["obligations"]) == 2
    assert {c["condition"] for c in out["obligations"][0]["checks"]} >= {"armed_attack", "state_of_war"}
    assert main(["scenario", "--date", "2025-01-01", "--attacked", "PRK", "--attacker", "USA"]) == 0
    text = capsys.readouterr().out
    assert "state_of_war: needs judgement" in text and max(map(len, text.splitlines())) <= 80
    assert main(["scenario", "--date", "2025-01-01", "--attacked", "PRK", "--location", "atlantis"]) == 2
    err = capsys.readouterr().err
    assert "unknown region or state code 'atlantis'" in err and "Traceback" not in err


def test_an_attack_on_forces_in_a_forces_area_counts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """``location.forces_regions``: an attack on a party's forces there counts; elsewhere the territory rule holds."""
    (tmp_path / "treaties").mkdir()
    (tmp_path / "states.yaml").write_text(
        'states:\n  - {code: "AAA", name: "Aland"}\n  - {code: "BBB", name: "Bland"}\n', encoding="utf-8"
    )
    (tmp_path / "regions.yaml").write_text(
        "regions:\n"
        '  - {name: home, description: "the parties\' territory", members: [{code: AAA}, {code: BBB}], source: t}\n'
        '  - {name: sea, description: "the high seas nearby", source: t}\n'
        '  - {name: far, description: "somewhere else", source: t}\n',
        encoding="utf-8",
    )
    (tmp_path / "treaties" / "AAA-BBB-2000.yaml").write_text(
        'id: AAA-BBB-2000\ntitle: "t"\nparties: [AAA, BBB]\n'
        "obligations:\n  - article: '1'\n    kind: defence\n"
        "    conditions: {armed_attack: true, location: {regions: [home], forces_regions: [sea]}}\n"
        'events:\n  - {type: signed, date: "2000-01-01", source: t}\n'
        '  - {type: entered_into_force, date: "2000-01-01", source: t}\n',
        encoding="utf-8",
    )
    c = treatyrules.load(tmp_path)
    at_sea = _one(c.scenario("2001-01-01", "BBB", location="sea"), "AAA", "AAA-BBB-2000")
    assert _value(at_sea, "location") == "holds" and at_sea.verdict == "bound"
    assert "forces" in next(ch.why for ch in at_sea.checks if ch.condition == "location")
    far = _one(c.scenario("2001-01-01", "BBB", location="far"), "AAA", "AAA-BBB-2000")
    assert _value(far, "location") == "needs_judgement"
    home = _one(c.scenario("2001-01-01", "BBB"), "AAA", "AAA-BBB-2000")
    assert _value(home, "location") == "holds"
