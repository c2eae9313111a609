"""The status of treaties on a day or over a period, each with its reason, interval and basis."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, make_dataclass, replace
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from ..dates import MAX_DAY, MIN_DAY, DayLike, PartialDate, parse_date, parse_period, period_words
from ..display import Shown, counted, html_table, interval, joined, status_words, tally, wrapped
from ..errors import DateKindError
from ..frames import Tabular, columns, pick
from ..timeline import Bound, Segment, Step
from ..vocabulary import MEMBERSHIP_WORDS, Status

if TYPE_CHECKING:
    from ..compiled import CompiledCorpus, DateLike
    from ..lifecycle import Life, Membership

__all__ = [
    "STATUS_ORDER",
    "PeriodAnswer",
    "StatusAnswer",
    "answer",
    "listed",
    "membership_of",
    "parties_on",
    "period_words",
    "status",
    "status_over",
    "statuses",
    "statuses_over",
]

STATUS_ORDER = ("not_signed", "signed", "provisional", "in_force", "suspended", "unknown", "terminated")


@dataclass(frozen=True, repr=False, init=False)
class StatusAnswer(Shown, Tabular):
    """The status of one treaty on one day, with why.

    Shows itself short (``treatyrules.display``); its table row (``to_pandas`` on a list of them):
    ``date, id, title, status, reason, since, until, last_day, parties`` (codes joined by commas),
    ``party_count, summary, possible, basis_steps`` (how many steps ``basis`` holds), ``sources``
    (joined by `` | ``), ``assumption, reading``, and with ``party`` ``membership, membership_since,
    membership_until``.

    A frozen dataclass of these fields; it holds its ``date`` and the rest in one shared piece
    (``_Piece``), so that the answers of ``status`` between two of a treaty's cuts cost one small
    object each.
    """

    __slots__ = ("_piece", "date")
    if TYPE_CHECKING:  # the slot holding the rest (a ``_Piece``; not a field)
        _piece: Any

    date: dt.date
    id: str
    title: str
    status: str
    reason: str | None
    since: dt.date | None
    until: dt.date | None
    parties: tuple[str, ...]
    summary: str
    basis: tuple[Step, ...]
    sources: tuple[str, ...]
    possible: tuple[str, ...] = ()
    assumption: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    depends_on: tuple[Step, ...] = ()
    #: the declared reading the treaty was evaluated under (``None``: its text)
    reading: str | None = None

    def __init__(
        self,
        date: dt.date,
        id: str,
        title: str,
        status: str,
        reason: str | None,
        since: dt.date | None,
        until: dt.date | None,
        parties: tuple[str, ...],
        summary: str,
        basis: tuple[Step, ...],
        sources: tuple[str, ...],
        possible: tuple[str, ...] = (),
        assumption: str | None = None,
        extra: Mapping[str, Any] | None = None,
        depends_on: tuple[Step, ...] = (),
        reading: str | None = None,
    ) -> None:
        extra = {} if extra is None else extra
        piece = _Piece(
            id, title, status, reason, since, until, parties, summary, basis, sources, possible, assumption,
            extra, depends_on, reading,
        )  # fmt: skip
        _set(self, "date", date)
        _set(self, "_piece", piece)

    def on(self, day: dt.date) -> StatusAnswer:
        """This answer with ``date`` set to ``day`` (``dataclasses.replace`` without rebuilding its piece)."""
        return _dated(day, self._piece)

    def __reduce__(self) -> tuple[Any, ...]:  # pickle and copy: frozen slots take no state by setattr
        return (_dated, (self.date, self._piece))

    @property
    def last_day(self) -> dt.date | None:
        """The last day the status holds (``until - 1 day``)."""
        return self.until - dt.timedelta(days=1) if self.until else None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "reason": self.reason,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "parties": list(self.parties),
            "summary": self.summary,
            "basis": [s.to_json() for s in self.basis],
            "sources": list(self.sources),
        }
        if self.possible:
            out["possible"] = list(self.possible)
        if self.depends_on:
            out["depends_on"] = [d.to_json() for d in self.depends_on]
        if self.assumption:
            out["assumption"] = self.assumption
        if self.reading:
            out["reading"] = self.reading
        out.update(self.extra)
        return out

    noun = ("treaty", "treaties")
    html_header = ("treaty", "status", "since", "until", "reason", "summary")
    frame_columns = columns(
        "date:date id title status reason since:date until:date last_day:date parties party_count:int summary "
        "possible basis_steps:int sources assumption reading membership membership_since:date membership_until:date"
    )

    def brief(self) -> str:
        said = status_words(self.status, self.reason, self.possible)
        return f"{self.id} on {self.date}: {said} {interval(self.since, self.until)}".rstrip()

    def html_cells(self) -> tuple[object, ...]:
        said = status_words(self.status, None, self.possible)
        return (self.id, said, self.since, self.until, self.reason, self.summary)

    def _notes(self) -> list[str]:
        ms = self.extra.get("membership")
        member = f"membership of {ms['party']}: {ms['status']} {interval(ms['since'], ms['until'])}" if ms else ""
        reading = f"reading: {self.reading}" if self.reading else ""
        note = f"note: {self.assumption}" if self.assumption else ""
        return [n.rstrip() for n in (member, reading, note) if n]

    def _lines(self) -> list[str]:
        parties = ", ".join(self.parties) if len(self.parties) <= 12 else f"{len(self.parties)} parties"
        facts = f"  parties: {parties or '-'}; basis: {counted(len(self.basis), 'step')} (.basis)"
        return [self.brief(), *wrapped(self.title), *wrapped(self.summary), facts, *(f"  {n}" for n in self._notes())]

    def _html(self) -> str:
        caption = f"{self.title}, on {self.date}"
        return html_table(self.html_header, [self.html_cells()], caption=caption, notes=self._notes())

    @classmethod
    def list_summary(cls, items: Sequence[Any]) -> str:
        return tally((a.status for a in items), STATUS_ORDER)

    def frame_rows(self) -> list[dict[str, Any]]:
        row = pick(self, "date id title status reason since until last_day summary assumption reading")
        ms = self.extra.get("membership") or {}
        row.update(
            parties=joined(self.parties),
            party_count=len(self.parties),
            possible=joined(self.possible),
            basis_steps=len(self.basis),
            sources=joined(self.sources, " | "),
            membership=ms.get("status"),
            membership_since=_day(ms.get("since")),
            membership_until=_day(ms.get("until")),
        )
        return [row]


#: everything in a status answer but its ``date``: what the answers of one piece of a treaty's life
#: (between two ``CompiledCorpus.answer_cuts``) share
_Piece = make_dataclass(
    "_Piece", [(f.name, f.type) for f in fields(StatusAnswer) if f.name != "date"], frozen=True, slots=True
)
_new = object.__new__
_set = object.__setattr__
_right = bisect.bisect_right


#: the slots' own setters (what ``object.__setattr__`` looks up on every call)
_put_date, _put_piece = StatusAnswer.__dict__["date"].__set__, StatusAnswer.__dict__["_piece"].__set__


def _dated(day: dt.date, piece: Any) -> StatusAnswer:
    out = _new(StatusAnswer)
    _put_date(out, day)
    _put_piece(out, piece)
    return out


for _name in (f.name for f in fields(_Piece)):  # each field but ``date`` is read from the piece
    setattr(StatusAnswer, _name, property(attrgetter(f"_piece.{_name}"), doc=f"The answer's ``{_name}``."))


def _day(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def status(c: CompiledCorpus, treaty_id: str, on: DateLike, *, party: str | None = None) -> StatusAnswer:
    """The status of a treaty on a day, with its reason, interval and basis; with ``party`` (read as
    on that day), also that party's membership of a multilateral treaty (``extra["membership"]``).

    Without ``party``, the answer built for the day's piece of the treaty's life (between two of
    ``CompiledCorpus.answer_cuts``, by bisection) is given again with its ``date`` set to the day.
    """
    day = on if type(on) is dt.date else parse_date(on)
    if party:
        life = c.life(treaty_id)
        return _with_membership(c, life, answer_on(c, life, day), c.registry.resolve(party, day), day)
    cuts, answers = c.points.get(treaty_id) or _pieces(c, treaty_id)
    i = _right(cuts, day)
    a = answers[i]
    if a is None:
        a = answers[i] = answer_on(c, c.life(treaty_id), day)
    elif a.date != day:  # a.on(day), inline
        piece = a._piece
        a = _new(StatusAnswer)
        _put_date(a, day)
        _put_piece(a, piece)
    return a


def _pieces(c: CompiledCorpus, treaty_id: str) -> tuple[list[dt.date], list[StatusAnswer | None]]:
    """A treaty's cuts, and no answer yet for any piece between them (kept in ``CompiledCorpus.points``)."""
    cuts = c.answer_cuts(treaty_id)
    got: tuple[list[dt.date], list[StatusAnswer | None]] = (cuts, [None] * (len(cuts) + 1))
    c.points[treaty_id] = got
    return got


