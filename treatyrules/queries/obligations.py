"""Who owes whom on a day: the corpus' obligation spells, compiled once and queried by date.

The compiled corpus holds every directed spell of every treaty, derived once per treaty when a
day first needs it (``CompiledCorpus.spells_on``); a query keeps the spells that hold on the day
and match the filters. Party codes in answers are the canonical codes on that day (``RUS`` for the USSR's rights
from 1991-12-26); a filter code matches its whole line of continuity, so ``SUN`` and ``RUS`` both
find the Soviet/Russian obligations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from ..compiled import CompiledCorpus, DateLike
from ..dates import parse_date
from ..display import HTML_ROWS, TEXT_ROWS, Shown, clipped, counted, grouped, html_table, joined, more, sample, tally
from ..frames import Tabular, columns, pick
from ..lookup import KINDS, obligation_kind
from ..obligations import Held, Make, Pairs
from ..regions import Regions
from ..schema import Conditions, Obligation
from ..timeline import Step

__all__ = ["KINDS", "ObligationAnswer", "conditions_json", "conditions_words", "obligations"]


class _Head(NamedTuple):
    """What the answers of one declaration on one day share: their day, treaty, article, kind and
    declared conditions, and where their ``conditions`` and ``basis`` come from until first read
    (the declaration's words, shared; the treaty's ``Pairs`` and the declaration's index)."""

    date: dt.date
    treaty: str
    article: str
    kind: str
    declared: Conditions | None
    words: dict[str, Any] | None = None
    pairs: Pairs | None = None
    declaration: int = -1  # its position in the treaty's obligations


@dataclass(frozen=True, repr=False, init=False)
class ObligationAnswer(Shown, Tabular):
    """One directed obligation on one day: obligor owes beneficiary ``kind`` under ``article``.

    Its table row: ``date, treaty, article, kind, obligor, beneficiary, certain``, ``conditions`` (the
    phrase of ``conditions_words``), one column per declared condition (``armed_attack, state_of_war,
    non_provocation, constitutional_processes, on_request, threat``: true or null; ``adversaries``:
    codes joined by commas; ``location``: its phrase), ``basis_steps`` (how many steps ``basis`` holds).
    A list of them shows grouped by treaty, article, kind and conditions.

    A frozen dataclass of these fields whose instances hold what the answers of one declaration on
    one day share in one ``_Head`` (``date, treaty, article, kind, declared``, read through
    properties); ``conditions`` and ``basis`` are made when first read (``_Lazy``), then kept.
    """

    __slots__ = ("_a", "_b", "_head", "basis", "beneficiary", "certain", "conditions", "obligor")
    if TYPE_CHECKING:  # the slots that are no fields: the shared head, the members behind the codes
        _head: _Head
        _a: str | None
        _b: str | None

    date: dt.date
    treaty: str
    article: str
    kind: str
    obligor: str
    beneficiary: str
    conditions: dict[str, Any]
    basis: tuple[Step, ...]
    certain: bool
    declared: Conditions | None

    def __init__(
        self,
        date: dt.date,
        treaty: str,
        article: str,
        kind: str,
        obligor: str,
        beneficiary: str,
        conditions: dict[str, Any],
        basis: tuple[Step, ...],
        certain: bool = True,
        declared: Conditions | None = None,
    ) -> None:
        head = _Head(date, treaty, article, kind, declared)
        _fill(self, head, obligor, beneficiary, certain, conditions, basis, None, None)

    def __reduce__(self) -> tuple[Any, ...]:  # pickle and copy: the fields, ``conditions`` and ``basis`` made
        fields_ = (self.date, self.treaty, self.article, self.kind, self.obligor, self.beneficiary)
        return (ObligationAnswer, (*fields_, self.conditions, self.basis, self.certain, self.declared))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "treaty": self.treaty,
            "article": self.article,
            "kind": self.kind,
            "obligor": self.obligor,
            "beneficiary": self.beneficiary,
            "conditions": self.conditions,
            "basis": [s.to_json() for s in self.basis],
        }
        if not self.certain:
            out["certain"] = False
        return out

    noun = ("obligation", "obligations")
    html_header = ("treaty", "article", "kind", "obligor", "beneficiary", "conditions")
    frame_columns = columns(
        "date:date treaty article kind obligor beneficiary certain:bool conditions armed_attack:bool "
        "state_of_war:bool adversaries location non_provocation:bool constitutional_processes:bool on_request:bool "
        "threat:bool basis_steps:int"
    )

    def words(self) -> str:
        """The conditions as a phrase (``armed attack; state of war``)."""
        return conditions_words(self.declared or Conditions(), _NO_REGIONS)

    def brief(self) -> str:
        unsure = "; uncertain: the day falls where the dates are open" if not self.certain else ""
        said = f"{self.obligor} owes {self.beneficiary} {self.kind} on {self.date}"
        return f"{self.treaty} Art. {self.article}: {said} ({self.words()}{unsure})"

    def html_cells(self) -> tuple[object, ...]:
        return (self.treaty, self.article, self.kind, self.obligor, self.beneficiary, self.words())

    def frame_rows(self) -> list[dict[str, Any]]:
        return [self._row(_condition_cells(self.declared))]

    @classmethod
    def rows_of(cls, items: Sequence[ObligationAnswer]) -> list[dict[str, Any]]:
        """The table rows of a list, the cells of each declared ``Conditions`` worded once (thousands of
        answers share a few dozen)."""
        cells: dict[int, dict[str, Any]] = {}
        rows = []
        for a in items:
            key = id(a.declared)  # the answers hold their Conditions alive for the whole call
            if key not in cells:
                cells[key] = _condition_cells(a.declared)
            rows.append(a._row(cells[key]))
        return rows

    def _row(self, conditions: dict[str, Any]) -> dict[str, Any]:
        row = pick(self, "date treaty article kind obligor beneficiary certain")
        return {**row, **conditions, "basis_steps": len(self.basis)}

    @classmethod
    def list_summary(cls, items: Sequence[Any]) -> str:
        treaties = counted(len({a.treaty for a in items}), "treaty", "treaties")
        return f"{tally(a.kind for a in items)} under {treaties}" if items else ""

    @classmethod
    def _groups(cls, items: Sequence[ObligationAnswer]) -> list[tuple[str, str, str, int, str, str]]:
        """One row per treaty, article, kind and conditions: how many pairs, and the first of them."""
        rows = []
        for (treaty, article, kind, words), group in grouped(items, lambda a: (a.treaty, a.article, a.kind, a.words())):
            pairs = [f"{a.obligor}→{a.beneficiary}" for a in group]
            rows.append((treaty, article, kind, len(group), sample(pairs, 4), words))
        return rows

    @classmethod
    def _list_lines(cls, items: Sequence[Any], head: str) -> list[str]:
        rows = cls._groups(items)
        lines = [
            f"  {t} Art. {art} {kind}: {counted(n, 'pair')} ({pairs}): {clipped(w, 100)}"
            for t, art, kind, n, pairs, w in rows
        ]
        return [head, *lines[:TEXT_ROWS], *more(min(len(lines), TEXT_ROWS), len(lines), ".to_pandas() has all")]

    @classmethod
    def _list_html(cls, items: Sequence[Any], head: str) -> str:
        rows = cls._groups(items)
        header = ("treaty", "article", "kind", "pairs", "obligor→beneficiary", "conditions")
        return html_table(
            header, rows[:HTML_ROWS], caption=head, notes=more(min(len(rows), HTML_ROWS), len(rows), ".to_pandas()")
        )


