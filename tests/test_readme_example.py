"""The README's worked example: a user's own property test written with treatyrules.strategies."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from treatyrules import Corpus
from treatyrules.strategies import corpora, days


def in_force_dyads(corpus: Corpus, on: dt.date) -> set[tuple[str, str]]:
    """A user's panel builder: the pairs of parties with a treaty in force on a day."""
    return {tuple(sorted(a.parties)) for a in corpus.statuses(on, in_force=True)}  # type: ignore[misc]


@given(corpora(), days())
def test_dyads_come_from_treaties_in_force(corpus: Corpus, day: dt.date) -> None:
    for pair in in_force_dyads(corpus, day):
        assert any(
            corpus.status(t, day).status == "in_force" and set(pair) <= set(corpus.treaty(t).parties)
            for t in corpus.ids
        )


@given(st.from_type(Corpus), days())
def test_nothing_is_in_force_before_it_is_signed(corpus: Corpus, day: dt.date) -> None:
    for tid in corpus.ids:
        if corpus.status(tid, day).status == "in_force":
            assert corpus.life(tid).signature.earliest <= day
