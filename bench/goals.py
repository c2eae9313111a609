"""The shape of a benchmark goal row and the timers every benchmark shares.

A benchmark module under ``bench/`` that contributes to ``bench/run.py`` exposes
``goal_rows(ctx: Context) -> list[Row]``: each row times our path and the baseline a user would run
instead, in the same run, interleaved, and states the goal as a ratio. Nothing here is a cache hit
unless the row says so in ``what``.
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
ATOP = DATA / "atop"


@dataclass(frozen=True)
class Row:
    """One goal: ``ours`` against ``base`` (both in ``unit``), the ratio and whether it meets ``goal``."""

    what: str
    ours: float
    baseline: str
    base: float
    goal: float | None  # None: reported beside the goals, no goal of its own
    higher_is_better: bool = False  # queries/s: the ratio must reach the goal; seconds, bytes: stay under it
    unit: str = "s"
    note: str = ""

    @property
    def ratio(self) -> float:
        return self.ours / self.base if self.base else float("inf")

    @property
    def met(self) -> bool | None:
        if self.goal is None:
            return None
        return self.ratio >= self.goal if self.higher_is_better else self.ratio <= self.goal

    @property
    def goal_text(self) -> str:
        if self.goal is None:
            return "-"
        return f"{'>=' if self.higher_is_better else '<='} {self.goal:g}x"


@dataclass
class Context:
    """What the benchmarks share in one run: the ATOP data, an imported ATOP rules folder, scratch space."""

    atop_dir: Path
    atop_rules: Path | None  # the ATOP files imported once (``treatyrules import-atop``), None without ATOP
    scratch: Path
    runs: int = 5
    quick: bool = False
    extra: dict[str, list[str]] = field(default_factory=dict)  # lines a module adds to the report (scale)


def timed(f: Callable[..., object], *args: object, **kw: object) -> float:
    """Seconds one call ``f(*args, **kw)`` takes, started from a collected heap (``gc.collect()``, not
    timed): a collection owed by what ran before (a load, an earlier row) does not land in the call,
    while the collections the call's own allocations cause do, on either side of a row."""
    gc.collect()
    t = time.perf_counter()
    f(*args, **kw)
    return time.perf_counter() - t


def interleaved(ours: Callable[[], object], base: Callable[[], object], runs: int) -> tuple[float, float]:
    """Medians of ``runs`` alternating calls of ``ours`` and ``base`` (so load on the machine hits both)."""
    a, b = [], []
    for _ in range(runs):
        a.append(timed(ours))
        b.append(timed(base))
    return statistics.median(a), statistics.median(b)


class Run(NamedTuple):
    """One whole process: wall and CPU seconds, peak resident memory in bytes."""

    wall: float
    cpu: float
    peak: int


#: runs a command and prints its wall and CPU seconds and peak RSS (KiB): a small launcher, because a
#: child forked straight from a large benchmark process can report that process's peak as its own
_LAUNCH = (
    "import resource, subprocess, sys, time; t = time.perf_counter(); "
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); w = time.perf_counter() - t; "
    "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(w, u.ru_utime + u.ru_stime, u.ru_maxrss); "
    "sys.exit(r.returncode)"
)


#: whole processes keep their bytecode here, as an installed package does (pip compiles it): this
#: machine sets PYTHONDONTWRITEBYTECODE, which would recompile our modules on every run while the
#: libraries' (and so the baselines') bytecode is installed
PYCACHE = Path(tempfile.gettempdir()) / "treatyrules-bench-pycache"


def process(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Run:
    """One whole process of ``argv``, measured by the launcher; raises (with its stderr) if it fails."""
    full_env = {**os.environ, "PYTHONPYCACHEPREFIX": str(PYCACHE), **(env or {})}
    full_env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, "-c", _LAUNCH, *argv], env=full_env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({out.returncode}): {out.stderr[-2000:]}")
    wall, cpu, kib = out.stdout.split()
    return Run(float(wall), float(cpu), int(kib) * 1024)  # Linux reports KiB


def interleaved_processes(
    ours: Sequence[str], base: Sequence[str], runs: int, env: Mapping[str, str] | None = None
) -> tuple[tuple[float, int], tuple[float, int]]:
    """Median wall seconds and the largest peak memory of alternating runs of two processes."""
    a, b = [], []
    for _ in range(runs):
        a.append(process(ours, env))
        b.append(process(base, env))
    return (
        (statistics.median(r.wall for r in a), max(r.peak for r in a)),
        (statistics.median(r.wall for r in b), max(r.peak for r in b)),
    )


PYTHON = sys.executable


def peak_rss_self() -> int:
    """This process' peak resident memory so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
