"""The columnar panel gives exactly the old panel's rows (``tests/test_panel_reference.py``), for every
unit, year rule, kind selection and window: on the shipped corpus, the fixtures, the ATOP samples, the
real ATOP data when present, and generated corpora whose states change ccode and leave the system."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import treatyrules
from treatyrules import atop
from treatyrules.compiled import CompiledCorpus, compile_corpus
from treatyrules.panel import compile_panel, panel_from
from treatyrules.states import Registry, State
from treatyrules.strategies import treaties

from . import test_panel_reference as ref
from ._atop_sample import atop_sample

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "atop"
WINDOWS = [(1815, 2018), (1900, 2030), (1950, 1950), (1961, 1962), (1990, 1991), (2018, 2026)]
KINDS: list[list[str] | None] = [None, ["defense"], ["nonagg", "consul"]]


@cache
def corpus(name: str) -> CompiledCorpus:
    if name == "atop-data":
        if not (DATA / "atop5_1m.csv").is_file():
            pytest.skip("ATOP data not found at ../shared/data/atop")
        return atop.load(DATA).compiled
    if name.startswith("atop"):
        return atop.load(atop_sample(name)).compiled
    return treatyrules.load(ROOT / name).compiled


def table(p: Any) -> dict[str, list[Any]]:
    return {n: p[n] for n in p.names}


def same(c: CompiledCorpus, unit: str, start: int, end: int, kinds: list[str] | None, rule: str, cow: bool) -> None:
    new = panel_from(compile_panel(c), unit, start, end, kinds, rule, cow)
    old = ref.panel_from(ref.compile_panel(c), unit, start, end, kinds, rule, cow)
    assert table(new) == old, (unit, start, end, kinds, rule, cow)
    assert new.to_csv().splitlines()[0] == ",".join(old)


@pytest.mark.parametrize("name", ["rules", "fixtures/honest", "fixtures/report", "atop", "atop-mix"])
@pytest.mark.parametrize("unit", ref.UNITS)
@pytest.mark.parametrize("rule", ref.YEAR_RULES)
def test_same_rows_as_the_reference(name: str, unit: str, rule: str) -> None:
    c = corpus(name)
    for start, end in WINDOWS:
        for kinds in KINDS:
            same(c, unit, start, end, kinds, rule, False)
    same(c, unit, 1815, 2030, None, rule, True)


@pytest.mark.parametrize("unit", ref.UNITS)
@pytest.mark.parametrize("rule", ref.YEAR_RULES)
def test_same_rows_on_the_atop_data(unit: str, rule: str) -> None:
    c = corpus("atop-data")
    for start, end in [(1815, 2018), (1857, 1857), (1990, 1990)]:
        same(c, unit, start, end, None, rule, False)
    same(c, unit, 1815, 2018, ["defense"], rule, True)


# ---------------------------------------------------------------- generated corpora

CODES = ["AAA", "BBB", "CCC", "DDD"]


@st.composite
def registries(draw: st.DrawFn) -> Registry:
    """States with a ccode that may change on a day (as Germany's did), in and out of the system."""
    out = []
    for i, code in enumerate(CODES):
        cut = draw(st.dates(dt.date(1930, 1, 1), dt.date(2050, 12, 31)))
        ccodes: list[dict[str, Any]] = [{"ccode": 10 * (i + 1)}]
        if draw(st.booleans()):  # a second ccode from the cut (the first one up to it)
            ccodes = [{"ccode": 10 * (i + 1), "until": cut.isoformat()}, {"ccode": 100 + i, "since": cut.isoformat()}]
        a, b = sorted(draw(st.lists(st.dates(dt.date(1900, 1, 1), dt.date(2060, 1, 1)), min_size=2, max_size=2)))
        system = [{"since": a.isoformat(), "until": b.isoformat()}] if a < b else []
        out.append(State(code=code, name=f"State {code}", ccodes=ccodes, system=system))
    return Registry(out)


@st.composite
def generated(draw: st.DrawFn) -> CompiledCorpus:
    registry = draw(registries())
    n = draw(st.integers(1, 3))
    ts = [draw(treaties(codes=CODES, n_parties=draw(st.integers(2, 3)), exact=draw(st.booleans()))) for _ in range(n)]
    ts = [t.model_copy(update={"id": f"T{i}"}) for i, t in enumerate(ts)]
    return compile_corpus(ts, registry)


WINDOW = st.tuples(st.integers(1930, 2050), st.integers(0, 80))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated(), st.sampled_from(ref.UNITS), st.sampled_from(ref.YEAR_RULES), WINDOW)
def test_same_rows_on_generated_corpora(c: CompiledCorpus, unit: str, rule: str, window: tuple[int, int]) -> None:
    assume(c.spells)  # a corpus that owes something
    start, length = window
    same(c, unit, start, start + length, None, rule, False)
