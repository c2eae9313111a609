"""Build treaties from ATOP 5.1's checked rows: one treaty ``ATOP-<atopid>`` per alliance.

* **dates**: ATOP dates are signature dates (codebook §2.32); the alliance starts on ``begyr/begmo/begday``
  (a ``signed`` and an ``entered_into_force`` event on that day). A blank day gives a partial date
  ``YYYY-MM``. ATOP's exit day is the **last day in force** (inclusive): its directed dyad-year file
  counts the exit year even when the exit is on 1 January (atopid 3270 exit 1980-01-01, 1980 coded),
  so our half-open end is ``exit + 1 day``; with a blank day the end is the month ``YYYY-MM``.
* **ongoing**: exit ``0/0/0`` means still in force on 2018-12-31 (right-censored). No end event is
  written; the corpus' ``knowledge_date`` is 2018-12-31 instead.
* **states**: registry codes (``codes``): each ccode is the state that held it on the day it is used —
  member rows and accessions on their entry, parties on the alliance's first day, withdrawals on the
  member's last day in, obligations, their partners and adversaries on the obligation's first day.
  The ccode stays in the ``atop`` block's member rows. The rows of ccodes that are one state (FRG 260
  and Germany 255 are both ``DEU``) are one membership.
* **members**: founding members (entry on the alliance's first day) are ``parties``; later ones get an
  ``accession`` event; a member whose last row ends gets a ``withdrawal`` event on its end day (ATOP's
  ``termmode``/``termcaus`` in the note and in the ``atop`` block).
* **obligations**: each member row's own vector (``defense`` ... ``consul``) becomes obligations with
  ``obligors = [member]`` and ``beneficiaries`` = every other member of the same phase, limited to the
  days both rows cover (``since``/``until``). Concurrent phases (successor states) and gaps in a
  member's rows are therefore exact.
* **conditions**: readable conditions from ATOP's flags (``conditions``), each flag named in the
  obligation's ``source``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..corpus import Corpus
from ..dates import parse_partial
from ..errors import InputDataError, RulesError
from ..foldercache import read_states_cached
from ..folderfiles import shipped_rules
from ..schema import Event, EventType, Obligation, ObligationKind, Treaty
from ..states import Registry
from .codes import Codes, LeftOut, Outside
from .coding import ALLIANCE_FILE, KNOWLEDGE_DATE, MEMBER_FILE, PHASE_FILE, AtopCoding, AtopMemberRow, AtopPhase
from .conditions import conditions, flags
from .rows import (
    KINDS,
    AllianceRow,
    Directed,
    MemberRow,
    PhaseRow,
    read_alliances,
    read_directed,
    read_members,
    read_phases,
)

__all__ = ["AtopImport", "build", "load", "shipped_registry"]

_KIND: dict[str, ObligationKind] = {
    "defense": ObligationKind.defence,
    "offense": ObligationKind.offence,
    "neutral": ObligationKind.neutrality,
    "nonagg": ObligationKind.non_aggression,
    "consul": ObligationKind.consultation,
}
_NOTES = [
    "Imported from ATOP 5.1 (Leeds et al.); articles are not in ATOP's files, so each obligation "
    "names its ATOP phase instead. States are registry codes, each the state that held the ATOP "
    "member's COW ccode on the day (the ccode is in the atop block's member rows)."
]


@dataclass(frozen=True)
class AtopImport:
    """What an import produced: treaties in the codes of ``registry``, and what the report says.

    ``left_out``: rows (and alliances) not imported, with why; ``outside``: member rows whose ccode
    no registry state held on the entry day, read as the nearest holder (``codes``).
    """

    treaties: list[Treaty]
    registry: Registry
    rows: int
    left_out: tuple[LeftOut, ...] = ()
    outside: tuple[Outside, ...] = ()
    knowledge_date: dt.date = KNOWLEDGE_DATE


@dataclass(frozen=True, slots=True)
class _Spell:
    """A member row with the state it names, its entry and its half-open end (None: still in force)."""

    row: MemberRow
    code: str
    entry: str
    end: str | None


def _early(s: str) -> dt.date:
    return parse_partial(s).earliest


# ---------------------------------------------------------------- reading the folder


def build(data_dir: str | Path, registry: Registry | None = None, directed: str | Path | None = None) -> AtopImport:
    """Read the ATOP files in ``data_dir`` into treaties in the codes of ``registry`` (nothing is written).

    ``registry``: the states the codes name (default: the shipped registry, which an imported folder
    is read with). ``directed``: ATOP's directed dyad-year file. When given, a member with ``obvary``
    = 1 (its obligations differ by partner, and the member file cannot say toward whom) owes each kind
    only to the partners toward which that file codes the kind in a year both are members
    (``read_directed``). Without it such a member owes its vector to every partner (an upper bound;
    docs/atop.md). Raises ``InputDataError`` for a missing or damaged file, or a ccode in COW's range
    that no registry state holds.
    """
    data_dir = Path(data_dir)
    codes = Codes(registry if registry is not None else shipped_registry())
    members = read_members(data_dir / MEMBER_FILE)
    per_direction = _unexplained(read_directed(directed), members) if directed is not None else None
    alliances = _by_atopid(read_alliances(data_dir / ALLIANCE_FILE), data_dir / ALLIANCE_FILE)
    all_rows = _members_of(members, alliances, data_dir)
    phase_path = data_dir / PHASE_FILE
    phases: dict[int, list[PhaseRow]] = defaultdict(list)
    if phase_path.exists():
        for p in _matching_phases(read_phases(phase_path), members, data_dir):
            phases[p.atopid].append(p)
    kept, left, outside = codes.screen(members, data_dir / MEMBER_FILE)
    rows_by: dict[int, list[MemberRow]] = defaultdict(list)
    for r in kept:
        rows_by[r.atopid].append(r)
    treaties = []
    for aid in sorted(all_rows):
        rows = rows_by.get(aid, [])
        if len(rows) < len(all_rows[aid]) and len({r.member for r in rows}) < 2:
            why = "alliance left out: fewer than two of its members are registry states"
            left.append(LeftOut(aid, None, min(r.line for r in all_rows[aid]), why))
            continue
        treaties.append(_treaty(alliances[aid], rows, phases.get(aid, []), per_direction, codes))
    return AtopImport(treaties, codes.registry, len(members), tuple(left), tuple(outside))


def _by_atopid(alliances: list[AllianceRow], path: Path) -> dict[int, AllianceRow]:
    out: dict[int, AllianceRow] = {}
    for a in alliances:
        if a.atopid in out:
            msg = f"atopid {a.atopid} is here twice (also line {out[a.atopid].line}); keep one"
            raise InputDataError(path, msg, a.line, "atopid")
        out[a.atopid] = a
    return out


def _members_of(
    members: list[MemberRow], alliances: Mapping[int, AllianceRow], data_dir: Path
) -> dict[int, list[MemberRow]]:
    """Member rows by atopid; each alliance must have rows and each row an alliance (a cut file has not)."""
    rows_by: dict[int, list[MemberRow]] = defaultdict(list)
    for r in members:
        if r.atopid not in alliances:
            msg = f"atopid {r.atopid} is not in {ALLIANCE_FILE}; use ATOP's complete files"
            raise InputDataError(data_dir / MEMBER_FILE, msg, r.line, "atopid")
        rows_by[r.atopid].append(r)
    for a in alliances.values():
        found = {r.member for r in rows_by.get(a.atopid, [])}
        _same_members(data_dir / ALLIANCE_FILE, a.line, f"alliance {a.atopid}", "atopid", a.listed, found)
    return rows_by


def _same_members(
    path: Path, line: int, what: str, column: str, listed: frozenset[int] | None, found: set[int]
) -> None:
    """``what`` (an alliance, a phase) has member rows, the very ones its ``mem1``... list (where it has one)."""
    if not found:
        msg = f"{what} has no member rows in {MEMBER_FILE} (a cut member file?); use ATOP's complete files"
        raise InputDataError(path, msg, line, column)
    if listed is not None and listed != found:
        msg = (
            f"{what} lists members {_ccodes(listed)}, but {MEMBER_FILE} has rows for {_ccodes(found)} "
            "(a cut or edited file?); use ATOP's complete files"
        )
        raise InputDataError(path, msg, line, "mem1")


def _ccodes(codes: Iterable[int]) -> str:
    return "[" + ", ".join(map(str, sorted(codes))) + "]"


def _matching_phases(phases: list[PhaseRow], members: list[MemberRow], data_dir: Path) -> list[PhaseRow]:
    """The phase rows, after checking that they and the member rows name the same phases of each alliance."""
    named = {(p.atopid, p.phase): p for p in phases}
    for r in members:
        if (r.atopid, r.phase) not in named:
            msg = f"phase {r.phase} of alliance {r.atopid} is not in {PHASE_FILE} (a cut file?); use ATOP's files"
            raise InputDataError(data_dir / MEMBER_FILE, msg, r.line, "phase")
    used: dict[tuple[int, int], set[int]] = defaultdict(set)
    for r in members:
        used[(r.atopid, r.phase)].add(r.member)
    for p in phases:
        found = used.get((p.atopid, p.phase), set())
        what = f"phase {p.phase} of alliance {p.atopid}"
        _same_members(data_dir / PHASE_FILE, p.line, what, "phase", p.listed, found)
    return phases


# ---------------------------------------------------------------- one alliance


def _treaty(
    a: AllianceRow, rows: list[MemberRow], phases: list[PhaseRow], per_direction: Directed | None, codes: Codes
) -> Treaty:
    spells = _spells(sorted(rows, key=lambda r: (r.phase, r.member)), codes)
    begin = a.begin.text()
    by_member = _memberships(spells)
    first = {m: min((s.entry for s in ss), key=_early) for m, ss in by_member.items()}
    parties = _parties(first, begin)
    src_a = f"ATOP 5.1 {ALLIANCE_FILE} atopid={a.atopid}"
    joined = _membership_events(a.atopid, by_member, first, parties, codes)
    n = len(by_member)
    return Treaty(
        id=f"ATOP-{a.atopid}",
        title=f"ATOP alliance {a.atopid} ({'bilateral' if n == 2 else f'{n} members'}, signed {begin})",
        parties=parties,
        obligations=_obligations(a.atopid, spells, per_direction, codes),
        events=[*_opening(begin, src_a), *joined, *_closing(a, src_a, spells)],
        sources=[src_a, f"ATOP 5.1 {MEMBER_FILE} atopid={a.atopid}"],
        atopid=a.atopid,
        atop=_coding(a, spells, phases, src_a),
        notes=_NOTES,
    )


def _spells(rows: Sequence[MemberRow], codes: Codes) -> list[_Spell]:
    """Each row's state (on its entry day), entry and end. The exit day is the last day in force, except
    that it is the first day out (the end itself) in two cases:

    * a **hand-off**: another member enters the same phase on the exit day (FRG 260 -> Germany 255 on
      1990-10-03); the day belongs to the entrant. In all 9 such cases in ATOP 5.1 (3130, 3180, 3470,
      3740 for Germany; 265 in 3740; the Yemens 678/680 -> 679 on 1990-05-22 in 3015, 3205) ATOP's ddyr
      never pairs the leaver with the entrant, whatever ``termmode`` says (3470 has termmode 2);
    * **a member's state ends that day** in the registry (South Yemen on 1990-05-22, the GDR on
      1990-10-03), for that member and every member of the phase leaving with it (Bulgaria in the
      bilateral 3920 with South Yemen): the day belongs to the continuator, if any, which ATOP's
      ddyr does not make a member for that day (ATOP-3855 has no 679-365 cell in 1990).
    """
    named = [(r, codes.on(r.member, r.entry.span()[0])) for r in rows]
    entered = {(r.phase, r.member, r.entry.text()) for r in rows}
    ended = {(r.phase, r.exit.text()) for r, code in named if _state_ends(codes, code, r)}

    def end(r: MemberRow) -> str | None:
        if not r.exit.known:
            return None
        if not (r.exit.month and r.exit.day):
            return r.exit.after()
        handoff = any(p == r.phase and who != r.member and e == r.exit.text() for p, who, e in entered)
        return r.exit.text() if handoff or (r.phase, r.exit.text()) in ended else r.exit.after()

    return [_Spell(r, code, r.entry.text(), end(r)) for r, code in named]


def _state_ends(codes: Codes, code: str, r: MemberRow) -> bool:
    """Whether the row's state ends (in the registry) on the row's exit day, a day ATOP gives in full."""
    if not (r.exit.known and r.exit.month and r.exit.day):
        return False
    day = r.exit.span()[0]
    return not codes.registry.exists(code, day) and codes.registry.exists(code, day - dt.timedelta(days=1))


def _memberships(spells: Iterable[_Spell]) -> dict[str, list[_Spell]]:
    """The spells of each membership, named by the state of its first entry.

    The rows of one ccode are one membership (365 is the USSR and Russia: continuity carries it), and
    so are the rows of ccodes that name one state (FRG 260 and Germany 255 are both ``DEU``).
    """
    groups: list[tuple[set[str], list[_Spell]]] = []
    by_ccode: dict[int, list[_Spell]] = defaultdict(list)
    for s in spells:
        by_ccode[s.row.member].append(s)
    for ss in by_ccode.values():
        names = {s.code for s in ss}
        hits = [g for g in groups if g[0] & names]
        merged = (names.union(*(g[0] for g in hits)), [*(x for g in hits for x in g[1]), *ss])
        groups = [g for g in groups if all(g is not h for h in hits)] + [merged]
    out = {}
    for _, ss in groups:
        firsts = min(ss, key=lambda s: (_early(s.entry), s.row.member))
        out[firsts.code] = ss
    return dict(sorted(out.items()))


def _parties(first: Mapping[str, str], begin: str) -> list[str]:
    """Founding members: those in from the alliance's first day (else the earliest ones)."""
    begin_day = _early(begin)
    parties = [m for m in first if _early(first[m]) <= begin_day]
    if not parties:
        earliest = min(_early(v) for v in first.values())
        parties = [m for m in first if _early(first[m]) == earliest]
    return parties


