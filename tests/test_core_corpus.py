"""The shipped corpus: README answers, continuity, errors (every boundary: tests/test_treaty_boundaries.py)."""

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
    assert [a.id for a in corpus.statuses("1995-01-01", party="RUS")] == ["CST-1992", "SUN-PRK-1961"]
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
