"""Every performance goal in one run: each row our path beside the baseline a user would run instead.

Run: ``python bench/run.py`` (``--quick``: 3 runs per row and the scale benchmark at 1k and 10k
treaties; ``--only panel,load``: some modules; ``--markdown``: the table as Markdown for the README).
Needs the ATOP files in ../shared/data/atop (rows that need them are skipped, with the reason) and
``pip install -e '.[bench]'`` for the polars and DuckDB baselines.

Each module under bench/ listed in ``MODULES`` gives ``goal_rows(ctx)``, in a process of its own;
every row times both sides in this run, interleaved, and says what is cached (see each module's
docstring); every in-process timing starts from a collected heap (``goals.timed``). ATOP is
imported once into a scratch folder and shared. Ratios are ours / baseline (queries per second:
ours / baseline, to reach the goal); a row with goal ``-`` is context beside a goal row.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from dataclasses import asdict
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from goals import ATOP, Context, Row  # noqa: E402

#: (module, what it measures), in the order of the issue's goals table
MODULES = (
    ("bench_panel", "panels against the polars script"),
    ("bench_load", "cold and warm loads, validate"),
    ("bench_queries", "first obligations, status queries/s, the CLI's start"),
    ("bench_cascade", "cascades against scenario"),
    ("bench_registry", "what the full registry adds to the status command"),
    ("bench_notebook", "answers as frames and as a notebook shows them (context, no goals)"),
    ("bench_scale", "1k, 10k, 100k treaties"),
)


def context(args: argparse.Namespace) -> Context:
    """The shared context: ATOP imported once into a scratch folder (None without the ATOP files)."""
    scratch = Path(tempfile.mkdtemp(prefix="treatyrules-bench-"))
    rules: Path | None = None
    if (args.atop / "atop5_1m.csv").is_file():
        from treatyrules import atop

        rules = scratch / "atop-rules"
        atop.import_atop(args.atop, rules)
    return Context(args.atop, rules, scratch, runs=args.runs or (3 if args.quick else 5), quick=args.quick)


def collect(ctx: Context, only: set[str]) -> tuple[list[Row], list[str]]:
    """Every module's rows, and a line for each module that gave none (absent, skipped or failed).

    Each module runs in a process of its own (``_child``), so that no row inherits another module's
    heap, imports or caches: the in-process rows of a module measure what they would in a fresh
    session, whichever modules ran before it."""
    rows: list[Row] = []
    missing: list[str] = []
    spec = json.dumps({**asdict(ctx), "atop_dir": str(ctx.atop_dir), "scratch": str(ctx.scratch)}, default=str)
    for name, what in MODULES:
        if only and not any(o in name for o in only):
            continue
        done = subprocess.run([sys.executable, __file__, "--child", name, spec], stdout=subprocess.PIPE, text=True)
        *said, last = done.stdout.splitlines() or [""]
        if said:  # what the module printed itself
            print("\n".join(said))
        try:
            got = json.loads(last)
        except json.JSONDecodeError:
            missing.append(f"{name} ({what}): failed (exit {done.returncode}; its error is above)")
            continue
        if "missing" in got:
            missing.append(f"{name} ({what}): {got['missing']}")
            continue
        for key, lines in got["extra"].items():
            ctx.extra.setdefault(key, []).extend(lines)
        if not got["rows"]:
            missing.append(f"{name} ({what}): skipped, needs the ATOP files in {ctx.atop_dir}")
        rows += [Row(**r) for r in got["rows"]]
    return rows, missing


def _child(name: str, spec: str) -> None:
    """One module's rows, as the last line of output (JSON): what ``collect`` runs in a fresh process."""
    raw = json.loads(spec)
    rules = raw.pop("atop_rules")
    ctx = Context(
        **{**raw, "atop_dir": Path(raw["atop_dir"]), "scratch": Path(raw["scratch"])},
        atop_rules=Path(rules) if rules else None,
    )
    try:
        mod = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        print(json.dumps({"missing": f"not measured, {exc}"}))
        return
    try:
        got = mod.goal_rows(ctx)
    except Exception:  # a benchmark that fails is reported, and the others still run
        print(json.dumps({"missing": f"failed\n{traceback.format_exc(limit=3)}"}))
        return
    print(json.dumps({"rows": [asdict(r) for r in got], "extra": ctx.extra}))


def _num(x: float, unit: str) -> str:
    if unit == "B":
        return f"{x / 2**20:,.0f} MB" if x >= 2**20 else f"{x / 2**10:,.0f} kB"
    if unit == "MB":
        return f"{x:,.0f} MB"
    if unit == "s" and x < 0.01:
        return f"{x * 1000:.2f} ms"
    if unit == "q/s":
        return f"{x:,.0f} q/s"
    return f"{x:,.3f} {unit}" if x < 100 else f"{x:,.0f} {unit}"


def text_table(rows: list[Row]) -> str:
    out = [f"{'what':<64} {'ours':>12} {'baseline':>12} {'ratio':>7} {'goal':>8}  met"]
    for r in rows:
        met = {True: "yes", False: "NO", None: ""}[r.met]
        ours, base = _num(r.ours, r.unit), _num(r.base, r.unit)
        out.append(f"{r.what:<64} {ours:>12} {base:>12} {r.ratio:>7.2f} {r.goal_text:>8}  {met}")
        out.append(f"{'':<4}baseline: {r.baseline}" + (f"; {r.note}" if r.note else ""))
    return "\n".join(out)


def markdown_table(rows: list[Row]) -> str:
    out = ["| what | ours | baseline | ratio | goal | met |", "|---|---|---|---|---|---|"]
    for r in rows:
        met = {True: "yes", False: "**no**", None: ""}[r.met]
        base = f"{_num(r.base, r.unit)} ({r.baseline})"
        out.append(f"| {r.what} | {_num(r.ours, r.unit)} | {base} | {r.ratio:.2f} | {r.goal_text} | {met} |")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--atop", type=Path, default=ATOP, help="ATOP 5.1 folder (default ../shared/data/atop)")
    ap.add_argument("--quick", action="store_true", help="3 runs a row; scale at 1k and 10k treaties")
    ap.add_argument("--runs", type=int, default=0, help="interleaved runs per row (default 5; 3 with --quick)")
    ap.add_argument("--only", default="", help="comma-separated module names (or parts): panel,load,...")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown too")
    args = ap.parse_args()
    ctx = context(args)
    try:
        load = os.getloadavg()[0]
        print(f"treatyrules benchmarks: {ctx.runs} interleaved runs a row, load average {load:.1f} at start")
        rows, missing = collect(ctx, {o for o in args.only.split(",") if o})
        print(text_table(rows))
        for line in ctx.extra.get("scale", []):
            print(line)
        for m in missing:
            print(m)
        goals = [r for r in rows if r.met is not None]
        print(f"goals met: {sum(bool(r.met) for r in goals)} of {len(goals)}")
        if args.markdown:
            print(markdown_table(rows))
    finally:
        shutil.rmtree(ctx.scratch, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], sys.argv[3])
    else:
        main()
