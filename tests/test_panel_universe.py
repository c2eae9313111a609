"""The zero-filled universe (issue 11.4): every dyad (or state) of COW system members, by day, with the
registry's ccodes; 0 where nothing is owed; cells after the knowledge date marked ``extrapolated``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

import treatyrules
from treatyrules import atop
from treatyrules.panel import Panel, panel

from ._atop_sample import atop_sample

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = treatyrules.load()
ONE = dt.timedelta(days=1)


@cache
def members_by_day(year: int) -> dict[dt.date, frozenset[int]]:
    """Straight from ``Registry.system_on``: the ccodes of the system's members on each day of a year."""
    r = SHIPPED.registry
    out = {}
    d = dt.date(year, 1, 1)
    while d.year == year:
        out[d] = frozenset(c for s in r.system_on(d) if (c := r.ccode(s.code, d)) is not None)
        d += ONE
    return out


def ordered_pairs(year: int) -> set[tuple[int, int]]:
    """Ordered pairs of distinct ccodes in the system together on at least one day of the year."""
    return {(a, b) for cc in members_by_day(year).values() for a in cc for b in cc if a != b}


def test_a_quiet_year_by_hand() -> None:
    """1900: the same 42 states all year, so 42 x 41 ordered pairs."""
    days = members_by_day(1900)
    assert len(set(days.values())) == 1  # nobody joined or left in 1900
    n = len(next(iter(days.values())))
    assert n == 42
    p = panel(SHIPPED, "directed-dyad-year", 1900, 1900, universe="system")
    assert len(p) == n * (n - 1) == 1722
    assert set(zip(p["ccode1"], p["ccode2"], strict=True)) == ordered_pairs(1900)


def test_a_year_of_changes_pairs_only_states_that_share_a_day() -> None:
    """1990: the two Yemens merge on 22 May, Germany unites on 3 October, Liechtenstein joins on 18 September."""
    p = panel(SHIPPED, "directed-dyad-year", 1990, 1990, universe="system")
    got = set(zip(p["ccode1"], p["ccode2"], strict=True))
    assert got == ordered_pairs(1990)
    ccodes = set().union(*members_by_day(1990).values())
    assert len(ccodes) == 165 and len(got) == 165 * 164 - 16
    assert (260, 265) in got and (265, 260) in got  # both Germanys, until 3 October
    assert (255, 260) not in got and (255, 265) not in got  # united Germany never met them
    assert (678, 680) in got and (679, 678) not in got  # the Yemens before 22 May; Yemen never met them
    assert (223, 679) in got and (223, 678) not in got  # Liechtenstein met Yemen only


def test_zero_where_nothing_is_owed_and_the_obligations_where_they_are() -> None:
    uni = panel(SHIPPED, "directed-dyad-year", 1946, 2030, universe="system")
    plain = panel(SHIPPED, "directed-dyad-year", 1946, 2030)
    kinds = ["defense", "offense", "neutral", "nonagg", "consul"]
    u = {(r["ccode1"], r["ccode2"], r["year"]): tuple(r[k] for k in kinds) for r in uni.to_records()}
    o = {(r["ccode1"], r["ccode2"], r["year"]): tuple(r[k] for k in kinds) for r in plain.to_records()}
    assert {k: v for k, v in u.items() if any(v)} == {k: v for k, v in o.items() if k in u}
    assert u[(2, 710, 1995)] == (0, 0, 0, 0, 0)  # a dyad of the system with no treaty
    assert u[(2, 20, 1995)][0] == 1  # NATO
    assert set(o) <= set(u)  # every shipped obligation lies between system members


def test_the_universe_holds_every_obligation_cell_and_zeros_beside_them(tmp_path: Path) -> None:
    """The ATOP sample mixed with the shipped treaties, 1880-1900: each cell of the plain panel is a cell of
    the universe with the same values (the engine already pauses memberships on days outside the system,
    tests/test_registry*.py), and the universe adds zero cells such as Guatemala-USA 1888."""
    atop.import_atop(atop_sample("atop"), tmp_path / "atop")
    mixed = treatyrules.load([ROOT / "rules", tmp_path / "atop"])
    plain = panel(mixed, "directed-dyad-year", 1880, 1900)
    uni = panel(mixed, "directed-dyad-year", 1880, 1900, universe="system")
    kinds = ["defense", "offense", "neutral", "nonagg", "consul"]

    def cells(p: Panel) -> dict[tuple[int, ...], tuple[int, ...]]:
        rows = zip(p["ccode1"], p["ccode2"], p["year"], *(p[k] for k in kinds), strict=True)
        return {r[:3]: r[3:] for r in rows}

    full, owed = cells(uni), cells(plain)
    assert (90, 92, 1888) in owed and owed.items() <= full.items()
    assert full[(90, 2, 1888)] == (0, 0, 0, 0, 0)
    assert {k for k, v in full.items() if any(v)} == set(owed)


