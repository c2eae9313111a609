"""Hypothesis calls this on import (entry point group ``hypothesis``) so ``st.from_type(Treaty)`` works."""

from __future__ import annotations

import importlib.util
import sys


def _hypothesis_setup_hook() -> None:
    if importlib.util.find_spec("treatyrules.strategies") is None:  # pragma: no cover
        return
    partial = sys.modules.get("treatyrules.strategies")
    if partial is not None and not hasattr(partial, "register"):
        return  # treatyrules.strategies is importing hypothesis right now; it registers itself at its end
    from .strategies import register

    register()
