"""Cross-file checks of a rules folder: codes, references, date order, and the derivation itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .errors import Problem, closest
from .lifecycle import Life
from .loader import RulesFolder
from .schema import NOTICES, Event, EventType, Treaty
from .states import Registry
from .yamlfile import locate

__all__ = ["cross_checks", "derivation_problems"]


def _pos(folder: RulesFolder, tid: str, loc: tuple[str | int, ...]) -> tuple[str, int, int]:
    f = str(folder.files.get(tid, folder.root / "treaties" / f"{tid}.yaml"))
    line, col = locate(loc, folder.marks.get(f, {}))
    return f, line, col


Loc = tuple[str | int, ...]


def cross_checks(folder: RulesFolder, registry: Registry) -> list[Problem]:
    """Problems that need more than one file to see."""
    ids = set(folder.treaties)
    out: list[Problem] = []
    for tid, t in sorted(folder.treaties.items()):
        out += _unknown_states(folder, tid, t, registry)
        out += _unknown_treaties(folder, tid, t, ids)
        out += _notice_not_shorter(folder, tid, t)
        out += _order(folder, tid, t)
    return out


def _problem(folder: RulesFolder, tid: str, loc: Loc, message: str, code: str) -> Problem:
    f, line, col = _pos(folder, tid, loc)
    return Problem(f, line, col, message, ".".join(map(str, loc)), code=code)


def _unknown_states(folder: RulesFolder, tid: str, t: Treaty, registry: Registry) -> list[Problem]:
    states = registry.states  # a registry code: known without asking the registry to read it
    out = []
    for at, codes, listed in t.code_lists():
        if all(map(states.__contains__, codes)):  # the common case: a list of registry codes
            continue
        for j, code in enumerate(codes):
            if code in states or code in registry:
                continue
            hint = closest(code, sorted(states))
            sug = f"; did you mean {', '.join(hint)}?" if hint else "; add it to states.yaml"
            loc = (*at, j) if listed else at
            out.append(_problem(folder, tid, loc, f"unknown state code {code!r}{sug}", "unknown_state"))
    return out


def _treaty_refs(t: Treaty) -> Iterator[tuple[Loc, str]]:
    """Every reference to another treaty: supersedes clauses (text and readings), superseded events."""
    if t.clauses.supersedes is not None:
        yield from ((("clauses", "supersedes", "treaties", i), r) for i, r in enumerate(t.clauses.supersedes.treaties))
    for r, reading in enumerate(t.readings):
        if reading.clauses is not None and reading.clauses.supersedes is not None:
            where: Loc = ("readings", r, "clauses", "supersedes", "treaties")
            yield from (((*where, i), x) for i, x in enumerate(reading.clauses.supersedes.treaties))
    for at, events in t.event_lists():
        yield from (((*at, i, "by_treaty"), e.by_treaty) for i, e in enumerate(events) if e.by_treaty)


def _unknown_treaties(folder: RulesFolder, tid: str, t: Treaty, ids: set[str]) -> list[Problem]:
    out = []
    for loc, ref in _treaty_refs(t):
        if ref not in ids:
            hint = closest(ref, ids)
            sug = f"; did you mean {', '.join(hint)}?" if hint else ""
            out.append(_problem(folder, tid, loc, f"reference to unknown treaty {ref!r}{sug}", "unknown_treaty"))
    return out


def _notice_not_shorter(folder: RulesFolder, tid: str, t: Treaty) -> list[Problem]:
    d = t.clauses.duration
    if d is None or d.term is None or d.renewal is None or d.term.longer_than(d.renewal.notice_before_end):
        return []
    loc = ("clauses", "duration", "renewal", "notice_before_end")
    message = f"notice period {d.renewal.notice_before_end} is not shorter than the term {d.term}"
    return [_problem(folder, tid, loc, message, "notice_longer_than_term")]


def _order(folder: RulesFolder, tid: str, t: Treaty) -> list[Problem]:
    """Dates certainly out of order: entry into force before signature, a notice before entry
    into force, a withdrawal before the accession (in the text and in each reading)."""
    out: list[Problem] = []

    def bad(loc: Loc, message: str) -> None:
        f, line, col = _pos(folder, tid, loc)
        out.append(Problem(f, line, col, message, ".".join(map(str, loc)), code="order"))

    sig = t.event(EventType.signed)
    for at, events in t.event_lists():
        every = t.events if at == ("events",) else [*t.events, *events]
        eif = next((e for e in reversed(every) if e.type is EventType.entered_into_force and e.party is None), None)
        # a party's first accession: a withdrawal before it is out of order, unless the party was in
        # already (an original party, or an earlier accession), when the accession is a re-entry
        entries: dict[str | None, Event] = {}
        for e in sorted((e for e in every if e.type is EventType.accession), key=lambda e: e.date.earliest):
            entries.setdefault(e.party, e)
        for p in t.parties:
            entries.pop(p, None)
        for i, e in enumerate(events):
            loc = (*at, i, "date")
            if (
                e.type is EventType.entered_into_force
                and e.party is None
                and sig is not None
                and e.date.latest < sig.date.earliest
            ):
                bad(loc, f"entry into force {e.date} is before signature {sig.date}; check both dates")
            if e.type in NOTICES and eif is not None and e.date.latest < eif.date.earliest:
                bad(loc, f"notice on {e.date} is before entry into force {eif.date}; check both dates")
            if e.type is EventType.withdrawal and e.party in entries and e.date.latest < entries[e.party].date.earliest:
                bad(loc, f"withdrawal of {e.party} on {e.date} is before its accession {entries[e.party].date}")
    return out


def derivation_problems(folder: RulesFolder, lives: dict[str, Life]) -> list[Problem]:
    """The lifecycle's own findings (recorded ends that disagree with the clauses, notices without a clause...)."""
    out: list[Problem] = []
    for tid, life in sorted(lives.items()):
        for c in life.checks:
            loc: tuple[str | int, ...] = ("events", c.event_index) if c.event_index is not None else ("id",)
            f, line, col = _pos(folder, tid, loc)
            out.append(Problem(f, line, col, c.message, ".".join(map(str, loc)), c.severity, c.code))
    return out


def relative(problems: list[Problem], base: Path) -> list[Problem]:
    """Show file paths relative to ``base`` where possible."""
    out = []
    for p in problems:
        f = Path(p.file)
        try:  # the file's own name is kept: a symlink is named as itself, a symlink loop is not followed
            rel = str((f.parent.resolve() / f.name).relative_to(base.resolve()))
        except (ValueError, OSError, RuntimeError):
            rel = p.file
        out.append(Problem(rel, p.line, p.col, p.message, p.field, p.severity, p.code))
    return out
