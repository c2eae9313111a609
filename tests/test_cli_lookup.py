"""What a user types: treaty ids by alias, atopid, state codes and title words; states as on the
query day (codes, ccodes, names); obligation kinds in either spelling; obligations --party."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from treatyrules import load
from treatyrules.cli.lookup import kind, treaty_id
from treatyrules.errors import AmbiguousTreatyError, UnknownKindError, UnknownTreatyError

from ._atop_sample import atop_sample
from ._cli import run_cli
from ._cli_inproc import cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("text", "tid"),
    [
        ("CHN-SUN-1950", "CHN-SUN-1950"),
        ("suhh-chn-1950", "CHN-SUN-1950"),  # an alias, any case
        ("Sino-Soviet", "CHN-SUN-1950"),  # words of the aliases
        ("sino soviet 1950", "CHN-SUN-1950"),
        ("CHN-USSR-1950", "CHN-SUN-1950"),  # other state codes for the parties
        ("USSR-CHN-1950", "CHN-SUN-1950"),
        ("3440", "SUN-PRK-1961"),  # the ATOP atopid
        ("ATOP-3440", "SUN-PRK-1961"),
        ("atop:3180", "NATO-1949"),
        ("Warsaw", "WARSAW-1955"),
        ("north atlantic", "NATO-1949"),
        ("Manila Pact", "SEATO-1954"),
    ],
)
def test_a_treaty_is_found_by_id_alias_atopid_codes_or_title_words(text: str, tid: str) -> None:
    assert treaty_id(load(), text) == tid


def test_words_several_treaties_share_are_ambiguous_and_unknown_words_suggest() -> None:
    with pytest.raises(AmbiguousTreatyError) as amb:
        treaty_id(load(), "Sino")
    assert amb.value.candidates == ["CHN-PRK-1961", "CHN-PRK-BORDER-1962", "CHN-SUN-1950", "USA-TWN-1954"]
    with pytest.raises(UnknownTreatyError) as unk:
        treaty_id(load(), "CHN-PRK-1916")
    assert "CHN-PRK-1961" in unk.value.suggestions
    with pytest.raises(UnknownTreatyError):
        treaty_id(load(), "9999")  # an atopid no treaty records


def test_an_atopid_replaced_in_a_mix_finds_the_hand_coded_treaty(tmp_path: Path) -> None:
    from treatyrules import atop

    atop.import_atop(atop_sample("atop-mix"), tmp_path / "atop")
    mixed = load([ROOT / "rules", tmp_path / "atop"])
    dropped = [o for o in mixed.overlaps if o.atopid is not None]
    assert dropped, "the fixture overlaps the shipped corpus"
    for o in dropped:
        assert treaty_id(mixed, o.dropped) == o.kept
        assert treaty_id(mixed, str(o.atopid)) == o.kept


@pytest.mark.parametrize("command", [["timeline"], ["explain", "--date", "1979-06-01"]])
def test_every_command_that_takes_an_id_takes_these(command: list[str]) -> None:
    code, out, err = cli(command[0], "Sino-Soviet", *command[1:])
    assert code == 0, err
    assert "CHN-SUN-1950" in out
    code, _, err = cli(command[0], "Sino", *command[1:])
    assert code == 2 and "names 4 treaties" in err


def test_status_obligations_and_report_take_them(tmp_path: Path) -> None:
    doc = json.loads(cli("status", "--date", "1979-06-01", "--treaty", "3200", "--format", "json")[1])
    assert [t["id"] for t in doc["treaties"]] == ["CHN-SUN-1950"]
    doc = json.loads(cli("obligations", "--date", "1979-06-01", "--treaty", "Sino-Soviet", "--format", "json")[1])
    assert {o["treaty"] for o in doc["obligations"]} == {"CHN-SUN-1950"}
    code, _, err = cli("report", "--treaty", "Sino-Soviet", "--out", str(tmp_path / "r.html"))
    assert code == 0, err


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("defence", "defence"),
        ("defense", "defence"),
        ("Offense", "offence"),
        ("nonagg", "non_aggression"),
        ("consul", "consultation"),
        ("neutral", "neutrality"),
        ("non-aggression", "non_aggression"),
    ],
)
def test_kinds_in_either_spelling(text: str, word: str) -> None:
    assert kind(text) == word


def test_an_unknown_kind_suggests_the_engines_words() -> None:
    with pytest.raises(UnknownKindError, match="did you mean defence"):
        kind("defnse")
    code, _, err = cli("obligations", "--kind", "defnse")
    assert code == 2 and "defence" in err


def test_obligations_kind_defense_equals_defence() -> None:
    a = cli("obligations", "--date", "2025-01-01", "--kind", "defense", "--format", "json")
    b = cli("obligations", "--date", "2025-01-01", "--kind", "defence", "--format", "json")
    assert a == b and a[0] == 0 and json.loads(a[1])["obligations"]


def _statuses(*args: str) -> list[str]:
    code, out, err = cli("status", *args, "--format", "json")
    assert code == 0, err
    return [t["id"] for t in json.loads(out)["treaties"]]


def test_a_ccode_is_read_as_on_the_query_day() -> None:
    assert _statuses("--date", "1985-01-01", "--party", "365") == _statuses("--date", "1985-01-01", "--party", "SUN")
    assert _statuses("--date", "1985-01-01", "--party", "365") == ["CHN-SUN-1950", "SUN-PRK-1961", "WARSAW-1955"]
    assert _statuses("--date", "1995-01-01", "--party", "365") == _statuses("--date", "1995-01-01", "--party", "RUS")
    assert _statuses("--date", "1991-12-25", "--party", "365") == _statuses("--date", "1991-12-25", "--party", "SUN")
    assert _statuses("--date", "1991-12-26", "--party", "365") == _statuses("--date", "1991-12-26", "--party", "RUS")


def test_the_library_party_filter_reads_codes_on_the_day() -> None:
    c = load()
    assert [a.id for a in c.statuses("1985-01-01", party="365")] == [
        a.id for a in c.statuses("1985-01-01", party="SUN")
    ]
    assert [a.id for a in c.statuses_over("1985", party="365")] == [a.id for a in c.statuses_over("1985", party="SUN")]


def test_a_name_is_a_known_state_with_zero_or_more_rows() -> None:
    code, out, err = cli("obligations", "--date", "2025-01-01", "--beneficiary", "Israel", "--format", "json")
    assert code == 0, err and json.loads(out)["obligations"] == []
    code, out, _ = cli("obligations", "--date", "2025-01-01", "--beneficiary", "Japan", "--format", "json")
    assert code == 0 and {o["beneficiary"] for o in json.loads(out)["obligations"]} == {"JPN"}


def test_did_you_mean_draws_on_names() -> None:
    res = run_cli("status", "--party", "Isreal")
    assert res.returncode == 2 and "did you mean ISR (Israel)?" in res.stderr


def test_obligations_party_is_either_side() -> None:
    def rows(*args: str) -> list[tuple[str, str, str, str]]:
        out = cli("obligations", "--date", "2025-01-01", *args, "--format", "json")[1]
        return [(o["treaty"], o["article"], o["obligor"], o["beneficiary"]) for o in json.loads(out)["obligations"]]

    both = rows("--party", "JPN")
    assert set(both) == set(rows("--obligor", "JPN")) | set(rows("--beneficiary", "JPN"))
    assert ("USA-JPN-1960", "V", "USA", "JPN") in both and ("USA-JPN-1960", "IV", "JPN", "USA") in both
    assert rows("--party", "JPN", "--kind", "defense") == [("USA-JPN-1960", "V", "USA", "JPN")]
    assert rows("--party", "Israel") == []


def test_obligor_by_ccode_on_the_day() -> None:
    out = cli("obligations", "--date", "1985-01-01", "--obligor", "365", "--kind", "defence", "--format", "json")[1]
    assert {o["obligor"] for o in json.loads(out)["obligations"]} == {"SUN"}
