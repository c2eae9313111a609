"""What the light paths import: ``import treatyrules`` and ``treatyrules status`` load none of the
panel, report, ATOP, cascade, scenario or mixing code, and no dataframe or array library.

Each case runs in a fresh child process (this checkout first on the path) and reads its
``sys.modules``; nothing here is timed (the timings are in ``bench/bench_queries.py``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests._cli import ROOT

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


def _modules(body: str) -> set[str]:
    """The modules loaded after running ``body`` in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(body=body)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def _heavy(mods: set[str]) -> list[str]:
    return sorted(m for m in mods if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_import_treatyrules_is_light() -> None:
    mods = _modules("import treatyrules")
    assert "treatyrules.corpus" in mods  # the probe saw the package itself
    assert _heavy(mods) == []


def test_status_command_imports_nothing_heavy() -> None:
    body = (
        "from treatyrules.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert main(['status', '--date', '1995-01-01']) == 0\n"
        "assert 'in_force' in out.getvalue() or 'in force' in out.getvalue()"
    )
    mods = _modules(body)
    assert "treatyrules.cli.status" in mods and "treatyrules.queries.status" in mods
    assert _heavy(mods) == []


def test_the_probe_sees_heavy_modules_where_they_are_used() -> None:
    """The other side of the boundary: asking for ``atop`` or a panel does load them."""
    mods = _modules("import treatyrules\ntreatyrules.atop\ntreatyrules.load().panel(start=1950, end=1951)")
    assert {"treatyrules.atop", "treatyrules.panel"} <= mods