def test_dyads_and_states_of_the_system() -> None:
    directed = panel(SHIPPED, "directed-dyad-year", 1816, 2024, universe="system")
    dyads = panel(SHIPPED, "dyad-year", 1816, 2024, universe="system")
    states = panel(SHIPPED, "state-year", 1816, 2024, universe="system")
    assert len(directed) == 2 * len(dyads) == 2_214_930  # peacesciencer's COW directed dyad-years, 1816-2024
    assert all(a < b for a, b in zip(dyads["ccode1"][:1000], dyads["ccode2"][:1000], strict=True))
    per_year: dict[int, int] = defaultdict(int)
    for y in states["year"]:
        per_year[y] += 1
    assert per_year[1990] == 165 and per_year[1900] == 42
    assert per_year[1816] == len(set().union(*members_by_day(1816).values()))


def test_extrapolated_on_both_sides_of_the_knowledge_date() -> None:
    for as_of, last_known in [("2010-12-31", 2010), ("2011-01-01", 2010), ("2011-06-30", 2010)]:
        c = SHIPPED.compiled.with_options(as_of=as_of)
        p = panel(c, "directed-dyad-year", 2009, 2012, universe="system")
        marks = dict(zip(p["year"], p["extrapolated"], strict=False))
        assert [marks[y] for y in (2009, 2010, 2011, 2012)] == [False, False, True, True], as_of
        assert all(m == (y > last_known) for y, m in zip(p["year"], p["extrapolated"], strict=True))
    latest = panel(SHIPPED, "state-year", 2025, 2027, universe="system")
    assert SHIPPED.knowledge_date is not None and SHIPPED.knowledge_date.year == 2026
    assert {y: m for y, m in zip(latest["year"], latest["extrapolated"], strict=True)} == {
        2025: False,
        2026: True,
        2027: True,
    }


def test_day_spells_of_the_universe() -> None:
    c = SHIPPED.compiled.with_options(as_of="2010-12-31")
    p = panel(c, "directed-dyad-day", 2009, 2012, universe="system")
    rows = [r for r in p.to_records() if (r["ccode1"], r["ccode2"]) == (2, 710)]  # no treaty, in the system
    assert [(r["start"], r["end"], r["defense"], r["extrapolated"]) for r in rows] == [
        (dt.date(2009, 1, 1), dt.date(2011, 1, 1), 0, False),
        (dt.date(2011, 1, 1), dt.date(2013, 1, 1), 0, True),  # cut the day after the knowledge date
    ]
    # maximal: no two touching rows of a dyad are alike
    keys = [(r["ccode1"], r["ccode2"]) for r in p.to_records()]
    recs = p.to_records()
    for a, b, ka, kb in zip(recs, recs[1:], keys, keys[1:], strict=False):
        if ka == kb and a["end"] == b["start"]:
            assert {k: v for k, v in a.items() if k not in ("start", "end")} != {
                k: v for k, v in b.items() if k not in ("start", "end")
            }


def test_day_spells_cover_exactly_the_days_both_are_in_the_system() -> None:
    p = panel(SHIPPED, "directed-dyad-day", 1990, 1990, universe="system")
    days: dict[tuple[int, int], int] = defaultdict(int)
    for r in p.to_records():
        days[(r["ccode1"], r["ccode2"])] += (r["end"] - r["start"]).days
    want: dict[tuple[int, int], int] = defaultdict(int)
    for cc in members_by_day(1990).values():
        for a in cc:
            for b in cc:
                if a != b:
                    want[(a, b)] += 1
    assert days == want
    assert sum(days.values()) > 9_000_000


@pytest.mark.parametrize("unit", ["directed-dyad-year", "dyad-year", "state-year"])
def test_an_atop_corpus_has_the_shipped_registrys_universe(unit: str) -> None:
    """An ATOP import speaks the shipped registry, so its universe is the system's, whatever it pledges."""
    keys = ["ccode", "year"] if unit == "state-year" else ["ccode1", "ccode2", "year"]
    imported = panel(atop.load(atop_sample("atop")), unit, 1950, 1960, universe="system")
    shipped = panel(SHIPPED, unit, 1950, 1960, universe="system")
    assert len(imported) > 0 and imported.names[-1] == "extrapolated"
    assert [imported[k] for k in keys] == [shipped[k] for k in keys]