def statuses(
    c: CompiledCorpus, on: DateLike, *, party: str | None = None, in_force: bool = False, signed_only: bool = True
) -> list[StatusAnswer]:
    """Every treaty's status on a day (by id), optionally only a party's or only those in force.

    ``party`` is read as on that day (``Registry.resolve``): ccode ``365`` is the USSR in 1985.
    """
    day = parse_date(on)
    code = c.registry.resolve(party, day) if party else None
    out = []
    for life in c.lives.values():
        seg = life.timeline.at(day)
        if not listed(seg.status, in_force=in_force, signed_only=signed_only):
            continue
        if code is not None and not involves(c, life, code, day):
            continue
        a = answer(c, life, seg, day)
        out.append(_with_membership(c, life, a, code, day) if code is not None else a)
    return out


def listed(status: str, *, in_force: bool = False, signed_only: bool = True) -> bool:
    """Whether ``statuses`` lists a treaty of this status on the day: not if unsigned (unless
    ``signed_only=False``), only if in force with ``in_force``."""
    return not (signed_only and status == Status.not_signed) and not (in_force and status != Status.in_force)


def _with_membership(c: CompiledCorpus, life: Life, a: StatusAnswer, code: str, day: dt.date) -> StatusAnswer:
    ms = membership_of(c, life, code, day)
    return replace(a, extra={**a.extra, "membership": ms}) if ms is not None else a


