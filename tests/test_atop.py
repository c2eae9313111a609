"""ATOP import and panels on the small ATOP-format sample in fixtures/atop/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from treatyrules import atop
from treatyrules.corpus import load
from treatyrules.errors import InputDataError
from treatyrules.schema import EventType

from ._atop_sample import atop_sample
from ._cli import run_cli as _cli

FIX = atop_sample("atop")


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return atop.load(FIX)


def cells(table, kind: str = "defense") -> set[tuple[int, int, int]]:  # type: ignore[no-untyped-def]
    return {(r["ccode1"], r["ccode2"], r["year"]) for r in table.to_records() if r[kind]}


def test_one_treaty_per_alliance_with_ccode_states(corpus) -> None:  # type: ignore[no-untyped-def]
    assert corpus.ids == ["ATOP-9001", "ATOP-9002", "ATOP-9003", "ATOP-9004"]
    assert corpus.registry.ccode("COW365", dt.date(1960, 1, 1)) == 365  # statthr1 kept as a state
    assert corpus.knowledge_date == atop.KNOWLEDGE_DATE


def test_exit_is_last_day_in_force(corpus) -> None:  # type: ignore[no-untyped-def]
    t = corpus.treaty("ATOP-9001")
    w = [e for e in t.events if e.type is EventType.withdrawal and e.party == "COW20"]
    assert [str(e.date) for e in w] == ["1961-01-01"]
    assert corpus.status_code("ATOP-9001", dt.date(1960, 12, 31)) == "in_force"
    assert corpus.status_code("ATOP-9001", dt.date(1961, 1, 1)) == "terminated"


def test_unknown_day_is_a_partial_date_and_ongoing_has_no_end(corpus) -> None:  # type: ignore[no-untyped-def]
    t = corpus.treaty("ATOP-9002")
    acc = [e for e in t.events if e.type is EventType.accession]
    assert [(e.party, str(e.date)) for e in acc] == [("COW255", "1965-05")]
    assert not any(e.type is EventType.withdrawal and e.party == "COW200" for e in t.events)
    assert corpus.status_code("ATOP-9002", dt.date(2018, 12, 31)) == "in_force"


def test_conditions_and_verbatim_codes(corpus) -> None:  # type: ignore[no-untyped-def]
    t = corpus.treaty("ATOP-9002")
    by = {(o.obligors[0], o.kind.value): o for o in t.obligations if isinstance(o.obligors, list)}
    d = by[("COW200", "defence")].conditions
    assert d.adversaries == ["COW365"] and "defcoadv" in d.other and "olimob" in d.other
    assert by[("COW220", "consultation")].conditions.on_request
    n = by[("COW255", "neutrality")].conditions
    assert n.armed_attack and n.non_provocation
    assert not any(o.obligors == ["COW230"] for o in t.obligations)  # a member with no obligations
    assert t.atop is not None
    row = next(r for r in t.atop.members if r.member == "COW220")
    assert row.codes.get("terrres") == 1


def test_directed_panel_both_sides_of_each_boundary(corpus) -> None:  # type: ignore[no-untyped-def]
    any_day = cells(corpus.panel(start=1940, end=2018))
    assert (2, 20, 1950) in any_day and (2, 20, 1960) in any_day and (2, 20, 1961) not in any_day
    assert (2, 20, 1949) not in any_day
    all_days = cells(corpus.panel(start=1940, end=2018, year_rule="all-days"))
    assert (2, 20, 1950) not in all_days and (2, 20, 1951) in all_days and (2, 20, 1960) in all_days
    # asymmetric: the US defends Japan, not the reverse, in both phases
    assert (2, 740, 1955) in any_day and (740, 2, 1955) not in any_day
    na = cells(corpus.panel(start=1940, end=2018), "nonagg")
    assert (740, 2, 1959) not in na and (740, 2, 1960) in na  # phase 2 from 1960-01-19
    # a member leaving on 1970-01-01 (last day) counts for 1970 under any-day, not under all-days
    con = cells(corpus.panel(start=1940, end=2018), "consul")
    assert (200, 230, 1970) in con and (200, 230, 1971) not in con
    assert (200, 230, 1970) not in cells(corpus.panel(start=1940, end=2018, year_rule="all-days"), "consul")


def test_other_units(corpus) -> None:  # type: ignore[no-untyped-def]
    dy = corpus.panel("dyad-year", 1955, 1955)
    assert all(a < b for a, b in zip(dy["ccode1"], dy["ccode2"], strict=True))
    sy = corpus.panel("state-year", 1955, 1955)
    assert dict(zip(sy["ccode"], sy["defense"], strict=True)) == {2: 1, 20: 1, 740: 0}
    dd = corpus.panel("directed-dyad-day", 1940, 2018, kinds=["defense"])
    rows = [r for r in dd.to_records() if (r["ccode1"], r["ccode2"]) == (2, 20)]
    assert [(r["start"], r["end"]) for r in rows] == [(dt.date(1950, 3, 1), dt.date(1961, 1, 1))]


def test_written_folder_gives_the_same_panel(corpus, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TREATYRULES_CACHE_DIR", str(tmp_path / "cache"))
    atop.import_atop(FIX, tmp_path / "rules")
    assert len(list((tmp_path / "rules" / "treaties").glob("ATOP-*.yaml"))) == len(corpus.ids)
    for _ in range(2):  # second time from the cache
        c = load(tmp_path / "rules")
        assert c.panel(start=1940, end=2018).to_csv() == corpus.panel(start=1940, end=2018).to_csv()
    assert not list((tmp_path / "rules").rglob("*.pickle"))


def test_cli_import_and_panel(tmp_path: Path) -> None:
    r = _cli("import-atop", str(FIX), "--out", str(tmp_path / "r"))
    assert r.returncode == 0, r.stderr
    r = _cli("--rules", str(tmp_path / "r"), "panel", "--from", "1950", "--to", "1950", "--kind", "defense")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "ccode1,ccode2,year,defense"
    assert "2,20,1950,1" in r.stdout.splitlines()


@pytest.mark.parametrize("args", [("--from", "x"), ("--from", "1990", "--to", "1980"), ("--to", "0")])
def test_cli_bad_years_exit_2_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    r = _cli("--rules", str(tmp_path), "panel", *args)
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1


def test_dataframes_optional(corpus) -> None:  # type: ignore[no-untyped-def]
    pd = pytest.importorskip("pandas", reason="pandas extra not installed")
    df = corpus.panel("directed-dyad-day", 1940, 2018).to_pandas()
    assert str(df["start"].dtype) == "datetime64[s]"
    pa = pytest.importorskip("pyarrow", reason="arrow extra not installed")
    assert corpus.panel("directed-dyad-day", 1940, 2018).to_arrow().schema.field("start").type == pa.date32()
    assert pd is not None


def test_obvary_member_owes_only_the_partners_the_directed_file_names(corpus) -> None:  # type: ignore[no-untyped-def]
    def defended(c) -> set[str]:  # type: ignore[no-untyped-def]
        return {
            b
            for o in c.treaty("ATOP-9002").obligations
            if o.obligors == ["COW200"] and o.kind.value == "defence"
            for b in o.beneficiaries
        }

    assert defended(corpus) == {"COW220", "COW230", "COW255"}  # member file only: an upper bound
    directed = atop.load(FIX, directed=FIX / "ddyr-sample.csv")
    assert defended(directed) == {"COW220"}
    # consul is coded toward every partner (the member file's vector), whatever the directed file says
    assert (
        directed.panel(start=1961, end=1961, kinds=["consul"]).to_csv()
        == corpus.panel(start=1961, end=1961, kinds=["consul"]).to_csv()
    )
    # a member without obvary is unaffected
    assert directed.panel(start=1940, end=1959).to_csv() == corpus.panel(start=1940, end=1959).to_csv()


def test_directed_file_must_have_atop_columns(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputDataError, match="not an ATOP directed dyad-year file"):
        atop.read_directed(bad)
    with pytest.raises(InputDataError, match="missing ATOP directed"):
        atop.read_directed(tmp_path / "none.csv")


def test_cow_only_and_phase_year(corpus) -> None:  # type: ignore[no-untyped-def]
    from treatyrules.panel import is_cow_ccode

    assert is_cow_ccode(2) and is_cow_ccode(999) and not is_cow_ccode(1) and not is_cow_ccode(1000)
    # 9003: phase 1 (consul only for 740->2) until 1960-01-19, phase 2 (nonagg too) from then: 1960 is phase 2's
    na = cells(corpus.panel(start=1950, end=1965), "nonagg")
    assert (740, 2, 1960) in na and (740, 2, 1959) not in na
    # 9004: neutrality in phase 1 only (to 1888-11-24); ATOP gives the change year 1888 to phase 2
    neu = cells(corpus.panel(start=1880, end=1895), "neutral")
    assert (90, 91, 1887) in neu and (90, 91, 1888) not in neu
    assert (90, 91, 1888) in cells(corpus.panel(start=1880, end=1895), "defense")
    assert (90, 91, 1890) in cells(corpus.panel(start=1880, end=1895), "defense")
    # days stay exact: the neutrality spell still ends after its last day, exit 1888-11-24 (inclusive)
    dd = corpus.panel("directed-dyad-day", 1880, 1895, kinds=["neutral"]).to_records()
    assert [(r["start"], r["end"]) for r in dd if (r["ccode1"], r["ccode2"]) == (90, 91)] == [
        (dt.date(1887, 2, 16), dt.date(1888, 11, 25))
    ]
