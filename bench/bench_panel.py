"""Panels against the dataframe an analyst would write (issue 14). Run: ``python bench/bench_panel.py [ATOP_DIR]``
(default ../shared/data/atop; ``--repeats N``, ``--scale`` for the growth with synthetic corpora).

Every row is a ratio taken in one run: treatyrules and its baseline alternate (A B A B ...), each
pair gives a ratio, and the row reports the median time of each and the median of the ratios.
Wall-clock time (the machine is shared, so CPU is printed beside it). What is cached in each path:

* in process, fresh corpus: the rules folder is loaded (through the folder cache: not timed) into a
  new corpus each repeat, so ``corpus.panel(...)`` computes the obligation spells, compiles them
  into columns and fills the panel. The baseline, ``bench/polars_ddyr.py``'s ``expand``, reads
  the member CSV and expands it (lazy scan, self-join, int_ranges + explode, group_by max).
* in process, spells known: the same corpus asked again (spells and columns kept on it): the fill.
* whole process, cold: ``TREATYRULES_CACHE=0 treatyrules --rules DIR panel ... --out F`` (nothing
  cached: YAML read, lives, spells, fill, CSV) against ``python bench/polars_ddyr.py DATA F``.
* whole process, warm: the compiled-spells cache (``.npz``) is filled first; the run reads the
  folder's hash and the spells, fills and writes.
* peak memory: each process's maximum resident set (``wait4``), cold and warm, against polars'.

``rows()`` returns the rows (what, measured, baseline, ratio, goal) for ``bench/run.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from goals import Context, process, timed  # noqa: E402
from goals import Row as GoalRow  # noqa: E402

from treatyrules import atop  # noqa: E402
from treatyrules.corpus import load  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "atop"
MAIN = "from treatyrules.cli import main; raise SystemExit(main())"
Row = dict[str, Any]


def _row(what: str, ours: list[float], theirs: list[float], goal: str, unit: str = "s", note: str = "") -> Row:
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    return {
        "what": what,
        "measured": statistics.median(ours),
        "baseline": statistics.median(theirs),
        "ratio": statistics.median(ratios),
        "goal": goal,
        "unit": unit,
        "note": note,
    }


def _pairs(a: Callable[[], float], b: Callable[[], float], repeats: int) -> tuple[list[float], list[float]]:
    """``repeats`` interleaved measurements of ``a`` and ``b`` (each returns what it measured)."""
    ours, theirs = [], []
    for _ in range(repeats):
        ours.append(a())
        theirs.append(b())
    return ours, theirs


def _process(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one whole process."""
    r = process(cmd, env)
    return r.wall, r.cpu, r.peak / 2**20


def in_process(rules: Path, data: Path, repeats: int) -> list[Row]:
    """The library call on a fresh corpus, and again on the same corpus, against polars in process."""
    import polars_ddyr

    def fresh() -> float:
        corpus = load(rules)  # folder cache: not timed
        return timed(lambda: corpus.panel("directed-dyad-year", 1815, 2018))

    polars = lambda: timed(lambda: polars_ddyr.expand(str(data)))  # noqa: E731
    first = _pairs(fresh, polars, repeats)
    rows = [_row("corpus.panel ddyr 1815-2018, fresh corpus (spells computed)", *first, "<= 0.5")]
    corpus = load(rules)
    corpus.panel("directed-dyad-year", 1815, 2018)
    again = lambda: timed(lambda: corpus.panel("directed-dyad-year", 1815, 2018))  # noqa: E731
    rows.append(_row("corpus.panel ddyr 1815-2018, spells known (the fill)", *_pairs(again, polars, repeats), "-"))
    return rows


def whole_process(rules: Path, data: Path, repeats: int, tmp: Path) -> list[Row]:
    """The command line, cold and warm, against the polars script; and the peak memory of each."""
    base = {**os.environ, "PYTHONPATH": str(ROOT), "TREATYRULES_CACHE_DIR": str(tmp / "cache")}
    cold_env, warm_env = {**base, "TREATYRULES_CACHE": "0"}, {**base, "TREATYRULES_CACHE": "1"}
    ours = [sys.executable, "-c", MAIN, "--rules", str(rules), "panel", "--from", "1815", "--to", "2018"]
    ours += ["--out", str(tmp / "ours.csv")]
    theirs = [sys.executable, str(ROOT / "bench" / "polars_ddyr.py"), str(data), str(tmp / "polars.csv")]
    _process(ours, warm_env)  # fill the caches
    out: dict[str, list[tuple[float, float, float]]] = {"cold": [], "warm": [], "polars": []}
    for _ in range(repeats):
        out["cold"].append(_process(ours, cold_env))
        out["polars"].append(_process(theirs, base))
        out["warm"].append(_process(ours, warm_env))
    pol = [x[0] for x in out["polars"]]
    cpu = {k: statistics.median(x[1] for x in v) for k, v in out.items()}
    note = "CPU s: cold {cold:.2f}, warm {warm:.2f}, polars {polars:.2f}".format(**cpu)
    cold, warm = [x[0] for x in out["cold"]], [x[0] for x in out["warm"]]
    rows = [
        _row("panel ddyr 1815-2018, whole process, cold (no caches)", cold, pol, "<= 1.0", note=note),
        _row("panel ddyr 1815-2018, whole process, warm (spells cache)", warm, pol, "-"),
    ]
    mem = [x[2] for x in out["polars"]]
    rows.append(_row("peak memory of the panel process, cold", [x[2] for x in out["cold"]], mem, "<= 1.0", "MB"))
    rows.append(_row("peak memory of the panel process, warm", [x[2] for x in out["warm"]], mem, "<= 1.0", "MB"))
    return rows


