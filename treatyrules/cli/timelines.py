"""``treatyrules timeline``: every status interval of a treaty, or of one member's spells (``--party``),
with the one-direction suspensions (ANZUS: USA -> NZL from 1986-08-11) that concern them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import click

from .. import output
from ..corpus import Corpus
from ..dates import MIN_DAY
from ..errors import UsageError
from ..lifecycle import Life, PairSuspension
from ..timeline import Segment
from ..vocabulary import MEMBERSHIP_WORDS, Status
from . import lookup
from .context import FORMATS, Ctx
from .provenance import Provenance, provenance

__all__ = ["timeline"]


@dataclass(frozen=True)
class _View:
    """What a timeline shows: the treaty's segments or one member's, and the suspensions."""

    tid: str
    title: str
    member: str | None
    segments: tuple[Segment, ...]
    suspensions: tuple[PairSuspension, ...]

    def word(self, seg: Segment) -> str:
        """The status as shown: a member's in membership words (``member``, ``former_member``)."""
        return MEMBERSHIP_WORDS.get(Status(seg.status), seg.status) if self.member else seg.status


@click.command()
@click.argument("treaty_id")
@click.option(
    "--party",
    default=None,
    help="Only this member's own spells and the suspensions owed by or to it (code, ccode or name).",
)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.pass_obj
def timeline(obj: Ctx, treaty_id: str, party: str | None, fmt: str) -> None:
    """Every status interval [start, end) of a treaty, with its reason and last day; the suspensions of
    one direction of its obligations; with --party, one member's own spells."""
    corpus = obj.corpus()
    tid = lookup.treaty_id(corpus, treaty_id)
    life = corpus.life(tid)
    member = _member(corpus, life, party) if party else None
    view = _View(
        tid,
        life.treaty.title,
        member,
        life.memberships[member].timeline.segments if member else life.timeline.segments,
        tuple(s for s in life.suspensions if member is None or member in (s.obligor, s.beneficiary)),
    )
    known = corpus.compiled.knowledge_date_of(tid)
    later = f"the rules record events up to {known}; intervals after it assume no later events" if known else None
    prov = provenance(corpus, None, [tid], assumption=later)
    render = {"json": _json, "csv": _csv}.get(fmt, _table)
    click.echo(render(view, prov), nl=False)


def _member(corpus: Corpus, life: Life, party: str) -> str:
    """The member of ``life`` that ``party`` is or continues (``RUS`` finds ``SUN``)."""
    code = corpus.registry.resolve(party)
    line = corpus.registry.lineage(code)
    found = next((m for m in life.memberships if m in line), None)
    if found is None:
        raise UsageError(f"{code} is no party to {life.treaty.id}; its parties: {', '.join(life.memberships)}")
    return found


def _bounds(start: dt.date, end: dt.date | None) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    """``start`` (``None`` when open), ``end`` and the last day."""
    return (start if start != MIN_DAY else None), end, (end - dt.timedelta(days=1) if end else None)


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _json(view: _View, prov: Provenance) -> str:
    doc: dict[str, Any] = {"id": view.tid, "title": view.title}
    if view.member:
        doc["party"] = view.member
    p = prov.to_json()
    doc.update(reading=prov.reading if prov.readers else "text", as_of=p["as_of"])
    doc.update(knowledge_date=p["knowledge_date"], assumption=prov.assumption)
    doc["intervals"] = [
        {
            "status": view.word(seg),
            "start": _iso(start),
            "end": _iso(end),
            "last_day": _iso(last),
            "reason": seg.reason,
            "summary": seg.summary,
            "possible": list(seg.possible),
            "basis": [b.to_json() for b in seg.basis],
        }
        for seg in view.segments
        for start, end, last in [_bounds(seg.start, seg.end)]
    ]
    if view.suspensions:
        doc["suspensions"] = [_suspension_json(s) for s in view.suspensions]
    return output.dumps_json(doc)


def _suspension_json(s: PairSuspension) -> dict[str, Any]:
    start, end, last = _bounds(s.start, s.end)
    return {
        "obligor": s.obligor,
        "beneficiary": s.beneficiary,
        "start": _iso(start),
        "end": _iso(end),
        "last_day": _iso(last),
        "basis": [b.to_json() for b in s.steps],
    }


def _csv(view: _View, prov: Provenance) -> str:
    if not view.member:
        return output.render_csv(
            ["id", "status", "start", "end", "last_day", "reason", "possible", "summary"],
            [
                [view.tid, seg.status, *_bounds(seg.start, seg.end), seg.reason, " ".join(seg.possible), seg.summary]
                for seg in view.segments
            ],
        )
    rows: list[list[object]] = []
    for seg in view.segments:
        head = [view.tid, view.member, "membership", None, None, view.word(seg)]
        rows.append([*head, *_bounds(seg.start, seg.end), seg.reason, seg.summary])
    for s in view.suspensions:
        head = [view.tid, view.member, "suspension", s.obligor, s.beneficiary, "suspended"]
        rows.append([*head, *_bounds(s.start, s.end), None, _why(s)])
    header = ["id", "party", "kind", "obligor", "beneficiary", "status", "start", "end", "last_day", "reason"]
    return output.render_csv([*header, "summary"], rows)


def _why(s: PairSuspension) -> str:
    return s.steps[0].text if s.steps else f"obligations of {s.obligor} to {s.beneficiary} suspended"


def _table(view: _View, prov: Provenance) -> str:
    what = f"{view.member} in {view.tid}" if view.member else view.tid
    head = f"Timeline of {what} (intervals [start, end); '-' = open)\n" + prov.lines()
    width = 14 if view.member else 11
    body = output.render_table(
        ["STATUS", "START", "END", "LAST DAY", "REASON"],
        [width, 10, 10, 10],
        [([view.word(seg), *_bounds(seg.start, seg.end), seg.reason], seg.summary) for seg in view.segments],
    )
    return head + body + _suspensions_table(view.suspensions)


def _suspensions_table(items: Sequence[PairSuspension]) -> str:
    if not items:
        return ""
    rows = [([s.obligor, s.beneficiary, *_bounds(s.start, s.end)], _why(s)) for s in items]
    return "Suspended in one direction only:\n" + output.render_table(
        ["OBLIGOR", "BENEFICIARY", "START", "END", "LAST DAY"], [7, 11, 10, 10], rows
    )
