"""The law: no obligation is ever reported on a day when its treaty is not in force for both
obligor and beneficiary — over the shipped corpus and over generated multilateral treaties."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import treatyrules
from treatyrules.obligations import Pairs, Spell
from treatyrules.schema import Treaty
from treatyrules.states import State

SHIPPED = treatyrules.load()
DAYS = st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2030, 12, 31))


def _assert_law(corpus: treatyrules.Corpus, day: dt.date) -> None:
    for o in corpus.obligations(day):
        life = corpus.life(o.treaty)
        allowed = ("in_force",) if o.certain else ("in_force", "unknown")
        assert life.timeline.at(day).status in allowed, (o.treaty, day)
        for code in (o.obligor, o.beneficiary):
            line = corpus.registry.lineage(code)
            member = next(m for m in life.memberships if m in line)
            assert life.memberships[member].timeline.at(day).status in allowed, (o.treaty, code, day)
            assert corpus.registry.code_on(member, day) == code  # canonical code on that day
        assert o.obligor != o.beneficiary


@given(DAYS)
def test_shipped_corpus_never_reports_outside_force(day: dt.date) -> None:
    _assert_law(SHIPPED, day)


CODES = ["AAA", "BBB", "CCC", "DDD", "EEE"]
REGISTRY = [
    State(code="AAA", name="A", ended="1990-06-01", continuator="EEE"),
    State(code="BBB", name="B", ended="1980-03-01"),
    State(code="CCC", name="C"),
    State(code="DDD", name="D"),
    State(code="EEE", name="E"),
]
YEARS = st.integers(1950, 2000)


@st.composite
def treaties(draw: st.DrawFn) -> Treaty:
    parties = draw(st.lists(st.sampled_from(CODES[:4]), min_size=2, max_size=4, unique=True))
    sig = dt.date(draw(YEARS), draw(st.integers(1, 12)), draw(st.integers(1, 28)))
    events: list[dict[str, object]] = [
        {"type": "signed", "date": sig.isoformat(), "source": "s"},
        {
            "type": "entered_into_force",
            "date": (sig + dt.timedelta(days=draw(st.integers(0, 400)))).isoformat(),
            "source": "s",
        },
    ]
    for code in CODES[:4]:
        if code not in parties and draw(st.booleans()):
            events.append(
                {
                    "type": "accession",
                    "party": code,
                    "source": "s",
                    "date": f"{draw(st.integers(sig.year, 2010))}-0{draw(st.integers(1, 9))}",
                }
            )
    for code in parties:
        kind = draw(st.sampled_from(["none", "notice", "withdrawal"]))
        if kind != "none":
            y = draw(st.integers(sig.year + 1, 2020))
            date = draw(st.sampled_from([f"{y}", f"{y}-05", f"{y}-05-17"]))
            events.append(
                {
                    "type": "notice_of_denunciation" if kind == "notice" else "withdrawal",
                    "party": code,
                    "date": date,
                    "source": "s",
                }
            )
    if draw(st.booleans()):
        a, b = draw(st.permutations(parties))[:2]
        y = draw(st.integers(sig.year, 2020))
        events.append({"type": "suspension", "obligor": a, "beneficiary": b, "date": f"{y}-02-03", "source": "s"})
        if draw(st.booleans()):
            events.append(
                {"type": "resumption", "obligor": a, "beneficiary": b, "date": f"{y + 3}-02-03", "source": "s"}
            )
    if draw(st.booleans()):
        events.append({"type": "dissolved", "date": f"{draw(st.integers(sig.year + 1, 2025))}-07-01", "source": "s"})
    obligors: object = draw(st.sampled_from(["all", parties[:1]]))
    return Treaty.model_validate(
        {
            "id": "GEN-1",
            "title": "generated",
            "parties": parties,
            "clauses": {"denunciation": {"notice": draw(st.sampled_from(["P1Y", "P2Y", "P6M"]))}},
            "obligations": [
                {"article": "1", "kind": "defence", "obligors": obligors},
                {"article": "2", "kind": "consultation"},
            ],
            "events": events,
        }
    )


@given(treaties(), st.lists(DAYS, min_size=1, max_size=5))
def test_generated_treaties_never_report_outside_force(treaty: Treaty, days: list[dt.date]) -> None:
    corpus = treatyrules.Corpus([treaty], REGISTRY)
    for day in days:
        _assert_law(corpus, day)
    # and every spell's days are covered by the law (check its first and last day)
    for s in corpus.compiled.spells:
        _assert_law(corpus, s.start)
        if s.end is not None:
            _assert_law(corpus, s.end - dt.timedelta(days=1))


def _assert_rows_make_the_spells(corpus: treatyrules.Corpus) -> None:
    """``obligation_spells`` is each of ``obligation_rows`` with its declaration's article and
    conditions and its pair's basis, in the rows' order; a row's kind is its declaration's, and its
    codes are those of its members on its first day. (That the rows hold on the right days is
    checked pointwise, against ``holding_on``, by ``tests/test_obligations_on_day.py``.)"""
    c = corpus.compiled
    reg = c.registry
    expected = []
    for tid, life in c.lives.items():
        obs, pairs = life.treaty.obligations, Pairs(life, reg)
        for r in c.obligation_rows(tid):
            ob = obs[r.declaration]
            assert r.kind == ob.kind.value
            for code, member in ((r.obligor, r.obligor_member), (r.beneficiary, r.beneficiary_member)):
                assert member in life.memberships
                assert code == ((reg.code_on(member, r.start) if member in reg else member) or member)
            basis = pairs.basis_for((r.declaration, r.obligor_member, r.beneficiary_member))
            spell = (tid, r.declaration, ob.article, r.kind, r.obligor, r.beneficiary, r.start, r.end, r.certain)
            expected.append(Spell(*spell, ob.conditions, basis))
    assert list(c.spells) == expected


def test_rows_make_the_spells() -> None:
    from tests._atop_sample import atop_sample
    from treatyrules import atop

    for corpus in (SHIPPED, atop.load(atop_sample("atop"))):
        assert corpus.compiled.spells  # the check below has spells to look at
        _assert_rows_make_the_spells(corpus)


@given(treaties())
def test_generated_rows_make_the_spells(treaty: Treaty) -> None:
    _assert_rows_make_the_spells(treatyrules.Corpus([treaty], REGISTRY))
