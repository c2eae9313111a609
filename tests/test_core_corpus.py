"""The shipped corpus, both sides of every boundary date of every treaty of the first corpus."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import treatyrules
from treatyrules.errors import DateFormatError, UnknownStateError, UnknownTreatyError

from ._cli import run_cli as _cli

ONE = dt.timedelta(days=1)


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


# (treaty, boundary day, status the day before, status on the day, reason on the day)
BOUNDARIES = [
    ("CHN-PRK-1961", "1961-07-11", "not_signed", "signed", None),
    ("CHN-PRK-1961", "1961-09-10", "signed", "in_force", None),
    ("SUN-PRK-1961", "1961-07-06", "not_signed", "signed", None),
    ("SUN-PRK-1961", "1961-09-10", "signed", "in_force", None),
    ("SUN-PRK-1961", "1996-09-10", "in_force", "terminated", "expired"),
    ("RUS-PRK-2000", "2000-02-09", "not_signed", "signed", None),
    ("RUS-PRK-2000", "2000-10-30", "signed", "in_force", None),
    ("RUS-PRK-2000", "2024-12-04", "in_force", "terminated", "superseded"),
    ("RUS-PRK-2024", "2024-06-19", "not_signed", "signed", None),
    ("RUS-PRK-2024", "2024-12-04", "signed", "in_force", None),
    ("CHN-SUN-1950", "1950-02-14", "not_signed", "signed", None),
    ("CHN-SUN-1950", "1950-04-11", "signed", "in_force", None),
    ("CHN-SUN-1950", "1980-04-11", "in_force", "terminated", "expired"),
    ("USA-TWN-1954", "1954-12-02", "not_signed", "signed", None),
    ("USA-TWN-1954", "1955-03-03", "signed", "in_force", None),
    ("USA-TWN-1954", "1980-01-01", "in_force", "terminated", "denounced"),
    ("USA-KOR-1953", "1953-10-01", "not_signed", "signed", None),
    ("USA-KOR-1953", "1954-11-17", "signed", "in_force", None),
    ("USA-JPN-1951", "1951-09-08", "not_signed", "signed", None),
    ("USA-JPN-1951", "1952-04-28", "signed", "in_force", None),
    ("USA-JPN-1951", "1960-06-23", "in_force", "terminated", "superseded"),
    ("USA-JPN-1960", "1960-01-19", "not_signed", "signed", None),
    ("USA-JPN-1960", "1960-06-23", "signed", "in_force", None),
    ("USA-PHL-1951", "1951-08-30", "not_signed", "signed", None),
    ("USA-PHL-1951", "1952-08-27", "signed", "in_force", None),
    ("CHN-PRK-BORDER-1962", "1962-10-12", "not_signed", "signed", None),
    ("CHN-PRK-BORDER-1962", "1964-03-20", "signed", "in_force", None),
]


@pytest.mark.parametrize(("tid", "day", "before", "on", "reason"), BOUNDARIES)
def test_both_sides_of_each_boundary(
    corpus: treatyrules.Corpus, tid: str, day: str, before: str, on: str, reason: str | None
) -> None:
    d = _d(day)
    a, b = corpus.status(tid, d - ONE), corpus.status(tid, d)
    assert a.status == before
    assert (b.status, b.reason) == (on, reason)
    assert b.since == d and a.until == d  # half-open: the boundary is the first day of the new status


def test_every_boundary_is_listed(corpus: treatyrules.Corpus) -> None:
    """Each change day of each first-corpus treaty appears in the table above (nothing untested)."""
    listed = {(t, _d(day)) for t, day, *_ in BOUNDARIES}
    for tid in {t for t, *_ in BOUNDARIES}:
        for day in corpus.life(tid).timeline.change_days():
            assert (tid, day) in listed, (tid, day)


def test_issue_examples(corpus: treatyrules.Corpus) -> None:
    a = corpus.status("CHN-PRK-1961", "1995-01-01")
    assert (a.status, a.since, a.until) == ("in_force", _d("1961-09-10"), None)
    assert "Art. VII" in a.summary and "agree" in a.summary
    assert any(s.article == "VII" for s in a.basis)
    b = corpus.status("CHN-SUN-1950", "1995-01-01")
    assert (b.status, b.reason, b.since) == ("terminated", "expired", _d("1980-04-11"))
    assert "1979-04-03" in b.summary and "Art. 6" in b.summary and "30-year" in b.summary


def test_ids_are_case_insensitive_and_aliases_work(corpus: treatyrules.Corpus) -> None:
    assert corpus.status("chn-prk-1961", "1995-01-01").id == "CHN-PRK-1961"
    assert corpus.status("SUHH-PRK-1961", "1995-01-01").id == "SUN-PRK-1961"
    with pytest.raises(UnknownTreatyError, match="CHN-PRK-1961"):
        corpus.status("CHN-PRK-1916", "1995-01-01")


def test_continuity_sun_to_rus(corpus: treatyrules.Corpus) -> None:
    day = _d("1991-12-26")
    assert corpus.status("SUN-PRK-1961", day - ONE).parties == ("SUN", "PRK")
    assert corpus.status("SUN-PRK-1961", day).parties == ("RUS", "PRK")
    assert corpus.status("SUN-PRK-1961", day).status == "in_force"
    assert corpus.registry.canonical("SUHH") == "SUN"
    assert [a.id for a in corpus.statuses("1995-01-01", party="RUS")] == ["SUN-PRK-1961"]
    assert "SUN-PRK-1961" in [a.id for a in corpus.statuses("1995-01-01", party="SUHH")]
    with pytest.raises(UnknownStateError):
        corpus.statuses("1995-01-01", party="XXX")


def test_renewal_end_is_derived_and_checked(corpus: treatyrules.Corpus) -> None:
    """The 1996 end comes from Art. 6 + the notice; the recorded lapse narrows the 1995 range."""
    life = corpus.life("SUN-PRK-1961")
    assert life.end is not None and life.end.earliest == life.end.latest == _d("1996-09-10")
    texts = " ".join(s.text for s in life.end.steps)
    assert "1996-09-10 or 2001-09-10" in texts and "narrows" in texts
    assert not [c for c in life.checks if c.severity == "error"]


def test_bad_date_is_a_usage_error(corpus: treatyrules.Corpus) -> None:
    with pytest.raises(DateFormatError):
        corpus.status("CHN-PRK-1961", "1995-02-30")


def test_cli_status_json_shape() -> None:
    res = _cli("status", "--date", "1995-01-01", "--format", "json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["date"] == "1995-01-01"
    ids = [t["id"] for t in data["treaties"]]
    assert ids == sorted(ids) and "RUS-PRK-2024" not in ids  # only treaties signed by then
    t = next(t for t in data["treaties"] if t["id"] == "CHN-SUN-1950")
    assert {"id", "title", "status", "reason", "since", "until", "parties", "basis", "sources"} <= set(t)
    assert (t["status"], t["reason"], t["since"], t["until"]) == ("terminated", "expired", "1980-04-11", None)


def test_cli_single_treaty_even_not_signed() -> None:
    res = _cli("status", "--date", "1995-01-01", "--treaty", "RUS-PRK-2024", "--format", "json")
    assert json.loads(res.stdout)["treaties"][0]["status"] == "not_signed"


def test_cli_table_fits_80_columns() -> None:
    res = _cli("status", "--date", "1995-01-01")
    assert res.returncode == 0
    assert max(len(line) for line in res.stdout.splitlines()) <= 80


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("status", "--date", "1995-13-01"), "1995-13-01"),
        (("status", "--date", "1995-01-01", "--treaty", "CHN-PRK-1916"), "CHN-PRK-1961"),
        (("status", "--date", "1995-01-01", "--party", "PRKK"), "PRK"),
    ],
)
def test_cli_usage_errors_exit_2_one_line(args: tuple[str, ...], needle: str) -> None:
    res = _cli(*args)
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1 and needle in res.stderr
    assert "Traceback" not in res.stderr


def test_cli_csv_and_in_force() -> None:
    res = _cli("status", "--date", "1995-01-01", "--in-force", "--format", "csv")
    lines = res.stdout.splitlines()
    assert lines[0].startswith("date,id,status")
    assert all(",in_force," in line for line in lines[1:]) and len(lines) > 1
