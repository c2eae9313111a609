"""Shared test setup: hypothesis profiles and paths."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import treatyrules

# The suite's cache lives in a folder of its own (children of the tests inherit it), never the user's.
os.environ.setdefault("TREATYRULES_CACHE_DIR", tempfile.mkdtemp(prefix="treatyrules-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"

# "ci": fixed and derandomized, enough examples to hit month ends and 29 February (the date
# strategies over-sample them); "thorough": many more, for a local run with
# `pytest --hypothesis-profile=thorough`. The env var HYPOTHESIS_PROFILE picks the profile loaded
# here; hypothesis' own `--hypothesis-profile` option is applied after this file is imported, so it
# wins over both (docs/testing.md).
settings.register_profile(
    "ci", max_examples=150, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def corpus() -> treatyrules.Corpus:
    """The shipped corpus, compiled once (a module may define its own ``corpus`` fixture instead)."""
    return treatyrules.load()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own (not yet created), with caching on and the default bound."""
    base = tmp_path / "cache"
    monkeypatch.setenv("TREATYRULES_CACHE_DIR", str(base))
    monkeypatch.delenv("TREATYRULES_CACHE", raising=False)
    monkeypatch.delenv("TREATYRULES_CACHE_MAX_MB", raising=False)
    return base
