"""As-of: only events known by a day count; answers after the knowledge date say what they assume."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from treatyrules import load
from treatyrules.errors import RulesError

from ._honest import D, corpus, renewing, run_cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "honest"
RULES = str(ROOT / "rules")


def test_as_of_before_the_recorded_lapse_gives_the_unknown_window() -> None:
    t = renewing("1995", lapse="1996-09-10")
    known = corpus(t, as_of="1996-09-10")
    a = known.status(t.id, D("1997-01-01"))
    assert (a.status, a.since) == ("terminated", D("1996-09-10"))
    unaware = corpus(t, as_of="1996-09-09")  # the lapse is dated 1996-09-10: not yet known
    a = unaware.status(t.id, D("1997-01-01"))
    assert (a.status, a.since, a.until) == ("unknown", D("1996-09-10"), D("2001-09-10"))
    assert a.assumption is not None and "as of 1996-09-09" in a.assumption


def test_an_uncertain_date_counts_only_when_certainly_known() -> None:
    t = renewing("1995")  # latest possible day 1995-12-31
    assert corpus(t, as_of="1995-12-30").status(t.id, D("1997-01-01")).status == "in_force"
    assert corpus(t, as_of="1995-12-31").status(t.id, D("1997-01-01")).status == "unknown"


@pytest.mark.parametrize(
    ("known_from", "last_unaware", "first_aware"),
    [("1997", "1997-12-30", "1997-12-31"), ("1996-03-01", "1996-02-29", "1996-03-01")],
)
def test_known_from_decides_when_an_event_counts(known_from: str, last_unaware: str, first_aware: str) -> None:
    t = renewing("1995-06-01", known_from=known_from)
    assert corpus(t, as_of=last_unaware).status(t.id, D("1997-01-01")).status == "in_force"
    assert corpus(t, as_of=first_aware).status(t.id, D("1997-01-01")).status == "terminated"


def test_knowledge_date_and_the_assumption_on_both_sides() -> None:
    t = renewing("1995", lapse="1996-09-10")
    c = corpus(t)
    assert c.knowledge_date == D("1996-09-10")
    assert c.status(t.id, D("1996-09-10")).assumption is None
    assert "assumes no later events" in (c.status(t.id, D("1996-09-11")).assumption or "")
    declared = corpus(t, knowledge_date="2024-07")  # a partial knowledge date counts from its first day
    assert declared.knowledge_date == D("2024-07-01")
    assert declared.with_options(reading=None).knowledge_date == D("2024-07-01")
    assert declared.with_options(as_of="2000-01-01").knowledge_date == D("2000-01-01")


def test_corpus_yaml_is_validated(tmp_path: Path) -> None:
    assert load(FIXTURE).knowledge_date == D("2024-07-12")
    for name in ("states.yaml",):
        (tmp_path / name).write_text((FIXTURE / name).read_text())
    (tmp_path / "treaties").mkdir()
    (tmp_path / "corpus.yaml").write_text("knowledge_date: 2024-13-01\nowner: me\n")
    with pytest.raises(RulesError) as err:
        load(tmp_path)
    text = str(err.value)
    assert "corpus.yaml:1:" in text and "corpus.yaml:2:" in text and "unknown key" in text


def test_cli_as_of_shows_the_assumption_in_table_and_json() -> None:
    args = (
        "--rules",
        str(FIXTURE),
        "--as-of",
        "1996-06-01",
        "status",
        "--date",
        "1997-01-01",
        "--treaty",
        "SUN-PRK-1961",
    )
    data = json.loads(run_cli(*args, "--format", "json").stdout)["treaties"][0]
    assert (data["status"], data["since"], data["until"]) == ("unknown", "1996-09-10", "2001-09-10")
    assert "as of 1996-06-01" in data["assumption"] and data["possible"] == ["in_force", "terminated"]
    table = run_cli(*args).stdout
    assert "Note: evaluated as of 1996-06-01" in table
    csv_out = run_cli(*args, "--format", "csv").stdout
    assert csv_out.splitlines()[0].endswith("possible,assumption,reading") and "as of 1996-06-01" in csv_out
    bad = run_cli("--as-of", "1996-13-01", "status")
    assert bad.returncode == 2 and "1996-13-01" in bad.stderr


def _extra_folder(tmp_path: Path, signed: str, states: bool = False) -> Path:
    """A folder of one USA-FRA treaty signed on ``signed``, relying on the shipped registry (or, with
    ``states``, bringing a registry of its own)."""
    root = tmp_path / "mine"
    (root / "treaties").mkdir(parents=True)
    (root / "treaties" / "USA-FRA-2030.yaml").write_text(
        "id: USA-FRA-2030\ntitle: A treaty of the future\nparties: [USA, FRA]\n"
        f'events:\n  - {{type: signed, date: {signed}, source: "test"}}\n'
    )
    if states:
        (root / "states.yaml").write_text(
            'states:\n  - {code: "USA", name: "United States"}\n  - {code: "FRA", name: "France"}\n'
        )
    return root


def test_each_folder_keeps_its_knowledge_date(tmp_path: Path) -> None:
    shipped = load().knowledge_date
    assert shipped is not None and shipped < D("2029-01-01")
    after = shipped + dt.timedelta(days=1)
    mixed = load([RULES, _extra_folder(tmp_path, "2030-01-01")])
    assert mixed.knowledge_date == D("2030-01-01")  # the latest folder's, for the report's window and panels
    assert mixed.compiled.knowledge_date_of("NATO-1949") == shipped
    assert mixed.compiled.knowledge_date_of("USA-FRA-2030") == D("2030-01-01")
    nato = mixed.status("NATO-1949", after)
    assert f"up to {shipped}" in (nato.assumption or "")
    assert mixed.status("NATO-1949", shipped).assumption is None
    assert mixed.status("USA-FRA-2030", after).assumption is None
    assert "up to 2030-01-01" in (mixed.status("USA-FRA-2030", D("2030-01-02")).assumption or "")
    assert f"up to {shipped}" in (mixed.assumption_for(after) or "")  # the whole corpus: the earliest
    later = mixed.with_options(as_of="2029-01-01")
    assert later.compiled.knowledge_date_of("NATO-1949") == shipped
    assert later.compiled.knowledge_date_of("USA-FRA-2030") == D("2029-01-01")


def test_one_folder_has_one_knowledge_date_for_every_treaty() -> None:
    c = load()
    assert not c.compiled.treaty_knowledge
    assert {c.compiled.knowledge_date_of(t) for t in c.ids} == {c.knowledge_date}


def test_cli_future_treaty_in_an_extra_folder_keeps_the_note_for_the_rest(tmp_path: Path) -> None:
    shipped = load().knowledge_date
    mine = _extra_folder(tmp_path, "2030-01-01")
    args = ("--rules", RULES, "--rules", str(mine), "status", "--date", "2029-01-01")
    one = run_cli(*args, "--treaty", "NATO-1949")
    assert one.returncode == 0, one.stderr
    assert f"Note: the rules record events up to {shipped}" in one.stdout
    both = json.loads(run_cli(*args, "--treaty", "NATO-1949", "--treaty", "USA-FRA-2030", "--format", "json").stdout)
    assert both["knowledge_dates"] == [str(shipped), "2030-01-01"]
    notes = {t["id"]: t.get("assumption") for t in both["treaties"]}
    assert str(shipped) in (notes["NATO-1949"] or "") and notes["USA-FRA-2030"] is None


def test_a_folder_without_states_yaml_uses_the_shipped_registry(tmp_path: Path) -> None:
    mine = _extra_folder(tmp_path, "2020-01-01")
    alone = load(mine)
    assert len(alone.registry.states) == len(load().registry.states)
    assert alone.registry.resolve("Israel") == "ISR"
    res = run_cli("--rules", RULES, "--rules", str(mine), "validate")
    assert (res.returncode, res.stdout.splitlines()[-1]) == (0, "0 errors, 0 warnings")
    res = run_cli("--rules", str(mine), "status", "--date", "2021-01-01", "--party", "France")
    assert res.returncode == 0 and "USA-FRA-2030" in res.stdout


def test_a_folder_with_states_yaml_uses_exactly_its_own_registry(tmp_path: Path) -> None:
    own = load(_extra_folder(tmp_path, "2020-01-01", states=True))
    assert sorted(own.registry.states) == ["FRA", "USA"]  # it replaces the shipped registry, adds nothing to it
    assert "ISR" not in own.registry
