"""Benchmarks for ATOP at scale. Run: ``python bench/bench_atop.py [ATOP_DIR]`` (default ../shared/data/atop).

(a) import ATOP into a rules folder; (b) load the imported folder (cold = no cache, warm = cache);
(c) the 1815-2018 directed dyad-year panel as a whole process (``treatyrules --rules DIR panel``)
against the hand-written pandas expansion (``bench/pandas_ddyr.py``), both whole processes, same run,
median of 5 interleaved runs; (d) point status queries per second after compilation, against a bare
``bisect`` baseline; (e) peak memory (maxrss) of each panel process.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from treatyrules import atop  # noqa: E402
from treatyrules.corpus import load  # noqa: E402


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time and the child's peak RSS (KB) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(after, before)


def main() -> None:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data" / "atop"
    if not (data / "atop5_1m.csv").is_file():
        print(f"skipped: ATOP data not found at {data}")
        return
    tmp = Path(tempfile.mkdtemp(prefix="treatyrules-bench-"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TREATYRULES_CACHE_DIR": str(tmp / "cache")}
    os.environ["TREATYRULES_CACHE_DIR"] = str(tmp / "cache")
    rules = tmp / "rules"
    t = time.perf_counter()
    imp = atop.import_atop(data, rules)
    print(f"(a) import ATOP: {len(imp.treaties)} alliances in {time.perf_counter() - t:.2f} s")

    os.environ["TREATYRULES_CACHE"] = "0"
    t = time.perf_counter()
    load(rules)
    cold = time.perf_counter() - t
    os.environ["TREATYRULES_CACHE"] = "1"
    load(rules)  # fill the cache
    t = time.perf_counter()
    corpus = load(rules)
    warm = time.perf_counter() - t
    print(f"(b) load {len(corpus.ids)} files: cold {cold:.2f} s, warm (cache) {warm:.2f} s, ratio {warm / cold:.2f}")

    tr = [
        sys.executable,
        "-c",
        "from treatyrules.cli import main; raise SystemExit(main())",
        "--rules",
        str(rules),
        "panel",
        "--from",
        "1815",
        "--to",
        "2018",
        "--out",
        str(tmp / "ours.csv"),
    ]
    pdx = [sys.executable, str(ROOT / "bench" / "pandas_ddyr.py"), str(data), str(tmp / "pandas.csv")]
    run(tr, env)  # warm the compiled panel cache
    ours, theirs, rss = [], [], []
    for _ in range(5):
        w, _m = run(tr, env)
        ours.append(w)
        w2, _m2 = run(pdx, env)
        theirs.append(w2)
    # peak memory per process: measure each once more in a fresh child of its own
    for cmd in (tr, pdx):
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                "import resource,subprocess,sys; "
                "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)",
                *cmd,
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        rss.append(int(out.stdout.strip()) / 1024)
    mo, mt = statistics.median(ours), statistics.median(theirs)
    rows = sum(1 for _ in (tmp / "ours.csv").open()) - 1
    print(
        f"(c) 1815-2018 directed dyad-year panel ({rows} rows): treatyrules {mo:.2f} s, pandas {mt:.2f} s, "
        f"ratio {mo / mt:.2f} (median of 5, whole processes)"
    )
    print(f"(e) peak memory: treatyrules panel {rss[0]:.0f} MB, pandas {rss[1]:.0f} MB")

    ids = corpus.ids
    rnd = random.Random(1)
    qs = [(rnd.choice(ids), dt.date(1815, 1, 1) + dt.timedelta(days=rnd.randrange(75_000))) for _ in range(200_000)]
    t = time.perf_counter()
    for tid, day in qs:
        corpus.status_code(tid, day)
    ours_q = len(qs) / (time.perf_counter() - t)
    import bisect

    starts = {tid: corpus.life(tid).timeline._starts for tid in ids}
    t = time.perf_counter()
    for tid, day in qs:
        bisect.bisect_right(starts[tid], day)
    base_q = len(qs) / (time.perf_counter() - t)
    print(
        f"(d) point status queries: {ours_q:,.0f}/s (bare bisect baseline {base_q:,.0f}/s, ratio {ours_q / base_q:.2f})"
    )


if __name__ == "__main__":
    main()
