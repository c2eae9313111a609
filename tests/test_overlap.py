"""What mixing changes, in directed dyad-year cells (treatyrules.overlap): the hand-made sample counted by
hand (fixtures/atop-mix-rules replacing 9102 of fixtures/atop-mix, see its README), the cell laws, and
validate's text and JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyrules import atop, load
from treatyrules.corpus import Corpus
from treatyrules.obligations import Spell
from treatyrules.overlap import CountedOverlap, cells, compare, overlap_json, overlap_lines
from treatyrules.schema import Conditions

from ._atop_sample import atop_sample
from ._cli import run_cli

ROOT = Path(__file__).resolve().parents[1]
HAND = ROOT / "fixtures" / "atop-mix-rules"
DATA = ROOT.parent / "shared" / "data" / "atop"


@pytest.fixture(scope="module")
def mixed() -> Corpus:
    return load(HAND).merge(atop.load(atop_sample("atop-mix")))


def spell(obligor: str, beneficiary: str, start: dt.date, end: dt.date | None, kind: str = "defence") -> Spell:
    return Spell("T", 0, "1", kind, obligor, beneficiary, start, end, True, Conditions(), ())


def test_the_hand_made_replacement_counted_by_hand(mixed: Corpus) -> None:
    (o,) = mixed.overlaps
    assert isinstance(o, CountedOverlap) and (o.atopid, o.kept, o.dropped) == (9102, "NAM-1951", "ATOP-9102")
    ch = o.change
    assert ch is not None and (ch.first, ch.last) == (1950, 2018)  # ATOP's first event to its knowledge date
    got = {k.kind: (k.dropped, k.kept, k.dropped_only, k.kept_only) for k in ch.kinds}
    assert got == {"defence": (178, 408, 42, 272), "consultation": (178, 0, 178, 0)}
    assert ch.lines() == [
        "NAM-1951 replaces ATOP-9102 over 1950–2018, in directed dyad-year cells:",
        "  defence: ATOP-9102 has 178, NAM-1951 408; ATOP-9102-only 42, NAM-1951-only 272",
        "  consultation: ATOP-9102 has 178, NAM-1951 0; ATOP-9102-only 178, NAM-1951-only 0",
    ]
    assert overlap_json(o)["cells"]["defence"] == {"dropped": 178, "kept": 408, "dropped_only": 42, "kept_only": 272}
    assert overlap_lines(o)[0] == str(o)


def test_counting_waits_until_asked() -> None:
    m = load(HAND).merge(atop.load(atop_sample("atop-mix")))
    (o,) = m.overlaps
    assert isinstance(o, CountedOverlap) and o.sides is not None
    assert all("_spells" not in side.__dict__ for side in o.sides)  # merging derived no spell
    assert [set(side.treaties) for side in o.sides] == [{"NAM-1951"}, {"ATOP-9102"}]  # and keeps only the pair
    assert o.change is not None and "_spells" in o.sides[1].__dict__


def test_a_year_counts_when_a_day_of_it_holds() -> None:
    a, b = dt.date(1960, 1, 1), dt.date(1961, 1, 1)
    assert cells([spell("USA", "JPN", a, b)], 1900, 2000)["defence"] == {("USA", "JPN", 1960)}  # end = first day out
    assert cells([spell("USA", "JPN", a, b + dt.timedelta(days=1))], 1900, 2000)["defence"] == {
        ("USA", "JPN", 1960),
        ("USA", "JPN", 1961),
    }
    assert cells([spell("USA", "JPN", a, None)], 1900, 1962)["defence"] == {
        ("USA", "JPN", y) for y in (1960, 1961, 1962)
    }
    assert cells([spell("USA", "JPN", a, None)], 1961, 1961)["defence"] == {("USA", "JPN", 1961)}


def test_years_are_the_imported_corpus_window() -> None:
    hand = [spell("GBR", "PRT", dt.date(1373, 6, 16), None)]
    imported = [spell("GBR", "PRT", dt.date(1899, 10, 14), dt.date(1950, 1, 1))]
    ch = compare(hand, imported, ("GBR-PRT-1373", "ATOP-1400"), (1815, 2018))
    assert (ch.first, ch.last) == (1815, 2018)  # nothing before ATOP's first year, nor after its knowledge date
    (d,) = ch.kinds
    assert (d.dropped, d.kept, d.dropped_only, d.kept_only) == (51, 204, 0, 153)
    # without a window: the years the spells reach
    ch = compare(hand[:0], imported, ("X", "ATOP-1400"), (None, None))
    assert (ch.first, ch.last) == (1899, 1949)
    assert compare([], [], ("X", "Y"), (1815, 2018)).lines() == [
        "X replaces Y: neither gives a directed dyad-year cell there"
    ]


years = st.integers(1800, 2030)
days = st.builds(lambda y, d: dt.date(y, 1, 1) + dt.timedelta(days=d), years, st.integers(0, 364))


@given(days, st.one_of(st.none(), st.integers(1, 20000)), years, years)
def test_cells_are_the_years_a_spell_touches(start: dt.date, length: int | None, first: int, last: int) -> None:
    end = start + dt.timedelta(days=length) if length is not None else None
    got = {y for _, _, y in cells([spell("A", "B", start, end)], first, last).get("defence", set())}
    want = {
        y for y in range(first, last + 1) if start <= dt.date(y, 12, 31) and (end is None or end > dt.date(y, 1, 1))
    }
    assert got == want


spells_ = st.lists(
    st.builds(
        lambda o, b, s, n, k: spell(o, b, s, s + dt.timedelta(days=n), k),
        st.sampled_from(["USA", "CAN", "MEX"]),
        st.sampled_from(["USA", "CAN", "GBR"]),
        days,
        st.integers(1, 5000),
        st.sampled_from(["defence", "consultation"]),
    ),
    max_size=6,
)


@given(spells_, spells_)
def test_what_one_side_loses_the_other_gains(kept: list[Spell], dropped: list[Spell]) -> None:
    one = compare(kept, dropped, ("K", "D"), (1815, 2018))
    other = compare(dropped, kept, ("D", "K"), (1815, 2018))
    assert (one.first, one.last) == (other.first, other.last)
    swapped = {k.kind: (k.kept, k.dropped, k.kept_only, k.dropped_only) for k in other.kinds}
    assert {k.kind: (k.dropped, k.kept, k.dropped_only, k.kept_only) for k in one.kinds} == swapped
    for k in one.kinds:  # both share the same cells: each total minus its own is the intersection
        assert k.dropped - k.dropped_only == k.kept - k.kept_only >= 0


def test_validate_says_what_mixing_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE_DIR", str(tmp_path / "cache"))
    assert run_cli("import-atop", str(atop_sample("atop-mix")), "--out", str(tmp_path / "atop")).returncode == 0
    both = ("--rules", str(HAND), "--rules", str(tmp_path / "atop"))
    r = run_cli(*both, "validate")
    assert r.returncode == 0, r.stderr
    text = r.stdout.splitlines()
    i = text.index("overlap: ATOP-9102 left out: NAM-1951 records atopid 9102 (the hand-coded treaty wins)")
    assert text[i + 1 : i + 4] == [
        "  NAM-1951 replaces ATOP-9102 over 1950–2018, in directed dyad-year cells:",
        "    defence: ATOP-9102 has 178, NAM-1951 408; ATOP-9102-only 42, NAM-1951-only 272",
        "    consultation: ATOP-9102 has 178, NAM-1951 0; ATOP-9102-only 178, NAM-1951-only 0",
    ]
    r = run_cli(*both, "validate", "--format", "json")
    assert r.returncode == 0, r.stderr
    (o,) = json.loads(r.stdout)["overlaps"]
    assert o["atopid"] == 9102 and o["years"] == [1950, 2018]
    assert o["cells"]["consultation"] == {"dropped": 178, "kept": 0, "dropped_only": 178, "kept_only": 0}


@pytest.mark.skipif(not (DATA / "atop5_1m.csv").is_file(), reason=f"ATOP data not found at {DATA}")
def test_the_shipped_corpus_mixed_with_atop_counts_every_pair() -> None:
    m = load().merge(atop.load(DATA))
    assert m.overlaps and all(isinstance(o, CountedOverlap) for o in m.overlaps)
    rio = next(o for o in m.overlaps if o.kept == "RIO-1947")
    assert isinstance(rio, CountedOverlap) and rio.dropped == "ATOP-3075" and rio.change is not None
    assert (rio.change.first, rio.change.last) == (1947, 2018)  # ATOP's signature year is compared too
    defence = next(k for k in rio.change.kinds if k.kind == "defence")
    assert defence.dropped > 0 and defence.kept > 0 and defence.dropped_only > 0
