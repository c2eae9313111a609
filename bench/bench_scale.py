"""Scale: synthetic corpora of 1k, 10k and 100k treaties, each stage's time and its growth.

Run: ``python bench/bench_scale.py [--sizes 1000,10000,100000] [ATOP_DIR]`` (default
../shared/data/atop; skipped, with the reason, without it).

A corpus of N treaties is made from ATOP 5.1 imported once (``treatyrules import-atop``, 788
alliances): replica k of each rules file gets the id ``ATOP-<atopid + 10000 k>`` and that atopid, the
same parties, dates and pledges, so every stage does N/788 times the work of the real corpus. For each
size, in process, the median of three runs up to 10,000 treaties and one run above (100k takes
minutes a stage):

* cold load: ``treatyrules.load(folder)`` with ``TREATYRULES_CACHE=0`` (read, validate, compile);
* warm load: the same with the cache on, after one load filled it;
* validate: ``treatyrules.corpus.validate_folder`` (every check, cold);
* status pass: ``corpus.statuses(day)`` for every treaty on 1990-01-01 (the lives are computed once,
  lazily, so this includes them);
* panel: ``corpus.panel("directed-dyad-year", 1815, 2018)`` on that corpus (spells computed).

The growth column is time(N) / time(previous N) divided by the size ratio: 1.0 is linear, below 1
better than linear. ``goal_rows`` gives bench/run.py one row per stage: the largest size's time per
treaty against the smallest size's (goal: at most 1.5, linear within noise).
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from goals import ATOP, Context, Row, timed  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
STAGES = ("cold load", "warm load", "validate", "status pass", "panel ddyr 1815-2018")
_ID = re.compile(r'^id: "ATOP-(\d+)"$', re.M)
_ATOPID = re.compile(r"^  atopid: (\d+)$", re.M)


def import_atop(atop_dir: Path, out: Path) -> Path:
    """ATOP imported into ``out`` (once per run)."""
    from treatyrules import atop

    if not (out / "corpus.yaml").is_file():
        atop.import_atop(atop_dir, out)
    return out


def synthetic(src: Path, n: int, out: Path) -> Path:
    """A rules folder of ``n`` treaties: replicas of ``src``'s files with shifted ids and atopids."""
    files = sorted((src / "treaties").glob("*.yaml"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    (out / "treaties").mkdir(parents=True, exist_ok=True)
    shutil.copy(src / "corpus.yaml", out / "corpus.yaml")
    for i in range(n):
        k, text = divmod(i, len(texts))
        body = texts[text]
        if k:
            body = _ID.sub(lambda m: f'id: "ATOP-{int(m[1]) + 10_000 * k}"', body)  # noqa: B023
            body = _ATOPID.sub(lambda m: f"  atopid: {int(m[1]) + 10_000 * k}", body)  # noqa: B023
        atopid = int(_ATOPID.search(body)[1])  # type: ignore[index]
        (out / "treaties" / f"ATOP-{atopid}.yaml").write_text(body, encoding="utf-8")
    return out


def stages(folder: Path, cache: Path, runs: int = 3) -> dict[str, float]:
    """Seconds of each stage on one folder, the median of ``runs`` (see the module docstring). The
    status pass and the panel are timed on a corpus loaded afresh (warm, untimed) each run, since a
    corpus keeps the lives and spells they derive."""
    import treatyrules
    from treatyrules.corpus import validate_folder

    def median(f: Callable[[], object]) -> float:
        return statistics.median(timed(f) for _ in range(runs))

    def on_fresh(stage: Callable[[treatyrules.Corpus], object]) -> float:
        got = []
        for _ in range(runs):
            corpus = treatyrules.load(folder)
            got.append(timed(stage, corpus))
            del corpus
        return statistics.median(got)

    os.environ["TREATYRULES_CACHE_DIR"] = str(cache)
    os.environ["TREATYRULES_CACHE"] = "0"
    out = {"cold load": median(lambda: treatyrules.load(folder))}
    out["validate"] = median(lambda: validate_folder(folder))
    os.environ["TREATYRULES_CACHE"] = "1"
    treatyrules.load(folder)  # fills the cache
    out["warm load"] = median(lambda: treatyrules.load(folder))
    out["status pass"] = on_fresh(lambda c: c.statuses("1990-01-01"))
    out["panel ddyr 1815-2018"] = on_fresh(lambda c: c.panel("directed-dyad-year", 1815, 2018))
    return out


def measure(
    src: Path, sizes: Sequence[int], scratch: Path, say: Callable[[str], object] = print
) -> dict[int, dict[str, float]]:
    """Each stage's seconds per size (the median of three runs up to 10,000 treaties, one above)."""
    out: dict[int, dict[str, float]] = {}
    for n in sizes:
        folder = synthetic(src, n, scratch / f"corpus-{n}")
        out[n] = stages(folder, scratch / f"cache-{n}", runs=3 if n <= 10_000 else 1)
        say(f"  {n:>7,} treaties: " + ", ".join(f"{k} {v:.2f} s" for k, v in out[n].items()))
        shutil.rmtree(folder, ignore_errors=True)
    return out


def table(times: dict[int, dict[str, float]]) -> list[str]:
    """The growth table: seconds, and growth against the previous size (1.0 = linear)."""
    sizes = sorted(times)
    lines = [f"{'stage':<22}" + "".join(f"{n:>12,}" for n in sizes) + "   growth (1.0 = linear)"]
    for s in STAGES:
        cells = "".join(f"{times[n][s]:>11.2f}s" for n in sizes)
        growth = [times[b][s] / times[a][s] / (b / a) for a, b in itertools.pairwise(sizes)]
        lines.append(f"{s:<22}{cells}   " + ", ".join(f"{g:.2f}" for g in growth))
    return lines


def goal_rows(ctx: Context) -> list[Row]:
    """Per stage: seconds per treaty at the largest size against the smallest (linear: 1.0; goal <= 1.5)."""
    if ctx.atop_rules is None:
        return []
    sizes = (1_000, 10_000) if ctx.quick else SIZES
    times = measure(ctx.atop_rules, sizes, ctx.scratch / "scale", say=lambda _: None)
    lo, hi = min(times), max(times)
    ctx.extra["scale"] = table(times)
    return [
        Row(
            f"scale: {s}, per treaty at {hi:,} vs {lo:,} treaties",
            times[hi][s] / hi * 1e3,
            f"per treaty at {lo:,}",
            times[lo][s] / lo * 1e3,
            1.5,
            unit="ms",
            note=f"{times[lo][s]:.2f} s at {lo:,}, {times[hi][s]:.2f} s at {hi:,}",
        )
        for s in STAGES
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("atop", nargs="?", type=Path, default=ATOP)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated corpus sizes")
    args = ap.parse_args()
    if not (args.atop / "atop5_1m.csv").is_file():
        print(f"skipped: ATOP data not found at {args.atop}")
        return
    scratch = Path(tempfile.mkdtemp(prefix="treatyrules-scale-"))
    try:
        src = import_atop(args.atop, scratch / "atop-rules")
        times = measure(src, [int(s) for s in args.sizes.split(",")], scratch)
        print("\n".join(table(times)))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