def involves(c: CompiledCorpus, life: Life, code: str, day: dt.date) -> bool:
    """Whether ``code`` is an original party, or holds a party's place on the day (continuity)."""
    return code in life.memberships or code in parties_on(c, life, day)


def parties_on(c: CompiledCorpus, life: Life, day: dt.date) -> tuple[str, ...]:
    """Party codes on a day (canonical codes on that day): the members in force; for a terminated
    treaty, the members in force on its last day (codes on that day); else the original parties."""
    seg = life.timeline.at(day)
    live = (Status.in_force, Status.unknown)
    if seg.status in (Status.in_force, Status.suspended, Status.unknown):
        chosen = [m for m, ms in life.memberships.items() if ms.timeline.at(day).status in live]
    else:
        chosen = list(life.treaty.parties)
        if seg.status == Status.terminated and seg.start > MIN_DAY:  # the parties as they were at the end
            day = seg.start - dt.timedelta(days=1)
            last = [m for m, ms in life.memberships.items() if ms.timeline.at(day).status in live]
            chosen = last or chosen
    out = []
    for m in chosen:
        now = c.registry.code_on(m, day) if m in c.registry else m
        out.append(now or m)
    return tuple(dict.fromkeys(out))


def answer_on(c: CompiledCorpus, life: Life, day: dt.date) -> StatusAnswer:
    """The answer about ``life`` on ``day`` (the slow path of ``status``: every field derived)."""
    return answer(c, life, life.timeline.at(day), day)


def answer(c: CompiledCorpus, life: Life, seg: Segment, day: dt.date) -> StatusAnswer:
    """The answer for the segment of ``life`` holding on ``day``."""
    t = life.treaty
    return StatusAnswer(
        date=day,
        id=t.id,
        title=t.title,
        status=seg.status,
        reason=seg.reason if seg.status == Status.terminated else None,
        since=seg.start if seg.start != MIN_DAY else None,
        until=seg.end,
        parties=parties_on(c, life, day),
        summary=seg.summary,
        basis=seg.basis,
        sources=tuple(dict.fromkeys([*t.sources, *(s.source for s in seg.basis if s.source)])),
        possible=seg.possible,
        assumption=c.assumption_for(day, (t.id,)),
        depends_on=_uncertain_steps(seg),
        reading=c.reading_for(t.id),
    )


