"""Columns on request (issue 15): the treaties behind each row, ATOP's condition flags, and day spells
that say when the window cut them."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import treatyrules
from treatyrules import atop
from treatyrules.compiled import CompiledCorpus
from treatyrules.panel import FLAGS, KINDS, compile_panel, flag_columns, panel, panel_from
from treatyrules.panel.spells import FLAG_BITS, PanelSpells, condition_flags

from ._atop_sample import atop_sample
from .test_panel_differential import generated

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "atop"
SAMPLE = atop.load(atop_sample("atop")).compiled
SHIPPED = treatyrules.load().compiled
UNITS = ("directed-dyad-year", "dyad-year", "state-year", "directed-dyad-day")


def only(s: PanelSpells, treaty: int) -> PanelSpells:
    """The compiled spells of one treaty (its pieces, as they are in the whole corpus)."""
    keep = s.treaty == treaty
    names = ("c1", "c2", "start", "end", "value", "certain", "cap", "treaty")
    return dataclasses.replace(s, **{n: getattr(s, n)[keep] for n in names})


def key(r: dict[str, Any], unit: str) -> tuple[Any, ...]:
    if unit == "state-year":
        return (r["ccode"], r["year"])
    return (r["ccode1"], r["ccode2"], r["year"])


# ---------------------------------------------------------------- treaties


def own_cells(s: PanelSpells, unit: str, rule: str) -> dict[tuple[Any, ...], dict[str, int]]:
    """Each treaty's cells alone: ``cell -> {treaty: kind bits}``."""
    own: dict[tuple[Any, ...], dict[str, int]] = {}
    for t, tid in enumerate(s.treaties):
        for r in panel_from(only(s, t), unit, 1880, 2030, year_rule=rule).to_records():
            own.setdefault(key(r, unit), {})[tid] = sum(r[k] << i for i, k in enumerate(KINDS))
    return own


@pytest.mark.parametrize("c", [SAMPLE, SHIPPED], ids=["atop-sample", "shipped"])
@pytest.mark.parametrize("unit", UNITS[:3])
def test_treaties_are_exactly_those_whose_pledges_make_the_row(c: CompiledCorpus, unit: str) -> None:
    s = compile_panel(c)
    rows = {key(r, unit): r for r in panel_from(s, unit, 1880, 2030, with_treaties=True).to_records()}
    own = own_cells(s, unit, "any-day")
    assert set(rows) == set(own)
    for k, r in rows.items():
        assert r["treaties"] == sorted(own[k]), k
        vector = 0
        for bits in own[k].values():
            vector |= bits
        assert vector == sum(r[kind] << i for i, kind in enumerate(KINDS)), k
        assert r["atopids"] == sorted(a for t in own[k] if (a := c.treaties[t].atopid) is not None)


@pytest.mark.parametrize("unit", UNITS[:3])
def test_treaties_under_all_days_include_those_that_cover_the_year_together(unit: str) -> None:
    """All-days: a year covered by two treaties one after the other (RUS-PRK-2000 to 2024-12-04, RUS-PRK-2024
    from then) is a row of both, though neither covers it alone."""
    s = compile_panel(SHIPPED)
    rows = {
        key(r, unit): r for r in panel_from(s, unit, 1880, 2030, year_rule="all-days", with_treaties=True).to_records()
    }
    alone, touching = own_cells(s, unit, "all-days"), own_cells(s, unit, "any-day")
    assert set(alone) <= set(rows)
    for k, r in rows.items():
        assert set(alone.get(k, {})) <= set(r["treaties"]) <= set(touching[k]), k
    together = rows[(365, 731, 2024)] if unit != "state-year" else rows[(365, 2024)]
    assert {"RUS-PRK-2000", "RUS-PRK-2024"} <= set(together["treaties"])


@pytest.mark.parametrize("c", [SAMPLE, SHIPPED], ids=["atop-sample", "shipped"])
def test_day_spells_with_treaties_have_one_set_of_treaties_each(c: CompiledCorpus) -> None:
    s = compile_panel(c)
    rows = panel_from(s, "directed-dyad-day", 1880, 2030, with_treaties=True).to_records()
    plain = panel_from(s, "directed-dyad-day", 1880, 2030).to_records()
    assert len(rows) >= len(plain)
    spells = {t: panel_from(only(s, i), "directed-dyad-day", 1880, 2030).to_records() for i, t in enumerate(s.treaties)}
    for r in rows:
        dyad = (r["ccode1"], r["ccode2"])
        for t, own in spells.items():
            overlapping = [
                x for x in own if (x["ccode1"], x["ccode2"]) == dyad and x["start"] < r["end"] and r["start"] < x["end"]
            ]
            if t in r["treaties"]:  # the treaty holds on every day of the row
                assert (
                    sum((min(x["end"], r["end"]) - max(x["start"], r["start"])).days for x in overlapping)
                    == (r["end"] - r["start"]).days
                ), (t, r)
            else:
                assert not overlapping, (t, r)


