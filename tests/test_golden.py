"""The engine's answers stay byte-identical to the golden snapshot (``tests/golden.py``).

A change of behaviour updates the snapshot in its own commit (``python -m tests.golden``), so every
difference in answers is a reviewed diff of ``tests/golden/``.
"""

from __future__ import annotations

import difflib
import json

import pytest

from . import golden


@pytest.mark.parametrize("name", list(golden.FOLDERS))
def test_answers_match_the_golden_snapshot(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE", "0")
    monkeypatch.chdir(golden.ROOT)
    stored = golden.read(name)
    now = dict(golden.snapshot(name))
    assert sorted(now) == sorted(stored), "the set of golden records changed; rerun python -m tests.golden"
    for key, out in now.items():
        if out != stored[key]:
            diff = difflib.unified_diff(_lines(stored[key]), _lines(out), lineterm="", n=1)
            pytest.fail(f"{name}: {key} differs from the golden snapshot:\n" + "\n".join(list(diff)[:40]))


def _lines(text: str) -> list[str]:
    """JSON one value per line (so a diff shows the changed field), else the text's lines."""
    try:
        return json.dumps(json.loads(text), indent=1, ensure_ascii=False).splitlines()
    except ValueError:
        return text.splitlines()