def membership_of(c: CompiledCorpus, life: Life, code: str, day: dt.date) -> dict[str, Any] | None:
    """A party's membership of a multilateral treaty on a day (``None`` for bilateral treaties).

    ``status``: ``member``, ``not_yet_member``, ``former_member`` or ``unknown``; ``since`` and
    ``until``: the interval ``[since, until)`` of that status (``None``: open), as for a treaty's
    status; ``reason``: why a former member left; ``spell``: the membership spell itself (entry into
    force for the party to its first day out; of several, the one the day belongs to).
    """
    if not life.treaty.multilateral:
        return None
    line = c.registry.lineage(code)
    member = next((m for m in life.memberships if m in line), None)
    if member is None:
        return None
    ms = life.memberships[member]
    seg = ms.timeline.at(day)
    word = MEMBERSHIP_WORDS.get(Status(seg.status), seg.status)
    now = c.registry.code_on(member, day) if member in c.registry else member
    return {
        "party": now or member,
        "status": word,
        "since": seg.start.isoformat() if seg.start != MIN_DAY else None,
        "until": seg.end.isoformat() if seg.end else None,
        "reason": ms.reason if word == "former_member" else None,
        "summary": seg.summary,
        "spell": _spell_on(ms, day),
    }


def _spell_on(ms: Membership, day: dt.date) -> dict[str, str | None]:
    """The membership spell a day belongs to: the one it falls in, else the last begun by then, else the
    first (a party that left and rejoined has several)."""
    spells: list[tuple[Bound | None, Bound | None]] = [(s.start, s.end) for s in ms.spells] or [(ms.start, ms.end)]
    begun = [sp for sp in spells if sp[0] is not None and sp[0].earliest <= day]
    start, end = begun[-1] if begun else spells[0]
    return {"since": start.describe() if start else None, "until": end.describe() if end else None}


# ------------------------------------------------------------ periods


def status_over(c: CompiledCorpus, treaty_id: str, period: DayLike | PartialDate) -> PeriodAnswer:
    """Which statuses a treaty had over a whole period (``1996``, ``1996-09``, ``1995/1996``).

    For each status: ``all`` (held every day), ``part`` (held some days, certainly not others),
    ``none`` (never held), or ``unknown`` (uncertain dates leave it open).
    """
    start, end, p = _period(period)
    return _over(c, c.life(treaty_id), p, start, end)


def statuses_over(
    c: CompiledCorpus,
    period: DayLike | PartialDate,
    *,
    party: str | None = None,
    in_force: bool = False,
    signed_only: bool = True,
) -> list[PeriodAnswer]:
    """``status_over`` for every treaty (by id), with the filters of ``statuses`` (``party`` read as on
    the period's first day)."""
    start, end, p = _period(period)
    code = c.registry.resolve(party, start) if party else None
    out = []
    for life in c.lives.values():
        ans = _over(c, life, p, start, end)
        if signed_only and ans.held.get("not_signed") == "all":
            continue
        if in_force and ans.held["in_force"] == "none":
            continue
        if code is not None and not any(involves(c, life, code, d) for d in (start, *ans.change_days)):
            continue
        out.append(ans)
    return out


def _over(c: CompiledCorpus, life: Life, p: PartialDate, start: dt.date, end: dt.date) -> PeriodAnswer:
    segs = life.timeline.overlapping(start, end)
    total = (end - start).days
    certain: dict[str, int] = {}
    possible: dict[str, int] = {}
    parts = []
    for seg in segs:
        lo, hi = max(seg.start, start), min(seg.end or MAX_DAY, end)
        n = (hi - lo).days
        certain[seg.status] = certain.get(seg.status, 0) + n
        for st in (*seg.possible, "unknown") if seg.status == Status.unknown else (seg.status,):
            possible[st] = possible.get(st, 0) + n
        parts.append(answer(c, life, seg, lo))
    kinds = sorted({"in_force", *possible}, key=_status_order)
    held = {st: _held(certain.get(st, 0), possible.get(st, 0), total) for st in kinds}
    change_days = tuple(s.start for s in segs if start < s.start < end)
    assumption = c.assumption_for(end - dt.timedelta(days=1), (life.treaty.id,))
    tid = life.treaty.id
    return PeriodAnswer(
        p, start, end, tid, life.treaty.title, held, tuple(parts), change_days, assumption, c.reading_for(tid)
    )


def _held(certain: int, possible: int, total: int) -> str:
    """``all``, ``none``, ``part`` or ``unknown``, from the days a status certainly and possibly held."""
    if certain == total:
        return "all"
    if possible == 0:
        return "none"
    return "part" if certain > 0 and possible < total else "unknown"


