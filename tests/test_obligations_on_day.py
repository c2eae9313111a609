"""``obligations(day)`` without the spells: ``obligations.holding_on`` evaluates each pair's step
functions at the day, and must show exactly what the spells holding on the day show (``Spell``
less its start and end), and ``obligations`` must answer exactly as it did from the spells.

Checked exhaustively (both sides of every spell boundary and status change of every treaty, and
the first and last representable days) over the shipped corpus, as of a past day, under a reading
and over the ATOP samples; with hypothesis over generated multilateral treaties with successions,
accessions, windows and pair suspensions (two members that come to share a code on a day, which
only the spells' order tells apart, included); and over the real ATOP data when it is present.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import treatyrules
from treatyrules import atop
from treatyrules.compiled import CompiledCorpus
from treatyrules.dates import MAX_DAY, MIN_DAY
from treatyrules.obligations import Held, Pairs, Spell, holding_on
from treatyrules.queries.obligations import ObligationAnswer, conditions_json, obligations
from treatyrules.schema import Obligation, Treaty
from treatyrules.states import State

from ._atop_sample import atop_sample
from .conftest import SHARED_DATA

ONE = dt.timedelta(days=1)


def _shown(s: Spell) -> tuple[Any, ...]:
    """What an answer shows of a spell (its Conditions by identity: the declaration it comes from)."""
    return (s.treaty, s.index, s.article, s.kind, s.obligor, s.beneficiary, s.certain, id(s.conditions), s.basis)


def _fields(tid: str, idx: int, ob: Obligation, pairs: Pairs, held: list[Held]) -> list[tuple[Any, ...]]:
    """``holding_on``'s ``make`` for the tests: what it is given, as ``_shown`` gives it of a spell."""
    kind, basis = ob.kind.value, pairs.basis_for
    return [(tid, idx, ob.article, kind, x, y, v == 2, id(ob.conditions), basis((idx, a, b))) for x, y, a, b, v in held]


def _order(s: Spell) -> tuple[str, int, str, str]:
    return (s.treaty, s.index, s.obligor, s.beneficiary)


def _days(c: CompiledCorpus, tid: str) -> list[dt.date]:
    """Both sides of every spell boundary and status change of a treaty, and the ends of time."""
    days = {d for s in c.spells_by_treaty[tid] for d in (s.start, s.end) if d is not None}
    life = c.lives[tid]
    days.update(life.timeline.change_days())
    for ms in life.memberships.values():
        days.update(ms.timeline.change_days())
    around = {x for d in days for x in (d - ONE, d, d + ONE) if MIN_DAY < d < MAX_DAY}
    return sorted(around | {MIN_DAY, MAX_DAY - ONE, MAX_DAY})


def reference(c: CompiledCorpus, day: dt.date) -> list[ObligationAnswer]:
    """``obligations(c, day)`` as it was computed before ``holding_on``: from the spells."""
    hits = sorted(c.spells_on(day), key=_order)
    return [
        ObligationAnswer(
            day,
            s.treaty,
            s.article,
            s.kind,
            s.obligor,
            s.beneficiary,
            conditions_json(s.conditions, c.regions),
            s.basis,
            s.certain,
            s.conditions,
        )
        for s in hits
    ]


def assert_as_the_spells(c: CompiledCorpus, treaties: Iterable[str] | None = None) -> None:
    """Every treaty's holdings on each of its days are what its spells holding then show."""
    for tid in c.lives if treaties is None else treaties:
        spells = c.spells_by_treaty[tid]
        for day in _days(c, tid):
            want = sorted((s for s in spells if s.holds(day)), key=_order)
            assert c.holding_on(day, _fields, treaty=tid) == [_shown(s) for s in want], (tid, day)


@pytest.fixture(scope="module")
def corpora(corpus: treatyrules.Corpus) -> dict[str, CompiledCorpus]:
    c = corpus.compiled
    readings = sorted({r.name for _, r in c.readings()})[:1]
    out = {"text": c, "as_of": c.with_options(as_of="1960-01-01")}
    out.update(("reading", c.with_options(reading=r)) for r in readings)
    for name in ("atop", "atop-mix"):
        folder = Path(atop_sample(name))
        rules = folder.parent / f"{folder.name}-rules"
        if not rules.exists():
            atop.import_atop(folder, rules)
        out[name] = treatyrules.load(rules).compiled
    return out


@pytest.mark.parametrize("name", ["text", "as_of", "reading", "atop", "atop-mix"])
def test_holdings_are_what_the_spells_show_on_every_boundary(corpora: dict[str, CompiledCorpus], name: str) -> None:
    if name not in corpora:
        pytest.skip("the shipped corpus declares no reading")
    assert_as_the_spells(corpora[name])


