"""ATOP import and panels on the small ATOP-format sample in fixtures/atop/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import treatyrules
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


def test_one_treaty_per_alliance_in_registry_codes(corpus) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(corpus, treatyrules.Corpus)
    assert corpus.ids == ["ATOP-9001", "ATOP-9002", "ATOP-9003", "ATOP-9004", "ATOP-9005", "ATOP-9007"]
    assert corpus.registry.states.keys() == load().registry.states.keys()  # the shipped registry, nothing added
    assert corpus.knowledge_date == atop.KNOWLEDGE_DATE
    assert corpus.treaty("ATOP-9001").parties == ["CAN", "USA"]


def test_exit_is_last_day_in_force(corpus) -> None:  # type: ignore[no-untyped-def]
    t = corpus.treaty("ATOP-9001")
    w = [e for e in t.events if e.type is EventType.withdrawal and e.party == "CAN"]
    assert [str(e.date) for e in w] == ["1961-01-01"]
    assert corpus.status_code("ATOP-9001", dt.date(1960, 12, 31)) == "in_force"
    assert corpus.status_code("ATOP-9001", dt.date(1961, 1, 1)) == "terminated"


def test_unknown_day_is_a_partial_date_and_ongoing_has_no_end(corpus) -> None:  # type: ignore[no-untyped-def]
    t = corpus.treaty("ATOP-9002")
    acc = [e for e in t.events if e.type is EventType.accession]
    assert [(e.party, str(e.date)) for e in acc] == [("DEU", "1965-05")]  # ccode 260 in 1965
    assert not any(e.type is EventType.withdrawal and e.party == "GBR" for e in t.events)
    assert corpus.status_code("ATOP-9002", dt.date(2018, 12, 31)) == "in_force"


def test_conditions_and_verbatim_codes(corpus) -> None:  # type: ignore[no-untyped-def]
    t = corpus.treaty("ATOP-9002")
    by = {(o.obligors[0], o.kind.value): o for o in t.obligations if isinstance(o.obligors, list)}
    d = by[("GBR", "defence")].conditions
    assert d.adversaries == ["SUN"]  # statthr1 365, named on the obligation's first day (1960)
    assert d.other == ["on a further condition the treaty states (ATOP olimob)"]
    assert "defcoadv=1" in by[("GBR", "defence")].source and "olimob=1" in by[("GBR", "defence")].source
    assert by[("FRA", "consultation")].conditions.on_request
    assert "concoreq=1" in (by[("FRA", "consultation")].source or "")
    n = by[("DEU", "neutrality")].conditions
    assert n.armed_attack and n.non_provocation
    assert not any(o.obligors == ["ESP"] for o in t.obligations)  # a member with no obligations
    assert t.atop is not None
    row = next(r for r in t.atop.members if r.member == "FRA")
    assert row.codes.get("terrres") == 1 and row.ccode == 220


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
    assert not (tmp_path / "rules" / "states.yaml").exists()  # read with the shipped registry
    for _ in range(2):  # second time from the cache
        c = load(tmp_path / "rules")
        assert c.panel(start=1940, end=2018).to_csv() == corpus.panel(start=1940, end=2018).to_csv()
    assert not list((tmp_path / "rules").rglob("*.pickle"))


def test_a_registry_passed_to_the_import_is_written_with_the_folder(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TREATYRULES_CACHE_DIR", str(tmp_path / "cache"))
    shipped = load().registry
    atop.import_atop(FIX, tmp_path / "own", registry=shipped)
    assert (tmp_path / "own" / "states.yaml").is_file()
    assert load(tmp_path / "own").registry.states == shipped.states


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
            if o.obligors == ["GBR"] and o.kind.value == "defence"
            for b in o.beneficiaries
        }

    assert defended(corpus) == {"FRA", "ESP", "DEU"}  # member file only: an upper bound
    directed = atop.load(FIX, directed=FIX / "ddyr-sample.csv")
    assert defended(directed) == {"FRA"}
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
    assert (90, 92, 1887) in neu and (90, 92, 1888) not in neu
    assert (90, 92, 1888) in cells(corpus.panel(start=1880, end=1895), "defense")
    assert (90, 92, 1890) in cells(corpus.panel(start=1880, end=1895), "defense")
    # days stay exact: the neutrality spell still ends after its last day, exit 1888-11-24 (inclusive)
    dd = corpus.panel("directed-dyad-day", 1880, 1895, kinds=["neutral"]).to_records()
    assert [(r["start"], r["end"]) for r in dd if (r["ccode1"], r["ccode2"]) == (90, 92)] == [
        (dt.date(1887, 2, 16), dt.date(1888, 11, 25))
    ]


def test_codes_are_the_states_that_held_the_ccode_on_the_day(corpus) -> None:  # type: ignore[no-untyped-def]
    t = corpus.treaty("ATOP-9005")  # 1912-09-12 to 1920-12-31: France, Russia (365), Serbia (345)
    assert t.parties == ["FRA", "RUS", "SRB"]
    defence = {o.obligors[0]: o for o in t.obligations if isinstance(o.obligors, list)}
    assert defence["FRA"].conditions.adversaries == ["GMY", "AUH"]  # statthr 255 and 300 in 1912
    # Serbia's row ends in 1920: by then 345 is Yugoslavia, which continues Serbia's membership
    leaving = {e.party for e in t.events if e.type is EventType.withdrawal}
    assert leaving == {"FRA", "RUS", "YUG"}
    assert t.atop is not None and [(r.member, r.ccode) for r in t.atop.members] == [
        ("FRA", 220),
        ("SRB", 345),
        ("RUS", 365),
    ]
    # 365 in 1985 is the USSR: in the mixing sample (fixtures/atop-mix) 9101 spans 1991
    assert corpus.status_code("ATOP-9005", dt.date(1920, 12, 31)) == "in_force"
    assert {a.obligor for a in corpus.obligations("1919-06-28", treaty="ATOP-9005", beneficiary="FRA")} == {
        "RUS",
        "YUG",
    }


def test_a_ccode_used_before_any_state_held_it_is_the_nearest_holder() -> None:
    imp = atop.build(FIX)
    assert [(o.atopid, o.ccode, o.code, str(o.day)) for o in imp.outside] == [(9007, 565, "NAM", "1975-08-01")]
    assert "no registry state held it; read as NAM" in str(imp.outside[0])
    t = next(t for t in imp.treaties if t.id == "ATOP-9007")
    assert t.parties == ["FRA", "NAM"]  # Namibia holds 565 from 1990


def test_atop_codes_outside_cow_are_left_out_with_their_row() -> None:
    imp = atop.build(FIX)
    assert "ATOP-9006" not in {t.id for t in imp.treaties}  # 220 with 8152 only
    assert [(x.atopid, x.ccode) for x in imp.left_out] == [(9006, 8152), (9006, None)]
    assert all(str(x).startswith("atop5_1m.csv:") for x in imp.left_out)


def test_every_condition_flag_is_readable_and_keeps_its_name() -> None:
    from treatyrules.atop.conditions import FLAGS, conditions, flags
    from treatyrules.atop.rows import Day, MemberRow

    every = {f: 1 for fs in FLAGS.values() for f in fs} | {"olimob": 1}

    def row(codes: dict[str, int]) -> MemberRow:
        return MemberRow(1, 9, 2, 0, Day(1950, 1, 1), Day(0, 0, 0), "0-0-0", None, None, frozenset(), (), "", codes)

    for kind, own in FLAGS.items():
        assert flags(kind, row(every)) == [*own, "olimob"]
        for adversaries in ([], ["SUN"]):
            c = conditions(kind, row(every), adversaries)
            texts = [*c.other, *([c.location.text] if c.location and c.location.text else [])]
            named = {t.rsplit("(ATOP ", 1)[1].rstrip(")") for t in texts}
            with_content = {f for f in own if f.endswith(("conpr", "coatt", "coreq"))}
            with_content |= {f for f in own if f.endswith("coadv")} if adversaries else set()
            assert named == {*own, "olimob"} - with_content  # every other flag is a text naming it
            assert c.adversaries == (adversaries if own else [])  # nonagg has no coadv flag
            assert c.non_provocation == (kind in ("defense", "neutral"))
            assert c.armed_attack == (kind == "neutral")
            assert c.on_request == (kind == "consul")
    assert flags("nonagg", row(every)) == ["olimob"]
    assert conditions("defense", row({}), ["SUN"]) == conditions("nonagg", row({}), [])  # no flag, no condition


def test_cli_obligations_in_registry_codes(tmp_path: Path) -> None:
    assert _cli("import-atop", str(FIX), "--out", str(tmp_path / "r")).returncode == 0
    r = _cli("--rules", str(tmp_path / "r"), "obligations", "--date", "1914-07-01", "--beneficiary", "FRA")
    assert r.returncode == 0, r.stderr
    rows = [ln.split() for ln in r.stdout.splitlines() if ln.startswith("ATOP-9005")]
    assert sorted(row[3] for row in rows) == ["RUS", "SRB"]
    assert "attacker GMY or AUH" in r.stdout and "not provoked" in r.stdout
