"""Explanations: the whole derivation behind one answer, as numbered prose-like steps.

``explain(corpus, "SUN-PRK-1961", "1997-01-01")`` gives the steps the answer rests on (articles,
events, sources), the conclusion, what each alternative date a source gives for a disputed event
would change, what every declared reading answers on that day, the derivation's own findings, and
what the answer assumes (knowledge date, as-of day). Pure: it only reads the compiled corpus.

>>> from treatyrules import load
>>> ex = explain(load(), "CHN-PRK-1961", "2025-01-01")
>>> ex.answer.status, [r.reading for r in ex.readings]
('in_force', ['text', 'twenty-year-renewal'])
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .compiled import CompiledCorpus, CorpusLike, core
from .dates import PartialDate, parse_date
from .display import Shown, clipped, counted, html_table
from .lifecycle import Life
from .lifecycle.regimes import period_running
from .queries.status import StatusAnswer, answer, status
from .schema import Treaty
from .timeline import Step
from .vocabulary import Status

__all__ = ["ExplainStep", "Explanation", "ReadingAnswer", "explain", "period_note"]


@dataclass(frozen=True, slots=True)
class ExplainStep:
    """One numbered step: ``kind`` is question, derivation, other, conclusion, disputed, reading,
    finding or assumption."""

    number: int
    kind: str
    text: str
    article: str | None = None
    event: str | None = None
    date: str | None = None
    source: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"n": self.number, "kind": self.kind, "text": self.text}
        for key in ("article", "event", "date", "source"):
            v = getattr(self, key)
            if v is not None:
                out[key] = v
        return out

    def render(self, width: int = 80) -> str:
        refs = []
        if self.article:
            refs.append(f"Art. {self.article}")
        if self.event:
            refs.append(f"event {self.event}" + (f" dated {self.date}" if self.date else ""))
        if self.source:
            refs.append(f"source: {self.source}")
        body = self.text + (f" ({'; '.join(refs)})" if refs else "")
        head = f"{self.number:>2}. "
        return (
            "\n".join(
                textwrap.wrap(
                    body,
                    width=width,
                    initial_indent=head,
                    subsequent_indent=" " * len(head),
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
            + "\n"
        )


@dataclass(frozen=True, slots=True)
class ReadingAnswer:
    """What one reading (``text`` = the treaty's own words) answers on the day."""

    reading: str
    description: str
    sources: tuple[str, ...]
    answer: StatusAnswer
    period: str | None

    def to_json(self) -> dict[str, Any]:
        a = self.answer
        out: dict[str, Any] = {
            "reading": self.reading,
            "description": self.description,
            "sources": list(self.sources),
            "status": a.status,
            "reason": a.reason,
            "since": a.since.isoformat() if a.since else None,
            "until": a.until.isoformat() if a.until else None,
        }
        if a.possible:
            out["possible"] = list(a.possible)
        if self.period:
            out["period"] = self.period
        return out


@dataclass(frozen=True, repr=False)
class Explanation(Shown):
    """An answer and every step behind it (shows itself as ``to_text``, and in HTML as a table of steps)."""

    id: str
    title: str
    date: dt.date
    reading: str
    as_of: dt.date | None
    answer: StatusAnswer
    steps: tuple[ExplainStep, ...]
    readings: tuple[ReadingAnswer, ...]
    readings_agree: bool
    alternatives: tuple[dict[str, Any], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat(),
            "reading": self.reading,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "answer": self.answer.to_json(),
            "steps": [s.to_json() for s in self.steps],
            "alternatives": list(self.alternatives),
            "readings": [r.to_json() for r in self.readings],
            "readings_agree": self.readings_agree,
        }

    html_header = ("n", "kind", "text", "article", "event", "date", "source")

    def brief(self) -> str:
        return f"{self.answer.brief()} ({counted(len(self.steps), 'step')}; reading {self.reading})"

    def _lines(self) -> list[str]:
        return self.to_text(width=100).rstrip("\n").splitlines()

    def _html(self) -> str:
        rows = [
            (s.number, s.kind, s.text, s.article, s.event, s.date, clipped(s.source or "", 120)) for s in self.steps
        ]
        return html_table(self.html_header, rows, caption=f"{self.brief()}: {self.title}")

    def to_text(self, width: int = 80) -> str:
        a = self.answer
        out = [f"{self.id} on {self.date.isoformat()}: {a.status}" + (f" ({a.reason})" if a.reason else "") + "\n"]
        out.append(textwrap.fill(self.title, width=width) + "\n")
        titles = {
            "question": None,
            "derivation": "How the answer is derived",
            "other": "Other recorded facts of this treaty",
            "conclusion": "Answer",
            "disputed": "Disputed dates",
            "reading": "Readings",
            "finding": "Findings of the derivation",
            "assumption": "Assumption",
        }
        last_kind = None
        for s in self.steps:
            if s.kind != last_kind and titles.get(s.kind):
                out.append(f"\n{titles[s.kind]}\n")
            last_kind = s.kind
            out.append(s.render(width))
        return "".join(out)


def period_note(life: Life, day: dt.date) -> str | None:
    """For a treaty in force on ``day`` with a fixed term: when the period running then ends.

    The period is the one of the duration clause governing on ``day`` (an amendment's from its date,
    ``lifecycle.regimes``); only when its anchor day is exact (an uncertain anchor makes every period
    end a range).
    """
    if life.timeline.at(day).status != Status.in_force:
        return None
    p = period_running(life.regimes, day)
    if p is None:
        return None
    d, amended = p.regime.duration, p.regime.start
    assert d is not None and d.term is not None
    if amended is not None:
        art = f"the duration clause as amended on {amended.describe()}"
    else:
        art = f"Art. {d.article}" if d.article else "the duration clause"
    if d.renewal is None or p.notice_deadline is None:
        return f"under {art} the fixed term of {d.term.words()} ends on {p.end}"
    if p.index > 0:
        which = f"{d.renewal.period.adjective()} renewal period {p.index}"
    else:
        which = (
            f"the {d.term.adjective()} term from the amendment" if amended else f"the initial {d.term.adjective()} term"
        )
    head = f"under {art} the period running on {day} ({which}) ends on {p.end}"
    if life.end is not None and life.end.exact and life.end.earliest == p.end:
        return f"{head}; the notice of non-renewal recorded above ends the treaty then"
    return (
        f"{head}; a notice of non-renewal given by {p.notice_deadline} would end the treaty then, "
        f"otherwise it renews for {d.renewal.period.words()}"
    )


def _describe(a: StatusAnswer) -> str:
    if a.status == "unknown":
        return f"unknown ({' or '.join(a.possible)}) from {a.since} until {a.until}"
    txt = a.status + (f" ({a.reason})" if a.reason else "")
    if a.since:
        txt += f" since {a.since}"
    if a.until:
        txt += f" until {a.until} (last day {a.last_day})"
    return txt


@dataclass(frozen=True, slots=True)
class _Draft:
    """A step before it is numbered."""

    kind: str
    text: str
    article: str | None = None
    event: str | None = None
    date: str | None = None
    source: str | None = None


def _drafts(kind: str, steps: Iterable[Step]) -> list[_Draft]:
    return [_Draft(kind, s.text, s.article, s.event, s.date, s.source) for s in steps]


def explain(corpus: CorpusLike, treaty_id: str, on: str | dt.date) -> Explanation:
    """Every step behind the status of ``treaty_id`` on ``on``, under the corpus' reading and as-of day."""
    corpus = core(corpus)
    tid = corpus.resolve(treaty_id)
    day = parse_date(on)
    base, life, ans = corpus.treaty(tid), corpus.life(tid), status(corpus, tid, day)
    reading = corpus.reading_for(tid) or "text"
    alternatives, disputed = _alternatives(corpus, base, day)
    readings = _readings(corpus, base, day)
    agree = len({(r.answer.status, r.answer.reason, r.answer.possible) for r in readings}) <= 1
    drafts = [
        *_question(corpus, tid, day, reading),
        *_drafts("derivation", ans.basis),
        *_drafts("other", (s for s in life.steps if s not in ans.basis)),
        *_conclusions(ans, life, day),
        *disputed,
        *_reading_drafts(readings, agree, day),
        *(_Draft("finding", f"{c.severity}: {c.message}") for c in life.checks),
        *([_Draft("assumption", ans.assumption[0].upper() + ans.assumption[1:] + ".")] if ans.assumption else []),
    ]
    steps = tuple(
        ExplainStep(n, d.kind, d.text, d.article, d.event, d.date, d.source) for n, d in enumerate(drafts, start=1)
    )
    return Explanation(tid, base.title, day, reading, corpus.as_of, ans, steps, readings, agree, tuple(alternatives))


def _question(corpus: CompiledCorpus, tid: str, day: dt.date, reading: str) -> list[_Draft]:
    under = "the treaty's text" if reading == "text" else f"the reading '{reading}'"
    asof = f", as of {corpus.as_of} (only events known by then)" if corpus.as_of else ""
    out = [_Draft("question", f"Question: the status of {tid} on {day}, under {under}{asof}.")]
    if corpus.reading and reading == "text":
        out.append(_Draft("question", f"{tid} declares no reading '{corpus.reading}'; it is answered under its text."))
    return out


def _conclusions(ans: StatusAnswer, life: Life, day: dt.date) -> list[_Draft]:
    out = [_Draft("conclusion", _conclusion(ans, day))]
    note = period_note(life, day)
    if note:
        out.append(_Draft("conclusion", note[0].upper() + note[1:] + "."))
    return out


def _reading_drafts(readings: Sequence[ReadingAnswer], agree: bool, day: dt.date) -> list[_Draft]:
    if len(readings) == 1:
        return [_Draft("reading", "No alternative readings are declared for this treaty.")]
    out = []
    for r in readings:
        first = r.description.strip().split(". ")[0].rstrip(".")
        label = "the text" if r.reading == "text" else f"reading '{r.reading}' ({first})"
        text = f"Under {label}: {_describe(r.answer)}" + (f"; {r.period}" if r.period else "") + "."
        out.append(_Draft("reading", text, source=None if r.reading == "text" else "; ".join(r.sources)))
    if agree:
        same_span = len({(r.answer.since, r.answer.until) for r in readings}) == 1
        tail = "." if same_span else ", though not on the interval it holds."
        out.append(_Draft("reading", f"The {len(readings)} readings agree on the status on {day}{tail}"))
    else:
        each = "; ".join(f"{r.reading}: {r.answer.status}" for r in readings)
        out.append(_Draft("reading", f"The readings disagree on {day}: {each}."))
    return out


def _conclusion(a: StatusAnswer, day: dt.date) -> str:
    if a.status == "unknown":
        deps = "; ".join(f"{d.event} dated {d.date}" for d in a.depends_on) or "an uncertain date"
        return (
            f"So on {day} the status is unknown: it is {' or '.join(a.possible)} depending on where in its "
            f"range the true day of {deps} falls. It is unknown from {a.since} until {a.until}; "
            f"from {a.until} on it is settled."
        )
    txt = f"So on {day} the treaty is {a.status}" + (f" ({a.reason})" if a.reason else "")
    if a.since:
        txt += f", since {a.since}"
    if a.until:
        txt += f", until {a.until} (its last day {a.last_day})"
    if a.status == "terminated" and a.since:
        txt += f"; its last day in force was {a.since - dt.timedelta(days=1)}"
    return txt + "."


def _alternatives(corpus: CompiledCorpus, base: Treaty, day: dt.date) -> tuple[list[dict[str, Any]], list[_Draft]]:
    """For each event with alternative dates: the answer on ``day`` with each date in turn, and the steps saying so."""
    out: list[dict[str, Any]] = []
    drafts: list[_Draft] = []
    for i, e in enumerate(base.events):
        if not e.alternatives:
            continue
        who = f" by {e.party}" if e.party else ""
        head = f"The {e.type.value}{who} is recorded as {e.date.raw}; sources disagree on its day:"
        drafts.append(_Draft("disputed", head, event=e.type.value, date=e.date.raw, source=e.source))
        dates = [("recorded", e.date, e.source), *[("alternative", a.date, a.source) for a in e.alternatives]]
        rows = [_with_date(corpus, base, i, date, label, source, day) for label, date, source in dates]
        for (label, date, source), (row, a) in zip(dates, rows, strict=True):
            errors = row["inconsistent"]
            clash = f" - but this date clashes with the other facts: {'; '.join(errors)}" if errors else ""
            text = f"with the date {date.raw} ({label}) the answer on {day} is {_describe(a)}{clash}"
            drafts.append(_Draft("disputed", text, source=source if label != "recorded" else None))
        statuses = sorted({str(row["status"]) for row, _ in rows})
        drafts.append(
            _Draft(
                "disputed",
                "Every date the sources give leads to the same status on this day."
                if len(statuses) == 1
                else f"The dates the sources give lead to different answers on this day ({', '.join(statuses)}).",
            )
        )
        out.append({"event": e.type.value, "index": i, "party": e.party, "dates": [row for row, _ in rows]})
    return out, drafts


def _with_date(
    corpus: CompiledCorpus, base: Treaty, i: int, date: PartialDate, label: str, source: str, day: dt.date
) -> tuple[dict[str, Any], StatusAnswer]:
    """The answer on ``day`` with event ``i`` of ``base`` on ``date`` (only that treaty re-evaluated)."""
    events = list(base.events)
    events[i] = events[i].model_copy(update={"date": date, "alternatives": []})
    life = corpus.evaluate_one(base.model_copy(update={"events": events}), corpus.reading)
    a = _answer_on(corpus, life, day)
    row = {
        "date": date.raw,
        "kind": label,
        "source": source,
        "status": a.status,
        "reason": a.reason,
        "since": a.since.isoformat() if a.since else None,
        "until": a.until.isoformat() if a.until else None,
        "possible": list(a.possible),
        "inconsistent": [c.message for c in life.checks if c.severity == "error"],
    }
    return row, a


def _readings(corpus: CompiledCorpus, base: Treaty, day: dt.date) -> tuple[ReadingAnswer, ...]:
    names: list[tuple[str, str, tuple[str, ...]]] = [("text", "the treaty's own text", tuple(base.sources))]
    names += [(r.name, r.description, tuple(r.sources)) for r in base.readings]
    out = []
    for name, desc, sources in names:
        life = corpus.evaluate_one(base, None if name == "text" else name)
        out.append(ReadingAnswer(name, desc, sources, _answer_on(corpus, life, day), period_note(life, day)))
    return tuple(out)


def _answer_on(corpus: CompiledCorpus, life: Life, day: dt.date) -> StatusAnswer:
    """The answer about one re-evaluated treaty (an alternative date, another reading)."""
    return answer(corpus, life, life.timeline.at(day), day)