def _opening(begin: str, src_a: str) -> list[Event]:
    src = f"{src_a} (begyr/begmo/begday)"
    return [
        Event(
            type=EventType.signed,
            date=begin,
            source=src,
            note="ATOP dates an alliance from its signature (codebook §2.32)",
        ),
        Event(
            type=EventType.entered_into_force,
            date=begin,
            source=src,
            note="ATOP treats a signed alliance as in force from signature",
        ),
    ]


def _closing(a: AllianceRow, src_a: str, spells: list[_Spell]) -> list[Event]:
    """ATOP's end of the whole alliance, when it has ended: the day after its last day in force, or that
    day itself where the last members' spells end on it (their state ended that day: ``_spells``)."""
    if not a.end.known:
        return []
    ends = {s.end for s in spells}
    on_day = a.end.text() in ends and a.end.after() not in ends
    return [
        Event(
            type=EventType.terminated,
            date=a.end.text() if on_day else a.end.after(),
            source=f"{src_a} (endyr/endmo/endday)",
            note="ATOP's end of the whole alliance, "
            + ("on the day its last members' state ended" if on_day else "last day in force + 1 day"),
        )
    ]


def _membership_events(
    atopid: int, by_member: Mapping[str, list[_Spell]], first: Mapping[str, str], parties: list[str], codes: Codes
) -> list[Event]:
    """Accessions of later members; withdrawals of members whose last row ends (unless ATOP revives the alliance).

    A withdrawal names the state on the member's last day in (365 leaving in 1996 is ``RUS``).
    """
    final = {m: _final_end([s.end for s in ss]) for m, ss in by_member.items()}
    kept = _kept_through_gap(first, final)
    events: list[Event] = []
    for m, ss in by_member.items():
        ccodes = "/".join(str(c) for c in dict.fromkeys(s.row.member for s in ss))
        src_m = f"ATOP 5.1 {MEMBER_FILE} atopid={atopid} member={ccodes}"
        if m not in parties:
            note = "ATOP entry = the member's signature (of the treaty or an accession protocol)"
            events.append(Event(type=EventType.accession, party=m, date=first[m], source=src_m, note=note))
        last = final[m]
        if last is not None and m not in kept:
            lr = next(s.row for s in ss if s.end == last)
            note = (
                f"ATOP exit {lr.exit_text} is the last day in force; "
                f"termmode={_shown(lr.termmode)}, termcaus={_shown(lr.termcaus)} (codes verbatim)"
            )
            who = codes.last_in(lr.member, _early(last))
            events.append(Event(type=EventType.withdrawal, party=who, date=last, source=src_m, note=note))
    return events


