"""Load goals (issue #14): cold load, warm load and validate of the imported ATOP folder.

Run alone: ``python bench/bench_load.py`` (prints its rows; skips with a reason without
../shared/data/atop). Each row times our path and its baseline interleaved in the same run:

* cold load: ``read_folder`` of the ~789 imported files (no cache) against a loop of
  ``yaml.load(text, Loader=yaml.CSafeLoader)`` over the same files (read from disk in the loop);
* warm load: ``read_folder_cached`` from a filled cache (the folder as data: JSON, checksummed,
  shape-checked by pydantic) against ``json.loads`` of the same files' parsed content, dumped once
  to JSON strings beforehand; beside it, with no goal, its floor: ``model_validate_json`` of the
  entry's payload alone (what building the pydantic models costs, whatever else the load does);
* validate: ``treatyrules validate`` in process on the shipped corpus and the ATOP folder together
  (no cache) against the cold load (``read_folder``) of the same two folders.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import goals  # noqa: E402

from treatyrules import atop  # noqa: E402
from treatyrules.cli import main as cli_main  # noqa: E402
from treatyrules.collector import paused_gc  # noqa: E402
from treatyrules.foldercache import _FolderCodec, _FolderData, read_folder_cached  # noqa: E402
from treatyrules.folderfiles import rules_files, shipped_rules  # noqa: E402
from treatyrules.loader import read_folder  # noqa: E402


def _files(root: Path) -> list[Path]:
    return rules_files(root)


def _cold_row(rules: Path, runs: int) -> goals.Row:
    files = _files(rules)

    def base() -> None:
        for p in files:
            yaml.load(p.read_text("utf-8"), Loader=yaml.CSafeLoader)

    ours, b = goals.interleaved(lambda: read_folder(rules), base, runs)
    what = f"cold load of {len(files)} ATOP rules files (read_folder, no cache)"
    note = "fast YAML path (yaml-rs) with lazy positions, GC paused"
    return goals.Row(what, ours, "loop of yaml.load(CSafeLoader) over the same files", b, 0.25, note=note)


def _warm_rows(rules: Path, runs: int) -> list[goals.Row]:
    """The warm load against ``json.loads`` of the same content, and beside it its floor: pydantic
    alone validating the stored entry into models, as the cache's decode does (no goal of its own)."""
    files = _files(rules)
    texts = [json.dumps(yaml.load(p.read_text("utf-8"), Loader=yaml.CSafeLoader)) for p in files]
    read_folder_cached(rules)  # fill the cache
    payload = _FolderCodec(rules).encode(read_folder(rules))  # the bytes the entry holds after its header

    def base() -> None:
        [json.loads(t) for t in texts]

    def models() -> None:
        with paused_gc():
            _FolderData.model_validate_json(payload)

    ours, b = goals.interleaved(lambda: read_folder_cached(rules), base, runs)
    floor, b2 = goals.interleaved(models, base, runs)
    what = f"warm load of {len(files)} ATOP rules files (read_folder_cached, cache hit)"
    note = "cached: the read folder as checksummed JSON (defaults left out), validated back into models by pydantic"
    baseline = "json.loads of the same files' content (pre-dumped JSON strings)"
    return [
        goals.Row(what, ours, baseline, b, 2.0, note=note),
        goals.Row(
            "its floor: pydantic validating the entry's JSON into the models, nothing else (collector paused)",
            floor,
            baseline,
            b2,
            None,
            note="no file read, checksum or digest of the rules files: what any warm load into pydantic models costs",
        ),
    ]


def _validate_row(rules: Path, runs: int) -> goals.Row:
    shipped = shipped_rules()
    argv = ["--rules", str(shipped), "--rules", str(rules), "validate"]

    def ours() -> None:
        cli_main(argv)

    def base() -> None:
        read_folder(shipped)
        read_folder(rules)

    old = os.environ.get("TREATYRULES_CACHE")
    os.environ["TREATYRULES_CACHE"] = "0"
    try:
        with open(os.devnull, "w") as sink:
            out, sys.stdout = sys.stdout, sink
            try:
                a, b = goals.interleaved(ours, base, runs)
            finally:
                sys.stdout = out
    finally:
        if old is None:
            os.environ.pop("TREATYRULES_CACHE", None)
        else:
            os.environ["TREATYRULES_CACHE"] = old
    return goals.Row(
        "validate of shipped + ATOP (in process, no cache)",
        a,
        "cold load (read_folder) of the same two folders",
        b,
        1.5,
        note="validate also compiles both corpora and checks across files and the merge",
    )


def goal_rows(ctx: goals.Context) -> list[goals.Row]:
    """The three load goals, on ``ctx.atop_rules`` (none without ATOP data)."""
    if ctx.atop_rules is None:
        print("bench_load: skipped, no ATOP data in ../shared/data/atop")
        return []
    cache_dir = ctx.scratch / "load-cache"
    old = os.environ.get("TREATYRULES_CACHE_DIR")
    os.environ["TREATYRULES_CACHE_DIR"] = str(cache_dir)
    try:
        rules, runs = ctx.atop_rules, ctx.runs
        return [_cold_row(rules, runs), *_warm_rows(rules, runs), _validate_row(rules, runs)]
    finally:
        if old is None:
            os.environ.pop("TREATYRULES_CACHE_DIR", None)
        else:
            os.environ["TREATYRULES_CACHE_DIR"] = old


def main() -> None:
    if not (goals.ATOP / "atop5_1m.csv").is_file():
        print(f"bench_load: skipped, ATOP data not found at {goals.ATOP}")
        return
    scratch = Path(tempfile.mkdtemp(prefix="treatyrules-bench-load-"))
    atop.import_atop(goals.ATOP, scratch / "atop-rules")
    ctx = goals.Context(goals.ATOP, scratch / "atop-rules", scratch, runs=int(os.environ.get("BENCH_RUNS", "5")))
    for r in goal_rows(ctx):
        print(f"{r.what}: {r.ours:.3f} {r.unit} vs {r.baseline}: {r.base:.3f} {r.unit}")
        mark = "no goal" if r.met is None else "met" if r.met else "NOT met"
        print(f"  ratio {r.ratio:.2f} (goal {r.goal_text}: {mark}); {r.note}")


if __name__ == "__main__":
    main()
