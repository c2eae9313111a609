"""``mix.merge`` keeps the lives its two corpora evaluated where nothing a life depends on changed (the
registry, the reading, the as-of day, the supersessions), and evaluates the others again: either way,
every life of the merged corpus is the one a fresh evaluation of it gives."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from treatyrules import atop, load, strategies
from treatyrules.compiled import CompiledCorpus
from treatyrules.corpus import Corpus
from treatyrules.mix import merge
from treatyrules.states import State

from ._atop_sample import atop_sample


def fresh(c: CompiledCorpus) -> CompiledCorpus:
    """The same corpus with every life evaluated again (``with_options`` re-evaluates every treaty)."""
    return c.with_options(as_of=c.as_of)


def same_lives(c: CompiledCorpus) -> bool:
    return dict(c.lives) == dict(fresh(c).lives)


def test_the_shipped_corpus_and_an_import_keep_their_lives() -> None:
    base, other = load().compiled, atop.load(atop_sample("atop-mix")).compiled
    m = merge(base, other)
    assert m.registry is base.registry  # the import added no state
    assert all(m.lives[t] is base.lives[t] for t in base.lives)
    assert all(m.lives[t] is other.lives[t] for t in other.lives if t in m.lives and t not in base.lives)
    assert same_lives(m)


def test_a_supersession_the_merge_drops_is_evaluated_again() -> None:
    shipped = load().compiled
    new = shipped.treaties["USA-JPN-1960"]
    assert new.clauses.supersedes is not None and new.clauses.supersedes.treaties == ["USA-JPN-1951"]
    plain = new.model_copy(update={"clauses": new.clauses.model_copy(update={"supersedes": None})})
    base = Corpus([plain], shipped.registry).compiled  # its USA-JPN-1960 replaces the shipped one
    m = merge(base, shipped)
    assert "USA-JPN-1951" in m.lives and m.lives["USA-JPN-1951"] != shipped.lives["USA-JPN-1951"]
    assert m.lives["USA-JPN-1951"].end != shipped.lives["USA-JPN-1951"].end  # no longer superseded in 1960
    assert same_lives(m)


def test_a_supersession_the_merge_adds_is_evaluated_again() -> None:
    shipped = load().compiled
    base = Corpus([shipped.treaties["USA-JPN-1960"]], shipped.registry).compiled
    other = Corpus([shipped.treaties["USA-JPN-1951"]], shipped.registry).compiled
    m = merge(base, other)
    assert m.lives["USA-JPN-1951"] != other.lives["USA-JPN-1951"]
    assert m.lives["USA-JPN-1951"] == shipped.lives["USA-JPN-1951"]  # superseded, as in the shipped corpus
    assert same_lives(m)


def test_another_registry_or_day_or_reading_evaluates_again() -> None:
    shipped = load().compiled
    base = Corpus([shipped.treaties["CHN-PRK-1961"]], shipped.registry).compiled
    other = Corpus([shipped.treaties["USA-JPN-1951"]], shipped.registry).compiled
    m = merge(base, other)
    assert (
        m.lives["USA-JPN-1951"] is other.lives["USA-JPN-1951"] and m.lives["CHN-PRK-1961"] is base.lives["CHN-PRK-1961"]
    )
    states = shipped.registry.states
    added = Corpus(other.treaties, [*states.values(), State(code="ZZZ", name="Z")]).compiled
    m = merge(base, added)  # base gains a state, the other side's states are the merged ones
    assert (
        m.lives["CHN-PRK-1961"] is not base.lives["CHN-PRK-1961"]
        and m.lives["USA-JPN-1951"] is added.lives["USA-JPN-1951"]
    )
    assert same_lives(m)
    renamed = [s.model_copy(update={"name": "Japan, renamed"}) if c == "JPN" else s for c, s in states.items()]
    for changed in (Corpus(other.treaties, renamed).compiled, other.with_options(as_of="2001-01-01")):
        m = merge(base, changed)  # base's JPN wins; or the other side was evaluated as of another day
        assert m.lives["USA-JPN-1951"] is not changed.lives["USA-JPN-1951"] and same_lives(m)
    readings = sorted({r.name for _, r in shipped.readings()})
    if readings:
        read = shipped.with_options(reading=readings[0])
        m = merge(base, read)
        assert all(m.lives[t] is not read.lives[t] for t in read.lives if t in m.lives) and same_lives(m)


as_of = st.none() | st.dates(dt.date(1940, 1, 1), dt.date(2060, 12, 31))


@settings(max_examples=40, deadline=None)
@given(strategies.corpora(), strategies.corpora(), as_of, as_of, st.booleans())
def test_merged_lives_are_the_lives_evaluated_afresh(
    base: Corpus, other: Corpus, day: dt.date | None, other_day: dt.date | None, same_day: bool
) -> None:
    b = base.compiled.with_options(as_of=day)
    o = other.compiled.with_options(as_of=day if same_day else other_day)
    assert same_lives(merge(b, o))
    assert same_lives(merge(o, b))
