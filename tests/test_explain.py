"""explain, timeline and period (year/month) queries."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyrules.explain import explain

from ._honest import corpus, renewing, run_cli

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "honest"
SUN = ("--rules", str(FIXTURE))


def test_explain_the_recorded_lapse_case() -> None:
    res = run_cli(*SUN, "explain", "SUN-PRK-1961", "--date", "1997-01-01", "--format", "json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert [s["n"] for s in data["steps"]] == list(range(1, len(data["steps"]) + 1))
    assert data["answer"]["status"] == "terminated"
    texts = " ".join(s["text"] for s in data["steps"])
    assert "narrows the derived end" in texts and "last day in force was 1996-09-09" in texts
    alts = data["alternatives"][0]["dates"]
    assert [a["date"] for a in alts] == ["1995", "1995-08", "1995-09", "1995-09-07"]
    assert {a["status"] for a in alts} == {"terminated"}


def test_explain_as_of_before_the_lapse_shows_what_each_source_date_gives() -> None:
    res = run_cli(*SUN, "--as-of", "1996-06-01", "explain", "SUN-PRK-1961", "--date", "1997-01-01")
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert out.startswith("SUN-PRK-1961 on 1997-01-01: unknown")
    assert "unknown from 1996-09-10 until 2001-09-10" in out.replace("\n   ", "").replace("\n    ", " ")
    assert "different answers" in out and "Evaluated as of 1996-06-01" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_explain_unknown_treaty_is_exit_2() -> None:
    res = run_cli(*SUN, "explain", "SUN-PRK-1916", "--date", "1997-01-01")
    assert res.returncode == 2 and "SUN-PRK-1961" in res.stderr


def test_timeline_intervals_partition_the_days() -> None:
    res = run_cli(*SUN, "--as-of", "1996-06-01", "timeline", "SUN-PRK-1961", "--format", "json")
    iv = json.loads(res.stdout)["intervals"]
    assert iv[0]["start"] is None and iv[-1]["end"] is None
    for a, b in itertools.pairwise(iv):
        assert a["end"] == b["start"]
        assert a["last_day"] == (dt.date.fromisoformat(a["end"]) - dt.timedelta(days=1)).isoformat()
    assert [i["status"] for i in iv] == ["not_signed", "signed", "in_force", "unknown", "terminated"]
    csv_out = run_cli(*SUN, "timeline", "SUN-PRK-1961", "--format", "csv").stdout
    assert csv_out.splitlines()[0] == "id,status,start,end,last_day,reason,possible,summary"
    table = run_cli(*SUN, "timeline", "SUN-PRK-1961").stdout
    assert "LAST DAY" in table and max(len(line) for line in table.splitlines()) <= 80


@pytest.mark.parametrize(
    ("period", "held", "changes"),
    [
        ("1995", "all", []),
        ("1996", "part", ["1996-09-10"]),
        ("1997", "none", []),
        ("1996-09", "part", ["1996-09-10"]),
        ("1996-08", "all", []),
        ("1996-10", "none", []),
        ("1996-09-10/1996-12", "none", []),
    ],
)
def test_period_queries_both_sides_of_the_change(period: str, held: str, changes: list[str]) -> None:
    c = corpus(renewing("1995", lapse="1996-09-10"))
    a = c.status_over("AAA-BBB-1961", period)
    assert a.held["in_force"] == held
    assert [d.isoformat() for d in a.change_days] == changes


def test_period_over_an_unknown_window() -> None:
    c = corpus(renewing("1995"))
    a = c.status_over("AAA-BBB-1961", "1996")
    assert a.held == {"in_force": "unknown", "unknown": "part", "terminated": "unknown"}
    assert c.status_over("AAA-BBB-1961", "2002").held == {"in_force": "none", "terminated": "all"}


@given(st.integers(1960, 2003), st.integers(1, 12))
def test_held_all_or_none_matches_every_day(y: int, m: int) -> None:
    c = corpus(renewing("1995", lapse="1996-09-10"))
    a = c.status_over("AAA-BBB-1961", f"{y:04d}-{m:02d}")
    days = [a.start + dt.timedelta(days=k) for k in range((a.end - a.start).days)]
    statuses = {c.status("AAA-BBB-1961", d).status for d in days}
    assert (a.held["in_force"] == "all") == (statuses == {"in_force"})
    assert (a.held["in_force"] == "none") == ("in_force" not in statuses)


def test_cli_year_query_json_shape() -> None:
    res = run_cli(*SUN, "status", "--date", "1996", "--treaty", "SUN-PRK-1961", "--format", "json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["period"] == {
        "text": "1996",
        "start": "1996-01-01",
        "end": "1997-01-01",
        "last_day": "1996-12-31",
        "days": 366,
    }
    t = data["treaties"][0]
    assert t["held"] == {"in_force": "part", "terminated": "part"} and t["change_days"] == ["1996-09-10"]
    assert [(p["status"], p["from"], p["last_day"]) for p in t["parts"]] == [
        ("in_force", "1996-01-01", "1996-09-09"),
        ("terminated", "1996-09-10", "1996-12-31"),
    ]
    bad = run_cli(*SUN, "status", "--date", "1996/..")
    assert bad.returncode == 2 and "both ends" in bad.stderr


def test_explain_library_under_a_reading_not_declared_by_the_treaty() -> None:
    from treatyrules import load

    c = load(FIXTURE).with_options(reading="twenty-year-renewal")
    ex = explain(c, "SUN-PRK-1961", "1990-01-01")
    assert ex.reading == "text" and "declares no reading 'twenty-year-renewal'" in ex.to_text()


def test_the_period_note_and_the_engine_agree_after_an_amendment() -> None:
    """WARSAW-1955's 1985 protocol governs from 1985-05-31: its 20-year term ends on 2005-05-31, and a
    notice given in 1994 ends a party's membership then (not at the text's 1995-06-05)."""
    import treatyrules
    from treatyrules.schema import Event

    shipped = treatyrules.load()
    ex = explain(shipped, "WARSAW-1955", "1989-01-01")
    note = next(s.text for s in ex.steps if "period running" in s.text)
    assert "ends on 2005-05-31" in note and "given by 2004-05-31" in note
    t = shipped.treaty("WARSAW-1955")
    notice = Event(type="notice_of_non_renewal", party="POL", date="1994-01-01", source="hypothetical")
    dissolution = [e for e in t.events if e.type.value == "terminated_by_agreement"]
    kept = [e for e in t.events if e not in dissolution]
    alt = t.model_copy(update={"events": [*kept, notice]})
    c = treatyrules.Corpus({**shipped.treaties, t.id: alt}, shipped.registry)
    pol = c.life(t.id).memberships["POL"]
    assert pol.end is not None and pol.end.earliest == dt.date(2005, 5, 31)
    assert pol.timeline.at(dt.date(2005, 5, 30)).status == "in_force"
    assert pol.timeline.at(dt.date(2005, 5, 31)).status == "terminated"


def test_explain_returns_at_the_last_day_of_the_calendar() -> None:
    """The period note's search for the running period stops at 9999-12-31 (it looped forever)."""
    import treatyrules

    shipped = treatyrules.load()
    for reading in (None, "twenty-year-renewal"):
        ex = explain(shipped.with_options(reading=reading), "CHN-PRK-1961", "9999-12-31")
        assert ex.answer.status == "in_force"
