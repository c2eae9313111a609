"""The registry against the COW State System Membership list itself (``../shared/data/cow``):
every spell is represented, both sides of every boundary, and the system on any day is COW's."""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyrules.folderfiles import shipped_rules
from treatyrules.loader import read_folder
from treatyrules.states import Registry

from .conftest import SHARED_DATA

COW_FILE = SHARED_DATA / "cow" / "states2016.csv"
pytestmark = pytest.mark.skipif(not COW_FILE.exists(), reason=f"COW data not found at {COW_FILE}")

ONE = dt.timedelta(days=1)
LIST_END = dt.date(2016, 12, 31)  # a spell ending on the list's last day runs on


def _spells() -> list[tuple[str, int, dt.date, dt.date]]:
    """``(letters, ccode, first day, last day)`` of every COW spell."""
    if not COW_FILE.exists():
        return []
    with COW_FILE.open(newline="", encoding="utf-8") as f:
        return [
            (
                r["stateabb"],
                int(r["ccode"]),
                dt.date(int(r["styear"]), int(r["stmonth"]), int(r["stday"])),
                dt.date(int(r["endyear"]), int(r["endmonth"]), int(r["endday"])),
            )
            for r in csv.DictReader(f)
        ]


SPELLS = _spells()
BY_CCODE: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
for _, _cc, _first, _last in SPELLS:
    BY_CCODE[_cc].append((_first, _last))


def _cow_member(ccode: int, day: dt.date) -> bool:
    return any(first <= day and (day <= last or last == LIST_END) for first, last in BY_CCODE[ccode])


def _cow_on(day: dt.date) -> list[int]:
    return sorted(cc for cc in BY_CCODE if _cow_member(cc, day))


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry(read_folder(shipped_rules()).states)


def test_the_list_is_the_one_described() -> None:
    assert len(SPELLS) == 243
    assert len(BY_CCODE) == 217


def _holder(reg: Registry, ccode: int, day: dt.date) -> str:
    code = reg.by_ccode(ccode, day)
    assert code is not None, f"no registry state holds ccode {ccode} on {day}"
    return code


def _member_by_registry(reg: Registry, code: str, day: dt.date) -> bool:
    """Whether any COW spell that the registry gives to ``code`` covers ``day``."""
    return any(
        first <= day and (day <= last or last == LIST_END) and reg.by_ccode(cc, day) == code
        for _, cc, first, last in SPELLS
    )


@pytest.mark.parametrize(("letters", "ccode", "first", "last"), SPELLS, ids=[f"{s[0]}-{s[2]}" for s in SPELLS] or None)
def test_every_spell_is_represented_on_both_sides(
    reg: Registry, letters: str, ccode: int, first: dt.date, last: dt.date
) -> None:
    start, end = _holder(reg, ccode, first), _holder(reg, ccode, last)
    assert reg.in_system(start, first) and reg.in_system(end, last)
    assert reg.ccode(start, first) == ccode and reg.ccode(end, last) == ccode
    assert reg.letters(start, first) == letters and reg.letters(end, last) == letters
    # the day before the first day and the day after the last: out, unless another spell continues it
    assert reg.in_system(start, first - ONE) is _member_by_registry(reg, start, first - ONE)
    if last == LIST_END:
        assert reg.in_system(end, last + ONE) and reg.in_system(end, dt.date(2100, 1, 1))  # runs on
    else:
        assert reg.in_system(end, last + ONE) is _member_by_registry(reg, end, last + ONE)


def _registry_on(reg: Registry, day: dt.date) -> list[int]:
    out = []
    for s in reg.system_on(day):
        cc = reg.ccode(s.code, day)
        assert cc is not None, s.code
        out.append(cc)
    return out


BOUNDARY_DAYS = sorted({d for _, _, f, la in SPELLS for d in (f - ONE, f, la, la + ONE)})


def test_the_system_is_cows_on_every_boundary_day(reg: Registry) -> None:
    for day in BOUNDARY_DAYS:
        ccodes = _registry_on(reg, day)
        assert ccodes == sorted(ccodes), day  # in ccode order
        assert ccodes == _cow_on(day), day


@given(st.dates(dt.date(1815, 1, 1), dt.date(2030, 12, 31)))
def test_the_system_is_cows_on_any_day(reg: Registry, day: dt.date) -> None:
    assert _registry_on(reg, day) == _cow_on(day)
    for s in reg.system_on(day):
        assert reg.exists(s.code, day)  # a member exists


def test_the_system_on_1914_07_28(reg: Registry) -> None:
    """Checked by hand against the list: 20 American states, 19 European, Ethiopia, and Iran,
    the Ottoman Empire, China, Japan and Siam."""
    on = dt.date(1914, 7, 28)
    codes = [s.code for s in reg.system_on(on)]
    assert len(codes) == 45
    for code in ("USA", "GBR", "FRA", "GMY", "AUH", "RUS", "SRB", "ITA", "ALB", "BGR", "TUR", "JPN", "ETH"):
        assert code in codes
    for code in ("POL", "CSK", "FIN", "HUN", "AUT", "SUN", "YUG", "XKR", "MAR", "EGY", "CAN", "LBR"):
        assert code not in codes
    assert codes.index("GMY") < codes.index("AUH") < codes.index("SRB") < codes.index("RUS")
    assert [reg.letters(c, on) for c in ("GMY", "SRB", "RUS")] == ["GMY", "YUG", "RUS"]
