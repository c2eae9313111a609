"""Queries and the command line at speed: issue #14's goal rows for the status CLI, the first
``obligations(day)`` and ``status(id, date)`` queries per second.

Run alone: ``python bench/bench_queries.py [--quick]`` prints the rows; ``bench/run.py`` calls
``goal_rows(ctx)``. Each row times our path and its baseline in the same run, interleaved, medians
of ``ctx.runs`` pairs. The ATOP rows need ``../shared/data/atop`` and print why they are skipped
without it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from goals import ATOP, PYTHON, ROOT, Context, Row, interleaved, interleaved_processes, timed

from treatyrules import Corpus, load

DAY = dt.date(1995, 1, 1)
FLOOR = [PYTHON, "-c", "import pydantic, yaml, dateutil"]
QUERIES = 200_000


def _cli() -> list[str]:
    """The ``treatyrules`` console script of this interpreter, else the same entry point via ``-c``."""
    script = Path(PYTHON).with_name("treatyrules")
    if script.is_file():
        return [str(script)]
    return [PYTHON, "-c", "from treatyrules.cli import main; raise SystemExit(main())"]


def status_cli_rows(ctx: Context) -> list[Row]:
    """``treatyrules status --date 1995-01-01`` (shipped corpus) as a whole process: warm (its status
    table read from the cache: what every run after the first on unchanged rules does), and without
    any cache (``TREATYRULES_CACHE=0``: the rules read and compiled), each against the import floor."""
    env = {"TREATYRULES_CACHE_DIR": str(ctx.scratch / "cache"), "PYTHONPATH": str(ROOT)}
    argv = [*_cli(), "status", "--date", DAY.isoformat()]
    subprocess.run(argv, env={**os.environ, **env}, stdout=subprocess.DEVNULL, check=True)  # fill the cache
    (warm, _), (base, _) = interleaved_processes(argv, FLOOR, max(ctx.runs, 5), env)
    (cold, _), (base_cold, _) = interleaved_processes(argv, FLOOR, max(ctx.runs, 3), {**env, "TREATYRULES_CACHE": "0"})
    floor = '`python -c "import pydantic, yaml, dateutil"`'
    return [
        Row(
            "`treatyrules status --date D`, whole process (shipped corpus; warm cache: its status table read)",
            warm,
            floor,
            base,
            1.5,
            note="wall seconds, median of interleaved processes",
        ),
        Row(
            "the same with no cache (`TREATYRULES_CACHE=0`: every file read, every treaty compiled)",
            cold,
            floor,
            base_cold,
            None,
            note="wall seconds, median of interleaved processes",
        ),
    ]


def _fresh(rules: Path) -> Corpus:
    """The ATOP corpus compiled afresh (its own registry: no spell or look-up memo carried over)."""
    return load(rules)


def obligations_row(ctx: Context) -> Row:
    """The first ``obligations(day)`` on a freshly compiled ATOP corpus against one status pass."""
    assert ctx.atop_rules is not None
    runs = max(3, ctx.runs // 2) if ctx.quick else ctx.runs
    ours, base = [], []
    for _ in range(runs):
        ours.append(timed(_fresh(ctx.atop_rules).obligations, DAY))
        base.append(timed(_fresh(ctx.atop_rules).statuses, DAY, signed_only=False))
    return Row(
        "first `obligations(day)` on the ATOP corpus (fresh compile; spells and index built in the call)",
        _median(ours),
        "one `statuses(day)` pass over all treaties (fresh compile)",
        _median(base),
        5.0,
        note=f"seconds, median of {runs} interleaved pairs; the folder cache is warm, the compile is not timed",
    )


class _Least:
    """The least a query can answer with: a new object holding the day and the piece found."""

    __slots__ = ("date", "piece")


def status_queries_rows(ctx: Context) -> list[Row]:
    """``Corpus.status(id, date)`` per second against a bare bisect over each treaty's interval starts,
    and beside it, with no goal, the floor of any Python design that answers with a new object: one
    function call that looks the treaty up, bisects and returns a new two-slot object."""
    assert ctx.atop_rules is not None
    corpus = _fresh(ctx.atop_rules)
    lives = corpus.compiled.lives
    rng = random.Random(14)
    ids = sorted(lives)
    n = QUERIES // 10 if ctx.quick else QUERIES
    qs = [
        (rng.choice(ids), dt.date.fromordinal(rng.randrange(dt.date(1800, 1, 1).toordinal(), 768_000)))
        for _ in range(n)
    ]
    table = {t: ([s.start for s in lives[t].timeline.segments], lives[t].timeline.segments) for t in ids}
    status = corpus.status
    for tid, day in qs[:2000]:  # the answers agree
        assert status(tid, day).status == lives[tid].timeline.at(day).status
    right, new = bisect.bisect_right, object.__new__

    def ours() -> None:
        for tid, day in qs:
            status(tid, day)

    def base() -> None:
        right = bisect.bisect_right  # a local, as the fastest loop an analyst would write
        for tid, day in qs:
            starts, segs = table[tid]
            segs[right(starts, day) - 1]

    def least(tid: str, day: dt.date) -> _Least:
        starts, segs = table[tid]
        out = new(_Least)
        out.date, out.piece = day, segs[right(starts, day) - 1]
        return out

    def floor() -> None:
        for tid, day in qs:
            least(tid, day)

    t_ours, t_base = interleaved(ours, base, ctx.runs)
    t_floor, t_base2 = interleaved(floor, base, ctx.runs)
    baseline = "bare `bisect_right` over the treaty's precomputed interval starts, plus the list index"
    note = f"{n} queries, median of {ctx.runs} interleaved runs"
    return [
        Row(
            "`status(id, date)` queries/s (ATOP, random treaty and day; the pieces memoized after the first run)",
            n / t_ours,
            baseline,
            n / t_base,
            0.5,
            higher_is_better=True,
            unit="q/s",
            note=note,
        ),
        Row(
            "its floor: one Python call that looks the treaty up, bisects and returns a new two-slot object",
            n / t_floor,
            baseline,
            n / t_base2,
            None,
            higher_is_better=True,
            unit="q/s",
            note=note + "; what any answer made by a Python function costs",
        ),
    ]


def goal_rows(ctx: Context) -> list[Row]:
    """Rows 1-3 of this brief (the ATOP rows only when the imported folder exists)."""
    rows = status_cli_rows(ctx)
    if ctx.atop_rules is None:
        print("bench_queries: skipped the ATOP rows: no ATOP data at", ctx.atop_dir)
        return rows
    old = os.environ.get("TREATYRULES_CACHE_DIR")
    os.environ["TREATYRULES_CACHE_DIR"] = str(ctx.scratch / "cache")
    try:
        _fresh(ctx.atop_rules)  # fill the folder cache: the rows below time compiling and querying, not YAML
        rows += [obligations_row(ctx), *status_queries_rows(ctx)]
    finally:
        if old is None:
            os.environ.pop("TREATYRULES_CACHE_DIR", None)
        else:
            os.environ["TREATYRULES_CACHE_DIR"] = old
    return rows


def _median(xs: list[float]) -> float:
    return sorted(xs)[len(xs) // 2]


def _context(quick: bool) -> Context:
    scratch = Path(tempfile.mkdtemp(prefix="treatyrules-bench-queries-"))
    rules: Path | None = None
    if (ATOP / "atop5_1m.csv").is_file():
        rules = scratch / "atop"
        subprocess.run([*_cli(), "import-atop", str(ATOP), "--out", str(rules)], check=True, capture_output=True)
    return Context(ATOP, rules, scratch, runs=3 if quick else 5, quick=quick)


def main() -> None:
    ctx = _context("--quick" in sys.argv)
    try:
        for r in goal_rows(ctx):
            mark = "no goal" if r.met is None else "met" if r.met else "NOT met"
            goal = r.goal_text
            print(f"{r.what}\n  ours {r.ours:.4g} {r.unit} | {r.baseline}: {r.base:.4g} {r.unit}")
            print(f"  ratio {r.ratio:.2f}× (goal {goal}: {mark}); {r.note}")
    finally:
        shutil.rmtree(ctx.scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