class _Lazy:
    """A field read through its slot, filled on first read by ``fill(answer)`` while the slot holds
    ``None``: ``basis`` from the head's ``Pairs`` (``Pairs.basis_for``), ``conditions`` as the
    answer's own copy of the words in its head (which its declaration's answers share)."""

    def __init__(self, slot: Any, fill: Callable[[ObligationAnswer], Any]) -> None:
        self.slot, self.fill = slot, fill

    def __get__(self, obj: ObligationAnswer | None, cls: type | None = None) -> Any:
        if obj is None:
            return self
        got = self.slot.__get__(obj, cls)
        if got is None and (got := self.fill(obj)) is not None:
            self.slot.__set__(obj, got)
        return got

    def __set__(self, obj: ObligationAnswer, value: Any) -> None:
        self.slot.__set__(obj, value)


def _basis(a: ObligationAnswer) -> tuple[Step, ...] | None:
    head = a._head
    return head.pairs.basis_for((head.declaration, a._a, a._b)) if head.pairs is not None else None  # type: ignore[arg-type]


def _words(a: ObligationAnswer) -> dict[str, Any] | None:
    words = a._head.words
    return _copied(words) if words is not None else None


ObligationAnswer.basis = _Lazy(ObligationAnswer.__dict__["basis"], _basis)  # type: ignore[assignment,misc]
ObligationAnswer.conditions = _Lazy(ObligationAnswer.__dict__["conditions"], _words)  # type: ignore[assignment,misc]
for _name in ("date", "treaty", "article", "kind", "declared"):  # each read from the head
    setattr(ObligationAnswer, _name, property(attrgetter(f"_head.{_name}"), doc=f"The answer's ``{_name}``."))
