"""The library finds treaties as the command line does (``Corpus.resolve``) and takes every spelling
of an obligation kind (``obligations(kind="defense")``)."""

from __future__ import annotations

import pytest

import treatyrules
from treatyrules import atop
from treatyrules.errors import AmbiguousTreatyError, UnknownKindError, UnknownTreatyError, UsageError
from treatyrules.lookup import KIND_WORDS, KINDS, obligation_kind

from ._atop_sample import atop_sample


@pytest.mark.parametrize(
    ("text", "tid"),
    [
        ("CHN-SUN-1950", "CHN-SUN-1950"),
        ("chn-sun-1950", "CHN-SUN-1950"),
        ("Warsaw Pact", "WARSAW-1955"),  # an alias
        ("3440", "SUN-PRK-1961"),  # an atopid, as text, as ATOP-n and as an int
        ("ATOP-3440", "SUN-PRK-1961"),
        (3440, "SUN-PRK-1961"),
        ("CHN-USSR-1950", "CHN-SUN-1950"),  # other state codes for the parties
        ("USSR-CHN-1950", "CHN-SUN-1950"),
        ("Sino-Soviet", "CHN-SUN-1950"),  # words of the title, any case, any order
        ("soviet sino treaty", "CHN-SUN-1950"),
    ],
)
def test_resolve_reads_what_a_user_types(corpus: treatyrules.Corpus, text: str | int, tid: str) -> None:
    assert corpus.resolve(text) == tid
    assert corpus.treaty(text).id == tid == corpus.life(text).treaty.id
    assert corpus.status(text, "1990-01-01").id == tid


def test_resolve_refuses_with_the_fix(corpus: treatyrules.Corpus) -> None:
    with pytest.raises(AmbiguousTreatyError, match="give one of their ids"):
        corpus.resolve("treaty")
    with pytest.raises(UnknownTreatyError):
        corpus.resolve("Sino-Soviet-Albanian")  # one word too many: no treaty holds them all
    with pytest.raises(UnknownTreatyError):
        corpus.resolve(99999)  # an atopid no treaty has
    for bad in (True, 1.5, None):
        with pytest.raises(UsageError, match="named by its id"):
            corpus.resolve(bad)  # type: ignore[arg-type]


def test_resolve_finds_a_replaced_atop_alliance_in_a_mix(corpus: treatyrules.Corpus) -> None:
    """In a mix the hand-coded treaty replaces ATOP's alliance: ATOP's id and atopid find it."""
    mixed = corpus.merge(atop.load(atop_sample("atop-mix")))
    assert mixed.overlaps and corpus.compiled.replaced == {}
    for o in mixed.overlaps:
        assert o.dropped not in mixed.ids
        assert mixed.resolve(o.dropped) == mixed.resolve(o.atopid) == o.kept


@pytest.mark.parametrize("word", sorted(KIND_WORDS))
def test_every_kind_spelling_is_the_same_kind(corpus: treatyrules.Corpus, word: str) -> None:
    kind = KIND_WORDS[word]
    assert obligation_kind(word) == obligation_kind(word.upper()) == kind
    assert corpus.obligations("2000-01-01", kind=word) == corpus.obligations("2000-01-01", kind=kind)


def test_kinds_in_the_engines_words_pass_and_others_fail() -> None:
    assert [obligation_kind(k) for k in KINDS] == list(KINDS)
    with pytest.raises(UnknownKindError, match="defence"):
        obligation_kind("defnse")
    with pytest.raises(UnknownKindError):
        obligation_kind(3)  # type: ignore[arg-type]