def _shown(code: int | None) -> str:
    return "?" if code is None else str(code)


def _final_end(ends: list[str | None]) -> str | None:
    if any(e is None for e in ends):
        return None
    return max((e for e in ends if e is not None), key=lambda s: parse_partial(s).latest)


def _kept_through_gap(first: Mapping[str, str], final: Mapping[str, str | None]) -> set[str]:
    """Members whose exit would end the treaty (fewer than two left) although ATOP revives it later.

    ATOP keeps one atopid when an alliance lapses and is revived as a new phase (atopid 2340: the
    Saudi–Yemeni treaty, 1934–1962 and again from 1995). The engine ends a treaty for good when
    fewer than two members remain, so these members get no withdrawal event; their obligation
    windows (``since``/``until``) still end on ATOP's day.
    """
    kept: set[str] = set()
    while True:
        collapse = _first_collapse(first, final, kept)
        if collapse is None or not any(_early(f) > collapse for f in first.values()):
            return kept
        kept |= {m for m, e in final.items() if e is not None and _early(e) == collapse}


def _first_collapse(first: Mapping[str, str], final: Mapping[str, str | None], kept: set[str]) -> dt.date | None:
    """The first day on which fewer than two members remain after two or more were in."""
    points = []
    for m, f in first.items():
        points.append((_early(f), 1, m))
        e = final[m]
        if e is not None and m not in kept:
            points.append((_early(e), -1, m))
    points.sort(key=lambda p: (p[0], -p[1]))
    count = peak = 0
    for day, delta, _ in points:
        count += delta
        peak = max(peak, count)
        if peak >= 2 and count < 2:
            return day
    return None


