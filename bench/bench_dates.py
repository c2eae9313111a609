"""Parsing a date stays in microseconds: ``parse_partial`` against ``datetime.date.fromisoformat``.

Run: ``PYTHONPATH=. python bench/bench_dates.py`` (``--n 20000`` for more strings).

Both parse the same exact ``YYYY-MM-DD`` strings in the same process. ``parse_partial`` has an
``lru_cache``: *cold* clears the cache and parses distinct strings (every call parses); *warm*
repeats strings already in the cache. Partial forms (``1995``, ``1995-09``, ``199X``, ranges) have
no ``fromisoformat`` counterpart and are timed cold on their own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable, Sequence

from treatyrules.dates import parse_partial


def _per_call(
    f: Callable[[str], object], items: Sequence[str], before: Callable[[], None] | None = None, repeat: int = 5
) -> float:
    """Best-of-``repeat`` microseconds per call."""
    best = float("inf")
    for _ in range(repeat):
        if before is not None:
            before()
        t0 = time.perf_counter()
        for s in items:
            f(s)
        best = min(best, time.perf_counter() - t0)
    return best / len(items) * 1e6


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000, help="distinct strings per run (default 20000)")
    n = ap.parse_args(argv).n
    rnd = random.Random(1961)
    start = dt.date(1800, 1, 1).toordinal()
    days = [dt.date.fromordinal(start + rnd.randrange(110000)).isoformat() for _ in range(n)]
    days = list(dict.fromkeys(days))
    partial = (
        [s[:4] for s in days[: n // 4]]
        + [s[:7] for s in days[n // 4 : n // 2]]
        + [s[:3] + "X" for s in days[n // 2 : n // 2 + n // 8]]
        + [f"{s[:7]}/{s}" for s in days[-n // 8 :]]
    )

    iso = _per_call(dt.date.fromisoformat, days)
    cold = _per_call(parse_partial, days, before=parse_partial.cache_clear)
    parse_partial.cache_clear()
    for s in days:
        parse_partial(s)
    warm = _per_call(parse_partial, days)
    part_cold = _per_call(parse_partial, partial, before=parse_partial.cache_clear)

    rows = [
        ("date.fromisoformat (YYYY-MM-DD)", iso),
        ("parse_partial cold (YYYY-MM-DD)", cold),
        ("parse_partial warm (YYYY-MM-DD)", warm),
        ("parse_partial cold (partial forms)", part_cold),
    ]
    print(f"{len(days)} distinct day strings, {len(partial)} partial strings; best of 5 runs")
    print(f"{'parser':<38}{'us/call':>9}{'x fromisoformat':>17}")
    for name, us in rows:
        print(f"{name:<38}{us:>9.3f}{us / iso:>17.1f}")


if __name__ == "__main__":
    main()
