"""Every answer says under which reading and as of when it was evaluated, and, for a day after the
knowledge date, that it assumes no later events: status, obligations, scenario, explain, timeline,
treaties and panel, in text and JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from ._cli import run_cli
from ._cli_inproc import cli

ROOT = Path(__file__).resolve().parents[1]
HONEST = ["--rules", str(ROOT / "fixtures" / "honest")]  # knowledge date 2024-07-12
READING = ["--reading", "twenty-year-renewal"]
KEYS = ("reading", "as_of", "knowledge_date", "assumption")

#: command -> (args on a day after the knowledge date, args on a day before it)
ANSWERS = {
    "status": (["status", "--date", "2030-01-01"], ["status", "--date", "2000-01-01"]),
    "status-period": (["status", "--date", "2030"], ["status", "--date", "2000"]),
    "obligations": (["obligations", "--date", "2030-01-01"], ["obligations", "--date", "2000-01-01"]),
    "scenario": (
        ["scenario", "--date", "2030-01-01", "--attacked", "PRK"],
        ["scenario", "--date", "2000-01-01", "--attacked", "PRK"],
    ),
    "explain": (
        ["explain", "CHN-PRK-1961", "--date", "2030-01-01"],
        ["explain", "CHN-PRK-1961", "--date", "2000-01-01"],
    ),
    "treaties": (["treaties", "--date", "2030-01-01"], ["treaties", "--date", "2000-01-01"]),
}


def _text(*args: str) -> str:
    """The table output with its wrapping undone."""
    code, out, err = cli(*HONEST, *args)
    assert code == 0, err
    return " ".join(out.split())


def _json(*args: str) -> Any:
    code, out, err = cli(*HONEST, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("name", list(ANSWERS))
def test_json_says_reading_as_of_and_assumption_on_both_sides_of_the_knowledge_date(name: str) -> None:
    after, before = ANSWERS[name]
    late, early = _json(*after), _json(*before)
    for doc in (late, early):
        assert all(k in doc for k in KEYS), (name, list(doc))
        assert (doc["reading"], doc["as_of"], doc["knowledge_date"]) == ("text", None, "2024-07-12")
    assert "assumes no later events" in str(late["assumption"])
    assert early["assumption"] is None


@pytest.mark.parametrize("name", list(ANSWERS))
def test_text_says_how_it_was_evaluated_and_notes_the_assumption(name: str) -> None:
    after, before = ANSWERS[name]
    late, early = _text(*after), _text(*before)
    for text in (late, early):
        assert "Evaluated under the text, with the events recorded up to 2024-07-12." in text, text
    assert "assumes no later events" in late
    assert "assumes no later events" not in early


def test_a_reading_leaves_a_trace_in_text_and_json() -> None:
    q = ["status", "--date", "2022-01-01", "--treaty", "CHN-PRK-1961"]
    doc = _json(*READING, *q)
    assert doc["reading"] == "twenty-year-renewal" and doc["reading_declared_by"] == ["CHN-PRK-1961"]
    assert doc["treaties"][0]["reading"] == "twenty-year-renewal"
    text = _text(*READING, *q)
    assert "Evaluated under the reading 'twenty-year-renewal'" in text
    assert "Under the reading 'twenty-year-renewal': in force" in text
    plain = _json(*q)
    assert "reading" not in plain["treaties"][0]
    csv_text = cli(*HONEST, *READING, *q, "--format", "csv")[1]
    assert csv_text.splitlines()[0].endswith(",assumption,reading")
    assert csv_text.splitlines()[1].endswith(",twenty-year-renewal")


def test_a_reading_no_treaty_of_the_answer_declares_is_said_to_be_the_text() -> None:
    text = _text(*READING, "status", "--date", "2000-01-01", "--treaty", "SUN-PRK-1961")
    assert "Evaluated under the text (no treaty here declares the reading 'twenty-year-renewal')" in text
    both = _text(*READING, "status", "--date", "2000-01-01")
    assert "(declared by CHN-PRK-1961; the other treaties under their text)" in both


def test_as_of_is_said_and_becomes_the_knowledge_date() -> None:
    doc = _json("--as-of", "1996-06-01", "obligations", "--date", "1997-01-01")
    assert (doc["as_of"], doc["knowledge_date"]) == ("1996-06-01", "1996-06-01")
    assert "evaluated as of 1996-06-01" in str(doc["assumption"])
    text = _text("--as-of", "1996-06-01", "scenario", "--date", "1996-01-01", "--attacked", "PRK")
    assert "as of 1996-06-01 (only the events known by then count)" in text
    assert "assumes no later events" not in text  # 1996-01-01 is before the as-of day


def test_timeline_says_later_intervals_assume_no_later_events() -> None:
    doc = _json("timeline", "SUN-PRK-1961")
    assert (doc["reading"], doc["knowledge_date"]) == ("text", "2024-07-12")
    assert "intervals after it assume no later events" in str(doc["assumption"])
    assert "Evaluated under the text" in _text("timeline", "SUN-PRK-1961")


def test_scenario_json_keeps_its_answer_keys_and_adds_the_provenance() -> None:
    doc = _json("scenario", "--date", "2030-01-01", "--attacked", "PRK")
    assert list(doc)[:4] == ["date", "attacked", "attacker", "location"]
    assert list(doc)[-1] == "obligations"


def test_panel_notes_on_stderr_and_its_csv_stays_readable_by_pandas(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    from treatyrules import load

    kd = load().knowledge_date  # the shipped rules
    assert kd is not None
    code, out, err = cli("panel", "--from", str(kd.year - 1), "--to", str(kd.year + 1))
    assert code == 0
    assert err.startswith(f"treatyrules: panel evaluated under the text, with the events recorded up to {kd}")
    assert f"cells after {kd} assume no later events" in err
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns)[:3] == ["ccode1", "ccode2", "year"] and len(frame) > 0
    early = cli("panel", "--from", str(kd.year - 2), "--to", str(kd.year - 1))[2]
    assert "assume no later events" not in early and "evaluated under the text" in early


def test_panel_parquet_carries_the_provenance_in_its_metadata(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "p.parquet"
    code, _, err = cli(
        *HONEST, *READING, "panel", "--from", "2020", "--to", "2026", "--format", "parquet", "--out", str(out)
    )
    assert code == 0, err
    meta = {k.decode(): v.decode() for k, v in (pq.read_schema(out).metadata or {}).items()}
    assert meta["treatyrules.reading"] == "twenty-year-renewal"
    assert meta["treatyrules.knowledge_date"] == "2024-07-12"
    assert "cells after 2024-07-12" in meta["treatyrules.assumption"]


def test_obligations_note_in_a_child_process() -> None:
    res = run_cli("obligations", "--date", "2030-01-01", "--beneficiary", "JPN", "--format", "json")
    doc = json.loads(res.stdout)
    assert res.returncode == 0 and "assumes no later events" in doc["assumption"]
