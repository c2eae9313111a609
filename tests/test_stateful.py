"""A state machine applies random events to a treaty, checking the engine against the reference after each."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from treatyrules.lifecycle import evaluate
from treatyrules.schema import Treaty
from treatyrules.strategies import DEFAULT_CODES, event_sequences, registries, treaties

from .reference import ONE, Reference


class TreatyLife(RuleBasedStateMachine):
    """Start from a random treaty; each step appends events that can follow its latest one."""

    def __init__(self) -> None:
        super().__init__()
        self.treaty: Treaty | None = None
        self.steps = 0

    @initialize(t=treaties(span_years=15, max_notices=1), registry=registries(DEFAULT_CODES))
    def start(self, t: Treaty, registry: object) -> None:
        self.treaty, self.registry = t, registry

    @precondition(lambda self: self.treaty is not None)
    @rule(data=st.data())
    def apply_events(self, data: st.DataObject) -> None:
        assert self.treaty is not None
        new = data.draw(event_sequences(self.treaty, max_size=2, span_years=10))
        self.treaty = self.treaty.model_copy(update={"events": [*self.treaty.events, *new]})
        self.steps += 1

    @rule()
    def observe(self) -> None:
        """Always enabled: a step that adds nothing (the invariant still checks)."""

    @invariant()
    def engine_agrees_with_reference(self) -> None:
        if self.treaty is None:
            return
        life = evaluate(self.treaty, self.registry)  # type: ignore[arg-type]
        ref = Reference(self.treaty)
        for day, status, reason in ref.run(ref.signed - ONE, ref.horizon(1)):
            seg = life.timeline.at(day)
            got = (seg.status, seg.reason if seg.status == "terminated" else None)
            assert got == (status, reason), f"{day}: engine {got}, reference {(status, reason)}"


# few steps per run: each invariant check simulates decades day by day
TreatyLife.TestCase.settings = settings(settings.default, stateful_step_count=6)
TestTreatyLife = TreatyLife.TestCase
