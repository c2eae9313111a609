"""What the light paths import: ``import treatyrules`` loads nothing of the engine, ``treatyrules
status`` none of the panel, report, ATOP, cascade, scenario or mixing code and no dataframe or array
library, and a warm ``status`` (its status table cached) not even the models, pydantic or yaml.

Each case runs in a fresh child process (this checkout first on the path) and reads its
``sys.modules``; nothing here is timed (the timings are in ``bench/bench_queries.py``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests._cli import ROOT

#: what a warm ``status`` never needs: the rules models and what reads or builds them
ENGINE = (
    "treatyrules.corpus",
    "treatyrules.compiled",
    "treatyrules.schema",
    "treatyrules.loader",
    "treatyrules.lifecycle",
    "pydantic.main",
    "yaml",
    "importlib.metadata",
    "tempfile",  # only a cache write needs it
)

#: what only ``panel``, ``report``, ``atop``, ``cascade``, ``scenario``, ``merge`` or dataframes need
HEAVY = (
    "treatyrules.atop",
    "treatyrules.panel",
    "treatyrules.report",
    "treatyrules.cascade",
    "treatyrules.scenario",
    "treatyrules.mix",
    "numpy",
    "pandas",
    "polars",
    "pyarrow",
)

_PROBE = """
import contextlib, io, json, sys
{body}
print(json.dumps(sorted(sys.modules)))
"""


_STATUS = (
    "from treatyrules.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
    "    assert main(['status', '--date', '1995-01-01']) == 0\n"
    "assert 'in_force' in out.getvalue() or 'in force' in out.getvalue()"
)


def _modules(body: str, **env: str) -> set[str]:
    """The modules loaded after running ``body`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(body=body)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _among(mods: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in mods if any(m == h or m.startswith(h + ".") for h in names))


def _heavy(mods: set[str]) -> list[str]:
    return _among(mods, HEAVY)


def test_import_treatyrules_is_light() -> None:
    mods = _modules("import treatyrules")
    assert "treatyrules" in mods  # the probe saw the package itself
    assert _heavy(mods) == [] and _among(mods, ENGINE) == []
    used = _modules("import treatyrules\ntreatyrules.load")  # the other side: a name brings in its module
    assert {"treatyrules.corpus", "treatyrules.schema"} <= used


def test_a_warm_status_command_reads_its_table_without_the_engine(tmp_path: Path) -> None:
    cold = _modules(_STATUS, TREATYRULES_CACHE_DIR=str(tmp_path))  # builds the table and stores it
    assert {"treatyrules.corpus", "treatyrules.compiled", "pydantic.main", "tempfile"} <= cold
    warm = _modules(_STATUS, TREATYRULES_CACHE_DIR=str(tmp_path))
    assert "treatyrules.statustable" in warm
    assert _among(warm, ENGINE) == [] and _heavy(warm) == []


def test_status_command_imports_nothing_heavy() -> None:
    mods = _modules(_STATUS, TREATYRULES_CACHE="0")  # the table is not used: the corpus answers
    assert "treatyrules.cli.status" in mods and "treatyrules.queries.status" in mods
    assert _heavy(mods) == []


def test_the_probe_sees_heavy_modules_where_they_are_used() -> None:
    """The other side of the boundary: asking for ``atop`` or a panel does load them."""
    mods = _modules("import treatyrules\ntreatyrules.atop\ntreatyrules.load().panel(start=1950, end=1951)")
    assert {"treatyrules.atop", "treatyrules.panel"} <= mods
