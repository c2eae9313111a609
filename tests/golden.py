"""The golden snapshot: every answer the engine gives on the shipped corpus and the test fixtures.

``snapshot(root)`` yields ``(key, text)`` pairs: ``validate`` and ``timeline`` as the CLI prints them
(JSON), and, from the library, the status of each treaty on every day its status or a membership
changes (and the days either side), under every reading; each party's view of a multilateral treaty
on its membership's change days; ``explain`` on the treaty's change days; the obligations and the
scenario on those days; answers as of the day before each change; period answers; and the four
panels. A refactor keeps it byte-identical (``tests/test_golden.py``); a change of behaviour
updates it in its own commit: ``python -m tests.golden`` rewrites ``tests/golden/*.jsonl.gz``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import io
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
#: name -> rules folder, relative to the repository root
FOLDERS = {
    "shipped": "rules",
    "uncertain-dates": "fixtures/honest",
    "report": "fixtures/report",
    "invalid-base": "fixtures/invalid/_base",
}
ONE = dt.timedelta(days=1)


def _cli(*args: str) -> str:
    """The CLI's stdout (and exit code) for ``args``, run in this process."""
    from treatyrules.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return f"exit {code}\n{out.getvalue()}{err.getvalue()}"


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _days(corpus: object, tid: str) -> list[dt.date]:
    """Every change day of the treaty and of its memberships, with the days either side."""
    life = corpus.life(tid)  # type: ignore[attr-defined]
    cuts = set(life.timeline.change_days())
    for ms in life.memberships.values():
        cuts.update(ms.timeline.change_days())
    out = {d + k * ONE for d in cuts for k in (-1, 0, 1) if dt.date(1, 1, 2) <= d <= dt.date(9999, 12, 30)}
    return sorted(out)


def _segments(timeline: object) -> list[dict[str, object]]:
    """Every segment of a timeline with its basis (steps as JSON)."""
    return [
        {
            "status": s.status,
            "start": s.start.isoformat(),
            "end": s.end.isoformat() if s.end else None,
            "reason": s.reason,
            "summary": s.summary,
            "possible": list(s.possible),
            "basis": [b.to_json() for b in s.basis],
        }
        for s in timeline.segments  # type: ignore[attr-defined]
    ]


def _obligations(corpus: object, tid: str, days: list[dt.date]) -> dict[str, object]:
    """The obligations of a treaty on each day, each distinct answer stored once."""
    table: dict[str, int] = {}
    per_day = {}
    for d in days:
        ids = []
        for o in corpus.obligations(d, treaty=tid):  # type: ignore[attr-defined]
            ids.append(table.setdefault(_dump(o.to_json()), len(table)))
        per_day[d.isoformat()] = ids
    return {"answers": list(table), "days": per_day}


def snapshot(name: str) -> Iterator[tuple[str, str]]:
    """Every golden answer of one rules folder, in a fixed order."""
    import treatyrules
    from treatyrules.explain import explain

    rel = FOLDERS[name]
    yield "validate", _cli("--rules", rel, "validate", "--format", "json")
    corpus = treatyrules.load(ROOT / rel)
    for tid in corpus.ids:
        readings = [r.name for r in corpus.treaty(tid).readings]  # another treaty's reading leaves this one as it is
        yield f"timeline {tid}", _cli("--rules", rel, "timeline", tid, "--format", "json")
        for r in readings:
            yield (
                f"timeline {tid} reading={r}",
                _cli("--rules", rel, "--reading", r, "timeline", tid, "--format", "json"),
            )
        days = _days(corpus, tid)
        yield f"status {tid}", _dump([corpus.status(tid, d).to_json() for d in days])
        for r in readings:
            c = corpus.with_options(reading=r)
            yield f"status {tid} reading={r}", _dump([c.status(tid, d).to_json() for d in days])
        life = corpus.life(tid)
        yield f"memberships {tid}", _dump({m: _segments(ms.timeline) for m, ms in life.memberships.items()})
        if len(life.memberships) > 2:
            for m, ms in life.memberships.items():
                mdays = sorted({d + k * ONE for d in ms.timeline.change_days() for k in (-1, 0, 1)})
                yield f"party {tid} {m}", _dump([[a.to_json() for a in corpus.statuses(d, party=m)] for d in mdays])
        changes = life.timeline.change_days()
        yield f"explain {tid}", _dump([explain(corpus, tid, d + k * ONE).to_json() for d in changes for k in (-1, 0)])
        yield f"obligations {tid}", _dump(_obligations(corpus, tid, days))
        parties = list(life.memberships)[:3]
        yield (
            f"scenario {tid}",
            _dump([corpus.scenario(d, attacked=p).to_json() for d in changes for p in parties]),
        )
        asof = [corpus.with_options(as_of=d - ONE) for d in changes]
        yield (
            f"as-of {tid}",
            _dump([[c.status(tid, d).to_json() for d in days[:: max(1, len(days) // 8)]] for c in asof]),
        )
        years = sorted({d.year for d in changes})
        yield f"period {tid}", _dump([corpus.status_over(tid, str(y)).to_json() for y in years])
    if name == "shipped":
        for day, attacker, attacked in (
            ("2026-01-01", "RUS", "EST"),
            ("2026-01-01", "TUR", "GRC"),
            ("1962-10-22", "USA", "CUB"),
        ):
            for rule in ("no", "judged"):
                ans = corpus.cascade(day, attacker=attacker, attacked=attacked, defence_is_attack=rule)
                yield f"cascade {day} {attacker}->{attacked} {rule}", _dump(ans.to_json())
    for unit in ("directed-dyad-year", "dyad-year", "state-year", "directed-dyad-day"):
        yield f"panel {unit}", _cli("--rules", rel, "panel", "--unit", unit, "--from", "1900", "--to", "2030")


def _path(name: str) -> Path:
    return GOLDEN / f"{name}.jsonl.gz"


def read(name: str) -> dict[str, str]:
    """The stored snapshot of one folder."""
    with gzip.open(_path(name), "rt", encoding="utf-8") as f:
        return {rec["key"]: rec["out"] for rec in map(json.loads, f)}


def write(name: str) -> int:
    """Store the current answers of one folder; returns the number of records."""
    GOLDEN.mkdir(exist_ok=True)
    records = list(snapshot(name))
    with gzip.GzipFile(_path(name), "wb", mtime=0) as raw, io.TextIOWrapper(raw, encoding="utf-8") as f:
        for key, out in records:
            f.write(json.dumps({"key": key, "out": out}, ensure_ascii=False) + "\n")
    return len(records)


if __name__ == "__main__":
    os.environ["TREATYRULES_CACHE"] = "0"
    os.chdir(ROOT)
    for folder in sys.argv[1:] or list(FOLDERS):
        print(folder, write(folder))
