"""Alternative readings: declared, listed, selected with --reading; agreeing and disagreeing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from treatyrules.errors import UnknownReadingError
from treatyrules.explain import explain

from ._honest import RENEWING, D, corpus, run_cli, treaty

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "honest"

EARLY = {
    "name": "early-notice",
    "description": "a source claims a notice in 1970",
    "sources": ["claim A"],
    "events": [{"type": "notice_of_non_renewal", "party": "AAA", "date": "1970-01-01", "source": "claim A"}],
}
TWENTY = {
    "name": "twenty-year",
    "description": "a source claims 20-year periods",
    "sources": ["claim B"],
    "clauses": {"duration": {"term": "P20Y", "renewal": {"period": "P20Y", "notice_before_end": "P6M"}}},
}


def _t() -> object:
    return treaty(
        [{"type": "signed", "date": "1961-07-06"}, {"type": "entered_into_force", "date": "1961-09-10"}],
        RENEWING,
        [EARLY, TWENTY],
    )


def test_readings_that_disagree_on_a_day_and_agree_before() -> None:
    t = _t()
    text, early = corpus(t), corpus(t, reading="early-notice")  # type: ignore[arg-type]
    assert text.status(t.id, D("1971-09-10")).status == "in_force"  # type: ignore[attr-defined]
    assert early.status(t.id, D("1971-09-09")).status == "in_force"  # type: ignore[attr-defined]
    assert early.status(t.id, D("1971-09-10")).status == "terminated"  # type: ignore[attr-defined]
    ex = explain(text, t.id, D("1980-01-01"))  # type: ignore[attr-defined]
    assert not ex.readings_agree
    assert {r.reading: r.answer.status for r in ex.readings} == {
        "text": "in_force",
        "early-notice": "terminated",
        "twenty-year": "in_force",
    }
    assert "readings disagree on 1980-01-01" in ex.to_text()
    before = explain(text, t.id, D("1971-09-09"))  # type: ignore[attr-defined]
    assert before.readings_agree and "3 readings agree on the status" in before.to_text()


def test_reading_replaces_clauses_and_the_period_note_says_when_it_ends() -> None:
    t = _t()
    c = corpus(t, reading="twenty-year")  # type: ignore[arg-type]
    assert c.life(t.id).treaty.clauses.duration.term.years == 20  # type: ignore[attr-defined, union-attr]
    ex = explain(corpus(t), t.id, D("1985-01-01"))  # type: ignore[arg-type, attr-defined]
    notes = {r.reading: r.period for r in ex.readings}
    assert "ends on 1986-09-10" in (notes["text"] or "") and "ends on 2001-09-10" in (notes["twenty-year"] or "")


def test_unknown_reading_is_a_usage_error_with_the_closest_names() -> None:
    t = _t()
    with pytest.raises(UnknownReadingError, match="early-notice"):
        corpus(t, reading="early-notise")  # type: ignore[arg-type]
    with pytest.raises(UnknownReadingError, match="declared readings: text, early-notice, twenty-year"):
        t.under("zzz")  # type: ignore[attr-defined]


def test_cli_readings_lists_every_declared_reading() -> None:
    res = run_cli("--rules", str(FIXTURE), "readings", "--format", "json")
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)["readings"]
    assert [(r["treaty"], r["name"]) for r in rows] == [("CHN-PRK-1961", "twenty-year-renewal")]
    assert rows[0]["sources"] and rows[0]["description"]
    table = run_cli("--rules", str(FIXTURE), "readings").stdout
    assert "twenty-year-renewal" in table and max(len(line) for line in table.splitlines()) <= 80


def test_cli_reading_option_applies_to_queries_and_rejects_unknown_names() -> None:
    res = run_cli(
        "--rules",
        str(FIXTURE),
        "--reading",
        "twenty-year-renewal",
        "status",
        "--date",
        "2025-01-01",
        "--treaty",
        "CHN-PRK-1961",
        "--format",
        "json",
    )
    assert res.returncode == 0, res.stderr
    assert "20 years" in json.loads(res.stdout)["treaties"][0]["summary"]
    bad = run_cli("--rules", str(FIXTURE), "--reading", "twenty-year-renewl", "status")
    assert bad.returncode == 2 and "twenty-year-renewal" in bad.stderr and len(bad.stderr.splitlines()) == 1


def test_shipped_chn_prk_readings_agree_on_today() -> None:
    res = run_cli("explain", "CHN-PRK-1961", "--date", "2025-01-01", "--format", "json")
    if res.returncode != 0 or "twenty-year-renewal" not in res.stdout:
        pytest.skip("the shipped corpus does not declare CHN-PRK-1961's twenty-year-renewal reading")
    data = json.loads(res.stdout)
    assert data["readings_agree"] is True
    assert {r["reading"] for r in data["readings"]} == {"text", "twenty-year-renewal"}
