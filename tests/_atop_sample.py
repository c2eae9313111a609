"""Our own small ATOP-format samples (fixtures/atop*/), laid out under ATOP's file names for the importer.

The samples are stored as members.csv / alliances.csv / phases.csv so that nothing in the repository
is named like the ATOP distribution's files (which stay outside, in ../shared/data/atop).
"""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NAMES = {"members.csv": "atop5_1m.csv", "alliances.csv": "atop5_1a.csv", "phases.csv": "atop5_1aph.csv"}


@cache
def atop_sample(name: str) -> Path:
    """A temporary folder holding fixtures/<name> with ATOP's file names (other files copied as they are)."""
    out = Path(tempfile.mkdtemp(prefix=f"treatyrules-{name}-"))
    for f in (FIXTURES / name).iterdir():
        shutil.copy(f, out / NAMES.get(f.name, f.name))
    return out
