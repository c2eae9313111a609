"""The compiled caches hold what their key says: a warm cache never answers for other options."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._cli import run_cli

PANEL = ("panel", "--unit", "directed-dyad-year", "--from", "1946", "--to", "2025")


@pytest.mark.parametrize("options", [("--as-of", "1955-01-01"), ("--reading", "twenty-year-renewal")])
def test_a_warm_panel_cache_answers_for_the_options_given(
    options: tuple[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE_DIR", str(tmp_path / "cache"))
    plain = run_cli(*PANEL)
    warm = run_cli(*options, *PANEL)
    monkeypatch.setenv("TREATYRULES_CACHE", "0")
    cold = run_cli(*options, *PANEL)
    assert plain.returncode == warm.returncode == cold.returncode == 0, warm.stderr
    assert warm.stdout == cold.stdout
    if options[0] == "--as-of":  # fewer treaties known in 1955: the panel is smaller
        assert len(warm.stdout.splitlines()) < len(plain.stdout.splitlines())
