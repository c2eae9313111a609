"""Obligations on a day: direction (every membership boundary: tests/test_treaty_boundaries.py),
the ANZUS suspension, continuity (SUN -> RUS), extinction (DDR), Germany's ccodes, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

import treatyrules
from treatyrules.cli import main
from treatyrules.errors import RulesError, UnknownKindError

ONE = dt.timedelta(days=1)


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def _pairs(corpus: treatyrules.Corpus, day: dt.date, treaty: str, kind: str = "defence") -> set[tuple[str, str]]:
    return {(o.obligor, o.beneficiary) for o in corpus.obligations(day, kind=kind, treaty=treaty)}


def test_directed_asymmetry_usa_jpn_1960(corpus: treatyrules.Corpus) -> None:
    day = _d("1995-01-01")
    pairs = _pairs(corpus, day, "USA-JPN-1960")
    assert ("USA", "JPN") in pairs
    assert ("JPN", "USA") not in pairs
    assert corpus.obligations(day, kind="defence", obligor="JPN", beneficiary="USA") == []
    # consultation runs both ways
    assert {("USA", "JPN"), ("JPN", "USA")} <= _pairs(corpus, day, "USA-JPN-1960", "consultation")


def test_mexico_leaves_rio_two_years_after_its_notice(corpus: treatyrules.Corpus) -> None:
    """Art. 25: Mexico's notice of 2002-09-06 takes effect two years later, both sides of the day."""

    def mex(day: str) -> bool:
        return bool(corpus.obligations(day, treaty="RIO-1947", obligor="MEX", beneficiary="USA"))

    assert mex("2004-09-05") and not mex("2004-09-06")


def test_cuba_readings(corpus: treatyrules.Corpus) -> None:
    def cub(c: treatyrules.Corpus, day: str) -> bool:
        return bool(c.obligations(day, treaty="RIO-1947", obligor="USA", beneficiary="CUB"))

    assert cub(corpus, "2000-01-01")  # the text reading: no Art. 25 notification recorded
    c60 = corpus.with_options(reading="cuba-withdrew-1960")
    assert cub(c60, "1960-03-28") and not cub(c60, "1960-03-29")
    c62 = corpus.with_options(reading="cuba-out-1962")
    assert cub(c62, "1962-01-21") and not cub(c62, "1962-01-22")


def test_anzus_suspension_is_dyadic(corpus: treatyrules.Corpus) -> None:
    before, on = _d("1986-08-10"), _d("1986-08-11")
    assert ("USA", "NZL") in _pairs(corpus, before, "ANZUS-1951")
    assert ("USA", "NZL") not in _pairs(corpus, on, "ANZUS-1951")
    for day in (before, on, _d("2025-01-01")):
        pairs = _pairs(corpus, day, "ANZUS-1951")
        assert {("AUS", "NZL"), ("NZL", "AUS"), ("AUS", "USA"), ("USA", "AUS"), ("NZL", "USA")} <= pairs
    assert corpus.status("ANZUS-1951", on).status == "in_force"
    # the suspension is in the basis of that direction only
    aus_nzl = corpus.obligations(before, treaty="ANZUS-1951", obligor="AUS", beneficiary="NZL")[0]
    assert not any(s.event == "suspension" for s in aus_nzl.basis)


def test_seato_organisation_dissolved_treaty_stays(corpus: treatyrules.Corpus) -> None:
    for day in ("1977-06-29", "1977-06-30", "2025-01-01"):
        assert ("USA", "THA") in _pairs(corpus, _d(day), "SEATO-1954")
    assert corpus.status("SEATO-1954", "1977-06-30").status == "in_force"


def test_continuity_sun_to_rus(corpus: treatyrules.Corpus) -> None:
    last_soviet, first_russian = _d("1991-12-25"), _d("1991-12-26")
    assert ("SUN", "PRK") in _pairs(corpus, last_soviet, "SUN-PRK-1961")
    assert ("RUS", "PRK") in _pairs(corpus, first_russian, "SUN-PRK-1961")
    assert ("SUN", "PRK") not in _pairs(corpus, first_russian, "SUN-PRK-1961")
    for code in ("SUN", "RUS"):
        got = corpus.obligations("1995-01-01", obligor=code, beneficiary="PRK", kind="defence")
        assert [(o.treaty, o.obligor) for o in got] == [("SUN-PRK-1961", "RUS")]
    got = corpus.obligations("1995-01-01", beneficiary="PRK", kind="defence")
    assert [(o.obligor, o.treaty, o.article) for o in got] == [
        ("CHN", "CHN-PRK-1961", "II"),
        ("RUS", "SUN-PRK-1961", "1"),
    ]