_NO_REGIONS = Regions()
_FLAGS = ("armed_attack", "state_of_war", "non_provocation", "constitutional_processes", "on_request", "threat")


def _condition_cells(declared: Conditions | None) -> dict[str, Any]:
    """The condition columns of an obligation's row: flags true or null, adversaries, location, the phrase."""
    c = declared or Conditions()
    located = conditions_words(Conditions(location=c.location), _NO_REGIONS) if c.location else None
    cells: dict[str, Any] = {k: getattr(c, k) or None for k in _FLAGS}
    words = conditions_words(c, _NO_REGIONS)
    return {**cells, "conditions": words, "adversaries": joined(c.adversaries), "location": located}


def conditions_json(c: Conditions, regions: Regions) -> dict[str, Any]:
    """The declared conditions' content (only those declared), region names with their descriptions.

    >>> conditions_json(Conditions(armed_attack=True, adversaries=["JPN"]), Regions())
    {'armed_attack': True, 'adversaries': ['JPN']}
    """
    out: dict[str, Any] = {}
    for key in ("armed_attack", "state_of_war"):
        if getattr(c, key):
            out[key] = True
    if c.adversaries:
        out["adversaries"] = list(c.adversaries)
        if c.adversaries_include_allies:
            out["adversaries_include_allies"] = True
    if c.location is not None:
        loc: dict[str, Any] = {}
        if c.location.territory_of:
            loc["territory_of"] = c.location.territory_of
        if c.location.regions:
            loc["regions"] = [{"name": n, "description": regions.describe(n)} for n in c.location.regions]
        if c.location.forces:
            loc["forces"] = True
        if c.location.forces_regions:
            loc["forces_regions"] = [{"name": n, "description": regions.describe(n)} for n in c.location.forces_regions]
        if c.location.text:
            loc["text"] = c.location.text
        out["location"] = loc
    for key in ("non_provocation", "constitutional_processes", "on_request", "threat"):
        if getattr(c, key):
            out[key] = True
    if c.other:
        out["other"] = list(c.other)
    return out


def conditions_words(c: Conditions, regions: Regions) -> str:
    """The conditions in a short phrase for tables.

    >>> conditions_words(Conditions(armed_attack=True, state_of_war=True), Regions())
    'armed attack; state of war'
    """
    parts = []
    if c.armed_attack:
        parts.append("armed attack")
    if c.state_of_war:
        parts.append("state of war")
    if c.adversaries:
        parts.append("attacker " + " or ".join(c.adversaries) + (" or an ally" if c.adversaries_include_allies else ""))
    if c.location is not None:
        where = []
        if c.location.territory_of:
            where.append(
                {"party": "territory of a party", "beneficiary": "territory of the beneficiary", "any": "anywhere"}[
                    c.location.territory_of
                ]
            )
        where += [f"region {n}" for n in c.location.regions]
        if c.location.forces and c.location.regions:
            where.append("on a party's forces there")
        where += [f"on a party's forces in region {n}" for n in c.location.forces_regions]
        if not where and c.location.text:
            where.append(c.location.text)
        parts.append("in " + " or ".join(where))
    for key, words in (
        ("non_provocation", "not provoked"),
        ("constitutional_processes", "constitutional processes"),
        ("on_request", "on request"),
        ("threat", "threat"),
    ):
        if getattr(c, key):
            parts.append(words)
    parts += list(c.other)
    return "; ".join(parts) if parts else "no conditions"


