"""The fast path of ``status(id, day)`` (the answer of the day's piece between two ``answer_cuts``,
re-dated) gives the answer the slow path derives field by field (``queries.status.answer_on``), on
both sides of every day on which anything in the answer may change, whatever order the days are
asked in."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import treatyrules
from treatyrules.compiled import CompiledCorpus
from treatyrules.queries.status import answer_on, status

ONE = dt.timedelta(days=1)
FAR = (dt.date(1800, 1, 1), dt.date(1900, 6, 1), dt.date(2100, 1, 1), dt.date(9000, 1, 1))


@pytest.fixture(scope="module")
def corpora(corpus: treatyrules.Corpus) -> dict[str, CompiledCorpus]:
    """The shipped corpus as the text reads it, as of a past day, and under a declared reading."""
    c = corpus.compiled
    out = {"text": c, "as_of": c.with_options(as_of="1991-12-31")}
    readings = sorted({r.name for _, r in c.readings()})
    if readings:
        out["reading"] = c.with_options(reading=readings[0])
    return out


def _boundaries(c: CompiledCorpus, tid: str) -> list[dt.date]:
    """Both sides of every change day of the treaty, of each membership and of the fast path's cuts."""
    life = c.life(tid)
    days = {*life.timeline.change_days(), *c.answer_cuts(tid)}
    for ms in life.memberships.values():
        days.update(ms.timeline.change_days())
    return sorted({d + k for d in days for k in (-ONE, 0 * ONE, ONE)} | set(FAR))


@st.composite
def queries(draw: st.DrawFn, c: CompiledCorpus) -> tuple[str, list[dt.date]]:
    tid = draw(st.sampled_from(sorted(c.lives)))
    edges = _boundaries(c, tid)
    days = draw(st.lists(st.sampled_from(edges) | st.dates(dt.date(1800, 1, 1), dt.date(2100, 1, 1)), max_size=40))
    return tid, days


@pytest.mark.parametrize("name", ["text", "as_of", "reading"])
@given(data=st.data())
def test_fast_path_answers_as_the_slow_path(corpora: dict[str, CompiledCorpus], name: str, data: st.DataObject) -> None:
    if name not in corpora:
        pytest.skip("the shipped corpus declares no reading")
    c = dataclasses.replace(corpora[name])  # a fresh memo, sharing the compiled lives
    tid, days = data.draw(queries(c))
    for day in days:
        fast = status(c, tid, day)
        assert fast == answer_on(c, c.life(tid), day)
        assert type(fast) is type(answer_on(c, c.life(tid), day)) and fast.date == day


def test_every_boundary_of_every_treaty(corpora: dict[str, CompiledCorpus]) -> None:
    """Not sampled: each day on both sides of each boundary, in time order and in reverse."""
    for c0 in corpora.values():
        for tid in c0.lives:
            edges = _boundaries(c0, tid)
            for order in (edges, edges[::-1]):
                c = dataclasses.replace(c0)
                for day in order:
                    assert status(c, tid, day) == answer_on(c, c.life(tid), day), (tid, day)


def test_an_alias_an_iso_string_and_a_party_answer_as_before(corpus: treatyrules.Corpus) -> None:
    c = dataclasses.replace(corpus.compiled)
    tid = "CHN-SUN-1950"
    day = dt.date(1995, 1, 1)
    slow = answer_on(c, c.life(tid), day)
    assert status(c, tid.lower(), day) == slow
    assert status(c, tid, "1995-01-01") == slow
    assert corpus.status(tid, day) == slow
    with_party = status(c, tid, day, party="CHN")
    assert with_party.status == slow.status and with_party.date == day


def test_answers_of_one_piece_are_distinct_objects_with_their_own_dates(corpus: treatyrules.Corpus) -> None:
    c = dataclasses.replace(corpus.compiled)
    a, b = status(c, "ANZUS-1951", dt.date(1995, 1, 1)), status(c, "ANZUS-1951", dt.date(1995, 1, 2))
    assert a is not b and (a.date, b.date) == (dt.date(1995, 1, 1), dt.date(1995, 1, 2))
    assert dataclasses.replace(a, date=b.date) == b
    assert status(c, "ANZUS-1951", dt.date(1995, 1, 1)) is a  # the piece's own answer, asked on its own day
