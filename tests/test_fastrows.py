"""The fast evaluator of every treaty's obligation rows (``panel.fastrows.spell_columns``) against the
reference (``obligations.obligation_rows``, treaty by treaty): the same rows, column by column, in
the same order, on the shipped corpus, the ATOP samples, the real ATOP import and generated
treaties with partial dates, windows, suspensions and successions (the pairs it derives itself and
those it leaves to the reference)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import treatyrules
from tests._atop_sample import atop_sample
from tests.conftest import SHARED_DATA
from tests.test_obligations_property import REGISTRY, treaties
from treatyrules import atop
from treatyrules.compiled import CompiledCorpus
from treatyrules.dates import MAX_DAY
from treatyrules.panel.fastrows import SpellColumns, spell_columns
from treatyrules.schema import Treaty
from treatyrules.states import Registry

EPOCH = dt.date(1970, 1, 1).toordinal()
Flat = tuple[int, str, str, int, int, bool, int]


def reference(c: CompiledCorpus) -> list[Flat]:
    """``obligation_rows`` of each treaty in corpus order, as the columns' values."""
    return [
        (ti, r.obligor, r.beneficiary, _days(r.start), _days(r.end or MAX_DAY), r.certain, r.declaration)
        for ti, tid in enumerate(c.treaties)
        for r in c.obligation_rows(tid)
    ]


def _days(d: dt.date) -> int:
    return d.toordinal() - EPOCH


def flat(cols: SpellColumns) -> list[Flat]:
    codes = cols.codes
    rows = zip(
        cols.treaty, cols.obligor, cols.beneficiary, cols.start, cols.end, cols.certain, cols.declaration, strict=True
    )
    return [(int(t), codes[a], codes[b], int(s), int(e), bool(k), int(d)) for t, a, b, s, e, k, d in rows]


def fresh(corpus: treatyrules.Corpus) -> CompiledCorpus:
    """The same treaties compiled again, so that the two derivations share no kept ``Pairs``."""
    return treatyrules.Corpus(list(corpus.compiled.treaties.values()), corpus.registry).compiled


def assert_alike(corpus: treatyrules.Corpus) -> list[Flat]:
    got = flat(spell_columns(fresh(corpus)))
    assert got == reference(corpus.compiled)
    codes = spell_columns(corpus.compiled).codes  # sorted, once each (rows index it)
    assert list(codes) == sorted(set(codes))
    return got


def test_shipped_corpus(corpus: treatyrules.Corpus) -> None:
    rows = assert_alike(corpus)
    assert len(rows) > 1000
    assert any(a == "RUS" for _, a, *_ in rows) and any(a == "SUN" for _, a, *_ in rows)  # cut at 1991-12-26


def test_atop_samples() -> None:
    for name in ("atop", "atop-mix"):
        assert assert_alike(atop.load(atop_sample(name)))


@pytest.mark.skipif(not (SHARED_DATA / "atop").is_dir(), reason="ATOP 5.1 is not in ../shared/data/atop")
def test_real_atop(tmp_path: Path) -> None:
    atop.import_atop(SHARED_DATA / "atop", tmp_path / "rules")
    rows = assert_alike(treatyrules.load(tmp_path / "rules"))
    assert len(rows) == 37629


def test_an_empty_corpus() -> None:
    empty = treatyrules.Corpus([], treatyrules.load().registry)
    cols = spell_columns(empty.compiled)
    assert cols.codes == () and cols.start.size == 0
    assert len(empty.panel("directed-dyad-year", 1990, 1991)) == 0


WINDOW = st.sampled_from([None, "1960", "1960-03", "1961-04-05", "1975", "1990-07"])


@st.composite
def windowed(draw: st.DrawFn) -> list[Treaty]:
    """One to three generated treaties whose declarations may carry partial-date windows (two pieces
    where unknown) and name obligors who are not members."""
    out = []
    for i in range(draw(st.integers(1, 3))):
        t = draw(treaties())
        obs = []
        for ob in t.obligations:
            since, until = draw(WINDOW), draw(WINDOW)
            if since and until and until <= since:
                since, until = until, since
            upd = {"since": since, "until": until} if since != until else {}
            obs.append(ob.model_validate({**ob.model_dump(exclude_defaults=True), **upd}))
        obs.append(obs[0].model_validate({"article": "9", "kind": "consultation", "obligors": ["DDD", "EEE"]}))
        out.append(t.model_copy(update={"id": f"GEN-{i}", "obligations": obs}))
    return out


@given(windowed())
def test_generated_treaties(ts: list[Treaty]) -> None:
    assert_alike(treatyrules.Corpus(ts, REGISTRY))


