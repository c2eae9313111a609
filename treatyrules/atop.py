"""Import the ATOP 5.1 alliance dataset (Leeds et al.) into treatyrules rules.

Reads ``atop5_1m.csv`` (members), ``atop5_1a.csv`` (alliances) and, when present, ``atop5_1aph.csv``
(phases) from a folder, and builds one treaty ``ATOP-<atopid>`` per alliance:

* **dates**: ATOP dates are signature dates (codebook §2.32); the alliance starts on ``begyr/begmo/begday``
  (a ``signed`` and an ``entered_into_force`` event on that day). A blank day gives a partial date
  ``YYYY-MM``. ATOP's exit day is the **last day in force** (inclusive): its directed dyad-year file
  counts the exit year even when the exit is on 1 January (atopid 3270 exit 1980-01-01, 1980 coded),
  so our half-open end is ``exit + 1 day``; with a blank day the end is the month ``YYYY-MM``.
* **ongoing**: exit ``0/0/0`` means still in force on 2018-12-31 (right-censored). No end event is
  written; the corpus' ``knowledge_date`` is 2018-12-31 instead.
* **members**: founding members (entry on the alliance's first day) are ``parties``; later ones get an
  ``accession`` event; a member whose last row ends gets a ``withdrawal`` event on its end day (ATOP's
  ``termmode``/``termcaus`` in the note and in the ``atop`` block).
* **obligations**: each member row's own vector (``defense`` ... ``consul``) becomes obligations with
  ``obligors = [member]`` and ``beneficiaries`` = every other member of the same phase, limited to the
  days both rows cover (``since``/``until``). Concurrent phases (successor states) and gaps in a
  member's rows are therefore exact.
* **conditions**: ``*coadv`` -> ``adversaries`` (``statthr1/2``; ``other`` verbatim when none is named),
  ``*coloc`` -> ``location`` (text only: ATOP does not say where), ``*conpr`` -> ``non_provocation``,
  ``neucoatt`` -> ``armed_attack``, ``concoreq`` -> ``on_request``; ``*cocon``, ``*conum``, ``*codem``
  and ``olimob`` -> ``other`` verbatim.
* **states**: one registry entry per COW ccode, code ``COW<ccode>`` (ATOP uses one ccode through time:
  365 is Russia, the USSR and Russia again); names are borrowed from the shipped registry where a
  shipped state holds that ccode. Mixing with hand-coded rules maps codes by ccode and period
  (``treatyrules.mix``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import parse_partial
from .errors import Problem, RulesError
from .schema import (
    AtopCoding,
    AtopMemberRow,
    AtopPhase,
    Conditions,
    Event,
    EventType,
    Location,
    Obligation,
    ObligationKind,
    Treaty,
)
from .serialize import dump_yaml, plain
from .states import CcodeSpell, Registry, State

__all__ = ["KNOWLEDGE_DATE", "AtopImport", "build", "import_atop", "load", "read_directed", "state_code"]

#: ATOP 5.1 observes alliances up to this day; exit 0/0/0 = still in force then (right-censored).
KNOWLEDGE_DATE = dt.date(2018, 12, 31)
MEMBER_FILE = "atop5_1m.csv"
ALLIANCE_FILE = "atop5_1a.csv"
PHASE_FILE = "atop5_1aph.csv"

KINDS: dict[str, ObligationKind] = {
    "defense": ObligationKind.defence,
    "offense": ObligationKind.offence,
    "neutral": ObligationKind.neutrality,
    "nonagg": ObligationKind.non_aggression,
    "consul": ObligationKind.consultation,
}
_PREFIX = {"defense": "def", "offense": "off", "neutral": "neu", "consul": "con"}
_OTHER = ("cocon", "conum", "codem")
_DATES = {
    "yrent",
    "moent",
    "dayent",
    "yrexit",
    "moexit",
    "dayexit",
    "begyr",
    "begmo",
    "begday",
    "endyr",
    "endmo",
    "endday",
}
_MAPPED = (
    _DATES
    | set(KINDS)
    | {"atopid", "member", "phase", "termmode", "termcaus", "version", "source", "statthr1", "statthr2", "atopidphase"}
)


def state_code(ccode: int) -> str:
    """The registry code of a COW ccode in an imported ATOP corpus.

    >>> state_code(365)
    'COW365'
    """
    return f"COW{ccode}"


def _int(v: str | None) -> int | None:
    v = (v or "").strip()
    if not v:
        return None
    return int(float(v))


def _start(y: int | None, m: int | None, d: int | None) -> str:
    """An ATOP entry date as a (partial) date string."""
    assert y
    if not m:
        return f"{y:04d}"
    if not d:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _end(y: int | None, m: int | None, d: int | None, handoff: bool = False) -> str | None:
    """An ATOP exit as our half-open end; None when ongoing (0/0/0).

    The exit is the last day in force, so the end is the day after, except for a hand-off: another
    member enters the same phase on the exit day (FRG 260 -> Germany 255 on 1990-10-03): that day
    belongs to the entrant, so the exit day itself is the first day out (``_is_handoff``).
    """
    if not y:
        return None
    if not m:
        return f"{y:04d}"
    if not d:
        return f"{y:04d}-{m:02d}"
    if handoff:
        return dt.date(y, m, d).isoformat()
    return (dt.date(y, m, d) + dt.timedelta(days=1)).isoformat()


def _is_handoff(r: Mapping[str, str], entered: set[tuple[str, str, str]]) -> bool:
    """Whether another member enters the same phase on the day this row exits (a hand-off).

    In all 9 such cases in ATOP 5.1 (FRG 260 -> Germany 255 on 1990-10-03 in 3130, 3180, 3470, 3740;
    GDR 265 in 3740; the Yemens 678/680 -> 679 on 1990-05-22 in 3015, 3205) ATOP's ddyr never pairs the
    leaver with the entrant, whatever ``termmode`` says (3470 has termmode 2): the day is the entrant's.
    """
    y, m, d = _int(r["yrexit"]), _int(r["moexit"]), _int(r["dayexit"])
    if not (y and m and d):
        return False
    day = _start(y, m, d)
    return any(p == r["phase"] and who != r["member"] and e == day for p, who, e in entered)


def _final_end(ends: list[str | None]) -> str | None:
    if any(e is None for e in ends):
        return None
    return max((e for e in ends if e is not None), key=lambda s: parse_partial(s).latest)


def _kept_through_gap(first: Mapping[int, str], final: Mapping[int, str | None]) -> set[int]:
    """Members whose exit would end the treaty (fewer than two left) although ATOP revives it later.

    ATOP keeps one atopid when an alliance lapses and is revived as a new phase (atopid 2340: the
    Saudi–Yemeni treaty, 1934–1962 and again from 1995). The engine ends a treaty for good when
    fewer than two members remain, so these members get no withdrawal event; their obligation
    windows (``since``/``until``) still end on ATOP's day.
    """
    kept: set[int] = set()
    while True:
        points = []
        for m, f in first.items():
            points.append((_early(f), 1, m))
            e = final[m]
            if e is not None and m not in kept:
                points.append((_early(e), -1, m))
        points.sort(key=lambda p: (p[0], -p[1]))
        count = peak = 0
        collapse = None
        for day, delta, _ in points:
            count += delta
            peak = max(peak, count)
            if peak >= 2 and count < 2:
                collapse = day
                break
        if collapse is None or not any(_early(f) > collapse for f in first.values()):
            return kept
        kept |= {m for m, e in final.items() if e is not None and _early(e) == collapse}


def _early(s: str) -> dt.date:
    return parse_partial(s).earliest


@dataclass(frozen=True)
class AtopImport:
    """What an import produced: treaties, the registry, and counts for the report."""

    treaties: list[Treaty]
    states: list[State]
    rows: int
    knowledge_date: dt.date = KNOWLEDGE_DATE


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _need(data_dir: Path, name: str) -> Path:
    p = data_dir / name
    if not p.is_file():
        raise RulesError(
            [
                Problem(
                    str(p),
                    1,
                    1,
                    f"missing ATOP file {name}; pass the folder that holds {MEMBER_FILE} and {ALLIANCE_FILE}",
                    code="io",
                )
            ]
        )
    return p


def _conditions(kind: str, r: Mapping[str, str], adversaries: list[str]) -> Conditions:
    if kind == "nonagg":
        return Conditions(other=["olimob"] if _int(r.get("olimob")) else [])
    p = _PREFIX[kind]

    def flag(name: str) -> bool:
        return bool(_int(r.get(p + name)))

    kw: dict[str, Any] = {}
    other: list[str] = []
    if flag("coadv"):
        if adversaries:
            kw["adversaries"] = adversaries
        other.append(f"{p}coadv")
    if flag("coloc"):
        kw["location"] = Location(text=f"ATOP {p}coloc=1: limited to a location (the codesheet names it)")
    if kind in ("defense", "neutral") and flag("conpr"):
        kw["non_provocation"] = True
    if kind == "neutral" and flag("coatt"):
        kw["armed_attack"] = True
    if kind == "consul" and flag("coreq"):
        kw["on_request"] = True
    for name in _OTHER:
        if (p + name) in r and flag(name):
            other.append(p + name)
    if _int(r.get("olimob")):
        other.append("olimob")
    return Conditions(other=other, **kw)


Directed = dict[tuple[int, int, str], set[int]]


def read_directed(path: str | Path) -> Directed:
    """ATOP's directed dyad-year obligations as ``(ccode1, ccode2, kind) -> years`` (1-cells only).

    Reads ``atop5_1_ddyr_obligations.csv.gz`` (columns ``atop_defense`` ...) or ATOP's own ``atop5_1ddyr``
    CSV (``defense`` ... or upper case); ``.gz`` files are decompressed.
    """
    import gzip

    path = Path(path)
    if not path.is_file():
        raise RulesError(
            [
                Problem(
                    str(path),
                    1,
                    1,
                    "missing ATOP directed dyad-year file; pass the path of "
                    "atop5_1_ddyr_obligations.csv.gz or atop5_1ddyr.csv",
                    code="io",
                )
            ]
        )
    opener = gzip.open if path.suffix == ".gz" else open
    out: Directed = defaultdict(set)
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        cols = {c.lower(): c for c in reader.fieldnames or []}
        names = {k: cols.get(f"atop_{k}") or cols.get(k) for k in KINDS}
        missing = [k for k, v in names.items() if v is None]
        missing += [c for c in ("ccode1", "ccode2", "year") if c not in cols]
        if missing:
            raise RulesError(
                [
                    Problem(
                        str(path),
                        1,
                        1,
                        f"not an ATOP directed dyad-year file: no column for {', '.join(missing)}",
                        code="io",
                    )
                ]
            )
        for row in reader:
            a, b, y = int(row[cols["ccode1"]]), int(row[cols["ccode2"]]), int(row[cols["year"]])
            for k, col in names.items():
                if col is not None and row[col].strip() in ("1", "1.0"):
                    out[(a, b, k)].add(y)
    return dict(out)


def _unexplained(cells: Directed, members: list[dict[str, str]]) -> Directed:
    """The ddyr's 1-cells minus those another alliance already explains, kept per atopid.

    The ddyr merges every alliance, so a cell may come from another one (France -> UK defence in 1937 is
    atopid 2420's, not Locarno 2130's). For each obvary alliance, the cells that some *other* alliance's
    member rows (without obvary) give the same directed dyad, kind and year are removed; the result is
    keyed ``(ccode1, ccode2, "kind@atopid")``.
    """
    rows_by: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in members:
        rows_by[(r["atopid"], r["phase"])].append(r)
    covered: dict[tuple[int, int, str], set[tuple[str, int]]] = defaultdict(set)
    varying = {r["atopid"] for r in members if _int(r.get("obvary"))}
    for (aid, _ph), rs in rows_by.items():
        for r in rs:
            if _int(r.get("obvary")):
                continue
            for s in rs:
                if s is r:
                    continue
                y0 = max(_int(r["yrent"]) or 0, _int(s["yrent"]) or 0)
                y1 = min(_int(r["yrexit"]) or KNOWLEDGE_DATE.year, _int(s["yrexit"]) or KNOWLEDGE_DATE.year)
                for kind in KINDS:
                    if _int(r.get(kind)):
                        covered[(int(r["member"]), int(s["member"]), kind)].update((aid, y) for y in range(y0, y1 + 1))
    out: Directed = {}
    for aid in varying:
        ccodes = {int(r["member"]) for (x, _ph), rs in rows_by.items() if x == aid for r in rs}
        for a in ccodes:
            for b in ccodes:
                for kind in KINDS:
                    years = cells.get((a, b, kind))
                    if years and a != b:
                        other = {y for o, y in covered.get((a, b, kind), ()) if o != aid}
                        out[(a, b, f"{kind}@{aid}")] = years - other
    return out


def build(data_dir: str | Path, shipped: Registry | None = None, directed: str | Path | None = None) -> AtopImport:
    """Read the ATOP files in ``data_dir`` into treaties and a registry (nothing is written).

    ``directed``: ATOP's directed dyad-year file. When given, a member with ``obvary`` = 1 (its
    obligations differ by partner, and the member file cannot say toward whom) owes each kind only to
    the partners toward which that file codes the kind in a year both are members (``read_directed``).
    Without it such a member owes its vector to every partner (an upper bound; docs/atop.md).
    """
    data_dir = Path(data_dir)
    members = _read_csv(_need(data_dir, MEMBER_FILE))
    per_direction = _unexplained(read_directed(directed), members) if directed is not None else None
    alliances = {r["atopid"]: r for r in _read_csv(_need(data_dir, ALLIANCE_FILE))}
    phase_path = data_dir / PHASE_FILE
    phases: dict[str, list[dict[str, str]]] = defaultdict(list)
    if phase_path.is_file():
        for r in _read_csv(phase_path):
            phases[r["atopid"]].append(r)
    rows_by: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in members:
        rows_by[r["atopid"]].append(r)
    ccodes: set[int] = set()
    for r in members:
        ccodes.add(int(r["member"]))
        for k in ("statthr1", "statthr2"):
            c = _int(r.get(k))
            if c:
                ccodes.add(c)
    treaties = [
        _treaty(aid, alliances.get(aid), rows, phases.get(aid, []), per_direction)
        for aid, rows in sorted(rows_by.items(), key=lambda kv: int(kv[0]))
    ]
    return AtopImport(treaties, _states(sorted(ccodes), shipped), len(members))


def _states(ccodes: Iterable[int], shipped: Registry | None) -> list[State]:
    out = []
    for c in ccodes:
        names: list[str] = []
        if shipped is not None:
            names = [s.name for s in shipped.states.values() if any(sp.ccode == c for sp in s.ccodes)]
        out.append(
            State(
                code=state_code(c),
                name=" / ".join(names) if names else f"COW state {c}",
                ccodes=[CcodeSpell(ccode=c)],
                source=f"COW ccode {c} as used in ATOP 5.1 ({MEMBER_FILE} member/statthr1/statthr2)"
                + ("; name from the shipped registry entry with this ccode" if names else ""),
            )
        )
    return out


def _treaty(
    aid: str,
    a: Mapping[str, str] | None,
    rows: list[dict[str, str]],
    phase_rows: list[dict[str, str]],
    per_direction: Directed | None = None,
) -> Treaty:
    atopid = int(aid)
    src_a = f"ATOP 5.1 {ALLIANCE_FILE} atopid={aid}"
    rows = sorted(rows, key=lambda r: (int(r["phase"] or 0), int(r["member"])))
    entries = {id(r): _start(_int(r["yrent"]), _int(r["moent"]), _int(r["dayent"])) for r in rows}
    entered = {(r["phase"], r["member"], entries[id(r)]) for r in rows}
    ends = {
        id(r): _end(_int(r["yrexit"]), _int(r["moexit"]), _int(r["dayexit"]), _is_handoff(r, entered)) for r in rows
    }
    if a is not None:
        begin = _start(_int(a["begyr"]), _int(a["begmo"]), _int(a["begday"]))
    else:
        begin = min(entries.values(), key=_early)
    by_member: dict[int, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_member[int(r["member"])].append(r)
    first = {m: min((entries[id(r)] for r in rs), key=_early) for m, rs in by_member.items()}
    begin_day = _early(begin)
    parties = [state_code(m) for m in sorted(by_member) if _early(first[m]) <= begin_day]
    if not parties:
        earliest = min(_early(v) for v in first.values())
        parties = [state_code(m) for m in sorted(by_member) if _early(first[m]) == earliest]
    events: list[Event] = [
        Event(
            type=EventType.signed,
            date=begin,
            source=f"{src_a} (begyr/begmo/begday)",
            note="ATOP dates an alliance from its signature (codebook §2.32)",
        ),
        Event(
            type=EventType.entered_into_force,
            date=begin,
            source=f"{src_a} (begyr/begmo/begday)",
            note="ATOP treats a signed alliance as in force from signature",
        ),
    ]
    final = {m: _final_end([ends[id(r)] for r in rs]) for m, rs in by_member.items()}
    kept = _kept_through_gap(first, final)
    for m in sorted(by_member):
        code = state_code(m)
        rs = by_member[m]
        src_m = f"ATOP 5.1 {MEMBER_FILE} atopid={aid} member={m}"
        if code not in parties:
            events.append(
                Event(
                    type=EventType.accession,
                    party=code,
                    date=first[m],
                    source=src_m,
                    note="ATOP entry = the member's signature (of the treaty or an accession protocol)",
                )
            )
        last = final[m]
        if last is not None and m not in kept:
            lr = next(r for r in rs if ends[id(r)] == last)
            events.append(
                Event(
                    type=EventType.withdrawal,
                    party=code,
                    date=last,
                    source=src_m,
                    note=(
                        f"ATOP exit {lr['yrexit']}-{lr['moexit']}-{lr['dayexit'] or '?'} is the last day in force; "
                        f"termmode={lr['termmode'] or '?'}, termcaus={lr['termcaus'] or '?'} (codes verbatim)"
                    ),
                )
            )
    if a is not None and _int(a["endyr"]):
        end = _end(_int(a["endyr"]), _int(a["endmo"]), _int(a["endday"]))
        if end is not None:
            events.append(
                Event(
                    type=EventType.terminated,
                    date=end,
                    source=f"{src_a} (endyr/endmo/endday)",
                    note="ATOP's end of the whole alliance (last day in force + 1 day)",
                )
            )
    obligations = _obligations(aid, rows, entries, ends, per_direction)
    ph_models = []
    for p in sorted(phase_rows, key=lambda r: int(r["phase"] or 0)):
        pn = int(p["phase"] or 0)
        ph_models.append(
            AtopPhase(
                phase=pn,
                begins=_start(_int(p["begyr"]), _int(p["begmo"]), _int(p["begday"])),
                ends=_end(_int(p["endyr"]), _int(p["endmo"]), _int(p["endday"])),
                members=[state_code(int(r["member"])) for r in rows if int(r["phase"] or 0) == pn],
            )
        )
    member_rows = [
        AtopMemberRow(
            member=state_code(int(r["member"])),
            ccode=int(r["member"]),
            phase=int(r["phase"] or 0),
            entry=entries[id(r)],
            exit=_start(_int(r["yrexit"]), _int(r["moexit"]), _int(r["dayexit"])) if _int(r["yrexit"]) else None,
            termmode=_int(r["termmode"]),
            termcaus=_int(r["termcaus"]),
            codes={k: v for k, v in ((k, _int(x)) for k, x in r.items() if k not in _MAPPED) if v},
            source=f"ATOP 5.1 {MEMBER_FILE} atopid={aid} member={r['member']} phase={r['phase']}",
        )
        for r in rows
    ]
    acodes = {
        k: v
        for k, v in ((k, _int(x)) for k, x in (a or {}).items() if k not in _MAPPED and not k.startswith("mem"))
        if v
    }
    coding = AtopCoding(
        atopid=atopid,
        version=(rows[0].get("version") or "5.1"),
        phases=ph_models,
        members=member_rows,
        codes=acodes,
        source=src_a,
    )
    n = len(by_member)
    return Treaty(
        id=f"ATOP-{atopid}",
        title=f"ATOP alliance {atopid} ({'bilateral' if n == 2 else f'{n} members'}, signed {begin})",
        parties=parties,
        obligations=obligations,
        events=events,
        sources=[src_a, f"ATOP 5.1 {MEMBER_FILE} atopid={aid}"],
        atopid=atopid,
        atop=coding,
        notes=[
            "Imported from ATOP 5.1 (Leeds et al.); articles are not in ATOP's files, so each obligation "
            "names its ATOP phase instead."
        ],
    )


def _obligations(
    aid: str,
    rows: list[dict[str, str]],
    entries: Mapping[int, str],
    ends: Mapping[int, str | None],
    per_direction: Directed | None = None,
) -> list[Obligation]:
    out: list[Obligation] = []
    by_phase: dict[int, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_phase[int(r["phase"] or 0)].append(r)
    for pn, prs in sorted(by_phase.items()):
        for r in prs:
            a = int(r["member"])
            adv = [state_code(c) for c in (_int(r.get("statthr1")), _int(r.get("statthr2"))) if c and c != a]
            groups: dict[tuple[str, str | None], list[str]] = defaultdict(list)
            for s in prs:
                b = int(s["member"])
                if b == a:
                    continue
                since = max(entries[id(r)], entries[id(s)], key=_early)
                e1, e2 = ends[id(r)], ends[id(s)]
                until = e1 if e2 is None else e2 if e1 is None else min(e1, e2, key=_early)
                if until is not None and parse_partial(until).latest <= parse_partial(since).earliest:
                    continue
                groups[(since, until)].append(state_code(b))
            for kind, kenum in KINDS.items():
                if not _int(r.get(kind)):
                    continue
                cond = _conditions(kind, r, adv)
                varies = per_direction is not None and bool(_int(r.get("obvary")))
                for (since, until), all_bens in sorted(
                    groups.items(), key=lambda kv: (_early(kv[0][0]), kv[0][0], kv[0][1] or "")
                ):
                    bens = all_bens
                    if varies:
                        assert per_direction is not None
                        years = set(
                            range(
                                _early(since).year,
                                (
                                    (parse_partial(until).latest - dt.timedelta(days=1)).year
                                    if until
                                    else KNOWLEDGE_DATE.year
                                )
                                + 1,
                            )
                        )
                        bens = [
                            b for b in all_bens if per_direction.get((a, int(b[3:]), f"{kind}@{aid}"), set()) & years
                        ]
                        if not bens:
                            continue
                    out.append(
                        Obligation(
                            article=f"ATOP phase {pn}" if pn else "ATOP",
                            kind=kenum,
                            obligors=[state_code(a)],
                            beneficiaries=sorted(bens),
                            conditions=cond,
                            since=since,
                            until=until,
                            source=f"ATOP 5.1 {MEMBER_FILE} atopid={aid} member={a} phase={r['phase']} ({kind}=1)"
                            + ("; obvary=1: beneficiaries from ATOP's directed dyad-year file" if varies else ""),
                        )
                    )
    return out


# ------------------------------------------------------------------ writing and loading


def import_atop(
    data_dir: str | Path, out_dir: str | Path, shipped: Registry | None = None, directed: str | Path | None = None
) -> AtopImport:
    """Write ``out_dir/treaties/ATOP-<atopid>.yaml``, ``states.yaml`` and ``corpus.yaml`` from ATOP.

    ``directed``: ATOP's directed dyad-year file, for the per-partner obligations of ``obvary`` members (``build``).
    """
    if shipped is None:
        shipped = _shipped_registry()
    imp = build(data_dir, shipped, directed)
    out = Path(out_dir)
    tdir = out / "treaties"
    tdir.mkdir(parents=True, exist_ok=True)
    for old in tdir.glob("ATOP-*.yaml"):
        old.unlink()
    for t in imp.treaties:
        buf = io.StringIO()
        buf.write(
            f"# ATOP 5.1 alliance {t.atopid}, imported by treatyrules import-atop; "
            "edit the source data, not this file.\n"
        )
        buf.write(dump_yaml(plain(t)))
        (tdir / f"{t.id}.yaml").write_text(buf.getvalue(), encoding="utf-8")
    head = "# COW ccodes used by ATOP 5.1, one state each (code COW<ccode>). Written by treatyrules import-atop.\n"
    (out / "states.yaml").write_text(head + dump_yaml({"states": [plain(s) for s in imp.states]}), encoding="utf-8")
    (out / "corpus.yaml").write_text(
        "# ATOP 5.1 observes alliances up to 2018-12-31: 'ongoing' (exit 0/0/0) is right-censored there.\n"
        + dump_yaml(
            {
                "knowledge_date": KNOWLEDGE_DATE.isoformat(),
                "source": "ATOP 5.1 (Leeds et al.), atop5_1m.csv, atop5_1a.csv, atop5_1aph.csv",
            }
        ),
        encoding="utf-8",
    )
    return imp


def _shipped_registry() -> Registry | None:
    from .loader import read_folder, shipped_rules

    try:
        return Registry(read_folder(shipped_rules()).states)
    except RulesError:
        return None


def load(data_dir: str | Path, *, as_of: str | dt.date | None = None, directed: str | Path | None = None) -> Any:
    """Import ATOP from ``data_dir`` into a compiled ``Corpus`` without writing any file.

    ``directed``: ATOP's directed dyad-year file for ``obvary`` members (see ``build``).
    """
    from .corpus import Corpus

    imp = build(data_dir, _shipped_registry(), directed)
    return Corpus(imp.treaties, imp.states, as_of=as_of, knowledge_date=imp.knowledge_date)
