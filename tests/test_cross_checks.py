"""The unknown-state check of ``validate.cross_checks`` against a walk of the treaty's plain data: every
code outside the registry is reported once, at its own place, and no other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from treatyrules.loader import RulesFolder
from treatyrules.schema import Event, EventType, Treaty
from treatyrules.states import Registry, State
from treatyrules.strategies import DEFAULT_CODES, readings, registries, treaties
from treatyrules.validate import cross_checks

LISTS = frozenset({"parties", "obligors", "beneficiaries", "adversaries"})
SINGLE = frozenset({"party", "obligor", "beneficiary"})


def named(data: Any, at: tuple[str | int, ...] = ()) -> Iterator[tuple[str, str]]:
    """(field, code) of every state code in a treaty's plain data, found by its key wherever it is."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in LISTS and isinstance(value, list):
                yield from ((".".join(map(str, (*at, key, j))), c) for j, c in enumerate(value))
            elif key in SINGLE and isinstance(value, str):
                yield ".".join(map(str, (*at, key))), value
            else:
                yield from named(value, (*at, key))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from named(item, (*at, i))


@st.composite
def treaty_and_registry(draw: st.DrawFn) -> tuple[Treaty, Registry]:
    """A treaty over the default codes (maybe with a reading, adversaries and a suspended direction),
    and a registry of a part of those codes."""
    t = draw(treaties(codes=DEFAULT_CODES, n_parties=draw(st.integers(2, 4))))
    if draw(st.booleans()):
        t = t.model_copy(update={"readings": [draw(readings(DEFAULT_CODES))]})
    if t.obligations and draw(st.booleans()):
        ob = t.obligations[0]
        foes = draw(st.lists(st.sampled_from(DEFAULT_CODES), min_size=1, max_size=3))
        ob = ob.model_copy(update={"conditions": ob.conditions.model_copy(update={"adversaries": foes})})
        t = t.model_copy(update={"obligations": [ob, *t.obligations[1:]]})
    if draw(st.booleans()):  # one direction suspended: an obligor and a beneficiary on an event
        a, b = draw(st.permutations(DEFAULT_CODES))[:2]
        gone = Event(type=EventType.suspension, date="2001-01-01", source="s", obligor=a, beneficiary=b)
        if t.readings and draw(st.booleans()):  # in a reading's added events
            r = t.readings[0]
            t = t.model_copy(update={"readings": [r.model_copy(update={"events": [*r.events, gone]})]})
        else:
            t = t.model_copy(update={"events": [*t.events, gone]})
    kept = draw(st.lists(st.sampled_from(DEFAULT_CODES), min_size=1, unique=True))
    return t, draw(registries(kept))


@given(treaty_and_registry())
def test_every_unknown_code_is_reported_at_its_place(drawn: tuple[Treaty, Registry]) -> None:
    t, registry = drawn
    folder = RulesFolder(Path("rules"), treaties={t.id: t})
    got = sorted(p.field for p in cross_checks(folder, registry) if p.code == "unknown_state")
    want = sorted(f for f, c in named(t.model_dump(exclude={"atop"})) if c not in registry)
    assert got == want


def test_a_treaty_naming_only_registry_codes_has_no_unknown_state() -> None:
    t = Treaty.model_validate(
        {
            "id": "CHN-PRK-2000",
            "title": "t",
            "parties": ["CHN", "PRK"],
            "events": [{"type": "signed", "date": "2000-01-01", "source": "s"}],
            "obligations": [{"article": "1", "kind": "defence", "obligors": ["CHN"], "beneficiaries": "all"}],
        }
    )
    folder = RulesFolder(Path("rules"), treaties={t.id: t})
    registry = Registry([State(code=c, name=c, source="fixture") for c in ("CHN", "PRK")])
    assert [p for p in cross_checks(folder, registry) if p.code == "unknown_state"] == []
    fewer = Registry([State(code="CHN", name="CHN", source="fixture")])
    fields = [p.field for p in cross_checks(folder, fewer) if p.code == "unknown_state"]
    assert fields == ["parties.1"]