def test_keeps_its_code_where_code_on_never_changes() -> None:
    """``Registry.keeps_its_code``: ``code_on`` is the code (or ``None``) on every day, read at each
    state's change days and the days beside them; and false for every state succession moves."""
    reg = treatyrules.load().registry
    days = [dt.date(1816, 1, 1), dt.date(2026, 1, 1)]
    for st_ in reg.states.values():
        for p in (*st_.earlier, st_):
            for d in (p.began, p.ended):
                if d is not None:
                    days += [d.earliest - dt.timedelta(days=1), d.earliest, d.latest]
    kept = [c for c in reg.states if reg.keeps_its_code(c)]
    moved = [c for c in reg.states if not reg.keeps_its_code(c)]
    assert "RUS" in moved and "SUN" in moved and "CHN" in kept
    for code in kept:
        assert {reg.code_on(code, d) for d in days} <= {code, None}, code
    for code in moved:
        assert any(reg.code_on(code, d) not in (code, None) for d in days) or len(reg._lives[code]) > 1, code


def test_keeps_its_code_of_a_generated_registry() -> None:
    reg = Registry(REGISTRY)
    assert [c for c in reg.states if not reg.keeps_its_code(c)] == ["AAA"]  # continued by EEE from 1990-06-01


def _two_members(leaves: str | None) -> Treaty:
    """AAA (continued by EEE from 1990-06-01) and CCC owe each other defence from 1980, AAA leaving on ``leaves``."""
    events = [
        {"type": "signed", "date": "1980-01-01", "source": "s"},
        {"type": "entered_into_force", "date": "1980-01-01", "source": "s"},
    ]
    events += [{"type": "withdrawal", "party": "AAA", "date": leaves, "source": "s"}] if leaves else []
    return Treaty.model_validate(
        {
            "id": "TWO-1",
            "title": "two members",
            "parties": ["AAA", "CCC"],
            "obligations": [{"article": "1", "kind": "defence", "obligors": "all", "beneficiaries": "all"}],
            "events": events,
        }
    )


def test_code_over_a_run_of_days() -> None:
    """``Pairs.code_over``: AAA's code is AAA on the days before 1990-06-01, EEE from that day, and
    none over days that hold it; CCC keeps its code over any days."""
    pairs = treatyrules.Corpus([_two_members(None)], REGISTRY).compiled.pairs("TWO-1")
    d = dt.date
    assert pairs.code_over("AAA", d(1980, 1, 1), d(1990, 6, 1)) == "AAA"
    assert pairs.code_over("AAA", d(1990, 6, 1), MAX_DAY) == "EEE"
    assert pairs.code_over("AAA", d(1980, 1, 1), d(1990, 6, 2)) is None
    assert pairs.code_over("CCC", d(1, 1, 1), MAX_DAY) == "CCC"


@pytest.mark.parametrize("leaves", ["1990-05-31", "1990-06-01", "1990-06-02", None])
def test_a_member_whose_code_changes_after_it_leaves_is_plain(leaves: str | None) -> None:
    """A member bound on one run of days whose code changes only after it (AAA leaving by 1990-06-01)
    is computed at once like any plain member; one whose code changes within it (leaving later, or
    never) is left to the reference. Both sides of the day: the rows equal the reference's, cut at
    1990-06-01 only where AAA is still bound then."""
    corpus = treatyrules.Corpus([_two_members(leaves)], REGISTRY)
    rows = assert_alike(corpus)
    pairs = fresh(corpus).pairs("TWO-1")
    bound = pairs.bound("AAA")
    plain = pairs.code_over("AAA", bound[0][0], bound[0][1]) is not None
    assert plain == (leaves is not None and leaves <= "1990-06-01")
    assert {r[1] for r in rows} == ({"AAA", "CCC"} if plain else {"AAA", "CCC", "EEE"})


def test_rows_alike_but_for_their_members_keep_the_walks_order() -> None:
    """Two beneficiaries under one code on one day: AAA (continued by EEE from 1990-06-01, so left to
    the reference) and EEE itself (plain, acceding that day, withdrawing in 1995). Their rows share
    start, codes, kind and declaration; ``obligation_rows`` keeps them in the order of the
    beneficiaries (its sort is stable), and so must the columns."""
    treaty = Treaty.model_validate(
        {
            "id": "TIE-1",
            "title": "two members, one code",
            "parties": ["AAA", "CCC"],
            "obligations": [
                {"article": "1", "kind": "consultation", "obligors": ["CCC"], "beneficiaries": ["AAA", "EEE"]}
            ],
            "events": [
                {"type": "signed", "date": "1980-01-01", "source": "s"},
                {"type": "entered_into_force", "date": "1980-01-01", "source": "s"},
                {"type": "accession", "party": "EEE", "date": "1990-06-01", "source": "s"},
                {"type": "withdrawal", "party": "EEE", "date": "1995-01-01", "source": "s"},
            ],
        }
    )
    rows = assert_alike(treatyrules.Corpus([treaty], REGISTRY))
    tied = [r for r in rows if r[3] == _days(dt.date(1990, 6, 1))]
    assert [r[2] for r in tied] == ["EEE", "EEE"] and tied[0][4] != tied[1][4]