def test_treaties_of_a_hand_coded_row() -> None:
    p = panel(SHIPPED, "directed-dyad-year", 1995, 1995, kinds=["defense"], with_treaties=True)
    row = next(r for r in p.to_records() if (r["ccode1"], r["ccode2"]) == (2, 840))  # the US to the Philippines
    assert row["treaties"] == ["SEATO-1954", "USA-PHL-1951"] and row["atopids"] == [3210, 3260]


# ---------------------------------------------------------------- flags


def flags(c: CompiledCorpus, unit: str, start: int, end: int) -> dict[tuple[Any, ...], dict[str, int]]:
    return {key(r, unit): r for r in panel(c, unit, start, end, with_flags=True).to_records()}


def test_flags_of_the_atop_sample() -> None:
    f = flags(SAMPLE, "directed-dyad-year", 1960, 1962)
    us_canada = f[(2, 20, 1960)]  # 9001: defence limited to a location
    assert (us_canada["defense"], us_canada["defcon"], us_canada["defcoloc"], us_canada["defcoadv"]) == (1, 1, 1, 0)
    fra = f[(200, 220, 1961)]  # 9002, member 200: defcoadv against 365, olimob; consultation without its own flags
    assert (fra["defcon"], fra["defcoadv"], fra["olimob"], fra["consul"], fra["concon"]) == (1, 1, 1, 1, 0)
    ita = f[(220, 200, 1961)]  # member 220: consultation on request
    assert (ita["consul"], ita["concon"], ita["concoreq"], ita["defense"], ita["defcon"]) == (1, 1, 1, 0, 0)
    us_japan = f[(2, 740, 1961)]  # 9003: unconditional
    assert us_japan["defense"] == 1 and not any(us_japan[c] for c in flag_columns(KINDS))


@pytest.mark.parametrize("c", [SAMPLE, SHIPPED], ids=["atop-sample", "shipped"])
@pytest.mark.parametrize("unit", UNITS)
def test_a_flag_is_set_only_with_its_kind(c: CompiledCorpus, unit: str) -> None:
    summary = {"defense": "defcon", "offense": "offcon", "neutral": "neucon", "consul": "concon"}
    for r in panel(c, unit, 1880, 2030, with_flags=True).to_records():
        for kind, details in FLAGS.items():
            if not r[kind]:
                assert not any(r[f] for f in details) and not r.get(summary.get(kind, ""), 0), r
            if kind in summary:
                assert r[summary[kind]] <= max((r[f] for f in details), default=0), r  # conditional: some detail
        if r["olimob"]:
            assert any(r[k] for k in KINDS)


def two_pledges(second: int) -> PanelSpells:
    """2 owes 20 defence under treaty A (against named adversaries) all 1990, and under B (flags ``second``)
    from 1 July 1990."""
    base = compile_panel(SAMPLE)
    days = [(dt.date(y, m, 1) - dt.date(1970, 1, 1)).days for y, m in ((1990, 1), (1990, 7), (1991, 1))]
    conditional = FLAG_BITS["defcoadv"] | 1
    b = second | 1 | (0 if second else 1 << 5)  # the kind bit, and its unconditional mark when no flag is set
    arr = np.array
    return dataclasses.replace(
        base,
        c1=arr([2, 2], np.int32),
        c2=arr([20, 20], np.int32),
        start=arr(days[:2], np.int32),
        end=arr([days[2], days[2]], np.int32),
        value=arr([conditional, b], np.int64),
        certain=arr([True, True]),
        cap=arr([2**31 - 1] * 2, np.int32),
        treaty=arr([0, 1], np.int32),
    )


def test_the_summary_flag_needs_every_pledge_conditional() -> None:
    """ATOP's defcon: the cell's defence is conditional only when no pledge making it is unconditional."""
    both = panel_from(two_pledges(0), "directed-dyad-year", 1990, 1990, with_flags=True).to_records()
    assert [(r["defense"], r["defcon"], r["defcoadv"]) for r in both] == [(1, 0, 1)]
    days = panel_from(two_pledges(0), "directed-dyad-day", 1990, 1990, with_flags=True).to_records()
    assert [(r["start"].month, r["defcon"], r["defcoadv"]) for r in days] == [(1, 1, 1), (7, 0, 1)]
    located = panel_from(two_pledges(FLAG_BITS["defcoloc"]), "directed-dyad-year", 1990, 1990, with_flags=True)
    assert [(r["defcon"], r["defcoadv"], r["defcoloc"]) for r in located.to_records()] == [(1, 1, 1)]


def test_a_hand_coded_location_is_atops_defcoloc() -> None:
    nato = SHIPPED.treaties["NATO-1949"].obligations[0]
    assert nato.conditions.armed_attack and nato.conditions.location is not None
    assert condition_flags("defense", nato.conditions) == FLAG_BITS["defcoloc"]
    row = flags(SHIPPED, "directed-dyad-year", 1995, 1995)[(2, 20, 1995)]
    assert (row["defense"], row["defcon"], row["defcoloc"], row["defcoadv"]) == (1, 1, 1, 0)