def _status_order(status: str) -> tuple[int, str]:
    return (STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER), status)


@dataclass(frozen=True, repr=False)
class PeriodAnswer(Shown, Tabular):
    """A treaty's statuses over a period ``[start, end)``: which held all of it, part of it, or none.

    ``held``: status -> ``all`` | ``part`` | ``none`` | ``unknown`` (``in_force`` always present; a
    status missing from it is ``none``). ``parts``: one answer per status interval meeting the
    period, clipped to it (``date`` is the first day of the part). ``change_days``: days inside the
    period on which the status changes.
    """

    period: PartialDate
    start: dt.date
    end: dt.date
    id: str
    title: str
    held: Mapping[str, str]
    parts: tuple[StatusAnswer, ...]
    change_days: tuple[dt.date, ...]
    assumption: str | None = None
    #: the declared reading the treaty was evaluated under (``None``: its text)
    reading: str | None = None

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "held": dict(self.held),
            "change_days": [d.isoformat() for d in self.change_days],
            "parts": [],
        }
        for i, a in enumerate(self.parts):
            to = self.parts[i + 1].date if i + 1 < len(self.parts) else self.end
            part = {
                "from": a.date.isoformat(),
                "to": to.isoformat(),
                "last_day": (to - dt.timedelta(days=1)).isoformat(),
                "days": (to - a.date).days,
            }
            j = a.to_json()
            for k in ("title", "parties", "sources", "assumption", "reading"):
                j.pop(k, None)
            part.update(j)
            out["parts"].append(part)
        if self.assumption:
            out["assumption"] = self.assumption
        if self.reading:
            out["reading"] = self.reading
        return out

    noun = ("treaty", "treaties")
    html_header = ("treaty", "period", "held", "changes on")
    frame_columns = columns(
        "period start:date end:date id title "
        + " ".join(f"held_{st}" for st in STATUS_ORDER)
        + " change_days changes:int assumption reading"
    )

    def _held(self) -> str:
        return ", ".join(f"{st} {v}" for st, v in self.held.items() if v != "none") or "nothing"

    def brief(self) -> str:
        changes = f"; changes on {joined(self.change_days, ', ')}" if self.change_days else ""
        return f"{self.id} over {self.period.raw}: {self._held()}{changes}"

    def html_cells(self) -> tuple[object, ...]:
        return (self.id, self.period.raw, self._held(), joined(self.change_days, ", "))

    def _lines(self) -> list[str]:
        parts = [f"  from {a.date}: {status_words(a.status, a.reason, a.possible)}" for a in self.parts]
        return [self.brief(), *parts, *([f"  note: {self.assumption}"] if self.assumption else [])]

    def _html(self) -> str:
        ends = [*(a.date for a in self.parts[1:]), self.end]
        rows = [
            (a.date, to, status_words(a.status, a.reason, a.possible), a.summary)
            for a, to in zip(self.parts, ends, strict=True)
        ]
        notes = [f"note: {self.assumption}"] if self.assumption else []
        return html_table(("from", "to", "status", "summary"), rows, caption=self.brief(), notes=notes)

    def frame_rows(self) -> list[dict[str, Any]]:
        row = pick(self, "id title start end assumption reading")
        row.update(period=self.period.raw, change_days=joined(self.change_days), changes=len(self.change_days))
        row.update({f"held_{st}": self.held.get(st, "none") for st in STATUS_ORDER})
        return [row]


def _period(period: DayLike | PartialDate) -> tuple[dt.date, dt.date, PartialDate]:
    p = parse_period(period)
    if ".." in p.raw:
        raise DateKindError(p.raw, f"{period_words(p)}, and a period question needs both ends: give e.g. 1995/1996")
    if p.open:  # the first or last representable day: no day after it to end a half-open period
        raise DateKindError(p.raw, f"{period_words(p)}; a period question must lie within the years 0002 to 9998")
    return p.earliest, p.latest + dt.timedelta(days=1), p


def _uncertain_steps(seg: Segment) -> tuple[Step, ...]:
    """The steps of an ``unknown`` answer whose dates are uncertain: the facts the answer depends on."""
    if seg.status != Status.unknown:
        return ()
    return tuple(st for st in seg.basis if st.uncertain)
