"""The fast derivation of obligation spells agrees with the plain one: the walk along two step
functions (``_both``) is their pointwise minimum (``_meet``), and ``spells_on(day)``, which derives
only the treaties in force on the day, finds what the index over every spell finds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

from hypothesis import given
from hypothesis import strategies as st

import treatyrules
from treatyrules.dates import MAX_DAY, MIN_DAY
from treatyrules.obligations import Spell, Tri, _both, _meet, _positive, may_oblige

DAYS = st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))


@st.composite
def steps(draw: st.DrawFn) -> Tri:
    """A three-valued step function as a partition of all days (as ``_tri`` and ``_meet`` give)."""
    cuts = sorted(set(draw(st.lists(DAYS, max_size=6))))
    bounds = [MIN_DAY, *cuts, MAX_DAY]
    return [(a, b, draw(st.sampled_from((0, 1, 2)))) for a, b in itertools.pairwise(bounds)]


@given(steps(), steps())
def test_both_is_the_meet_of_the_non_zero_pieces(x: Tri, y: Tri) -> None:
    assert _both(_positive(_meet(x)), _positive(_meet(y))) == _positive(_meet(x, y))


@given(steps(), steps())
def test_both_needs_no_maximal_runs(x: Tri, y: Tri) -> None:
    """A timeline's pieces side by side may hold one value (``Pairs.bound`` walks them as they are)."""
    assert _both(_positive(x), _positive(y)) == _positive(_meet(x, y))


@given(steps(), steps(), steps())
def test_both_composes_as_the_meet_does(x: Tri, y: Tri, z: Tri) -> None:
    px, py, pz = (_positive(_meet(t)) for t in (x, y, z))
    assert _both(_both(px, py), pz) == _positive(_meet(x, y, z))


def test_an_empty_side_meets_nothing() -> None:
    day = dt.date(1950, 1, 1)
    assert _both([], [(MIN_DAY, day, 2)]) == [] == _both([(MIN_DAY, day, 2)], [])


def test_spells_on_finds_every_spell_holding_on_the_day(corpus: treatyrules.Corpus) -> None:
    c = corpus.compiled

    def holding(day: dt.date) -> list[Spell]:  # the obvious reference: every spell, filtered
        return [s for s in c.spells if s.start <= day and (s.end is None or day < s.end)]

    days = sorted({d for s in c.spells for d in (s.start, s.end) if d is not None})
    fresh = dataclasses.replace(c)  # derives each treaty's spells as the days first need them
    for day in [dt.date(1800, 1, 1), *days, *(d - dt.timedelta(days=1) for d in days)]:
        assert fresh.spells_on(day) == holding(day), day


def test_spells_on_derives_only_the_treaties_in_force(corpus: treatyrules.Corpus) -> None:
    c = dataclasses.replace(corpus.compiled)  # nothing derived yet
    day = dt.date(1995, 1, 1)
    c.spells_on(day)
    derived = set(c.spells_by_treaty._done)  # type: ignore[attr-defined]
    assert derived == {tid for tid, life in c.lives.items() if may_oblige(life, day)}
    assert derived and derived != set(c.lives)
    assert set(c.spells_by_treaty) == set(c.lives) and len(c.spells_by_treaty) == len(c.lives)


def test_no_spell_holds_where_the_treaty_may_not_oblige(corpus: treatyrules.Corpus) -> None:
    c = corpus.compiled
    for s in c.spells:
        life = c.life(s.treaty)
        assert may_oblige(life, s.start)
        if s.end is not None:
            assert may_oblige(life, s.end - dt.timedelta(days=1))
