"""The state registry: codes, names, COW ccodes and letters by period, system membership, existence
and continuity (docs/registry.md).

A state's text is read as it was meant on a day: ``resolve("365", on)`` is the USSR in 1985 and
Russia in 1995. Continuity (``lineage``, ``acts_for``, ``member_for``, ``code_on``, ``successions``)
follows continuators in time order, so a code that lives in two periods (``RUS``: the Russian state
to 1922, the Russian Federation from 1991) is followed without looping. Everything is computed
from tables built once per registry; the registry is immutable.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import Field, model_validator

from .dates import PartialDate
from .errors import AmbiguousStateError, UnknownStateNameError
from .schema import Code, Model, PDate

__all__ = ["CcodeSpell", "Dispute", "Period", "Registry", "State", "Succession", "SystemSpell"]

#: How a state ended: its treaties pass to ``continuator`` (continuation, a merger whose successor
#: keeps them, a disputed case resolved that way) or lapse (absorption, dissolution).
Succession = Literal["continuation", "absorption", "merger", "dissolution", "disputed"]

_MIN = dt.date.min
_MAX = dt.date.max
_PREFIXES = ("iso", "cow", "ccode")
_CODE_LIKE = re.compile(r"^[A-Z]{2,4}$")


class CcodeSpell(Model):
    """A COW ccode, with its COW letters, over the half-open period ``[since, until)``."""

    ccode: int
    letters: Code | None = None
    since: PDate | None = None
    until: PDate | None = None


class SystemSpell(Model):
    """A spell of COW interstate-system membership ``[since, until)``; no ``until``: still a member."""

    since: PDate
    until: PDate | None = None


class Dispute(Model):
    """A documented choice where sources disagree: what the registry assumes, and the alternative."""

    about: str
    assumed: str
    alternative: str
    source: str


def _check_ending(m: Period | State) -> None:
    if m.ended is None and (m.succession or m.continuator or m.absorbed_by or m.successors):
        raise ValueError(
            "succession, continuator, absorbed_by and successors need 'ended' (the first day it no longer existed)"
        )
    if m.continuator is not None and m.absorbed_by is not None:
        raise ValueError("give either continuator (its treaties pass on) or absorbed_by (they lapse), not both")


class Period(Model):
    """An earlier life of a code that lives twice (``RUS``: the Russian state until 1922-12-30)."""

    name: str | None = None
    began: PDate | None = None
    ended: PDate
    succession: Succession
    continuator: Code | None = None
    absorbed_by: Code | None = None
    successors: list[Code] = Field(default_factory=list)
    source: str
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Period:
        _check_ending(self)
        return self


class State(Model):
    """A state: canonical code (ISO 3166-1 alpha-3, ISO 3166-3 for former states, chosen codes
    where ISO has none), names, COW ccodes and system spells, existence and succession.

    ``began``/``ended``: its (last) existence ``[began, ended)``; no ``began``: it existed before
    the registry's horizon. ``succession``: how it ended. ``continuator``: the state that continues
    its treaties from ``ended`` (``SUN`` -> ``RUS``); without one, its treaties lapse for it.
    ``earlier``: earlier periods of the same code, in time order.
    """

    code: Code
    name: str
    aliases: list[str] = Field(default_factory=list)
    ccodes: list[CcodeSpell] = Field(default_factory=list)
    system: list[SystemSpell] = Field(default_factory=list)
    began: PDate | None = None
    ended: PDate | None = None
    succession: Succession | None = None
    continuator: Code | None = None
    absorbed_by: Code | None = None
    successors: list[Code] = Field(default_factory=list)
    succession_source: str | None = None
    earlier: list[Period] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)
    recognition: str | None = None
    source: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> State:
        _check_ending(self)
        return self


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class _Life:
    """One period of a code: ``[began, ended)`` and who continues it."""

    began: dt.date
    ended: dt.date
    continuator: str | None
    ended_as: PartialDate | None


Span = tuple[dt.date, dt.date, str]  # [since, until) -> code


def _span(since: PartialDate | None, until: PartialDate | None) -> tuple[dt.date, dt.date]:
    return (since.earliest if since else _MIN, until.earliest if until else _MAX)


def normalize(text: str) -> str:
    """The key a name is looked up by: case, accents, punctuation and spacing do not count.

    >>> normalize("  Côte d’Ivoire ") == normalize("cote d'ivoire")
    True
    >>> normalize("Korea, North")
    'korea north'
    """
    s = text
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s.replace("’", "'"))
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("&", " and ")
    s = _PUNCT.sub(" ", s)
    return " ".join(s.casefold().split())


_PUNCT = re.compile(r"[-–—_/,.()]")


def _pick(spans: Sequence[Span], on: dt.date | None) -> str:
    """The holder of a ccode or letter code on ``on``; see ``Registry.resolve``."""
    holders = {c for _, _, c in spans}
    if len(holders) == 1:
        return spans[0][2]
    if on is None:
        open_ = [c for _, u, c in spans if u == _MAX]
        return open_[-1] if open_ else max(spans, key=lambda s: s[1])[2]
    for s, u, c in spans:
        if s <= on < u:
            return c
    before = [sp for sp in spans if sp[1] <= on]
    return max(before, key=lambda s: s[1])[2] if before else min(spans)[2]


class Registry:
    """Look up states by code, name, alias, COW ccode or letters (case-insensitive), by date.

    >>> r = Registry([State(code="SUN", name="USSR", aliases=["SUHH"], ended="1991-12-26",
    ...                     continuator="RUS"), State(code="RUS", name="Russia")])
    >>> r.canonical("suhh")
    'SUN'
    >>> r.code_on("SUN", dt.date(1995, 1, 1))
    'RUS'
    >>> sorted(r.lineage("RUS"))
    ['RUS', 'SUN']
    """

    def __init__(self, states: Iterable[State]) -> None:
        self.states: dict[str, State] = {}
        for s in states:
            self.states[s.code] = s
        self._codes: dict[str, str] = {c.upper(): c for c in self.states}
        names: dict[str, set[str]] = {}
        iso: dict[str, set[str]] = {}
        ccodes: dict[int, list[Span]] = {}
        letters: dict[str, list[Span]] = {}
        self._lives: dict[str, tuple[_Life, ...]] = {}
        self._system: dict[str, tuple[tuple[dt.date, dt.date], ...]] = {}
        self._cc: dict[str, tuple[tuple[dt.date, dt.date, int, str | None], ...]] = {}
        members: list[tuple[int, dt.date, dt.date, str]] = []
        for code, s in self.states.items():
            for text in (s.name, *s.aliases):
                names.setdefault(normalize(text), set()).add(code)
                if _CODE_LIKE.match(text):
                    iso.setdefault(text, set()).add(code)
            spells = []
            for sp in s.ccodes:
                lo, hi = _span(sp.since, sp.until)
                spells.append((lo, hi, sp.ccode, sp.letters))
                ccodes.setdefault(sp.ccode, []).append((lo, hi, code))
                if sp.letters:
                    letters.setdefault(sp.letters, []).append((lo, hi, code))
            self._cc[code] = tuple(sorted(spells))
            self._system[code] = tuple(sorted(_span(sp.since, sp.until) for sp in s.system))
            lives: list[Period | State] = [*s.earlier, s]
            self._lives[code] = tuple(_Life(*_span(p.began, p.ended), p.continuator, p.ended) for p in lives)
        for code in self.states:
            for lo, hi in self._system[code]:
                members.append((self._ccode_at(code, lo) or 0, lo, hi, code))
        for code in self.states:
            names.pop(normalize(code), None)  # a code is read as a code
        self._names = {k: tuple(sorted(v)) for k, v in names.items()}
        self._iso = {k: tuple(sorted(v)) for k, v in iso.items()}
        self._ccodes = {k: tuple(sorted(v)) for k, v in ccodes.items()}
        self._letters = {k: tuple(sorted(v)) for k, v in letters.items()}
        self._members = tuple(sorted(members))
        self._successions: dict[tuple[str, int], tuple[tuple[str, str, PartialDate], ...]] = {}
        self._lineage: dict[str, frozenset[str]] = {}
        self._acts: dict[tuple[str, str], bool] = {}
        self._member_for: dict[tuple[str, tuple[str, ...]], str | None] = {}
        self._reach: dict[str, frozenset[str]] = {}
        self._gaps: dict[str, tuple[tuple[str, dt.date, dt.date | None, str | None], ...]] = {}
        self._periods = sum(len(v) for v in self._lives.values())  # bounds every walk along continuators

    # ------------------------------------------------------------ reading a text

    def __contains__(self, code: object) -> bool:
        if isinstance(code, str) and code in self.states:
            return True
        if not isinstance(code, (str, int)) or isinstance(code, bool):
            return False
        try:
            self.resolve(code)
        except (UnknownStateNameError, AmbiguousStateError):
            return False
        return True

    def __getitem__(self, code: str) -> State:
        return self.states[self.canonical(code)]

    def canonical(self, code: str | int) -> str:
        """The canonical code for a code, alias, name or ccode (``resolve`` without a date)."""
        return self.resolve(code)

    def resolve(self, text: str | int, on: dt.date | None = None) -> str:
        """The registry code of ``text`` on the day ``on``.

        ``text`` is a registry code (ISO 3166 alpha-3, historic or chosen), a name or alias (ISO
        alpha-2 and old codes included), COW letters or a ccode, case-insensitive; ``iso:AUS``,
        ``cow:AUS`` and ``ccode:365`` force one reading. A registry code wins over COW letters
        (``AUS`` is Australia, ``cow:AUS`` Austria). A ccode or letter code that meant several states
        resolves to the one holding it on ``on`` (else the last one before it, else the first);
        without a date, to the one holding it now, else the last one. Raises
        ``AmbiguousStateError`` for a name several states share (``Congo``) and
        ``UnknownStateError`` (with suggestions from codes and names) for an unknown text.

        >>> r = Registry([State(code="SUN", name="USSR", ccodes=[{"ccode": 365, "until": "1991-12-26"}]),
        ...               State(code="RUS", name="Russia", ccodes=[{"ccode": 365, "since": "1991-12-26"}])])
        >>> r.resolve(365, dt.date(1985, 1, 1)), r.resolve("ccode:365", dt.date(1995, 1, 1)), r.resolve("365")
        ('SUN', 'RUS', 'RUS')
        """
        if isinstance(text, int) and not isinstance(text, bool):
            return self._by_ccode(text, on, str(text))
        raw = str(text).strip()
        hit = self._codes.get(raw) or self._codes.get(raw.upper())
        if hit is not None:
            return hit
        head, sep, rest = raw.partition(":")
        if sep and head.strip().lower() in _PREFIXES:
            return self._prefixed(head.strip().lower(), rest.strip(), on, raw)
        if raw.isdigit():
            return self._by_ccode(int(raw), on, raw)
        found = self._names.get(normalize(raw))
        if found is not None:
            return self._one(found, raw)
        spans = self._letters.get(raw.upper())
        if spans is not None:
            return _pick(spans, on)
        raise UnknownStateNameError(raw, self._suggest(raw))

    def _prefixed(self, kind: str, rest: str, on: dt.date | None, raw: str) -> str:
        if kind == "ccode":
            if rest.isdigit():
                return self._by_ccode(int(rest), on, raw)
        elif kind == "cow":
            spans = self._letters.get(rest.upper())
            if spans is not None:
                return _pick(spans, on)
        else:
            hit = self._codes.get(rest.upper())
            if hit is not None:
                return hit
            found = self._iso.get(rest.upper())
            if found is not None:
                return self._one(found, raw)
        raise UnknownStateNameError(raw, self._suggest(rest))

    def _by_ccode(self, ccode: int, on: dt.date | None, raw: str) -> str:
        spans = self._ccodes.get(ccode)
        if spans is None:
            raise UnknownStateNameError(raw, [])
        return _pick(spans, on)

    def _one(self, codes: tuple[str, ...], raw: str) -> str:
        if len(codes) == 1:
            return codes[0]
        raise AmbiguousStateError(raw, [(c, self.states[c].name) for c in codes])

    def _suggest(self, text: str, n: int = 3) -> list[tuple[str, str]]:
        """Up to ``n`` ``(code, name)`` pairs for the codes and names nearest to ``text``."""
        key = normalize(text)
        short = len(key) <= 4  # code-like: compared with codes and names, not with two-letter aliases
        pool = {k: v for k, v in self._names.items() if not short or len(k) > 2}
        pool.update({c.casefold(): (c,) for c in self.states})
        out: list[str] = []
        best = 0.0
        for hit in difflib.get_close_matches(key, list(pool), n=10, cutoff=0.6):
            score = difflib.SequenceMatcher(None, key, hit).ratio()
            best = max(best, score)
            if score >= best - 0.1:  # near the best match only
                out += [c for c in pool[hit] if c not in out]
        return [(c, self.states[c].name) for c in out[:n]]

    # ------------------------------------------------------------ ccodes, letters, the system

    def by_ccode(self, ccode: int, on: dt.date) -> str | None:
        """The state that held a COW ccode on a day (``None`` when none did)."""
        for lo, hi, code in self._ccodes.get(ccode, ()):
            if lo <= on < hi:
                return code
        return None

    def _ccode_at(self, code: str, on: dt.date) -> int | None:
        for lo, hi, cc, _ in self._cc[code]:
            if lo <= on < hi:
                return cc
        return None

    def ccode(self, code: str, on: dt.date) -> int | None:
        """The COW ccode of a state on a day (Germany: 260 before 1990-10-03, 255 from then)."""
        return self._ccode_at(self.resolve(code, on), on)

    def letters(self, code: str, on: dt.date) -> str | None:
        """The COW letters of a state on a day (``DEU``: ``GFR`` before 1990-10-03, ``GMY`` from then)."""
        for lo, hi, _, lt in self._cc[self.resolve(code, on)]:
            if lo <= on < hi:
                return lt
        return None

    def in_system(self, code: str, on: dt.date) -> bool:
        """Whether a state was a member of the COW interstate system on a day."""
        return any(lo <= on < hi for lo, hi in self._system[self.resolve(code, on)])

    def system_on(self, on: dt.date) -> list[State]:
        """The members of the interstate system on a day, in ccode order.

        >>> r = Registry([State(code="FRA", name="France", ccodes=[{"ccode": 220}],
        ...                     system=[{"since": "1816-01-01", "until": "1942-11-12"}, {"since": "1944-08-25"}])])
        >>> [s.code for s in r.system_on(dt.date(1943, 1, 1))], [s.code for s in r.system_on(dt.date(1950, 1, 1))]
        ([], ['FRA'])
        """
        return [self.states[c] for _, lo, hi, c in self._members if lo <= on < hi]

    def exists(self, code: str, on: dt.date) -> bool:
        """Whether a state existed on a day (under the registry's documented choices)."""
        return any(life.began <= on < life.ended for life in self._lives[self.resolve(code, on)])

    # ------------------------------------------------------------ continuity

    def _life_index(self, code: str, on: dt.date) -> int:
        """The period of ``code`` current on ``on`` (the last begun by then, else the first)."""
        lives = self._lives[code]
        i = 0
        for j, life in enumerate(lives):
            if life.began <= on:
                i = j
        return i

    def _chain(self, code: str, index: int) -> tuple[tuple[str, str, PartialDate], ...]:
        """Continuity steps from period ``index`` of ``code``, in time order, each period once."""
        key = (code, index)
        if key in self._successions:
            return self._successions[key]
        out: list[tuple[str, str, PartialDate]] = []
        seen = {key}
        cur, i = code, index
        while True:
            life = self._lives[cur][i]
            nxt = life.continuator
            if life.ended_as is None or nxt is None or nxt not in self._lives:
                break
            j = self._life_index(nxt, life.ended)
            if (nxt, j) in seen:
                break
            out.append((cur, nxt, life.ended_as))
            seen.add((nxt, j))
            cur, i = nxt, j
        self._successions[key] = tuple(out)
        return self._successions[key]

    def successions(self, code: str, since: dt.date | None = None) -> list[tuple[str, str, PartialDate]]:
        """``(from, to, day)`` steps of continuity from ``code``, in time order.

        They start at the code's first period, or at the one current on ``since``:
        ``RUS`` -> ``SUN`` (1922-12-30) -> ``RUS`` (1991-12-26).
        """
        c = self.canonical(code)
        return list(self._chain(c, 0 if since is None else self._life_index(c, since)))

    def keeps_its_code(self, code: str) -> bool:
        """Whether ``code_on(code, day)`` is ``code`` (or ``None``, after its end) on every day: a
        registry code of a single period that no continuator follows.

        >>> r = Registry([State(code="SUN", name="USSR", ended="1991-12-26", continuator="RUS"),
        ...               State(code="RUS", name="Russia", began="1991-12-26")])
        >>> r.keeps_its_code("SUN"), r.keeps_its_code("RUS")
        (False, True)
        """
        return code in self.states and len(self._lives[code]) == 1 and not self._chain(code, 0)

    def code_on(self, code: str, on: dt.date) -> str | None:
        """The code that holds a state's treaty rights on a day, following continuators.

        ``None`` when the state has ended with no continuator (its treaties lapse for it).
        """
        cur = self.resolve(code, on)
        i = self._life_index(cur, on)
        for _ in range(self._periods + 1):
            life = self._lives[cur][i]
            if on < life.ended:
                return cur
            if life.continuator is None or life.continuator not in self._lives:
                return None
            cur, i = life.continuator, self._life_index(life.continuator, life.ended)
        return cur

    def _reaches(self, code: str) -> frozenset[str]:
        """Every code that takes ``code``'s place through continuity, from any of its periods."""
        if code not in self._reach:
            self._reach[code] = frozenset(
                to for i in range(len(self._lives[code])) for _, to, _ in self._chain(code, i)
            )
        return self._reach[code]

    def system_gaps(self, member: str) -> tuple[tuple[str, dt.date, dt.date | None, str | None], ...]:
        """The days the state ``member`` (or the state continuing it) is outside the interstate system
        between its spells, as ``(code, first day out, first day back or None, source)``: France
        1942-11-11 to 1944-08-25. Nothing before its first spell, nor for a state with no spells.

        >>> r = Registry([State(code="FRA", name="France", system=[{"since": "1816-01-01", "until": "1942-11-11"},
        ...                                                       {"since": "1944-08-25"}])])
        >>> r.system_gaps("FRA")
        (('FRA', datetime.date(1942, 11, 11), datetime.date(1944, 8, 25), None),)
        """
        if member not in self:
            return ()
        key = self.canonical(member)
        if key not in self._gaps:
            self._gaps[key] = self._find_gaps(key)
        return self._gaps[key]

    def _find_gaps(self, code: str) -> tuple[tuple[str, dt.date, dt.date | None, str | None], ...]:
        line = [code, *(to for _, to, _ in self._chain(code, 0))]
        spans = sorted({sp for c in dict.fromkeys(line) for sp in self._system[c]})
        out: list[tuple[str, dt.date, dt.date | None, str | None]] = []
        for (_, a_end), (b_start, _) in itertools.pairwise(spans):
            if b_start > a_end:
                who = self.code_on(code, a_end) or code
                out.append((who, a_end, b_start, self.states[who].source))
        if spans and spans[-1][1] < _MAX:
            last = spans[-1][1]
            who = self.code_on(code, last - dt.timedelta(days=1)) or code
            if self.code_on(code, last) is not None:  # still exists, but outside the system
                out.append((who, last, None, self.states[who].source))
        return tuple(out)

    def lineage(self, code: str) -> frozenset[str]:
        """The state, the states that continue it and the states it continues.

        Symmetric: ``b in lineage(a)`` exactly when ``a in lineage(b)``. An absorbed state is not
        in its absorber's lineage (``DDR`` is not in ``lineage("DEU")``).
        """
        c = self.canonical(code)
        if c not in self._lineage:
            self._lineage[c] = frozenset({c, *self._reaches(c), *(o for o in self.states if c in self._reaches(o))})
        return self._lineage[c]

    def code_days(self, code: str) -> tuple[dt.date, ...]:
        """The days on which ``code_on(code, day)`` may change, in order: each day a period of a state
        of its line of continuity (``lineage``) begins or ends (a superset: not each changes it).

        >>> r = Registry([State(code="SUN", name="USSR", ended="1991-12-26", continuator="RUS"),
        ...               State(code="RUS", name="Russia", began="1991-12-26")])
        >>> r.code_days("SUN"), r.code_days("XYZ")
        ((datetime.date(1991, 12, 26),), ())
        """
        if code not in self:
            return ()
        days: set[dt.date] = set()
        for c in self.lineage(code):
            s = self.states[c]
            periods: list[Period | State] = [*s.earlier, s]
            days.update(d.earliest for p in periods for d in (p.began, p.ended) if d is not None)
        return tuple(sorted(days))

    def acts_for(self, code: str, member: str) -> bool:
        """Whether ``code`` is ``member`` or holds its place through continuity (``RUS`` for ``SUN``)."""
        key = (code, member)
        if key not in self._acts:
            c = self.canonical(code) if code in self else code
            m = self.canonical(member) if member in self else member
            self._acts[key] = c == m or (m in self._lives and c in self._reaches(m))
        return self._acts[key]

    def member_for(self, code: str, members: Sequence[str]) -> str | None:
        """The member of ``members`` that ``code`` is or acts for (itself first), else ``None``."""
        key = (code, tuple(members))
        if key not in self._member_for:
            found = code if code in members else next((m for m in members if self.acts_for(code, m)), None)
            self._member_for[key] = found
        return self._member_for[key]

    # ------------------------------------------------------------ checks

    def problems(self) -> list[str]:
        """Inconsistencies in the registry's data: unknown references, overlapping ccode spells,
        shared names, system spells outside a state's existence (empty for the shipped registry)."""
        out: list[str] = []
        for code, s in self.states.items():
            refs = [s.continuator, s.absorbed_by, *s.successors]
            refs += [x for p in s.earlier for x in (p.continuator, p.absorbed_by, *p.successors)]
            out += [f"{code}: refers to unknown state {r}" for r in refs if r is not None and r not in self.states]
            for lo, hi in self._system[code]:
                if not any(life.began <= lo and hi <= life.ended for life in self._lives[code]):
                    out.append(f"{code}: system spell from {lo} lies outside its existence")
            if s.succession == "disputed" and not s.disputes:
                out.append(f"{code}: a disputed succession needs a 'disputes' entry saying what is assumed")
            periods = [(sp[0], sp[1]) for sp in self._cc[code]] + list(self._system[code])
            periods += [(life.began, life.ended) for life in self._lives[code]]
            out += [f"{code}: a period from {lo} ends on or before it begins" for lo, hi in periods if hi <= lo]
        for cc, spans in self._ccodes.items():
            out += [
                f"ccode {cc}: {a[2]} and {b[2]} overlap from {b[0]}"
                for a, b in itertools.pairwise(spans)
                if b[0] < a[1]
            ]
        return out