def synthetic(spells: Any, copies: int) -> Any:
    """``copies`` replicas of compiled spells, each replica's ccodes permuted (so its dyads differ) and its
    treaties renumbered: a corpus of ``copies`` times as many treaties, with the same mix of sizes."""
    import dataclasses

    import numpy as np

    rng = np.random.default_rng(1)
    codes = np.unique(np.concatenate([spells.c1, spells.c2]))
    parts: dict[str, list[Any]] = {n: [] for n in ("c1", "c2", "start", "end", "value", "certain", "cap", "treaty")}
    for k in range(copies):
        perm = dict(zip(codes.tolist(), (rng.permutation(codes) if k else codes).tolist(), strict=True))
        remap = np.vectorize(perm.__getitem__, otypes=[np.int32])
        for n in parts:
            col = getattr(spells, n)
            if n in ("c1", "c2"):
                col = remap(col)
            elif n == "treaty":
                col = col + k * len(spells.treaties)
            parts[n].append(col)
    arrays = {n: np.concatenate(v) for n, v in parts.items()}
    treaties = tuple(f"{t}-R{k}" for k in range(copies) for t in spells.treaties)
    return dataclasses.replace(spells, **arrays, treaties=treaties, atopids=np.tile(spells.atopids, copies))


def scale(rules: Path, sizes: tuple[int, ...] = (1, 13, 127)) -> list[Row]:
    """The fill's growth: panels of 789 x k treaties (1k, 10k, 100k), per piece and per row."""
    from treatyrules.panel import compile_panel, panel_from

    base = compile_panel(load(rules))
    out = []
    for k in sizes:
        s = synthetic(base, k)
        for unit in ("directed-dyad-year", "directed-dyad-day"):
            t = [timed(lambda: panel_from(s, unit, 1815, 2018)) for _ in range(3)]  # noqa: B023
            n = len(panel_from(s, unit, 1815, 2018))
            what = f"fill {unit} 1815-2018, {len(s.treaties):,} treaties, {len(s):,} pieces -> {n:,} rows"
            out.append({"what": what, "measured": min(t), "per_piece_us": min(t) / len(s) * 1e6, "rows": n})
    return out


def rows(data: Path = DATA, repeats: int = 5) -> list[Row]:
    """Every panel row of the goals table, measured now (empty when the ATOP data is absent)."""
    if not (data / "atop5_1m.csv").is_file():
        return []
    tmp = Path(tempfile.mkdtemp(prefix="treatyrules-bench-panel-"))
    os.environ["TREATYRULES_CACHE_DIR"] = str(tmp / "cache")
    rules = tmp / "rules"
    atop.import_atop(data, rules)
    load(rules)  # fill the folder cache
    return in_process(rules, data, repeats) + whole_process(rules, data, repeats, tmp)


def goal_rows(ctx: Context) -> list[GoalRow]:
    """The panel rows of the goals table for ``bench/run.py`` (the ATOP import it shares; empty without ATOP)."""
    if ctx.atop_rules is None:
        return []
    tmp = ctx.scratch / "panel"
    tmp.mkdir(exist_ok=True)
    os.environ["TREATYRULES_CACHE_DIR"] = str(tmp / "cache")
    load(ctx.atop_rules)  # fill the folder cache (the fresh-corpus row times the library call only)
    table = in_process(ctx.atop_rules, ctx.atop_dir, ctx.runs) + whole_process(
        ctx.atop_rules, ctx.atop_dir, ctx.runs, tmp
    )
    return [_goal_row(r) for r in table]


def _goal_row(r: Row) -> GoalRow:
    goal = None if r["goal"] == "-" else float(r["goal"].split()[-1])
    baseline = (
        "polars script, whole process"
        if "whole process" in r["what"] or "memory" in r["what"]
        else "polars expansion in process"
    )
    return GoalRow(r["what"], r["measured"], baseline, r["baseline"], goal, unit=r["unit"], note=r["note"])


def show(table: list[Row]) -> None:
    print(f"{'what':<62} {'treatyrules':>12} {'baseline':>10} {'ratio':>7}  goal")
    for r in table:
        unit = r["unit"]
        met = "" if r["goal"] == "-" else ("  met" if r["ratio"] <= float(r["goal"].split()[-1]) else "  not met")
        print(
            f"{r['what']:<62} {r['measured']:>10.3f} {unit:<2}{r['baseline']:>8.3f} {unit:<2}{r['ratio']:>6.2f}"
            f"  {r['goal']}{met}"
        )
        if r["note"]:
            print(f"{'':<62} {r['note']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("data", nargs="?", type=Path, default=DATA)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--scale", action="store_true", help="also the fill's growth with synthetic corpora")
    args = ap.parse_args()
    table = rows(args.data, args.repeats)
    if not table:
        print(f"skipped: ATOP data not found at {args.data}")
        return
    print(f"load average {os.getloadavg()[0]:.1f}; medians of {args.repeats} interleaved pairs, wall clock")
    show(table)
    if args.scale:
        rules = Path(os.environ["TREATYRULES_CACHE_DIR"]).parent / "rules"
        for r in scale(rules):
            print(f"{r['what']:<90} {r['measured']:>7.3f} s  {r['per_piece_us']:.2f} us/piece")


if __name__ == "__main__":
    main()