@pytest.mark.parametrize("name", ["text", "as_of", "atop"])
def test_answers_are_the_answers_from_the_spells(corpora: dict[str, CompiledCorpus], name: str) -> None:
    c = corpora[name]
    kept = dataclasses.replace(c)  # derives the pairs as the days need them, and keeps them
    days = sorted({d for tid in c.lives for d in _days(c, tid)})
    for i, day in enumerate([dt.date(1995, 1, 1), *days[:: max(1, len(days) // 60)]]):
        fresh = dataclasses.replace(c) if i % 10 == 0 else kept  # now and then nothing derived yet
        assert obligations(fresh, day) == reference(c, day), day


def test_filters_answer_as_before(corpus: treatyrules.Corpus) -> None:
    c = dataclasses.replace(corpus.compiled)
    day = dt.date(1991, 12, 26)
    everything = reference(c, day)
    for kw, keep in (
        ({"kind": "defense"}, lambda a: a.kind == "defence"),
        ({"treaty": "sun-prk-1961"}, lambda a: a.treaty == "SUN-PRK-1961"),
        ({"obligor": "SUN"}, lambda a: a.obligor in c.registry.lineage("SUN")),
        ({"beneficiary": "USA"}, lambda a: a.beneficiary == "USA"),
    ):
        assert obligations(c, day, **kw) == [a for a in everything if keep(a)], kw


def test_answers_share_no_mutable_conditions(corpus: treatyrules.Corpus) -> None:
    """The conditions of a declaration are worded once per corpus; each answer holds its own copy
    (made when first read, then kept: a change to it stays with that answer only)."""
    c = dataclasses.replace(corpus.compiled)
    day = dt.date(1995, 1, 1)
    first = obligations(c, day, treaty="NATO-1949")
    a, b = first[0], first[1]
    assert a.declared is b.declared and a.conditions == b.conditions and a.conditions is not b.conditions
    region = a.conditions["location"]["regions"]
    assert region is not b.conditions["location"]["regions"]
    region.append({"name": "mutated"})
    a.conditions["armed_attack"] = "mutated"
    assert a.conditions["armed_attack"] == "mutated" and a.conditions["location"]["regions"][-1] == {"name": "mutated"}
    again = obligations(c, day, treaty="NATO-1949")
    assert again == [x for x in reference(c, day) if x.treaty == "NATO-1949"]


# ------------------------------------------------------------ generated treaties

CODES = ["AAA", "BBB", "CCC", "DDD", "EEE"]
REGISTRY = [
    State(code="AAA", name="A", ended="1990-06-01", continuator="EEE"),
    State(code="BBB", name="B", ended="1980-03-01"),
    State(code="CCC", name="C", ended="1975-01-01", continuator="DDD"),
    State(code="DDD", name="D"),
    State(code="EEE", name="E"),
]
YEARS = st.integers(1950, 2000)


def _day(draw: st.DrawFn, lo: int = 1950, hi: int = 2010) -> str:
    return dt.date(draw(st.integers(lo, hi)), draw(st.integers(1, 12)), draw(st.integers(1, 28))).isoformat()


@st.composite
def multilateral(draw: st.DrawFn) -> Treaty:
    """Parties that may come to share a code (AAA and EEE, CCC and DDD), accessions, withdrawals,
    windows that may be partial, pair suspensions."""
    parties = draw(st.lists(st.sampled_from(CODES), min_size=2, max_size=5, unique=True))
    sig = _day(draw, 1950, 1985)
    events: list[dict[str, object]] = [
        {"type": "signed", "date": sig, "source": "s"},
        {"type": "entered_into_force", "date": _day(draw, int(sig[:4]) + 1, 1990), "source": "s"},
    ]
    for code in parties:
        if draw(st.integers(0, 3)) == 0:
            events.append({"type": "withdrawal", "party": code, "date": _day(draw, 1992, 2015), "source": "s"})
    for _ in range(draw(st.integers(0, 2))):
        a, b = draw(st.permutations(parties))[:2]
        y = draw(st.integers(1992, 2010))
        events.append({"type": "suspension", "obligor": a, "beneficiary": b, "date": f"{y}-02-03", "source": "s"})
        if draw(st.booleans()):
            events.append(
                {"type": "resumption", "obligor": a, "beneficiary": b, "date": f"{y + 2}-02-03", "source": "s"}
            )
    declared = []
    for i in range(draw(st.integers(1, 3))):
        ob: dict[str, object] = {"article": str(i + 1), "kind": draw(st.sampled_from(["defence", "consultation"]))}
        if draw(st.booleans()):
            ob["obligors"] = draw(st.lists(st.sampled_from(parties), min_size=1, max_size=3, unique=True))
        if draw(st.booleans()):
            y = draw(st.integers(1950, 2000))
            ob["since"] = draw(st.sampled_from([f"{y}", f"{y}-06", f"{y}-06-15"]))
        if draw(st.booleans()):
            ob["until"] = f"{draw(st.integers(2001, 2020))}-01-01"
        declared.append(ob)
    return Treaty.model_validate(
        {"id": "GEN-1", "title": "generated", "parties": parties, "obligations": declared, "events": events}
    )


@given(multilateral(), st.lists(st.dates(dt.date(1945, 1, 1), dt.date(2030, 1, 1)), max_size=4))
def test_generated_treaties_hold_as_their_spells(treaty: Treaty, days: list[dt.date]) -> None:
    c = treatyrules.Corpus([treaty], REGISTRY).compiled
    assert_as_the_spells(c)
    for day in days:
        assert obligations(dataclasses.replace(c), day) == reference(c, day)


def test_two_members_sharing_a_code_are_ordered_by_their_spells() -> None:
    """AAA's rights pass to EEE on 1990-06-01, so AAA's spells and EEE's both show EEE: only the
    spells' order tells them apart, and ``holding_on`` leaves those days to the spells."""
    treaty = Treaty.model_validate(
        {
            "id": "GEN-2",
            "title": "shared",
            "parties": ["AAA", "EEE", "DDD"],
            "obligations": [{"article": "1", "kind": "defence"}],
            "events": [
                {"type": "signed", "date": "1980-01-01", "source": "s"},
                {"type": "entered_into_force", "date": "1980-01-01", "source": "s"},
            ],
        }
    )
    c = treatyrules.Corpus([treaty], REGISTRY).compiled
    pairs = Pairs(c.lives["GEN-2"], c.registry)
    assert holding_on(pairs, dt.date(1990, 5, 31), _fields) is not None
    assert holding_on(pairs, dt.date(1990, 6, 1), _fields) is None
    for day in (dt.date(1990, 5, 31), dt.date(1990, 6, 1), dt.date(2000, 1, 1)):
        got = obligations(dataclasses.replace(c), day)
        assert got == reference(c, day) and got
    assert_as_the_spells(c)


# ------------------------------------------------------------ the real ATOP data


@pytest.mark.skipif(not (SHARED_DATA / "atop").is_dir(), reason="ATOP 5.1 is not in ../shared/data/atop")
def test_atop_treaties_hold_as_their_spells(tmp_path: Path) -> None:
    """Every tenth ATOP alliance (all of them, as of the text and as of 1960, were checked when
    ``holding_on`` was written: 11,556 treaty days), and the whole corpus on one day."""
    atop.import_atop(SHARED_DATA / "atop", tmp_path / "rules")
    c = treatyrules.load(tmp_path / "rules").compiled
    ids: Sequence[str] = sorted(c.lives)[::10]
    assert_as_the_spells(c, ids)
    day = dt.date(1995, 1, 1)
    assert obligations(dataclasses.replace(c), day) == reference(c, day)


def test_a_basis_built_when_read_is_the_basis(corpus: treatyrules.Corpus) -> None:
    """``obligations`` leaves each basis to be built when first read: it is the spells' basis, the
    same object on every read, and survives pickling, copying and ``dataclasses.replace``."""
    import copy
    import pickle

    c = dataclasses.replace(corpus.compiled)
    day = dt.date(1986, 8, 10)
    got = obligations(c, day, treaty="ANZUS-1951")
    want = [a.basis for a in reference(c, day) if a.treaty == "ANZUS-1951"]
    assert [a.basis for a in got] == want and all(a.basis is a.basis for a in got)
    fresh = obligations(dataclasses.replace(corpus.compiled), day, treaty="ANZUS-1951")[0]
    for other in (pickle.loads(pickle.dumps(fresh)), copy.deepcopy(fresh), dataclasses.replace(fresh)):
        assert other == got[0] and other.basis == want[0]


def test_a_state_reborn_without_a_continuity_link_is_cut_where_its_code_changes() -> None:
    """XXX's first period (1900-1920) is continued by YYY; XXX lives again from 1950 with no link back.
    ``code_on`` gives XXX, then YYY, then XXX; the spells are cut on both days (not only at the
    succession of the first period), so they show what the day answers show."""
    from treatyrules.schema import Treaty
    from treatyrules.states import Registry, State

    earlier = {"began": "1900-01-01", "ended": "1920-01-01", "continuator": "YYY", "succession": "continuation"}
    reg = Registry(
        [
            State(code="XXX", name="X", began="1950-01-01", source="s", earlier=[{**earlier, "source": "s"}]),
            State(code="YYY", name="Y", source="s"),
            State(code="ZZZ", name="Z", source="s"),
        ]
    )
    events = [{"type": t, "date": "1910-01-01", "source": "s"} for t in ("signed", "entered_into_force")]
    treaty = Treaty.model_validate(
        {
            "id": "T-1",
            "title": "t",
            "parties": ["XXX", "ZZZ"],
            "obligations": [{"article": "1", "kind": "consultation"}],
        }
        | {"events": events}
    )
    c = treatyrules.Corpus([treaty], reg).compiled
    rows = [(r.start.year, r.obligor, r.beneficiary, r.end and r.end.year) for r in c.obligation_rows("T-1")]
    assert rows == [
        (1910, "XXX", "ZZZ", 1920),
        (1910, "ZZZ", "XXX", 1920),
        (1920, "YYY", "ZZZ", 1950),
        (1920, "ZZZ", "YYY", 1950),
        (1950, "XXX", "ZZZ", None),
        (1950, "ZZZ", "XXX", None),
    ]
    assert_as_the_spells(c)