def obligations(
    c: CompiledCorpus,
    on: DateLike,
    *,
    kind: str | None = None,
    obligor: str | None = None,
    beneficiary: str | None = None,
    treaty: str | None = None,
) -> list[ObligationAnswer]:
    """Who owes whom what on a day, ordered by treaty, article, pair (codes canonical on that day;
    filters follow continuity; ``kind`` in any spelling of ``lookup.obligation_kind``: ``defense``)."""
    day = parse_date(on)
    kind = obligation_kind(kind) if kind is not None else None
    tid = c.resolve(treaty) if treaty else None
    ob_line = c.registry.lineage(obligor) if obligor else None
    be_line = c.registry.lineage(beneficiary) if beneficiary else None
    keep = None
    if kind is not None or ob_line is not None or be_line is not None:

        def keep(k: str, a: str, b: str) -> bool:
            ok = kind is None or k == kind
            return ok and (ob_line is None or a in ob_line) and (be_line is None or b in be_line)

    return c.holding_on(day, _answers(c, day), keep, tid)


def _answers(c: CompiledCorpus, day: dt.date) -> Make[ObligationAnswer]:
    """What makes the answers of ``obligations`` on ``day``, a declaration at a time: its ``Conditions``
    worded once per corpus (``conditions_json``), one ``_Head`` its answers share, each answer's own
    copy of the words and its basis made when first read."""
    made: dict[int, dict[str, Any]] = c.memo(conditions_json)
    regions = c.regions

    def answers(treaty: str, index: int, ob: Obligation, pairs: Pairs, held: list[Held]) -> list[ObligationAnswer]:
        conditions = ob.conditions
        words = made.get(id(conditions))  # the corpus keeps its Conditions: their ids are not reused
        if words is None:
            words = made[id(conditions)] = conditions_json(conditions, regions)
        head = _Head(day, treaty, ob.article, ob.kind.value, conditions, words, pairs, index)
        out = []
        for oa, ob_, a, b, v in held:
            x = _new(ObligationAnswer)
            _fill(x, head, oa, ob_, v == 2, None, None, a, b)  # None: made when first read
            out.append(x)
        return out

    return answers


def _copied(value: Any) -> Any:
    """A JSON value's own copy, dicts and lists copied all the way down (so that no two answers share
    a mutable ``conditions``).

    >>> a = {"adversaries": ["JPN"]}
    >>> b = _copied(a)
    >>> b == a and b["adversaries"] is not a["adversaries"]
    True
    """
    if type(value) is dict:
        out = value.copy()
        for k, v in out.items():
            if type(v) in _NESTED:
                out[k] = _copied(v)
        return out
    if type(value) is list:
        return [_copied(v) if type(v) in _NESTED else v for v in value]
    return value


_NESTED = (dict, list)
_new = object.__new__
#: the slots' own setters, in ``_fill``'s order (what ``object.__setattr__`` looks up on every call)
_PUT = tuple(
    (got.slot if isinstance(got, _Lazy) else got).__set__
    for got in (
        ObligationAnswer.__dict__[n]
        for n in ("_head", "obligor", "beneficiary", "certain", "conditions", "basis", "_a", "_b")
    )
)


_put_head, _put_obligor, _put_beneficiary, _put_certain, _put_conditions, _put_basis, _put_a, _put_b = _PUT


def _fill(
    out: ObligationAnswer,
    head: _Head,
    obligor: str,
    beneficiary: str,
    certain: bool,
    conditions: dict[str, Any] | None,
    basis: tuple[Step, ...] | None,
    a: str | None,
    b: str | None,
) -> None:
    """Set the slots of a new answer (``conditions``, ``basis``: ``None`` to be made when first read;
    ``a``, ``b``: the members behind the codes, for the basis)."""
    _put_head(out, head)
    _put_obligor(out, obligor)
    _put_beneficiary(out, beneficiary)
    _put_certain(out, certain)
    _put_conditions(out, conditions)
    _put_basis(out, basis)
    _put_a(out, a)
    _put_b(out, b)
