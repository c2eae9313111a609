"""The notebook path: a list of answers as a DataFrame, and what a notebook shows of it.

Run: ``python bench/bench_notebook.py``. The shipped corpus, loaded once (its compiled cache warm);
the obligations of 2025-01-01 (about 6,000 answers) asked once and kept, so each row times only the
conversion or the display, interleaved with its baseline in the same run:

* ``to_pandas()`` (built once in Arrow, typed, dates as ``date32``) against what an analyst wrote
  before it: ``pd.DataFrame([dataclasses.asdict(a) ...])``, whose dates and conditions are objects;
* ``_repr_html_()`` (grouped by treaty, at most 40 rows) against ``repr()`` of the plain list of the
  same answers' JSON (``to_json()``), the size a notebook had to render before (bytes, not seconds);
* a panel's ``_repr_html_`` (its first rows) against its ``to_records()`` (every row as Python values).

No goals: these rows are context (goal ``-``). pandas is needed; without it the module says so.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from goals import Context, Row, interleaved  # noqa: E402

DAY = "2025-01-01"


def goal_rows(ctx: Context) -> list[Row]:
    """The notebook rows (see the module docstring); none when pandas is absent."""
    try:
        import pandas as pd
    except ImportError:
        print("bench_notebook: skipped, pandas is not installed (pip install 'treatyrules[pandas]')")
        return []
    import treatyrules

    corpus = treatyrules.load()
    answers = corpus.obligations(DAY)
    n = len(answers)
    frame, naive = interleaved(
        answers.to_pandas, lambda: pd.DataFrame([dataclasses.asdict(a) for a in answers]), ctx.runs
    )
    shown, dumped = len(answers._repr_html_()), len(repr([a.to_json() for a in answers]))
    panel = corpus.panel("directed-dyad-year", 1946, 2025)
    html, records = interleaved(panel._repr_html_, panel.to_records, ctx.runs)
    cached = "corpus loaded and answers asked once (not timed)"
    return [
        Row(f"obligations {DAY} ({n:,}) to_pandas", frame, "pd.DataFrame(asdict)", naive, None, note=cached),
        Row(f"obligations {DAY} shown in a notebook", shown, "repr of the answers' JSON", dumped, None, unit="B"),
        Row(f"panel ({len(panel):,} rows) _repr_html_", html, "to_records()", records, None, note="panel built once"),
    ]


if __name__ == "__main__":
    import tempfile

    from goals import ATOP

    with tempfile.TemporaryDirectory() as tmp:
        for r in goal_rows(Context(ATOP, None, Path(tmp))):
            print(f"{r.what}: ours {r.ours:.4g} {r.unit}, {r.baseline} {r.base:.4g} {r.unit}, ratio {r.ratio:.3g}")
