"""What the full state registry adds to ``treatyrules status`` (issue 11: under 20 ms).

Run: ``python bench/bench_registry.py``. Two copies of the shipped rules folder, the same treaties:
one with the whole registry (rules/states.yaml, every state of the COW system), one with a registry
cut to the states the treaties name and those they continue or succeed (the smallest registry that
answers the same). ``treatyrules --rules FOLDER status --date 1995-01-01`` runs as a whole process on
each, interleaved, with the default cache on and filled first (what a user's second run does), and
again with ``TREATYRULES_CACHE=0``. The difference is what the registry costs; the goal row's bound
is the ratio that 20 ms over the small registry's time would give.
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from goals import PYTHON, ROOT, Context, Row, interleaved_processes, timed  # noqa: E402

MAIN = "from treatyrules.cli import main; raise SystemExit(main())"
_CODE = re.compile(r"\b([A-Z]{3})\b")
_ENTRY = re.compile(r"^  - code: ", re.M)


def small_registry(rules: Path, out: Path) -> Path:
    """``rules`` copied to ``out`` with states.yaml cut to the states the other files name (treaties,
    regions), and the states those states' own entries name (successors, predecessors), to a fixed point."""
    shutil.copytree(rules, out)
    text = (rules / "states.yaml").read_text(encoding="utf-8")
    head, *entries = _ENTRY.split(text)
    by_code = {e[1:4]: e for e in entries}
    files = [*(rules / "treaties").glob("*.yaml"), *(f for f in rules.glob("*.yaml") if f.name != "states.yaml")]
    named = {c for f in files for c in _CODE.findall(f.read_text(encoding="utf-8"))}
    keep: set[str] = set()
    todo = named & set(by_code)
    while todo:
        keep |= todo
        todo = {c for k in todo for c in _CODE.findall(by_code[k])} & set(by_code) - keep
    body = "".join("  - code: " + by_code[c] for c in by_code if c in keep)
    (out / "states.yaml").write_text(head + body, encoding="utf-8")
    return out


def registry_ms(rules: Path, runs: int) -> float:
    """Median ms, in process, to read states.yaml, validate its states and index them (a cold load's share)."""
    from treatyrules.states import Registry, State
    from treatyrules.yamlfile import read_yaml

    def once() -> None:
        body, _ = read_yaml(rules / "states.yaml")
        Registry([State.model_validate(x) for x in body["states"]])

    return 1000 * statistics.median(timed(once) for _ in range(runs))


def goal_rows(ctx: Context) -> list[Row]:
    full = ctx.scratch / "registry-full"
    shutil.copytree(ROOT / "rules", full)
    small = small_registry(ROOT / "rules", ctx.scratch / "registry-small")
    n_full = len(_ENTRY.findall((full / "states.yaml").read_text(encoding="utf-8")))
    n_small = len(_ENTRY.findall((small / "states.yaml").read_text(encoding="utf-8")))
    rows = []
    for cache, label in (("1", "cache on, warm"), ("0", "no cache")):
        env = {"TREATYRULES_CACHE": cache, "TREATYRULES_CACHE_DIR": str(ctx.scratch / "registry-cache")}
        cmd = [PYTHON, "-c", MAIN, "--rules", "{}", "status", "--date", "1995-01-01"]
        ours, base = ([a.replace("{}", str(f)) for a in cmd] for f in (full, small))
        for argv in (ours, base):  # fill the cache, check that both answer
            interleaved_processes(argv, argv, 1, env)
        (a, _), (b, _) = interleaved_processes(ours, base, ctx.runs, env)
        rows.append(
            Row(
                f"status command, {n_full} states vs {n_small} ({label})",
                a,
                f"the same with only the {n_small} states the treaties need",
                b,
                1 + 0.020 / b,
                note=f"the registry adds {1000 * (a - b):+.0f} ms; goal: under 20 ms; in process, reading, "
                f"validating and indexing all {n_full} states takes {registry_ms(full, ctx.runs):.0f} ms",
            )
        )
    return rows


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="treatyrules-bench-registry-"))
    try:
        for r in goal_rows(Context(Path(), None, scratch)):
            print(f"{r.what}: {r.ours:.3f} s vs {r.base:.3f} s, ratio {r.ratio:.3f} (goal {r.goal_text}); {r.note}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
