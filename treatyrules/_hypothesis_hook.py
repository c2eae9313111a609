"""Hypothesis calls this on import (entry point group ``hypothesis``) so ``st.from_type(Treaty)`` works."""

from __future__ import annotations

import importlib.util


def _hypothesis_setup_hook() -> None:
    if importlib.util.find_spec("treatyrules.strategies") is None:  # pragma: no cover
        return
    from .strategies import register

    register()