def _coding(a: AllianceRow, spells: list[_Spell], phases: list[PhaseRow], src_a: str) -> AtopCoding:
    """ATOP's own coding of the alliance, kept verbatim in the ``atop`` block (with each row's ccode)."""
    ph_models = [
        AtopPhase(
            phase=p.phase,
            begins=p.begin.text(),
            ends=p.end.after() if p.end.known else None,
            members=list(dict.fromkeys(s.code for s in spells if s.row.phase == p.phase)),
        )
        for p in sorted(phases, key=lambda p: p.phase)
    ]
    member_rows = [
        AtopMemberRow(
            member=s.code,
            ccode=s.row.member,
            phase=s.row.phase,
            entry=s.entry,
            exit=s.row.exit.text() if s.row.exit.known else None,
            termmode=s.row.termmode,
            termcaus=s.row.termcaus,
            codes=s.row.codes,
            source=f"ATOP 5.1 {MEMBER_FILE} atopid={a.atopid} member={s.row.member} phase={s.row.phase}",
        )
        for s in spells
    ]
    version = spells[0].row.version or "5.1"
    return AtopCoding(
        atopid=a.atopid, version=version, phases=ph_models, members=member_rows, codes=a.codes, source=src_a
    )


# ---------------------------------------------------------------- obligations


