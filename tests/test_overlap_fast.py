"""The fast count of what mixing changes (``overlap.compare``, runs of years per directed dyad) finds
exactly what the obvious count finds: every cell listed (``overlap.cells``) and the sets compared."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyrules import atop, load
from treatyrules.obligations import Spell
from treatyrules.overlap import CountedOverlap, Window, cells, compare, year_runs
from treatyrules.schema import Conditions, ObligationKind

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "atop"
KINDS = [k.value for k in ObligationKind]
Counts = dict[str, tuple[int, int, int, int]]


def obvious(kept: list[Spell], dropped: list[Spell], first: int, last: int) -> Counts:
    """Every cell of both sides listed, then the sets counted: (dropped, kept, dropped-only, kept-only)."""
    ours, theirs = cells(kept, first, last), cells(dropped, first, last)
    return {
        k: (len(theirs[k]), len(ours[k]), len(theirs[k] - ours[k]), len(ours[k] - theirs[k]))
        for k in KINDS
        if ours.get(k) or theirs.get(k)
    }


def counted(kept: list[Spell], dropped: list[Spell], window: Window) -> tuple[int | None, int | None, Counts]:
    ch = compare(kept, dropped, ("K", "D"), window)
    return ch.first, ch.last, {k.kind: (k.dropped, k.kept, k.dropped_only, k.kept_only) for k in ch.kinds}


def spell(obligor: str, beneficiary: str, start: dt.date, end: dt.date | None, kind: str = "defence") -> Spell:
    return Spell("T", 0, "1", kind, obligor, beneficiary, start, end, True, Conditions(), ())


years = st.integers(1800, 1830)
days = st.builds(lambda y, d: dt.date(y, 1, 1) + dt.timedelta(days=d), years, st.integers(0, 364))


@st.composite
def spells(draw: st.DrawFn) -> Spell:
    """A spell of few dyads over few years (so spells overlap, touch and nest often), open, or ending
    after some days, or on a 1 January (the first day out: the year before is its last)."""
    start = draw(days)
    how = draw(st.sampled_from(["open", "days", "new year"]))
    end = (
        None
        if how == "open"
        else start + dt.timedelta(days=draw(st.integers(1, 4000)))
        if how == "days"
        else dt.date(start.year + draw(st.integers(1, 12)), 1, 1)
    )
    codes = st.sampled_from(["USA", "CAN", "MEX"])
    return spell(draw(codes), draw(codes), start, end, draw(st.sampled_from(KINDS[:3])))


sides = st.lists(spells(), max_size=8)
windows = st.tuples(st.none() | st.integers(1795, 1835), st.none() | st.integers(1795, 1840))


@given(sides, sides, windows)
def test_the_fast_count_is_the_count_of_every_cell(kept: list[Spell], dropped: list[Spell], window: Window) -> None:
    first, last, got = counted(kept, dropped, window)
    if first is None or last is None:  # no year to compare (no spell, or none inside the window)
        assert got == {}
    else:
        assert got == obvious(kept, dropped, first, last)


@given(sides, years, years)
def test_runs_are_the_cells_sorted_disjoint_and_apart(found: list[Spell], first: int, last: int) -> None:
    runs = year_runs(found, first, last)
    listed = {
        k: {(*d, y) for d, rs in dyads.items() for lo, hi in rs for y in range(lo, hi + 1)} for k, dyads in runs.items()
    }
    assert listed == {k: v for k, v in cells(found, first, last).items() if v}
    for dyads in runs.values():
        for rs in dyads.values():
            assert rs and all(lo <= hi for lo, hi in rs)
            assert all(a[1] + 1 < b[0] for a, b in itertools.pairwise(rs))  # a year apart at least


def test_runs_join_when_they_touch_and_not_across_a_gap() -> None:
    a = spell("USA", "CAN", dt.date(1960, 3, 1), dt.date(1962, 1, 1))  # 1960-1961
    touching = spell("USA", "CAN", dt.date(1962, 1, 1), dt.date(1963, 1, 2))  # 1962-1963
    apart = spell("USA", "CAN", dt.date(1963, 1, 1), dt.date(1964, 1, 1))  # 1963 only
    assert year_runs([a, touching], 1900, 2000)["defence"] == {("USA", "CAN"): [(1960, 1963)]}
    assert year_runs([a, apart], 1900, 2000)["defence"] == {("USA", "CAN"): [(1960, 1961), (1963, 1963)]}
    assert year_runs([a], 1961, 1961)["defence"] == {("USA", "CAN"): [(1961, 1961)]}
    assert year_runs([a], 1962, 2000) == {}  # no year of it inside: no kind either


@pytest.mark.skipif(not (DATA / "atop5_1m.csv").is_file(), reason=f"ATOP data not found at {DATA}")
def test_every_overlap_of_shipped_and_atop_counts_as_every_cell_listed() -> None:
    m = load().merge(atop.load(DATA))
    assert len(m.overlaps) > 10
    for o in m.overlaps:
        assert isinstance(o, CountedOverlap) and o.sides is not None and o.change is not None
        kept, dropped = o.sides[0].spells_by_treaty[o.kept], o.sides[1].spells_by_treaty[o.dropped]
        assert o.change.first is not None and o.change.last is not None
        want = obvious(list(kept), list(dropped), o.change.first, o.change.last)
        assert {k.kind: (k.dropped, k.kept, k.dropped_only, k.kept_only) for k in o.change.kinds} == want
