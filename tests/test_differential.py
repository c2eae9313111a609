"""Differential tests: the engine's compiled timeline agrees with the naive day-by-day reference."""

from __future__ import annotations

import datetime as dt

from hypothesis import given

from treatyrules.lifecycle import evaluate
from treatyrules.schema import Treaty
from treatyrules.strategies import DEFAULT_CODES, registries, treaties

from .reference import ONE, Reference

REGISTRY = registries(DEFAULT_CODES)


def disagreements(t: Treaty, registry: object) -> list[tuple[dt.date, str, str | None, str, str | None]]:
    """Days on which engine and reference differ: (day, engine status, reason, reference status, reason)."""
    life = evaluate(t, registry)  # type: ignore[arg-type]
    ref = Reference(t)
    out = []
    for day, status, reason in ref.run(ref.signed - ONE, ref.horizon()):
        seg = life.timeline.at(day)
        got_reason = seg.reason if seg.status == "terminated" else None
        if (seg.status, got_reason) != (status, reason):
            out.append((day, seg.status, got_reason, status, reason))
    return out


@given(treaties(span_years=25), REGISTRY)
def test_engine_agrees_with_reference_on_every_day(t: Treaty, registry: object) -> None:
    bad = disagreements(t, registry)
    assert not bad, f"first of {len(bad)} disagreeing days: {bad[0]}"