Window = tuple[str, str | None]


def _obligations(atopid: int, spells: list[_Spell], per_direction: Directed | None, codes: Codes) -> list[Obligation]:
    """Each member row's obligations toward the other members of its phase, over the days both are in."""
    by_phase: dict[int, list[_Spell]] = defaultdict(list)
    for s in spells:
        by_phase[s.row.phase].append(s)
    out: list[Obligation] = []
    for pn, same_phase in sorted(by_phase.items()):
        for s in same_phase:
            windows = _windows(s, same_phase)
            for kind in KINDS:
                if kind in s.row.kinds:
                    out += _owed(atopid, pn, s.row, kind, windows, per_direction, codes)
    return out


def _windows(s: _Spell, same_phase: list[_Spell]) -> dict[Window, list[int]]:
    """The partners' ccodes of one row, grouped by the days both rows cover (``[since, until)``)."""
    groups: dict[Window, list[int]] = defaultdict(list)
    for o in same_phase:
        if o.row.member == s.row.member or o.code == s.code:
            continue
        since = max(s.entry, o.entry, key=_early)
        until = s.end if o.end is None else o.end if s.end is None else min(s.end, o.end, key=_early)
        if until is not None and parse_partial(until).latest <= parse_partial(since).earliest:
            continue
        groups[(since, until)].append(o.row.member)
    return groups