def test_ddr_extinction_ends_its_warsaw_membership(corpus: treatyrules.Corpus) -> None:
    life = corpus.life("WARSAW-1955")
    ms = life.memberships["DDR"]
    assert ms.end is not None and ms.end.earliest == _d("1990-10-03")
    assert any(s.event == "state_ended" for s in ms.end.steps)  # extinction is in the basis
    assert ("SUN", "DDR") in _pairs(corpus, _d("1990-10-02"), "WARSAW-1955")
    assert not any("DDR" in p for p in _pairs(corpus, _d("1990-10-03"), "WARSAW-1955"))
    assert "DEU" not in life.memberships  # Germany does not inherit it


def test_germany_same_nato_member_across_unification(corpus: treatyrules.Corpus) -> None:
    before, on = _d("1990-10-02"), _d("1990-10-03")
    assert corpus.registry.ccode("DEU", before) == 260
    assert corpus.registry.ccode("DEU", on) == 255
    assert corpus.registry.canonical("260") == corpus.registry.canonical("255") == "DEU"
    for day in (before, on):
        assert ("USA", "DEU") in _pairs(corpus, day, "NATO-1949")
        assert ("DEU", "USA") in _pairs(corpus, day, "NATO-1949")
    spells = [
        s
        for s in corpus.compiled.spells
        if s.treaty == "NATO-1949" and s.obligor == "USA" and s.beneficiary == "DEU" and s.kind == "defence"
    ]
    assert len(spells) == 1 and spells[0].start == _d("1955-05-06")


def test_answer_json_shape_and_regions_resolved(corpus: treatyrules.Corpus) -> None:
    o = corpus.obligations("2000-01-01", treaty="NATO", obligor="USA", beneficiary="BEL", kind="defence")[0]
    j = o.to_json()
    assert list(j)[:7] == ["treaty", "article", "kind", "obligor", "beneficiary", "conditions", "basis"]
    region = j["conditions"]["location"]["regions"][0]
    assert region["name"] == "north-atlantic-art6" and "Art. 6" in region["description"]
    assert any(s.get("event") == "entered_into_force" for s in j["basis"])


def test_unknown_kind(corpus: treatyrules.Corpus) -> None:
    with pytest.raises(UnknownKindError, match="defence"):
        corpus.obligations("2000-01-01", kind="defnse")
    # the American and ATOP spellings are the same kind (lookup.obligation_kind)
    assert corpus.obligations("2000-01-01", kind="defense") == corpus.obligations("2000-01-01", kind="defence")


def test_unknown_region_is_a_rules_error(tmp_path: Path) -> None:
    root = treatyrules.load().root
    assert root is not None
    shutil.copy(root / "states.yaml", tmp_path / "states.yaml")
    (tmp_path / "treaties").mkdir()
    text = (root / "treaties" / "USA-PHL-1951.yaml").read_text().replace('"pacific-area"', '"pacific-aera"')
    (tmp_path / "treaties" / "USA-PHL-1951.yaml").write_text(text)
    shutil.copy(root / "regions.yaml", tmp_path / "regions.yaml")
    with pytest.raises(RulesError, match="unknown region 'pacific-aera'; did you mean pacific-area"):
        treatyrules.load(tmp_path)


def test_cli_obligations_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["obligations", "--date", "1995-01-01", "--beneficiary", "PRK", "--kind", "defence", "--format", "json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["date"] == "1995-01-01"
    assert [(o["obligor"], o["treaty"]) for o in out["obligations"]] == [
        ("CHN", "CHN-PRK-1961"),
        ("RUS", "SUN-PRK-1961"),
    ]
    assert out["obligations"][0]["conditions"] == {"armed_attack": True, "state_of_war": True}


def test_cli_table_fits_80_columns(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["obligations", "--date", "1987-01-01", "--obligor", "USA", "--kind", "defence"]) == 0
    out = capsys.readouterr().out
    assert "ANZUS-1951" in out and max(len(line) for line in out.splitlines()) <= 80


def test_cli_bad_kind_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["obligations", "--date", "1995-01-01", "--kind", "defnse"]) == 2  # defense is a spelling of defence
    assert "Traceback" not in capsys.readouterr().err


def test_status_party_shows_membership(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--date", "1969-01-01", "--party", "ALB", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    warsaw = next(t for t in out["treaties"] if t["id"] == "WARSAW-1955")
    assert warsaw["status"] == "in_force"
    assert warsaw["membership"]["status"] == "former_member"
    assert (warsaw["membership"]["since"], warsaw["membership"]["until"]) == ("1968-09-13", None)  # the status's
    assert warsaw["membership"]["spell"] == {"since": "1955-06-05", "until": "1968-09-13"}
    assert main(["status", "--date", "1969-01-01", "--party", "ALB"]) == 0
    assert "Membership of ALB: former_member" in capsys.readouterr().out
