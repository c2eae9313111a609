"""``collector.paused_gc``: the collector pauses for a block and resumes after it, with what the block
made in the oldest generation (not walked by the young generations' collections first), unless
something else in the process is frozen, which it then leaves frozen."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from treatyrules.collector import paused_gc


@pytest.fixture(autouse=True)
def _enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    else:
        gc.disable()


def _young() -> set[int]:
    return {id(o) for g in (0, 1) for o in gc.get_objects(generation=g)}


def test_what_the_block_made_is_old_when_the_collector_resumes() -> None:
    gc.collect()
    with paused_gc():
        assert not gc.isenabled()
        made = [[i] for i in range(1000)]
    assert gc.isenabled()
    assert all(gc.is_tracked(x) for x in made)  # still watched for cycles, in the oldest generation
    young, old = _young(), {id(o) for o in gc.get_objects(generation=2)}
    assert not any(id(x) in young for x in made) and all(id(x) in old for x in made)


def test_objects_someone_else_froze_stay_frozen() -> None:
    gc.freeze()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    with paused_gc():
        made = [[i] for i in range(1000)]
    assert gc.get_freeze_count() == frozen and gc.isenabled()
    assert any(id(x) in _young() for x in made)  # left to the young generations, as before


def test_a_collector_paused_outside_stays_paused() -> None:
    gc.disable()
    with paused_gc():
        made = [[i] for i in range(100)]
    assert not gc.isenabled() and made
    young = _young()
    assert all(id(x) in young for x in made)  # nothing moved: the outer pause decides


def test_compiling_derives_the_lives_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    """At 10,000 treaties a warm load paid two full collections (2.3 s of 8.6 s) while the lives were
    derived with the collector on; every life is now derived with it paused, and it resumes after."""
    from treatyrules import compiled, load

    seen: list[bool] = []
    real = compiled.evaluate

    def spy(*args: object, **kw: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(compiled, "evaluate", spy)
    load()
    assert seen and not any(seen) and gc.isenabled()


def test_the_panel_derives_its_spells_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold ``panel`` process of the ATOP corpus paid a full collection (0.09-0.1 s) while the
    treaties' ``Pairs`` were derived; the derivation now runs with the collector paused."""
    from treatyrules import load
    from treatyrules.panel import compile_panel, spells

    seen: list[bool] = []
    real = spells._spell_rows

    def spy(*args: object) -> object:
        seen.append(gc.isenabled())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(spells, "_spell_rows", spy)
    compile_panel(load())
    assert seen == [False] and gc.isenabled()