def _owed(
    atopid: int,
    pn: int,
    r: MemberRow,
    kind: str,
    windows: Mapping[Window, list[int]],
    per_direction: Directed | None,
    codes: Codes,
) -> list[Obligation]:
    """One kind of obligation of one member row, one obligation per window of partners (codes on ``since``)."""
    varies = per_direction is not None and r.flag("obvary")
    set_flags = "".join(f", {f}=1" for f in flags(kind, r))
    source = f"ATOP 5.1 {MEMBER_FILE} atopid={atopid} member={r.member} phase={r.phase} ({kind}=1{set_flags})"
    if varies:
        source += "; obvary=1: beneficiaries from ATOP's directed dyad-year file"
    out = []
    ordered = sorted(windows.items(), key=lambda kv: (_early(kv[0][0]), kv[0][0], kv[0][1] or ""))
    for (since, until), partners in ordered:
        if varies:
            assert per_direction is not None
            partners = _directed_partners(atopid, r.member, kind, partners, (since, until), per_direction)
        day = _early(since)
        obligor = codes.on(r.member, day)
        bens = sorted({codes.on(c, day) for c in partners} - {obligor})
        if not bens:
            continue
        adversaries = list(dict.fromkeys(codes.on(c, day) for c in r.statthr if c != r.member and codes.known(c)))
        out.append(
            Obligation(
                article=f"ATOP phase {pn}" if pn else "ATOP",
                kind=_KIND[kind],
                obligors=[obligor],
                beneficiaries=bens,
                conditions=conditions(kind, r, [c for c in adversaries if c != obligor]),
                since=since,
                until=until,
                source=source,
            )
        )
    return out


def _directed_partners(
    atopid: int, member: int, kind: str, partners: list[int], window: Window, per_direction: Directed
) -> list[int]:
    """The partners toward which ATOP's directed file codes ``kind`` in a year of the window."""
    since, until = window
    last = (parse_partial(until).latest - dt.timedelta(days=1)).year if until else KNOWLEDGE_DATE.year
    years = set(range(_early(since).year, last + 1))
    return [b for b in partners if per_direction.get((member, b, f"{kind}@{atopid}"), set()) & years]


def _unexplained(cells: Directed, members: list[MemberRow]) -> Directed:
    """The ddyr's 1-cells minus those another alliance already explains, kept per atopid.

    The ddyr merges every alliance, so a cell may come from another one (France -> UK defence in 1937 is
    atopid 2420's, not Locarno 2130's). For each obvary alliance, the cells that some *other* alliance's
    member rows (without obvary) give the same directed dyad, kind and year are removed; the result is
    keyed ``(ccode1, ccode2, "kind@atopid")``.
    """
    covered = _covered(members)
    out: Directed = {}
    for aid in {r.atopid for r in members if r.flag("obvary")}:
        ccodes = {r.member for r in members if r.atopid == aid}
        for a in ccodes:
            for b in ccodes:
                for kind in KINDS:
                    years = cells.get((a, b, kind))
                    if years and a != b:
                        other = {y for o, y in covered.get((a, b, kind), ()) if o != aid}
                        out[(a, b, f"{kind}@{aid}")] = years - other
    return out


def _covered(members: list[MemberRow]) -> dict[tuple[int, int, str], set[tuple[int, int]]]:
    """``(ccode1, ccode2, kind) -> {(atopid, year)}`` that members without obvary give, pair by pair in a phase."""
    rows_by: dict[tuple[int, int], list[MemberRow]] = defaultdict(list)
    for r in members:
        rows_by[(r.atopid, r.phase)].append(r)
    covered: dict[tuple[int, int, str], set[tuple[int, int]]] = defaultdict(set)
    for (aid, _ph), rs in rows_by.items():
        for r in rs:
            if r.flag("obvary"):
                continue
            for s in rs:
                if s is r:
                    continue
                y0 = max(r.entry.year, s.entry.year)
                y1 = min(r.exit.year or KNOWLEDGE_DATE.year, s.exit.year or KNOWLEDGE_DATE.year)
                for kind in r.kinds:
                    covered[(r.member, s.member, kind)].update((aid, y) for y in range(y0, y1 + 1))
    return covered


# ---------------------------------------------------------------- without writing


def shipped_registry() -> Registry:
    """The shipped state registry (``rules/states.yaml``, read alone), which an imported folder is read with."""
    states, problems = read_states_cached(shipped_rules())
    if problems:
        raise RulesError(problems)
    return Registry(states)


def load(data_dir: str | Path, *, as_of: str | dt.date | None = None, directed: str | Path | None = None) -> Corpus:
    """Import ATOP from ``data_dir`` into a ``treatyrules.Corpus`` over the shipped registry, writing no file.

    ``directed``: ATOP's directed dyad-year file for ``obvary`` members (see ``build``).
    """
    imp = build(data_dir, None, directed)
    return Corpus(imp.treaties, imp.registry, as_of=as_of, knowledge_date=imp.knowledge_date)
