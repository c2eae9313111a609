"""Per-treaty boundary tables: ``tests/treaties/<ID>.yaml`` lists every day on which the treaty's
status, or a member's, changes, with the status the day before and on the day (and the reason).

Each table is a specification checked against the treaty's sources (``docs/sources/<ID>.md``), not
a copy of whatever the engine says: ``python -m tests.boundaries ID`` drafts the table of a new
treaty from the engine, and every row must then be read against the sources before it is
committed (README, "Adding a treaty"). ``tests/test_treaty_boundaries.py`` checks both sides of
each row, and that no change day of any shipped treaty is missing from its table.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent / "treaties"
ONE = dt.timedelta(days=1)


def rows(timeline: Any) -> list[dict[str, Any]]:
    """Each change day of a timeline: ``{on, before, after[, reason]}``."""
    out = []
    for day in timeline.change_days():
        a, b = timeline.at(day - ONE), timeline.at(day)
        row: dict[str, Any] = {"on": day.isoformat(), "before": str(a.status), "after": str(b.status)}
        if b.reason:
            row["reason"] = str(b.reason)
        out.append(row)
    return out


def draft(corpus: Any, tid: str) -> str:
    """The table of one treaty as the engine derives it: a draft to check against the sources."""
    life = corpus.life(tid)
    doc: dict[str, Any] = {"treaty": rows(life.timeline)}
    members = {m: rows(ms.timeline) for m, ms in life.memberships.items()}
    if len(life.memberships) > 2 or any(len(r) > 2 for r in members.values()):
        doc["members"] = members
    head = (
        f"# {tid}: every day its status (or a member's) changes; the status the day before and on the day.\n"
        f"# Checked against the sources in docs/sources/{tid}.md.\n"
    )
    return head + yaml.safe_dump(doc, sort_keys=False, default_flow_style=None, width=120)


def load(tid: str) -> dict[str, Any]:
    """The stored table of one treaty."""
    data: dict[str, Any] = yaml.safe_load((HERE / f"{tid}.yaml").read_text(encoding="utf-8"))
    return data


if __name__ == "__main__":
    import treatyrules

    shipped = treatyrules.load()
    for tid in sys.argv[1:] or shipped.ids:
        (HERE / f"{tid}.yaml").write_text(draft(shipped, tid), encoding="utf-8")
        print(tid)
