"""Panels: obligations as directed-dyad-year, dyad-year, state-year or directed-dyad-day tables (docs/panels.md).

Built from the corpus' obligation spells (``CompiledCorpus.spells``) compiled once into columns
(``compile_panel``: int32 days, the state codes as COW ccodes by period from the registry's ccode
spells: Germany is 260 before 1990-10-03 and 255 from then), then filled with numpy. Columns are
ATOP's names: ``defense, offense, neutral, nonagg, consul`` (0/1).

Year rules: ``any-day`` (ATOP's convention) puts a dyad-year in the panel when an obligation holds
on at least one day of the year, counting days that are only *possibly* in force (a partial date's
range); ``all-days`` only when it certainly holds on every day of the year.

Units:

* ``directed-dyad-year``: ``ccode1, ccode2, year`` + kinds; ccode1 owes ccode2.
* ``dyad-year``: ``ccode1 < ccode2``; a kind is 1 when either owes it to the other (ATOP ``dy``).
* ``state-year``: ``ccode, year`` + kinds; 1 when the state owes the kind to someone (ATOP ``sy``).
* ``directed-dyad-day``: spells, not days: ``ccode1, ccode2, start, end`` + kinds, one row per
  maximal ``[start, end)`` over which the dyad's row is constant, clipped to
  ``[from-01-01, to+1-01-01)``.

By default only rows with at least one obligation are emitted; ``universe="system"`` gives every
dyad (or state) of COW system members instead, 0 where nothing is owed, with an ``extrapolated``
column for cells after the knowledge date. On request: ``with_treaties`` (``treaties``,
``atopids``), ``with_flags`` (ATOP's condition flags), ``with_censoring`` (day spells cut by the
window). ``import treatyrules.panel`` needs no numpy; building a panel does.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..compiled import CompiledCorpus, CorpusLike, core
from .options import FLAGS, KIND_COLUMNS, KINDS, UNITS, UNIVERSES, YEAR_RULES, Options, as_year, flag_columns, options
from .table import ListColumn, Meta, Panel

if TYPE_CHECKING:
    from .spells import PanelSpells

__all__ = [
    "FLAGS",
    "KINDS",
    "KIND_COLUMNS",
    "UNITS",
    "UNIVERSES",
    "YEAR_RULES",
    "Columns",
    "ListColumn",
    "Meta",
    "Options",
    "Panel",
    "as_year",
    "compile_panel",
    "flag_columns",
    "is_cow_ccode",
    "options",
    "panel",
    "panel_from",
]

#: The former name of ``Panel``.
Columns = Panel


def is_cow_ccode(ccode: int) -> bool:
    """Whether a ccode is in COW's state-system range (2..999); ATOP's own codes such as 8152 are not.

    >>> is_cow_ccode(365), is_cow_ccode(8152)
    (True, False)
    """
    return 2 <= ccode <= 999


_COMPILED: weakref.WeakKeyDictionary[CompiledCorpus, PanelSpells] = weakref.WeakKeyDictionary()


def compile_panel(corpus: CorpusLike) -> PanelSpells:
    """What every panel of ``corpus`` is filled from (``PanelSpells``): computed once per compiled corpus
    (kept while the corpus lives), then every panel of it is a fill."""
    from .spells import compile_panel as _compile

    c = core(corpus)
    hit = _COMPILED.get(c)
    if hit is None:
        hit = _COMPILED[c] = _compile(c)
    return hit


def panel_from(compiled: PanelSpells, *args: Any, **kwargs: Any) -> Panel:
    """A panel from compiled spells (``compile_panel``; the CLI caches them); the options as ``panel``'s."""
    from .build import build

    return build(compiled, options(*args, **kwargs))


def panel(
    corpus: CorpusLike,
    unit: str = "directed-dyad-year",
    start: Any = 1815,
    end: Any = 2018,
    kinds: Iterable[str] | None = None,
    year_rule: str = "any-day",
    cow_only: bool = False,
    *,
    universe: str | None = None,
    with_treaties: bool = False,
    with_flags: bool = False,
    with_censoring: bool = False,
) -> Panel:
    """The obligations of ``corpus`` as a panel over the years ``start..end`` (both included).

    ``start``/``end``: a year as an int, ``"1990"``, a date, ``pandas.Timestamp`` or
    ``numpy.datetime64``. ``kinds``: ATOP's column names or ours (``defence``...). ``cow_only``:
    leave out every row with a ccode outside COW's state system (``is_cow_ccode``), as ATOP's own
    dyadic files do (they omit member 8152 of atopid 1320). ``universe="system"``: every dyad (or
    state) of system members, zero-filled, with an ``extrapolated`` column. ``with_treaties``: the
    ``treaties`` (ids) and ``atopids`` behind each row. ``with_flags``: ATOP's condition flags of
    the row's pledges (``flag_columns``). ``with_censoring``: day spells' ``left_censored`` and
    ``right_censored`` (cut by the window's first or last day).
    """
    o = options(unit, start, end, kinds, year_rule, cow_only, universe, with_treaties, with_flags, with_censoring)
    from .build import build

    return build(compile_panel(corpus), o)