def test_flags_follow_the_kinds_asked_for() -> None:
    p = panel(SAMPLE, "directed-dyad-year", 1960, 1960, kinds=["nonagg", "consul"], with_flags=True)
    assert p.names[5:] == ["concon", "concoadv", "concoloc", "concocon", "concoreq", "olimob"]


@cache
def member_rows() -> list[dict[str, str]]:
    if not (DATA / "atop5_1m.csv").is_file():
        pytest.skip("ATOP data not found at ../shared/data/atop")
    with (DATA / "atop5_1m.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_flags_are_atops_own_on_every_member_row() -> None:
    """Read back from the imported conditions, each pledge's flags are the member file's, row by row."""
    rows = {(int(r["atopid"]), int(r["member"]), int(r["phase"])): r for r in member_rows()}
    corpus = atop.load(DATA).compiled
    kinds = {"defence": "defense", "offence": "offense", "neutrality": "neutral", "consultation": "consul"}
    checked = 0
    for t in corpus.treaties.values():
        assert t.atop is not None
        ccode = {m.member: m.ccode for m in t.atop.members}
        for o in t.obligations:
            col = kinds.get(o.kind.value)
            if col is None or o.obligors == "all":
                continue
            phase = int(o.article.rsplit(" ", 1)[1]) if o.article.startswith("ATOP phase ") else 0
            row = rows[(t.atop.atopid, ccode[o.obligors[0]], phase)]
            want = {f for f in (*FLAGS[col], "olimob") if row.get(f) not in ("", "0", None)}
            got = {f for f, b in FLAG_BITS.items() if condition_flags(col, o.conditions) & b}
            assert got == want, (t.id, o.obligors, col)
            checked += 1
    assert checked > 2000


# ---------------------------------------------------------------- censoring


def censoring_law(c: CompiledCorpus, start: int, end: int, **kw: Any) -> int:
    """Each row is a maximal spell of a window as wide as the corpus, cut to the window; censored where cut."""
    wide = {
        (r["ccode1"], r["ccode2"], r["start"]): r
        for r in panel(c, "directed-dyad-day", 1, 9998, **kw).to_records()  # every spell, uncut
    }
    lo, hi = dt.date(start, 1, 1), dt.date(end + 1, 1, 1)
    by_dyad: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for w in wide.values():
        by_dyad.setdefault((w["ccode1"], w["ccode2"]), []).append(w)
    rows = panel(c, "directed-dyad-day", start, end, with_censoring=True, **kw).to_records()
    for r in rows:
        w = next(x for x in by_dyad[(r["ccode1"], r["ccode2"])] if x["start"] <= r["start"] < x["end"])
        assert (r["start"], r["end"]) == (max(w["start"], lo), min(w["end"], hi)), r
        assert r["left_censored"] == (w["start"] < lo) and r["right_censored"] == (w["end"] > hi), r
        assert {k: v for k, v in w.items() if k not in ("start", "end")} == {
            k: v for k, v in r.items() if k not in ("start", "end", "left_censored", "right_censored")
        }
    return len(rows)


def test_censoring_on_both_sides_of_the_window() -> None:
    us_canada = [(2, 20)]

    def marks(start: int, end: int) -> list[tuple[Any, ...]]:
        p = panel(SAMPLE, "directed-dyad-day", start, end, kinds=["defense"], with_censoring=True)
        return [
            (r["start"], r["end"], r["left_censored"], r["right_censored"])
            for r in p.to_records()
            if (r["ccode1"], r["ccode2"]) in us_canada
        ]

    # 9001 holds 1950-03-01 .. 1961-01-01 (exit 1960-12-31 inclusive)
    assert marks(1950, 1960) == [(dt.date(1950, 3, 1), dt.date(1961, 1, 1), False, False)]
    assert marks(1951, 1960) == [(dt.date(1951, 1, 1), dt.date(1961, 1, 1), True, False)]
    assert marks(1950, 1959) == [(dt.date(1950, 3, 1), dt.date(1960, 1, 1), False, True)]
    assert marks(1955, 1955) == [(dt.date(1955, 1, 1), dt.date(1956, 1, 1), True, True)]
    assert marks(1961, 1970) == []


@pytest.mark.parametrize("c", [SAMPLE, SHIPPED], ids=["atop-sample", "shipped"])
@pytest.mark.parametrize("window", [(1950, 1960), (1961, 1961), (1990, 2030)])
def test_censored_exactly_where_the_window_cuts(c: CompiledCorpus, window: tuple[int, int]) -> None:
    assert censoring_law(c, *window) > 0
    censoring_law(c, *window, with_treaties=True, with_flags=True)


@settings(max_examples=40, deadline=None)
@given(generated(), st.integers(1930, 2050), st.integers(0, 30))
def test_censored_exactly_where_the_window_cuts_generated(c: CompiledCorpus, start: int, length: int) -> None:
    assume(c.spells)
    censoring_law(c, start, start + length)
