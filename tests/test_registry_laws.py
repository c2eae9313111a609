"""Laws of the registry, for the shipped one and for generated ones (codes living in two periods,
continuity cycles such as RUS -> SUN -> RUS): continuity is symmetric, time-ordered and never loops."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyrules.folderfiles import shipped_rules
from treatyrules.loader import read_folder
from treatyrules.states import Registry, State
from treatyrules.strategies import registries

SHIPPED = Registry(read_folder(shipped_rules()).states)
CODES = sorted(SHIPPED.states)
DAYS = st.dates(dt.date(1800, 1, 1), dt.date(2100, 12, 31))


def _laws(reg: Registry, day: dt.date) -> None:
    for a in reg.states:
        line = reg.lineage(a)
        assert a in line
        for b in line:
            assert a in reg.lineage(b)  # symmetric
        holder = reg.code_on(a, day)  # terminates, whatever the cycles
        if holder is not None:
            assert reg.acts_for(holder, a)
            assert holder in line
        for b in reg.states:
            if reg.acts_for(b, a):
                assert b in line and a in reg.lineage(b)
                assert reg.member_for(b, [a]) == a
        steps = reg.successions(a)
        assert len(steps) <= sum(1 + len(s.earlier) for s in reg.states.values())
        days = [d.earliest for _, _, d in steps]
        assert days == sorted(days)  # in time order


@given(DAYS)
def test_laws_of_the_shipped_registry(day: dt.date) -> None:
    _laws(SHIPPED, day)


@given(st.sampled_from(CODES), DAYS)
def test_holders_and_members_exist(code: str, day: dt.date) -> None:
    if SHIPPED.in_system(code, day):
        assert SHIPPED.exists(code, day)
        assert SHIPPED.ccode(code, day) is not None
    holder = SHIPPED.code_on(code, day)
    st_ = SHIPPED.states[code]
    began = (st_.earlier[0] if st_.earlier else st_).began  # of its first period
    if holder is not None and (began is None or day >= began.earliest):
        assert SHIPPED.exists(holder, day), (code, day, holder)


@given(st.sampled_from(CODES), DAYS)
def test_a_ccode_resolves_to_its_holder(code: str, day: dt.date) -> None:
    cc = SHIPPED.ccode(code, day)
    if cc is not None:
        assert SHIPPED.by_ccode(cc, day) == code
        assert SHIPPED.resolve(cc, day) == SHIPPED.resolve(f"ccode:{cc}", day) == code
        letters = SHIPPED.letters(code, day)
        assert letters is not None and SHIPPED.resolve(f"cow:{letters}", day) == code


@given(registries(extinctions=True), DAYS)
def test_laws_of_generated_registries(reg: Registry, day: dt.date) -> None:
    _laws(reg, day)


@st.composite
def cyclic_registries(draw: st.DrawFn) -> Registry:
    """A code that lives twice, handing on to another code and getting its place back (RUS/SUN),
    with an optional third state that it absorbs or that continues it."""
    d1 = draw(st.dates(dt.date(1850, 1, 1), dt.date(1950, 1, 1)))
    d2 = d1 + dt.timedelta(days=draw(st.integers(1, 20000)))
    a = State(
        code="AAA",
        name="A",
        began=d2.isoformat(),
        earlier=[{"ended": d1.isoformat(), "succession": "continuation", "continuator": "BBB", "source": "s"}],
    )
    b = State(code="BBB", name="B", began=d1.isoformat(), ended=d2.isoformat(), continuator="AAA")
    extra = []
    if draw(st.booleans()):
        extra.append(State(code="CCC", name="C", ended=d1.isoformat(), absorbed_by="AAA"))
    return Registry([a, b, *extra][:: draw(st.sampled_from([1, -1]))])


@given(cyclic_registries(), DAYS)
def test_continuity_cycles_are_followed_in_time_order(reg: Registry, day: dt.date) -> None:
    _laws(reg, day)
    d1, d2 = reg.states["BBB"].began, reg.states["BBB"].ended
    assert d1 is not None and d2 is not None
    if day < d1.earliest:  # before BBB begins each code holds its own place
        assert (reg.code_on("AAA", day), reg.code_on("BBB", day)) == ("AAA", "BBB")
    else:
        expected = "BBB" if day < d2.earliest else "AAA"
        assert reg.code_on("AAA", day) == reg.code_on("BBB", day) == expected
    assert reg.acts_for("AAA", "BBB") and reg.acts_for("BBB", "AAA")
    assert [(x, y) for x, y, _ in reg.successions("AAA")] == [("AAA", "BBB"), ("BBB", "AAA")]
    if "CCC" in reg.states:
        assert not reg.acts_for("AAA", "CCC") and reg.lineage("CCC") == {"CCC"}
        assert reg.code_on("CCC", day) == ("CCC" if day < d1.earliest else None)


@pytest.mark.parametrize("order", [1, -1])
def test_lookups_do_not_depend_on_the_order_of_states(order: int) -> None:
    again = Registry(list(SHIPPED.states.values())[::order])
    for code, s in SHIPPED.states.items():
        for text in (code, s.name, *s.aliases):
            try:
                want = SHIPPED.resolve(text)
            except Exception as exc:  # the same error either way
                with pytest.raises(type(exc)):
                    again.resolve(text)
            else:
                assert again.resolve(text) == want
        assert again.lineage(code) == SHIPPED.lineage(code)
